"""Facts both models hold as they are: staffing numbers and glossary entries.

They live apart from `budget.py` so that reading and checking a published
document (which needs `Disclosure`) does not build the whole `Budget` model.
"""

from __future__ import annotations

from pydantic import Field

from yusuan.model.base import Frozen


class Staffing(Frozen):
    """编制数, 实有人数 = 在职 + 退休 + 离休, each with its change from last year."""

    authorised: int = Field(ge=0, description="编制数")
    in_service: int = Field(ge=0, description="在职")
    retired: int = Field(ge=0, description="退休")
    retired_cadres: int = Field(0, ge=0, description="离休")
    in_service_change: int = 0
    retired_change: int = 0
    retired_cadres_change: int = 0

    @property
    def actual(self) -> int:
        """实有人数."""
        return self.in_service + self.retired + self.retired_cadres


class GlossaryEntry(Frozen):
    term: str
    definition: str
