"""Dependency aliases of the commerce service (`Annotated` types used by the routers).

They are `async def` although they do not await: FastAPI runs plain `def` dependencies in a thread
pool, a hop that costs more than building these objects.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from commerce.addresses.service import AddressService
from commerce.cart.repository import CartStore
from commerce.cart.service import CartService
from commerce.catalog.cache import CatalogCache
from commerce.catalog.repository import CatalogRepository
from commerce.catalog.service import CatalogService
from commerce.config import CommerceSettings
from commerce.dashboard.service import DashboardService
from commerce.discounts.service import DiscountService
from commerce.inventory.service import InventoryService
from commerce.orders.service import CheckoutLimits, OrderService
from kit.db import DbSession
from kit.redis import RedisClient


async def _settings(request: Request) -> CommerceSettings:
    settings: CommerceSettings = request.app.state.settings
    return settings


Settings = Annotated[CommerceSettings, Depends(_settings)]


async def _cache(request: Request, redis: RedisClient) -> CatalogCache:
    return CatalogCache(redis, request.app.state.catalog_entries)


Cache = Annotated[CatalogCache, Depends(_cache)]


async def _cart_store(redis: RedisClient, settings: Settings) -> CartStore:
    return CartStore(redis, settings.cart_ttl_seconds)


async def _catalog(session: DbSession, cache: Cache, settings: Settings) -> CatalogService:
    return CatalogService(session, cache, settings.default_currency)


Catalog = Annotated[CatalogService, Depends(_catalog)]


async def _stock(session: DbSession, cache: Cache) -> InventoryService:
    return InventoryService(session, cache)


Stock = Annotated[InventoryService, Depends(_stock)]


async def _carts(
    session: DbSession, store: Annotated[CartStore, Depends(_cart_store)], settings: Settings
) -> CartService:
    return CartService(
        store,
        CatalogRepository(session),
        DiscountService(session),
        default_currency=settings.default_currency,
        max_lines=settings.cart_max_lines,
        max_quantity=settings.cart_max_quantity,
    )


Carts = Annotated[CartService, Depends(_carts)]


async def _orders(
    session: DbSession,
    store: Annotated[CartStore, Depends(_cart_store)],
    stock: Stock,
    cache: Cache,
    settings: Settings,
) -> OrderService:
    return OrderService(
        session,
        carts=store,
        inventory=stock,
        cache=cache,
        reservation_ttl_seconds=settings.reservation_ttl_seconds,
        limits=CheckoutLimits.of(store.redis, settings),
    )


Orders = Annotated[OrderService, Depends(_orders)]


async def _addresses(session: DbSession) -> AddressService:
    return AddressService(session)


Addresses = Annotated[AddressService, Depends(_addresses)]


async def _discounts(session: DbSession) -> DiscountService:
    return DiscountService(session)


Discounts = Annotated[DiscountService, Depends(_discounts)]


async def _dashboard(session: DbSession, settings: Settings) -> DashboardService:
    return DashboardService(session, settings.default_currency)


Dashboards = Annotated[DashboardService, Depends(_dashboard)]
