"""The two models yusuan is built around.

`Budget` holds the facts a unit's accountant types in; `Disclosure` holds the
document as published.  compile turns the first into the second; extract reads
the second from published files; render and check work on the second.

Imports are lazy: `from yusuan.model import Disclosure` does not build the
`Budget` model, which keeps `yusuan check` of a published file quick.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yusuan.model.budget import (
        Assets,
        Budget,
        Comparison,
        ExpenditureLine,
        Indicator,
        Procurement,
        Project,
        ProjectPerformance,
        ThreePublic,
        UnitPerformance,
        UnitProfile,
        VehicleCategory,
    )
    from yusuan.model.disclosure import (
        Cell,
        Column,
        Disclosure,
        DocumentMeta,
        Paragraph,
        PerformanceIndicator,
        PerformanceTable,
        Profile,
        Row,
        Section,
        Source,
        Table,
    )
    from yusuan.model.kinds import (
        Col,
        DocumentKind,
        FundSource,
        FundType,
        Side,
        SpendingKind,
        TableKind,
        ThreePublicItem,
    )
    from yusuan.model.people import (
        GlossaryEntry,
        Staffing,
    )

_WHERE = {
    "Assets": "budget",
    "Budget": "budget",
    "Cell": "disclosure",
    "Col": "kinds",
    "Column": "disclosure",
    "Comparison": "budget",
    "Disclosure": "disclosure",
    "DocumentKind": "kinds",
    "DocumentMeta": "disclosure",
    "ExpenditureLine": "budget",
    "FundSource": "kinds",
    "FundType": "kinds",
    "GlossaryEntry": "people",
    "Indicator": "budget",
    "Paragraph": "disclosure",
    "PerformanceIndicator": "disclosure",
    "PerformanceTable": "disclosure",
    "Procurement": "budget",
    "Profile": "disclosure",
    "Project": "budget",
    "ProjectPerformance": "budget",
    "Row": "disclosure",
    "Section": "disclosure",
    "Side": "kinds",
    "Source": "disclosure",
    "SpendingKind": "kinds",
    "Staffing": "people",
    "Table": "disclosure",
    "TableKind": "kinds",
    "ThreePublic": "budget",
    "ThreePublicItem": "kinds",
    "UnitPerformance": "budget",
    "UnitProfile": "budget",
    "VehicleCategory": "budget",
}

__all__ = [
    "Assets",
    "Budget",
    "Cell",
    "Col",
    "Column",
    "Comparison",
    "Disclosure",
    "DocumentKind",
    "DocumentMeta",
    "ExpenditureLine",
    "FundSource",
    "FundType",
    "GlossaryEntry",
    "Indicator",
    "Paragraph",
    "PerformanceIndicator",
    "PerformanceTable",
    "Procurement",
    "Profile",
    "Project",
    "ProjectPerformance",
    "Row",
    "Section",
    "Side",
    "Source",
    "SpendingKind",
    "Staffing",
    "Table",
    "TableKind",
    "ThreePublic",
    "ThreePublicItem",
    "UnitPerformance",
    "UnitProfile",
    "VehicleCategory",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'yusuan.model' has no attribute {name!r}")
    value = getattr(import_module(f"yusuan.model.{module}"), name)
    globals()[name] = value
    return value
