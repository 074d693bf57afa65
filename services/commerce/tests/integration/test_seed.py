"""The demo catalog: loads once, looks like a shop, and its pictures are served."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from commerce import cli
from commerce.catalog.models import Product, Variant
from commerce.config import CommerceSettings
from commerce.inventory.models import Inventory, StockAdjustment
from commerce.seed.data import PRODUCTS

from .conftest import Person, Shop


@pytest.fixture
async def seeded(settings: CommerceSettings, media_root: Path) -> None:
    result = await cli.seed(settings, media_root)
    assert result.created == len(PRODUCTS)


async def _counts(app: FastAPI) -> tuple[int, int, int]:
    async with app.state.database.sessionmaker() as session:
        products = await session.scalar(select(func.count()).select_from(Product))
        variants = await session.scalar(select(func.count()).select_from(Variant))
        adjustments = await session.scalar(select(func.count()).select_from(StockAdjustment))
    return int(products or 0), int(variants or 0), int(adjustments or 0)


@pytest.mark.usefixtures("seeded")
async def test_seed_loads_a_shop_worth_of_products(client: httpx.AsyncClient) -> None:
    listing = (await client.get("/api/v1/products?page_size=100")).json()
    facets = (await client.get("/api/v1/products/facets")).json()

    assert listing["total"] >= 40
    categories = {c["value"] for c in facets["categories"]}
    assert {"t-shirts", "shirts", "kurtas", "dresses", "jeans", "jackets", "sarees"} <= categories
    assert [s["value"] for s in facets["sizes"]] == ["XS", "S", "M", "L", "XL", "XXL", "FREE"]
    assert len(facets["colours"]) >= 8
    assert all(c["hex"] for c in facets["colours"])
    assert facets["price"]["currency"] == "INR"
    assert 10000 <= facets["price"]["min_amount"] < facets["price"]["max_amount"] <= 2_000_000
    assert all(p["images"] and p["images"][0]["url"].startswith("/media/catalog/") for p in listing["items"])


@pytest.mark.usefixtures("seeded")
async def test_a_blue_t_shirt_in_size_m_can_be_bought(shop: Shop, shopper: Person) -> None:
    found = (
        await shop.client.get("/api/v1/products?category=t-shirts&colour=blue&size=M&in_stock=true")
    ).json()
    assert found["total"] >= 1
    product = (await shop.client.get(f"/api/v1/products/{found['items'][0]['slug']}")).json()
    variant = next(v for v in product["variants"] if v["colour"] == "Blue" and v["size"] == "M")
    assert variant["available"] > 0

    order = await shop.order(shopper, variant["id"])

    assert order["items"][0]["sku"] == variant["sku"]
    assert order["total_amount"] == variant["price_amount"]


async def test_seed_is_idempotent(settings: CommerceSettings, media_root: Path, app: FastAPI) -> None:
    first = await cli.seed(settings, media_root)
    after_first = await _counts(app)

    second = await cli.seed(settings, media_root)

    assert (first.created, second.created, second.existing) == (len(PRODUCTS), 0, len(PRODUCTS))
    assert await _counts(app) == after_first
    assert after_first[0] >= 40


@pytest.mark.usefixtures("seeded")
async def test_seed_stock_is_recorded_as_system_adjustments(app: FastAPI) -> None:
    async with app.state.database.sessionmaker() as session:
        on_hand = await session.scalar(select(func.sum(Inventory.on_hand)))
        recorded = await session.scalar(select(func.sum(StockAdjustment.delta)))
        actors = set(await session.scalars(select(StockAdjustment.actor_id).distinct()))
        sold_out = await session.scalar(
            select(func.count()).select_from(Inventory).where(Inventory.on_hand == 0)
        )

    assert on_hand == recorded
    assert actors == {None}
    assert sold_out  # some edge sizes are sold out, as in a real shop


@pytest.mark.usefixtures("seeded")
async def test_seed_pictures_are_served_as_svg(client: httpx.AsyncClient, media_root: Path) -> None:
    product = (await client.get("/api/v1/products/classic-crew-neck-t-shirt")).json()
    url = product["images"][0]["url"]

    response = await client.get(url)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(response.text)  # noqa: S314  (our own file)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "#2f5da8" in response.text  # filled with the variant's blue
    assert len(list((media_root / "catalog").glob("*.svg"))) == sum(len(p.colours) for p in PRODUCTS)


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(
    ("query", "expected_slug"),
    [
        ("jeans", "slim-fit-stretch-jeans"),
        ("banarasi", "banarasi-silk-saree"),
        ("chikankari kurta", "lucknowi-chikankari-kurta"),
        ("jaket", "classic-denim-jacket"),  # typo
        ("kanjivaram", "kanjeevaram-silk-saree"),  # another spelling
        ("chiffon sare", "printed-chiffon-saree"),  # typo
    ],
)
async def test_search_finds_products_even_with_typos(
    client: httpx.AsyncClient, query: str, expected_slug: str
) -> None:
    response = await client.get("/api/v1/products", params={"q": query, "page_size": 50})

    slugs = [p["slug"] for p in response.json()["items"]]
    assert expected_slug in slugs, slugs


async def test_cli_seed_needs_a_media_root(
    monkeypatch: pytest.MonkeyPatch, settings: CommerceSettings
) -> None:
    without_media = settings.model_copy(update={"media_root": None})
    monkeypatch.setattr(CommerceSettings, "from_environment", classmethod(lambda cls: without_media))

    with pytest.raises(SystemExit, match="MEDIA_ROOT"):
        await asyncio.to_thread(cli.main, ["seed"])


async def test_cli_seed_command(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    settings: CommerceSettings,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(CommerceSettings, "from_environment", classmethod(lambda cls: settings))

    await asyncio.to_thread(cli.main, ["seed", "--media-root", str(tmp_path)])

    assert f"seed: {len(PRODUCTS)} products added" in capsys.readouterr().out
    assert (tmp_path / "catalog" / "classic-crew-neck-t-shirt-blue.svg").is_file()
