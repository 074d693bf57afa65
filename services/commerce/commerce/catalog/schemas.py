"""Request and response bodies of the catalog (amounts in minor units: paise for INR)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from commerce.catalog.models import SIZES

Size = Literal["XS", "S", "M", "L", "XL", "XXL", "FREE"]
ProductStatus = Literal["draft", "active", "archived"]
# A product is archived only once it has been in the shop (orders name it): it is not created so.
NewProductStatus = Literal["draft", "active"]
ProductSort = Literal["relevance", "newest", "price_asc", "price_desc", "title"]
# Reserved so that `GET /api/v1/products/facets` can never be shadowed by a product's slug.
RESERVED_SLUGS = frozenset({"facets"})

Slug = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=160, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"
    ),
]
CategorySlug = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=60, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"
    ),
]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Brand = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Colour = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
ColourHex = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Sku = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
MAX_AMOUNT = 10**12
Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT, description="Integer minor units (paise for INR)")]
ImageUrl = Annotated[str, StringConstraints(max_length=500, pattern=r"^(https?://[^\s]+|/[^\s]*)$")]

SIZE_ORDER = {size: index for index, size in enumerate(SIZES)}


def sort_sizes(sizes: list[str]) -> list[str]:
    return sorted(set(sizes), key=lambda size: SIZE_ORDER.get(size, len(SIZE_ORDER)))


class Image(BaseModel):
    """A picture of the gallery: an uploaded photo (with `photo_id`) or an external picture (a url)."""

    url: ImageUrl = Field(
        description="Absolute URL, or a path on this site; for a photo its 1024 px (or largest) rendition"
    )
    alt: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    colour: Colour | None = Field(
        default=None,
        description="The variant colour this picture shows; pictures of every colour leave it out",
    )
    photo_id: uuid.UUID | None = Field(
        default=None,
        description=(
            "An uploaded photo of this product. In a PATCH its url, srcset, width and height are filled in "
            "by the server (what the client sends for them is ignored); a photo the gallery leaves out is "
            "deleted"
        ),
    )
    width: Annotated[int, Field(ge=1, le=100_000)] | None = Field(
        default=None, description="Of the photo's original, in pixels (its aspect ratio)"
    )
    height: Annotated[int, Field(ge=1, le=100_000)] | None = Field(
        default=None, description="Of the photo's original, in pixels"
    )
    srcset: Annotated[str, StringConstraints(max_length=2000)] | None = Field(
        default=None,
        description='The WebP renditions for <img srcset>, e.g. "/media/photos/<id>/w320.webp 320w, …"',
    )


def _shows(image: Mapping[str, Any], colour: str) -> bool:
    tagged = image.get("colour")
    if isinstance(tagged, str) and tagged:
        return tagged.strip().lower() == colour
    alt = image.get("alt")
    return isinstance(alt, str) and alt.strip().lower().endswith(f" in {colour}")


def image_for_colour(images: Sequence[Mapping[str, Any]], colour: str | None) -> Image | None:
    """The picture of a variant: the one tagged with its colour, else the one whose alt text ends
    "… in <Colour>" (pictures saved before images had a colour), else the product's first picture."""
    if not images:
        return None
    wanted = (colour or "").strip().lower()
    chosen = next((image for image in images if wanted and _shows(image, wanted)), images[0])
    return Image.model_validate(chosen)


Attributes = Annotated[
    dict[
        Annotated[str, StringConstraints(min_length=1, max_length=40)],
        Annotated[str, StringConstraints(max_length=200)],
    ],
    Field(max_length=30, description="Free-form facts: material, fit, care, …"),
]


class VariantCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sku: Sku
    size: Size
    colour: Colour
    colour_hex: ColourHex | None = None
    price_amount: Amount
    compare_at_amount: Amount | None = Field(default=None, description="The 'was' price; above the price")
    currency: Currency | None = Field(default=None, description="Defaults to the shop's currency")
    is_active: bool = True
    initial_stock: Annotated[int, Field(ge=0, le=1_000_000)] = 0

    @model_validator(mode="after")
    def _compare_at_above_price(self) -> VariantCreate:
        if self.compare_at_amount is not None and self.compare_at_amount <= self.price_amount:
            raise ValueError("compare_at_amount must be above price_amount")
        return self


class VariantUpdate(BaseModel):
    """Stock is not here: it changes only through the audited stock adjustment endpoint."""

    model_config = ConfigDict(extra="forbid")

    sku: Sku | None = None
    size: Size | None = None
    colour: Colour | None = None
    colour_hex: ColourHex | None = None
    price_amount: Amount | None = None
    compare_at_amount: Amount | None = None
    is_active: bool | None = None


class ProductCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    slug: Slug | None = Field(default=None, description="Derived from the title when absent")
    description: Annotated[str, StringConstraints(max_length=10_000)] = ""
    category: CategorySlug
    brand: Brand
    images: Annotated[list[Image], Field(max_length=20)] = []
    attributes: Attributes = {}
    status: NewProductStatus = "draft"
    variants: Annotated[list[VariantCreate], Field(max_length=200)] = []

    @model_validator(mode="after")
    def _distinct_variants(self) -> ProductCreate:
        skus = [v.sku for v in self.variants]
        options = [(v.size, v.colour.lower()) for v in self.variants]
        if len(set(skus)) != len(skus):
            raise ValueError("variant SKUs must be distinct")
        if len(set(options)) != len(options):
            raise ValueError("each size and colour may appear once")
        if self.slug in RESERVED_SLUGS:
            raise ValueError(f"the slug {self.slug!r} is reserved")
        return self


class ProductUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    slug: Slug | None = None
    description: Annotated[str, StringConstraints(max_length=10_000)] | None = None
    category: CategorySlug | None = None
    brand: Brand | None = None
    images: Annotated[list[Image], Field(max_length=20)] | None = None
    attributes: Attributes | None = None
    status: ProductStatus | None = None

    @model_validator(mode="after")
    def _slug_not_reserved(self) -> ProductUpdate:
        if self.slug in RESERVED_SLUGS:
            raise ValueError(f"the slug {self.slug!r} is reserved")
        return self


class VariantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    sku: str
    size: str
    colour: str
    colour_hex: str | None
    price_amount: int
    compare_at_amount: int | None
    currency: str
    is_active: bool
    available: int = Field(description="Units a new order can take now")
    in_stock: bool


class ProductOut(BaseModel):
    id: uuid.UUID
    slug: str
    title: str
    description: str
    category: str
    brand: str
    images: list[Image]
    attributes: dict[str, Any]
    status: ProductStatus
    variants: list[VariantOut]
    min_price_amount: int | None
    max_price_amount: int | None
    currency: str | None
    in_stock: bool
    created_at: datetime
    updated_at: datetime


class ProductSummary(BaseModel):
    """A product as listings show it: price range and options over its active variants."""

    id: uuid.UUID
    slug: str
    title: str
    category: str
    brand: str
    images: list[Image]
    status: ProductStatus
    min_price_amount: int | None
    max_price_amount: int | None
    compare_at_amount: int | None = Field(description="Highest 'was' price among the variants")
    currency: str | None
    sizes: list[str]
    colours: list[str]
    available: int = Field(description="Units available over all active variants")
    in_stock: bool
    created_at: datetime


class ProductFilters(BaseModel):
    """Normalized query of `GET /api/v1/products` (also the identity of its cache entry)."""

    q: str | None = None
    category: list[str] = []
    brand: list[str] = []
    size: list[str] = []
    colour: list[str] = []
    min_price: int | None = None
    max_price: int | None = None
    in_stock: bool | None = None
    status: ProductStatus = "active"
    sort: ProductSort | None = None
    page: int = 1
    page_size: int = 20


class CountedValue(BaseModel):
    value: str
    count: int


class ColourFacet(CountedValue):
    hex: str | None


class PriceRange(BaseModel):
    min_amount: int | None
    max_amount: int | None
    currency: str


class Facets(BaseModel):
    """What the storefront's filters can offer: values present among active products, with counts."""

    categories: list[CountedValue]
    brands: list[CountedValue]
    sizes: list[CountedValue]
    colours: list[ColourFacet]
    price: PriceRange
