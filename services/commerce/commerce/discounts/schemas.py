from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from commerce.discounts.models import CODE_PATTERN
from commerce.discounts.rules import normalise_code

DiscountKind = Literal["percentage", "fixed"]
DiscountStatus = Literal["active", "scheduled", "expired", "used_up", "inactive"]
MAX_AMOUNT = 10**10  # ₹10 crore in paise: far above any order, far below bigint


def _code(value: str) -> str:
    code = normalise_code(value)
    if not re.fullmatch(CODE_PATTERN, code):
        raise ValueError("A code is 3 to 32 letters, digits, '-' or '_' (e.g. DIWALI10).")
    return code


Code = Annotated[str, StringConstraints(max_length=64), AfterValidator(_code)]
Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT, description="Integer minor units (paise)")]
Limit = Annotated[int, Field(ge=1, le=10**9)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


def _check_value(kind: str, value: int) -> None:
    if kind == "percentage" and not 1 <= value <= 100:
        raise ValueError("A percentage discount takes 1 to 100 percent off.")
    if kind == "fixed" and value < 1:
        raise ValueError("A fixed discount takes at least 1 paisa off (value is in paise: 10000 = ₹100).")


def _check_dates(starts_at: datetime | None, ends_at: datetime | None) -> None:
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise ValueError("The end date must be after the start date.")


class DiscountCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Code = Field(description="What shoppers type, any letter case; stored upper-case, unique")
    kind: DiscountKind = Field(description="`percentage` off the subtotal, or a `fixed` amount off")
    value: Annotated[int, Field(ge=1, le=MAX_AMOUNT)] = Field(
        description="Percent (1-100) for `percentage`; minor units (paise) for `fixed`"
    )
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "INR"
    min_order_amount: Amount = Field(default=0, description="Smallest subtotal the code applies to")
    starts_at: AwareDatetime | None = Field(default=None, description="Usable from (none: at once)")
    ends_at: AwareDatetime | None = Field(default=None, description="Usable until, exclusive (none: forever)")
    usage_limit: Limit | None = Field(default=None, description="Uses over all shoppers (none: unlimited)")
    per_customer_limit: Limit | None = Field(default=None, description="Uses per shopper (none: unlimited)")
    active: bool = True
    description: Description | None = Field(default=None, description="For staff, e.g. the campaign")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_value(self.kind, self.value)
        _check_dates(self.starts_at, self.ends_at)
        return self


class DiscountUpdate(BaseModel):
    """Fields to change; the code and its kind stay (create another code instead)."""

    model_config = ConfigDict(extra="forbid")

    value: Annotated[int, Field(ge=1, le=MAX_AMOUNT)] | None = None
    min_order_amount: Amount | None = None
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    usage_limit: Limit | None = None
    per_customer_limit: Limit | None = None
    active: bool | None = Field(default=None, description="false deactivates the code (shoppers are refused)")
    description: Description | None = None


class DiscountOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    kind: DiscountKind
    value: int
    currency: str
    min_order_amount: int
    starts_at: datetime | None
    ends_at: datetime | None
    usage_limit: int | None
    per_customer_limit: int | None
    used_count: int = Field(
        description="Uses held by orders (a cancelled or expired unpaid order gives its use back)"
    )
    active: bool
    description: str | None
    status: DiscountStatus = Field(description="What a shopper would meet now (before per-order checks)")
    created_at: datetime
    updated_at: datetime


class CartDiscountIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)] = Field(
        description="The code as the shopper typed it (any letter case)", examples=["DIWALI10"]
    )


class CartDiscount(BaseModel):
    """The code applied to a cart, checked against the cart as it is now."""

    code: str
    applied: bool = Field(description="False when the code does not apply now: `message` says why")
    amount: int = Field(description="Taken off the subtotal, minor units (0 when not applied)")
    refusal: str | None = Field(default=None, description="The refusal's error code, e.g. discount_expired")
    message: str | None = Field(default=None, description="For the shopper, e.g. how much more to spend")
    amount_to_minimum: int | None = Field(default=None, description="Left to spend to reach the minimum")
