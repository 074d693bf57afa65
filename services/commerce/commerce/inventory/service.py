"""Stock rules: reservations that never oversell, sales, releases and audited manual adjustments."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from commerce.catalog.cache import CatalogCache
from commerce.catalog.repository import CatalogRepository
from commerce.catalog.service import VariantNotFound
from commerce.inventory.models import DEFAULT_LOW_STOCK_THRESHOLD, StockAdjustment
from commerce.inventory.repository import InventoryRepository
from commerce.inventory.schemas import (
    StockAdjustmentOut,
    StockAdjustmentRequest,
    StockOut,
    StockThresholdRequest,
)
from kit.auth import CurrentUser
from kit.errors import Conflict

HISTORY_LIMIT = 50


class OutOfStock(Conflict):
    code = "out_of_stock"
    message = "Not enough stock for this item."


class StockBelowReserved(Conflict):
    code = "stock_below_reserved"
    message = "Stock on hand cannot drop below what pending orders hold (nor below zero)."


@dataclass(frozen=True, slots=True)
class StockLine:
    variant_id: uuid.UUID
    quantity: int
    sku: str = ""


def _in_lock_order(lines: Iterable[StockLine]) -> list[StockLine]:
    # Every transaction that touches several inventory rows takes them in variant-id order: two
    # orders sharing variants then queue behind each other instead of deadlocking.
    return sorted(lines, key=lambda line: line.variant_id)


class InventoryService:
    def __init__(self, session: AsyncSession, cache: CatalogCache) -> None:
        self.session = session
        self.stock = InventoryRepository(session)
        self.catalog = CatalogRepository(session)
        self.cache = cache

    async def reserve(self, lines: Iterable[StockLine]) -> None:
        """Hold every line or raise `OutOfStock` (the caller's transaction then undoes the others)."""
        for line in _in_lock_order(lines):
            if not await self.stock.reserve(line.variant_id, line.quantity):
                current = await self.stock.get(line.variant_id)
                raise OutOfStock(
                    f"Only {current.available if current else 0} left of {line.sku or 'this item'}.",
                    details={
                        "variant_id": line.variant_id,
                        "sku": line.sku,
                        "requested": line.quantity,
                        "available": current.available if current else 0,
                    },
                )

    async def release(self, lines: Iterable[StockLine]) -> None:
        for line in _in_lock_order(lines):
            await self.stock.release(line.variant_id, line.quantity)

    async def sell(self, lines: Iterable[StockLine]) -> None:
        for line in _in_lock_order(lines):
            await self.stock.sell(line.variant_id, line.quantity)

    async def report(self, product_id: uuid.UUID, variant_id: uuid.UUID) -> StockOut:
        variant = await self.catalog.variant(product_id, variant_id)
        if variant is None:
            raise VariantNotFound()
        stock = await self.stock.get(variant_id)
        history = await self.stock.history(variant_id, HISTORY_LIMIT)
        available = stock.available if stock else 0
        threshold = stock.low_stock_threshold if stock else DEFAULT_LOW_STOCK_THRESHOLD
        return StockOut(
            variant_id=variant.id,
            sku=variant.sku,
            on_hand=stock.on_hand if stock else 0,
            reserved=stock.reserved if stock else 0,
            available=available,
            low_stock_threshold=threshold,
            low_stock=available <= threshold,
            adjustments=[StockAdjustmentOut.model_validate(row) for row in history],
        )

    async def adjust(
        self, admin: CurrentUser, product_id: uuid.UUID, variant_id: uuid.UUID, body: StockAdjustmentRequest
    ) -> StockOut:
        variant = await self.catalog.variant(product_id, variant_id)
        if variant is None:
            raise VariantNotFound()
        stock = await self.stock.adjust(variant_id, body.delta)
        if stock is None:
            current = await self.stock.get(variant_id)
            raise StockBelowReserved(
                details={
                    "on_hand": current.on_hand if current else 0,
                    "reserved": current.reserved if current else 0,
                    "delta": body.delta,
                }
            )
        await self.stock.add(
            StockAdjustment(
                variant_id=variant_id,
                delta=body.delta,
                on_hand_after=stock.on_hand,
                reason=body.reason,
                actor_id=admin.id,
            )
        )
        # Committed before the cache is invalidated, so no reader can cache the old figures anew.
        await self.session.commit()
        await self.cache.invalidate()
        return await self.report(product_id, variant_id)

    async def set_threshold(
        self, product_id: uuid.UUID, variant_id: uuid.UUID, body: StockThresholdRequest
    ) -> StockOut:
        variant = await self.catalog.variant(product_id, variant_id)
        if variant is None:
            raise VariantNotFound()
        await self.stock.set_threshold(variant_id, body.low_stock_threshold)
        await self.session.commit()
        return await self.report(product_id, variant_id)
