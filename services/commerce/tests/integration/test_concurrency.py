"""Real parallel requests competing for the same stock, key or order: no oversell, no duplicates."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, text, update

from commerce.config import CommerceSettings
from commerce.inventory.models import Inventory
from commerce.orders.expiry import expire_reservations
from commerce.orders.models import Order

from .conftest import INTERNAL, Person, Shop, error_code

pytestmark = pytest.mark.slow


async def _inventory(app: FastAPI, variant_id: str) -> Inventory:
    async with app.state.database.sessionmaker() as session:
        stock: Inventory | None = await session.get(Inventory, uuid.UUID(variant_id))
        assert stock is not None
        return stock


async def test_hundred_concurrent_checkouts_for_ten_units_sell_exactly_ten(
    shop: Shop, person: Callable[..., Person], app: FastAPI
) -> None:
    variant = await shop.variant_id(stock=10)
    shoppers = [person() for _ in range(100)]
    added = await asyncio.gather(*(shop.add(who, variant, 1) for who in shoppers))
    assert Counter(r.status_code for r in added) == {200: 100}

    responses = await asyncio.gather(*(shop.checkout(who) for who in shoppers))

    assert Counter(r.status_code for r in responses) == {201: 10, 409: 90}
    assert {error_code(r) for r in responses if r.status_code == 409} == {"out_of_stock"}
    stock = await _inventory(app, variant)
    assert (stock.on_hand, stock.reserved, stock.available) == (10, 10, 0)
    async with app.state.database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Order)) == 10
    winners = {r.json()["user_id"] for r in responses if r.status_code == 201}
    assert len(winners) == 10


async def test_concurrent_checkouts_of_overlapping_carts_neither_deadlock_nor_oversell(
    shop: Shop, person: Callable[..., Person], app: FastAPI
) -> None:
    first = await shop.variant_id(stock=15)
    second = await shop.variant_id(stock=15)
    shoppers = [person() for _ in range(40)]
    for index, who in enumerate(shoppers):
        # Half add the variants in one order, half in the other.
        for variant in (first, second) if index % 2 else (second, first):
            assert (await shop.add(who, variant, 1)).status_code == 200

    responses = await asyncio.gather(*(shop.checkout(who) for who in shoppers))

    assert Counter(r.status_code for r in responses) == {201: 15, 409: 25}
    for variant in (first, second):
        stock = await _inventory(app, variant)
        assert (stock.reserved, stock.available) == (15, 0)


async def test_twenty_concurrent_retries_of_one_checkout_create_one_order(
    shop: Shop, shopper: Person, app: FastAPI
) -> None:
    variant = await shop.variant_id(stock=50)
    await shop.add(shopper, variant, 2)

    responses = await asyncio.gather(*(shop.checkout(shopper, key="one-checkout") for _ in range(20)))

    assert Counter(r.status_code for r in responses) == {201: 1, 200: 19}
    assert len({r.json()["id"] for r in responses}) == 1
    async with app.state.database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Order)) == 1
    stock = await _inventory(app, variant)
    assert stock.reserved == 2


async def test_concurrent_mark_paid_with_one_payment_sells_once(
    shop: Shop, shopper: Person, app: FastAPI
) -> None:
    variant = await shop.variant_id(stock=5)
    order = await shop.order(shopper, variant, 2)

    responses = await asyncio.gather(*(shop.mark_paid(order, "pay_same") for _ in range(20)))

    assert Counter(r.status_code for r in responses) == {200: 20}
    stock = await _inventory(app, variant)
    assert (stock.on_hand, stock.reserved) == (3, 0)


async def test_concurrent_mark_paid_with_different_payments_accepts_one(shop: Shop, shopper: Person) -> None:
    variant = await shop.variant_id(stock=5)
    order = await shop.order(shopper, variant, 1)

    responses = await asyncio.gather(*(shop.mark_paid(order, f"pay_{n}") for n in range(10)))

    assert Counter(r.status_code for r in responses) == {200: 1, 409: 9}
    assert {error_code(r) for r in responses if r.status_code == 409} == {"already_paid"}


async def test_concurrent_refunds_never_exceed_the_payment(shop: Shop, shopper: Person) -> None:
    variant = await shop.variant_id(stock=5, price=10000)
    order = await shop.order(shopper, variant, 1)
    await shop.mark_paid(order)

    responses = await asyncio.gather(
        *(
            shop.client.post(
                f"/internal/v1/orders/{order['id']}/mark-refunded",
                json={"payment_id": "pay_1", "refund_id": f"re_{n}", "amount": 3000, "currency": "INR"},
                headers=INTERNAL,
            )
            for n in range(10)
        )
    )

    assert Counter(r.status_code for r in responses) == {200: 3, 409: 7}
    final = await shop.client.get(f"/internal/v1/orders/{order['id']}", headers=INTERNAL)
    assert (final.json()["refunded_amount"], final.json()["status"]) == (9000, "partially_refunded")


async def test_stock_removals_racing_checkouts_never_drop_below_reserved(
    shop: Shop, person: Callable[..., Person], app: FastAPI
) -> None:
    product = await shop.product(stock=20)
    variant = product["variants"][0]["id"]
    shoppers = [person() for _ in range(20)]
    for who in shoppers:
        await shop.add(who, variant, 1)
    url = f"/api/v1/products/{product['id']}/variants/{variant}/stock"

    results = await asyncio.gather(
        *(shop.checkout(who) for who in shoppers),
        *(
            shop.client.post(url, json={"delta": -3, "reason": "damaged"}, headers=shop.admin.headers)
            for _ in range(10)
        ),
    )

    orders, removals = results[:20], results[20:]
    sold = sum(r.status_code == 201 for r in orders)
    removed = 3 * sum(r.status_code == 200 for r in removals)
    stock = await _inventory(app, variant)
    assert stock.on_hand == 20 - removed
    assert stock.reserved == sold
    assert 0 <= stock.reserved <= stock.on_hand


async def test_the_expiry_sweep_takes_stock_rows_in_the_same_order_as_checkouts(
    shop: Shop, person: Callable[..., Person], app: FastAPI, settings: CommerceSettings
) -> None:
    low, high = sorted([await shop.variant_id(stock=5), await shop.variant_id(stock=5)], key=uuid.UUID)
    # The order expiring first holds the higher variant: taken order by order, the sweep would lock
    # `high` and then wait for `low`.
    first = await shop.order(person(), high)
    second = await shop.order(person(), low)
    async with app.state.database.sessionmaker() as session, session.begin():
        for order, seconds in ((first, 20), (second, 10)):
            await session.execute(
                update(Order)
                .where(Order.id == uuid.UUID(order["id"]))
                .values(expires_at=func.now() - text(f"interval '{seconds} seconds'"))
            )

    async with app.state.database.sessionmaker() as checkout, checkout.begin():
        # A checkout of both variants: it holds `low` and is about to take `high`.
        await checkout.execute(
            update(Inventory)
            .where(Inventory.variant_id == uuid.UUID(low))
            .values(reserved=Inventory.reserved + 1)
        )
        sweep = asyncio.create_task(expire_reservations(app.state.database, app.state.redis, settings))
        await asyncio.sleep(0.5)  # the sweep is now waiting for a row the checkout holds
        await checkout.execute(
            update(Inventory)
            .where(Inventory.variant_id == uuid.UUID(high))
            .values(reserved=Inventory.reserved + 1)
        )

    assert await asyncio.wait_for(sweep, timeout=10) == 2
    for variant in (low, high):
        stock = await _inventory(app, variant)
        assert (stock.on_hand, stock.reserved) == (5, 1)
