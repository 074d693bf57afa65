from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from payment.db import Base

REFUND_STATUSES = ("pending", "succeeded", "failed", "canceled")
REFUND_REASONS = (
    "requested_by_customer",
    "fraudulent",
    "duplicate",
    "order_not_payable",
    "already_paid",
    "amount_mismatch",
    "order_not_found",
    "provider",
)
# Automatic refunds of payments commerce refused: commerce never recorded them, so it hears nothing.
SILENT_REASONS = ("order_not_payable", "already_paid", "amount_mismatch", "order_not_found")
# What still counts against the captured amount: a pending refund may still succeed.
COUNTED_STATUSES = ("pending", "succeeded")


def new_refund_id() -> str:
    return f"re_{secrets.token_hex(12)}"


class Refund(Base):
    __tablename__ = "refunds"
    __table_args__ = (
        UniqueConstraint("payment_id", "request_key"),
        CheckConstraint(f"status IN {REFUND_STATUSES!r}", name="status"),
        CheckConstraint(f"reason IN {REFUND_REASONS!r}", name="reason"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_refund_id)
    payment_id: Mapped[str] = mapped_column(ForeignKey("payments.id", ondelete="CASCADE"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(String(500))
    # "admin:<uuid>", "owner:<uuid>", "system" (automatic) or "provider" (made at the provider directly)
    initiated_by: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(160), unique=True)
    request_key: Mapped[str | None] = mapped_column(String(255))
    provider_refund_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    failure_reason: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
