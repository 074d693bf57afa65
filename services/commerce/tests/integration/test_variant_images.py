"""Cart and order lines show the chosen colour's picture, not the product's first (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest

from commerce import cli
from commerce.config import CommerceSettings

from .conftest import Person, Shop


@pytest.fixture
async def seeded(settings: CommerceSettings) -> None:
    await cli.seed(settings)


async def _cart_line(shop: Shop, who: Person, variant_id: str) -> dict[str, Any]:
    cart = (await shop.client.get(f"/api/v1/cart/{who.id}", headers=who.headers)).json()
    line: dict[str, Any] = next(item for item in cart["items"] if item["variant_id"] == variant_id)
    return line


@pytest.mark.usefixtures("seeded")
async def test_seeded_pictures_name_their_colour(shop: Shop) -> None:
    tee = (await shop.client.get("/api/v1/products/classic-crew-neck-t-shirt")).json()

    # Blue is the first picture though Black comes first in the alphabet.
    assert [image["colour"] for image in tee["images"]] == ["Blue", "White", "Black", "Grey", "Olive"]
    assert tee["images"][0]["alt"] == "Classic Crew Neck T-Shirt in Blue"


@pytest.mark.usefixtures("seeded")
async def test_cart_and_order_lines_show_the_chosen_colours_picture(shop: Shop, shopper: Person) -> None:
    tee = (await shop.client.get("/api/v1/products/classic-crew-neck-t-shirt")).json()
    black = next(v for v in tee["variants"] if v["colour"] == "Black" and v["available"] > 0)
    black_picture = next(image for image in tee["images"] if image["colour"] == "Black")
    assert black_picture != tee["images"][0]

    added = await shop.add(shopper, black["id"])
    assert added.status_code == 200, added.text
    line = await _cart_line(shop, shopper, black["id"])
    assert (line["colour"], line["image"]) == ("Black", black_picture)

    placed = await shop.checkout(shopper)
    assert placed.status_code == 201, placed.text
    item = placed.json()["items"][0]
    assert (item["colour"], item["image_url"]) == ("Black", black_picture["url"])
    fetched = await shop.client.get(f"/api/v1/orders/{placed.json()['id']}/details", headers=shopper.headers)
    assert fetched.json()["items"][0]["image_url"] == black_picture["url"]


async def test_pictures_without_a_colour_are_matched_by_their_alt_text(shop: Shop, shopper: Person) -> None:
    """Pictures saved before they had a colour: "… in <Colour>" picks one, case-insensitively."""
    hoodie = await shop.product(
        title="Zip-Up Hoodie",
        colours=("Navy", "Olive", "Grey"),
        images=[
            {"url": "/media/catalog/zip-navy.svg", "alt": "Zip-Up Hoodie in Navy"},
            {"url": "/media/catalog/zip-olive.svg", "alt": "Zip-Up Hoodie in olive"},
            {"url": "/media/catalog/zip-grey.svg", "alt": "Zip-Up Hoodie in Grey"},
        ],
    )
    olive = next(v["id"] for v in hoodie["variants"] if v["colour"] == "Olive")

    await shop.add(shopper, olive)
    line = await _cart_line(shop, shopper, olive)
    order = await shop.order(shopper, olive)

    assert line["image"]["url"] == "/media/catalog/zip-olive.svg"
    assert order["items"][0]["image_url"] == "/media/catalog/zip-olive.svg"


async def test_a_tagged_colour_wins_and_an_unknown_colour_falls_back_to_the_first_picture(
    shop: Shop, shopper: Person
) -> None:
    kurta = await shop.product(
        title="Block Print Anarkali Kurta",
        colours=("Indigo", "Maroon", "Green"),
        images=[
            {"url": "/media/catalog/anarkali-indigo.svg", "alt": "Front view", "colour": "Indigo"},
            # An alt naming another colour does not beat the picture's own colour.
            {"url": "/media/catalog/anarkali-back.svg", "alt": "Back in Green", "colour": "Indigo"},
            {"url": "/media/catalog/anarkali-maroon.svg", "alt": "Front view", "colour": "maroon"},
        ],
    )
    by_colour = {v["colour"]: v["id"] for v in kurta["variants"]}

    await shop.add(shopper, by_colour["Maroon"])
    await shop.add(shopper, by_colour["Green"])
    maroon = await _cart_line(shop, shopper, by_colour["Maroon"])
    green = await _cart_line(shop, shopper, by_colour["Green"])

    assert maroon["image"]["url"] == "/media/catalog/anarkali-maroon.svg"
    assert green["image"]["url"] == "/media/catalog/anarkali-indigo.svg"
    placed = await shop.checkout(shopper)
    assert {item["colour"]: item["image_url"] for item in placed.json()["items"]} == {
        "Maroon": "/media/catalog/anarkali-maroon.svg",
        "Green": "/media/catalog/anarkali-indigo.svg",
    }
