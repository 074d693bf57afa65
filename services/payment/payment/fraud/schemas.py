from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from payment.fraud.models import FraudAssessment
from payment.payments.models import Payment


class Reason(BaseModel):
    rule: str
    points: int
    reason: str


class FraudReviewOut(BaseModel):
    payment_id: str
    order_id: uuid.UUID
    user_id: uuid.UUID
    payment_status: str
    amount: int
    currency: str
    score: int = Field(ge=0, le=100)
    decision: Literal["allow", "review", "block"]
    reasons: list[Reason]
    radar_risk_level: str | None
    radar_risk_score: int | None
    review_status: Literal["open", "approved", "rejected"] | None
    reviewed_by: uuid.UUID | None
    reviewed_at: datetime | None
    review_note: str | None
    created_at: datetime

    @classmethod
    def of(cls, assessment: FraudAssessment, payment: Payment) -> FraudReviewOut:
        return cls(
            payment_id=payment.id,
            order_id=payment.order_id,
            user_id=payment.user_id,
            payment_status=payment.status,
            amount=payment.amount,
            currency=payment.currency,
            score=assessment.score,
            decision=assessment.decision,
            reasons=[Reason.model_validate(reason) for reason in assessment.reasons],
            radar_risk_level=assessment.radar_risk_level,
            radar_risk_score=assessment.radar_risk_score,
            review_status=assessment.review_status,
            reviewed_by=assessment.reviewed_by,
            reviewed_at=assessment.reviewed_at,
            review_note=assessment.review_note,
            created_at=assessment.created_at,
        )


class ReviewDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["approve", "reject"] = Field(
        description="approve: keep the payment (a blocked order may be retried); reject: refund it in full"
    )
    note: str | None = Field(default=None, max_length=500)
