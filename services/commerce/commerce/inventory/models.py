"""Stock per variant and the audit trail of every manual change to it."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Computed,
    DateTime,
    ForeignKey,
    Identity,
    Integer,
    String,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from commerce.db import Base

DEFAULT_LOW_STOCK_THRESHOLD = 5


class Inventory(Base):
    """`reserved` is held by pending orders; `available` is what a new order may take.

    The CHECK constraints are the last line of defence: whatever the code does, stock never goes
    negative and never more is reserved than is on hand.
    """

    __tablename__ = "inventory"
    # Server-side defaults (updated_at, computed columns) come back with RETURNING, never a lazy load.
    __mapper_args__ = {"eager_defaults": True}
    __table_args__ = (
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("reserved >= 0 AND reserved <= on_hand", name="reserved_within_on_hand"),
        CheckConstraint("low_stock_threshold >= 0", name="low_stock_threshold_not_negative"),
    )

    variant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("variants.id", ondelete="CASCADE"), primary_key=True
    )
    on_hand: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reserved: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    available: Mapped[int] = mapped_column(Integer, Computed("on_hand - reserved", persisted=True))
    # Running low when `available` is at or below this (the dashboard, the AaryaStockRunningLow alert).
    low_stock_threshold: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_LOW_STOCK_THRESHOLD, server_default=str(DEFAULT_LOW_STOCK_THRESHOLD)
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class StockAdjustment(Base):
    """Who changed the stock on hand of a variant, when, by how much and why."""

    __tablename__ = "stock_adjustments"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    variant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("variants.id", ondelete="CASCADE"), index=True)
    delta: Mapped[int] = mapped_column(Integer)
    on_hand_after: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(500))
    # The admin's user id; None for the system (seed data).
    actor_id: Mapped[uuid.UUID | None]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
