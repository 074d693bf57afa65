"""Checkout, order history, details, cancel and fulfil, through the public API."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import ADDRESS, ORDER_BODY, Person, Shop, error_code


async def test_checkout_turns_the_cart_into_a_pending_order(shop: Shop, shopper: Person) -> None:
    tee = await shop.product(title="Classic Crew Neck T-Shirt", price=49900, stock=5, sizes=("M", "L"))
    kurta = await shop.product(title="Cotton Kurta", price=119900, stock=5, category="kurtas")
    tee_m, tee_l = tee["variants"][0]["id"], tee["variants"][1]["id"]
    await shop.add(shopper, tee_m, 2)
    await shop.add(shopper, tee_l, 1)
    await shop.add(shopper, kurta["variants"][0]["id"], 1)

    response = await shop.checkout(
        shopper, body={"shipping_address": ADDRESS, "note": "Leave with the guard"}
    )

    assert response.status_code == 201, response.text
    order = response.json()
    assert order["user_id"] == str(shopper.id)
    assert order["status"] == "pending"
    assert (order["subtotal_amount"], order["total_amount"]) == (269600, 269600)
    assert order["item_count"] == 4
    assert order["currency"] == "INR"
    assert order["shipping_address"] == ADDRESS
    assert order["note"] == "Leave with the guard"
    lines = {item["sku"]: item for item in order["items"]}
    assert lines[tee["variants"][0]["sku"]] | {"variant_id": None, "product_id": None} == {
        "variant_id": None,
        "product_id": None,
        "product_title": "Classic Crew Neck T-Shirt",
        "product_slug": "classic-crew-neck-t-shirt",
        "sku": tee["variants"][0]["sku"],
        "size": "M",
        "colour": "Blue",
        "image_url": tee["images"][0]["url"],
        "unit_price_amount": 49900,
        "quantity": 2,
        "line_total_amount": 99800,
    }
    assert [t["to_status"] for t in order["transitions"]] == ["pending"]
    cart = await shop.client.get(f"/api/v1/cart/{shopper.id}", headers=shopper.headers)
    assert cart.json()["items"] == []
    stock = await shop.stock(tee["id"], tee_m)
    assert (stock["on_hand"], stock["reserved"], stock["available"]) == (5, 2, 3)


async def test_order_items_are_a_snapshot_unaffected_by_later_catalog_changes(
    shop: Shop, shopper: Person
) -> None:
    product = await shop.product(title="Linen Shirt", price=179900)
    variant = product["variants"][0]
    order = await shop.order(shopper, variant["id"])

    await shop.client.patch(
        f"/api/v1/products/{product['id']}/variants/{variant['id']}",
        json={"price_amount": 99900, "sku": "RENAMED-1"},
        headers=shop.admin.headers,
    )
    await shop.client.patch(
        f"/api/v1/products/{product['id']}", json={"title": "Renamed"}, headers=shop.admin.headers
    )

    details = await shop.client.get(f"/api/v1/orders/{order['id']}/details", headers=shopper.headers)
    item = details.json()["items"][0]
    assert (item["product_title"], item["sku"], item["unit_price_amount"]) == (
        "Linen Shirt",
        variant["sku"],
        179900,
    )
    assert details.json()["total_amount"] == 179900


async def test_checkout_reads_prices_from_the_catalog_not_the_cart(shop: Shop, shopper: Person) -> None:
    product = await shop.product(price=50000)
    variant = product["variants"][0]["id"]
    await shop.add(shopper, variant, 2)
    await shop.client.patch(
        f"/api/v1/products/{product['id']}/variants/{variant}",
        json={"price_amount": 45000},
        headers=shop.admin.headers,
    )

    response = await shop.checkout(shopper)

    assert response.json()["total_amount"] == 90000


async def test_retry_with_the_same_key_returns_the_same_order(shop: Shop, shopper: Person) -> None:
    variant = await shop.variant_id(stock=10)
    await shop.add(shopper, variant, 2)
    first = await shop.checkout(shopper, key="checkout-1")

    retry = await shop.checkout(shopper, key="checkout-1")

    assert first.status_code == 201
    assert retry.status_code == 200
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert retry.json()["id"] == first.json()["id"]
    orders = await shop.client.get(f"/api/v1/orders/{shopper.id}", headers=shopper.headers)
    assert orders.json()["total"] == 1


async def test_a_failed_checkout_does_not_burn_its_key(shop: Shop, shopper: Person) -> None:
    empty = await shop.checkout(shopper, key="k-1")
    assert empty.status_code == 409
    variant = await shop.variant_id()
    await shop.add(shopper, variant)

    response = await shop.checkout(shopper, key="k-1")

    assert response.status_code == 201


async def test_same_key_with_another_body_is_refused(shop: Shop, shopper: Person) -> None:
    variant = await shop.variant_id()
    await shop.add(shopper, variant)
    assert (await shop.checkout(shopper, key="k-1")).status_code == 201

    response = await shop.checkout(
        shopper, key="k-1", body={"shipping_address": {**ADDRESS, "city": "Mysuru"}}
    )

    assert response.status_code == 409
    assert error_code(response) == "idempotency_key_reused"


async def test_keys_belong_to_their_user(shop: Shop, person: Callable[..., Person]) -> None:
    variant = await shop.variant_id(stock=10)
    first, second = person(), person()
    for who in (first, second):
        await shop.add(who, variant)

    responses = [await shop.checkout(who, key="same-key") for who in (first, second)]

    assert [r.status_code for r in responses] == [201, 201]
    assert responses[0].json()["id"] != responses[1].json()["id"]


async def test_checkout_without_idempotency_key_is_refused_naming_the_header(
    shop: Shop, shopper: Person
) -> None:
    variant = await shop.variant_id()
    await shop.add(shopper, variant)

    response = await shop.client.post("/api/v1/orders", json=ORDER_BODY, headers=shopper.headers)
    blank = await shop.checkout(shopper, key="   ")

    assert (response.status_code, error_code(response)) == (422, "validation_error")
    assert response.json()["error"]["details"] == [
        {"loc": ["header", "Idempotency-Key"], "msg": "Field required", "type": "missing"}
    ]
    assert (blank.status_code, error_code(blank)) == (400, "idempotency_key_required")
    assert "Idempotency-Key" in blank.json()["error"]["message"]
    assert (await shop.client.get(f"/api/v1/orders/{shopper.id}", headers=shopper.headers)).json()[
        "total"
    ] == 0


async def test_the_openapi_document_marks_the_idempotency_key_required(shop: Shop) -> None:
    spec = (await shop.client.get("/openapi.json")).json()

    [header] = [
        p for p in spec["paths"]["/api/v1/orders"]["post"]["parameters"] if p["name"] == "Idempotency-Key"
    ]

    assert (header["in"], header["required"]) == ("header", True)


async def test_checkout_with_an_unprintable_key_is_422(shop: Shop, shopper: Person) -> None:
    response = await shop.checkout(shopper, key="x" * 256)

    assert response.status_code == 422
    assert error_code(response) == "idempotency_key_invalid"


async def test_checkout_of_an_empty_cart_is_409(shop: Shop, shopper: Person) -> None:
    response = await shop.checkout(shopper)

    assert response.status_code == 409
    assert error_code(response) == "cart_empty"


async def test_checkout_beyond_the_stock_is_out_of_stock_and_holds_nothing(
    shop: Shop, shopper: Person, person: Callable[..., Person]
) -> None:
    plenty = await shop.product(stock=10)
    scarce = await shop.product(stock=3)
    await shop.add(shopper, plenty["variants"][0]["id"], 2)
    await shop.add(shopper, scarce["variants"][0]["id"], 3)
    # Someone else buys two of the scarce item meanwhile.
    await shop.order(person(), scarce["variants"][0]["id"], 2)

    response = await shop.checkout(shopper)

    assert response.status_code == 409
    assert error_code(response) == "out_of_stock"
    details = response.json()["error"]["details"]
    assert details["variant_id"] == scarce["variants"][0]["id"]
    assert (details["requested"], details["available"]) == (3, 1)
    plenty_stock = await shop.stock(plenty["id"], plenty["variants"][0]["id"])
    assert plenty_stock["reserved"] == 0  # the whole checkout rolled back
    cart = await shop.client.get(f"/api/v1/cart/{shopper.id}", headers=shopper.headers)
    assert len(cart.json()["items"]) == 2  # the cart is kept to fix and retry


async def test_checkout_with_an_item_no_longer_for_sale_is_refused(shop: Shop, shopper: Person) -> None:
    product = await shop.product()
    await shop.add(shopper, product["variants"][0]["id"])
    await shop.client.patch(
        f"/api/v1/products/{product['id']}", json={"status": "draft"}, headers=shop.admin.headers
    )

    response = await shop.checkout(shopper)

    assert response.status_code == 409
    assert error_code(response) == "items_unavailable"


async def test_checkout_needs_a_signed_in_user(shop: Shop) -> None:
    response = await shop.client.post("/api/v1/orders", json=ORDER_BODY, headers={"Idempotency-Key": "k"})

    assert response.status_code == 401
    assert error_code(response) == "unauthorized"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"shipping_address": {**ADDRESS, "phone": "call me"}},
        {"shipping_address": {key: value for key, value in ADDRESS.items() if key != "city"}},
        {"shipping_address": ADDRESS, "surprise": True},
        {"shipping_address": ADDRESS, "note": "x" * 501},
    ],
)
async def test_checkout_with_an_invalid_body_is_422(
    shop: Shop, shopper: Person, body: dict[str, Any]
) -> None:
    response = await shop.checkout(shopper, body=body or {"x": 1})

    assert response.status_code == 422
    assert error_code(response) == "validation_error"


async def test_a_nul_character_in_the_address_is_422_and_holds_nothing(shop: Shop, shopper: Person) -> None:
    # Found by the fuzz run (tests/fuzz): jsonb cannot hold U+0000 and PostgreSQL's refusal was a 500.
    variant = await shop.variant_id(stock=5)
    await shop.add(shopper, variant)

    response = await shop.checkout(shopper, body={"shipping_address": {**ADDRESS, "line2": "Flat\x004B"}})
    cart = await shop.client.get(f"/api/v1/cart/{shopper.id}", headers=shopper.headers)

    assert response.status_code == 422
    assert error_code(response) == "validation_error"
    assert len(cart.json()["items"]) == 1


async def test_users_list_their_own_orders_newest_first_paginated(
    shop: Shop, shopper: Person, person: Callable[..., Person]
) -> None:
    variant = await shop.variant_id(stock=20)
    placed = [await shop.order(shopper, variant) for _ in range(3)]
    await shop.order(person(), variant)  # someone else's

    first = await shop.client.get(f"/api/v1/orders/{shopper.id}?page_size=2", headers=shopper.headers)
    second = await shop.client.get(f"/api/v1/orders/{shopper.id}?page_size=2&page=2", headers=shopper.headers)

    assert first.status_code == 200
    assert (first.json()["total"], first.json()["pages"]) == (3, 2)
    ids = [o["id"] for o in first.json()["items"] + second.json()["items"]]
    assert ids == [o["id"] for o in reversed(placed)]


async def test_a_page_past_the_bigint_offset_is_422_not_500(shop: Shop, shopper: Person) -> None:
    # Found by the fuzz run (tests/fuzz): the offset of page 162029432894924521472 overflowed bigint.
    response = await shop.client.get(
        f"/api/v1/orders/{shopper.id}?page=1620294328949245214720&page_size=100", headers=shopper.headers
    )

    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"] == ["query", "page"]


async def test_orders_can_be_filtered_by_status(shop: Shop, shopper: Person) -> None:
    variant = await shop.variant_id(stock=20)
    paid = await shop.order(shopper, variant)
    await shop.order(shopper, variant)
    await shop.mark_paid(paid)

    response = await shop.client.get(f"/api/v1/orders/{shopper.id}?status=paid", headers=shopper.headers)

    assert [o["id"] for o in response.json()["items"]] == [paid["id"]]


async def test_a_user_cannot_list_someone_elses_orders_but_an_admin_can(
    shop: Shop, shopper: Person, person: Callable[..., Person]
) -> None:
    variant = await shop.variant_id()
    await shop.order(shopper, variant)

    stranger = await shop.client.get(f"/api/v1/orders/{shopper.id}", headers=person().headers)
    admin = await shop.client.get(f"/api/v1/orders/{shopper.id}", headers=shop.admin.headers)
    anonymous = await shop.client.get(f"/api/v1/orders/{shopper.id}")

    assert stranger.status_code == 403
    assert error_code(stranger) == "forbidden"
    assert admin.json()["total"] == 1
    assert anonymous.status_code == 401


async def test_order_details_for_owner_and_admin_only(
    shop: Shop, shopper: Person, person: Callable[..., Person]
) -> None:
    order = await shop.order(shopper, await shop.variant_id())
    url = f"/api/v1/orders/{order['id']}/details"

    own = await shop.client.get(url, headers=shopper.headers)
    admin = await shop.client.get(url, headers=shop.admin.headers)
    stranger = await shop.client.get(url, headers=person().headers)
    anonymous = await shop.client.get(url)
    missing = await shop.client.get(f"/api/v1/orders/{uuid.uuid4()}/details", headers=shopper.headers)
    malformed = await shop.client.get("/api/v1/orders/not-a-uuid/details", headers=shopper.headers)

    assert own.json() == order
    assert admin.json()["id"] == order["id"]
    assert (stranger.status_code, error_code(stranger)) == (403, "forbidden")
    assert anonymous.status_code == 401
    assert (missing.status_code, error_code(missing)) == (404, "order_not_found")
    assert (malformed.status_code, error_code(malformed)) == (422, "validation_error")


async def test_owner_cancels_a_pending_order_and_the_stock_returns(shop: Shop, shopper: Person) -> None:
    product = await shop.product(stock=4)
    variant = product["variants"][0]["id"]
    order = await shop.order(shopper, variant, 3)

    response = await shop.client.post(f"/api/v1/orders/{order['id']}/cancel", headers=shopper.headers)

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    last = response.json()["transitions"][-1]
    assert (last["from_status"], last["to_status"], last["actor"]) == (
        "pending",
        "cancelled",
        f"customer:{shopper.id}",
    )
    stock = await shop.stock(product["id"], variant)
    assert (stock["on_hand"], stock["reserved"], stock["available"]) == (4, 0, 4)
    again = await shop.client.post(f"/api/v1/orders/{order['id']}/cancel", headers=shopper.headers)
    assert (again.status_code, error_code(again)) == (409, "order_not_cancellable")


async def test_cancel_errors(shop: Shop, shopper: Person, person: Callable[..., Person]) -> None:
    order = await shop.order(shopper, await shop.variant_id())
    url = f"/api/v1/orders/{order['id']}/cancel"

    stranger = await shop.client.post(url, headers=person().headers)
    anonymous = await shop.client.post(url)
    missing = await shop.client.post(f"/api/v1/orders/{uuid.uuid4()}/cancel", headers=shopper.headers)
    await shop.mark_paid(order)
    paid = await shop.client.post(url, headers=shopper.headers)

    assert (stranger.status_code, error_code(stranger)) == (403, "forbidden")
    assert anonymous.status_code == 401
    assert (missing.status_code, error_code(missing)) == (404, "order_not_found")
    assert (paid.status_code, error_code(paid)) == (409, "order_not_cancellable")


async def test_admin_can_cancel_any_pending_order(shop: Shop, shopper: Person) -> None:
    order = await shop.order(shopper, await shop.variant_id())

    response = await shop.client.post(f"/api/v1/orders/{order['id']}/cancel", headers=shop.admin.headers)

    assert response.json()["transitions"][-1]["actor"] == f"admin:{shop.admin.id}"


async def test_admin_fulfils_a_paid_order(shop: Shop, shopper: Person) -> None:
    order = await shop.order(shopper, await shop.variant_id())
    url = f"/api/v1/orders/{order['id']}/fulfil"

    pending = await shop.client.post(url, headers=shop.admin.headers)
    await shop.mark_paid(order)
    customer = await shop.client.post(url, headers=shopper.headers)
    fulfilled = await shop.client.post(url, headers=shop.admin.headers)
    missing = await shop.client.post(f"/api/v1/orders/{uuid.uuid4()}/fulfil", headers=shop.admin.headers)

    assert (pending.status_code, error_code(pending)) == (409, "order_not_fulfillable")
    assert (customer.status_code, error_code(customer)) == (403, "forbidden")
    assert fulfilled.status_code == 200
    assert [t["to_status"] for t in fulfilled.json()["transitions"]] == ["pending", "paid", "fulfilled"]
    assert (missing.status_code, error_code(missing)) == (404, "order_not_found")
