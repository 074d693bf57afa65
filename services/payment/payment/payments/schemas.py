from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from payment.payments.models import AWAITING_SHOPPER_STATUSES, Payment
from payment.providers.cards import luhn_valid
from payment.refunds.models import Refund
from payment.refunds.schemas import RefundOut

Country = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True)]


class CardIn(BaseModel):
    """A raw card, accepted by the offline provider only (Stripe takes `payment_method_id`)."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)

    card_number: str = Field(repr=False, description="12-19 digits, spaces allowed; never stored or logged")
    exp_month: int = Field(ge=1, le=12)
    exp_year: int = Field(ge=2000, le=2100)
    cvc: str = Field(repr=False, pattern=r"^[0-9]{3,4}$")

    @field_validator("card_number")
    @classmethod
    def _valid_number(cls, value: str) -> str:
        digits = value.replace(" ", "").replace("-", "")
        if not luhn_valid(digits):
            raise ValueError("not a valid card number")
        return digits


class ProcessRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)

    order_id: uuid.UUID
    payment_method: CardIn | None = Field(default=None, description="Offline provider: a test card")
    payment_method_id: str | None = Field(
        default=None,
        pattern=r"^pm_[A-Za-z0-9_]{1,120}$",
        description="Stripe: the PaymentMethod id from Stripe Elements (offline: the pm_card_* ids)",
    )
    billing_country: Country | None = Field(default=None, description="ISO 3166-1 alpha-2")
    email: EmailStr | None = Field(default=None, description="Receipt e-mail (also a fraud signal)")

    @model_validator(mode="after")
    def _one_method(self) -> Self:
        if (self.payment_method is None) == (self.payment_method_id is None):
            raise ValueError("give exactly one of payment_method and payment_method_id")
        return self


class ElementRequest(BaseModel):
    """An order to pay through Stripe's Payment Element (the card never reaches this server)."""

    model_config = ConfigDict(extra="forbid")

    order_id: uuid.UUID
    billing_country: Country | None = Field(default=None, description="ISO 3166-1 alpha-2")
    email: EmailStr | None = Field(default=None, description="Receipt e-mail (also a fraud signal)")


class CardOut(BaseModel):
    brand: str | None
    last4: str | None
    country: str | None


class PaymentOut(BaseModel):
    transaction_id: str = Field(description="The payment id (`pay_…`)")
    order_id: uuid.UUID
    status: Literal[
        "requires_payment_method",
        "processing",
        "requires_action",
        "failed",
        "blocked",
        "canceled",
        "succeeded",
        "partially_refunded",
        "refunded",
    ]
    amount: int = Field(description="Minor units, as commerce priced the order")
    currency: str
    amount_captured: int
    amount_refunded: int
    provider: Literal["stripe", "offline"]
    attempt: int
    card: CardOut | None
    client_secret: str | None = Field(
        description=(
            "Only while `requires_payment_method` (Stripe's Payment Element confirms the intent with it) "
            "or `requires_action` (Stripe.js authenticates it)"
        )
    )
    failure_code: str | None
    failure_message: str | None
    refunds: list[RefundOut]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, payment: Payment, refunds: list[Refund] | None = None) -> PaymentOut:
        return cls(
            transaction_id=payment.id,
            order_id=payment.order_id,
            status=payment.status,
            amount=payment.amount,
            currency=payment.currency,
            amount_captured=payment.amount_captured,
            amount_refunded=payment.amount_refunded,
            provider=payment.provider,
            attempt=payment.attempt,
            card=CardOut(brand=payment.card_brand, last4=payment.card_last4, country=payment.card_country)
            if payment.card_last4
            else None,
            client_secret=payment.client_secret if payment.status in AWAITING_SHOPPER_STATUSES else None,
            failure_code=payment.failure_code,
            failure_message=payment.failure_message,
            refunds=[RefundOut.of(refund) for refund in refunds or []],
            created_at=payment.created_at,
            updated_at=payment.updated_at,
        )
