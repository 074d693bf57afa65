"""Payment against a real PostgreSQL (schema built by Alembic) and Redis, a commerce stand-in (or the real
commerce app) and a Stripe emulator, the last two served over HTTP on loopback ports."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import select

from kit.migrations import upgrade
from kit.testing.apps import reset_state
from kit.testing.apps import serve as serve_app
from kit.testing.servers import PostgresServer, RedisServer
from payment.cli import SERVICE_ROOT
from payment.config import PaymentSettings
from payment.fraud.models import FraudAssessment
from payment.main import create_app
from payment.outbox.models import OutboxMessage
from payment.payments.models import Payment
from payment.providers.offline import OfflineProvider
from payment.providers.signing import sign
from payment.refunds.models import Refund

from ..commerce_stub import CommerceState, StubOrder, create_commerce_stub
from ..servers import ThreadedServer
from ..stripe_emulator import EmulatorState, create_emulator

DATABASE = "payment_test"
WEBHOOK_SECRET = "whsec_test_0123456789abcdef"
INTERNAL_TOKEN = "internal-test-token"
STRIPE_KEY = "sk_test_emulator_key"
TABLES = [
    "payments",
    "refunds",
    "webhook_events",
    "outbox",
    "fraud_assessments",
    "offline_objects",
    "offline_replies",
]

VISA = {"card_number": "4242424242424242", "exp_month": 12, "exp_year": 2034, "cvc": "123"}


def card(number: str) -> dict[str, Any]:
    return {**VISA, "card_number": number}


@pytest.fixture(scope="session")
def migrated_database(postgres_server: PostgresServer) -> PostgresServer:
    postgres_server.create_database(DATABASE)
    upgrade(SERVICE_ROOT, settings_for(postgres_server, None, None, "http://127.0.0.1:1").database_url)
    return postgres_server


@pytest.fixture(scope="session")
def commerce_state() -> Iterator[CommerceState]:
    state = CommerceState(token=INTERNAL_TOKEN)
    server = ThreadedServer(create_commerce_stub(state))
    server.start()
    state.url = server.url
    yield state
    server.stop()


@pytest.fixture(scope="session")
def stripe_state() -> Iterator[EmulatorState]:
    state = EmulatorState(api_key=STRIPE_KEY, webhook_secret=WEBHOOK_SECRET)
    server = ThreadedServer(create_emulator(state))
    server.start()
    state.url = server.url
    yield state
    server.stop()


def settings_for(
    postgres: PostgresServer,
    redis: RedisServer | None,
    keys: Path | None,
    commerce_url: str,
    **overrides: Any,
) -> PaymentSettings:
    values: dict[str, Any] = {
        "environment": "test",
        "postgres_host": "127.0.0.1",
        "postgres_port": postgres.port,
        "postgres_db": DATABASE,
        "postgres_user": postgres.user,
        "postgres_password": SecretStr(postgres.password),
        "redis_url": SecretStr(redis.url if redis else "redis://127.0.0.1:1/0"),
        "jwt_public_key_file": keys / "jwt-public.pem" if keys else None,
        "internal_api_token": SecretStr(INTERNAL_TOKEN),
        "stripe_webhook_secret": SecretStr(WEBHOOK_SECRET),
        "payment_fingerprint_secret": SecretStr("fingerprint-test-secret"),
        "commerce_internal_url": commerce_url,
        "commerce_timeout_seconds": 2.0,
        "payment_provider": "offline",
        "offline_webhook_delivery": "none",
        "outbox_worker_enabled": False,
        # High enough not to interfere; test_rate_limit builds an app with the real limit.
        "rate_limit_overrides": {"payment-process": 100_000},
        "log_level": "WARNING",
    }
    values.update(overrides)
    return PaymentSettings(_env_file=None, **values)


@pytest.fixture
def make_settings(
    migrated_database: PostgresServer,
    redis_server: RedisServer,
    jwt_keys: Path,
    commerce_state: CommerceState,
) -> Callable[..., PaymentSettings]:
    def build(**overrides: Any) -> PaymentSettings:
        commerce_url = overrides.pop("commerce_url", commerce_state.url)
        return settings_for(migrated_database, redis_server, jwt_keys, commerce_url, **overrides)

    return build


@pytest.fixture
def stripe_settings(
    make_settings: Callable[..., PaymentSettings], stripe_state: EmulatorState
) -> Callable[..., PaymentSettings]:
    def build(**overrides: Any) -> PaymentSettings:
        values: dict[str, Any] = {
            "payment_provider": "stripe",
            "stripe_secret_key": SecretStr(STRIPE_KEY),
            "stripe_api_base": stripe_state.url,
        }
        return make_settings(**{**values, **overrides})

    return build


@pytest.fixture
def settings(make_settings: Callable[..., PaymentSettings]) -> PaymentSettings:
    return make_settings()


@pytest.fixture(autouse=True)
async def clean_state(
    settings: PaymentSettings, commerce_state: CommerceState, stripe_state: EmulatorState
) -> None:
    """Each test starts from empty tables, an empty Redis, no orders and a fresh Stripe."""
    await reset_state(settings, TABLES)
    commerce_state.reset()
    stripe_state.reset()


@asynccontextmanager
async def serve(settings: PaymentSettings) -> AsyncIterator[FastAPI]:
    """The payment app with its lifespan (database pool, Redis, outbox worker) running."""
    async with serve_app(create_app(settings)) as app:
        yield app


@dataclass
class Shop:
    """Drives the payment API as shoppers, admins and the provider would."""

    app: FastAPI
    client: httpx.AsyncClient
    commerce: CommerceState
    mint_token: Callable[..., str]

    @property
    def provider(self) -> Any:
        return self.app.state.provider

    @property
    def offline(self) -> OfflineProvider:
        assert isinstance(self.app.state.provider, OfflineProvider)
        return self.app.state.provider

    def auth(self, user_id: uuid.UUID, role: str = "customer") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.mint_token(user_id, role)}"}

    def admin(self) -> dict[str, str]:
        return self.auth(uuid.uuid4(), "admin")

    def order(self, user_id: uuid.UUID | None = None, **fields: Any) -> StubOrder:
        return self.commerce.add_order(user_id or uuid.uuid4(), **fields)

    async def pay(
        self,
        order: StubOrder,
        method: dict[str, Any] | str | None = None,
        *,
        user_id: uuid.UUID | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> httpx.Response:
        body: dict[str, Any] = {"order_id": str(order.id), **extra}
        if isinstance(method, str):
            body["payment_method_id"] = method
        else:
            body["payment_method"] = method or VISA
        return await self.client.post(
            "/api/v1/payments/process",
            json=body,
            headers={**self.auth(user_id or order.user_id), **(headers or {})},
        )

    async def paid(
        self, order: StubOrder, method: dict[str, Any] | str | None = None, **extra: Any
    ) -> dict[str, Any]:
        response = await self.pay(order, method, **extra)
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    async def refund(
        self, payment_id: str, headers: dict[str, str], body: dict[str, Any] | None = None
    ) -> httpx.Response:
        return await self.client.post(f"/api/v1/payments/{payment_id}/refund", json=body, headers=headers)

    async def status(self, payment_id: str, headers: dict[str, str]) -> dict[str, Any]:
        response = await self.client.get(f"/api/v1/payments/{payment_id}/status", headers=headers)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def deliver(self, payload: bytes, signature: str) -> httpx.Response:
        return await self.client.post(
            "/api/v1/payments/verify",
            content=payload,
            headers={"Stripe-Signature": signature, "Content-Type": "application/json"},
        )

    async def send_event(self, event_type: str, obj: dict[str, Any], **fields: Any) -> httpx.Response:
        """A provider event, signed with the webhook secret as Stripe signs it."""
        event = {
            "id": fields.pop("event_id", f"evt_{uuid.uuid4().hex[:24]}"),
            "object": "event",
            "type": event_type,
            "created": fields.pop("created", 1_790_000_000),
            "data": {"object": obj},
            **fields,
        }
        payload = json.dumps(event).encode()
        return await self.deliver(payload, sign(payload, WEBHOOK_SECRET))

    async def deliver_outbox(self, *, force: bool = True) -> Any:
        return await self.app.state.outbox.deliver_due(force=force)

    async def payment(self, payment_id: str) -> Payment:
        async with self.app.state.database.sessionmaker() as session:
            payment: Payment | None = await session.get(Payment, payment_id)
            assert payment is not None
            return payment

    async def rows(self, model: type[Any]) -> list[Any]:
        async with self.app.state.database.sessionmaker() as session:
            return list(await session.scalars(select(model)))

    async def payments(self) -> list[Payment]:
        return await self.rows(Payment)

    async def refunds(self) -> list[Refund]:
        return await self.rows(Refund)

    async def outbox(self) -> list[OutboxMessage]:
        return sorted(await self.rows(OutboxMessage), key=lambda m: m.id)

    async def assessments(self) -> list[FraudAssessment]:
        return await self.rows(FraudAssessment)


@asynccontextmanager
async def shop_for(
    settings: PaymentSettings, commerce: CommerceState, mint_token: Callable[..., str]
) -> AsyncIterator[Shop]:
    async with serve(settings) as app:
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="https://payment.test") as client:
            yield Shop(app, client, commerce, mint_token)


@pytest.fixture
async def shop(
    settings: PaymentSettings, commerce_state: CommerceState, mint_token: Callable[..., str]
) -> AsyncIterator[Shop]:
    async with shop_for(settings, commerce_state, mint_token) as started:
        yield started


@pytest.fixture
async def stripe_shop(
    stripe_settings: Callable[..., PaymentSettings],
    commerce_state: CommerceState,
    mint_token: Callable[..., str],
) -> AsyncIterator[Shop]:
    async with shop_for(stripe_settings(), commerce_state, mint_token) as started:
        yield started
