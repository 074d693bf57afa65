"""Address book queries; repositories only flush, the request's session commits."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from commerce.addresses.models import Address


class AddressRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_book(self, user_id: uuid.UUID) -> None:
        """Serialize changes to one shopper's book until the transaction ends (the limit, the one default)."""
        lock = func.pg_advisory_xact_lock(func.hashtextextended(f"addresses:{user_id}", 0))
        await self.session.execute(select(lock))

    async def list_for(self, user_id: uuid.UUID) -> list[Address]:
        statement = (
            select(Address)
            .where(Address.user_id == user_id)
            .order_by(Address.is_default.desc(), Address.created_at.desc(), Address.id)
            .execution_options(populate_existing=True)
        )
        return list(await self.session.scalars(statement))

    async def get(self, user_id: uuid.UUID, address_id: uuid.UUID) -> Address | None:
        statement = (
            select(Address)
            .where(Address.id == address_id, Address.user_id == user_id)
            .execution_options(populate_existing=True)
        )
        return (await self.session.scalars(statement)).first()

    async def clear_default(self, user_id: uuid.UUID) -> None:
        await self.session.execute(
            update(Address)
            .where(Address.user_id == user_id, Address.is_default)
            .values(is_default=False)
            .execution_options(synchronize_session=False)
        )

    async def add(self, address: Address) -> Address:
        self.session.add(address)
        await self.session.flush()
        return address

    async def delete(self, address: Address) -> None:
        await self.session.delete(address)
        await self.session.flush()

    async def flush(self) -> None:
        await self.session.flush()
