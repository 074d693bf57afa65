"""Queries on `outbox`; repositories only flush."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from payment.outbox.models import OutboxMessage


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self, *, order_id: uuid.UUID, payment_id: str, kind: str, payload: dict[str, Any]
    ) -> OutboxMessage:
        message = OutboxMessage(order_id=order_id, payment_id=payment_id, kind=kind, payload=payload)
        self.session.add(message)
        await self.session.flush()
        return message

    async def claim_next(
        self, *, force: bool = False, skip: frozenset[int] = frozenset()
    ) -> OutboxMessage | None:
        """The oldest due message, locked (other workers skip it); never one queued behind an undelivered
        message of the same order, so commerce hears `paid` before `refunded`."""
        earlier = aliased(OutboxMessage)
        blocked = (
            select(earlier.id)
            .where(
                earlier.order_id == OutboxMessage.order_id,
                earlier.id < OutboxMessage.id,
                earlier.status == "pending",
            )
            .exists()
        )
        statement = select(OutboxMessage).where(OutboxMessage.status == "pending", ~blocked)
        if skip:
            statement = statement.where(OutboxMessage.id.not_in(skip))
        if not force:
            statement = statement.where(OutboxMessage.next_attempt_at <= func.now())
        statement = (
            statement.order_by(OutboxMessage.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def for_order(self, order_id: uuid.UUID) -> list[OutboxMessage]:
        statement = select(OutboxMessage).where(OutboxMessage.order_id == order_id).order_by(OutboxMessage.id)
        return list(await self.session.scalars(statement))

    async def save(self, message: OutboxMessage) -> None:
        await self.session.flush()
