from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.otp.models import Otp


class OtpRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def pending(self, user_id: uuid.UUID, purpose: str, *, for_update: bool = False) -> Otp | None:
        statement = (
            select(Otp)
            .where(Otp.user_id == user_id, Otp.purpose == purpose, Otp.consumed_at.is_(None))
            .order_by(Otp.created_at.desc())
            .limit(1)
        )
        if for_update:
            statement = statement.with_for_update()
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def replace_pending(self, otp: Otp) -> Otp:
        """Drop the user's earlier unused codes for the purpose: only the newest one works."""
        await self.session.execute(
            delete(Otp).where(
                Otp.user_id == otp.user_id, Otp.purpose == otp.purpose, Otp.consumed_at.is_(None)
            )
        )
        self.session.add(otp)
        await self.session.flush()
        return otp

    async def flush(self) -> None:
        await self.session.flush()
