from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from payment.refunds.models import Refund


class RefundRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: int | None = Field(
        default=None, gt=0, description="Minor units; omitted: everything not yet refunded (owners: omit it)"
    )
    reason: Literal["requested_by_customer", "duplicate", "fraudulent"] = "requested_by_customer"
    note: str | None = Field(default=None, max_length=500, description="Free text kept with the refund")


class RefundOut(BaseModel):
    refund_id: str
    payment_id: str
    amount: int
    currency: str
    status: Literal["pending", "succeeded", "failed", "canceled"]
    reason: str
    initiated_by: str
    created_at: datetime

    @classmethod
    def of(cls, refund: Refund) -> RefundOut:
        return cls(
            refund_id=refund.id,
            payment_id=refund.payment_id,
            amount=refund.amount,
            currency=refund.currency,
            status=refund.status,
            reason=refund.reason,
            initiated_by=refund.initiated_by.split(":", 1)[0],
            created_at=refund.created_at,
        )
