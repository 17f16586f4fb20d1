"""Base classes and field types shared by the `Budget` and `Disclosure` models.

All models are immutable pydantic v2 models that forbid unknown fields, so a
misspelt key in a YAML file is an error rather than a silently ignored value.
Amounts are `Decimal`; a float never gets in (YAML and Excel readers hand over
text or Decimal), and a negative or over-precise amount is refused here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

from yusuan.money import AmountError, AmountTooLarge, parse_amount


class LocatedValueError(ValueError):
    """A validation error that knows which field below the model it is about.

    pydantic reports a model-level check at the model itself; readers that map
    fields to file lines or cells add `loc` to find the exact place.
    """

    def __init__(self, message: str, loc: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.loc = loc


class Frozen(BaseModel):
    """Immutable, strict-keyed model."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def _to_amount(value: Any) -> Decimal:
    if isinstance(value, float):
        raise ValueError("金额须以文本或 Decimal 给出，不接受浮点数")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("金额不能为空")
    try:
        amount = parse_amount(value)
    except AmountTooLarge as exc:
        raise ValueError(str(exc)) from exc
    except AmountError as exc:
        raise ValueError(f"不是金额：{value!r}") from exc
    if amount < 0:
        raise ValueError(f"金额不能为负数：{value}")
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError(f"金额最多两位小数：{value}")
    return amount


def _to_signed_decimal(value: Any) -> Decimal:
    if isinstance(value, float):
        raise ValueError("数值须以文本或 Decimal 给出，不接受浮点数")
    try:
        return parse_amount(value)
    except AmountTooLarge as exc:
        raise ValueError(str(exc)) from exc
    except AmountError as exc:
        raise ValueError(f"不是数值：{value!r}") from exc


Amount = Annotated[Decimal, BeforeValidator(_to_amount)]
"""A non-negative amount with at most two decimals, in the budget's money unit."""

Number = Annotated[Decimal, BeforeValidator(_to_signed_decimal)]
"""Any exact number (areas, weights, changes)."""
