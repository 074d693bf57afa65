"""Cart rules: lines by variant, prices and availability re-read from the catalog on every view."""

from __future__ import annotations

import uuid

from commerce.cart.repository import CartStore
from commerce.cart.schemas import CartAdd, CartItem, CartOut
from commerce.catalog.models import SIZES
from commerce.catalog.repository import CatalogRepository, PurchasableVariant
from commerce.catalog.schemas import image_for_colour
from commerce.discounts.schemas import CartDiscountIn
from commerce.discounts.service import DiscountService
from commerce.inventory.service import OutOfStock
from kit.errors import Conflict, NotFound, Unprocessable


class VariantUnavailable(NotFound):
    code = "variant_unavailable"
    message = "This item does not exist or is not for sale."


class CartItemNotFound(NotFound):
    code = "cart_item_not_found"
    message = "This item is not in the cart."


class CartFull(Conflict):
    code = "cart_full"
    message = "The cart has as many different items as it can hold."


class QuantityLimit(Unprocessable):
    code = "quantity_limit"
    message = "That is more of one item than a single order may hold."


class CurrencyMismatch(Conflict):
    code = "currency_mismatch"
    message = "Every item of a cart must be priced in the same currency."


def _line(entry: PurchasableVariant, quantity: int) -> CartItem:
    variant, product = entry.variant, entry.product
    image = image_for_colour(product.images, variant.colour)
    return CartItem(
        variant_id=variant.id,
        product_id=product.id,
        product_slug=product.slug,
        title=product.title,
        sku=variant.sku,
        size=variant.size,
        colour=variant.colour,
        image=image,
        unit_price_amount=variant.price_amount,
        compare_at_amount=variant.compare_at_amount,
        currency=variant.currency,
        quantity=quantity,
        line_total_amount=variant.price_amount * quantity,
        available=entry.available,
        enough_stock=quantity <= entry.available,
    )


class CartService:
    def __init__(
        self,
        store: CartStore,
        catalog: CatalogRepository,
        discounts: DiscountService,
        *,
        default_currency: str,
        max_lines: int,
        max_quantity: int,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.discounts = discounts
        self.default_currency = default_currency
        self.max_lines = max_lines
        self.max_quantity = max_quantity

    async def view(self, user_id: uuid.UUID) -> CartOut:
        lines = await self.store.lines(user_id)
        found = await self.catalog.purchasable(list(lines))
        gone = [variant_id for variant_id in lines if variant_id not in found]
        await self.store.remove(user_id, gone)
        items = sorted(
            (
                _line(found[variant_id], quantity)
                for variant_id, quantity in lines.items()
                if variant_id in found
            ),
            key=lambda item: (item.title, item.colour, SIZES.index(item.size) if item.size in SIZES else 99),
        )
        subtotal = sum(item.line_total_amount for item in items)
        currency = items[0].currency if items else self.default_currency
        code = await self.store.code(user_id)
        discount = await self.discounts.check(code, user_id, subtotal, currency) if code else None
        discount_amount = discount.amount if discount is not None else 0
        return CartOut(
            user_id=user_id,
            items=items,
            item_count=sum(item.quantity for item in items),
            subtotal_amount=subtotal,
            discount=discount,
            discount_amount=discount_amount,
            total_amount=subtotal - discount_amount,
            currency=currency,
            removed_variant_ids=gone,
        )

    async def add(self, user_id: uuid.UUID, body: CartAdd) -> CartOut:
        entry = (await self.catalog.purchasable([body.variant_id])).get(body.variant_id)
        if entry is None:
            raise VariantUnavailable()
        lines = await self.store.lines(user_id)
        current = lines.get(body.variant_id, 0)
        quantity = body.quantity if body.replace else current + body.quantity
        if quantity > self.max_quantity:
            raise QuantityLimit(
                f"At most {self.max_quantity} of one item per order.", details={"max": self.max_quantity}
            )
        if current == 0 and len(lines) >= self.max_lines:
            raise CartFull(details={"max_lines": self.max_lines})
        if quantity > entry.available:
            raise OutOfStock(
                f"Only {entry.available} left of {entry.variant.sku}.",
                details={
                    "variant_id": body.variant_id,
                    "sku": entry.variant.sku,
                    "requested": quantity,
                    "available": entry.available,
                },
            )
        others = await self.catalog.purchasable([v for v in lines if v != body.variant_id])
        if any(other.variant.currency != entry.variant.currency for other in others.values()):
            raise CurrencyMismatch()
        await self.store.put(user_id, body.variant_id, quantity)
        return await self.view(user_id)

    async def remove(self, user_id: uuid.UUID, variant_id: uuid.UUID) -> CartOut:
        if not await self.store.remove(user_id, [variant_id]):
            raise CartItemNotFound()
        return await self.view(user_id)

    async def apply_code(self, user_id: uuid.UUID, body: CartDiscountIn) -> CartOut:
        """Keep the code in the cart if it can apply to this shopper (the view then says by how much)."""
        cart = await self.view(user_id)
        code = await self.discounts.apply(body.code, user_id, cart.subtotal_amount, cart.currency)
        await self.store.set_code(user_id, code)
        return await self.view(user_id)

    async def remove_code(self, user_id: uuid.UUID) -> CartOut:
        await self.store.drop_code(user_id)
        return await self.view(user_id)

    async def clear(self, user_id: uuid.UUID) -> CartOut:
        await self.store.clear(user_id)
        return await self.view(user_id)
