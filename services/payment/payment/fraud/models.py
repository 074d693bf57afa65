from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from payment.db import Base

DECISIONS = ("allow", "review", "block")
REVIEW_STATUSES = ("open", "approved", "rejected")


class FraudAssessment(Base):
    """The risk score of one payment attempt, with the reason of every point."""

    __tablename__ = "fraud_assessments"
    __table_args__ = (
        CheckConstraint(f"decision IN {DECISIONS!r}", name="decision"),
        CheckConstraint(f"review_status IN {REVIEW_STATUSES!r}", name="review_status"),
        CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
        Index("ix_fraud_assessments_decision_created", "decision", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    payment_id: Mapped[str] = mapped_column(ForeignKey("payments.id", ondelete="CASCADE"), unique=True)
    order_id: Mapped[uuid.UUID] = mapped_column(index=True)
    user_id: Mapped[uuid.UUID]
    score: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(8))
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    radar_risk_level: Mapped[str | None] = mapped_column(String(16))
    radar_risk_score: Mapped[int | None] = mapped_column(Integer)
    review_status: Mapped[str | None] = mapped_column(String(16))
    reviewed_by: Mapped[uuid.UUID | None]
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    review_note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
