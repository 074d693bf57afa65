"""End to end with the real commerce app under uvicorn: payment talks HTTP to it, and it goes down."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from commerce.cli import SERVICE_ROOT as COMMERCE_ROOT
from commerce.config import CommerceSettings
from commerce.main import create_app as create_commerce_app
from kit.migrations import upgrade
from kit.testing.servers import PostgresServer, RedisServer, free_port
from payment.config import PaymentSettings
from payment.providers.base import ProviderRejected

from ..servers import ThreadedServer
from .conftest import INTERNAL_TOKEN, Shop, card, shop_for

COMMERCE_DATABASE = "commerce_test"
ADDRESS = {
    "name": "Asha Rao",
    "line1": "12 MG Road",
    "city": "Bengaluru",
    "state": "Karnataka",
    "postal_code": "560001",
    "country": "IN",
    "phone": "+91 98450 12345",
}


@pytest.fixture(scope="module")
def commerce_settings(
    postgres_server: PostgresServer, redis_server: RedisServer, jwt_keys: Path
) -> CommerceSettings:
    postgres_server.create_database(COMMERCE_DATABASE)
    settings = CommerceSettings(
        _env_file=None,
        environment="test",
        postgres_host="127.0.0.1",
        postgres_port=postgres_server.port,
        postgres_db=COMMERCE_DATABASE,
        postgres_user=postgres_server.user,
        postgres_password=SecretStr(postgres_server.password),
        redis_url=SecretStr(redis_server.url),
        jwt_public_key_file=jwt_keys / "jwt-public.pem",
        internal_caller_tokens={"payment": SecretStr(INTERNAL_TOKEN)},
        expiry_interval_seconds=0,
        log_level="WARNING",
    )
    upgrade(COMMERCE_ROOT, settings.database_url)
    return settings


class Commerce:
    """The real commerce app on a fixed loopback port, which a test may stop and start again."""

    def __init__(self, settings: CommerceSettings) -> None:
        self.settings = settings
        self.port = free_port()
        self.server: ThreadedServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.server = ThreadedServer(create_commerce_app(self.settings), port=self.port, lifespan="on")
        self.server.start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


@pytest.fixture
def commerce(commerce_settings: CommerceSettings) -> Iterator[Commerce]:
    running = Commerce(commerce_settings)
    running.start()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
async def empty_commerce(commerce_settings: CommerceSettings) -> None:
    engine = create_async_engine(commerce_settings.database_url, poolclass=NullPool)
    async with engine.begin() as connection:
        tables = (
            await connection.execute(
                text(
                    "SELECT tablename FROM pg_tables "
                    "WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
                )
            )
        ).scalars()
        await connection.execute(text(f"TRUNCATE {', '.join(tables)} CASCADE"))
    await engine.dispose()


@dataclass
class Storefront:
    """A shopper's and an admin's way through commerce's public API."""

    http: httpx.AsyncClient
    mint_token: Callable[..., str]

    def auth(self, user_id: uuid.UUID, role: str = "customer") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.mint_token(user_id, role)}"}

    async def product(self, *, price: int, stock: int = 5) -> dict[str, Any]:
        sku = f"TEE-{uuid.uuid4().hex[:6].upper()}"
        response = await self.http.post(
            "/api/v1/products",
            json={
                "title": f"Tee {sku}",
                "category": "t-shirts",
                "brand": "Aarya Basics",
                "status": "active",
                "variants": [
                    {"sku": sku, "size": "M", "colour": "Blue", "price_amount": price, "initial_stock": stock}
                ],
            },
            headers=self.auth(uuid.uuid4(), "admin"),
        )
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    async def order(self, user_id: uuid.UUID, *, price: int = 49900, quantity: int = 2) -> dict[str, Any]:
        product = await self.product(price=price)
        variant = product["variants"][0]["id"]
        added = await self.http.post(
            f"/api/v1/cart/{user_id}/add",
            json={"variant_id": variant, "quantity": quantity},
            headers=self.auth(user_id),
        )
        assert added.status_code == 200, added.text
        placed = await self.http.post(
            "/api/v1/orders",
            json={"shipping_address": ADDRESS},
            headers={**self.auth(user_id), "Idempotency-Key": uuid.uuid4().hex},
        )
        assert placed.status_code == 201, placed.text
        order: dict[str, Any] = placed.json()
        return order

    async def details(self, order: dict[str, Any]) -> dict[str, Any]:
        """The order as commerce tells payment about it (the internal API)."""
        response = await self.http.get(
            f"/internal/v1/orders/{order['id']}", headers={"X-Internal-Token": INTERNAL_TOKEN}
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


@pytest.fixture
async def storefront(commerce: Commerce, mint_token: Callable[..., str]) -> AsyncIterator[Storefront]:
    async with httpx.AsyncClient(base_url=commerce.url, timeout=30) as http:
        yield Storefront(http, mint_token)


@pytest.fixture
async def paying(
    make_settings: Callable[..., PaymentSettings], commerce: Commerce, commerce_state: Any, mint_token: Any
) -> AsyncIterator[Shop]:
    async with shop_for(make_settings(commerce_url=commerce.url), commerce_state, mint_token) as shop:
        yield shop


async def pay(
    shop: Shop, order: dict[str, Any], method: dict[str, Any] | str | None = None
) -> httpx.Response:
    body: dict[str, Any] = {"order_id": order["id"]}
    if isinstance(method, str):
        body["payment_method_id"] = method
    else:
        body["payment_method"] = method or card("4242424242424242")
    return await shop.client.post(
        "/api/v1/payments/process", json=body, headers=shop.auth(uuid.UUID(order["user_id"]))
    )


async def test_an_order_from_commerce_is_paid_for_its_total(paying: Shop, storefront: Storefront) -> None:
    order = await storefront.order(uuid.uuid4(), price=49900, quantity=2)

    response = await pay(paying, order)
    report = await paying.deliver_outbox()

    assert response.status_code == 201, response.text
    assert (response.json()["amount"], response.json()["currency"]) == (99800, order["currency"])
    assert report.delivered == 1
    paid = await storefront.details(order)
    assert (paid["status"], paid["paid_amount"], paid["payment_id"]) == (
        "paid",
        99800,
        response.json()["transaction_id"],
    )


async def test_twenty_concurrent_payments_of_a_commerce_order_make_one_charge(
    paying: Shop, storefront: Storefront
) -> None:
    order = await storefront.order(uuid.uuid4())

    responses = await asyncio.gather(*(pay(paying, order) for _ in range(20)))
    await paying.deliver_outbox()

    assert Counter(r.status_code for r in responses) == {201: 1, 200: 19}
    assert paying.offline.charges_succeeded == 1
    assert (await storefront.details(order))["status"] == "paid"


async def test_commerce_down_during_payment_then_recovered(
    paying: Shop, storefront: Storefront, commerce: Commerce
) -> None:
    order = await storefront.order(uuid.uuid4())
    started = await pay(paying, order, card("4000002500003155"))
    assert started.json()["status"] == "requires_action"

    commerce.stop()
    await paying.offline.complete_action(started.json()["client_secret"].split("_secret_")[0])
    for payload, signature in paying.offline.emitted:
        assert (await paying.deliver(payload, signature)).status_code == 200
    payment = await paying.payment(started.json()["transaction_id"])
    assert payment.status == "succeeded"
    down = await paying.deliver_outbox()
    assert (down.delivered, down.retried) == (0, 1)

    commerce.start()
    back = await paying.deliver_outbox()

    assert back.delivered == 1
    recovered = await storefront.details(order)
    assert (recovered["status"], recovered["payment_id"]) == ("paid", payment.id)


async def test_a_payment_for_a_cancelled_order_is_refunded_automatically(
    paying: Shop, storefront: Storefront
) -> None:
    order = await storefront.order(uuid.uuid4())
    response = await pay(paying, order)
    cancelled = await storefront.http.post(
        f"/api/v1/orders/{order['id']}/cancel", headers=storefront.auth(uuid.UUID(order["user_id"]))
    )
    assert cancelled.status_code == 200, cancelled.text

    report = await paying.deliver_outbox()

    assert report.refunded == 1
    payment = await paying.payment(response.json()["transaction_id"])
    assert (payment.status, payment.amount_refunded) == ("refunded", payment.amount)
    [refund] = await paying.refunds()
    assert refund.reason == "order_not_payable"
    assert (await storefront.details(order))["status"] == "cancelled"


async def test_refunds_reach_the_commerce_order(paying: Shop, storefront: Storefront) -> None:
    order = await storefront.order(uuid.uuid4(), price=50000, quantity=1)
    body = (await pay(paying, order)).json()
    await paying.deliver_outbox()

    partial = await paying.refund(body["transaction_id"], paying.admin(), {"amount": 20000})
    await paying.deliver_outbox()
    after_partial = await storefront.details(order)
    rest = await paying.refund(body["transaction_id"], paying.admin())
    await paying.deliver_outbox()

    assert (partial.status_code, rest.status_code) == (201, 201)
    assert (after_partial["status"], after_partial["refunded_amount"]) == ("partially_refunded", 20000)
    final = await storefront.details(order)
    assert (final["status"], final["refunded_amount"]) == ("refunded", 50000)


async def _paid_order(paying: Shop, storefront: Storefront) -> tuple[dict[str, Any], str]:
    order = await storefront.order(uuid.uuid4(), price=50000, quantity=1)
    response = await pay(paying, order)
    assert response.status_code == 201, response.text
    return order, str(response.json()["transaction_id"])


@pytest.mark.slow
async def test_twenty_concurrent_refund_and_fulfil_races_each_have_exactly_one_winner(
    paying: Shop, storefront: Storefront
) -> None:
    """The shopper cancels (a full refund) while the admin ships: never both (shipped and money back)."""
    orders = [await _paid_order(paying, storefront) for _ in range(20)]
    await paying.deliver_outbox()
    admin = storefront.auth(uuid.uuid4(), "admin")

    async def after(delay: float, request: Any) -> httpx.Response:
        await asyncio.sleep(delay)
        response: httpx.Response = await request
        return response

    async def race(number: int, order: dict[str, Any], payment_id: str) -> tuple[int, int]:
        # Both sent at once, one of them a few milliseconds late (the fulfilment in even races, the refund
        # in odd ones, 0 to 18 ms), so fulfilment lands at every point of the refund: before commerce
        # hears of it, while the provider is asked, after it answered.
        delay = (number // 2) * 0.002
        refund, fulfil = await asyncio.gather(
            after(
                delay if number % 2 else 0.0,
                paying.refund(payment_id, paying.auth(uuid.UUID(order["user_id"]))),
            ),
            after(
                0.0 if number % 2 else delay,
                storefront.http.post(f"/api/v1/orders/{order['id']}/fulfil", headers=admin),
            ),
        )
        return refund.status_code, fulfil.status_code

    outcomes = [await race(number, order, payment_id) for number, (order, payment_id) in enumerate(orders)]
    await paying.deliver_outbox()

    for (order, _), (refund, fulfil) in zip(orders, outcomes, strict=True):
        assert (refund, fulfil) in {(201, 409), (403, 200)}, (refund, fulfil)
        final = await storefront.details(order)
        assert final["status"] == ("refunded" if refund == 201 else "fulfilled")
        history = await storefront.http.get(
            f"/api/v1/orders/{order['id']}/details", headers=storefront.auth(uuid.UUID(order["user_id"]))
        )
        reached = {t["to_status"] for t in history.json()["transitions"]}
        assert not {"fulfilled", "refunded"} <= reached, reached
    assert paying.offline.refunds_made == sum(refund == 201 for refund, _ in outcomes)


async def test_a_partly_refunded_order_still_ships(paying: Shop, storefront: Storefront) -> None:
    order, payment_id = await _paid_order(paying, storefront)
    await paying.deliver_outbox()

    partial = await paying.refund(payment_id, paying.admin(), {"amount": 20000})
    await paying.deliver_outbox()
    fulfil = await storefront.http.post(
        f"/api/v1/orders/{order['id']}/fulfil", headers=storefront.auth(uuid.uuid4(), "admin")
    )

    assert partial.status_code == 201, partial.text
    assert fulfil.status_code == 200, fulfil.text
    final = await storefront.details(order)
    assert (final["status"], final["refunded_amount"]) == ("fulfilled", 20000)


async def test_a_full_refund_holds_the_order_until_the_provider_answers(
    paying: Shop, storefront: Storefront
) -> None:
    """Between commerce's hold and the provider's answer the order cannot ship; a refusal releases it."""
    order, payment_id = await _paid_order(paying, storefront)
    await paying.deliver_outbox()
    admin = storefront.auth(uuid.uuid4(), "admin")
    provider = paying.offline
    seen: list[int] = []

    async def refuse(*args: Any, **kwargs: Any) -> Any:
        seen.append(
            (await storefront.http.post(f"/api/v1/orders/{order['id']}/fulfil", headers=admin)).status_code
        )
        raise ProviderRejected("declined for the test")

    original = provider.refund
    provider.refund = refuse  # type: ignore[method-assign]
    try:
        refused = await paying.refund(payment_id, paying.auth(uuid.UUID(order["user_id"])))
    finally:
        provider.refund = original  # type: ignore[method-assign]
    fulfil = await storefront.http.post(f"/api/v1/orders/{order['id']}/fulfil", headers=admin)

    assert seen == [409]  # held while the provider was asked
    assert refused.status_code == 502
    assert fulfil.status_code == 200, fulfil.text  # released: it ships


async def test_a_refund_fails_cleanly_when_commerce_is_down(
    paying: Shop, storefront: Storefront, commerce: Commerce
) -> None:
    _, payment_id = await _paid_order(paying, storefront)
    await paying.deliver_outbox()
    commerce.stop()

    response = await paying.refund(payment_id, paying.admin())

    assert (response.status_code, response.json()["error"]["code"]) == (503, "commerce_unavailable")
    assert paying.offline.refunds_made == 0
    assert await paying.refunds() == []


async def test_a_guest_pays_its_order_and_the_verified_owner_of_its_address_claims_it(
    paying: Shop, storefront: Storefront, mint_token: Callable[..., str]
) -> None:
    def bearer(user_id: uuid.UUID, role: str = "customer", **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {mint_token(user_id, role, **claims)}"}

    guest_id, customer_id = uuid.uuid4(), uuid.uuid4()
    guest = bearer(guest_id, "guest", email="asha@example.com")
    product = await storefront.product(price=50000)
    added = await storefront.http.post(
        f"/api/v1/cart/{guest_id}/add", json={"variant_id": product["variants"][0]["id"]}, headers=guest
    )
    assert added.status_code == 200, added.text
    placed = await storefront.http.post(
        "/api/v1/orders",
        json={"shipping_address": ADDRESS},
        headers={**guest, "Idempotency-Key": uuid.uuid4().hex},
    )
    order = placed.json()
    assert order["guest"] is True

    paid = await paying.client.post(
        "/api/v1/payments/process",
        json={"order_id": order["id"], "payment_method": card("4242424242424242")},
        headers=guest,
    )
    assert paid.status_code == 201, paid.text
    await paying.deliver_outbox()
    status_url = f"/api/v1/payments/{paid.json()['transaction_id']}/status"
    assert (await paying.client.get(status_url, headers=guest)).status_code == 200
    another_guest = bearer(uuid.uuid4(), "guest", email="asha@example.com")
    assert (await paying.client.get(status_url, headers=another_guest)).status_code == 403

    owner = bearer(customer_id, email="asha@example.com", email_verified=True)
    unverified = bearer(uuid.uuid4(), email="asha@example.com")
    assert (await paying.client.get(status_url, headers=owner)).status_code == 403  # not claimed yet
    listed = await storefront.http.get(f"/api/v1/orders/{customer_id}", headers=owner)
    assert [row["id"] for row in listed.json()["items"]] == [order["id"]]

    seen = await paying.client.get(status_url, headers=owner)
    assert seen.status_code == 200, seen.text
    assert (await paying.client.get(status_url, headers=unverified)).status_code == 403
    assert (await paying.client.get(status_url, headers=guest)).status_code == 403  # it moved
    listing = await paying.client.get("/api/v1/payments", params={"order_id": order["id"]}, headers=owner)
    assert [row["transaction_id"] for row in listing.json()] == [paid.json()["transaction_id"]]
    refunded = await paying.client.post(
        f"/api/v1/payments/{paid.json()['transaction_id']}/refund", json={}, headers=owner
    )
    assert refunded.status_code == 201, refunded.text
