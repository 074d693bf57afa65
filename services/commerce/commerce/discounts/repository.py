"""Discount code queries; repositories only flush, the request's session commits."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from commerce.discounts.models import DiscountCode, DiscountRedemption


class DiscountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_code(self, code: str, *, for_update: bool = False) -> DiscountCode | None:
        """The code (already normalised); `for_update` locks its row until the transaction ends."""
        statement = select(DiscountCode).where(DiscountCode.code == code)
        if for_update:
            statement = statement.with_for_update()
        return (await self.session.scalars(statement.execution_options(populate_existing=True))).first()

    async def get(self, discount_id: uuid.UUID, *, for_update: bool = False) -> DiscountCode | None:
        statement = select(DiscountCode).where(DiscountCode.id == discount_id)
        if for_update:
            statement = statement.with_for_update()
        return (await self.session.scalars(statement.execution_options(populate_existing=True))).first()

    async def page(
        self, *, search: str | None, active: bool | None, offset: int, limit: int
    ) -> tuple[list[DiscountCode], int]:
        conditions: list[Any] = []
        if search:
            escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conditions.append(DiscountCode.code.like(f"%{escaped.upper()}%", escape="\\"))
        if active is not None:
            conditions.append(DiscountCode.active.is_(active))
        total = await self.session.scalar(select(func.count()).select_from(DiscountCode).where(*conditions))
        rows = await self.session.scalars(
            select(DiscountCode)
            .where(*conditions)
            .order_by(DiscountCode.created_at.desc(), DiscountCode.id)
            .offset(offset)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return list(rows), int(total or 0)

    async def held_by_customer(self, code_id: uuid.UUID, user_id: uuid.UUID) -> int:
        """The shopper's uses of the code that orders still hold (released ones do not count)."""
        statement = select(func.count()).where(
            DiscountRedemption.code_id == code_id,
            DiscountRedemption.user_id == user_id,
            DiscountRedemption.released_at.is_(None),
        )
        return int(await self.session.scalar(statement) or 0)

    async def ever_redeemed(self, code_id: uuid.UUID) -> bool:
        statement = select(DiscountRedemption.id).where(DiscountRedemption.code_id == code_id).limit(1)
        return (await self.session.scalar(statement)) is not None

    async def release(self, order_ids: Iterable[uuid.UUID], now: datetime) -> None:
        """Give the uses of these orders back to their codes (each once: a released one stays released)."""
        ids = list(order_ids)
        if not ids:
            return
        released = await self.session.execute(
            update(DiscountRedemption)
            .where(DiscountRedemption.order_id.in_(ids), DiscountRedemption.released_at.is_(None))
            .values(released_at=now)
            .returning(DiscountRedemption.code_id)
            .execution_options(synchronize_session=False)
        )
        per_code: dict[uuid.UUID, int] = {}
        for code_id in released.scalars():
            per_code[code_id] = per_code.get(code_id, 0) + 1
        # In id order, so two transactions releasing the same codes take their rows in the same order.
        for code_id in sorted(per_code):
            await self.session.execute(
                update(DiscountCode)
                .where(DiscountCode.id == code_id)
                .values(used_count=DiscountCode.used_count - per_code[code_id])
                .execution_options(synchronize_session=False)
            )

    async def add(self, *instances: Any) -> None:
        self.session.add_all(instances)
        await self.session.flush()

    async def delete(self, code: DiscountCode) -> None:
        await self.session.delete(code)
        await self.session.flush()

    async def flush(self) -> None:
        await self.session.flush()
