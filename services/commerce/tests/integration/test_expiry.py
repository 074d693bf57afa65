"""Reservations expire: an unpaid order past `expires_at` frees its stock, wherever it is noticed."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, text, update

from commerce import cli
from commerce.config import CommerceSettings
from commerce.orders.expiry import EXPIRY_LOCK_ID, expire_reservations
from commerce.orders.models import IdempotencyKey, Order

from .conftest import INTERNAL, Person, Shop, error_code, serve


async def _overdue(app: FastAPI, order_id: str) -> None:
    async with app.state.database.sessionmaker() as session, session.begin():
        await session.execute(
            update(Order)
            .where(Order.id == uuid.UUID(order_id))
            .values(expires_at=func.now() - text("interval '1 second'"))
        )


async def _placed(shop: Shop, shopper: Person, quantity: int = 3) -> tuple[dict[str, Any], dict[str, Any]]:
    product = await shop.product(stock=5)
    order = await shop.order(shopper, product["variants"][0]["id"], quantity)
    return product, order


async def _assert_expired_and_released(
    shop: Shop, shopper: Person, product: dict[str, Any], order_id: str
) -> None:
    details = (await shop.client.get(f"/api/v1/orders/{order_id}/details", headers=shopper.headers)).json()
    assert details["status"] == "expired"
    last = details["transitions"][-1]
    assert (last["from_status"], last["to_status"], last["actor"]) == ("pending", "expired", "system")
    stock = await shop.stock(product["id"], product["variants"][0]["id"])
    assert (stock["on_hand"], stock["reserved"], stock["available"]) == (5, 0, 5)


async def test_new_orders_hold_stock_for_the_configured_time(shop: Shop, shopper: Person) -> None:
    _, order = await _placed(shop, shopper)

    created = order["created_at"].replace("Z", "+00:00")
    expires = order["expires_at"].replace("Z", "+00:00")
    held = datetime.fromisoformat(expires) - datetime.fromisoformat(created)
    assert abs(held.total_seconds() - 900) < 5


async def test_the_sweep_expires_overdue_orders_and_releases_their_stock(
    shop: Shop, shopper: Person, app: FastAPI, settings: CommerceSettings
) -> None:
    product, order = await _placed(shop, shopper)
    _, fresh = await _placed(shop, shopper, 1)
    await _overdue(app, order["id"])
    listing = await shop.client.get("/api/v1/products?q=Test")  # cached with 2 available
    assert {p["id"]: p["available"] for p in listing.json()["items"]}[product["id"]] == 2

    expired = await expire_reservations(app.state.database, app.state.redis, settings)

    assert expired == 1
    async with app.state.database.sessionmaker() as session:
        statuses = dict((await session.execute(select(Order.id, Order.status))).all())
    assert statuses == {uuid.UUID(order["id"]): "expired", uuid.UUID(fresh["id"]): "pending"}
    await _assert_expired_and_released(shop, shopper, product, order["id"])
    relisted = await shop.client.get("/api/v1/products?q=Test")
    assert {p["id"]: p["available"] for p in relisted.json()["items"]}[product["id"]] == 5
    assert await expire_reservations(app.state.database, app.state.redis, settings) == 0


async def test_paid_orders_never_expire(
    shop: Shop, shopper: Person, app: FastAPI, settings: CommerceSettings
) -> None:
    _, order = await _placed(shop, shopper)
    await shop.mark_paid(order)
    await _overdue(app, order["id"])

    assert await expire_reservations(app.state.database, app.state.redis, settings) == 0
    details = await shop.client.get(f"/api/v1/orders/{order['id']}/details", headers=shopper.headers)
    assert details.json()["status"] == "paid"


async def test_an_overdue_order_reads_as_expired_before_any_sweep(
    shop: Shop, shopper: Person, app: FastAPI
) -> None:
    product, order = await _placed(shop, shopper)
    await _overdue(app, order["id"])

    internal = await shop.client.get(f"/internal/v1/orders/{order['id']}", headers=INTERNAL)

    assert internal.json()["status"] == "expired"
    await _assert_expired_and_released(shop, shopper, product, order["id"])


async def test_an_overdue_order_is_expired_in_the_owners_order_list(
    shop: Shop, shopper: Person, app: FastAPI
) -> None:
    product, order = await _placed(shop, shopper)
    await _overdue(app, order["id"])

    listing = await shop.client.get(f"/api/v1/orders/{shopper.id}", headers=shopper.headers)

    assert [o["status"] for o in listing.json()["items"]] == ["expired"]
    await _assert_expired_and_released(shop, shopper, product, order["id"])


async def test_paying_an_overdue_order_is_refused_and_it_stays_expired(
    shop: Shop, shopper: Person, app: FastAPI
) -> None:
    product, order = await _placed(shop, shopper)
    await _overdue(app, order["id"])

    response = await shop.mark_paid(order)

    assert response.status_code == 409
    assert error_code(response) == "order_not_payable"
    await _assert_expired_and_released(shop, shopper, product, order["id"])


async def test_cancelling_an_overdue_order_is_refused_and_it_stays_expired(
    shop: Shop, shopper: Person, app: FastAPI
) -> None:
    product, order = await _placed(shop, shopper)
    await _overdue(app, order["id"])

    response = await shop.client.post(f"/api/v1/orders/{order['id']}/cancel", headers=shopper.headers)

    assert (response.status_code, error_code(response)) == (409, "order_not_cancellable")
    await _assert_expired_and_released(shop, shopper, product, order["id"])


async def test_only_one_sweep_runs_at_a_time(
    shop: Shop, shopper: Person, app: FastAPI, settings: CommerceSettings
) -> None:
    _, order = await _placed(shop, shopper)
    await _overdue(app, order["id"])

    async with app.state.database.sessionmaker() as other_worker, other_worker.begin():
        assert await other_worker.scalar(select(func.pg_try_advisory_xact_lock(EXPIRY_LOCK_ID)))
        assert await expire_reservations(app.state.database, app.state.redis, settings) == 0

    assert await expire_reservations(app.state.database, app.state.redis, settings) == 1


async def test_the_background_loop_expires_orders_on_its_own(
    make_settings: Any, shop: Shop, shopper: Person, app: FastAPI
) -> None:
    product, order = await _placed(shop, shopper)
    await _overdue(app, order["id"])

    async with serve(make_settings(expiry_interval_seconds=0.05)) as worker:
        async with worker.app.state.database.sessionmaker() as session:
            for _ in range(100):
                status = await session.scalar(select(Order.status).where(Order.id == uuid.UUID(order["id"])))
                await session.rollback()
                if status == "expired":
                    break
                await asyncio.sleep(0.05)
        assert status == "expired"

    stock = await shop.stock(product["id"], product["variants"][0]["id"])
    assert stock["reserved"] == 0


async def test_cli_expire_reservations(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    settings: CommerceSettings,
    shop: Shop,
    shopper: Person,
    app: FastAPI,
) -> None:
    product, order = await _placed(shop, shopper)
    await _overdue(app, order["id"])
    monkeypatch.setattr(CommerceSettings, "from_environment", classmethod(lambda cls: settings))

    # The CLI runs its own event loop, so it runs in a thread beside the test's.
    await asyncio.to_thread(cli.main, ["expire-reservations"])

    assert "expired 1 unpaid orders" in capsys.readouterr().out
    await _assert_expired_and_released(shop, shopper, product, order["id"])


async def test_the_sweep_forgets_idempotency_keys_after_their_ttl(
    shop: Shop, shopper: Person, app: FastAPI, settings: CommerceSettings
) -> None:
    variant = await shop.variant_id(stock=10)
    for key in ("old-key", "new-key"):
        await shop.add(shopper, variant)
        assert (await shop.checkout(shopper, key=key)).status_code == 201
    async with app.state.database.sessionmaker() as session, session.begin():
        await session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.key == "old-key")
            .values(created_at=func.now() - text("interval '25 hours'"))
        )

    await expire_reservations(app.state.database, app.state.redis, settings)

    async with app.state.database.sessionmaker() as session:
        assert list(await session.scalars(select(IdempotencyKey.key))) == ["new-key"]
