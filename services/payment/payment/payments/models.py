from __future__ import annotations

import hashlib
import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from payment.db import Base

PAYMENT_STATUSES = (
    "requires_payment_method",
    "processing",
    "requires_action",
    "failed",
    "blocked",
    "canceled",
    "succeeded",
    "partially_refunded",
    "refunded",
)
# Payments only move forward: an event that would move one to a lower rank is stale and ignored, so a
# late `succeeded` cannot resurrect a refunded payment and a late `payment_failed` cannot undo a success.
STATUS_RANK = {
    "requires_payment_method": 0,
    "processing": 0,
    "requires_action": 0,
    "failed": 1,
    "blocked": 1,
    "canceled": 1,
    "succeeded": 2,
    "partially_refunded": 3,
    "refunded": 4,
}
CAPTURED_STATUSES = ("succeeded", "partially_refunded", "refunded")
# Waiting for the shopper, with the provider's intent open: the Payment Element confirms it in the browser.
AWAITING_SHOPPER_STATUSES = ("requires_payment_method", "requires_action")


def idempotency_key(order_id: uuid.UUID, attempt: int) -> str:
    """The provider idempotency key of a charge: the same order and attempt never charge twice."""
    return f"order:{order_id}:attempt:{attempt}"


def payment_id_for(key: str) -> str:
    """The payment id follows from the idempotency key, so a retry of an attempt whose transaction was
    lost sends the provider the very same parameters (metadata included) and gets the first answer
    back; the provider refuses a reused key with different parameters."""
    return f"pay_{hashlib.sha256(key.encode()).hexdigest()[:24]}"


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("order_id", "attempt"),
        UniqueConstraint("order_id", "request_key"),
        CheckConstraint(f"status IN {PAYMENT_STATUSES!r}", name="status"),
        CheckConstraint("provider IN ('stripe', 'offline')", name="provider"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint(
            "amount_refunded >= 0 AND amount_refunded <= amount_captured", name="refunds_bounded"
        ),
        CheckConstraint("amount_captured <= amount", name="capture_bounded"),
        Index("ix_payments_user_created", "user_id", "created_at"),
        Index("ix_payments_fingerprint_created", "card_fingerprint", "created_at"),
        Index("ix_payments_ip_created", "client_ip", "created_at"),
        Index("ix_payments_email_created", "email", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    order_id: Mapped[uuid.UUID]
    user_id: Mapped[uuid.UUID]
    attempt: Mapped[int] = mapped_column(Integer)
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    request_key: Mapped[str | None] = mapped_column(String(255))
    provider: Mapped[str] = mapped_column(String(16))
    provider_payment_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    client_secret: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(24))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    amount_captured: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    amount_refunded: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    card_brand: Mapped[str | None] = mapped_column(String(24))
    card_last4: Mapped[str | None] = mapped_column(String(4))
    card_fingerprint: Mapped[str | None] = mapped_column(String(64))
    card_country: Mapped[str | None] = mapped_column(String(2))
    email: Mapped[str | None] = mapped_column(String(320))
    client_ip: Mapped[str | None] = mapped_column(String(45))
    ip_country: Mapped[str | None] = mapped_column(String(2))
    billing_country: Mapped[str | None] = mapped_column(String(2))
    failure_code: Mapped[str | None] = mapped_column(String(64))
    failure_message: Mapped[str | None] = mapped_column(String(255))
    radar_risk_level: Mapped[str | None] = mapped_column(String(16))
    radar_risk_score: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    @property
    def refundable(self) -> int:
        return self.amount_captured - self.amount_refunded
