"""Discount codes: staff manage them, shoppers apply them in the cart, checkout redeems them atomically."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from commerce.config import CommerceSettings
from commerce.discounts.models import DiscountCode, DiscountRedemption
from commerce.emails.render import EmailRenderer
from commerce.orders.models import Order

from .conftest import INTERNAL, Person, Shop, error_code

ADMIN_URL = "/api/v1/admin/discounts"


def discount_url(who: Person) -> str:
    return f"/api/v1/cart/{who.id}/discount"


async def create(shop: Shop, **terms: Any) -> dict[str, Any]:
    body = {"code": f"save{uuid.uuid4().hex[:6]}", "kind": "percentage", "value": 10, **terms}
    response = await shop.client.post(ADMIN_URL, json=body, headers=shop.admin.headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def apply(shop: Shop, who: Person, code: str) -> httpx.Response:
    return await shop.client.post(discount_url(who), json={"code": code}, headers=who.headers)


async def cart_with(shop: Shop, who: Person, *, price: int, quantity: int = 1, stock: int = 20) -> str:
    variant = await shop.variant_id(price=price, stock=stock)
    added = await shop.add(who, variant, quantity)
    assert added.status_code == 200, added.text
    return variant


def iso(moment: datetime) -> str:
    return moment.isoformat()


# Staff


async def test_admin_creates_lists_reads_changes_and_deactivates_a_code(shop: Shop) -> None:
    created = await create(
        shop, code="  Diwali10 ", min_order_amount=99900, usage_limit=100, per_customer_limit=1
    )
    assert (created["code"], created["kind"], created["value"], created["currency"]) == (
        "DIWALI10",
        "percentage",
        10,
        "INR",
    )
    assert (created["used_count"], created["active"], created["status"]) == (0, True, "active")

    listed = await shop.client.get(ADMIN_URL, params={"q": "diwali"}, headers=shop.admin.headers)
    assert [row["code"] for row in listed.json()["items"]] == ["DIWALI10"]
    read = await shop.client.get(f"{ADMIN_URL}/{created['id']}", headers=shop.admin.headers)
    assert read.json()["id"] == created["id"]

    changed = await shop.client.patch(
        f"{ADMIN_URL}/{created['id']}", json={"value": 15, "active": False}, headers=shop.admin.headers
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["value"], changed.json()["status"]) == (15, "inactive")
    inactive = await shop.client.get(ADMIN_URL, params={"active": "false"}, headers=shop.admin.headers)
    assert inactive.json()["total"] == 1


async def test_codes_are_unique_in_any_letter_case(shop: Shop) -> None:
    await create(shop, code="SUMMER")
    again = await shop.client.post(
        ADMIN_URL, json={"code": "summer", "kind": "fixed", "value": 5000}, headers=shop.admin.headers
    )
    assert (again.status_code, error_code(again)) == (409, "discount_code_taken")


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"code": "a!", "kind": "fixed", "value": 100}, "code", "3 to 32 letters"),
        ({"code": "BIG", "kind": "percentage", "value": 101}, "body", "1 to 100 percent"),
        ({"code": "ZERO", "kind": "fixed", "value": 0}, "value", "greater than or equal to 1"),
        ({"code": "ODD", "kind": "bogus", "value": 5}, "kind", "percentage"),
        (
            {
                "code": "BACKWARDS",
                "kind": "fixed",
                "value": 100,
                "starts_at": "2026-12-10T00:00:00Z",
                "ends_at": "2026-12-01T00:00:00Z",
            },
            "body",
            "end date must be after the start date",
        ),
        (
            {"code": "NAIVE", "kind": "fixed", "value": 100, "ends_at": "2026-12-10T00:00:00"},
            "ends_at",
            "timezone",
        ),
        ({"code": "NEG", "kind": "fixed", "value": 100, "min_order_amount": -1}, "min_order_amount", "0"),
    ],
)
async def test_invalid_terms_are_refused_with_a_message_naming_the_field(
    shop: Shop, body: dict[str, Any], field: str, words: str
) -> None:
    response = await shop.client.post(ADMIN_URL, json=body, headers=shop.admin.headers)

    assert (response.status_code, error_code(response)) == (422, "validation_error")
    problems = response.json()["error"]["details"]
    assert any(field in problem["loc"] and words in problem["msg"] for problem in problems), problems


async def test_patch_refuses_inconsistent_terms(shop: Shop) -> None:
    starts = datetime.now(UTC) + timedelta(days=1)
    code = await create(shop, kind="percentage", value=10, starts_at=iso(starts))
    url = f"{ADMIN_URL}/{code['id']}"

    too_much = await shop.client.patch(url, json={"value": 150}, headers=shop.admin.headers)
    backwards = await shop.client.patch(
        url, json={"ends_at": iso(starts - timedelta(hours=1))}, headers=shop.admin.headers
    )
    code_change = await shop.client.patch(url, json={"code": "OTHER"}, headers=shop.admin.headers)
    missing = await shop.client.patch(f"{ADMIN_URL}/{uuid.uuid4()}", json={}, headers=shop.admin.headers)

    assert (too_much.status_code, error_code(too_much)) == (422, "discount_terms_invalid")
    assert "1 to 100" in too_much.json()["error"]["message"]
    assert (backwards.status_code, error_code(backwards)) == (422, "discount_terms_invalid")
    assert (code_change.status_code, error_code(code_change)) == (422, "validation_error")
    assert (missing.status_code, error_code(missing)) == (404, "discount_not_found")


async def test_shoppers_cannot_manage_codes(shop: Shop, shopper: Person) -> None:
    listed = await shop.client.get(ADMIN_URL, headers=shopper.headers)
    created = await shop.client.post(
        ADMIN_URL, json={"code": "MINE", "kind": "fixed", "value": 100}, headers=shopper.headers
    )
    anonymous = await shop.client.get(ADMIN_URL)

    assert (listed.status_code, created.status_code, anonymous.status_code) == (403, 403, 401)


async def test_an_unused_code_is_deleted_and_a_used_one_only_deactivated(shop: Shop, shopper: Person) -> None:
    unused = await create(shop)
    used = await create(shop)
    await cart_with(shop, shopper, price=50000)
    assert (await apply(shop, shopper, used["code"])).status_code == 200
    assert (await shop.checkout(shopper)).status_code == 201

    deleted = await shop.client.delete(f"{ADMIN_URL}/{unused['id']}", headers=shop.admin.headers)
    refused = await shop.client.delete(f"{ADMIN_URL}/{used['id']}", headers=shop.admin.headers)

    assert deleted.status_code == 204
    assert (refused.status_code, error_code(refused)) == (409, "discount_in_use")
    assert "deactivate" in refused.json()["error"]["message"]


async def test_the_usage_limit_cannot_drop_below_the_uses_held(
    shop: Shop, person: Callable[..., Person]
) -> None:
    code = await create(shop, usage_limit=5)
    url = f"{ADMIN_URL}/{code['id']}"
    for who in (person(), person()):
        await cart_with(shop, who, price=50000)
        await apply(shop, who, code["code"])
        assert (await shop.checkout(who)).json()["discount_code"] == code["code"]

    to_held = await shop.client.patch(url, json={"usage_limit": 2}, headers=shop.admin.headers)
    below = await shop.client.patch(url, json={"usage_limit": 1}, headers=shop.admin.headers)

    assert (to_held.status_code, to_held.json()["used_count"], to_held.json()["status"]) == (
        200,
        2,
        "used_up",
    )
    assert (below.status_code, error_code(below)) == (409, "usage_limit_below_used")
    assert below.json()["error"]["details"] == {"used_count": 2}


# The cart


async def test_a_percentage_code_shows_the_discount_and_the_new_total(shop: Shop, shopper: Person) -> None:
    code = await create(shop, code="TENOFF", value=10)
    await cart_with(shop, shopper, price=49999, quantity=3)  # 149997 paise

    response = await apply(shop, shopper, "tenoff")

    assert response.status_code == 200, response.text
    cart = response.json()
    # 10% of 1499.97 is 149.997: rounded down to whole paise.
    assert cart["discount"] == {
        "code": code["code"],
        "applied": True,
        "amount": 14999,
        "refusal": None,
        "message": None,
        "amount_to_minimum": None,
    }
    assert (cart["subtotal_amount"], cart["discount_amount"], cart["total_amount"]) == (149997, 14999, 134998)
    again = await shop.client.get(f"/api/v1/cart/{shopper.id}", headers=shopper.headers)
    assert again.json()["total_amount"] == 134998

    removed = await shop.client.delete(discount_url(shopper), headers=shopper.headers)
    assert (removed.json()["discount"], removed.json()["total_amount"]) == (None, 149997)


async def test_a_fixed_code_larger_than_the_subtotal_is_capped(shop: Shop, shopper: Person) -> None:
    await create(shop, code="HUGE", kind="fixed", value=10_000_000)
    await cart_with(shop, shopper, price=49900)

    cart = (await apply(shop, shopper, "HUGE")).json()

    # Never more than the subtotal, and the order keeps ₹1.00 to charge.
    assert (cart["discount_amount"], cart["total_amount"]) == (49800, 100)
    order = await shop.checkout(shopper)
    assert (order.json()["discount_amount"], order.json()["total_amount"]) == (49800, 100)


async def test_below_the_minimum_the_code_waits_and_says_how_much_more_to_spend(
    shop: Shop, shopper: Person
) -> None:
    await create(shop, code="BIGSPEND", kind="fixed", value=20000, min_order_amount=100000)
    variant = await cart_with(shop, shopper, price=45050)

    response = await apply(shop, shopper, "BIGSPEND")

    assert response.status_code == 200
    discount = response.json()["discount"]
    assert (discount["applied"], discount["amount"], discount["refusal"]) == (
        False,
        0,
        "discount_below_minimum",
    )
    assert discount["amount_to_minimum"] == 54950
    assert discount["message"] == "Spend ₹549.50 more to use BIGSPEND (orders from ₹1,000.00)."
    assert response.json()["total_amount"] == 45050
    reached = await shop.add(shopper, variant, 2)  # 3 x 450.50 = 1351.50
    assert (reached.json()["discount"]["applied"], reached.json()["total_amount"]) == (True, 115150)


@pytest.mark.parametrize(
    ("terms", "refusal", "words"),
    [
        ({"active": False}, "discount_inactive", "no longer valid"),
        ({"starts_at": "2999-01-01T00:00:00Z"}, "discount_not_started", "can be used from 01 Jan 2999"),
        (
            {"starts_at": "2020-01-01T00:00:00Z", "ends_at": "2020-02-01T00:00:00Z"},
            "discount_expired",
            "expired on 01 Feb 2020",
        ),
        ({"currency": "USD", "kind": "fixed", "value": 500}, "discount_currency", "orders in USD"),
    ],
)
async def test_a_code_that_cannot_apply_is_refused_with_its_reason(
    shop: Shop, shopper: Person, terms: dict[str, Any], refusal: str, words: str
) -> None:
    code = await create(shop, **terms)
    await cart_with(shop, shopper, price=50000)

    response = await apply(shop, shopper, code["code"].lower())

    assert (response.status_code, error_code(response)) == (409, refusal)
    assert words in response.json()["error"]["message"]
    cart = await shop.client.get(f"/api/v1/cart/{shopper.id}", headers=shopper.headers)
    assert cart.json()["discount"] is None  # a refused code is not kept


async def test_an_unknown_code_is_refused(shop: Shop, shopper: Person) -> None:
    await cart_with(shop, shopper, price=50000)

    response = await apply(shop, shopper, "NOSUCHCODE")
    blank = await apply(shop, shopper, "  ")

    assert (response.status_code, error_code(response)) == (409, "discount_unknown")
    assert response.json()["error"]["message"] == "We do not know that discount code: check its spelling."
    assert (blank.status_code, error_code(blank)) == (422, "validation_error")


async def test_a_used_up_code_is_refused(shop: Shop, person: Callable[..., Person]) -> None:
    code = await create(shop, usage_limit=1)
    first, second = person(), person()
    await cart_with(shop, first, price=50000)
    await cart_with(shop, second, price=50000)
    assert (await apply(shop, second, code["code"])).status_code == 200
    await apply(shop, first, code["code"])
    assert (await shop.checkout(first)).json()["discount_code"] == code["code"]

    late = await apply(shop, second, code["code"])
    cart = await shop.client.get(f"/api/v1/cart/{second.id}", headers=second.headers)

    assert (late.status_code, error_code(late)) == (409, "discount_used_up")
    # The code the second shopper applied earlier stays, no longer applied, and says why.
    assert cart.json()["discount"]["refusal"] == "discount_used_up"
    assert cart.json()["total_amount"] == 50000
    order = await shop.checkout(second)
    assert (order.json()["discount_code"], order.json()["total_amount"]) == (None, 50000)


async def test_the_per_customer_limit(shop: Shop, shopper: Person, person: Callable[..., Person]) -> None:
    code = await create(shop, per_customer_limit=1)
    await cart_with(shop, shopper, price=50000)
    await apply(shop, shopper, code["code"])
    assert (await shop.checkout(shopper)).json()["discount_code"] == code["code"]
    await cart_with(shop, shopper, price=30000)

    again = await apply(shop, shopper, code["code"])
    someone_else = person()
    await cart_with(shop, someone_else, price=50000)
    other = await apply(shop, someone_else, code["code"])

    assert (again.status_code, error_code(again)) == (409, "discount_already_used")
    assert "once per customer" in again.json()["error"]["message"]
    assert other.status_code == 200


async def test_only_the_owner_or_an_admin_applies_a_code_to_a_cart(
    shop: Shop, shopper: Person, person: Callable[..., Person]
) -> None:
    code = await create(shop)
    await cart_with(shop, shopper, price=50000)

    stranger = await shop.client.post(
        discount_url(shopper), json={"code": code["code"]}, headers=person().headers
    )
    admin = await shop.client.post(
        discount_url(shopper), json={"code": code["code"]}, headers=shop.admin.headers
    )

    assert (stranger.status_code, error_code(stranger)) == (403, "forbidden")
    assert admin.status_code == 200


# Checkout, payment, refunds


async def test_the_order_records_the_discount_and_payment_charges_the_discounted_total(
    shop: Shop, shopper: Person, app: FastAPI
) -> None:
    code = await create(shop, code="FLAT100", kind="fixed", value=10000)
    await cart_with(shop, shopper, price=50000, quantity=2)
    await apply(shop, shopper, "flat100")

    placed = await shop.checkout(shopper)

    order = placed.json()
    assert (
        order["subtotal_amount"],
        order["discount_code"],
        order["discount_amount"],
        order["total_amount"],
    ) == (
        100000,
        "FLAT100",
        10000,
        90000,
    )
    internal = await shop.client.get(f"/internal/v1/orders/{order['id']}", headers=INTERNAL)
    assert internal.json()["total_amount"] == 90000  # what payment charges
    cart = await shop.client.get(f"/api/v1/cart/{shopper.id}", headers=shopper.headers)
    assert cart.json()["discount"] is None  # the code left the cart with the lines
    full_price = await shop.client.post(
        f"/internal/v1/orders/{order['id']}/mark-paid",
        json={"payment_id": "pay_1", "amount": 100000, "currency": "INR"},
        headers=INTERNAL,
    )
    assert (full_price.status_code, error_code(full_price)) == (422, "amount_mismatch")
    assert (await shop.mark_paid(order)).status_code == 200
    too_much = await shop.client.post(
        f"/internal/v1/orders/{order['id']}/mark-refunded",
        json={"payment_id": "pay_1", "refund_id": "re_1", "amount": 90001, "currency": "INR"},
        headers=INTERNAL,
    )
    assert (too_much.status_code, error_code(too_much)) == (409, "refund_exceeds_paid")
    assert too_much.json()["error"]["details"] == {"refundable_amount": 90000}
    full = await shop.client.post(
        f"/internal/v1/orders/{order['id']}/mark-refunded",
        json={"payment_id": "pay_1", "refund_id": "re_2", "amount": 90000, "currency": "INR"},
        headers=INTERNAL,
    )
    assert (full.json()["status"], full.json()["refunded_amount"]) == ("refunded", 90000)
    async with app.state.database.sessionmaker() as session:
        redemption = (await session.scalars(select(DiscountRedemption))).one()
        assert (redemption.order_id, redemption.user_id, redemption.amount) == (
            uuid.UUID(order["id"]),
            shopper.id,
            10000,
        )
        assert redemption.code_id == uuid.UUID(code["id"])
        assert redemption.released_at is None  # a paid order keeps its use, refunded or not


async def test_checkout_re_checks_the_code(shop: Shop, shopper: Person) -> None:
    code = await create(shop)
    await cart_with(shop, shopper, price=50000)
    await apply(shop, shopper, code["code"])
    await shop.client.patch(f"{ADMIN_URL}/{code['id']}", json={"active": False}, headers=shop.admin.headers)

    order = (await shop.checkout(shopper)).json()

    assert (order["discount_code"], order["discount_amount"], order["total_amount"]) == (None, 0, 50000)


async def test_cancelling_an_unpaid_order_gives_the_use_back(
    shop: Shop, shopper: Person, person: Callable[..., Person]
) -> None:
    code = await create(shop, usage_limit=1, per_customer_limit=1)
    await cart_with(shop, shopper, price=50000)
    await apply(shop, shopper, code["code"])
    order = (await shop.checkout(shopper)).json()
    used = await shop.client.get(f"{ADMIN_URL}/{code['id']}", headers=shop.admin.headers)
    assert (used.json()["used_count"], used.json()["status"]) == (1, "used_up")

    cancelled = await shop.client.post(f"/api/v1/orders/{order['id']}/cancel", headers=shopper.headers)

    assert cancelled.status_code == 200
    assert cancelled.json()["discount_code"] == code["code"]  # the record of what it was offered stays
    freed = await shop.client.get(f"{ADMIN_URL}/{code['id']}", headers=shop.admin.headers)
    assert (freed.json()["used_count"], freed.json()["status"]) == (0, "active")
    await cart_with(shop, shopper, price=50000)
    assert (await apply(shop, shopper, code["code"])).status_code == 200  # the shopper's own use is back too
    again = await shop.client.post(f"/api/v1/orders/{order['id']}/cancel", headers=shopper.headers)
    assert again.status_code == 409
    assert (await shop.client.get(f"{ADMIN_URL}/{code['id']}", headers=shop.admin.headers)).json()[
        "used_count"
    ] == 0


async def test_an_expired_unpaid_order_gives_the_use_back(shop: Shop, shopper: Person, app: FastAPI) -> None:
    code = await create(shop, usage_limit=1)
    await cart_with(shop, shopper, price=50000)
    await apply(shop, shopper, code["code"])
    order = (await shop.checkout(shopper)).json()
    async with app.state.database.sessionmaker() as session, session.begin():
        await session.execute(
            update(Order)
            .where(Order.id == uuid.UUID(order["id"]))
            .values(expires_at=func.now() - timedelta(seconds=5))
        )

    read = await shop.client.get(f"/api/v1/orders/{order['id']}/details", headers=shopper.headers)

    assert read.json()["status"] == "expired"
    freed = await shop.client.get(f"{ADMIN_URL}/{code['id']}", headers=shop.admin.headers)
    assert freed.json()["used_count"] == 0


@pytest.mark.slow
async def test_fifty_shoppers_redeeming_a_ten_use_code_at_once_give_exactly_ten_orders_carrying_it(
    shop: Shop, person: Callable[..., Person], app: FastAPI
) -> None:
    code = await create(shop, code="TENONLY", usage_limit=10)
    variant = await shop.variant_id(price=50000, stock=100)
    shoppers = [person() for _ in range(50)]
    for who in shoppers:
        assert (await shop.add(who, variant, 1)).status_code == 200
        assert (await apply(shop, who, "TENONLY")).status_code == 200

    responses = await asyncio.gather(*(shop.checkout(who) for who in shoppers))

    assert Counter(r.status_code for r in responses) == {201: 50}
    carrying = [r.json() for r in responses if r.json()["discount_code"] == "TENONLY"]
    assert len(carrying) == 10
    assert {order["total_amount"] for order in carrying} == {45000}
    assert sum(r.json()["total_amount"] == 50000 for r in responses) == 40
    async with app.state.database.sessionmaker() as session:
        row = await session.get(DiscountCode, uuid.UUID(code["id"]))
        assert row is not None
        assert row.used_count == 10
        redemptions = await session.scalar(select(func.count()).select_from(DiscountRedemption))
        assert redemptions == 10


async def test_the_order_e_mail_shows_the_discount(
    shop: Shop, shopper: Person, app: FastAPI, settings: CommerceSettings
) -> None:
    await create(shop, code="MAILTEN", value=10)
    await cart_with(shop, shopper, price=50000)
    await apply(shop, shopper, "MAILTEN")
    placed = (await shop.checkout(shopper)).json()

    async with app.state.database.sessionmaker() as session:
        order = (
            await session.scalars(
                select(Order).where(Order.id == uuid.UUID(placed["id"])).options(selectinload(Order.items))
            )
        ).one()
        rendered = EmailRenderer(settings).render(order, "confirmation")

    assert "Discount (MAILTEN): -₹50" in rendered.text
    assert "Discount (MAILTEN)" in rendered.html
