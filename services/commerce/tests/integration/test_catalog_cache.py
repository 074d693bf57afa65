"""The catalog cache cannot fill the shared Redis: entries live in the worker, Redis holds one counter."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi import FastAPI

from commerce.catalog.cache import CacheEntries, CatalogCache, canonical_query
from commerce.catalog.schemas import ProductFilters

from .conftest import Person, Shop

QUERIES = 20_000
HTTP_QUERIES = 1_000


@pytest.mark.slow
async def test_twenty_thousand_distinct_queries_leave_redis_as_it_was(
    shop: Shop, app: FastAPI, client: httpx.AsyncClient, shopper: Person
) -> None:
    """Anonymous distinct queries once wrote one Redis key each (`cache:products:…`) into the
    `noeviction` Redis that sessions, carts, rate limits and the revocation list share.

    20,000 distinct queries go through the cache exactly as a read that misses does (look up, then
    store the page), and 1,000 more through the whole HTTP path (each runs a search in PostgreSQL, which
    is what 20,000 would take minutes for)."""
    product = await shop.product(price=49900, stock=5)
    await shop.add(shopper, product["variants"][0]["id"])
    await client.get("/api/v1/products")
    redis = app.state.redis
    keys_before = await redis.dbsize()
    memory_before = (await redis.info("memory"))["used_memory"]
    cache = CatalogCache(redis, app.state.catalog_entries)
    page = (await client.get("/api/v1/products")).text
    limit = asyncio.Semaphore(16)

    async def browse(number: int) -> int:
        async with limit:
            response = await client.get("/api/v1/products", params={"max_price": 1_000_000 + number})
            return response.status_code

    for number in range(QUERIES):
        slot, cached = await cache.lookup("list", canonical_query(ProductFilters(min_price=number)))
        assert cached is None
        await cache.put(slot, page)
    statuses = await asyncio.gather(*(browse(number) for number in range(HTTP_QUERIES)))

    assert set(statuses) == {200}
    assert await redis.dbsize() == keys_before
    assert [key async for key in redis.scan_iter("cache:*")] == ["cache:catalog:version"]
    assert (await redis.info("memory"))["used_memory"] - memory_before < 1024 * 1024
    entries: CacheEntries = app.state.catalog_entries
    assert len(entries) == entries.max_entries  # bounded in the worker instead
    cart = await client.get(f"/api/v1/cart/{shopper.id}", headers=shopper.headers)
    assert cart.json()["items"][0]["quantity"] == 1  # the shopper's cart is still there


async def test_the_same_query_in_another_order_or_spelling_is_one_entry(
    shop: Shop, app: FastAPI, client: httpx.AsyncClient
) -> None:
    await shop.product(colours=("Blue", "White"), sizes=("M", "L"))
    entries: CacheEntries = app.state.catalog_entries

    first = await client.get("/api/v1/products?size=M&colour=blue&size=L")
    assert len(entries) == 1
    second = await client.get("/api/v1/products?colour=Blue&size=L&size=M&page=1&status=active")

    assert len(entries) == 1
    assert second.json() == first.json()
    assert canonical_query(ProductFilters(size=["M"], colour=["blue"])) == canonical_query(
        ProductFilters(colour=["BLUE"], size=["M", "M"], page=1, page_size=20)
    )
    assert canonical_query(ProductFilters(category=["Kurtas"])) != canonical_query(
        ProductFilters(category=["kurtas"])  # categories match as written
    )


async def test_an_admin_edit_is_seen_by_the_next_read_in_every_worker(
    shop: Shop, app: FastAPI, client: httpx.AsyncClient
) -> None:
    product = await shop.product(title="Crew Neck Tee")
    other_worker = CacheEntries(max_entries=10, max_bytes=1 << 20, ttl_seconds=300)
    mine = app.state.catalog_entries
    assert (await client.get("/api/v1/products")).json()["items"][0]["title"] == "Crew Neck Tee"
    app.state.catalog_entries = other_worker  # the same request path, with another worker's memory
    assert (await client.get("/api/v1/products")).json()["items"][0]["title"] == "Crew Neck Tee"
    app.state.catalog_entries = mine

    edited = await shop.client.patch(
        f"/api/v1/products/{product['id']}", json={"title": "Boat Neck Tee"}, headers=shop.admin.headers
    )
    assert edited.status_code == 200, edited.text

    assert (await client.get("/api/v1/products")).json()["items"][0]["title"] == "Boat Neck Tee"
    app.state.catalog_entries = other_worker
    assert (await client.get("/api/v1/products")).json()["items"][0]["title"] == "Boat Neck Tee"
    app.state.catalog_entries = mine


def test_the_worker_cache_is_bounded_in_entries_and_bytes() -> None:
    entries = CacheEntries(max_entries=3, max_bytes=10, ttl_seconds=300)
    for number in range(5):
        entries.put(f"k{number}", "1", "ab")
    assert len(entries) == 3
    assert entries.get("k0", "1") is None
    assert entries.get("k4", "1") == "ab"
    entries.put("big", "1", "x" * 9)
    assert entries.size_bytes <= 10
    assert entries.get("k4", "2") is None  # built at another catalog version: not served
