from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, computed_field, model_validator

from commerce.addresses.india import canonical_state, check_pin
from commerce.orders.models import Order
from commerce.orders.shipping import is_shippable

OrderStatus = Literal[
    "pending", "paid", "fulfilled", "cancelled", "expired", "partially_refunded", "refunded", "refund_pending"
]

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class ShippingAddress(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Line
    line1: Line
    line2: Line | None = None
    city: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    state: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] = Field(
        description="In India one of the 28 states or 8 union territories, spelt as the storefront lists them"
    )
    postal_code: Annotated[
        str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9 -]{3,12}$")
    ] = Field(description="PIN code in India: 6 digits, not starting with 0, in the state's postal zone")
    country: Annotated[
        str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$")
    ] = Field(default="IN", description="ISO 3166-1 alpha-2")
    phone: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()-]{6,32}$")]

    @model_validator(mode="after")
    def _indian_state_and_pin(self) -> ShippingAddress:
        """A parcel in India goes to a real state or union territory and a PIN code of its postal zone."""
        if self.country == "IN":
            self.state = canonical_state(self.state)
            self.postal_code = check_pin(self.postal_code, self.state)
        return self


class OrderCreate(BaseModel):
    """The cart becomes the order; this body says where it goes."""

    model_config = ConfigDict(extra="forbid")

    shipping_address: ShippingAddress
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = Field(
        default=None, description="For the courier or the shop; shown on the order to the shopper and staff"
    )


class FulfilRequest(BaseModel):
    """Who carries the parcel and its tracking number: both go to the shopper in the shipment e-mail."""

    model_config = ConfigDict(extra="forbid")

    carrier: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80)] = Field(
        description="The courier, e.g. Delhivery, Blue Dart, India Post", examples=["Delhivery"]
    )
    tracking_number: Annotated[
        str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9 /-]{2,63}$")
    ] = Field(
        description="The carrier's tracking (AWB) number: 3 to 64 letters, digits, spaces, '-' or '/'",
        examples=["AWB1234567890"],
    )


class OrderItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    variant_id: uuid.UUID
    product_id: uuid.UUID
    product_title: str
    product_slug: str
    sku: str
    size: str
    colour: str
    image_url: str | None
    unit_price_amount: int
    quantity: int
    line_total_amount: int


class TransitionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    from_status: OrderStatus | None
    to_status: OrderStatus
    actor: str = Field(description="customer:<id>, admin:<id>, payment or system")
    reason: str | None
    created_at: datetime


class OrderSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    user_id: uuid.UUID
    guest: bool = Field(
        description="Placed by a guest and not yet claimed by the verified owner of its contact e-mail"
    )
    contact_email: str | None = Field(description="The e-mail address of the shopper at checkout")
    status: OrderStatus
    currency: str
    subtotal_amount: int
    discount_code: str | None = Field(
        default=None, description="The discount code the order carries (it was valid at checkout)"
    )
    discount_amount: int = Field(
        default=0, description="Taken off the subtotal by the code: total = subtotal - discount"
    )
    total_amount: int = Field(description="What the shopper pays: the subtotal less the discount")
    paid_amount: int
    refunded_amount: int
    item_count: int
    expires_at: datetime = Field(description="A pending order expires (and frees its stock) then")
    paid_at: datetime | None
    fulfilled_at: datetime | None = Field(description="When it shipped")
    carrier: str | None = Field(default=None, description="Who carries the parcel (set at fulfilment)")
    tracking_number: str | None = Field(default=None, description="The carrier's tracking number")
    created_at: datetime
    updated_at: datetime

    @computed_field(  # type: ignore[prop-decorator]
        description="Staff may mark it shipped now (paid or partly refunded, not shipped yet): the rule "
        "`POST /api/v1/orders/{order_id}/fulfil` applies"
    )
    @property
    def shippable(self) -> bool:
        return is_shippable(self.status, self.fulfilled_at)


class OrderOut(OrderSummary):
    shipping_address: dict[str, Any]
    note: str | None
    items: list[OrderItemOut]
    transitions: list[TransitionOut] = Field(description="Every status change, oldest first")


class InternalOrder(BaseModel):
    """The order as the payment service needs it (docs/internal-api.md)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    user_id: uuid.UUID
    status: OrderStatus
    currency: str
    total_amount: int
    paid_amount: int
    refunded_amount: int
    payment_id: str | None
    expires_at: datetime
    created_at: datetime


class StaffOrderRow(BaseModel):
    """One order in the staff orders list and the shipping queue: what staff need to work through it."""

    id: uuid.UUID
    short_id: str = Field(description="The id's first 8 characters in upper case, as the shop shows it (#…)")
    created_at: datetime
    user_id: uuid.UUID
    guest: bool
    contact_email: str | None = Field(description="The shopper's e-mail address at checkout")
    customer_name: str = Field(description="The ship-to name")
    city: str = Field(description="The ship-to city")
    postal_code: str = Field(description="The ship-to PIN code")
    item_count: int
    currency: str
    total_amount: int
    refunded_amount: int
    status: OrderStatus
    paid: bool = Field(description="Payment received (still true after a refund)")
    paid_at: datetime | None
    shipped: bool
    fulfilled_at: datetime | None
    carrier: str | None
    tracking_number: str | None
    shippable: bool = Field(description="Staff may mark it shipped now (the fulfil endpoint's rule)")
    note: str | None = Field(description="The shopper's delivery note")

    @classmethod
    def of(cls, order: Order) -> StaffOrderRow:
        address = order.shipping_address
        return cls(
            id=order.id,
            short_id=order.id.hex[:8].upper(),
            created_at=order.created_at,
            user_id=order.user_id,
            guest=order.guest,
            contact_email=order.contact_email,
            customer_name=str(address.get("name", "")),
            city=str(address.get("city", "")),
            postal_code=str(address.get("postal_code", "")),
            item_count=order.item_count,
            currency=order.currency,
            total_amount=order.total_amount,
            refunded_amount=order.refunded_amount,
            status=cast(OrderStatus, order.status),  # the table's check constraint holds it to these
            paid=order.paid_at is not None,
            paid_at=order.paid_at,
            shipped=order.fulfilled_at is not None,
            fulfilled_at=order.fulfilled_at,
            carrier=order.carrier,
            tracking_number=order.tracking_number,
            shippable=is_shippable(order.status, order.fulfilled_at),
            note=order.note,
        )
