from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response, status

from commerce.catalog.schemas import (
    MAX_AMOUNT,
    Facets,
    ProductCreate,
    ProductFilters,
    ProductOut,
    ProductSort,
    ProductStatus,
    ProductSummary,
    ProductUpdate,
    Size,
    VariantCreate,
    VariantOut,
    VariantUpdate,
)
from commerce.deps import Catalog
from kit.auth import AdminUser, OptionalUser
from kit.errors import error_responses
from kit.pagination import Page, Pagination

router = APIRouter(prefix="/api/v1/products", tags=["catalog"])


def _json(payload: str) -> Response:
    return Response(content=payload, media_type="application/json")


class ListingQuery:
    """The listing's search and filters, as the listing and its facets both take them."""

    def __init__(
        self,
        q: Annotated[str | None, Query(max_length=100, description="Search words")] = None,
        category: Annotated[list[str] | None, Query(description="Category slug(s)")] = None,
        brand: Annotated[list[str] | None, Query(description="Brand name(s)")] = None,
        size: Annotated[list[Size] | None, Query(description="Size(s)")] = None,
        colour: Annotated[list[str] | None, Query(description="Colour name(s), any case")] = None,
        # Bounded like the prices themselves: an unbounded integer reached PostgreSQL's bigint and failed
        # there with a 500 (found by the fuzz run, tests/fuzz).
        min_price: Annotated[
            int | None, Query(ge=0, le=MAX_AMOUNT, description="Lowest price, minor units")
        ] = None,
        max_price: Annotated[
            int | None, Query(ge=0, le=MAX_AMOUNT, description="Highest price, minor units")
        ] = None,
    ) -> None:
        self.fields: dict[str, Any] = {
            "q": (q or "").strip() or None,
            "category": sorted(set(category or [])),
            "brand": sorted(set(brand or [])),
            "size": sorted(set(size or [])),
            "colour": sorted({c.lower() for c in colour or []}),
            "min_price": min_price,
            "max_price": max_price,
        }


@router.get(
    "",
    response_model=Page[ProductSummary],
    responses=error_responses(401, 403, 422),
    summary="Browse and search the catalog",
    description=(
        "Active products, paginated. `q` searches title, brand, category and description (full text, "
        "English stemming); when nothing matches, titles similar to `q` are returned instead (typos). "
        "Size, colour, price and stock filters apply to one variant: a product matches when one of its "
        "active variants satisfies all of them. Repeat a list parameter for several values "
        "(`size=M&size=L`). Administrators may list drafts with `status=draft` (or `status=archived`)."
    ),
)
async def list_products(
    catalog: Catalog,
    viewer: OptionalUser,
    pagination: Pagination,
    listing: Annotated[ListingQuery, Depends()],
    in_stock: Annotated[bool | None, Query(description="Only (or, false: no) products available now")] = None,
    product_status: Annotated[ProductStatus, Query(alias="status")] = "active",
    sort: Annotated[ProductSort | None, Query(description="Default: relevance with q, else newest")] = None,
) -> Response:
    filters = ProductFilters(
        **listing.fields,
        in_stock=in_stock,
        status=product_status,
        sort=sort,
        page=pagination.page,
        page_size=pagination.page_size,
    )
    return _json(await catalog.list_json(filters, viewer))


@router.get(
    "/facets",
    response_model=Facets,
    responses=error_responses(422),
    summary="Filter values present in the catalog (categories, brands, sizes, colours, price range)",
    description=(
        "Values among active products with how many products have each. Takes the listing's search and "
        "filters: each facet is then counted under the search and every filter but its own (the category "
        "counts follow `q`, size, colour and price, not the chosen categories), so a count says what "
        "choosing that value would find."
    ),
)
async def facets(catalog: Catalog, listing: Annotated[ListingQuery, Depends()]) -> Response:
    filters = ProductFilters(**listing.fields)
    return _json(await catalog.facets_json(filters))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ProductOut,
    responses=error_responses(401, 403, 409, 422),
    summary="Create a product, optionally with its variants and their initial stock (admins)",
)
async def create_product(body: ProductCreate, admin: AdminUser, catalog: Catalog) -> ProductOut:
    return await catalog.create_product(admin, body)


@router.get(
    "/{product_id}",
    response_model=ProductOut,
    responses=error_responses(401, 404, 422),
    summary="A product by id or slug, with its variants and their availability",
)
async def read_product(product_id: str, catalog: Catalog, viewer: OptionalUser) -> Response:
    return _json(await catalog.product_json(product_id, viewer))


@router.patch(
    "/{product_id}",
    response_model=ProductOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Change a product (admins); `status` publishes (active), hides (draft) or archives it",
)
async def update_product(
    product_id: str, body: ProductUpdate, admin: AdminUser, catalog: Catalog
) -> ProductOut:
    return await catalog.update_product(product_id, body)


@router.post(
    "/{product_id}/variants",
    status_code=status.HTTP_201_CREATED,
    response_model=VariantOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Add a size/colour variant to a product (admins)",
)
async def create_variant(
    product_id: str, body: VariantCreate, admin: AdminUser, catalog: Catalog
) -> VariantOut:
    return await catalog.create_variant(admin, product_id, body)


@router.patch(
    "/{product_id}/variants/{variant_id}",
    response_model=VariantOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Change a variant's SKU, options, price or availability for sale (admins)",
)
async def update_variant(
    product_id: uuid.UUID, variant_id: uuid.UUID, body: VariantUpdate, admin: AdminUser, catalog: Catalog
) -> VariantOut:
    return await catalog.update_variant(product_id, variant_id, body)
