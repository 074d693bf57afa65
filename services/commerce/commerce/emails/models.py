"""The order e-mail outbox: one row per (order, event[, refund]), written in the order change's
transaction."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from commerce.db import Base

EVENTS = ("confirmation", "payment", "shipment", "refund", "cancellation")


class OrderEmail(Base):
    """An e-mail owed to the shopper. The unique (order, event, key) makes each event's mail one row, so
    it is never queued (nor sent) twice; `event_key` is the refund id for refunds, empty otherwise."""

    __tablename__ = "order_emails"
    __table_args__ = (
        CheckConstraint(f"event IN {EVENTS!r}", name="event"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        UniqueConstraint("order_id", "event", "event_key"),
        Index("ix_order_emails_due", "next_attempt_at", postgresql_where=text("sent_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(16))
    event_key: Mapped[str] = mapped_column(String(255), default="", server_default="")
    # The refund's amount (minor units) for a refund e-mail.
    amount: Mapped[int | None] = mapped_column(BigInteger)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The last failure's exception class only: an SMTP error text may quote the recipient.
    last_error_class: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
