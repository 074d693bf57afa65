"""The offline provider's own records, in payment's PostgreSQL: what Stripe keeps on its side.

In the database rather than in a process, so any instance of the service can refund a payment another
instance took (and a restart forgets nothing).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from payment.db import Base


class OfflineObject(Base):
    """A PaymentIntent (`pi_…`) or a Charge (`ch_…`) as Stripe would return it, refunds inside the charge."""

    __tablename__ = "offline_objects"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class OfflineReply(Base):
    """The first answer under an idempotency key: the same key gets it again, as at Stripe."""

    __tablename__ = "offline_replies"

    idempotency_key: Mapped[str] = mapped_column(String(255), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
