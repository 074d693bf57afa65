"""Carts in Redis: lines by variant, live prices and stock, ownership, expiry and persistence."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from redis.asyncio import Redis

from commerce.config import CommerceSettings
from kit.testing.servers import RedisServer

from .conftest import Person, Shop, error_code, serve


def cart_url(who: Person | uuid.UUID, suffix: str = "") -> str:
    user_id = who.id if isinstance(who, Person) else who
    return f"/api/v1/cart/{user_id}{suffix}"


async def test_a_new_cart_is_empty(shop: Shop, shopper: Person) -> None:
    response = await shop.client.get(cart_url(shopper), headers=shopper.headers)

    assert response.status_code == 200
    assert response.json() == {
        "user_id": str(shopper.id),
        "items": [],
        "item_count": 0,
        "subtotal_amount": 0,
        "discount": None,
        "discount_amount": 0,
        "total_amount": 0,
        "currency": "INR",
        "removed_variant_ids": [],
    }


async def test_adding_lines_computes_totals_server_side(shop: Shop, shopper: Person) -> None:
    tee = await shop.product(title="Crew Tee", price=49900, stock=10, sizes=("M", "L"))
    jeans = await shop.product(title="Slim Jeans", price=199900, stock=10, category="jeans")
    await shop.add(shopper, tee["variants"][0]["id"], 2)
    await shop.add(shopper, tee["variants"][0]["id"], 1)  # adds to the line
    response = await shop.add(shopper, jeans["variants"][0]["id"], 1)

    assert response.status_code == 200
    cart = response.json()
    assert (cart["item_count"], cart["subtotal_amount"], cart["currency"]) == (4, 349600, "INR")
    lines = {line["title"]: line for line in cart["items"]}
    assert lines["Crew Tee"] | {"variant_id": None, "product_id": None} == {
        "variant_id": None,
        "product_id": None,
        "product_slug": "crew-tee",
        "title": "Crew Tee",
        "sku": tee["variants"][0]["sku"],
        "size": "M",
        "colour": "Blue",
        "image": tee["images"][0],
        "unit_price_amount": 49900,
        "compare_at_amount": None,
        "currency": "INR",
        "quantity": 3,
        "line_total_amount": 149700,
        "available": 10,
        "enough_stock": True,
    }


async def test_replace_sets_the_quantity(shop: Shop, shopper: Person) -> None:
    variant = await shop.variant_id(stock=10)
    await shop.add(shopper, variant, 5)

    response = await shop.client.post(
        cart_url(shopper, "/add"),
        json={"variant_id": variant, "quantity": 2, "replace": True},
        headers=shopper.headers,
    )

    assert response.json()["items"][0]["quantity"] == 2


async def test_prices_are_reread_from_the_catalog(shop: Shop, shopper: Person) -> None:
    product = await shop.product(price=100000)
    variant = product["variants"][0]["id"]
    await shop.add(shopper, variant, 2)

    await shop.client.patch(
        f"/api/v1/products/{product['id']}/variants/{variant}",
        json={"price_amount": 80000, "compare_at_amount": 100000},
        headers=shop.admin.headers,
    )
    cart = (await shop.client.get(cart_url(shopper), headers=shopper.headers)).json()

    assert (cart["items"][0]["unit_price_amount"], cart["items"][0]["compare_at_amount"]) == (80000, 100000)
    assert cart["subtotal_amount"] == 160000


async def test_adding_more_than_is_available_is_out_of_stock(shop: Shop, shopper: Person) -> None:
    variant = await shop.variant_id(stock=3)
    await shop.add(shopper, variant, 2)

    response = await shop.add(shopper, variant, 2)

    assert response.status_code == 409
    assert error_code(response) == "out_of_stock"
    assert response.json()["error"]["details"]["available"] == 3
    cart = (await shop.client.get(cart_url(shopper), headers=shopper.headers)).json()
    assert cart["items"][0]["quantity"] == 2


async def test_a_line_that_outgrew_the_stock_is_flagged(
    shop: Shop, shopper: Person, person: Callable[..., Person]
) -> None:
    variant = await shop.variant_id(stock=3)
    await shop.add(shopper, variant, 2)
    await shop.order(person(), variant, 2)

    cart = (await shop.client.get(cart_url(shopper), headers=shopper.headers)).json()

    assert (cart["items"][0]["available"], cart["items"][0]["enough_stock"]) == (1, False)


async def test_lines_no_longer_for_sale_are_dropped_and_reported(shop: Shop, shopper: Person) -> None:
    kept = await shop.variant_id()
    product = await shop.product()
    gone = product["variants"][0]["id"]
    await shop.add(shopper, kept)
    await shop.add(shopper, gone)
    await shop.client.patch(
        f"/api/v1/products/{product['id']}/variants/{gone}",
        json={"is_active": False},
        headers=shop.admin.headers,
    )

    first = (await shop.client.get(cart_url(shopper), headers=shopper.headers)).json()
    second = (await shop.client.get(cart_url(shopper), headers=shopper.headers)).json()

    assert [line["variant_id"] for line in first["items"]] == [kept]
    assert first["removed_variant_ids"] == [gone]
    assert second["removed_variant_ids"] == []


@pytest.mark.parametrize("status", ["draft"])
async def test_adding_a_variant_not_for_sale_is_404(shop: Shop, shopper: Person, status: str) -> None:
    draft = await shop.variant_id(status=status)

    unknown = await shop.add(shopper, str(uuid.uuid4()))
    hidden = await shop.add(shopper, draft)

    assert (unknown.status_code, error_code(unknown)) == (404, "variant_unavailable")
    assert (hidden.status_code, error_code(hidden)) == (404, "variant_unavailable")


async def test_quantity_limit_per_line(shop: Shop, shopper: Person) -> None:
    variant = await shop.variant_id(stock=100)
    await shop.add(shopper, variant, 8)

    response = await shop.add(shopper, variant, 3)

    assert response.status_code == 422
    assert error_code(response) == "quantity_limit"


async def test_cart_line_limit(
    make_settings: Callable[..., CommerceSettings], shop: Shop, shopper: Person
) -> None:
    first, second = await shop.variant_id(), await shop.variant_id()
    async with serve(make_settings(cart_max_lines=1)) as small, small.client() as client:
        await client.post(cart_url(shopper, "/add"), json={"variant_id": first}, headers=shopper.headers)
        response = await client.post(
            cart_url(shopper, "/add"), json={"variant_id": second}, headers=shopper.headers
        )

    assert response.status_code == 409
    assert error_code(response) == "cart_full"


async def test_a_cart_holds_one_currency(shop: Shop, shopper: Person) -> None:
    rupees = await shop.variant_id()
    dollars = await shop.client.post(
        "/api/v1/products",
        json={
            "title": "Imported Tee",
            "category": "t-shirts",
            "brand": "Elsewhere",
            "status": "active",
            "variants": [
                {
                    "sku": "USD-1",
                    "size": "M",
                    "colour": "Red",
                    "price_amount": 2000,
                    "currency": "USD",
                    "initial_stock": 5,
                }
            ],
        },
        headers=shop.admin.headers,
    )
    await shop.add(shopper, rupees)

    response = await shop.add(shopper, dollars.json()["variants"][0]["id"])

    assert (response.status_code, error_code(response)) == (409, "currency_mismatch")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"variant_id": "nope"},
        {"variant_id": str(uuid.uuid4()), "quantity": 0},
        {"variant_id": str(uuid.uuid4()), "x": 1},
    ],
)
async def test_add_with_an_invalid_body_is_422(shop: Shop, shopper: Person, body: dict[str, Any]) -> None:
    response = await shop.client.post(cart_url(shopper, "/add"), json=body, headers=shopper.headers)

    assert response.status_code == 422
    assert error_code(response) == "validation_error"


async def test_remove_a_line_by_variant_id(shop: Shop, shopper: Person) -> None:
    first, second = await shop.variant_id(), await shop.variant_id()
    await shop.add(shopper, first)
    await shop.add(shopper, second, 2)

    response = await shop.client.delete(cart_url(shopper, f"/remove/{first}"), headers=shopper.headers)
    again = await shop.client.delete(cart_url(shopper, f"/remove/{first}"), headers=shopper.headers)

    assert response.status_code == 200
    assert [line["variant_id"] for line in response.json()["items"]] == [second]
    assert response.json()["item_count"] == 2
    assert (again.status_code, error_code(again)) == (404, "cart_item_not_found")


async def test_clear_empties_the_cart(shop: Shop, shopper: Person) -> None:
    await shop.add(shopper, await shop.variant_id())

    response = await shop.client.delete(cart_url(shopper, "/clear"), headers=shopper.headers)

    assert (response.status_code, response.json()["items"]) == (200, [])
    again = await shop.client.get(cart_url(shopper), headers=shopper.headers)
    assert again.json()["items"] == []


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("GET", ""), ("POST", "/add"), ("DELETE", "/remove/{variant}"), ("DELETE", "/clear")],
)
async def test_only_the_owner_or_an_admin_touches_a_cart(
    shop: Shop, shopper: Person, person: Callable[..., Person], method: str, suffix: str
) -> None:
    variant = await shop.variant_id()
    await shop.add(shopper, variant)
    url = cart_url(shopper, suffix.format(variant=variant))
    body = {"variant_id": variant} if method == "POST" else None

    stranger = await shop.client.request(method, url, json=body, headers=person().headers)
    anonymous = await shop.client.request(method, url, json=body)
    admin = await shop.client.request(method, url, json=body, headers=shop.admin.headers)

    assert (stranger.status_code, error_code(stranger)) == (403, "forbidden")
    assert (anonymous.status_code, error_code(anonymous)) == (401, "unauthorized")
    assert admin.status_code == 200


async def test_invalid_user_id_in_path_is_422(shop: Shop, shopper: Person) -> None:
    response = await shop.client.get("/api/v1/cart/not-a-uuid", headers=shopper.headers)

    assert (response.status_code, error_code(response)) == (422, "validation_error")


async def test_a_cart_expires_after_the_idle_time_and_each_touch_renews_it(
    shop: Shop, shopper: Person, settings: CommerceSettings
) -> None:
    await shop.add(shopper, await shop.variant_id())
    redis = Redis.from_url(settings.redis_url.get_secret_value())
    try:
        key = f"cart:{shopper.id}"
        assert 30 * 24 * 3600 - 10 <= await redis.ttl(key) <= 30 * 24 * 3600
        await redis.expire(key, 100)
        await shop.client.get(cart_url(shopper), headers=shopper.headers)
        assert await redis.ttl(key) > 100
    finally:
        await redis.aclose()


async def test_carts_survive_a_redis_restart(
    make_settings: Callable[..., CommerceSettings], shop: Shop, shopper: Person, tmp_path: Path
) -> None:
    variant = await shop.variant_id(stock=5)
    redis = RedisServer(directory=tmp_path / "redis", keep=True)
    redis.start()
    try:
        settings = make_settings(redis_url=SecretStr(redis.url))
        async with serve(settings) as running, running.client() as client:
            added = await client.post(
                cart_url(shopper, "/add"),
                json={"variant_id": variant, "quantity": 2},
                headers=shopper.headers,
            )
            assert added.status_code == 200

        redis.stop()  # SIGTERM: Redis flushes its append-only file and exits
        redis.start()  # same directory and port: it replays the AOF

        async with serve(settings) as running, running.client() as client:
            cart = await client.get(cart_url(shopper), headers=shopper.headers)
        assert [(line["variant_id"], line["quantity"]) for line in cart.json()["items"]] == [(variant, 2)]
    finally:
        redis.stop()
