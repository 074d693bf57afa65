"""The internal API the payment service builds against (docs/internal-api.md)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from .conftest import INTERNAL, Person, Shop, error_code, serve

CONTRACT_FIELDS = {
    "id",
    "user_id",
    "status",
    "currency",
    "total_amount",
    "paid_amount",
    "refunded_amount",
    "payment_id",
    "expires_at",
    "created_at",
}


async def _pending_order(
    shop: Shop, shopper: Person, *, stock: int = 10, quantity: int = 2
) -> dict[str, Any]:
    variant = await shop.variant_id(stock=stock, price=124950)
    return await shop.order(shopper, variant, quantity)


def refund(order: dict[str, Any], amount: int, refund_id: str, payment_id: str = "pay_1") -> dict[str, Any]:
    return {"payment_id": payment_id, "refund_id": refund_id, "amount": amount, "currency": order["currency"]}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/internal/v1/orders/{id}"),
        ("POST", "/internal/v1/orders/{id}/mark-paid"),
        ("POST", "/internal/v1/orders/{id}/mark-refunded"),
    ],
)
@pytest.mark.parametrize("token", [None, "wrong-token"])
async def test_internal_endpoints_refuse_a_missing_or_wrong_service_token(
    shop: Shop, method: str, path: str, token: str | None
) -> None:
    headers = {"X-Internal-Token": token} if token else {}
    response = await shop.client.request(method, path.format(id=uuid.uuid4()), headers=headers, json={})

    assert response.status_code == 401
    assert error_code(response) == "unauthorized"


async def test_internal_endpoints_refuse_everyone_when_no_token_is_configured(
    make_settings: Any, shopper: Person
) -> None:
    async with serve(make_settings(internal_api_token="")) as running, running.client() as client:
        response = await client.get(f"/internal/v1/orders/{uuid.uuid4()}", headers={"X-Internal-Token": ""})
        assert response.status_code == 401


async def test_get_order_returns_the_contract_shape(shop: Shop, shopper: Person) -> None:
    order = await _pending_order(shop, shopper)

    response = await shop.client.get(f"/internal/v1/orders/{order['id']}", headers=INTERNAL)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == CONTRACT_FIELDS
    assert body["id"] == order["id"]
    assert body["user_id"] == str(shopper.id)
    assert body["status"] == "pending"
    assert body["currency"] == "INR"
    assert body["total_amount"] == 249900
    assert (body["paid_amount"], body["refunded_amount"], body["payment_id"]) == (0, 0, None)
    assert body["expires_at"].endswith("Z")


async def test_get_unknown_order_is_404(shop: Shop) -> None:
    response = await shop.client.get(f"/internal/v1/orders/{uuid.uuid4()}", headers=INTERNAL)

    assert response.status_code == 404
    assert error_code(response) == "order_not_found"


async def test_mark_paid_turns_the_reservation_into_a_sale(shop: Shop, shopper: Person) -> None:
    product = await shop.product(stock=10, price=124950)
    variant = product["variants"][0]["id"]
    order = await shop.order(shopper, variant, 2)
    assert await shop.stock(product["id"], variant) | {"adjustments": None} == {
        "variant_id": variant,
        "sku": product["variants"][0]["sku"],
        "on_hand": 10,
        "reserved": 2,
        "available": 8,
        "adjustments": None,
    }

    response = await shop.mark_paid(order, "pay_abc")

    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == CONTRACT_FIELDS
    assert (body["status"], body["paid_amount"], body["payment_id"]) == ("paid", 249900, "pay_abc")
    stock = await shop.stock(product["id"], variant)
    assert (stock["on_hand"], stock["reserved"], stock["available"]) == (8, 0, 8)
    details = await shop.client.get(f"/api/v1/orders/{order['id']}/details", headers=shopper.headers)
    transitions = details.json()["transitions"]
    assert [(t["from_status"], t["to_status"], t["actor"]) for t in transitions] == [
        (None, "pending", f"customer:{shopper.id}"),
        ("pending", "paid", "payment"),
    ]
    assert details.json()["paid_at"] is not None


async def test_mark_paid_again_with_the_same_payment_changes_nothing(shop: Shop, shopper: Person) -> None:
    product = await shop.product(stock=10)
    variant = product["variants"][0]["id"]
    order = await shop.order(shopper, variant, 3)
    first = await shop.mark_paid(order, "pay_same")

    again = await shop.mark_paid(order, "pay_same")

    assert again.status_code == 200
    assert again.json() == first.json()
    stock = await shop.stock(product["id"], variant)
    assert (stock["on_hand"], stock["reserved"]) == (7, 0)  # sold once, not twice
    details = await shop.client.get(f"/api/v1/orders/{order['id']}/details", headers=shopper.headers)
    assert [t["to_status"] for t in details.json()["transitions"]] == ["pending", "paid"]


async def test_mark_paid_by_another_payment_is_already_paid(shop: Shop, shopper: Person) -> None:
    order = await _pending_order(shop, shopper)
    assert (await shop.mark_paid(order, "pay_first")).status_code == 200

    response = await shop.mark_paid(order, "pay_second")

    assert response.status_code == 409
    assert error_code(response) == "already_paid"


@pytest.mark.parametrize(
    ("amount_delta", "currency"),
    [(-1, "INR"), (1, "INR"), (0, "USD")],
)
async def test_mark_paid_with_a_different_amount_or_currency_is_refused(
    shop: Shop, shopper: Person, amount_delta: int, currency: str
) -> None:
    order = await _pending_order(shop, shopper)

    response = await shop.client.post(
        f"/internal/v1/orders/{order['id']}/mark-paid",
        json={"payment_id": "pay_x", "amount": order["total_amount"] + amount_delta, "currency": currency},
        headers=INTERNAL,
    )

    assert response.status_code == 422
    assert error_code(response) == "amount_mismatch"
    assert response.json()["error"]["details"]["expected_amount"] == order["total_amount"]
    current = await shop.client.get(f"/internal/v1/orders/{order['id']}", headers=INTERNAL)
    assert current.json()["status"] == "pending"


async def test_mark_paid_on_a_cancelled_order_is_not_payable(shop: Shop, shopper: Person) -> None:
    order = await _pending_order(shop, shopper)
    cancelled = await shop.client.post(f"/api/v1/orders/{order['id']}/cancel", headers=shopper.headers)
    assert cancelled.status_code == 200

    response = await shop.mark_paid(order)

    assert response.status_code == 409
    assert error_code(response) == "order_not_payable"


async def test_mark_paid_unknown_order_is_404(shop: Shop) -> None:
    response = await shop.client.post(
        f"/internal/v1/orders/{uuid.uuid4()}/mark-paid",
        json={"payment_id": "pay_1", "amount": 100, "currency": "INR"},
        headers=INTERNAL,
    )

    assert response.status_code == 404
    assert error_code(response) == "order_not_found"


@pytest.mark.parametrize(
    "body",
    [
        {"amount": 100, "currency": "INR"},
        {"payment_id": "pay_1", "amount": 0, "currency": "INR"},
        {"payment_id": "pay_1", "amount": 100, "currency": "inr"},
    ],
)
async def test_mark_paid_with_an_invalid_body_is_422(
    shop: Shop, shopper: Person, body: dict[str, Any]
) -> None:
    order = await _pending_order(shop, shopper)

    response = await shop.client.post(
        f"/internal/v1/orders/{order['id']}/mark-paid", json=body, headers=INTERNAL
    )

    assert response.status_code == 422
    assert error_code(response) == "validation_error"


async def test_partial_then_full_refund(shop: Shop, shopper: Person) -> None:
    order = await _pending_order(shop, shopper)
    await shop.mark_paid(order)
    url = f"/internal/v1/orders/{order['id']}/mark-refunded"

    partial = await shop.client.post(url, json=refund(order, 50000, "re_1"), headers=INTERNAL)
    assert partial.status_code == 200, partial.text
    assert (partial.json()["status"], partial.json()["refunded_amount"]) == ("partially_refunded", 50000)

    second_partial = await shop.client.post(url, json=refund(order, 100000, "re_2"), headers=INTERNAL)
    assert (second_partial.json()["status"], second_partial.json()["refunded_amount"]) == (
        "partially_refunded",
        150000,
    )

    rest = await shop.client.post(url, json=refund(order, 249900 - 150000, "re_3"), headers=INTERNAL)
    assert rest.status_code == 200
    assert (rest.json()["status"], rest.json()["refunded_amount"]) == ("refunded", 249900)

    details = await shop.client.get(f"/api/v1/orders/{order['id']}/details", headers=shopper.headers)
    assert [(t["from_status"], t["to_status"]) for t in details.json()["transitions"]] == [
        (None, "pending"),
        ("pending", "paid"),
        ("paid", "partially_refunded"),
        ("partially_refunded", "partially_refunded"),
        ("partially_refunded", "refunded"),
    ]


async def test_the_same_refund_again_changes_nothing(shop: Shop, shopper: Person) -> None:
    order = await _pending_order(shop, shopper)
    await shop.mark_paid(order)
    url = f"/internal/v1/orders/{order['id']}/mark-refunded"
    first = await shop.client.post(url, json=refund(order, 50000, "re_once"), headers=INTERNAL)

    again = await shop.client.post(url, json=refund(order, 50000, "re_once"), headers=INTERNAL)

    assert again.status_code == 200
    assert again.json() == first.json()
    assert again.json()["refunded_amount"] == 50000


async def test_refund_beyond_what_was_paid_is_refused(shop: Shop, shopper: Person) -> None:
    order = await _pending_order(shop, shopper)
    await shop.mark_paid(order)
    url = f"/internal/v1/orders/{order['id']}/mark-refunded"
    await shop.client.post(url, json=refund(order, 200000, "re_a"), headers=INTERNAL)

    response = await shop.client.post(url, json=refund(order, 49901, "re_b"), headers=INTERNAL)

    assert response.status_code == 409
    assert error_code(response) == "refund_exceeds_paid"
    assert response.json()["error"]["details"] == {"refundable_amount": 49900}


async def test_refund_of_an_unpaid_order_is_refused(shop: Shop, shopper: Person) -> None:
    order = await _pending_order(shop, shopper)

    response = await shop.client.post(
        f"/internal/v1/orders/{order['id']}/mark-refunded", json=refund(order, 100, "re_1"), headers=INTERNAL
    )

    assert response.status_code == 409
    assert error_code(response) == "order_not_paid"


async def test_refund_naming_another_payment_is_refused(shop: Shop, shopper: Person) -> None:
    order = await _pending_order(shop, shopper)
    await shop.mark_paid(order, "pay_real")

    response = await shop.client.post(
        f"/internal/v1/orders/{order['id']}/mark-refunded",
        json=refund(order, 100, "re_1", payment_id="pay_duplicate"),
        headers=INTERNAL,
    )

    assert response.status_code == 409
    assert error_code(response) == "payment_mismatch"


async def test_refund_id_of_another_order_is_refused(shop: Shop, shopper: Person) -> None:
    variant = await shop.variant_id(stock=10)
    first = await shop.order(shopper, variant)
    second = await shop.order(shopper, variant)
    for order in (first, second):
        await shop.mark_paid(order, f"pay_{order['id']}")
    await shop.client.post(
        f"/internal/v1/orders/{first['id']}/mark-refunded",
        json=refund(first, 100, "re_shared", payment_id=f"pay_{first['id']}"),
        headers=INTERNAL,
    )

    response = await shop.client.post(
        f"/internal/v1/orders/{second['id']}/mark-refunded",
        json=refund(second, 100, "re_shared", payment_id=f"pay_{second['id']}"),
        headers=INTERNAL,
    )

    assert response.status_code == 409
    assert error_code(response) == "refund_id_conflict"


async def test_refund_unknown_order_is_404(shop: Shop) -> None:
    response = await shop.client.post(
        f"/internal/v1/orders/{uuid.uuid4()}/mark-refunded",
        json={"payment_id": "p", "refund_id": "r", "amount": 1, "currency": "INR"},
        headers=INTERNAL,
    )

    assert response.status_code == 404
    assert error_code(response) == "order_not_found"


async def test_a_fulfilled_order_can_be_refunded(shop: Shop, shopper: Person) -> None:
    order = await _pending_order(shop, shopper)
    await shop.mark_paid(order)
    fulfilled = await shop.client.post(f"/api/v1/orders/{order['id']}/fulfil", headers=shop.admin.headers)
    assert fulfilled.json()["status"] == "fulfilled"

    response = await shop.client.post(
        f"/internal/v1/orders/{order['id']}/mark-refunded",
        json=refund(order, 249900, "re_all"),
        headers=INTERNAL,
    )

    assert response.status_code == 200
    assert response.json()["status"] == "refunded"
