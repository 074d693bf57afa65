"""Orders, their line snapshots, their status history, refunds and checkout idempotency keys."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from commerce.db import Base

ORDER_STATUSES = (
    "pending",
    "paid",
    "fulfilled",
    "cancelled",
    "expired",
    "partially_refunded",
    "refunded",
    "refund_pending",
)

# What the staff search matches (lower case): the contact e-mail and the ship-to name, city and PIN code.
ORDER_SEARCH_TEXT = (
    "lower(coalesce(contact_email, '') || ' ' || coalesce(shipping_address ->> 'name', '') || ' ' || "
    "coalesce(shipping_address ->> 'city', '') || ' ' || coalesce(shipping_address ->> 'postal_code', ''))"
)
# The statuses of an order staff may ship, if it has not shipped yet (commerce.orders.shipping), and that rule
# as SQL with its values inline: the shipping queue's partial index has the same predicate, which the planner
# must see in the query to use it (a bound parameter would hide it from a generic plan).
SHIPPABLE_STATUSES = ("paid", "partially_refunded")
SHIPPABLE_SQL = f"status IN {SHIPPABLE_STATUSES!r} AND fulfilled_at IS NULL"


class Order(Base):
    __tablename__ = "orders"
    # Server-side defaults (updated_at, computed columns) come back with RETURNING, never a lazy load.
    __mapper_args__ = {"eager_defaults": True}
    __table_args__ = (
        CheckConstraint(f"status IN {ORDER_STATUSES!r}", name="status"),
        CheckConstraint("total_amount >= 0 AND subtotal_amount >= 0", name="amounts_not_negative"),
        CheckConstraint("paid_amount >= 0", name="paid_not_negative"),
        CheckConstraint(
            "discount_amount >= 0 AND total_amount = subtotal_amount - discount_amount",
            name="discount_within_subtotal",
        ),
        CheckConstraint("refunded_amount >= 0 AND refunded_amount <= paid_amount", name="refund_within_paid"),
        CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_code"),
        CheckConstraint(
            "(status = 'refund_pending') = (refund_hold_id IS NOT NULL AND refund_hold_from IS NOT NULL)",
            name="refund_hold_only_when_pending",
        ),
        Index("ix_orders_user_id_created_at", "user_id", "created_at"),
        Index("ix_orders_pending_expires_at", "expires_at", postgresql_where=text("status = 'pending'")),
        Index(
            "ix_orders_guest_contact_email", func.lower(text("contact_email")), postgresql_where=text("guest")
        ),
        # The staff orders list (commerce.orders.admin): newest first, by status, by customer e-mail, the
        # free-text search (a trigram index answers `LIKE '%…%'`), and the shipping queue (oldest paid first).
        Index("ix_orders_created_at_id", "created_at", "id"),
        Index("ix_orders_status_created_at", "status", "created_at"),
        Index("ix_orders_contact_email_lower", func.lower(text("contact_email"))),
        Index("ix_orders_search_trgm", text(f"({ORDER_SEARCH_TEXT}) gin_trgm_ops"), postgresql_using="gin"),
        Index(
            "ix_orders_shipping_queue",
            "paid_at",
            "id",
            postgresql_where=text(SHIPPABLE_SQL),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID]
    # A guest's order (its user_id a one-off guest id) until the verified owner of contact_email claims it.
    guest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(24), default="pending", server_default="pending")
    currency: Mapped[str] = mapped_column(String(3))
    subtotal_amount: Mapped[int] = mapped_column(BigInteger)
    total_amount: Mapped[int] = mapped_column(BigInteger)
    # The discount code the order carries (if it was still valid at checkout) and what it took off the
    # subtotal: total = subtotal - discount, and the total is what the shopper pays (commerce.discounts).
    discount_code: Mapped[str | None] = mapped_column(String(32))
    discount_amount: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    paid_amount: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    refunded_amount: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    item_count: Mapped[int] = mapped_column(Integer)
    payment_id: Mapped[str | None] = mapped_column(String(255))
    shipping_address: Mapped[dict[str, Any]] = mapped_column(JSONB)
    note: Mapped[str | None] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set once when shipped: a partly refunded order that has not shipped yet may still be fulfilled.
    fulfilled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Who carries the parcel and its tracking number, as the admin entered them at fulfilment.
    carrier: Mapped[str | None] = mapped_column(String(80))
    tracking_number: Mapped[str | None] = mapped_column(String(64))
    # While a full refund is at the provider (status `refund_pending`): which refund, and the status the
    # order returns to if the provider refuses it.
    refund_hold_id: Mapped[str | None] = mapped_column(String(255))
    refund_hold_from: Mapped[str | None] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    items: Mapped[list[OrderItem]] = relationship(lazy="raise", order_by="OrderItem.id")
    transitions: Mapped[list[OrderTransition]] = relationship(lazy="raise", order_by="OrderTransition.id")


class OrderItem(Base):
    """A snapshot of what was bought: later catalog edits do not change a placed order."""

    __tablename__ = "order_items"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price_amount >= 0", name="price_not_negative"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    variant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("variants.id", ondelete="RESTRICT"), index=True)
    product_id: Mapped[uuid.UUID]
    product_title: Mapped[str] = mapped_column(String(200))
    product_slug: Mapped[str] = mapped_column(String(160))
    sku: Mapped[str] = mapped_column(String(64))
    size: Mapped[str] = mapped_column(String(8))
    colour: Mapped[str] = mapped_column(String(40))
    image_url: Mapped[str | None] = mapped_column(String(500))
    unit_price_amount: Mapped[int] = mapped_column(BigInteger)
    quantity: Mapped[int] = mapped_column(Integer)
    line_total_amount: Mapped[int] = mapped_column(BigInteger)


class OrderTransition(Base):
    """One row per status change (and per refund), with when, who and why."""

    __tablename__ = "order_transitions"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )


class OrderRefund(Base):
    """Refunds reported by the payment service, keyed by its refund id (the idempotency key)."""

    __tablename__ = "order_refunds"

    refund_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    payment_id: Mapped[str] = mapped_column(String(255))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class IdempotencyKey(Base):
    """A checkout's `Idempotency-Key`: claimed first in the order's transaction, so retries serialize."""

    __tablename__ = "order_idempotency_keys"

    user_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    order_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), index=True
    )
