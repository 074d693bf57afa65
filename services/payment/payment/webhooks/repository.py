"""Queries on `webhook_events`; repositories only flush."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from payment.webhooks.models import WebhookEvent


class WebhookEventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(
        self, event_id: str, event_type: str, created: datetime, payload: dict[str, Any]
    ) -> bool:
        """Store the event; False when its id was stored before (a replay)."""
        statement = (
            insert(WebhookEvent)
            .values(id=event_id, type=event_type, provider_created_at=created, payload=payload)
            .on_conflict_do_nothing(index_elements=[WebhookEvent.id])
            .returning(WebhookEvent.id)
        )
        return (await self.session.execute(statement)).scalar_one_or_none() is not None

    async def set_outcome(self, event_id: str, outcome: str) -> None:
        await self.session.execute(
            update(WebhookEvent).where(WebhookEvent.id == event_id).values(outcome=outcome)
        )
