"""The catalog: browsing, filters, search, caching, and administration of products and variants."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import update

from commerce.catalog.models import Product
from commerce.config import CommerceSettings

from .conftest import Person, Shop, error_code, serve


def slugs(response: Any) -> list[str]:
    return [p["slug"] for p in response.json()["items"]]


async def _wardrobe(shop: Shop) -> dict[str, dict[str, Any]]:
    """Four products whose variants differ in size, colour, price and stock."""
    return {
        "tee": await shop.product(
            title="Crew Neck Tee", price=49900, colours=("Blue", "White"), sizes=("S", "M"), stock=5
        ),
        "jeans": await shop.product(
            title="Slim Jeans",
            price=199900,
            colours=("Indigo",),
            sizes=("M", "L"),
            stock=0,
            category="jeans",
            brand="Indigo Loom",
            description="Stretch denim for every day.",
        ),
        "kurta": await shop.product(
            title="Silk Kurta",
            price=229900,
            colours=("Maroon",),
            sizes=("XL",),
            stock=2,
            category="kurtas",
            brand="Aarya Ethnic",
            description="Festive silk blend.",
        ),
        "draft": await shop.product(title="Secret Sample Tee", price=10000, status="draft"),
    }


async def test_listing_shows_active_products_newest_first_with_summaries(shop: Shop) -> None:
    wardrobe = await _wardrobe(shop)

    response = await shop.client.get("/api/v1/products")

    assert response.status_code == 200
    body = response.json()
    assert (body["total"], body["page"], body["page_size"], body["pages"]) == (3, 1, 20, 1)
    assert slugs(response) == ["silk-kurta", "slim-jeans", "crew-neck-tee"]
    tee = next(p for p in body["items"] if p["slug"] == "crew-neck-tee")
    assert tee == {
        "id": wardrobe["tee"]["id"],
        "slug": "crew-neck-tee",
        "title": "Crew Neck Tee",
        "category": "t-shirts",
        "brand": "Aarya Basics",
        "images": wardrobe["tee"]["images"],
        "status": "active",
        "min_price_amount": 49900,
        "max_price_amount": 49900,
        "compare_at_amount": None,
        "currency": "INR",
        "sizes": ["S", "M"],
        "colours": ["Blue", "White"],
        "available": 20,
        "in_stock": True,
        "created_at": wardrobe["tee"]["created_at"],
    }


async def test_listing_paginates(shop: Shop) -> None:
    for _ in range(5):
        await shop.product()

    first = await shop.client.get("/api/v1/products?page_size=2")
    last = await shop.client.get("/api/v1/products?page_size=2&page=3")
    beyond = await shop.client.get("/api/v1/products?page_size=2&page=4")

    assert (first.json()["total"], first.json()["pages"], len(first.json()["items"])) == (5, 3, 2)
    assert len(last.json()["items"]) == 1
    assert beyond.json()["items"] == []


@pytest.mark.parametrize(
    "query",
    [
        # Found by the fuzz run (tests/fuzz): integers past PostgreSQL's bigint were a 500 from the driver.
        "min_price=11138514508492778812473344",
        "max_price=36028797018963967000",
        "page=1620294328949245214720",
        "page=1000001",
    ],
)
async def test_out_of_range_numbers_in_the_listing_are_422_not_500(shop: Shop, query: str) -> None:
    response = await shop.client.get(f"/api/v1/products?{query}")

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


@pytest.mark.parametrize(
    "path",
    [
        # Found by the fuzz run (tests/fuzz): PostgreSQL cannot hold U+0000, and its refusal was a 500.
        "/api/v1/products?q=a%00b",
        "/api/v1/products?category=a%00b",
        "/api/v1/products?colour=%00",
        "/api/v1/products/a%00b",
    ],
)
async def test_a_nul_character_in_the_request_is_422_not_500(shop: Shop, path: str) -> None:
    response = await shop.client.get(path)

    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["type"] == "string_nul"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=jeans", ["slim-jeans"]),
        ("category=jeans&category=kurtas", ["silk-kurta", "slim-jeans"]),
        ("brand=aarya ethnic", ["silk-kurta"]),
        ("size=S", ["crew-neck-tee"]),
        ("size=M", ["slim-jeans", "crew-neck-tee"]),
        ("colour=WHITE", ["crew-neck-tee"]),
        ("min_price=100000", ["silk-kurta", "slim-jeans"]),
        ("max_price=200000", ["slim-jeans", "crew-neck-tee"]),
        ("min_price=100000&max_price=200000", ["slim-jeans"]),
        ("in_stock=true", ["silk-kurta", "crew-neck-tee"]),
        ("in_stock=false", ["slim-jeans"]),
        ("size=M&in_stock=true", ["crew-neck-tee"]),
        ("size=XL&colour=blue", []),  # each filter holds, but never on the same variant
        ("sort=price_asc", ["crew-neck-tee", "slim-jeans", "silk-kurta"]),
        ("sort=price_desc", ["silk-kurta", "slim-jeans", "crew-neck-tee"]),
        ("sort=title", ["crew-neck-tee", "silk-kurta", "slim-jeans"]),
    ],
)
async def test_filters_and_sorting(shop: Shop, query: str, expected: list[str]) -> None:
    await _wardrobe(shop)

    response = await shop.client.get(f"/api/v1/products?{query}")

    assert response.status_code == 200
    assert slugs(response) == expected
    assert response.json()["total"] == len(expected)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("denim", ["slim-jeans"]),  # description
        ("indigo loom", ["slim-jeans"]),  # brand
        ("kurtas", ["silk-kurta"]),  # category, stemmed
        ("tees", ["crew-neck-tee"]),  # stemmed title
        ("jeens", ["slim-jeans"]),  # typo: trigram fallback
        ("zzzz", []),
    ],
)
async def test_search(shop: Shop, q: str, expected: list[str]) -> None:
    await _wardrobe(shop)

    response = await shop.client.get("/api/v1/products", params={"q": q})

    assert slugs(response) == expected


async def test_search_ranks_title_matches_above_description_matches(shop: Shop) -> None:
    await shop.product(title="Plain Shirt", description="Goes well with a silk scarf.")
    await shop.product(title="Silk Shirt", description="Pure mulberry.")

    response = await shop.client.get("/api/v1/products", params={"q": "silk"})

    assert slugs(response) == ["silk-shirt", "plain-shirt"]


async def test_drafts_are_hidden_from_shoppers_and_listed_for_admins(shop: Shop, shopper: Person) -> None:
    wardrobe = await _wardrobe(shop)
    draft = wardrobe["draft"]

    public_list = await shop.client.get("/api/v1/products?status=draft", headers=shopper.headers)
    admin_list = await shop.client.get("/api/v1/products?status=draft", headers=shop.admin.headers)
    public_detail = await shop.client.get(f"/api/v1/products/{draft['id']}")
    admin_detail = await shop.client.get(f"/api/v1/products/{draft['id']}", headers=shop.admin.headers)

    assert (public_list.status_code, error_code(public_list)) == (403, "forbidden")
    assert slugs(admin_list) == ["secret-sample-tee"]
    assert (public_detail.status_code, error_code(public_detail)) == (404, "product_not_found")
    assert admin_detail.json()["status"] == "draft"


async def test_product_by_id_or_slug(shop: Shop) -> None:
    tee = await shop.product(title="Crew Neck Tee", sizes=("S", "M", "L"), colours=("White", "Blue"), stock=3)

    by_id = await shop.client.get(f"/api/v1/products/{tee['id']}")
    by_slug = await shop.client.get("/api/v1/products/crew-neck-tee")
    missing = await shop.client.get("/api/v1/products/no-such-thing")
    missing_id = await shop.client.get(f"/api/v1/products/{uuid.uuid4()}")

    assert by_id.status_code == 200
    assert by_id.json() == by_slug.json()
    body = by_id.json()
    assert [(v["colour"], v["size"]) for v in body["variants"]] == [
        ("Blue", "S"),
        ("Blue", "M"),
        ("Blue", "L"),
        ("White", "S"),
        ("White", "M"),
        ("White", "L"),
    ]
    assert all(v["available"] == 3 and v["in_stock"] for v in body["variants"])
    assert (body["min_price_amount"], body["max_price_amount"], body["in_stock"]) == (49900, 49900, True)
    assert (missing.status_code, error_code(missing)) == (404, "product_not_found")
    assert missing_id.status_code == 404


async def test_inactive_variants_are_shown_to_admins_only(shop: Shop) -> None:
    product = await shop.product(sizes=("M", "L"))
    hidden = product["variants"][1]["id"]
    await shop.client.patch(
        f"/api/v1/products/{product['id']}/variants/{hidden}",
        json={"is_active": False},
        headers=shop.admin.headers,
    )

    public = await shop.client.get(f"/api/v1/products/{product['id']}")
    admin = await shop.client.get(f"/api/v1/products/{product['id']}", headers=shop.admin.headers)

    assert [v["size"] for v in public.json()["variants"]] == ["M"]
    assert [v["size"] for v in admin.json()["variants"]] == ["M", "L"]
    listing = await shop.client.get("/api/v1/products")
    assert listing.json()["items"][0]["sizes"] == ["M"]


async def test_facets_list_what_the_active_catalog_holds(shop: Shop) -> None:
    await _wardrobe(shop)

    response = await shop.client.get("/api/v1/products/facets")

    assert response.status_code == 200
    assert response.json() == {
        "categories": [
            {"value": "jeans", "count": 1},
            {"value": "kurtas", "count": 1},
            {"value": "t-shirts", "count": 1},
        ],
        "brands": [
            {"value": "Aarya Basics", "count": 1},
            {"value": "Aarya Ethnic", "count": 1},
            {"value": "Indigo Loom", "count": 1},
        ],
        "sizes": [
            {"value": "S", "count": 1},
            {"value": "M", "count": 2},
            {"value": "L", "count": 1},
            {"value": "XL", "count": 1},
        ],
        "colours": [
            {"value": "Blue", "hex": None, "count": 1},
            {"value": "Indigo", "hex": None, "count": 1},
            {"value": "Maroon", "hex": None, "count": 1},
            {"value": "White", "hex": None, "count": 1},
        ],
        "price": {"min_amount": 49900, "max_amount": 229900, "currency": "INR"},
    }


def counts(facet: list[dict[str, Any]]) -> dict[str, int]:
    return {item["value"]: item["count"] for item in facet}


async def test_facets_follow_the_search_words(shop: Shop) -> None:
    await _wardrobe(shop)

    silk = (await shop.client.get("/api/v1/products/facets?q=silk")).json()
    typo = (await shop.client.get("/api/v1/products/facets?q=jeens")).json()
    nothing = (await shop.client.get("/api/v1/products/facets?q=zzqqxx")).json()

    assert counts(silk["categories"]) == {"kurtas": 1}
    assert counts(silk["brands"]) == {"Aarya Ethnic": 1}
    assert counts(silk["sizes"]) == {"XL": 1}
    assert counts(silk["colours"]) == {"Maroon": 1}
    assert silk["price"] == {"min_amount": 229900, "max_amount": 229900, "currency": "INR"}
    # Words that match nothing as typed count what the listing shows for them: titles like them.
    assert counts(typo["categories"]) == {"jeans": 1}
    assert (nothing["categories"], nothing["sizes"], nothing["colours"]) == ([], [], [])
    assert nothing["price"] == {"min_amount": None, "max_amount": None, "currency": "INR"}


async def test_each_facet_counts_under_every_filter_but_its_own(shop: Shop) -> None:
    await _wardrobe(shop)

    by_size = (await shop.client.get("/api/v1/products/facets?size=M")).json()
    by_category = (await shop.client.get("/api/v1/products/facets?category=t-shirts")).json()
    by_price = (await shop.client.get("/api/v1/products/facets?max_price=200000&colour=indigo")).json()
    listing = (await shop.client.get("/api/v1/products?size=M&category=jeans")).json()

    # Size M: the tee and the jeans have it; the sizes themselves still offer every size.
    assert counts(by_size["categories"]) == {"jeans": 1, "t-shirts": 1}
    assert counts(by_size["sizes"]) == {"S": 1, "M": 2, "L": 1, "XL": 1}
    assert counts(by_size["colours"]) == {"Blue": 1, "White": 1, "Indigo": 1}
    assert counts(by_size["categories"])["jeans"] == listing["total"] == 1
    # A chosen category keeps the other categories countable.
    assert counts(by_category["categories"]) == {"jeans": 1, "kurtas": 1, "t-shirts": 1}
    assert counts(by_category["sizes"]) == {"S": 1, "M": 1}
    assert counts(by_category["colours"]) == {"Blue": 1, "White": 1}
    # Variant filters hold on one variant: indigo under ₹2,000 is the jeans' only colour.
    assert counts(by_price["categories"]) == {"jeans": 1}
    assert counts(by_price["colours"]) == {"Blue": 1, "Indigo": 1, "White": 1}
    assert by_price["price"] == {"min_amount": 199900, "max_amount": 199900, "currency": "INR"}


async def test_facets_are_cached_per_query(shop: Shop) -> None:
    await _wardrobe(shop)

    plain = (await shop.client.get("/api/v1/products/facets")).json()
    searched = (await shop.client.get("/api/v1/products/facets?q=silk")).json()
    again = (await shop.client.get("/api/v1/products/facets")).json()

    assert plain == again != searched
    assert len(plain["categories"]) == 3
    assert len(searched["categories"]) == 1


@pytest.mark.parametrize("query", ["min_price=-1", "max_price=36028797018963967000", "size=HUGE", "q=a%00b"])
async def test_invalid_facet_filters_are_422(shop: Shop, query: str) -> None:
    response = await shop.client.get(f"/api/v1/products/facets?{query}")

    assert response.status_code == 422


# Caching


async def test_reads_are_cached_until_a_write_invalidates_them(shop: Shop, app: FastAPI) -> None:
    product = await shop.product(title="Crew Neck Tee")
    first = await shop.client.get("/api/v1/products")
    detail = await shop.client.get("/api/v1/products/crew-neck-tee")
    version = await app.state.redis.get("cache:catalog:version")
    # Changed behind the service's back: the cached pages do not see it...
    async with app.state.database.sessionmaker() as session, session.begin():
        await session.execute(update(Product).values(title="Changed Directly"))
    assert (await shop.client.get("/api/v1/products")).json() == first.json()
    assert (await shop.client.get("/api/v1/products/crew-neck-tee")).json() == detail.json()
    assert await app.state.redis.get("cache:catalog:version") == version

    # ...until a catalog write bumps the version.
    await shop.client.patch(
        f"/api/v1/products/{product['id']}", json={"description": "New words"}, headers=shop.admin.headers
    )

    assert (await shop.client.get("/api/v1/products")).json()["items"][0]["title"] == "Changed Directly"
    assert (await shop.client.get("/api/v1/products/crew-neck-tee")).json()["description"] == "New words"
    assert len(app.state.catalog_entries) == 2  # the fresh listing and detail, cached again in the worker
    assert [key async for key in app.state.redis.scan_iter("cache:*")] == ["cache:catalog:version"]


async def test_listed_stock_is_fresh_after_orders_and_adjustments(shop: Shop, shopper: Person) -> None:
    product = await shop.product(stock=5)
    variant = product["variants"][0]["id"]
    assert (await shop.client.get("/api/v1/products")).json()["items"][0]["available"] == 5

    order = await shop.order(shopper, variant, 2)
    assert (await shop.client.get("/api/v1/products")).json()["items"][0]["available"] == 3
    detail = (await shop.client.get(f"/api/v1/products/{product['id']}")).json()
    assert detail["variants"][0]["available"] == 3

    await shop.client.post(f"/api/v1/orders/{order['id']}/cancel", headers=shopper.headers)
    assert (await shop.client.get("/api/v1/products")).json()["items"][0]["available"] == 5

    await shop.client.post(
        f"/api/v1/products/{product['id']}/variants/{variant}/stock",
        json={"delta": -5, "reason": "water damage"},
        headers=shop.admin.headers,
    )
    listed = (await shop.client.get("/api/v1/products")).json()["items"][0]
    assert (listed["available"], listed["in_stock"]) == (0, False)


async def test_catalog_reads_survive_a_redis_outage(
    make_settings: Callable[..., CommerceSettings], shop: Shop
) -> None:
    await shop.product(title="Crew Neck Tee")

    async with (
        serve(make_settings(redis_url=SecretStr("redis://127.0.0.1:1/0"))) as cut_off,
        cut_off.client() as client,
    ):
        listing = await client.get("/api/v1/products")
        detail = await client.get("/api/v1/products/crew-neck-tee")

    assert slugs(listing) == ["crew-neck-tee"]
    assert detail.status_code == 200


# Administration


async def test_admin_creates_a_product_with_variants_and_stock(shop: Shop) -> None:
    body = {
        "title": "Linen Summer Shirt",
        "description": "Airy linen.",
        "category": "shirts",
        "brand": "Indigo Loom",
        "images": [{"url": "https://cdn.example.com/linen.jpg", "alt": "Linen shirt"}],
        "attributes": {"material": "100% linen", "fit": "Relaxed"},
        "status": "active",
        "variants": [
            {
                "sku": "LIN-WHT-M",
                "size": "M",
                "colour": "White",
                "colour_hex": "#F5F5F0",
                "price_amount": 179900,
                "compare_at_amount": 229900,
                "initial_stock": 12,
            },
            {"sku": "LIN-WHT-L", "size": "L", "colour": "White", "price_amount": 179900},
        ],
    }

    response = await shop.client.post("/api/v1/products", json=body, headers=shop.admin.headers)

    assert response.status_code == 201, response.text
    product = response.json()
    assert product["slug"] == "linen-summer-shirt"
    assert product["attributes"] == {"material": "100% linen", "fit": "Relaxed"}
    assert [
        (v["sku"], v["available"], v["currency"], v["compare_at_amount"]) for v in product["variants"]
    ] == [
        ("LIN-WHT-M", 12, "INR", 229900),
        ("LIN-WHT-L", 0, "INR", None),
    ]
    stock = await shop.stock(product["id"], product["variants"][0]["id"])
    assert [(a["delta"], a["reason"], a["actor_id"]) for a in stock["adjustments"]] == [
        (12, "initial stock", str(shop.admin.id))
    ]


async def test_derived_slugs_stay_unique(shop: Shop) -> None:
    first = await shop.product(title="Crew Neck Tee")
    second = await shop.product(title="Crew Neck Tee")
    reserved = await shop.product(title="Facets")

    assert (first["slug"], second["slug"], reserved["slug"]) == (
        "crew-neck-tee",
        "crew-neck-tee-2",
        "facets-2",
    )


async def test_create_conflicts(shop: Shop) -> None:
    existing = await shop.product(title="Crew Neck Tee")
    base = {"title": "Other", "category": "t-shirts", "brand": "B"}

    slug_taken = await shop.client.post(
        "/api/v1/products", json={**base, "slug": "crew-neck-tee"}, headers=shop.admin.headers
    )
    sku_taken = await shop.client.post(
        "/api/v1/products",
        json={
            **base,
            "variants": [
                {"sku": existing["variants"][0]["sku"], "size": "M", "colour": "Red", "price_amount": 1}
            ],
        },
        headers=shop.admin.headers,
    )

    assert (slug_taken.status_code, error_code(slug_taken)) == (409, "slug_taken")
    assert (sku_taken.status_code, error_code(sku_taken)) == (409, "sku_taken")
    assert sku_taken.json()["error"]["details"] == {"skus": [existing["variants"][0]["sku"]]}


@pytest.mark.parametrize(
    "change",
    [
        {"title": ""},
        {"category": "Not A Slug"},
        {"slug": "facets"},
        {"status": "archived"},
        {"images": [{"url": "javascript:alert(1)", "alt": "x"}]},
        {"unknown": 1},
        {"variants": [{"sku": "A", "size": "XXXL", "colour": "Red", "price_amount": 100}]},
        {"variants": [{"sku": "A", "size": "M", "colour": "Red", "price_amount": -1}]},
        {
            "variants": [
                {"sku": "A", "size": "M", "colour": "Red", "price_amount": 100, "compare_at_amount": 100}
            ]
        },
        {"variants": [{"sku": "A", "size": "M", "colour": "Red", "price_amount": 100, "currency": "rupees"}]},
        {
            "variants": [
                {"sku": "A", "size": "M", "colour": "Red", "price_amount": 1},
                {"sku": "A", "size": "L", "colour": "Red", "price_amount": 1},
            ]
        },
        {
            "variants": [
                {"sku": "A", "size": "M", "colour": "Red", "price_amount": 1},
                {"sku": "B", "size": "M", "colour": "red", "price_amount": 1},
            ]
        },
    ],
)
async def test_create_validation(shop: Shop, change: dict[str, Any]) -> None:
    body = {"title": "Tee", "category": "t-shirts", "brand": "B", **change}

    response = await shop.client.post("/api/v1/products", json=body, headers=shop.admin.headers)

    assert response.status_code == 422, response.text
    assert error_code(response) == "validation_error"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/products"),
        ("PATCH", "/api/v1/products/{product}"),
        ("POST", "/api/v1/products/{product}/variants"),
        ("PATCH", "/api/v1/products/{product}/variants/{variant}"),
        ("GET", "/api/v1/products/{product}/variants/{variant}/stock"),
        ("POST", "/api/v1/products/{product}/variants/{variant}/stock"),
        ("POST", "/api/v1/orders/{product}/fulfil"),
    ],
)
async def test_administration_is_for_admins_only(shop: Shop, shopper: Person, method: str, path: str) -> None:
    product = await shop.product()
    url = path.format(product=product["id"], variant=product["variants"][0]["id"])

    customer = await shop.client.request(method, url, json={}, headers=shopper.headers)
    anonymous = await shop.client.request(method, url, json={})

    assert (customer.status_code, error_code(customer)) == (403, "forbidden")
    assert (anonymous.status_code, error_code(anonymous)) == (401, "unauthorized")


async def test_an_invalid_token_is_401(shop: Shop) -> None:
    response = await shop.client.post(
        "/api/v1/products", json={}, headers={"Authorization": "Bearer not.a.token"}
    )

    assert (response.status_code, error_code(response)) == (401, "unauthorized")


async def test_admin_updates_a_product(shop: Shop) -> None:
    product = await shop.product(title="Crew Neck Tee", status="draft")

    response = await shop.client.patch(
        f"/api/v1/products/{product['id']}",
        json={"status": "active", "slug": "crew-tee", "attributes": {"fit": "Slim"}, "description": None},
        headers=shop.admin.headers,
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["slug"], body["attributes"], body["description"]) == (
        "active",
        "crew-tee",
        {"fit": "Slim"},
        "",
    )
    assert body["title"] == "Crew Neck Tee"
    assert slugs(await shop.client.get("/api/v1/products")) == ["crew-tee"]


async def test_update_errors(shop: Shop) -> None:
    first = await shop.product(title="First")
    await shop.product(title="Second")

    taken = await shop.client.patch(
        f"/api/v1/products/{first['id']}", json={"slug": "second"}, headers=shop.admin.headers
    )
    missing = await shop.client.patch(f"/api/v1/products/{uuid.uuid4()}", json={}, headers=shop.admin.headers)
    invalid = await shop.client.patch(
        f"/api/v1/products/{first['id']}", json={"price": 1}, headers=shop.admin.headers
    )

    assert (taken.status_code, error_code(taken)) == (409, "slug_taken")
    assert (missing.status_code, error_code(missing)) == (404, "product_not_found")
    assert (invalid.status_code, error_code(invalid)) == (422, "validation_error")


async def test_admin_adds_and_changes_variants(shop: Shop) -> None:
    product = await shop.product(sizes=("M",))
    url = f"/api/v1/products/{product['id']}/variants"

    created = await shop.client.post(
        url,
        json={"sku": "NEW-L", "size": "L", "colour": "Blue", "price_amount": 59900, "initial_stock": 4},
        headers=shop.admin.headers,
    )
    assert created.status_code == 201, created.text
    variant = created.json()
    assert (variant["sku"], variant["available"], variant["in_stock"]) == ("NEW-L", 4, True)

    changed = await shop.client.patch(
        f"{url}/{variant['id']}",
        json={"price_amount": 54900, "compare_at_amount": 59900, "colour_hex": "#2F5DA8"},
        headers=shop.admin.headers,
    )
    assert changed.status_code == 200
    assert (changed.json()["price_amount"], changed.json()["compare_at_amount"]) == (54900, 59900)
    detail = (await shop.client.get(f"/api/v1/products/{product['id']}")).json()
    assert (detail["min_price_amount"], detail["max_price_amount"]) == (49900, 54900)


async def test_variant_errors(shop: Shop) -> None:
    product = await shop.product(sizes=("M",))
    other = await shop.product()
    url = f"/api/v1/products/{product['id']}/variants"
    variant = product["variants"][0]

    same_option = await shop.client.post(
        url, json={"sku": "X-1", "size": "M", "colour": "blue", "price_amount": 1}, headers=shop.admin.headers
    )
    same_sku = await shop.client.post(
        url,
        json={"sku": other["variants"][0]["sku"], "size": "L", "colour": "Blue", "price_amount": 1},
        headers=shop.admin.headers,
    )
    no_product = await shop.client.post(
        f"/api/v1/products/{uuid.uuid4()}/variants",
        json={"sku": "X-2", "size": "L", "colour": "Blue", "price_amount": 1},
        headers=shop.admin.headers,
    )
    wrong_product = await shop.client.patch(
        f"/api/v1/products/{other['id']}/variants/{variant['id']}",
        json={"price_amount": 1},
        headers=shop.admin.headers,
    )
    below_compare = await shop.client.patch(
        f"{url}/{variant['id']}",
        json={"compare_at_amount": variant["price_amount"]},
        headers=shop.admin.headers,
    )
    sku_clash = await shop.client.patch(
        f"{url}/{variant['id']}", json={"sku": other["variants"][0]["sku"]}, headers=shop.admin.headers
    )
    option_clash = await shop.client.post(
        url, json={"sku": "X-3", "size": "S", "colour": "Blue", "price_amount": 1}, headers=shop.admin.headers
    )
    moved_onto = await shop.client.patch(
        f"{url}/{option_clash.json()['id']}", json={"size": "M"}, headers=shop.admin.headers
    )

    assert (same_option.status_code, error_code(same_option)) == (409, "variant_exists")
    assert (same_sku.status_code, error_code(same_sku)) == (409, "sku_taken")
    assert (no_product.status_code, error_code(no_product)) == (404, "product_not_found")
    assert (wrong_product.status_code, error_code(wrong_product)) == (404, "variant_not_found")
    assert (below_compare.status_code, error_code(below_compare)) == (422, "invalid_price")
    assert (sku_clash.status_code, error_code(sku_clash)) == (409, "sku_taken")
    assert (moved_onto.status_code, error_code(moved_onto)) == (409, "variant_exists")


# Stock


async def test_stock_adjustments_are_recorded_with_who_when_and_why(shop: Shop, shopper: Person) -> None:
    product = await shop.product(stock=10)
    variant = product["variants"][0]["id"]
    url = f"/api/v1/products/{product['id']}/variants/{variant}/stock"
    await shop.order(shopper, variant, 4)

    received = await shop.client.post(
        url, json={"delta": 20, "reason": "delivery 42"}, headers=shop.admin.headers
    )
    damaged = await shop.client.post(url, json={"delta": -3, "reason": "damaged"}, headers=shop.admin.headers)

    assert received.status_code == 200
    body = damaged.json()
    assert (body["on_hand"], body["reserved"], body["available"]) == (27, 4, 23)
    assert [(a["delta"], a["on_hand_after"], a["reason"], a["actor_id"]) for a in body["adjustments"]] == [
        (-3, 27, "damaged", str(shop.admin.id)),
        (20, 30, "delivery 42", str(shop.admin.id)),
        (10, 10, "initial stock", str(shop.admin.id)),
    ]
    assert all(a["created_at"] for a in body["adjustments"])


async def test_stock_cannot_drop_below_what_orders_hold(shop: Shop, shopper: Person) -> None:
    product = await shop.product(stock=5)
    variant = product["variants"][0]["id"]
    url = f"/api/v1/products/{product['id']}/variants/{variant}/stock"
    await shop.order(shopper, variant, 3)

    response = await shop.client.post(
        url, json={"delta": -3, "reason": "stock count"}, headers=shop.admin.headers
    )

    assert response.status_code == 409
    assert error_code(response) == "stock_below_reserved"
    assert response.json()["error"]["details"] == {"on_hand": 5, "reserved": 3, "delta": -3}
    stock = await shop.stock(product["id"], variant)
    assert (stock["on_hand"], len(stock["adjustments"])) == (5, 1)


@pytest.mark.parametrize(
    "body",
    [
        {"delta": 0, "reason": "nothing"},
        {"delta": 5},
        {"delta": 5, "reason": "x"},
        {"delta": "many", "reason": "why"},
    ],
)
async def test_stock_adjustment_validation(shop: Shop, body: dict[str, Any]) -> None:
    product = await shop.product()
    url = f"/api/v1/products/{product['id']}/variants/{product['variants'][0]['id']}/stock"

    response = await shop.client.post(url, json=body, headers=shop.admin.headers)

    assert (response.status_code, error_code(response)) == (422, "validation_error")


async def test_stock_of_an_unknown_variant_is_404(shop: Shop) -> None:
    product = await shop.product()
    url = f"/api/v1/products/{product['id']}/variants/{uuid.uuid4()}/stock"

    read = await shop.client.get(url, headers=shop.admin.headers)
    adjust = await shop.client.post(url, json={"delta": 1, "reason": "found one"}, headers=shop.admin.headers)

    assert (read.status_code, error_code(read)) == (404, "variant_not_found")
    assert (adjust.status_code, error_code(adjust)) == (404, "variant_not_found")


async def test_openapi_documents_every_endpoint(shop: Shop) -> None:
    schema = (await shop.client.get("/openapi.json")).json()

    paths = schema["paths"]
    for path, method in [
        ("/api/v1/products", "get"),
        ("/api/v1/products", "post"),
        ("/api/v1/products/{product_id}", "get"),
        ("/api/v1/products/{product_id}", "patch"),
        ("/api/v1/cart/{user_id}", "get"),
        ("/api/v1/cart/{user_id}/add", "post"),
        ("/api/v1/cart/{user_id}/remove/{product_id}", "delete"),
        ("/api/v1/cart/{user_id}/clear", "delete"),
        ("/api/v1/orders", "post"),
        ("/api/v1/orders/{user_id}", "get"),
        ("/api/v1/orders/{order_id}/details", "get"),
        ("/internal/v1/orders/{order_id}/mark-paid", "post"),
    ]:
        operation = paths[path][method]
        assert operation["summary"]
        assert "200" in operation["responses"] or "201" in operation["responses"]
    assert "409" in paths["/api/v1/orders"]["post"]["responses"]
