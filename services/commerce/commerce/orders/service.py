"""Order rules: checkout from the cart (idempotent, never overselling), the status machine, payment.

Statuses: pending -> paid -> fulfilled; pending -> cancelled | expired;
paid | fulfilled | partially_refunded -> partially_refunded | refunded; a partly refunded order that
has not shipped may still be fulfilled. Each change writes a transition row.

Commerce owns the order's money state: before payment asks the provider for a refund it holds the order
(`hold_refund`, under the order's row lock). A full refund moves the order to `refund_pending`, which
fulfilment refuses, so a refund and a fulfilment sent at once never both succeed; the refund's outcome
then ends the hold (`refunded`, or back to the previous status if the provider refused). A partial
refund leaves the goods to ship, so it does not block fulfilment: the hold only checks it (the order is
paid by that payment, the amount is still refundable).

A pending order holds its stock until `expires_at`; past it, the order counts as expired wherever it is
touched (reads, payment, cancel) and the sweeper expires the rest. It holds its discount code's use
the same way: cancel and expiry give the use back (commerce.discounts.service).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from commerce.cart.repository import CartStore
from commerce.cart.service import CurrencyMismatch
from commerce.catalog.cache import CatalogCache
from commerce.catalog.repository import CatalogRepository, PurchasableVariant
from commerce.catalog.schemas import image_for_colour
from commerce.config import CommerceSettings
from commerce.discounts.service import DiscountService
from commerce.emails.outbox import queue_email
from commerce.inventory.service import InventoryService, StockLine
from commerce.orders.models import Order, OrderItem, OrderRefund, OrderTransition
from commerce.orders.repository import OrderRepository, StaffOrderFilter
from commerce.orders.schemas import (
    FulfilRequest,
    InternalOrder,
    OrderCreate,
    OrderOut,
    OrderSummary,
    StaffOrderRow,
)
from commerce.orders.shipping import is_shippable
from kit.auth import CurrentUser, ensure_self_or_admin
from kit.contracts import MarkPaid, MarkRefunded, RefundHold, RefundRelease
from kit.errors import BadRequest, Conflict, NotFound, Unprocessable
from kit.pagination import Page, PageParams
from kit.ratelimit import hit

logger = logging.getLogger("commerce.orders")

PAID_STATUSES = frozenset({"paid", "fulfilled", "partially_refunded", "refunded", "refund_pending"})
TRANSITIONS: dict[str | None, frozenset[str]] = {
    None: frozenset({"pending"}),
    "pending": frozenset({"paid", "cancelled", "expired"}),
    "paid": frozenset({"fulfilled", "partially_refunded", "refunded", "refund_pending"}),
    "fulfilled": frozenset({"partially_refunded", "refunded", "refund_pending"}),
    "partially_refunded": frozenset({"fulfilled", "partially_refunded", "refunded", "refund_pending"}),
    # Back where it was (the provider refused), or the refund's outcome; refunds that settle meanwhile.
    "refund_pending": frozenset({"paid", "fulfilled", "partially_refunded", "refunded", "refund_pending"}),
}
MAX_KEY_LENGTH = 255
EXPIRY_BATCH = 200


class OrderNotFound(NotFound):
    code = "order_not_found"
    message = "No such order."


class IdempotencyKeyRequired(BadRequest):
    code = "idempotency_key_required"
    message = (
        "Send an Idempotency-Key header (a fresh random value per checkout, e.g. a UUID, reused only "
        "when retrying the same checkout)."
    )


class IdempotencyKeyInvalid(Unprocessable):
    code = "idempotency_key_invalid"
    message = f"The Idempotency-Key header must be 1 to {MAX_KEY_LENGTH} printable ASCII characters."


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"
    message = (
        "This Idempotency-Key was already used for a checkout with a different body; use a new key "
        "for a new checkout."
    )


class PendingOrdersLimit(Conflict):
    code = "pending_orders_limit"
    message = "You have too many unpaid orders holding stock: pay for or cancel one before ordering again."


class CartEmpty(Conflict):
    code = "cart_empty"
    message = "The cart is empty."


class ItemsUnavailable(Conflict):
    code = "items_unavailable"
    message = "Some items in the cart are no longer for sale; review the cart."


class InvalidTransition(Conflict):
    code = "invalid_transition"
    message = "The order cannot move to that status from its current one."


class OrderNotCancellable(Conflict):
    code = "order_not_cancellable"
    message = "Only a pending (unpaid) order can be cancelled."


class OrderNotFulfillable(Conflict):
    code = "order_not_fulfillable"
    message = "Only a paid order that has not shipped yet can be fulfilled."


class RefundPending(Conflict):
    code = "refund_pending"
    message = "A refund of the whole order is in progress; the order cannot be fulfilled."


class RefundInProgress(Conflict):
    code = "refund_in_progress"
    message = "Another refund of the whole order is in progress."


class OrderNotRefundableByOwner(Conflict):
    code = "order_not_refundable_by_owner"
    message = "The order has shipped or was partly refunded: only support can refund it now."


class OrderNotPayable(Conflict):
    code = "order_not_payable"
    message = "The order is expired or cancelled and can no longer be paid."


class AlreadyPaid(Conflict):
    code = "already_paid"
    message = "The order was paid by another payment."


class AmountMismatch(Unprocessable):
    code = "amount_mismatch"
    message = "The amount or currency differs from the order's."


class OrderNotPaid(Conflict):
    code = "order_not_paid"
    message = "Nothing was paid on this order."


class RefundExceedsPaid(Conflict):
    code = "refund_exceeds_paid"
    message = "The refunds would exceed what was paid."


class PaymentMismatch(Conflict):
    code = "payment_mismatch"
    message = "The refund names a payment that is not this order's payment."


class RefundIdConflict(Conflict):
    code = "refund_id_conflict"
    message = "This refund id was already recorded for another order."


class InvalidOrderFilter(Unprocessable):
    code = "invalid_filter"
    message = "A filter of the orders list is not valid."


# The dates staff filter by are the shop's calendar days (India), as the storefront shows them.
SHOP_TIMEZONE = ZoneInfo("Asia/Kolkata")
HEX_DIGITS = frozenset("0123456789abcdef")


def id_prefix_range(text: str) -> tuple[uuid.UUID, uuid.UUID | None] | None:
    """The ids starting with `text` (hex, with or without '#' and hyphens) as [low, high); None if not hex.

    A range of the primary key, so the prefix search uses its index.
    """
    digits = text.removeprefix("#").replace("-", "")
    if not 0 < len(digits) <= 32 or not set(digits) <= HEX_DIGITS:
        return None
    low = uuid.UUID(digits.ljust(32, "0"))
    following = int(digits, 16) + 1
    if following == 16 ** len(digits):
        return low, None  # ffff…: up to the last id
    return low, uuid.UUID(f"{following:0{len(digits)}x}".ljust(32, "0"))


def staff_filter(
    *,
    statuses: Sequence[str] = (),
    created_from: date | None = None,
    created_to: date | None = None,
    customer: str | None = None,
    paid: bool | None = None,
    q: str | None = None,
) -> StaffOrderFilter:
    """The staff list's query parameters as conditions; a contradiction or an unknown customer form is 422."""
    if created_from is not None and created_to is not None and created_from > created_to:
        raise InvalidOrderFilter(
            "created_from is after created_to.",
            details={"created_from": created_from, "created_to": created_to},
        )
    user_id, email = None, None
    customer = (customer or "").strip()
    if customer:
        try:
            user_id = uuid.UUID(customer)
        except ValueError:
            if "@" not in customer:
                raise InvalidOrderFilter(
                    "customer must be an e-mail address or a user id.", details={"customer": customer}
                ) from None
            email = customer.lower()
    text = (q or "").strip().lower() or None
    return StaffOrderFilter(
        statuses=tuple(dict.fromkeys(statuses)),
        created_from=_day_start(created_from),
        created_before=_day_start(created_to + timedelta(days=1)) if created_to is not None else None,
        user_id=user_id,
        email=email,
        paid=paid,
        text=text,
        id_range=id_prefix_range(text) if text is not None else None,
    )


def _day_start(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time(), tzinfo=SHOP_TIMEZONE)


def utcnow() -> datetime:
    return datetime.now(UTC)


def fingerprint(body: OrderCreate) -> str:
    return hashlib.sha256(body.model_dump_json().encode()).hexdigest()


def _valid_key(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY_LENGTH and all(33 <= ord(char) <= 126 for char in key)


def _stock_lines(order: Order) -> list[StockLine]:
    return [StockLine(item.variant_id, item.quantity, item.sku) for item in order.items]


def _snapshot(
    order_id: uuid.UUID, lines: dict[uuid.UUID, int], found: dict[uuid.UUID, PurchasableVariant]
) -> list[OrderItem]:
    """The order's lines as the catalog has them now; later catalog edits do not touch them."""
    items = []
    for variant_id, quantity in sorted(lines.items(), key=lambda line: found[line[0]].product.title):
        variant, product = found[variant_id].variant, found[variant_id].product
        items.append(
            OrderItem(
                order_id=order_id,
                variant_id=variant.id,
                product_id=product.id,
                product_title=product.title,
                product_slug=product.slug,
                sku=variant.sku,
                size=variant.size,
                colour=variant.colour,
                image_url=image.url if (image := image_for_colour(product.images, variant.colour)) else None,
                unit_price_amount=variant.price_amount,
                quantity=quantity,
                line_total_amount=variant.price_amount * quantity,
            )
        )
    return items


def actor_of(user: CurrentUser) -> str:
    return f"{'admin' if user.is_admin else 'customer'}:{user.id}"


@dataclass(frozen=True, slots=True)
class CheckoutLimits:
    """What one shopper may hold: unpaid orders at once, and checkouts per window (both settings)."""

    redis: Redis
    service: str
    max_pending_orders: int
    checkouts_per_window: int
    window_seconds: int

    @classmethod
    def of(cls, redis: Redis, settings: CommerceSettings) -> CheckoutLimits:
        return cls(
            redis=redis,
            service=settings.service_name,
            max_pending_orders=settings.max_pending_orders_per_shopper,
            checkouts_per_window=settings.checkout_rate_limit,
            window_seconds=settings.checkout_rate_window_seconds,
        )


class OrderService:
    def __init__(
        self,
        session: AsyncSession,
        *,
        carts: CartStore,
        inventory: InventoryService,
        cache: CatalogCache,
        reservation_ttl_seconds: int,
        limits: CheckoutLimits,
    ) -> None:
        self.session = session
        self.orders = OrderRepository(session)
        self.catalog = CatalogRepository(session)
        self.discounts = DiscountService(session)
        self.carts = carts
        self.inventory = inventory
        self.cache = cache
        self.reservation_ttl = timedelta(seconds=reservation_ttl_seconds)
        self.limits = limits

    # Checkout

    async def place(self, user: CurrentUser, key: str | None, body: OrderCreate) -> tuple[OrderOut, bool]:
        """The caller's cart as a pending order holding its stock; (order, True) for a replayed key."""
        if key is None or not key.strip():
            raise IdempotencyKeyRequired()
        if not _valid_key(key):
            raise IdempotencyKeyInvalid()
        request = fingerprint(body)
        if not await self.orders.claim_key(user.id, key, request):
            return await self._replay(user.id, key, request), True
        await self._within_limits(user)

        lines = await self.carts.lines(user.id)
        if not lines:
            raise CartEmpty()
        found = await self.catalog.purchasable(list(lines))
        missing = [variant_id for variant_id in lines if variant_id not in found]
        if missing:
            raise ItemsUnavailable(details={"variant_ids": missing})
        if len({entry.variant.currency for entry in found.values()}) > 1:
            raise CurrencyMismatch()
        await self.inventory.reserve(
            StockLine(variant_id, quantity, found[variant_id].variant.sku)
            for variant_id, quantity in lines.items()
        )

        order_id = uuid.uuid4()
        items = _snapshot(order_id, lines, found)
        subtotal = sum(item.line_total_amount for item in items)
        currency = next(iter(found.values())).variant.currency
        # The cart's code counts only if it is valid now; its use is taken in this transaction.
        code = await self.carts.code(user.id)
        claim = await self.discounts.claim(code, user.id, subtotal, currency) if code else None
        discount = claim.amount if claim is not None else 0
        order = Order(
            id=order_id,
            user_id=user.id,
            status="pending",
            currency=currency,
            subtotal_amount=subtotal,
            discount_code=claim.code if claim is not None else None,
            discount_amount=discount,
            total_amount=subtotal - discount,
            paid_amount=0,
            refunded_amount=0,
            item_count=sum(item.quantity for item in items),
            guest=user.role == "guest",
            contact_email=user.email,
            shipping_address=body.shipping_address.model_dump(),
            note=body.note,
            expires_at=utcnow() + self.reservation_ttl,
        )
        await self.orders.add(order)
        await self.orders.add(
            *items,
            OrderTransition(
                order_id=order_id,
                from_status=None,
                to_status="pending",
                actor=actor_of(user),
                reason="checkout",
            ),
        )
        if claim is not None:
            await self.discounts.record(claim, order_id, user.id)
        await self.orders.link_key(user.id, key, order_id)
        await queue_email(self.session, order, "confirmation")
        # The order must be durable before the cart empties (a failed commit keeps the cart) and
        # before the catalog cache is invalidated (or a reader could re-cache the old stock).
        await self.session.commit()
        try:
            await self.carts.remove(user.id, lines)
            await self.carts.drop_code(user.id)
        except RedisError:
            logger.warning("order %s placed but the cart was not emptied", order_id)
        await self.cache.invalidate()
        return await self._order_out(order_id), False

    async def _within_limits(self, user: CurrentUser) -> None:
        """No one shopper holds stock without end: a few unpaid orders at once, a few checkouts a window.

        A retried checkout (same key) never gets here, so it is never limited.
        """
        limits = self.limits
        await hit(
            limits.redis,
            "checkout",
            str(user.id),
            service=limits.service,
            limit=limits.checkouts_per_window,
            window=limits.window_seconds,
        )
        await self.orders.lock_shopper_checkout(user.id)
        pending = await self.orders.count_pending(user.id, utcnow())
        if pending >= limits.max_pending_orders:
            raise PendingOrdersLimit(details={"pending_orders": pending, "limit": limits.max_pending_orders})

    async def _replay(self, user_id: uuid.UUID, key: str, request: str) -> OrderOut:
        existing = await self.orders.key(user_id, key)
        if existing is None or existing.order_id is None:  # the key row and its order commit together
            raise IdempotencyKeyReused()
        if existing.request_fingerprint != request:
            raise IdempotencyKeyReused()
        return await self._order_out(existing.order_id, user_id=user_id)

    # Reads

    async def list_for(
        self, viewer: CurrentUser, user_id: uuid.UUID, params: PageParams, status: str | None
    ) -> Page[OrderSummary]:
        ensure_self_or_admin(viewer, user_id)
        if viewer.id == user_id:
            await self._claim_guest_orders(viewer)
        await self._expire_overdue_of(user_id=user_id)
        rows, total = await self.orders.page(
            user_id, status=status, offset=params.offset, limit=params.page_size
        )
        return Page[OrderSummary].of([OrderSummary.model_validate(row) for row in rows], total, params)

    async def details(self, viewer: CurrentUser, order_id: uuid.UUID) -> OrderOut:
        order = await self._current(order_id)
        if order.guest and order.user_id != viewer.id and await self._claim_guest_orders(viewer):
            order = await self._current(order_id)
        ensure_self_or_admin(viewer, order.user_id)
        return OrderOut.model_validate(order)

    async def staff_list(self, where: StaffOrderFilter, params: PageParams) -> Page[StaffOrderRow]:
        """Every customer's orders that match, newest first (admins; the router checks)."""
        await self._expire_overdue_of()
        rows, total = await self.orders.staff_page(where, offset=params.offset, limit=params.page_size)
        return Page[StaffOrderRow].of([StaffOrderRow.of(row) for row in rows], total, params)

    async def shipping_queue(self, params: PageParams) -> Page[StaffOrderRow]:
        """Paid (or partly refunded) orders not shipped yet, the longest paid first (admins)."""
        rows, total = await self.orders.shipping_queue(offset=params.offset, limit=params.page_size)
        return Page[StaffOrderRow].of([StaffOrderRow.of(row) for row in rows], total, params)

    async def _claim_guest_orders(self, viewer: CurrentUser) -> int:
        """A customer whose e-mail address core verified gets the guest orders placed with that address.

        Only a verified address claims: a guest types any address, and a guest id is new per guest
        session, so typing someone else's address reaches none of their orders, and a guest's orders reach
        no one who has not proved the address is theirs.
        """
        if viewer.role != "customer" or not viewer.email_verified or not viewer.email:
            return 0
        claimed = await self.orders.claim_guest_orders(viewer.id, viewer.email)
        if claimed:
            await self.session.commit()
            logger.info("customer %s claimed %d guest orders", viewer.id, claimed)
        return claimed

    async def internal(self, order_id: uuid.UUID) -> InternalOrder:
        return InternalOrder.model_validate(await self._current(order_id))

    async def _current(self, order_id: uuid.UUID) -> Order:
        """The order as it stands now: an overdue pending order is expired first."""
        order = await self.orders.get(order_id)
        if order is None:
            raise OrderNotFound()
        if order.status == "pending" and order.expires_at <= utcnow():
            await self._expire_overdue_of(order_id=order_id)
            order = await self.orders.get(order_id)
            if order is None:
                raise OrderNotFound()
        return order

    async def _order_out(self, order_id: uuid.UUID, user_id: uuid.UUID | None = None) -> OrderOut:
        order = await self.orders.get(order_id)
        if order is None or (user_id is not None and order.user_id != user_id):
            raise OrderNotFound()
        return OrderOut.model_validate(order)

    # Customer and admin transitions

    async def cancel(self, viewer: CurrentUser, order_id: uuid.UUID) -> OrderOut:
        order = await self._locked(order_id)
        ensure_self_or_admin(viewer, order.user_id)
        await self._refuse_if_overdue(order, OrderNotCancellable("The order has already expired."))
        if order.status != "pending":
            raise OrderNotCancellable()
        await self.inventory.release(_stock_lines(order))
        await self.discounts.release([order.id])
        self._move(order, "cancelled", actor_of(viewer), "cancelled before payment")
        await self.orders.flush()
        await queue_email(self.session, order, "cancellation")
        await self.session.commit()
        await self.cache.invalidate()
        return await self._order_out(order_id)

    async def fulfil(
        self, admin: CurrentUser, order_id: uuid.UUID, shipment: FulfilRequest | None = None
    ) -> OrderOut:
        order = await self._locked(order_id)
        if order.status == "refund_pending":
            raise RefundPending()
        if not is_shippable(order.status, order.fulfilled_at):
            raise OrderNotFulfillable(details={"status": order.status})
        self._move(order, "fulfilled", actor_of(admin), "shipped")
        order.fulfilled_at = utcnow()
        if shipment is not None:
            order.carrier, order.tracking_number = shipment.carrier, shipment.tracking_number
        await self.orders.flush()
        await queue_email(self.session, order, "shipment")
        return await self._order_out(order_id)

    # Payment service (internal API)

    async def mark_paid(self, order_id: uuid.UUID, body: MarkPaid) -> InternalOrder:
        order = await self._locked(order_id)
        if order.payment_id == body.payment_id and order.status in PAID_STATUSES:
            return InternalOrder.model_validate(order)  # the same payment again: nothing changes
        await self._refuse_if_overdue(order, OrderNotPayable("The order expired before it was paid."))
        if order.status in {"expired", "cancelled"}:
            raise OrderNotPayable(details={"status": order.status})
        if order.status != "pending":
            raise AlreadyPaid(details={"payment_id": order.payment_id})
        if body.amount != order.total_amount or body.currency != order.currency:
            raise AmountMismatch(
                details={"expected_amount": order.total_amount, "expected_currency": order.currency}
            )
        await self.inventory.sell(_stock_lines(order))
        order.payment_id = body.payment_id
        order.paid_amount = body.amount
        order.paid_at = utcnow()
        self._move(order, "paid", "payment", f"payment {body.payment_id}")
        await self.orders.flush()
        await queue_email(self.session, order, "payment")
        return await self.internal(order_id)

    async def hold_refund(self, order_id: uuid.UUID, body: RefundHold) -> InternalOrder:
        """Before a refund reaches the provider: check it, and hold the order if it is a full refund."""
        order = await self._locked(order_id)
        if order.refund_hold_id == body.hold_id:
            return InternalOrder.model_validate(order)  # the same attempt again: already held
        self._check_refund(order, body.payment_id, body.amount, body.currency)
        if order.status == "refund_pending":
            raise RefundInProgress(details={"hold_id": order.refund_hold_id})
        if body.by_owner and order.status != "paid":
            raise OrderNotRefundableByOwner(details={"status": order.status})
        if body.full:
            order.refund_hold_id, order.refund_hold_from = body.hold_id, order.status
            self._move(order, "refund_pending", "payment", f"refund {body.hold_id}: {body.amount} asked")
            await self.orders.flush()
        return InternalOrder.model_validate(order)

    async def release_refund(self, order_id: uuid.UUID, body: RefundRelease) -> InternalOrder:
        """The provider refused the held refund: the order is back where it was (idempotent)."""
        order = await self._locked(order_id)
        if order.status == "refund_pending" and order.refund_hold_id == body.hold_id:
            previous = order.refund_hold_from or "paid"
            if previous == "paid" and order.refunded_amount > 0:
                previous = "partially_refunded"  # a partial refund settled while the full one was held
            order.refund_hold_id = order.refund_hold_from = None
            self._move(order, previous, "payment", f"refund {body.hold_id} failed")
            await self.orders.flush()
        return InternalOrder.model_validate(order)

    def _check_refund(self, order: Order, payment_id: str, amount: int, currency: str) -> None:
        if order.status not in PAID_STATUSES or order.paid_amount == 0:
            raise OrderNotPaid(details={"status": order.status})
        if payment_id != order.payment_id:
            raise PaymentMismatch(details={"payment_id": order.payment_id})
        if currency != order.currency:
            raise AmountMismatch(details={"expected_currency": order.currency})
        refundable = order.paid_amount - order.refunded_amount
        if amount > refundable:
            raise RefundExceedsPaid(details={"refundable_amount": refundable})

    async def mark_refunded(self, order_id: uuid.UUID, body: MarkRefunded) -> InternalOrder:
        order = await self._locked(order_id)
        recorded = await self.orders.refund(body.refund_id)
        if recorded is not None:
            if recorded.order_id != order.id:
                raise RefundIdConflict()
            return InternalOrder.model_validate(order)  # the same refund again: nothing changes
        self._check_refund(order, body.payment_id, body.amount, body.currency)
        order.refunded_amount += body.amount
        ends_hold = order.status == "refund_pending" and (
            body.hold_id == order.refund_hold_id or order.refunded_amount == order.paid_amount
        )
        if order.status == "refund_pending" and not ends_hold:
            target = "refund_pending"  # another refund settled while the full one is at the provider
        else:
            target = "refunded" if order.refunded_amount == order.paid_amount else "partially_refunded"
        if ends_hold:
            order.refund_hold_id = order.refund_hold_from = None
        self._move(order, target, "payment", f"refund {body.refund_id}: {body.amount} {body.currency}")
        await self.orders.add(
            OrderRefund(
                refund_id=body.refund_id,
                order_id=order.id,
                payment_id=body.payment_id,
                amount=body.amount,
                currency=body.currency,
            )
        )
        await queue_email(self.session, order, "refund", key=body.refund_id, amount=body.amount)
        return await self.internal(order_id)

    # Expiry

    async def expire_overdue(self, *, limit: int = EXPIRY_BATCH) -> int:
        """Expire up to `limit` overdue pending orders in this transaction (the caller commits)."""
        return await self._expire_batch(limit=limit)

    async def _expire_overdue_of(
        self, *, user_id: uuid.UUID | None = None, order_id: uuid.UUID | None = None
    ) -> None:
        if await self._expire_batch(limit=EXPIRY_BATCH, user_id=user_id, order_id=order_id):
            await self.session.commit()
            await self.cache.invalidate()

    async def _expire_batch(
        self, *, limit: int, user_id: uuid.UUID | None = None, order_id: uuid.UUID | None = None
    ) -> int:
        ids = await self.orders.lock_overdue(utcnow(), limit=limit, user_id=user_id, order_id=order_id)
        orders = [order for locked_id in ids if (order := await self.orders.get(locked_id)) is not None]
        # One release over the whole batch, so its inventory rows are locked in variant-id order like
        # every other transaction's (order by order, two orders could take them crosswise: a deadlock).
        await self.inventory.release(line for order in orders for line in _stock_lines(order))
        await self.discounts.release([order.id for order in orders])
        for order in orders:
            self._move(order, "expired", "system", "reservation expired before payment")
        await self.orders.flush()
        for order in orders:
            await queue_email(self.session, order, "cancellation")
        return len(orders)

    async def _refuse_if_overdue(self, order: Order, error: Conflict) -> None:
        """An overdue pending order is expired (and that committed) before the request is refused."""
        if order.status == "pending" and order.expires_at <= utcnow():
            await self.inventory.release(_stock_lines(order))
            await self.discounts.release([order.id])
            self._move(order, "expired", "system", "reservation expired before payment")
            await self.orders.flush()
            await queue_email(self.session, order, "cancellation")
            await self.session.commit()
            await self.cache.invalidate()
            raise error

    async def _locked(self, order_id: uuid.UUID) -> Order:
        order = await self.orders.get(order_id, for_update=True)
        if order is None:
            raise OrderNotFound()
        return order

    def _move(self, order: Order, target: str, actor: str, reason: str) -> None:
        if target not in TRANSITIONS.get(order.status, frozenset()):
            raise InvalidTransition(details={"from": order.status, "to": target})
        self.session.add(
            OrderTransition(
                order_id=order.id, from_status=order.status, to_status=target, actor=actor, reason=reason
            )
        )
        order.status = target
