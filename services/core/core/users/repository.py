"""Queries on `users`; repositories only flush, the request's session commits."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.users.models import User


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: uuid.UUID, *, for_update: bool = False) -> User | None:
        return await self.session.get(User, user_id, with_for_update=for_update)

    async def get_by_email(self, email: str) -> User | None:
        result = await self.session.execute(select(User).where(User.email == email.lower()))
        return result.scalar_one_or_none()

    async def add(self, user: User) -> User:
        self.session.add(user)
        await self.session.flush()
        await self.session.refresh(user)
        return user

    async def save(self, user: User) -> User:
        await self.session.flush()
        await self.session.refresh(user)
        return user

    async def page(
        self,
        *,
        offset: int,
        limit: int,
        query: str | None,
        role: str | None,
        is_active: bool | None,
        is_verified: bool | None,
        newest_first: bool,
    ) -> tuple[list[User], int]:
        statement: Select[User] = select(User)
        if query:
            escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{escaped}%"
            statement = statement.where(or_(User.email.ilike(pattern), User.full_name.ilike(pattern)))
        if role is not None:
            statement = statement.where(User.role == role)
        if is_active is not None:
            statement = statement.where(User.is_active.is_(is_active))
        if is_verified is not None:
            statement = statement.where(User.is_verified.is_(is_verified))
        total = await self.session.scalar(select(func.count()).select_from(statement.subquery()))
        order = User.created_at.desc() if newest_first else User.created_at.asc()
        rows = await self.session.scalars(statement.order_by(order, User.id).offset(offset).limit(limit))
        return list(rows), int(total or 0)
