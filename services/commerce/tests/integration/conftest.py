"""Commerce against a real PostgreSQL (schema built by Alembic) and Redis, both started by the tests."""

from __future__ import annotations

import io
import itertools
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from PIL import Image
from pydantic import SecretStr

from commerce.cli import SERVICE_ROOT
from commerce.config import CommerceSettings
from commerce.main import create_app
from kit.migrations import upgrade
from kit.testing.apps import api_client, reset_state
from kit.testing.apps import serve as serve_app
from kit.testing.servers import PostgresServer, RedisServer

DATABASE = "commerce_test"
INTERNAL_TOKEN = "test-internal-token"
TABLES = [
    "products",
    "variants",
    "inventory",
    "stock_adjustments",
    "orders",
    "order_items",
    "order_transitions",
    "order_refunds",
    "order_idempotency_keys",
    "order_emails",
    "addresses",
    "discount_codes",
    "discount_redemptions",
]
ADDRESS = {
    "name": "Asha Rao",
    "line1": "12 MG Road",
    "line2": "Flat 4B",
    "city": "Bengaluru",
    "state": "Karnataka",
    "postal_code": "560001",
    "country": "IN",
    "phone": "+91 98450 12345",
}
ORDER_BODY = {"shipping_address": ADDRESS}


@pytest.fixture(scope="session")
def migrated_database(postgres_server: PostgresServer) -> PostgresServer:
    postgres_server.create_database(DATABASE)
    upgrade(SERVICE_ROOT, settings_for(postgres_server, None, None).database_url)
    return postgres_server


def settings_for(
    postgres: PostgresServer,
    redis: str | None,
    keys: Path | None,
    **overrides: Any,
) -> CommerceSettings:
    values: dict[str, Any] = {
        "environment": "test",
        "postgres_host": "127.0.0.1",
        "postgres_port": postgres.port,
        "postgres_db": DATABASE,
        "postgres_user": postgres.user,
        "postgres_password": SecretStr(postgres.password),
        "redis_url": SecretStr(redis or "redis://127.0.0.1:1/0"),
        "jwt_public_key_file": keys / "jwt-public.pem" if keys else None,
        "internal_caller_tokens": {"payment": SecretStr(INTERNAL_TOKEN)},
        # The sweep runs only where a test asks for it, so expiry happens when the test decides.
        "expiry_interval_seconds": 0,
        # Likewise the order e-mail worker (test_order_emails.py runs it against an SMTP sink).
        "mail_outbox_interval_seconds": 0,
        "smtp_port": 1,
        "log_level": "WARNING",
    }
    values.update(overrides)
    return CommerceSettings(_env_file=None, **values)


@pytest.fixture
def make_settings(
    migrated_database: PostgresServer, redis_server: RedisServer, jwt_keys: Path
) -> Callable[..., CommerceSettings]:
    def build(**overrides: Any) -> CommerceSettings:
        overrides.setdefault("redis_url", SecretStr(redis_server.url))
        return settings_for(migrated_database, None, jwt_keys, **overrides)

    return build


@pytest.fixture
def settings(make_settings: Callable[..., CommerceSettings]) -> CommerceSettings:
    return make_settings()


@pytest.fixture(autouse=True)
async def clean_state(settings: CommerceSettings) -> None:
    """Each test starts from empty tables and an empty Redis."""
    await reset_state(settings, TABLES)


@dataclass
class Running:
    app: FastAPI

    def client(self) -> httpx.AsyncClient:
        return api_client(self.app, base_url="https://commerce.test")


@asynccontextmanager
async def serve(settings: CommerceSettings) -> AsyncIterator[Running]:
    """The commerce app with its lifespan (database pool, Redis, expiry loop) running."""
    async with serve_app(create_app(settings)) as app:
        yield Running(app)


@pytest.fixture
async def running(settings: CommerceSettings) -> AsyncIterator[Running]:
    async with serve(settings) as started:
        yield started


@pytest.fixture
async def client(running: Running) -> AsyncIterator[httpx.AsyncClient]:
    async with running.client() as http:
        yield http


@pytest.fixture
def app(running: Running) -> FastAPI:
    return running.app


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    headers: dict[str, str]


@pytest.fixture
def person(mint_token: Callable[..., str]) -> Callable[..., Person]:
    """A signed-in user (JWT as core would sign it): person() a shopper, person("admin") an admin."""

    def make(role: str = "customer", *, email: str | None = None, email_verified: bool = False) -> Person:
        user_id = uuid.uuid4()
        token = mint_token(user_id, role, email=email, email_verified=email_verified)
        return Person(user_id, {"Authorization": f"Bearer {token}"})

    return make


@pytest.fixture
def shopper(person: Callable[..., Person]) -> Person:
    return person()


@pytest.fixture
def admin(person: Callable[..., Person]) -> Person:
    return person("admin")


INTERNAL = {"X-Internal-Token": INTERNAL_TOKEN}


@dataclass
class Shop:
    """Factories over the public API: products (as an admin), carts and orders (as shoppers)."""

    client: httpx.AsyncClient
    admin: Person
    serial: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def product(
        self,
        *,
        title: str | None = None,
        stock: int = 10,
        price: int = 49900,
        colours: tuple[str, ...] = ("Blue",),
        sizes: tuple[str, ...] = ("M",),
        status: str = "active",
        **extra: Any,
    ) -> dict[str, Any]:
        number = next(self.serial)
        body = {
            "title": title or f"Test Tee {number}",
            "category": extra.pop("category", "t-shirts"),
            "brand": extra.pop("brand", "Aarya Basics"),
            "description": extra.pop("description", "A plain cotton tee."),
            "status": status,
            "images": [{"url": f"/media/catalog/tee-{number}.svg", "alt": "A tee"}],
            "variants": [
                {
                    "sku": f"T{number}-{colour[:3].upper()}-{size}",
                    "size": size,
                    "colour": colour,
                    "price_amount": price,
                    "initial_stock": stock,
                }
                for colour in colours
                for size in sizes
            ],
            **extra,
        }
        response = await self.client.post("/api/v1/products", json=body, headers=self.admin.headers)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    async def variant_id(self, **kwargs: Any) -> str:
        product = await self.product(**kwargs)
        return str(product["variants"][0]["id"])

    async def add(self, who: Person, variant_id: str, quantity: int = 1) -> httpx.Response:
        return await self.client.post(
            f"/api/v1/cart/{who.id}/add",
            json={"variant_id": variant_id, "quantity": quantity},
            headers=who.headers,
        )

    async def checkout(
        self, who: Person, key: str | None = None, body: dict[str, Any] | None = None
    ) -> httpx.Response:
        return await self.client.post(
            "/api/v1/orders",
            json=body or ORDER_BODY,
            headers={**who.headers, "Idempotency-Key": key or uuid.uuid4().hex},
        )

    async def order(self, who: Person, variant_id: str, quantity: int = 1) -> dict[str, Any]:
        added = await self.add(who, variant_id, quantity)
        assert added.status_code == 200, added.text
        placed = await self.checkout(who)
        assert placed.status_code == 201, placed.text
        order: dict[str, Any] = placed.json()
        return order

    async def stock(self, product_id: str, variant_id: str) -> dict[str, Any]:
        response = await self.client.get(
            f"/api/v1/products/{product_id}/variants/{variant_id}/stock", headers=self.admin.headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def mark_paid(self, order: dict[str, Any], payment_id: str = "pay_1") -> httpx.Response:
        return await self.client.post(
            f"/internal/v1/orders/{order['id']}/mark-paid",
            json={"payment_id": payment_id, "amount": order["total_amount"], "currency": order["currency"]},
            headers=INTERNAL,
        )


@pytest.fixture
def shop(client: httpx.AsyncClient, admin: Person) -> Shop:
    return Shop(client, admin)


def picture(size: tuple[int, int] = (1200, 1500), image_format: str = "JPEG", **save: Any) -> bytes:
    """A plain picture to upload (Pillow's `save` options: exif=…, …)."""
    out = io.BytesIO()
    Image.new("RGB", size, (30, 60, 150)).save(out, image_format, **save)
    return out.getvalue()


async def upload(
    shop: Shop,
    product_id: str,
    data: bytes | None = None,
    *,
    who: Person | None = None,
    filename: str = "photo.jpg",
    content_type: str = "image/jpeg",
    colour: str | None = None,
    alt: str | None = None,
) -> httpx.Response:
    """`POST …/photos` as the admin (or `who`), a 1200x1500 JPEG unless `data` says otherwise."""
    fields = {name: value for name, value in (("colour", colour), ("alt", alt)) if value is not None}
    return await shop.client.post(
        f"/api/v1/admin/catalog/products/{product_id}/photos",
        files={"file": (filename, picture() if data is None else data, content_type)},
        data=fields,
        headers=(who or shop.admin).headers,
    )


def error_code(response: httpx.Response) -> str:
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    code: str = body["error"]["code"]
    return code
