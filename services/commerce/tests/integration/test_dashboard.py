"""The admin dashboard's figures against a hand-made set of orders, and the low-stock threshold and metric."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from fastapi import FastAPI
from sqlalchemy import update

from commerce.orders.models import Order, OrderRefund

from .conftest import INTERNAL, Person, Shop, error_code

DASHBOARD = "/api/v1/admin/dashboard"
INDIA = ZoneInfo("Asia/Kolkata")


def _india(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=INDIA)


async def _set(app: FastAPI, model: type[Order] | type[OrderRefund], where: Any, **values: Any) -> None:
    async with app.state.database.sessionmaker() as session, session.begin():
        await session.execute(update(model).where(where).values(**values))


async def _paid(shop: Shop, who: Person, variant: str, quantity: int, payment_id: str) -> dict[str, Any]:
    order = await shop.order(who, variant, quantity)
    paid = await shop.mark_paid(order, payment_id)
    assert paid.status_code == 200, paid.text
    return order


async def _refund(shop: Shop, order: dict[str, Any], amount: int, refund_id: str, payment_id: str) -> None:
    base = f"/internal/v1/orders/{order['id']}"
    body = {"payment_id": payment_id, "amount": amount, "currency": order["currency"]}
    hold = {**body, "hold_id": f"h-{refund_id}", "full": False, "by_owner": False}
    held = await shop.client.post(f"{base}/refund-hold", json=hold, headers=INTERNAL)
    assert held.status_code == 200, held.text
    settled = await shop.client.post(
        f"{base}/mark-refunded",
        json={**body, "refund_id": refund_id, "hold_id": f"h-{refund_id}"},
        headers=INTERNAL,
    )
    assert settled.status_code == 200, settled.text


async def _threshold(shop: Shop, product: dict[str, Any], threshold: int) -> httpx.Response:
    variant = product["variants"][0]["id"]
    return await shop.client.patch(
        f"/api/v1/products/{product['id']}/variants/{variant}/stock",
        json={"low_stock_threshold": threshold},
        headers=shop.admin.headers,
    )


async def test_the_dashboard_adds_up_a_hand_made_week(
    shop: Shop, app: FastAPI, person: Callable[..., Person]
) -> None:
    today = datetime.now(INDIA).date()
    kurta = await shop.product(title="Indigo Kurta", price=99900, stock=10)
    tee = await shop.product(title="Plain Tee", price=49901, stock=10)
    kurta_variant, tee_variant = kurta["variants"][0]["id"], tee["variants"][0]["id"]

    # Paid ten minutes after midnight in India: still the previous day in UTC, but today in the shop.
    just_after_midnight = await _paid(shop, person(), kurta_variant, 2, "pay_a")
    # Paid ten minutes before midnight in India two days ago (the same UTC day), then partly refunded today.
    late_evening = await _paid(shop, person(), tee_variant, 1, "pay_b")
    await _refund(shop, late_evening, 10000, "re_b", "pay_b")
    # Paid the day before the 7-day period starts: outside it.
    too_early = await _paid(shop, person(), tee_variant, 1, "pay_c")
    # Placed but never paid: never counts.
    await shop.order(person(), tee_variant, 3)

    await _set(app, Order, Order.id == just_after_midnight["id"], paid_at=_india(today, 0, 10))
    await _set(app, Order, Order.id == late_evening["id"], paid_at=_india(today - timedelta(days=2), 23, 50))
    await _set(app, Order, Order.id == too_early["id"], paid_at=_india(today - timedelta(days=7), 23, 59))
    await _set(app, OrderRefund, OrderRefund.refund_id == "re_b", created_at=_india(today, 0, 5))

    response = await shop.client.get(DASHBOARD, params={"days": 7}, headers=shop.admin.headers)

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["days"], body["currency"], body["time_zone"]) == (7, "INR", "Asia/Kolkata")
    assert (body["start"], body["end"]) == (str(today - timedelta(days=6)), str(today))
    assert body["totals"] == {
        "orders": 2,
        "revenue": 2 * 99900 + 49901,
        "average_order_value": (2 * 99900 + 49901) // 2 + 1,  # 124850.5 paise rounds half up
        "refunds": 1,
        "refunded": 10000,
    }
    per_day = {day["day"]: day for day in body["per_day"]}
    assert list(per_day) == [str(today - timedelta(days=n)) for n in range(6, -1, -1)]
    assert per_day[str(today)] == {
        "day": str(today),
        "orders": 1,
        "revenue": 2 * 99900,
        "refunds": 1,
        "refunded": 10000,
    }
    two_days_ago = str(today - timedelta(days=2))
    assert (per_day[two_days_ago]["orders"], per_day[two_days_ago]["revenue"]) == (1, 49901)
    yesterday = str(today - timedelta(days=1))
    assert per_day[yesterday] == {"day": yesterday, "orders": 0, "revenue": 0, "refunds": 0, "refunded": 0}
    assert [(row["title"], row["units"], row["revenue"]) for row in body["top_products"]] == [
        ("Indigo Kurta", 2, 2 * 99900),
        ("Plain Tee", 1, 49901),
    ]

    # The previous day's order joins the period when it is eight days long.
    longer = await shop.client.get(DASHBOARD, params={"days": 8}, headers=shop.admin.headers)
    assert longer.json()["totals"]["orders"] == 3


async def test_a_variant_runs_low_at_its_own_threshold(shop: Shop, client: httpx.AsyncClient) -> None:
    plenty = await shop.product(title="Plenty Shirt", stock=50)
    few = await shop.product(title="Few Scarves", stock=5)  # at the default threshold of 5
    last = await shop.product(title="Last Cap", stock=1)
    listed = await shop.client.get(DASHBOARD, headers=shop.admin.headers)
    low = listed.json()["low_stock"]
    assert {row["sku"] for row in low} == {few["variants"][0]["sku"], last["variants"][0]["sku"]}

    raised = await _threshold(shop, plenty, 60)
    assert raised.status_code == 200, raised.text
    assert (raised.json()["low_stock_threshold"], raised.json()["low_stock"]) == (60, True)
    lowered = await _threshold(shop, few, 0)
    assert (lowered.json()["low_stock_threshold"], lowered.json()["low_stock"]) == (0, False)

    body = (await shop.client.get(DASHBOARD, headers=shop.admin.headers)).json()
    assert [
        (row["product_title"], row["available"], row["low_stock_threshold"]) for row in body["low_stock"]
    ] == [
        ("Last Cap", 1, 5),
        ("Plenty Shirt", 50, 60),
    ]
    assert body["low_stock"][1]["product_id"] == plenty["id"]
    assert body["low_stock_count"] == 2

    metrics = await client.get("/metrics")
    assert "aarya_low_stock_variants 2.0" in metrics.text

    refused = await _threshold(shop, plenty, -1)
    assert (refused.status_code, error_code(refused)) == (422, "validation_error")


async def test_the_dashboard_and_the_threshold_are_for_admins_only(shop: Shop, shopper: Person) -> None:
    product = await shop.product()
    variant = product["variants"][0]["id"]

    assert (await shop.client.get(DASHBOARD, headers=shopper.headers)).status_code == 403
    assert (await shop.client.get(DASHBOARD)).status_code == 401
    patched = await shop.client.patch(
        f"/api/v1/products/{product['id']}/variants/{variant}/stock",
        json={"low_stock_threshold": 100},
        headers=shopper.headers,
    )
    assert patched.status_code == 403
    for days in (0, 366, "week"):
        response = await shop.client.get(DASHBOARD, params={"days": days}, headers=shop.admin.headers)
        assert (response.status_code, error_code(response)) == (422, "validation_error")
