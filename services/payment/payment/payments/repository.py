"""Queries on `payments`; repositories only flush, the request's session commits."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from payment.payments.models import Payment


def order_lock_key(order_id: uuid.UUID) -> int:
    """A signed 64-bit advisory-lock key per order (collisions only serialize two orders needlessly)."""
    return int.from_bytes(order_id.bytes[:8], "big", signed=True)


class PaymentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_order(self, order_id: uuid.UUID) -> None:
        """Serialize everything that creates or moves payments of one order, until the transaction ends."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": order_lock_key(order_id)}
        )

    async def get(self, payment_id: str, *, for_update: bool = False) -> Payment | None:
        return await self.session.get(
            Payment, payment_id, with_for_update=for_update, populate_existing=for_update
        )

    async def by_provider_id(self, provider_payment_id: str, *, for_update: bool = False) -> Payment | None:
        statement = select(Payment).where(Payment.provider_payment_id == provider_payment_id)
        if for_update:
            statement = statement.with_for_update().execution_options(populate_existing=True)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def by_request_key(self, order_id: uuid.UUID, request_key: str) -> Payment | None:
        statement = select(Payment).where(Payment.order_id == order_id, Payment.request_key == request_key)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def latest_for_order(self, order_id: uuid.UUID) -> Payment | None:
        statement = (
            select(Payment).where(Payment.order_id == order_id).order_by(Payment.attempt.desc()).limit(1)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def for_order(self, order_id: uuid.UUID) -> list[Payment]:
        statement = select(Payment).where(Payment.order_id == order_id).order_by(Payment.attempt)
        return list(await self.session.scalars(statement))

    async def reassign_order(self, order_id: uuid.UUID, user_id: uuid.UUID) -> None:
        """Every payment of the order now belongs to `user_id` (commerce moved the order to that account)."""
        await self.session.execute(
            update(Payment)
            .where(Payment.order_id == order_id, Payment.user_id != user_id)
            .values(user_id=user_id)
            .execution_options(synchronize_session=False)
        )

    async def with_provider_ids(self, provider: str, *, limit: int, after: str | None) -> list[Payment]:
        statement = select(Payment).where(
            Payment.provider == provider, Payment.provider_payment_id.is_not(None)
        )
        if after is not None:
            statement = statement.where(Payment.id > after)
        return list(await self.session.scalars(statement.order_by(Payment.id).limit(limit)))

    async def count(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(Payment)) or 0)

    async def add(self, payment: Payment) -> Payment:
        self.session.add(payment)
        await self.session.flush()
        await self.session.refresh(payment)
        return payment

    async def save(self, payment: Payment) -> Payment:
        await self.session.flush()
        await self.session.refresh(payment)
        return payment
