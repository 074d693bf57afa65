"""Uploaded product photos and their files (the cleaned original and WebP renditions), in PostgreSQL.

A photo id is never reused and its files never change, so their URLs can be cached for ever.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, func
from sqlalchemy.orm import Mapped, mapped_column

from commerce.db import Base


class ProductPhoto(Base):
    __tablename__ = "product_photos"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    # The variant colour it shows (as the variants spell it); None: every colour.
    colour: Mapped[str | None] = mapped_column(String(40))
    alt: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # Its place among the product's photos (the gallery, products.images, holds the order shown).
    position: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(40))
    # Of the upload as received (its hash finds a picture uploaded twice).
    byte_size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # The administrator (a core user id), None for the seed.
    created_by: Mapped[uuid.UUID | None] = mapped_column()


class PhotoFile(Base):
    __tablename__ = "photo_files"

    photo_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("product_photos.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
