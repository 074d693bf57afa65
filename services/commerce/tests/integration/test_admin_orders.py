"""Staff orders list: filters, search, pages; the shipping queue; partial refunds that stay shippable."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select, text, update

from commerce.orders.models import Order
from commerce.orders.service import id_prefix_range, staff_filter
from commerce.orders.shipping import shippable_clause

from .conftest import ADDRESS, INTERNAL, Person, Shop, error_code

LIST = "/api/v1/admin/orders"
QUEUE = "/api/v1/admin/orders/shipping-queue"
MUMBAI = {
    **ADDRESS,
    "name": "Vikram Mehta",
    "city": "Mumbai",
    "state": "Maharashtra",
    "postal_code": "400001",
}
CHENNAI = {
    **ADDRESS,
    "name": "Lakshmi Iyer",
    "city": "Chennai",
    "state": "Tamil Nadu",
    "postal_code": "600001",
}


async def _place(
    shop: Shop, who: Person, address: dict[str, Any] = ADDRESS, note: str | None = None, quantity: int = 1
) -> dict[str, Any]:
    variant = await shop.variant_id(stock=10, price=99900)
    added = await shop.add(who, variant, quantity)
    assert added.status_code == 200, added.text
    placed = await shop.checkout(who, body={"shipping_address": address, "note": note})
    assert placed.status_code == 201, placed.text
    order: dict[str, Any] = placed.json()
    return order


async def _paid(shop: Shop, order: dict[str, Any], payment_id: str = "pay_1") -> dict[str, Any]:
    paid = await shop.mark_paid(order, payment_id)
    assert paid.status_code == 200, paid.text
    return order


async def _refund(
    shop: Shop, order: dict[str, Any], amount: int, refund_id: str, payment_id: str = "pay_1"
) -> None:
    base = f"/internal/v1/orders/{order['id']}"
    body = {"payment_id": payment_id, "amount": amount, "currency": order["currency"]}
    held = await shop.client.post(
        f"{base}/refund-hold",
        json={
            **body,
            "hold_id": f"h-{refund_id}",
            "full": amount == order["total_amount"],
            "by_owner": False,
        },
        headers=INTERNAL,
    )
    assert held.status_code == 200, held.text
    settled = await shop.client.post(
        f"{base}/mark-refunded",
        json={**body, "refund_id": refund_id, "hold_id": f"h-{refund_id}"},
        headers=INTERNAL,
    )
    assert settled.status_code == 200, settled.text


async def _fulfil(shop: Shop, order: dict[str, Any]) -> dict[str, Any]:
    shipped = await shop.client.post(
        f"/api/v1/orders/{order['id']}/fulfil",
        json={"carrier": "Delhivery", "tracking_number": "AWB1234567890"},
        headers=shop.admin.headers,
    )
    assert shipped.status_code == 200, shipped.text
    body: dict[str, Any] = shipped.json()
    return body


async def _set(app: FastAPI, order: dict[str, Any], **values: Any) -> None:
    async with app.state.database.sessionmaker() as session, session.begin():
        await session.execute(update(Order).where(Order.id == uuid.UUID(order["id"])).values(**values))


async def _list(shop: Shop, params: Any = None, url: str = LIST) -> dict[str, Any]:
    response = await shop.client.get(url, params=params, headers=shop.admin.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _ids(page: dict[str, Any]) -> list[str]:
    return [row["id"] for row in page["items"]]


@pytest.mark.parametrize("url", [LIST, QUEUE])
@pytest.mark.parametrize("role", ["customer", "guest"])
async def test_only_admins_see_the_orders_list_and_the_queue(
    shop: Shop, person: Callable[..., Person], url: str, role: str
) -> None:
    shopper = person(role, email="shopper@example.com")
    await _paid(shop, await _place(shop, shopper))

    refused = await shop.client.get(url, headers=shopper.headers)
    anonymous = await shop.client.get(url)

    assert (refused.status_code, error_code(refused)) == (403, "forbidden")
    assert anonymous.status_code == 401
    assert (await _list(shop, url=url))["total"] == 1


async def test_the_list_holds_every_customers_orders_newest_first_with_what_staff_need(
    shop: Shop, app: FastAPI, person: Callable[..., Person]
) -> None:
    asha, vikram = person(email="asha@example.com"), person(email="vikram@example.com")
    first = await _place(shop, asha, note="Ring twice", quantity=3)
    second = await _paid(shop, await _place(shop, vikram, MUMBAI))
    await _set(app, first, created_at=datetime(2026, 11, 1, 10, tzinfo=UTC))

    page = await _list(shop)

    assert _ids(page) == [second["id"], first["id"]]
    assert (page["total"], page["page"], page["pages"]) == (2, 1, 1)
    newest, oldest = page["items"]
    assert newest["short_id"] == second["id"].replace("-", "")[:8].upper()
    assert (newest["contact_email"], newest["customer_name"], newest["city"], newest["postal_code"]) == (
        "vikram@example.com",
        "Vikram Mehta",
        "Mumbai",
        "400001",
    )
    assert (newest["status"], newest["paid"], newest["shipped"], newest["shippable"]) == (
        "paid",
        True,
        False,
        True,
    )
    assert (newest["item_count"], newest["total_amount"], newest["currency"]) == (1, 99900, "INR")
    assert newest["user_id"] == str(vikram.id)
    assert (oldest["status"], oldest["paid"], oldest["shippable"]) == ("pending", False, False)
    assert (oldest["item_count"], oldest["total_amount"], oldest["note"]) == (3, 299700, "Ring twice")


async def test_status_paid_and_date_filters(shop: Shop, app: FastAPI, person: Callable[..., Person]) -> None:
    pending = await _place(shop, person())
    paid = await _paid(shop, await _place(shop, person()))
    shipped = await _paid(shop, await _place(shop, person()))
    await _fulfil(shop, shipped)
    owner = person()
    cancelled = await _place(shop, owner)
    assert (
        await shop.client.post(f"/api/v1/orders/{cancelled['id']}/cancel", headers=owner.headers)
    ).is_success
    # 1 December in India starts at 18:30 UTC on 30 November.
    await _set(app, pending, created_at=datetime(2026, 11, 30, 18, 29, tzinfo=UTC))
    await _set(app, paid, created_at=datetime(2026, 11, 30, 18, 30, tzinfo=UTC))
    await _set(app, shipped, created_at=datetime(2026, 12, 1, 18, 29, tzinfo=UTC))
    await _set(app, cancelled, created_at=datetime(2026, 12, 1, 18, 30, tzinfo=UTC))

    assert _ids(await _list(shop, {"status": "paid"})) == [paid["id"]]
    assert set(_ids(await _list(shop, [("status", "paid"), ("status", "fulfilled")]))) == {
        paid["id"],
        shipped["id"],
    }
    assert set(_ids(await _list(shop, {"paid": "true"}))) == {paid["id"], shipped["id"]}
    assert set(_ids(await _list(shop, {"paid": "false"}))) == {pending["id"], cancelled["id"]}
    assert _ids(await _list(shop, {"created_from": "2026-12-01", "created_to": "2026-12-01"})) == [
        shipped["id"],
        paid["id"],
    ]
    assert _ids(await _list(shop, {"created_to": "2026-11-30"})) == [pending["id"]]
    assert _ids(await _list(shop, {"created_from": "2026-12-02"})) == [cancelled["id"]]
    assert _ids(await _list(shop, {"created_from": "2026-12-01", "paid": "false"})) == [cancelled["id"]]


async def test_customer_filter_by_user_id_or_email(shop: Shop, person: Callable[..., Person]) -> None:
    asha, other = person(email="Asha.Rao@Example.com"), person(email="someone@example.com")
    mine = await _place(shop, asha)
    await _place(shop, other)

    assert _ids(await _list(shop, {"customer": str(asha.id)})) == [mine["id"]]
    assert _ids(await _list(shop, {"customer": " asha.rao@example.COM "})) == [mine["id"]]
    assert _ids(await _list(shop, {"customer": "asha.rao@example"})) == []  # whole addresses only


async def test_search_by_order_id_prefix_email_name_city_and_pin(
    shop: Shop, person: Callable[..., Person]
) -> None:
    bengaluru = await _place(shop, person(email="asha@example.com"))
    mumbai = await _place(shop, person(email="vikram.m@shop.example"), MUMBAI)
    chennai = await _place(shop, person(), CHENNAI)

    def search(q: str) -> Any:
        return _list(shop, {"q": q})

    assert _ids(await search("#" + mumbai["id"][:8].upper())) == [mumbai["id"]]
    assert _ids(await search(chennai["id"][:13])) == [chennai["id"]]  # with its hyphen
    assert _ids(await search("VIKRAM.M@")) == [mumbai["id"]]
    assert _ids(await search("lakshmi")) == [chennai["id"]]
    assert _ids(await search("bengal")) == [bengaluru["id"]]
    assert _ids(await search("600001")) == [chennai["id"]]
    assert _ids(await search("%")) == []  # LIKE's wildcards are matched as themselves
    assert _ids(await search("_")) == []
    assert len(_ids(await search("  "))) == 3  # a blank search is no search


async def test_pagination_walks_every_order_once_newest_first(
    shop: Shop, person: Callable[..., Person]
) -> None:
    placed = [await _place(shop, person()) for _ in range(5)]

    pages = [await _list(shop, {"page": page, "page_size": 2}) for page in (1, 2, 3)]

    assert [page["pages"] for page in pages] == [3, 3, 3]
    assert [len(page["items"]) for page in pages] == [2, 2, 1]
    assert [order_id for page in pages for order_id in _ids(page)] == [
        order["id"] for order in reversed(placed)
    ]
    assert (await _list(shop, {"page": 4, "page_size": 2}))["items"] == []


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"created_from": "2026-12-02", "created_to": "2026-12-01"}, "invalid_filter"),
        ({"customer": "asha"}, "invalid_filter"),
        ({"status": "shipped"}, "validation_error"),
        ({"created_from": "yesterday"}, "validation_error"),
        ({"paid": "maybe"}, "validation_error"),
        ({"q": "x" * 101}, "validation_error"),
        ({"page_size": 101}, "validation_error"),
    ],
)
async def test_bad_filters_are_422_with_a_message(shop: Shop, params: dict[str, Any], code: str) -> None:
    response = await shop.client.get(LIST, params=params, headers=shop.admin.headers)

    assert (response.status_code, error_code(response)) == (422, code)
    assert response.json()["error"]["message"]


async def test_the_shipping_queue_holds_exactly_the_orders_fulfil_accepts_oldest_paid_first(
    shop: Shop, app: FastAPI, person: Callable[..., Person]
) -> None:
    await _place(shop, person())  # pending: not paid
    late = await _paid(shop, await _place(shop, person()))
    early = await _paid(shop, await _place(shop, person(), note="Leave with the guard"))
    partly = await _paid(shop, await _place(shop, person(), quantity=2))
    await _refund(shop, partly, 50000, "re_partly")
    shipped = await _paid(shop, await _place(shop, person()))
    await _fulfil(shop, shipped)
    shipped_then_partly = await _paid(shop, await _place(shop, person(), quantity=2))
    await _fulfil(shop, shipped_then_partly)
    await _refund(shop, shipped_then_partly, 50000, "re_after")
    refunded = await _paid(shop, await _place(shop, person()))
    await _refund(shop, refunded, refunded["total_amount"], "re_full")
    held = await _paid(shop, await _place(shop, person()))
    hold = {"hold_id": "h-held", "payment_id": "pay_1", "amount": held["total_amount"], "currency": "INR"}
    refund_pending = await shop.client.post(
        f"/internal/v1/orders/{held['id']}/refund-hold",
        json={**hold, "full": True, "by_owner": False},
        headers=INTERNAL,
    )
    assert refund_pending.json()["status"] == "refund_pending"
    await _set(app, early, paid_at=datetime(2026, 12, 1, 9, tzinfo=UTC))
    await _set(app, partly, paid_at=datetime(2026, 12, 1, 10, tzinfo=UTC))
    await _set(app, late, paid_at=datetime(2026, 12, 1, 11, tzinfo=UTC))

    queue = await _list(shop, url=QUEUE)

    assert _ids(queue) == [early["id"], partly["id"], late["id"]]
    assert [row["status"] for row in queue["items"]] == ["paid", "partially_refunded", "paid"]
    assert all(row["shippable"] and not row["shipped"] for row in queue["items"])
    assert queue["items"][0]["note"] == "Leave with the guard"
    assert _ids(await _list(shop, {"page": 2, "page_size": 2}, url=QUEUE)) == [late["id"]]
    # The list says the same of each order as the queue does.
    shippable = {row["id"] for row in (await _list(shop, {"page_size": 100}))["items"] if row["shippable"]}
    assert shippable == set(_ids(queue))
    for order in (shipped, shipped_then_partly, refunded, held):
        details = await shop.client.get(f"/api/v1/orders/{order['id']}/details", headers=shop.admin.headers)
        assert details.json()["shippable"] is False, details.json()["status"]
        refused = await shop.client.post(
            f"/api/v1/orders/{order['id']}/fulfil",
            json={"carrier": "Delhivery", "tracking_number": "AWB1"},
            headers=shop.admin.headers,
        )
        assert refused.status_code == 409, refused.text


async def test_a_partly_refunded_order_stays_shippable_and_ships_with_its_tracking(
    shop: Shop, shopper: Person
) -> None:
    order = await _paid(shop, await _place(shop, shopper, quantity=2))
    await _refund(shop, order, 99900, "re_1")
    await _refund(shop, order, 10000, "re_2")

    before = await shop.client.get(f"/api/v1/orders/{order['id']}/details", headers=shop.admin.headers)
    queued = await _list(shop, url=QUEUE)
    shipped = await _fulfil(shop, order)
    after = await _list(shop, url=QUEUE)
    seen = await shop.client.get(f"/api/v1/orders/{order['id']}/details", headers=shopper.headers)

    assert (before.json()["status"], before.json()["shippable"]) == ("partially_refunded", True)
    assert _ids(queued) == [order["id"]]
    assert (shipped["status"], shipped["shippable"]) == ("fulfilled", False)
    assert after["items"] == []
    assert (seen.json()["carrier"], seen.json()["tracking_number"]) == ("Delhivery", "AWB1234567890")
    row = (await _list(shop, {"q": order["id"][:8]}))["items"][0]
    assert (row["shipped"], row["carrier"], row["tracking_number"], row["refunded_amount"]) == (
        True,
        "Delhivery",
        "AWB1234567890",
        109900,
    )


async def test_a_refused_full_refund_after_a_partial_one_leaves_the_order_partly_refunded_and_shippable(
    shop: Shop, shopper: Person
) -> None:
    order = await _paid(shop, await _place(shop, shopper, quantity=2))
    base = f"/internal/v1/orders/{order['id']}"
    body = {"payment_id": "pay_1", "currency": "INR"}
    await shop.client.post(
        f"{base}/refund-hold",
        json={**body, "hold_id": "h-full", "amount": 199800, "full": True, "by_owner": False},
        headers=INTERNAL,
    )
    # A partial refund made at the provider settles while the full one is held; then the full one is refused.
    await shop.client.post(
        f"{base}/mark-refunded", json={**body, "refund_id": "re_p", "amount": 1000}, headers=INTERNAL
    )
    released = await shop.client.post(f"{base}/refund-release", json={"hold_id": "h-full"}, headers=INTERNAL)

    assert (released.json()["status"], released.json()["refunded_amount"]) == ("partially_refunded", 1000)
    assert _ids(await _list(shop, url=QUEUE)) == [order["id"]]
    assert (await _fulfil(shop, order))["status"] == "fulfilled"


def test_an_id_prefix_is_a_range_of_ids() -> None:
    assert id_prefix_range("#1a2b-3c") == (
        uuid.UUID("1a2b3c00-0000-0000-0000-000000000000"),
        uuid.UUID("1a2b3d00-0000-0000-0000-000000000000"),
    )
    assert id_prefix_range("ff") == (uuid.UUID("ff000000-0000-0000-0000-000000000000"), None)
    assert id_prefix_range("asha") is None
    assert id_prefix_range("#") is None


async def test_the_search_and_the_queue_read_their_indexes(app: FastAPI) -> None:
    search = select(Order.id).where(*staff_filter(q="bengaluru").conditions())
    queue = select(Order.id).where(shippable_clause()).order_by(Order.paid_at, Order.id).limit(20)
    newest = select(Order.id).order_by(Order.created_at.desc(), Order.id.desc()).limit(20)
    plans = []
    async with app.state.database.sessionmaker() as session, session.begin():
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        for statement in (search, queue, newest):
            sql = statement.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
            plans.append("\n".join((await session.execute(text(f"EXPLAIN {sql}"))).scalars()))

    assert "ix_orders_search_trgm" in plans[0], plans[0]
    assert "ix_orders_shipping_queue" in plans[1], plans[1]
    assert "ix_orders_created_at_id" in plans[2], plans[2]
