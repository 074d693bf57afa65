"""Catalog queries: listings with filters and search, facets, look-ups; repositories only flush."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, cast, distinct, exists, func, literal, or_, select, text
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from commerce.catalog.models import Product, Variant
from commerce.catalog.schemas import ProductFilters
from commerce.inventory.models import Inventory

# Word similarity from which a title counts as a typo'd match ("jeens" ~ "Slim Jeans" is 0.33,
# "jaket" ~ "Denim Jacket" 0.44). Lenient on purpose: it is only tried when the words as typed match
# nothing, and results are ranked by similarity.
FUZZY_THRESHOLD = 0.3


@dataclass(frozen=True, slots=True)
class ProductStats:
    min_price: int | None
    max_price: int | None
    compare_at: int | None
    currency: str | None
    sizes: list[str]
    colours: list[str]
    available: int


@dataclass(frozen=True, slots=True)
class PurchasableVariant:
    variant: Variant
    product: Product
    available: int


def _stats_subquery() -> Any:
    return (
        select(
            Variant.product_id.label("product_id"),
            func.min(Variant.price_amount).label("min_price"),
            func.max(Variant.price_amount).label("max_price"),
            func.max(Variant.compare_at_amount).label("compare_at"),
            func.min(Variant.currency).label("currency"),
            func.array_agg(distinct(Variant.size)).label("sizes"),
            func.array_agg(distinct(Variant.colour)).label("colours"),
            func.coalesce(func.sum(Inventory.available), 0).label("available"),
        )
        .join(Inventory, Inventory.variant_id == Variant.id)
        .where(Variant.is_active.is_(True))
        .group_by(Variant.product_id)
        .subquery("stats")
    )


def stats_of(row: Row[Any]) -> ProductStats:
    return ProductStats(
        min_price=row.min_price,
        max_price=row.max_price,
        compare_at=row.compare_at,
        currency=row.currency,
        sizes=list(row.sizes or []),
        colours=sorted(row.colours or []),
        available=int(row.available or 0),
    )


class CatalogRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def product(self, id_or_slug: str, *, for_update: bool = False) -> Product | None:
        """A product by id or slug, with its variants and their stock."""
        condition: ColumnElement[bool] = Product.slug == id_or_slug
        with contextlib.suppress(ValueError):  # not a UUID: a slug only
            condition = or_(Product.id == uuid.UUID(id_or_slug), condition)
        statement = (
            select(Product)
            .where(condition)
            .options(selectinload(Product.variants).selectinload(Variant.inventory))
            .execution_options(populate_existing=True)
        )
        if for_update:
            statement = statement.with_for_update(of=Product)
        return (await self.session.scalars(statement)).first()

    async def variant(self, product_id: uuid.UUID, variant_id: uuid.UUID) -> Variant | None:
        statement = (
            select(Variant)
            .where(Variant.id == variant_id, Variant.product_id == product_id)
            .options(selectinload(Variant.inventory))
            .execution_options(populate_existing=True)
        )
        return (await self.session.scalars(statement)).first()

    async def slug_exists(self, slug: str, *, other_than: uuid.UUID | None = None) -> bool:
        statement = select(exists().where(Product.slug == slug))
        if other_than is not None:
            statement = select(exists().where(Product.slug == slug, Product.id != other_than))
        return bool(await self.session.scalar(statement))

    async def existing_skus(self, skus: Sequence[str], *, other_than: uuid.UUID | None = None) -> list[str]:
        statement = select(Variant.sku).where(Variant.sku.in_(skus))
        if other_than is not None:
            statement = statement.where(Variant.id != other_than)
        return list(await self.session.scalars(statement))

    async def add(self, *instances: Any) -> None:
        self.session.add_all(instances)
        await self.session.flush()

    async def flush(self) -> None:
        await self.session.flush()

    async def search(
        self, filters: ProductFilters, *, fuzzy: bool
    ) -> tuple[list[tuple[Product, ProductStats]], int]:
        """One page of products matching the filters; `fuzzy` matches titles by trigram similarity."""
        stats = _stats_subquery()
        if filters.q and fuzzy:
            await self._fuzzy_threshold()
        conditions = [*self._product_conditions(filters, fuzzy=fuzzy), *self._has_variant(filters)]
        if filters.in_stock is False:
            conditions.append(func.coalesce(stats.c.available, 0) == 0)
        relevance = self._relevance(filters.q, fuzzy=fuzzy)

        base: Select[Any] = (
            select(Product, stats).outerjoin(stats, stats.c.product_id == Product.id).where(*conditions)
        )
        total = await self.session.scalar(select(func.count()).select_from(base.subquery()))
        sort = filters.sort or ("relevance" if filters.q else "newest")
        order: list[Any]
        if sort == "relevance" and relevance is not None:
            order = [relevance.desc(), Product.created_at.desc()]
        elif sort == "price_asc":
            order = [stats.c.min_price.asc().nulls_last()]
        elif sort == "price_desc":
            order = [stats.c.max_price.desc().nulls_last()]
        elif sort == "title":
            order = [Product.title.asc()]
        else:
            order = [Product.created_at.desc()]
        offset = (filters.page - 1) * filters.page_size
        rows = await self.session.execute(
            base.order_by(*order, Product.id).offset(offset).limit(filters.page_size)
        )
        return [(row.Product, stats_of(row)) for row in rows], int(total or 0)

    async def _fuzzy_threshold(self) -> None:
        await self.session.execute(
            text("SELECT set_config('pg_trgm.word_similarity_threshold', :t, true)"),
            {"t": str(FUZZY_THRESHOLD)},
        )

    @staticmethod
    def _search_query(q: str) -> ColumnElement[Any]:
        return func.websearch_to_tsquery(cast("english", REGCONFIG), q)

    @classmethod
    def _relevance(cls, q: str | None, *, fuzzy: bool) -> ColumnElement[Any] | None:
        if not q:
            return None
        if fuzzy:
            return func.word_similarity(q, Product.title)
        return func.ts_rank_cd(Product.search_vector, cls._search_query(q))

    @classmethod
    def _product_conditions(
        cls, filters: ProductFilters, *, fuzzy: bool, skip: frozenset[str] = frozenset()
    ) -> list[ColumnElement[bool]]:
        """Conditions on the product itself: status, category, brand and the search words."""
        conditions: list[ColumnElement[bool]] = [Product.status == filters.status]
        if filters.category and "category" not in skip:
            conditions.append(Product.category.in_(filters.category))
        if filters.brand and "brand" not in skip:
            conditions.append(func.lower(Product.brand).in_([b.lower() for b in filters.brand]))
        if filters.q:
            if fuzzy:
                conditions.append(literal(filters.q).op("<%")(Product.title))
            else:
                conditions.append(Product.search_vector.op("@@")(cls._search_query(filters.q)))
        return conditions

    @classmethod
    def _has_variant(
        cls, filters: ProductFilters, skip: frozenset[str] = frozenset()
    ) -> list[ColumnElement[bool]]:
        """The product has one active variant satisfying every variant filter (none when there are none)."""
        variant_conditions = cls._variant_conditions(filters, skip)
        if not variant_conditions:
            return []
        return [
            exists()
            .where(Variant.product_id == Product.id, Variant.is_active.is_(True), *variant_conditions)
            .where(Inventory.variant_id == Variant.id)
        ]

    @staticmethod
    def _variant_conditions(
        filters: ProductFilters, skip: frozenset[str] = frozenset()
    ) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if filters.size and "size" not in skip:
            conditions.append(Variant.size.in_(filters.size))
        if filters.colour and "colour" not in skip:
            conditions.append(func.lower(Variant.colour).in_([c.lower() for c in filters.colour]))
        if "price" not in skip:
            if filters.min_price is not None:
                conditions.append(Variant.price_amount >= filters.min_price)
            if filters.max_price is not None:
                conditions.append(Variant.price_amount <= filters.max_price)
        if filters.in_stock:
            conditions.append(Inventory.available > 0)
        return conditions

    async def matches_words(self, filters: ProductFilters) -> bool:
        """Whether the search words as typed (not as a typo) find a product under all the filters."""
        conditions = [*self._product_conditions(filters, fuzzy=False), *self._has_variant(filters)]
        return bool(await self.session.scalar(select(exists().where(*conditions))))

    async def facets(self, filters: ProductFilters, *, fuzzy: bool = False) -> dict[str, Any]:
        """Values present among the products the filters find, with counts. Each facet is counted under
        every filter but its own, so its counts say what choosing another value there would find."""
        if filters.q and fuzzy:
            await self._fuzzy_threshold()

        def products(skip: str) -> list[ColumnElement[bool]]:
            without = frozenset({skip})
            return [
                *self._product_conditions(filters, fuzzy=fuzzy, skip=without),
                *self._has_variant(filters, without),
            ]

        def variants(skip: str) -> list[ColumnElement[bool]]:
            without = frozenset({skip})
            return [
                Variant.is_active.is_(True),
                *self._product_conditions(filters, fuzzy=fuzzy),
                *self._variant_conditions(filters, without),
            ]

        def live(*columns: Any) -> Select[Any]:
            statement = select(*columns).select_from(Variant).join(Product, Product.id == Variant.product_id)
            if filters.in_stock:
                statement = statement.join(Inventory, Inventory.variant_id == Variant.id)
            return statement

        categories = await self.session.execute(
            select(Product.category, func.count())
            .where(*products("category"))
            .group_by(Product.category)
            .order_by(Product.category)
        )
        brands = await self.session.execute(
            select(Product.brand, func.count())
            .where(*products("brand"))
            .group_by(Product.brand)
            .order_by(Product.brand)
        )
        sizes = await self.session.execute(
            live(Variant.size, func.count(distinct(Variant.product_id)))
            .where(*variants("size"))
            .group_by(Variant.size)
        )
        colours = await self.session.execute(
            live(Variant.colour, func.max(Variant.colour_hex), func.count(distinct(Variant.product_id)))
            .where(*variants("colour"))
            .group_by(Variant.colour)
            .order_by(Variant.colour)
        )
        price = (
            await self.session.execute(
                live(func.min(Variant.price_amount), func.max(Variant.price_amount)).where(*variants("price"))
            )
        ).one()
        return {
            "categories": [(name, count) for name, count in categories],
            "brands": [(name, count) for name, count in brands],
            "sizes": [(name, count) for name, count in sizes],
            "colours": [(name, hex_, count) for name, hex_, count in colours],
            "price": (price[0], price[1]),
        }

    async def purchasable(self, variant_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, PurchasableVariant]:
        """Active variants of active products among `variant_ids`, with their available stock."""
        if not variant_ids:
            return {}
        rows = await self.session.execute(
            select(Variant, Product, Inventory.available)
            .join(Product, Product.id == Variant.product_id)
            .join(Inventory, Inventory.variant_id == Variant.id)
            .where(Variant.id.in_(variant_ids), Variant.is_active.is_(True), Product.status == "active")
        )
        return {
            variant.id: PurchasableVariant(variant, product, int(available))
            for variant, product, available in rows
        }
