"""Stock changes as single conditional UPDATEs: the row lock PostgreSQL takes for the UPDATE is what
serializes competing orders, and the WHERE clause is what refuses to oversell."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from commerce.inventory.models import Inventory, StockAdjustment


class InventoryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, variant_id: uuid.UUID) -> Inventory | None:
        statement = (
            select(Inventory)
            .where(Inventory.variant_id == variant_id)
            .execution_options(populate_existing=True)
        )
        return (await self.session.scalars(statement)).first()

    async def reserve(self, variant_id: uuid.UUID, quantity: int) -> bool:
        """Hold `quantity` units for an order; False (nothing changed) when fewer are available."""
        result = await self.session.execute(
            update(Inventory)
            .where(Inventory.variant_id == variant_id, Inventory.on_hand - Inventory.reserved >= quantity)
            .values(reserved=Inventory.reserved + quantity)
            .returning(Inventory.variant_id)
            .execution_options(synchronize_session=False)
        )
        return result.first() is not None

    async def release(self, variant_id: uuid.UUID, quantity: int) -> None:
        """Give back a reservation (order cancelled or expired)."""
        await self.session.execute(
            update(Inventory)
            .where(Inventory.variant_id == variant_id)
            .values(reserved=Inventory.reserved - quantity)
            .execution_options(synchronize_session=False)
        )

    async def sell(self, variant_id: uuid.UUID, quantity: int) -> None:
        """A paid reservation leaves the shop: on hand and reserved both drop."""
        await self.session.execute(
            update(Inventory)
            .where(Inventory.variant_id == variant_id)
            .values(on_hand=Inventory.on_hand - quantity, reserved=Inventory.reserved - quantity)
            .execution_options(synchronize_session=False)
        )

    async def adjust(self, variant_id: uuid.UUID, delta: int) -> Inventory | None:
        """Change the stock on hand; None (nothing changed) if it would drop below what is reserved."""
        result = await self.session.execute(
            update(Inventory)
            .where(Inventory.variant_id == variant_id, Inventory.on_hand + delta >= Inventory.reserved)
            .values(on_hand=Inventory.on_hand + delta)
            .returning(Inventory)
            .execution_options(synchronize_session=False, populate_existing=True)
        )
        return result.scalars().first()

    async def set_threshold(self, variant_id: uuid.UUID, threshold: int) -> None:
        """The variant's low-stock threshold (a variant without an inventory row gets one, with no stock)."""
        await self.session.execute(
            insert(Inventory)
            .values(variant_id=variant_id, on_hand=0, reserved=0, low_stock_threshold=threshold)
            .on_conflict_do_update(
                index_elements=[Inventory.variant_id], set_={"low_stock_threshold": threshold}
            )
        )

    async def add(self, *instances: Inventory | StockAdjustment) -> None:
        self.session.add_all(instances)
        await self.session.flush()

    async def history(self, variant_id: uuid.UUID, limit: int) -> list[StockAdjustment]:
        rows = await self.session.scalars(
            select(StockAdjustment)
            .where(StockAdjustment.variant_id == variant_id)
            .order_by(StockAdjustment.id.desc())
            .limit(limit)
        )
        return list(rows)
