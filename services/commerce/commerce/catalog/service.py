"""Catalog rules: who sees what, slugs and SKUs, cached reads, stock created with its audit trail."""

from __future__ import annotations

import re
import uuid
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from commerce.catalog.cache import CatalogCache, canonical_query
from commerce.catalog.models import Product, Variant
from commerce.catalog.photos.errors import UnknownPhoto
from commerce.catalog.photos.gallery import apply_image_changes
from commerce.catalog.repository import CatalogRepository, ProductStats
from commerce.catalog.schemas import (
    RESERVED_SLUGS,
    SIZE_ORDER,
    ColourFacet,
    CountedValue,
    Facets,
    Image,
    PriceRange,
    ProductCreate,
    ProductFilters,
    ProductOut,
    ProductSummary,
    ProductUpdate,
    VariantCreate,
    VariantOut,
    VariantUpdate,
    sort_sizes,
)
from commerce.inventory.models import Inventory, StockAdjustment
from kit.auth import CurrentUser
from kit.errors import AppError, Conflict, Forbidden, NotFound, Unprocessable
from kit.pagination import Page, PageParams


class ProductNotFound(NotFound):
    code = "product_not_found"
    message = "No such product."


class VariantNotFound(NotFound):
    code = "variant_not_found"
    message = "No such variant of this product."


class SlugTaken(Conflict):
    code = "slug_taken"
    message = "Another product already uses this slug."


class SkuTaken(Conflict):
    code = "sku_taken"
    message = "Another variant already uses this SKU."


class VariantExists(Conflict):
    code = "variant_exists"
    message = "This product already has a variant in this size and colour."


class InvalidPrice(Unprocessable):
    code = "invalid_price"
    message = "The compare-at price must be above the price."


class DraftsForbidden(Forbidden):
    code = "forbidden"
    message = "Only administrators may list draft products."


_CONSTRAINT_ERRORS: dict[str, type[AppError]] = {
    "uq_products_slug": SlugTaken,
    "uq_variants_sku": SkuTaken,
    "uq_variants_product_id_size_colour": VariantExists,
    "ck_variants_compare_at_above_price": InvalidPrice,
}


# Optional product fields a PATCH may clear by sending null.
_CLEARABLE: dict[str, Any] = {"description": "", "images": [], "attributes": {}}


def _translated(exc: IntegrityError) -> AppError | None:
    """A concurrent writer won the race the up-front checks lost: the constraint names the conflict."""
    message = str(exc.orig)
    for constraint, error in _CONSTRAINT_ERRORS.items():
        if constraint in message:
            return error()
    return None


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:150] or "product"


def variant_out(variant: Variant) -> VariantOut:
    available = variant.inventory.available if variant.inventory is not None else 0
    return VariantOut(
        id=variant.id,
        sku=variant.sku,
        size=variant.size,
        colour=variant.colour,
        colour_hex=variant.colour_hex,
        price_amount=variant.price_amount,
        compare_at_amount=variant.compare_at_amount,
        currency=variant.currency,
        is_active=variant.is_active,
        available=available,
        in_stock=variant.is_active and available > 0,
    )


def product_out(product: Product, *, include_inactive: bool) -> ProductOut:
    shown = [v for v in product.variants if include_inactive or v.is_active]
    # As a shop shows them: by colour, then sizes from small to large.
    shown.sort(key=lambda v: (v.colour.lower(), SIZE_ORDER.get(v.size, len(SIZE_ORDER)), v.sku))
    variants = [variant_out(v) for v in shown]
    active = [v for v in variants if v.is_active]
    return ProductOut(
        id=product.id,
        slug=product.slug,
        title=product.title,
        description=product.description,
        category=product.category,
        brand=product.brand,
        images=[Image.model_validate(image) for image in product.images],
        attributes=product.attributes,
        status=product.status,
        variants=variants,
        min_price_amount=min((v.price_amount for v in active), default=None),
        max_price_amount=max((v.price_amount for v in active), default=None),
        currency=active[0].currency if active else None,
        in_stock=any(v.in_stock for v in active),
        created_at=product.created_at,
        updated_at=product.updated_at,
    )


def summary_out(product: Product, stats: ProductStats) -> ProductSummary:
    return ProductSummary(
        id=product.id,
        slug=product.slug,
        title=product.title,
        category=product.category,
        brand=product.brand,
        images=[Image.model_validate(image) for image in product.images],
        status=product.status,
        min_price_amount=stats.min_price,
        max_price_amount=stats.max_price,
        compare_at_amount=stats.compare_at,
        currency=stats.currency,
        sizes=sort_sizes(stats.sizes),
        colours=stats.colours,
        available=stats.available,
        in_stock=stats.available > 0,
        created_at=product.created_at,
    )


def new_variant(product_id: uuid.UUID, spec: VariantCreate, default_currency: str) -> Variant:
    """A variant of the product as the admin specified it (the API's create and the CSV import)."""
    return Variant(
        product_id=product_id,
        sku=spec.sku,
        size=spec.size,
        colour=spec.colour,
        colour_hex=spec.colour_hex,
        price_amount=spec.price_amount,
        compare_at_amount=spec.compare_at_amount,
        currency=spec.currency or default_currency,
        is_active=spec.is_active,
    )


class CatalogService:
    def __init__(self, session: AsyncSession, cache: CatalogCache, default_currency: str) -> None:
        self.session = session
        self.products = CatalogRepository(session)
        self.cache = cache
        self.default_currency = default_currency

    # Reads: JSON ready to send, from the cache when the caller sees what everyone sees.

    async def list_json(self, filters: ProductFilters, viewer: CurrentUser | None) -> str:
        is_admin = viewer is not None and viewer.is_admin
        if filters.status != "active" and not is_admin:
            raise DraftsForbidden()
        key, cached = (None, None) if is_admin else await self.cache.lookup("list", canonical_query(filters))
        if cached is not None:
            return cached
        rows, total = await self.products.search(filters, fuzzy=False)
        if total == 0 and filters.q:
            # Nothing matches the words as typed: try titles that look like them (typos).
            rows, total = await self.products.search(filters, fuzzy=True)
        page = Page[ProductSummary].of(
            [summary_out(product, stats) for product, stats in rows],
            total,
            PageParams(page=filters.page, page_size=filters.page_size),
        )
        payload = page.model_dump_json()
        await self.cache.put(key, payload)
        return payload

    async def product_json(self, id_or_slug: str, viewer: CurrentUser | None) -> str:
        is_admin = viewer is not None and viewer.is_admin
        key, cached = (None, None) if is_admin else await self.cache.lookup("detail", id_or_slug)
        if cached is not None:
            return cached
        product = await self.products.product(id_or_slug)
        if product is None or (product.status != "active" and not is_admin):
            raise ProductNotFound()
        payload = product_out(product, include_inactive=is_admin).model_dump_json()
        await self.cache.put(key, payload)
        return payload

    async def facets_json(self, filters: ProductFilters | None = None) -> str:
        """The filters' values with counts among what `filters` finds (each facet ignoring its own filter);
        search words that match nothing as typed count titles like them, as the listing shows them."""
        filters = filters or ProductFilters()
        key, cached = await self.cache.lookup("facets", canonical_query(filters))
        if cached is not None:
            return cached
        fuzzy = bool(filters.q) and not await self.products.matches_words(filters)
        raw = await self.products.facets(filters, fuzzy=fuzzy)
        sizes = dict(raw["sizes"])
        facets = Facets(
            categories=[CountedValue(value=name, count=count) for name, count in raw["categories"]],
            brands=[CountedValue(value=name, count=count) for name, count in raw["brands"]],
            sizes=[CountedValue(value=size, count=sizes[size]) for size in sort_sizes(list(sizes))],
            colours=[ColourFacet(value=name, hex=hex_, count=count) for name, hex_, count in raw["colours"]],
            price=PriceRange(
                min_amount=raw["price"][0], max_amount=raw["price"][1], currency=self.default_currency
            ),
        )
        payload = facets.model_dump_json()
        await self.cache.put(key, payload)
        return payload

    # Writes (administrators): committed here, then the cache is invalidated.

    async def create_product(self, admin: CurrentUser, body: ProductCreate) -> ProductOut:
        if any(image.photo_id for image in body.images):
            raise UnknownPhoto()  # a new product has no photos yet: they are uploaded to it
        slug = body.slug or await self._free_slug(slugify(body.title))
        if body.slug and await self.products.slug_exists(slug):
            raise SlugTaken()
        await self._ensure_skus_free([v.sku for v in body.variants])
        product = Product(
            slug=slug,
            title=body.title,
            description=body.description,
            category=body.category,
            brand=body.brand,
            images=[image.model_dump(include={"url", "alt", "colour"}) for image in body.images],
            attributes=body.attributes,
            status=body.status,
        )
        await self._flush(product)
        for spec in body.variants:
            await self._add_variant(admin, product.id, spec)
        return product_out(await self._commit_and_reload(str(product.id)), include_inactive=True)

    async def update_product(self, product_id: str, body: ProductUpdate) -> ProductOut:
        product = await self.products.product(product_id, for_update=True)
        if product is None:
            raise ProductNotFound()
        changes = body.model_dump(mode="json", exclude_unset=True)
        if changes.get("slug") not in (None, product.slug) and await self.products.slug_exists(
            changes["slug"], other_than=product.id
        ):
            raise SlugTaken()
        for field, value in changes.items():
            if value is None and field not in _CLEARABLE:
                continue  # null for a required field means "leave it"
            if field == "images":
                await apply_image_changes(self.session, product, value or [])
                continue
            setattr(product, field, _CLEARABLE[field] if value is None else value)
        await self._flush()
        return product_out(await self._commit_and_reload(str(product.id)), include_inactive=True)

    async def create_variant(self, admin: CurrentUser, product_id: str, body: VariantCreate) -> VariantOut:
        product = await self.products.product(product_id, for_update=True)
        if product is None:
            raise ProductNotFound()
        await self._ensure_skus_free([body.sku])
        if any(v.size == body.size and v.colour.lower() == body.colour.lower() for v in product.variants):
            raise VariantExists()
        variant = await self._add_variant(admin, product.id, body)
        reloaded = await self._commit_and_reload(str(product.id))
        return variant_out(next(v for v in reloaded.variants if v.id == variant.id))

    async def update_variant(
        self, product_id: uuid.UUID, variant_id: uuid.UUID, body: VariantUpdate
    ) -> VariantOut:
        variant = await self.products.variant(product_id, variant_id)
        if variant is None:
            raise VariantNotFound()
        changes = body.model_dump(exclude_unset=True)
        if changes.get("sku") not in (None, variant.sku) and await self.products.existing_skus(
            [changes["sku"]], other_than=variant.id
        ):
            raise SkuTaken()
        for field, value in changes.items():
            if value is None and field not in {"colour_hex", "compare_at_amount"}:
                continue
            setattr(variant, field, value)
        if variant.compare_at_amount is not None and variant.compare_at_amount <= variant.price_amount:
            raise InvalidPrice()
        await self._flush()
        reloaded = await self._commit_and_reload(str(product_id))
        return variant_out(next(v for v in reloaded.variants if v.id == variant_id))

    async def _add_variant(self, admin: CurrentUser, product_id: uuid.UUID, spec: VariantCreate) -> Variant:
        variant = new_variant(product_id, spec, self.default_currency)
        await self._flush(variant)
        stock: list[Any] = [Inventory(variant_id=variant.id, on_hand=spec.initial_stock, reserved=0)]
        if spec.initial_stock:
            stock.append(
                StockAdjustment(
                    variant_id=variant.id,
                    delta=spec.initial_stock,
                    on_hand_after=spec.initial_stock,
                    reason="initial stock",
                    actor_id=admin.id,
                )
            )
        await self._flush(*stock)
        return variant

    async def _free_slug(self, base: str) -> str:
        candidate, serial = base, 1
        while candidate in RESERVED_SLUGS or await self.products.slug_exists(candidate):
            serial += 1
            candidate = f"{base}-{serial}"
        return candidate

    async def _ensure_skus_free(self, skus: list[str]) -> None:
        taken = await self.products.existing_skus(skus) if skus else []
        if taken:
            raise SkuTaken(details={"skus": sorted(taken)})

    async def _flush(self, *instances: Any) -> None:
        try:
            await self.products.add(*instances)
        except IntegrityError as exc:
            raise (_translated(exc) or exc) from exc

    async def _commit_and_reload(self, product_id: str) -> Product:
        try:
            await self.session.commit()
        except IntegrityError as exc:
            raise (_translated(exc) or exc) from exc
        await self.cache.invalidate()
        product = await self.products.product(product_id)
        if product is None:  # deleted between the commit and the read: nothing to show
            raise ProductNotFound()
        return product
