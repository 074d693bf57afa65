"""The payment service app (uvicorn --factory payment.main:app, port 8020)."""

from __future__ import annotations

import asyncio
import logging

import httpx
from fastapi import FastAPI

from kit.app import create_service_app
from payment import __version__
from payment.commerce import CommerceClient
from payment.config import PaymentSettings
from payment.fraud.router import router as fraud_router
from payment.metrics import PaymentMetrics
from payment.outbox.worker import OutboxDelivery, OutboxWorker
from payment.payments.router import router as payments_router
from payment.providers.factory import make_provider
from payment.providers.offline import Deliver
from payment.refunds.router import router as refunds_router
from payment.webhooks.router import router as webhooks_router

logger = logging.getLogger("payment.main")

WEBHOOK_PATH = "/api/v1/payments/verify"
SELF_DELIVERY_DELAYS = (0.0, 0.5, 2.0, 5.0)


def self_delivery(app: FastAPI) -> Deliver:
    """The offline provider's webhook sender: its signed events go to this app's own /verify endpoint,
    over ASGI, retried like Stripe retries a failed delivery."""

    async def deliver(payload: bytes, signature: str) -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://payment.internal") as client:
            for delay in SELF_DELIVERY_DELAYS:
                await asyncio.sleep(delay)
                response = await client.post(
                    WEBHOOK_PATH,
                    content=payload,
                    headers={"Stripe-Signature": signature, "Content-Type": "application/json"},
                )
                if response.status_code < 500:
                    return
        logger.error("offline webhook delivery gave up")

    return deliver


def create_app(settings: PaymentSettings | None = None) -> FastAPI:
    settings = settings or PaymentSettings.from_environment()

    async def start(app: FastAPI) -> None:
        app.state.commerce = CommerceClient(
            settings.commerce_internal_url,
            settings.internal_api_token.get_secret_value(),
            settings.commerce_timeout_seconds,
        )
        app.state.provider = make_provider(settings, app.state.database, self_delivery(app))
        app.state.outbox = OutboxDelivery(
            app.state.database, app.state.commerce, app.state.provider, settings
        )
        app.state.outbox_worker = None
        if settings.outbox_worker_enabled:
            app.state.outbox_worker = OutboxWorker(
                app.state.outbox, settings.outbox_poll_seconds, settings.outbox_batch_size
            )
            app.state.outbox_worker.start()

    async def stop(app: FastAPI) -> None:
        if app.state.outbox_worker is not None:
            await app.state.outbox_worker.stop()
        await app.state.provider.aclose()
        await app.state.commerce.aclose()

    service = create_service_app(
        settings,
        title="Aarya Clothing payment",
        version=__version__,
        description=(
            "Payments of orders through Stripe (or the offline provider), refunds, signed provider "
            "webhooks and fraud scoring. Paid and refunded payments reach commerce through an outbox."
        ),
        routers=[payments_router, refunds_router, webhooks_router, fraud_router],
        on_startup=[start],
        on_shutdown=[stop],
        openapi_tags=[
            {"name": "payments", "description": "Paying orders and reading payments"},
            {"name": "refunds", "description": "Refunds (admins; owners per the refund policy)"},
            {"name": "webhooks", "description": "Signed events from the payment provider"},
            {"name": "admin", "description": "Fraud reviews (admins only)"},
            {"name": "ops", "description": "Health and metrics"},
        ],
    )
    service.state.payment_metrics = PaymentMetrics(service.state.metrics.registry)
    settings.require_secrets()  # once logging is set up, so a warning goes to the JSON logs
    return service


def app() -> FastAPI:
    """Factory for `uvicorn --factory payment.main:app`."""
    return create_app()
