"""Proof under abuse: no commerce route lets one shopper reach another's cart or orders, and no forged
access token gets in.

The sweep walks the OpenAPI route table, so a new route is swept without anyone remembering to (or must
be allowed below, with the reason). It generalises the per-route checks in test_cart.py
(test_only_the_owner_or_an_admin_touches_a_cart) and test_orders.py (listing, details, cancel, fulfil).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from kit.testing.security import accepted_forgeries, sweep

from .conftest import ADDRESS, Person, Shop, upload

# Routes a signed-in shopper may call that reach no other user's data, and why.
ALLOWED = {
    ("GET", "/health"): "the health probe",
    ("GET", "/metrics"): "the Prometheus scrape, loopback only (test_health)",
    ("GET", "/api/v1/products"): "the public catalog; asking for drafts is refused (test_catalog)",
    ("GET", "/api/v1/products/facets"): "the public catalog's facets",
    ("GET", "/api/v1/products/{product_id}"): "a public product page; drafts are 404 (test_catalog)",
    ("POST", "/api/v1/orders"): "checkout names no user: it always orders the caller's own cart",
    ("GET", "/media/photos/{photo_id}/{name}"): "a product photo's file, public like the product page",
}


async def state_of(shop: Shop, owner: Person, order_id: str, product: dict[str, Any]) -> list[Any]:
    """What the sweep must not change: the owner's cart, orders and order, the product and its stock."""
    variant = product["variants"][0]["id"]
    reads = [
        (f"/api/v1/cart/{owner.id}", owner.headers),
        (f"/api/v1/orders/{owner.id}", owner.headers),
        (f"/api/v1/orders/{order_id}/details", owner.headers),
        (f"/api/v1/addresses/{owner.id}", owner.headers),
        (f"/api/v1/products/{product['id']}", shop.admin.headers),
        (f"/api/v1/products/{product['id']}/variants/{variant}/stock", shop.admin.headers),
    ]
    state = []
    for url, headers in reads:
        response = await shop.client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.text)
        state.append(response.json())
    return state


@pytest.mark.parametrize("intruder_role", ["customer", "guest"])
async def test_no_route_lets_a_shopper_reach_another_shoppers_cart_or_orders(
    shop: Shop, app: FastAPI, person: Callable[..., Person], intruder_role: str
) -> None:
    # A guest intruder types the owner's e-mail address: a guest session still reaches nothing of theirs.
    intruder = person(intruder_role, email="owner@example.com")
    owner = person(email="owner@example.com", email_verified=True)
    product = await shop.product(stock=5)
    variant = product["variants"][0]["id"]
    photo = await upload(shop, product["id"])
    assert photo.status_code == 201, photo.text
    product = photo.json()
    photo_id = product["images"][-1]["photo_id"]
    order = await shop.order(owner, variant)
    added = await shop.add(owner, variant, 2)
    assert added.status_code == 200, added.text
    saved = await shop.client.post(f"/api/v1/addresses/{owner.id}", json=ADDRESS, headers=owner.headers)
    assert saved.status_code == 201, saved.text
    discount = await shop.client.post(
        "/api/v1/admin/discounts",
        json={"code": "OWNERS", "kind": "fixed", "value": 100},
        headers=shop.admin.headers,
    )
    assert discount.status_code == 201, discount.text
    discount_url = f"/api/v1/admin/discounts/{discount.json()['id']}"
    applied = await shop.client.post(
        f"/api/v1/cart/{owner.id}/discount", json={"code": "OWNERS"}, headers=owner.headers
    )
    assert applied.status_code == 200, applied.text
    before = await state_of(shop, owner, order["id"], product)

    outcomes = await sweep(
        app,
        shop.client,
        intruder.headers,
        values={
            "user_id": str(owner.id),
            "order_id": order["id"],
            "product_id": product["id"],
            "variant_id": variant,
            "address_id": saved.json()["id"],
            "discount_id": discount.json()["id"],
            "photo_id": photo_id,
        },
        allowed=ALLOWED,
        # The contract calls the cart line's variant id `product_id`.
        renamed={("DELETE", "/api/v1/cart/{user_id}/remove/{product_id}"): {"product_id": "variant_id"}},
        bodies={
            ("POST", "/api/v1/cart/{user_id}/add"): {"variant_id": variant, "quantity": 1},
            ("POST", "/api/v1/addresses/{user_id}"): ADDRESS,
            ("PUT", "/api/v1/addresses/{user_id}/{address_id}"): {**ADDRESS, "is_default": True},
            ("POST", "/api/v1/cart/{user_id}/discount"): {"code": "OWNERS"},
            ("POST", "/api/v1/admin/discounts"): {"code": "INTRUDER", "kind": "percentage", "value": 100},
            ("PATCH", "/api/v1/admin/discounts/{discount_id}"): {"active": False, "value": 100},
            ("PATCH", "/api/v1/admin/catalog/products/{product_id}/photos/{photo_id}"): {"alt": "Intruder"},
            ("PUT", "/api/v1/admin/catalog/products/{product_id}/photos/order"): {"photo_ids": [photo_id]},
            ("PATCH", "/api/v1/products/{product_id}/variants/{variant_id}/stock"): {
                "low_stock_threshold": 1000
            },
            ("POST", "/api/v1/orders/{order_id}/fulfil"): {
                "carrier": "Delhivery",
                "tracking_number": "AWB123",
            },
            ("POST", "/internal/v1/orders/{order_id}/mark-paid"): {
                "payment_id": "pay_intruder",
                "amount": order["total_amount"],
                "currency": order["currency"],
            },
            ("POST", "/internal/v1/orders/{order_id}/mark-refunded"): {
                "payment_id": "pay_intruder",
                "refund_id": "re_intruder",
                "amount": order["total_amount"],
                "currency": order["currency"],
            },
        },
    )

    swept = {outcome.operation.route for outcome in outcomes}
    assert {
        ("GET", "/api/v1/cart/{user_id}"),
        ("POST", "/api/v1/cart/{user_id}/add"),
        ("DELETE", "/api/v1/cart/{user_id}/remove/{product_id}"),
        ("DELETE", "/api/v1/cart/{user_id}/clear"),
        ("GET", "/api/v1/orders/{user_id}"),
        ("GET", "/api/v1/orders/{order_id}/details"),
        ("POST", "/api/v1/orders/{order_id}/cancel"),
        ("POST", "/api/v1/orders/{order_id}/fulfil"),
        ("POST", "/internal/v1/orders/{order_id}/mark-paid"),
        ("GET", "/api/v1/addresses/{user_id}"),
        ("POST", "/api/v1/addresses/{user_id}"),
        ("PUT", "/api/v1/addresses/{user_id}/{address_id}"),
        ("DELETE", "/api/v1/addresses/{user_id}/{address_id}"),
        ("GET", "/api/v1/admin/orders"),
        ("GET", "/api/v1/admin/orders/shipping-queue"),
        ("POST", "/api/v1/cart/{user_id}/discount"),
        ("DELETE", "/api/v1/cart/{user_id}/discount"),
        ("POST", "/api/v1/admin/discounts"),
        ("GET", "/api/v1/admin/discounts"),
        ("GET", "/api/v1/admin/discounts/{discount_id}"),
        ("PATCH", "/api/v1/admin/discounts/{discount_id}"),
        ("DELETE", "/api/v1/admin/discounts/{discount_id}"),
        ("DELETE", "/api/v1/admin/catalog/products/{product_id}"),
        ("GET", "/api/v1/admin/catalog/products/export.csv"),
        ("POST", "/api/v1/admin/catalog/products/import"),
        ("POST", "/api/v1/admin/catalog/products/{product_id}/photos"),
        ("PATCH", "/api/v1/admin/catalog/products/{product_id}/photos/{photo_id}"),
        ("PUT", "/api/v1/admin/catalog/products/{product_id}/photos/order"),
        ("DELETE", "/api/v1/admin/catalog/products/{product_id}/photos/{photo_id}"),
        ("GET", "/api/v1/admin/dashboard"),
        ("PATCH", "/api/v1/products/{product_id}/variants/{variant_id}/stock"),
    } <= swept
    assert [outcome for outcome in outcomes if not outcome.refused] == []
    assert await state_of(shop, owner, order["id"], product) == before
    after = await shop.client.get(discount_url, headers=shop.admin.headers)
    assert after.json() == discount.json()
    listed = await shop.client.get("/api/v1/admin/discounts", headers=shop.admin.headers)
    assert [row["code"] for row in listed.json()["items"]] == ["OWNERS"]


@pytest.mark.parametrize(
    "route",
    [
        "/api/v1/orders/{victim}",
        "/api/v1/admin/orders",
        "/api/v1/admin/orders/shipping-queue",
        "/api/v1/admin/discounts",
        "/api/v1/admin/dashboard",
        "/api/v1/admin/catalog/products/export.csv",
    ],
)
async def test_forged_access_tokens_are_refused(
    shop: Shop, person: Callable[..., Person], mint_token: Callable[..., str], jwt_keys: Path, route: str
) -> None:
    forger, victim = uuid.uuid4(), person()
    url = route.format(victim=victim.id)
    genuine_admin = await shop.client.get(
        url, headers={"Authorization": f"Bearer {mint_token(forger, 'admin')}"}
    )
    assert genuine_admin.status_code == 200  # so a 401 below is the forgery's doing, not the route's

    assert await accepted_forgeries(shop.client, url, jwt_keys, forger) == {}
