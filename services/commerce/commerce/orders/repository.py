"""Order queries; repositories only flush, the request's session commits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Text, delete, func, literal_column, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from commerce.orders.models import ORDER_SEARCH_TEXT, IdempotencyKey, Order, OrderRefund
from commerce.orders.shipping import shippable_clause


@dataclass(frozen=True, slots=True)
class StaffOrderFilter:
    """What the staff orders list narrows to; every field set is one more condition (AND)."""

    statuses: tuple[str, ...] = ()
    created_from: datetime | None = None
    created_before: datetime | None = None
    user_id: uuid.UUID | None = None
    email: str | None = None  # lower case, matched whole
    paid: bool | None = None
    text: str | None = None  # lower case, matched anywhere in ORDER_SEARCH_TEXT
    id_range: tuple[uuid.UUID, uuid.UUID | None] | None = None  # an id prefix: [low, high)

    def conditions(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.statuses:
            conditions.append(Order.status.in_(self.statuses))
        if self.created_from is not None:
            conditions.append(Order.created_at >= self.created_from)
        if self.created_before is not None:
            conditions.append(Order.created_at < self.created_before)
        if self.user_id is not None:
            conditions.append(Order.user_id == self.user_id)
        if self.email is not None:
            conditions.append(func.lower(Order.contact_email) == self.email)
        if self.paid is not None:
            conditions.append(Order.paid_at.is_not(None) if self.paid else Order.paid_at.is_(None))
        matches: list[ColumnElement[bool]] = []
        if self.text is not None:
            pattern = "%" + self.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            matches.append(literal_column(f"({ORDER_SEARCH_TEXT})", Text).like(pattern, escape="\\"))
        if self.id_range is not None:
            low, high = self.id_range
            matches.append(Order.id >= low if high is None else (Order.id >= low) & (Order.id < high))
        if matches:
            conditions.append(or_(*matches))
        return conditions


class OrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim_key(self, user_id: uuid.UUID, key: str, fingerprint: str) -> bool:
        """Insert the idempotency key first thing in the checkout transaction.

        A concurrent request with the same key blocks on the unique index until this transaction ends:
        after a commit it finds the key taken (and returns that order); after a rollback it claims the
        key itself. So one key never yields two orders.
        """
        result = await self.session.execute(
            insert(IdempotencyKey)
            .values(user_id=user_id, key=key, request_fingerprint=fingerprint)
            .on_conflict_do_nothing(index_elements=[IdempotencyKey.user_id, IdempotencyKey.key])
            .returning(IdempotencyKey.key)
        )
        return result.first() is not None

    async def key(self, user_id: uuid.UUID, key: str) -> IdempotencyKey | None:
        statement = (
            select(IdempotencyKey)
            .where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key)
            .execution_options(populate_existing=True)
        )
        return (await self.session.scalars(statement)).first()

    async def lock_shopper_checkout(self, user_id: uuid.UUID) -> None:
        """Serialize one shopper's checkouts (until this transaction ends), so a count of their pending
        orders stays true until the new order is written."""
        lock = func.pg_advisory_xact_lock(func.hashtextextended(f"checkout:{user_id}", 0))
        await self.session.execute(select(lock))

    async def count_pending(self, user_id: uuid.UUID, now: datetime) -> int:
        """Orders of the shopper that still hold stock: pending and not yet expired."""
        statement = select(func.count()).where(
            Order.user_id == user_id, Order.status == "pending", Order.expires_at > now
        )
        return int(await self.session.scalar(statement) or 0)

    async def link_key(self, user_id: uuid.UUID, key: str, order_id: uuid.UUID) -> None:
        await self.session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key)
            .values(order_id=order_id)
            .execution_options(synchronize_session=False)
        )

    async def delete_keys_older_than(self, cutoff: datetime) -> int:
        result = await self.session.execute(
            delete(IdempotencyKey)
            .where(IdempotencyKey.created_at < cutoff)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def get(self, order_id: uuid.UUID, *, for_update: bool = False) -> Order | None:
        """The order with its items and history (locked for the transaction with `for_update`)."""
        statement = (
            select(Order)
            .where(Order.id == order_id)
            .options(selectinload(Order.items), selectinload(Order.transitions))
            .execution_options(populate_existing=True)
        )
        if for_update:
            statement = statement.with_for_update(of=Order)
        return (await self.session.scalars(statement)).first()

    async def page(
        self, user_id: uuid.UUID, *, status: str | None, offset: int, limit: int
    ) -> tuple[list[Order], int]:
        conditions: list[Any] = [Order.user_id == user_id]
        if status is not None:
            conditions.append(Order.status == status)
        total = await self.session.scalar(select(func.count()).select_from(Order).where(*conditions))
        rows = await self.session.scalars(
            select(Order)
            .where(*conditions)
            .order_by(Order.created_at.desc(), Order.id)
            .offset(offset)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return list(rows), int(total or 0)

    async def staff_page(
        self, where: StaffOrderFilter, *, offset: int, limit: int
    ) -> tuple[list[Order], int]:
        """Every customer's orders that match, newest first (ix_orders_created_at_id read backwards)."""
        conditions = where.conditions()
        total = await self.session.scalar(select(func.count()).select_from(Order).where(*conditions))
        rows = await self.session.scalars(
            select(Order)
            .where(*conditions)
            .order_by(Order.created_at.desc(), Order.id.desc())
            .offset(offset)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return list(rows), int(total or 0)

    async def shipping_queue(self, *, offset: int, limit: int) -> tuple[list[Order], int]:
        """Orders staff may ship, the longest paid first (the partial index ix_orders_shipping_queue)."""
        shippable = shippable_clause()
        total = await self.session.scalar(select(func.count()).select_from(Order).where(shippable))
        rows = await self.session.scalars(
            select(Order)
            .where(shippable)
            .order_by(Order.paid_at, Order.id)
            .offset(offset)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return list(rows), int(total or 0)

    async def claim_guest_orders(self, user_id: uuid.UUID, email: str) -> int:
        """Move the guest orders placed with `email` (any letter case) to the account `user_id`."""
        result = await self.session.execute(
            update(Order)
            .where(Order.guest, func.lower(Order.contact_email) == email.lower())
            .values(user_id=user_id, guest=False)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def lock_overdue(
        self,
        now: datetime,
        *,
        limit: int,
        user_id: uuid.UUID | None = None,
        order_id: uuid.UUID | None = None,
    ) -> list[uuid.UUID]:
        """Lock pending orders past their expiry; rows another transaction holds are left to it."""
        statement = select(Order.id).where(Order.status == "pending", Order.expires_at <= now)
        if user_id is not None:
            statement = statement.where(Order.user_id == user_id)
        if order_id is not None:
            statement = statement.where(Order.id == order_id)
        statement = statement.order_by(Order.expires_at).limit(limit).with_for_update(skip_locked=True)
        return list(await self.session.scalars(statement))

    async def refund(self, refund_id: str) -> OrderRefund | None:
        return await self.session.get(OrderRefund, refund_id)

    async def add(self, *instances: Any) -> None:
        self.session.add_all(instances)
        await self.session.flush()

    async def flush(self) -> None:
        await self.session.flush()
