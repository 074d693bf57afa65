"""Stock hoarding: one shopper holds a few unpaid orders at most and checks out a few times a window."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable

from commerce.config import CommerceSettings

from .conftest import Person, Shop, error_code, serve


async def test_a_shopper_holds_at_most_the_pending_order_cap(
    shop: Shop, shopper: Person, person: Callable[..., Person]
) -> None:
    product = await shop.product(stock=100)
    variant = product["variants"][0]["id"]
    for _ in range(3):
        await shop.order(shopper, variant)
    await shop.add(shopper, variant)

    refused = await shop.checkout(shopper)
    other = await shop.order(person(), variant)  # someone else is not affected

    assert (refused.status_code, error_code(refused)) == (409, "pending_orders_limit")
    assert refused.json()["error"]["details"] == {"pending_orders": 3, "limit": 3}
    assert other["status"] == "pending"
    assert (await shop.stock(product["id"], variant))["reserved"] == 4  # the refused one reserved nothing


async def test_paying_or_cancelling_frees_a_place(shop: Shop, shopper: Person) -> None:
    variant = await shop.variant_id(stock=100)
    orders = [await shop.order(shopper, variant) for _ in range(3)]
    await shop.client.post(f"/api/v1/orders/{orders[0]['id']}/cancel", headers=shopper.headers)
    assert (await shop.mark_paid(orders[1])).status_code == 200

    placed = [await shop.order(shopper, variant) for _ in range(2)]

    assert [order["status"] for order in placed] == ["pending", "pending"]


async def test_concurrent_checkouts_never_exceed_the_cap(shop: Shop, shopper: Person) -> None:
    variant = await shop.variant_id(stock=100)
    await shop.add(shopper, variant, 1)

    # Each checkout empties the cart it ordered; ten at once race for the same lines and the cap.
    responses = await asyncio.gather(*(shop.checkout(shopper) for _ in range(10)))

    pending = await shop.client.get(f"/api/v1/orders/{shopper.id}?status=pending", headers=shopper.headers)
    assert pending.json()["total"] <= 3
    assert Counter(r.status_code for r in responses)[201] == pending.json()["total"]


async def test_checkouts_per_shopper_are_rate_limited(
    make_settings: Callable[..., CommerceSettings],
    admin: Person,
    shopper: Person,
    person: Callable[..., Person],
) -> None:
    settings = make_settings(checkout_rate_limit=2, checkout_rate_window_seconds=60)
    async with serve(settings) as running, running.client() as client:
        shop = Shop(client, admin)
        variant = await shop.variant_id(stock=100)
        await shop.add(shopper, variant)
        first = await shop.checkout(shopper, key="first")
        replayed = await shop.checkout(shopper, key="first")  # a retry of the same checkout: not counted
        await shop.add(shopper, variant)
        second = await shop.checkout(shopper)
        await shop.add(shopper, variant)
        third = await shop.checkout(shopper)
        someone_else = await shop.order(person(), variant)

    assert (first.status_code, replayed.status_code, second.status_code) == (201, 200, 201)
    assert (third.status_code, error_code(third)) == (429, "rate_limited")
    assert int(third.headers["Retry-After"]) > 0
    assert someone_else["status"] == "pending"
