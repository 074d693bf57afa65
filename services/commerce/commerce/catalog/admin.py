"""Catalog administration beyond single edits: deleting (or refusing to, when orders name a product),
and the catalog as CSV (export; import with a dry run, then applied in one transaction)."""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status
from pydantic import BaseModel
from sqlalchemy import delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from commerce.catalog import csv_io
from commerce.catalog.csv_io import RowError
from commerce.catalog.models import Product, Variant
from commerce.catalog.service import ProductNotFound, _translated, new_variant
from commerce.deps import Cache, Settings
from commerce.inventory.models import Inventory, StockAdjustment
from commerce.orders.models import OrderItem
from kit.auth import AdminUser, CurrentUser
from kit.db import DbSession
from kit.errors import AppError, Conflict, Unprocessable, error_responses

MAX_IMPORT_BYTES = 2 * 1024 * 1024


class ProductHasOrders(Conflict):
    code = "product_has_orders"
    message = "Orders name this product, so it cannot be deleted: archive it instead (status archived)."


class ImportTooLarge(AppError):
    status_code = 413
    code = "import_too_large"
    message = f"The CSV file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB: split it."


class ImportNotText(Unprocessable):
    code = "import_not_utf8"
    message = "The CSV file is not UTF-8 text: save it as CSV UTF-8."


class ImportInvalid(Unprocessable):
    code = "import_invalid"
    message = "Some rows are not valid: nothing was changed. Each problem is listed with its line."


class ImportReport(BaseModel):
    dry_run: bool
    applied: bool
    rows: int
    products_created: int
    products_updated: int
    variants_created: int
    variants_updated: int
    stock_changes: int
    errors: list[RowError]


def _attributes_cell(attributes: dict[str, Any]) -> str:
    return json.dumps(attributes, ensure_ascii=False) if attributes else ""


def _optional(amount: int | None) -> int | str:
    return "" if amount is None else amount


class CatalogAdmin:
    def __init__(self, session: AsyncSession, cache: Any, default_currency: str) -> None:
        self.session = session
        self.cache = cache
        self.default_currency = default_currency

    async def delete_product(self, product_id: uuid.UUID) -> None:
        product = await self.session.get(Product, product_id, with_for_update=True)
        if product is None:
            raise ProductNotFound()
        ordered = await self.session.scalar(
            select(exists().where(OrderItem.variant_id == Variant.id, Variant.product_id == product_id))
        )
        if ordered:
            raise ProductHasOrders()
        variant_ids = select(Variant.id).where(Variant.product_id == product_id)
        await self.session.execute(delete(StockAdjustment).where(StockAdjustment.variant_id.in_(variant_ids)))
        await self.session.execute(delete(Inventory).where(Inventory.variant_id.in_(variant_ids)))
        await self.session.execute(delete(Variant).where(Variant.product_id == product_id))
        await self.session.delete(product)
        try:
            await self.session.commit()
        except IntegrityError as exc:  # an order placed meanwhile
            raise ProductHasOrders() from exc
        await self.cache.invalidate()

    async def _catalog(self) -> list[Product]:
        rows = await self.session.scalars(
            select(Product)
            .options(selectinload(Product.variants).selectinload(Variant.inventory))
            .order_by(Product.slug)
        )
        return list(rows)

    async def export_csv(self) -> str:
        lines: list[dict[str, Any]] = []
        for product in await self._catalog():
            for variant in product.variants:
                lines.append(
                    {
                        "product_slug": product.slug,
                        "title": product.title,
                        "description": product.description,
                        "category": product.category,
                        "brand": product.brand,
                        "status": product.status,
                        "attributes": _attributes_cell(product.attributes),
                        "sku": variant.sku,
                        "size": variant.size,
                        "colour": variant.colour,
                        "colour_hex": variant.colour_hex or "",
                        "price_amount": variant.price_amount,
                        "compare_at_amount": _optional(variant.compare_at_amount),
                        "currency": variant.currency,
                        "is_active": "true" if variant.is_active else "false",
                        "on_hand": variant.inventory.on_hand if variant.inventory is not None else 0,
                    }
                )
        return csv_io.render(lines)

    async def import_csv(self, admin: CurrentUser, text: str, *, dry_run: bool) -> ImportReport:
        parsed = csv_io.parse(text)
        products = {p.slug: p for p in await self._catalog()}
        variants = {v.sku: (p, v) for p in products.values() for v in p.variants}
        report = ImportReport(
            dry_run=dry_run,
            applied=False,
            rows=len(parsed.rows) + len(parsed.errors),
            products_created=0,
            products_updated=0,
            variants_created=0,
            variants_updated=0,
            stock_changes=0,
            errors=list(parsed.errors),
        )
        seen_products: set[str] = set()
        for row in parsed.rows:
            existing = variants.get(row.variant.sku)
            product = products.get(row.slug)
            problem = self._conflict(row, product, existing)
            if problem is not None:
                report.errors.append(RowError(line=row.line, sku=row.variant.sku, reason=problem))
                continue
            if row.slug not in seen_products:
                seen_products.add(row.slug)
                if product is None:
                    report.products_created += 1
                elif any(getattr(product, name) != value for name, value in row.product.items()):
                    report.products_updated += 1
            if existing is None:
                report.variants_created += 1
            elif self._variant_changes(existing[1], row):
                report.variants_updated += 1
            current = existing[1].inventory.on_hand if existing and existing[1].inventory else 0
            if row.on_hand is not None and row.on_hand != current:
                report.stock_changes += 1
        report.errors.sort(key=lambda error: error.line)
        if report.errors:
            if dry_run:
                return report
            raise ImportInvalid(details=report.model_dump(mode="json"))
        if dry_run:
            return report
        await self._apply(admin, parsed.rows, products, variants)
        report.applied = True
        return report

    @staticmethod
    def _conflict(
        row: csv_io.ParsedRow, product: Product | None, existing: tuple[Product, Variant] | None
    ) -> str | None:
        """What the catalog as it stands refuses in this row, in words for the shop owner."""
        spec = row.variant
        if existing is not None and existing[0].slug != row.slug:
            return f"SKU belongs to product {existing[0].slug}"
        if (
            product is not None
            and existing is None
            and any(v.size == spec.size and v.colour.lower() == spec.colour.lower() for v in product.variants)
        ):
            return f"{row.slug} already has size {spec.size} in {spec.colour} under another SKU"
        stock = existing[1].inventory if existing is not None else None
        if row.on_hand is not None and stock is not None and row.on_hand < stock.reserved:
            return f"on_hand {row.on_hand} is below the {stock.reserved} units pending orders hold"
        return None

    @staticmethod
    def _variant_changes(variant: Variant, row: csv_io.ParsedRow) -> dict[str, Any]:
        wanted = row.variant.model_dump(exclude={"initial_stock", "sku"})
        if wanted["currency"] is None:
            wanted.pop("currency")
        return {name: value for name, value in wanted.items() if getattr(variant, name) != value}

    async def _apply(
        self,
        admin: CurrentUser,
        rows: list[csv_io.ParsedRow],
        products: dict[str, Product],
        variants: dict[str, tuple[Product, Variant]],
    ) -> None:
        try:
            for row in rows:
                product = products.get(row.slug)
                if product is None:
                    product = Product(slug=row.slug, images=[], **row.product)
                    self.session.add(product)
                    await self.session.flush()
                    products[row.slug] = product
                else:
                    for name, value in row.product.items():
                        if getattr(product, name) != value:
                            setattr(product, name, value)
                existing = variants.get(row.variant.sku)
                if existing is None:
                    variant = new_variant(product.id, row.variant, self.default_currency)
                    self.session.add(variant)
                    await self.session.flush()
                    stock = Inventory(variant_id=variant.id, on_hand=0, reserved=0)
                    self.session.add(stock)
                else:
                    variant = existing[1]
                    for name, value in self._variant_changes(variant, row).items():
                        setattr(variant, name, value)
                    stock = variant.inventory or Inventory(variant_id=variant.id, on_hand=0, reserved=0)
                    self.session.add(stock)
                if row.on_hand is not None and row.on_hand != stock.on_hand:
                    delta = row.on_hand - stock.on_hand
                    stock.on_hand = row.on_hand
                    self.session.add(
                        StockAdjustment(
                            variant_id=variant.id,
                            delta=delta,
                            on_hand_after=row.on_hand,
                            reason="CSV import",
                            actor_id=admin.id,
                        )
                    )
                await self.session.flush()
            await self.session.commit()
        except IntegrityError as exc:
            await self.session.rollback()
            raise (_translated(exc) or exc) from exc
        await self.cache.invalidate()


async def _catalog_admin(session: DbSession, cache: Cache, settings: Settings) -> CatalogAdmin:
    return CatalogAdmin(session, cache, settings.default_currency)


Admin = Annotated[CatalogAdmin, Depends(_catalog_admin)]

router = APIRouter(prefix="/api/v1/admin/catalog", tags=["catalog admin"])


@router.delete(
    "/products/{product_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Delete a product no order names (admins); otherwise 409 product_has_orders: archive it",
)
async def delete_product(product_id: uuid.UUID, admin: AdminUser, catalog: Admin) -> Response:
    await catalog.delete_product(product_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/products/export.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}, **error_responses(401, 403)},
    summary="Every product and variant with its stock on hand, one CSV row per variant (admins)",
)
async def export_csv(admin: AdminUser, catalog: Admin) -> Response:
    return Response(
        content=await catalog.export_csv(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="catalog.csv"'},
    )


@router.post(
    "/products/import",
    response_model=ImportReport,
    responses=error_responses(401, 403, 409, 413, 422),
    openapi_extra={
        "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}
    },
    summary="Create or change products, variants and stock from CSV (admins); dry_run checks only",
    description=(
        "The body is the CSV text (`Content-Type: text/csv`, UTF-8, at most 2 MB, 5000 rows) with the "
        "columns of the export. With `dry_run=true` every row is checked and the report lists each bad "
        "row with its line number and reason; nothing changes. Without it the rows are applied in one "
        "transaction: any "
        "bad row answers `422 import_invalid` (the report in `details`) and nothing changes."
    ),
)
async def import_csv(
    request: Request,
    admin: AdminUser,
    catalog: Admin,
    dry_run: Annotated[bool, Query(description="Check only; change nothing")] = False,
) -> ImportReport:
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_IMPORT_BYTES:
            raise ImportTooLarge()
    try:
        text = bytes(body).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportNotText() from exc
    return await catalog.import_csv(admin, text, dry_run=dry_run)
