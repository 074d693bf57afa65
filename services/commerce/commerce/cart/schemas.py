from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from commerce.catalog.schemas import Image
from commerce.discounts.schemas import CartDiscount


class CartAdd(BaseModel):
    model_config = ConfigDict(extra="forbid")

    variant_id: uuid.UUID = Field(description="The variant (size and colour) to buy")
    quantity: Annotated[int, Field(ge=1, le=1000)] = 1
    replace: bool = Field(default=False, description="Set the line to `quantity` instead of adding to it")


class CartItem(BaseModel):
    variant_id: uuid.UUID = Field(description="Identifies the line (the last segment of .../remove/{id})")
    product_id: uuid.UUID
    product_slug: str
    title: str
    sku: str
    size: str
    colour: str
    image: Image | None
    unit_price_amount: int = Field(description="Current catalog price, minor units")
    compare_at_amount: int | None
    currency: str
    quantity: int
    line_total_amount: int
    available: int = Field(description="Units available now")
    enough_stock: bool = Field(description="False when the line asks for more than is available")


class CartOut(BaseModel):
    user_id: uuid.UUID
    items: list[CartItem]
    item_count: int = Field(description="Units over all lines")
    subtotal_amount: int = Field(description="Sum of the lines at current prices, minor units")
    discount: CartDiscount | None = Field(
        default=None, description="The discount code applied, checked against the cart as it is now"
    )
    discount_amount: int = Field(default=0, description="Taken off by the code, minor units")
    total_amount: int = Field(description="subtotal - discount: what checkout would charge now, minor units")
    currency: str
    removed_variant_ids: list[uuid.UUID] = Field(
        description="Lines dropped because their item is no longer for sale"
    )
