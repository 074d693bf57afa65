"""Bodies of the calls between services (docs/internal-api.md), imported by both sides.

payment calls commerce's `/internal/v1/orders/...`: mark-paid, mark-refunded and, before any refund
reaches the provider, refund-hold (then refund-release if the provider refuses). commerce owns the
order's state, money included; these models are the whole of what the two agree on.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
PositiveAmount = Annotated[int, Field(gt=0, le=10**12, description="Integer minor units")]


class MarkPaid(BaseModel):
    payment_id: ExternalId
    amount: PositiveAmount
    currency: Currency


class MarkRefunded(BaseModel):
    payment_id: ExternalId
    refund_id: ExternalId
    amount: PositiveAmount
    currency: Currency
    hold_id: ExternalId | None = Field(
        default=None, description="The refund-hold this refund settles (it ends the hold)"
    )


class RefundHold(BaseModel):
    """A refund about to be asked of the provider: commerce takes it into account first, under the order's
    lock. A full refund moves the order to `refund_pending`, which blocks fulfilment; a partial one
    leaves the order shippable (it is only checked)."""

    hold_id: ExternalId = Field(description="Stable per refund attempt: a retry sends the same id")
    payment_id: ExternalId
    amount: PositiveAmount
    currency: Currency
    full: bool = Field(description="The refund returns everything left of the payment")
    by_owner: bool = Field(description="Asked by the shopper: allowed only while the order is `paid`")


class RefundRelease(BaseModel):
    """The provider refused the refund: the order goes back to where it was before the hold."""

    hold_id: ExternalId
