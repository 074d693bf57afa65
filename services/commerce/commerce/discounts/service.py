"""Discount codes: staff create and change them; shoppers apply one to the cart; checkout redeems it.

Where the applied code lives: in the cart's Redis hash (`CartStore.code`), beside its lines, so it
expires and clears with the cart. It is only a wish there: the cart re-checks it on every view (and
says why it does not apply), and checkout re-checks it under the code row's lock (`claim`), so an order
carries the code only if it is valid at that moment, and the use is counted in the order's transaction.

Uses and unpaid orders: a pending order holds its use like it holds its stock. Cancelling it, or its
expiry, gives the use back (`release`), so a code with one use left is not burned by an abandoned
checkout; the order keeps `discount_code`/`discount_amount` as the record of what it was offered. A paid
order keeps its use, refunded or not.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from commerce.discounts.models import DiscountCode, DiscountRedemption
from commerce.discounts.repository import DiscountRepository
from commerce.discounts.rules import (
    CodeTerms,
    DiscountBelowMinimum,
    DiscountNotFound,
    DiscountRefused,
    DiscountUnknown,
    discount_for,
    normalise_code,
    refusal,
)
from commerce.discounts.schemas import (
    CartDiscount,
    DiscountCreate,
    DiscountOut,
    DiscountStatus,
    DiscountUpdate,
)
from kit.errors import Conflict, Unprocessable
from kit.pagination import Page, PageParams


class DiscountCodeTaken(Conflict):
    code = "discount_code_taken"
    message = "Another discount already has this code (codes are unique in any letter case)."


class DiscountInUse(Conflict):
    code = "discount_in_use"
    message = "Orders have used this code: deactivate it instead (PATCH with active false)."


class UsageLimitBelowUsed(Conflict):
    code = "usage_limit_below_used"
    message = "The usage limit cannot be lower than the uses orders already hold."


class DiscountTermsInvalid(Unprocessable):
    code = "discount_terms_invalid"
    message = "These discount terms are not valid."


def utcnow() -> datetime:
    return datetime.now(UTC)


def terms_of(row: DiscountCode) -> CodeTerms:
    return CodeTerms(
        id=row.id,
        code=row.code,
        kind=row.kind,
        value=row.value,
        currency=row.currency,
        min_order_amount=row.min_order_amount,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        usage_limit=row.usage_limit,
        per_customer_limit=row.per_customer_limit,
        used_count=row.used_count,
        active=row.active,
    )


def status_of(row: DiscountCode, now: datetime) -> DiscountStatus:
    if not row.active:
        return "inactive"
    if row.starts_at is not None and now < row.starts_at:
        return "scheduled"
    if row.ends_at is not None and now >= row.ends_at:
        return "expired"
    if row.usage_limit is not None and row.used_count >= row.usage_limit:
        return "used_up"
    return "active"


def discount_out(row: DiscountCode, now: datetime | None = None) -> DiscountOut:
    fields = {name: getattr(row, name) for name in DiscountOut.model_fields if name != "status"}
    return DiscountOut(**fields, status=status_of(row, now or utcnow()))


@dataclass(frozen=True, slots=True)
class Claim:
    """A use of a code taken at checkout (counted already); `record` ties it to the order."""

    code_id: uuid.UUID
    code: str
    amount: int


class DiscountService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.discounts = DiscountRepository(session)

    # Staff

    async def create(self, body: DiscountCreate) -> DiscountOut:
        if await self.discounts.by_code(body.code) is not None:
            raise DiscountCodeTaken(details={"code": body.code})
        row = DiscountCode(**body.model_dump(), used_count=0)
        try:
            async with self.session.begin_nested():
                await self.discounts.add(row)
        except IntegrityError as error:  # the same code created at the same moment
            raise DiscountCodeTaken(details={"code": body.code}) from error
        return discount_out(row)

    async def page(self, params: PageParams, *, search: str | None, active: bool | None) -> Page[DiscountOut]:
        rows, total = await self.discounts.page(
            search=search, active=active, offset=params.offset, limit=params.page_size
        )
        now = utcnow()
        return Page[DiscountOut].of([discount_out(row, now) for row in rows], total, params)

    async def get(self, discount_id: uuid.UUID) -> DiscountOut:
        return discount_out(await self._row(discount_id))

    async def update(self, discount_id: uuid.UUID, body: DiscountUpdate) -> DiscountOut:
        # Locked, so a checkout cannot take a use between the limit's check and the write.
        row = await self._row(discount_id, for_update=True)
        changes = body.model_dump(exclude_unset=True)
        for name in ("value", "min_order_amount", "active"):
            if name in changes and changes[name] is None:
                raise DiscountTermsInvalid(f"{name} cannot be empty.", details={"field": name})
        value = changes.get("value", row.value)
        if row.kind == "percentage" and value > 100:
            raise DiscountTermsInvalid(
                "A percentage discount takes 1 to 100 percent off.", details={"field": "value"}
            )
        starts_at, ends_at = changes.get("starts_at", row.starts_at), changes.get("ends_at", row.ends_at)
        if starts_at is not None and ends_at is not None and ends_at <= starts_at:
            raise DiscountTermsInvalid(
                "The end date must be after the start date.", details={"field": "ends_at"}
            )
        limit = changes.get("usage_limit", row.usage_limit)
        if limit is not None and limit < row.used_count:
            raise UsageLimitBelowUsed(details={"used_count": row.used_count})
        for name, change in changes.items():
            setattr(row, name, change)
        await self.discounts.flush()
        return discount_out(row)

    async def delete(self, discount_id: uuid.UUID) -> None:
        row = await self._row(discount_id)
        if await self.discounts.ever_redeemed(row.id):
            raise DiscountInUse()
        await self.discounts.delete(row)

    async def _row(self, discount_id: uuid.UUID, *, for_update: bool = False) -> DiscountCode:
        row = await self.discounts.get(discount_id, for_update=for_update)
        if row is None:
            raise DiscountNotFound()
        return row

    # Cart

    async def check(self, code: str, user_id: uuid.UUID, subtotal: int, currency: str) -> CartDiscount:
        """The applied code against the cart as it is now (nothing is locked or counted)."""
        row = await self.discounts.by_code(normalise_code(code))
        refused = await self._refusal(row, user_id, subtotal, currency)
        if refused is None and row is not None:
            amount = discount_for(row.kind, row.value, subtotal)
            return CartDiscount(code=row.code, applied=True, amount=amount)
        details = refused.details if refused is not None and isinstance(refused.details, dict) else {}
        return CartDiscount(
            code=row.code if row is not None else normalise_code(code),
            applied=False,
            amount=0,
            refusal=refused.code if refused is not None else None,
            message=refused.detail_message if refused is not None else None,
            amount_to_minimum=details.get("amount_to_minimum"),
        )

    async def apply(self, code: str, user_id: uuid.UUID, subtotal: int, currency: str) -> str:
        """The code to keep in the cart, or the refusal: a code below its minimum is kept (its message
        says how much more to spend); one that cannot apply to this shopper whatever the cart holds is not.
        """
        row = await self.discounts.by_code(normalise_code(code))
        if row is None:
            raise DiscountUnknown()
        refused = await self._refusal(row, user_id, subtotal, currency)
        if refused is not None and not isinstance(refused, DiscountBelowMinimum):
            raise refused
        return row.code

    async def _refusal(
        self, row: DiscountCode | None, user_id: uuid.UUID, subtotal: int, currency: str
    ) -> DiscountRefused | None:
        used = await self.discounts.held_by_customer(row.id, user_id) if row is not None else 0
        terms = terms_of(row) if row is not None else None
        return refusal(terms, subtotal=subtotal, currency=currency, used_by_customer=used, now=utcnow())

    # Checkout

    async def claim(self, code: str, user_id: uuid.UUID, subtotal: int, currency: str) -> Claim | None:
        """Take a use of the code for an order being placed, if it applies now (None: it does not).

        The code's row stays locked until the checkout's transaction ends, so checkouts redeeming the
        same code count one after another and a limit of N gives exactly N orders. The caller holds the
        shopper's checkout lock, so the per-customer count is true as well.
        """
        row = await self.discounts.by_code(normalise_code(code), for_update=True)
        if row is None or await self._refusal(row, user_id, subtotal, currency) is not None:
            return None
        amount = discount_for(row.kind, row.value, subtotal)
        if amount <= 0:
            return None
        row.used_count += 1
        await self.discounts.flush()
        return Claim(code_id=row.id, code=row.code, amount=amount)

    async def record(self, claim: Claim, order_id: uuid.UUID, user_id: uuid.UUID) -> None:
        await self.discounts.add(
            DiscountRedemption(code_id=claim.code_id, order_id=order_id, user_id=user_id, amount=claim.amount)
        )

    async def release(self, order_ids: list[uuid.UUID]) -> None:
        """Unpaid orders that were cancelled or expired give their uses back."""
        await self.discounts.release(order_ids, utcnow())
