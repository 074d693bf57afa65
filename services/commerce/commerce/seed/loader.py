"""`python -m commerce.cli seed`: the demo catalog, its stock and its pictures (idempotent)."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from commerce.catalog.models import Product, Variant
from commerce.inventory.models import Inventory, StockAdjustment
from commerce.seed.data import COLOURS, PRODUCTS, SeedProduct
from commerce.seed.images import garment_svg

IMAGE_URL_PREFIX = "/media/catalog"
SEED_REASON = "seed: opening stock"


@dataclass(frozen=True, slots=True)
class SeedResult:
    created: int
    existing: int
    variants: int
    images: int


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def opening_stock(sku: str, size: str) -> int:
    """Deterministic stock per SKU: 5 to 44 units; about one edge size (XS, XXL) in eight sold out."""
    digest = int(hashlib.sha256(sku.encode()).hexdigest(), 16)
    if size in {"XS", "XXL"} and digest % 8 == 0:
        return 0
    return 5 + digest % 40


def image_name(item: SeedProduct, colour: str) -> str:
    return f"{_slug(item.title)}-{_slug(colour)}.svg"


def write_images(media_root: Path) -> int:
    """Write (or rewrite) every picture under MEDIA_ROOT/catalog; returns how many."""
    directory = media_root / "catalog"
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for item in PRODUCTS:
        for colour in item.colours:
            label = f"{item.title} in {colour}"
            (directory / image_name(item, colour)).write_text(
                garment_svg(item.category, COLOURS[colour], label), encoding="utf-8"
            )
            count += 1
    return count


async def load_catalog(session: AsyncSession, currency: str) -> SeedResult:
    """Add the products whose slug is not in the catalog yet; never touches existing ones."""
    slugs = {_slug(item.title) for item in PRODUCTS}
    existing = set(await session.scalars(select(Product.slug).where(Product.slug.in_(slugs))))
    created = variants = 0
    for item in PRODUCTS:
        slug = _slug(item.title)
        if slug in existing:
            continue
        product = Product(
            slug=slug,
            title=item.title,
            description=item.description,
            category=item.category,
            brand=item.brand,
            images=[
                {
                    "url": f"{IMAGE_URL_PREFIX}/{image_name(item, colour)}",
                    "alt": f"{item.title} in {colour}",
                    "colour": colour,
                }
                for colour in item.colours
            ],
            attributes={"material": item.material, "fit": item.fit, "origin": "Made in India"},
            status="active",
        )
        session.add(product)
        await session.flush()
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
                variants += 1
        created += 1
        await session.flush()
    return SeedResult(created=created, existing=len(existing), variants=variants, images=0)
