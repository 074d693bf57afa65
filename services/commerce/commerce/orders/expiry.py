"""Expiring unpaid orders: the sweep (CLI and background loop) that frees their stock.

Every worker runs the loop; a transaction-scoped advisory lock lets one of them sweep at a time, and
`FOR UPDATE SKIP LOCKED` keeps the sweep off orders a payment is touching at that moment.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from redis.asyncio import Redis
from sqlalchemy import func, select

from commerce.cart.repository import CartStore
from commerce.catalog.cache import CatalogCache
from commerce.config import CommerceSettings
from commerce.inventory.service import InventoryService
from commerce.orders.repository import OrderRepository
from commerce.orders.service import EXPIRY_BATCH, CheckoutLimits, OrderService, utcnow
from kit.db import Database

logger = logging.getLogger("commerce.expiry")

# pg_advisory lock id of the sweep ("exp" in ASCII); any constant unique within this database.
EXPIRY_LOCK_ID = 0x657870


async def expire_reservations(database: Database, redis: Redis, settings: CommerceSettings) -> int:
    """Expire every overdue pending order (in batches); returns how many. 0 if another worker sweeps."""
    cache = CatalogCache(redis)
    total = 0
    while True:
        async with database.sessionmaker() as session, session.begin():
            if not await session.scalar(select(func.pg_try_advisory_xact_lock(EXPIRY_LOCK_ID))):
                return total
            orders = OrderService(
                session,
                carts=CartStore(redis, settings.cart_ttl_seconds),
                inventory=InventoryService(session, cache),
                cache=cache,
                reservation_ttl_seconds=settings.reservation_ttl_seconds,
                limits=CheckoutLimits.of(redis, settings),
            )
            expired = await orders.expire_overdue(limit=EXPIRY_BATCH)
            if expired < EXPIRY_BATCH:
                cutoff = utcnow() - timedelta(seconds=settings.idempotency_key_ttl_seconds)
                await OrderRepository(session).delete_keys_older_than(cutoff)
        if expired:
            await cache.invalidate()
            logger.info("expired %d unpaid orders", expired, extra={"expired": expired})
        total += expired
        if expired < EXPIRY_BATCH:
            return total


async def run_expiry_loop(database: Database, redis: Redis, settings: CommerceSettings) -> None:
    """Sweep every `expiry_interval_seconds` until cancelled; a failed sweep is logged and retried."""
    while True:
        try:
            await expire_reservations(database, redis, settings)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("reservation expiry sweep failed; retrying next interval")
        await asyncio.sleep(settings.expiry_interval_seconds)
