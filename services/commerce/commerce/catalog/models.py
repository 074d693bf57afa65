"""Products and their variants (one per size and colour, each with its own SKU and price)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from commerce.db import Base

if TYPE_CHECKING:
    from commerce.inventory.models import Inventory

# Archived products leave the shop and the admin's default lists but stay for the orders that name them.
PRODUCT_STATUSES = ("draft", "active", "archived")
SIZES = ("XS", "S", "M", "L", "XL", "XXL", "FREE")

# Weighted document for full-text search: title first, then brand and category, then the description.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(brand, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(category, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')"
)


class Product(Base):
    __tablename__ = "products"
    # Server-side defaults (updated_at, computed columns) come back with RETURNING, never a lazy load.
    __mapper_args__ = {"eager_defaults": True}
    __table_args__ = (
        CheckConstraint(f"status IN {PRODUCT_STATUSES!r}", name="status"),
        Index("ix_products_search_vector", "search_vector", postgresql_using="gin"),
        Index(
            "ix_products_title_trgm",
            "title",
            postgresql_using="gin",
            postgresql_ops={"title": "gin_trgm_ops"},
        ),
        Index("ix_products_category", "category"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    category: Mapped[str] = mapped_column(String(60))
    brand: Mapped[str] = mapped_column(String(80))
    images: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    status: Mapped[str] = mapped_column(String(16), default="draft", server_default="draft")
    search_vector: Mapped[str] = mapped_column(
        TSVECTOR, Computed(SEARCH_VECTOR_SQL, persisted=True), deferred=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    variants: Mapped[list[Variant]] = relationship(
        back_populates="product", lazy="raise", order_by="Variant.created_at, Variant.sku"
    )


class Variant(Base):
    __tablename__ = "variants"
    # Server-side defaults (updated_at, computed columns) come back with RETURNING, never a lazy load.
    __mapper_args__ = {"eager_defaults": True}
    __table_args__ = (
        UniqueConstraint("product_id", "size", "colour"),
        CheckConstraint("price_amount >= 0", name="price_not_negative"),
        CheckConstraint(
            "compare_at_amount IS NULL OR compare_at_amount > price_amount", name="compare_at_above_price"
        ),
        CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_code"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[str] = mapped_column(String(8))
    colour: Mapped[str] = mapped_column(String(40))
    colour_hex: Mapped[str | None] = mapped_column(String(7))
    price_amount: Mapped[int] = mapped_column(BigInteger)
    compare_at_amount: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    product: Mapped[Product] = relationship(back_populates="variants", lazy="raise")
    inventory: Mapped[Inventory] = relationship(lazy="raise", uselist=False)
