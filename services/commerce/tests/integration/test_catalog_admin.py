"""Catalog administration: products and variants created and edited, each refusal worded, archive rule."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Person, Shop, error_code

PRODUCT = {
    "title": "Linen Shirt",
    "description": "Breathable linen.",
    "category": "shirts",
    "brand": "Aarya Basics",
    "attributes": {"care": "Machine wash cold", "fit": "Relaxed"},
    "status": "draft",
}
VARIANT = {
    "sku": "LIN-WHT-M",
    "size": "M",
    "colour": "White",
    "colour_hex": "#FFFFFF",
    "price_amount": 149900,
}


async def _create(shop: Shop, **changes: Any) -> dict[str, Any]:
    response = await shop.client.post(
        "/api/v1/products", json={**PRODUCT, **changes}, headers=shop.admin.headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_admin_creates_edits_and_publishes_a_product_with_variants_and_stock(shop: Shop) -> None:
    product = await _create(shop)
    assert product["attributes"] == PRODUCT["attributes"]
    assert product["status"] == "draft"
    base = f"/api/v1/products/{product['id']}"

    white = await shop.client.post(
        f"{base}/variants",
        json={**VARIANT, "compare_at_amount": 199900, "initial_stock": 4},
        headers=shop.admin.headers,
    )
    blue = await shop.client.post(
        f"{base}/variants",
        json={**VARIANT, "sku": "LIN-BLU-M", "colour": "Blue", "colour_hex": "#1E3A8A"},
        headers=shop.admin.headers,
    )
    assert white.status_code == blue.status_code == 201
    assert white.json()["compare_at_amount"] == 199900
    assert white.json()["available"] == 4

    edited = await shop.client.patch(
        base, json={"title": "Linen Shirt Relaxed", "status": "active"}, headers=shop.admin.headers
    )
    assert edited.status_code == 200
    assert edited.json()["title"] == "Linen Shirt Relaxed"
    priced = await shop.client.patch(
        f"{base}/variants/{blue.json()['id']}",
        json={"price_amount": 129900, "compare_at_amount": 149900, "is_active": False},
        headers=shop.admin.headers,
    )
    assert priced.status_code == 200
    assert (priced.json()["price_amount"], priced.json()["is_active"]) == (129900, False)
    stocked = await shop.client.post(
        f"{base}/variants/{blue.json()['id']}/stock",
        json={"delta": 6, "reason": "delivery received"},
        headers=shop.admin.headers,
    )
    assert stocked.status_code == 200
    assert stocked.json()["on_hand"] == 6

    shown = await shop.client.get(f"/api/v1/products/{product['slug']}")
    assert shown.status_code == 200
    assert [v["colour"] for v in shown.json()["variants"]] == ["White"]  # the inactive variant is hidden


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**VARIANT, "compare_at_amount": 100}, "compare_at_amount"),
        ({**VARIANT, "colour_hex": "white"}, "colour_hex"),
        ({**VARIANT, "size": "XXXL"}, "size"),
        ({**VARIANT, "sku": "has space"}, "sku"),
        ({**VARIANT, "price_amount": -1}, "price_amount"),
    ],
)
async def test_invalid_variants_are_refused_naming_the_field(
    shop: Shop, body: dict[str, Any], field: str
) -> None:
    product = await _create(shop)

    response = await shop.client.post(
        f"/api/v1/products/{product['id']}/variants", json=body, headers=shop.admin.headers
    )

    assert response.status_code == 422
    assert error_code(response) == "validation_error"
    assert field in response.text


async def test_duplicate_sku_option_and_slug_are_conflicts(shop: Shop) -> None:
    product = await _create(shop)
    url = f"/api/v1/products/{product['id']}/variants"
    assert (await shop.client.post(url, json=VARIANT, headers=shop.admin.headers)).status_code == 201

    same_sku = await shop.client.post(url, json={**VARIANT, "size": "L"}, headers=shop.admin.headers)
    same_option = await shop.client.post(url, json={**VARIANT, "sku": "OTHER-1"}, headers=shop.admin.headers)
    same_slug = await shop.client.post(
        "/api/v1/products", json={**PRODUCT, "slug": product["slug"]}, headers=shop.admin.headers
    )

    assert (same_sku.status_code, error_code(same_sku)) == (409, "sku_taken")
    assert (same_option.status_code, error_code(same_option)) == (409, "variant_exists")
    assert (same_slug.status_code, error_code(same_slug)) == (409, "slug_taken")
    assert "SKU" in same_sku.json()["error"]["message"]


async def test_compare_at_below_price_on_edit_is_refused_and_nothing_changes(shop: Shop) -> None:
    product = await _create(shop, variants=[VARIANT])
    variant = product["variants"][0]
    url = f"/api/v1/products/{product['id']}/variants/{variant['id']}"

    response = await shop.client.patch(url, json={"compare_at_amount": 1000}, headers=shop.admin.headers)

    assert (response.status_code, error_code(response)) == (422, "invalid_price")
    assert "compare-at" in response.json()["error"]["message"]
    again = await shop.client.get(f"/api/v1/products/{product['id']}", headers=shop.admin.headers)
    assert again.json()["variants"][0]["compare_at_amount"] is None


async def test_a_product_with_orders_is_archived_not_deleted(shop: Shop, shopper: Person) -> None:
    product = await shop.product(title="Ordered Tee")
    await shop.order(shopper, product["variants"][0]["id"])
    url = f"/api/v1/admin/catalog/products/{product['id']}"

    refused = await shop.client.delete(url, headers=shop.admin.headers)

    assert (refused.status_code, error_code(refused)) == (409, "product_has_orders")
    assert "archive" in refused.json()["error"]["message"]
    archived = await shop.client.patch(
        f"/api/v1/products/{product['id']}", json={"status": "archived"}, headers=shop.admin.headers
    )
    assert archived.status_code == 200
    assert archived.json()["status"] == "archived"
    assert (await shop.client.get(f"/api/v1/products/{product['slug']}")).status_code == 404
    listed = await shop.client.get(
        "/api/v1/products", params={"status": "archived"}, headers=shop.admin.headers
    )
    assert [p["slug"] for p in listed.json()["items"]] == [product["slug"]]


async def test_a_product_without_orders_is_deleted(shop: Shop) -> None:
    product = await shop.product(title="Sample Tee")

    deleted = await shop.client.delete(
        f"/api/v1/admin/catalog/products/{product['id']}", headers=shop.admin.headers
    )

    assert deleted.status_code == 204
    assert (
        await shop.client.get(f"/api/v1/products/{product['id']}", headers=shop.admin.headers)
    ).status_code == 404


async def test_shoppers_may_not_administer_the_catalog(shop: Shop, shopper: Person) -> None:
    product = await shop.product()
    base = f"/api/v1/products/{product['id']}"
    attempts = [
        await shop.client.post("/api/v1/products", json=PRODUCT, headers=shopper.headers),
        await shop.client.patch(base, json={"title": "Mine"}, headers=shopper.headers),
        await shop.client.post(f"{base}/variants", json=VARIANT, headers=shopper.headers),
        await shop.client.delete(f"/api/v1/admin/catalog/products/{product['id']}", headers=shopper.headers),
    ]
    assert [a.status_code for a in attempts] == [403, 403, 403, 403]
