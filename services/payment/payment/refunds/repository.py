"""Queries on `refunds`; repositories only flush."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from payment.refunds.models import COUNTED_STATUSES, Refund


class RefundRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, refund: Refund) -> Refund:
        self.session.add(refund)
        await self.session.flush()
        await self.session.refresh(refund)
        return refund

    async def save(self, refund: Refund) -> Refund:
        await self.session.flush()
        await self.session.refresh(refund)
        return refund

    async def by_request_key(self, payment_id: str, request_key: str) -> Refund | None:
        statement = select(Refund).where(Refund.payment_id == payment_id, Refund.request_key == request_key)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def by_idempotency_key(self, key: str) -> Refund | None:
        return (
            await self.session.execute(select(Refund).where(Refund.idempotency_key == key))
        ).scalar_one_or_none()

    async def by_provider_id(self, provider_refund_id: str) -> Refund | None:
        statement = select(Refund).where(Refund.provider_refund_id == provider_refund_id)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def counted_total(self, payment_id: str) -> int:
        """What refunds take off a payment: those succeeded or still pending."""
        statement = select(func.coalesce(func.sum(Refund.amount), 0)).where(
            Refund.payment_id == payment_id, Refund.status.in_(COUNTED_STATUSES)
        )
        return int(await self.session.scalar(statement) or 0)

    async def count_for_payment(self, payment_id: str) -> int:
        statement = select(func.count()).select_from(Refund).where(Refund.payment_id == payment_id)
        return int(await self.session.scalar(statement) or 0)

    async def for_payment(self, payment_id: str) -> list[Refund]:
        statement = (
            select(Refund).where(Refund.payment_id == payment_id).order_by(Refund.created_at, Refund.id)
        )
        return list(await self.session.scalars(statement))
