"""The commerce service app (uvicorn --factory commerce.main:app, port 8010)."""

from __future__ import annotations

import asyncio
import contextlib

from fastapi import FastAPI

from commerce import __version__
from commerce.addresses.router import router as addresses_router
from commerce.cart.router import router as cart_router
from commerce.catalog.admin import router as catalog_admin_router
from commerce.catalog.cache import CacheEntries
from commerce.catalog.photos.router import media_router
from commerce.catalog.photos.router import router as photos_router
from commerce.catalog.router import router as catalog_router
from commerce.config import CommerceSettings
from commerce.dashboard.metrics import register_low_stock_gauge
from commerce.dashboard.router import router as dashboard_router
from commerce.discounts.router import router as discounts_router
from commerce.emails.worker import OutboxWorker, run_outbox_loop
from commerce.inventory.router import router as inventory_router
from commerce.orders.admin import router as staff_orders_router
from commerce.orders.expiry import run_expiry_loop
from commerce.orders.internal import router as internal_router
from commerce.orders.router import router as orders_router
from kit.app import create_service_app


def create_app(settings: CommerceSettings | None = None) -> FastAPI:
    settings = settings or CommerceSettings.from_environment()
    settings.require_secrets()

    async def start(app: FastAPI) -> None:
        register_low_stock_gauge(app.state.metrics, app.state.database)
        app.state.expiry_task = None
        if settings.expiry_interval_seconds > 0:
            app.state.expiry_task = asyncio.create_task(
                run_expiry_loop(app.state.database, app.state.redis, settings), name="reservation-expiry"
            )
        app.state.outbox_task, app.state.outbox_stopping = None, asyncio.Event()
        if settings.mail_outbox_interval_seconds > 0:
            app.state.outbox_task = asyncio.create_task(
                run_outbox_loop(
                    OutboxWorker(app.state.database, settings),
                    settings.mail_outbox_interval_seconds,
                    app.state.outbox_stopping,
                ),
                name="order-emails",
            )

    async def stop(app: FastAPI) -> None:
        outbox: asyncio.Task[None] | None = app.state.outbox_task
        if outbox is not None:
            # The mail in hand finishes (bounded by the SMTP timeout), then the loop ends; cancelled if stuck.
            app.state.outbox_stopping.set()
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(outbox, settings.smtp_timeout_seconds + 5)
        task: asyncio.Task[None] | None = app.state.expiry_task
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app = create_service_app(
        settings,
        title="Aarya Clothing commerce",
        version=__version__,
        description=(
            "Catalog, stock, carts and orders. Money is integer minor units (paise for INR) with an "
            "ISO 4217 currency code."
        ),
        routers=[
            catalog_router,
            catalog_admin_router,
            photos_router,
            media_router,
            inventory_router,
            cart_router,
            orders_router,
            staff_orders_router,
            addresses_router,
            discounts_router,
            dashboard_router,
            internal_router,
        ],
        on_startup=[start],
        on_shutdown=[stop],
        openapi_tags=[
            {"name": "catalog", "description": "Products and variants: browse, search, administer"},
            {"name": "inventory", "description": "Stock per variant and its audited adjustments (admins)"},
            {"name": "cart", "description": "Carts in Redis, one per user"},
            {"name": "orders", "description": "Checkout, order history and status changes"},
            {"name": "addresses", "description": "A shopper's saved delivery addresses (the address book)"},
            {"name": "discounts", "description": "Discount codes (admins); shoppers apply them in the cart"},
            {"name": "dashboard", "description": "The business at a glance: sales, refunds, stock (admins)"},
            {"name": "internal", "description": "For the payment service only (X-Internal-Token)"},
            {"name": "media", "description": "Product photo files (public, cached for ever)"},
            {"name": "ops", "description": "Health and metrics"},
        ],
    )
    app.state.catalog_entries = CacheEntries(
        max_entries=settings.catalog_cache_max_entries,
        max_bytes=settings.catalog_cache_max_bytes,
        ttl_seconds=settings.catalog_cache_ttl_seconds,
    )
    return app


def app() -> FastAPI:
    """Factory for `uvicorn --factory commerce.main:app`."""
    return create_app()
