"""The pure rules of discount codes: normalising a code, what it takes off, and why it is refused.

Rounding rule (docs/api.md, "Discount codes"): amounts are integer minor units (paise). A percentage
discount is `subtotal * percent // 100`, rounded down to a whole paisa (the shopper never gets more off
than the percentage says); a fixed discount is its amount. Either is then capped so the total stays at
least `MINIMUM_CHARGE` (₹1.00): a discount never exceeds the subtotal, and an order always has
something a card provider can charge (Stripe refuses charges below ₹0.50; payment refuses zero).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from kit.errors import Conflict, NotFound

MINIMUM_CHARGE = 100


def normalise_code(code: str) -> str:
    """Codes are case-insensitive: stored and compared upper-case, without surrounding spaces."""
    return code.strip().upper()


def format_money(amount: int, currency: str) -> str:
    """Minor units as a shopper reads them: ₹1,234.50 (INR), 12.00 USD otherwise."""
    whole = f"{amount // 100:,}.{amount % 100:02d}"
    return f"₹{whole}" if currency == "INR" else f"{whole} {currency}"


def discount_for(kind: str, value: int, subtotal: int) -> int:
    """What a code takes off `subtotal` (see the module's rounding rule)."""
    raw = subtotal * value // 100 if kind == "percentage" else value
    return max(0, min(raw, subtotal - MINIMUM_CHARGE))


@dataclass(frozen=True, slots=True)
class CodeTerms:
    """A code's terms and its use so far, as the repository reads them."""

    id: uuid.UUID
    code: str
    kind: str
    value: int
    currency: str
    min_order_amount: int
    starts_at: datetime | None
    ends_at: datetime | None
    usage_limit: int | None
    per_customer_limit: int | None
    used_count: int
    active: bool


class DiscountRefused(Conflict):
    """Base of the reasons a code does not apply; the message tells the shopper what to do."""

    code = "discount_refused"
    message = "This discount code cannot be used."


class DiscountNotFound(NotFound):
    code = "discount_not_found"
    message = "There is no such discount code."


class DiscountUnknown(DiscountRefused):
    code = "discount_unknown"
    message = "We do not know that discount code: check its spelling."


class DiscountInactive(DiscountRefused):
    code = "discount_inactive"
    message = "This discount code is no longer valid."


class DiscountNotStarted(DiscountRefused):
    code = "discount_not_started"
    message = "This discount code cannot be used yet."


class DiscountExpired(DiscountRefused):
    code = "discount_expired"
    message = "This discount code has expired."


class DiscountBelowMinimum(DiscountRefused):
    code = "discount_below_minimum"
    message = "The order is below this discount code's minimum."


class DiscountUsedUp(DiscountRefused):
    code = "discount_used_up"
    message = "This discount code has been used as many times as it may be."


class DiscountAlreadyUsed(DiscountRefused):
    code = "discount_already_used"
    message = "You have already used this discount code."


class DiscountCurrency(DiscountRefused):
    code = "discount_currency"
    message = "This discount code is for another currency."


def _when(moment: datetime) -> str:
    return moment.strftime("%d %b %Y, %H:%M UTC")


def refusal(
    terms: CodeTerms | None, *, subtotal: int, currency: str, used_by_customer: int, now: datetime
) -> DiscountRefused | None:
    """Why the code does not apply to this cart and shopper now (None: it applies).

    A code that will never work for this shopper is named before one that needs a bigger order.
    """
    if terms is None:
        return DiscountUnknown()
    return _unavailable(terms, used_by_customer, now) or _unfit(terms, subtotal, currency)


def _unavailable(terms: CodeTerms, used_by_customer: int, now: datetime) -> DiscountRefused | None:
    """Refusals whatever the cart holds: the code's flag, dates and limits."""
    name = terms.code
    if not terms.active:
        return DiscountInactive(f"The code {name} is no longer valid.")
    if terms.starts_at is not None and now < terms.starts_at:
        return DiscountNotStarted(
            f"The code {name} can be used from {_when(terms.starts_at)}.",
            details={"starts_at": terms.starts_at},
        )
    if terms.ends_at is not None and now >= terms.ends_at:
        return DiscountExpired(
            f"The code {name} expired on {_when(terms.ends_at)}.", details={"ends_at": terms.ends_at}
        )
    if terms.usage_limit is not None and terms.used_count >= terms.usage_limit:
        return DiscountUsedUp(f"The code {name} has been used as many times as it may be.")
    if terms.per_customer_limit is not None and used_by_customer >= terms.per_customer_limit:
        times = "once" if terms.per_customer_limit == 1 else f"{terms.per_customer_limit} times"
        return DiscountAlreadyUsed(
            f"You have already used the code {name} (it can be used {times} per customer).",
            details={"per_customer_limit": terms.per_customer_limit},
        )
    return None


def _unfit(terms: CodeTerms, subtotal: int, currency: str) -> DiscountRefused | None:
    """Refusals a different cart would avoid: its currency, its size."""
    if terms.currency != currency:
        return DiscountCurrency(f"The code {terms.code} is for orders in {terms.currency}.")
    if subtotal < terms.min_order_amount:
        short = terms.min_order_amount - subtotal
        return DiscountBelowMinimum(
            f"Spend {format_money(short, currency)} more to use {terms.code} "
            f"(orders from {format_money(terms.min_order_amount, currency)}).",
            details={"min_order_amount": terms.min_order_amount, "amount_to_minimum": short},
        )
    return None
