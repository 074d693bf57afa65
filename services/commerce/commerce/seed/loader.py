"""`python -m commerce.cli seed`: the demo catalog, its stock and its photos (idempotent)."""

from __future__ import annotations

import asyncio
import hashlib
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from commerce.catalog.models import Product, Variant
from commerce.catalog.photos.gallery import check_new_photo, store_photo
from commerce.catalog.photos.processing import ProcessedPhoto, process
from commerce.inventory.models import Inventory, StockAdjustment
from commerce.seed.data import COLOURS, PRODUCTS, SeedProduct
from commerce.seed.photos import garment_photo

SEED_REASON = "seed: opening stock"
# Where the seed of earlier releases put its pictures (SVG files); such galleries are replaced by photos.
_OLD_SEEDED_PICTURE = re.compile(r"/media/catalog/[a-z0-9-]+\.svg")


@dataclass(frozen=True, slots=True)
class SeedResult:
    created: int
    existing: int
    variants: int
    photos: int
    upgraded: int = 0  # existing products whose old seeded pictures became photos


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def opening_stock(sku: str, size: str) -> int:
    """Deterministic stock per SKU: 5 to 44 units; about one edge size (XS, XXL) in eight sold out."""
    digest = int(hashlib.sha256(sku.encode()).hexdigest(), 16)
    if size in {"XS", "XXL"} and digest % 8 == 0:
        return 0
    return 5 + digest % 40


def alt_text(title: str, colour: str) -> str:
    return f"{title} in {colour}"


def has_old_seeded_pictures(images: list[dict[str, Any]]) -> bool:
    """True when the gallery is only the SVG pictures an earlier seed wrote (nothing an admin added)."""
    return bool(images) and all(
        "photo_id" not in image and _OLD_SEEDED_PICTURE.fullmatch(str(image.get("url", "")))
        for image in images
    )


@cache
def _processed(category: str, colour_hex: str) -> ProcessedPhoto:
    """The photo as the store keeps it; products sharing a category and colour share the work."""
    return process(garment_photo(category, colour_hex))


async def _prepare(pictures: Iterable[tuple[str, str]]) -> None:
    """Draw and convert the photos in worker threads (Pillow releases the GIL), before any row is written."""
    await asyncio.gather(*(asyncio.to_thread(_processed, *picture) for picture in set(pictures)))


async def _add_photos(session: AsyncSession, product: Product, colours: list[tuple[str, str]]) -> int:
    """One photo per (colour, hex), tagged with the colour, appended to the product's gallery."""
    for colour, colour_hex in colours:
        alt = alt_text(product.title, colour)
        await check_new_photo(session, product, colour=colour, alt=alt)
        await store_photo(session, product, _processed(product.category, colour_hex), colour=colour, alt=alt)
    return len(colours)


async def _variant_colours(session: AsyncSession, product: Product) -> dict[str, str]:
    rows = await session.execute(
        select(Variant.colour, Variant.colour_hex).where(Variant.product_id == product.id).distinct()
    )
    return {colour: colour_hex or COLOURS.get(colour, "#8a8d91") for colour, colour_hex in rows}


def _pictured_colour(image: dict[str, Any], colours: dict[str, str]) -> str | None:
    """The variant colour an old seeded picture shows: its `colour`, else the end of its alt text
    ("… in Navy", as seeds before colour tags wrote), else its file name (`<slug>-navy.svg`); else None."""
    by_name = {colour.lower(): colour for colour in colours}
    tagged = str(image.get("colour") or "").strip().lower()
    if tagged in by_name:
        return by_name[tagged]
    alt = str(image.get("alt") or "").strip().lower()
    for name, colour in by_name.items():
        if alt.endswith(f" in {name}"):
            return colour
    url = str(image.get("url", ""))
    return next((colour for colour in colours if url.endswith(f"-{_slug(colour)}.svg")), None)


async def _upgrade(session: AsyncSession, product: Product, seeded_colours: Sequence[str]) -> int:
    """Replace a gallery of old seeded SVG pictures by photos of the same colours, in the same order (every
    variant colour, in the seed's order, when no picture names one: the product never ends up without
    pictures)."""
    variant_colours = await _variant_colours(session, product)
    named = [_pictured_colour(image, variant_colours) for image in product.images]
    rank = {colour: index for index, colour in enumerate(seeded_colours)}
    every = sorted(variant_colours, key=lambda colour: (rank.get(colour, len(rank)), colour))
    order = [colour for colour in dict.fromkeys(named) if colour is not None] or every
    colours = [(colour, variant_colours[colour]) for colour in order]
    if not colours:
        return 0  # a product without variants: its pictures stay as they are
    await _prepare((product.category, colour_hex) for _, colour_hex in colours)
    product.images = []
    return await _add_photos(session, product, colours)


async def load_catalog(session: AsyncSession, currency: str) -> SeedResult:
    """Add the products whose slug is not in the catalog yet, with their photos. Existing products are left
    alone, except that a gallery of the SVG pictures an earlier seed wrote is replaced by photos."""
    slugs = {_slug(item.title) for item in PRODUCTS}
    existing = {
        product.slug: product
        for product in await session.scalars(select(Product).where(Product.slug.in_(slugs)).with_for_update())
    }
    upgraded = photos = 0
    seeded_colours = {_slug(item.title): item.colours for item in PRODUCTS}
    for product in existing.values():
        if has_old_seeded_pictures(product.images):
            photos += await _upgrade(session, product, seeded_colours[product.slug])
            upgraded += 1
    missing = [item for item in PRODUCTS if _slug(item.title) not in existing]
    await _prepare((item.category, COLOURS[colour]) for item in missing for colour in item.colours)
    variants = 0
    for item in missing:
        product = _product(item)
        session.add(product)
        await session.flush()
        variants += _add_variants(session, product, item, currency)
        await session.flush()
        photos += await _add_photos(session, product, [(colour, COLOURS[colour]) for colour in item.colours])
    return SeedResult(
        created=len(missing), existing=len(existing), variants=variants, photos=photos, upgraded=upgraded
    )


def _product(item: SeedProduct) -> Product:
    return Product(
        slug=_slug(item.title),
        title=item.title,
        description=item.description,
        category=item.category,
        brand=item.brand,
        images=[],
        attributes={"material": item.material, "fit": item.fit, "origin": "Made in India"},
        status="active",
    )


def _add_variants(session: AsyncSession, product: Product, item: SeedProduct, currency: str) -> int:
    count = 0
    for colour in item.colours:
        for size in item.sizes:
            sku = f"{item.code}-{colour.upper()[:3]}-{size}"
            variant = Variant(
                id=uuid.uuid4(),
                product_id=product.id,
                sku=sku,
                size=size,
                colour=colour,
                colour_hex=COLOURS[colour],
                price_amount=item.price_rupees * 100,
                compare_at_amount=item.compare_at_rupees * 100 if item.compare_at_rupees else None,
                currency=currency,
                is_active=True,
            )
            session.add(variant)
            stock = opening_stock(sku, size)
            session.add(Inventory(variant_id=variant.id, on_hand=stock, reserved=0))
            if stock:
                session.add(
                    StockAdjustment(
                        variant_id=variant.id,
                        delta=stock,
                        on_hand_after=stock,
                        reason=SEED_REASON,
                        actor_id=None,
                    )
                )
            count += 1
    return count
