"""The internal API the payment service builds against (docs/internal-api.md)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from commerce.config import CommerceSettings

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
        ("POST", "/internal/v1/orders/{id}/refund-hold"),
        ("POST", "/internal/v1/orders/{id}/refund-release"),
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
    async with serve(make_settings(internal_caller_tokens={})) as running, running.client() as client:
        for token in ("", INTERNAL["X-Internal-Token"]):
            response = await client.get(
                f"/internal/v1/orders/{uuid.uuid4()}", headers={"X-Internal-Token": token}
            )
            assert response.status_code == 401


async def test_a_token_is_only_its_callers_and_opens_only_the_routes_for_that_caller(
    make_settings: Any,
) -> None:
    """One token per caller: the old shared INTERNAL_API_TOKEN of every service opens nothing here, and a
    known caller that is not payment may not mark orders paid."""
    tokens = {"payment": "payment-token", "reports": "reports-token"}
    settings = make_settings(internal_caller_tokens=tokens, internal_api_token="old-shared-token")
    async with serve(settings) as running, running.client() as client:
        url = f"/internal/v1/orders/{uuid.uuid4()}"
        as_payment = await client.get(url, headers={"X-Internal-Token": "payment-token"})
        as_reports = await client.get(url, headers={"X-Internal-Token": "reports-token"})
        shared = await client.get(url, headers={"X-Internal-Token": "old-shared-token"})
        mark_paid = await client.post(
            f"{url}/mark-paid",
            json={"payment_id": "pay_1", "amount": 100, "currency": "INR"},
            headers={"X-Internal-Token": "reports-token"},
        )

    assert (as_payment.status_code, error_code(as_payment)) == (404, "order_not_found")
    assert (as_reports.status_code, error_code(as_reports)) == (403, "forbidden")
    assert (shared.status_code, error_code(shared)) == (401, "unauthorized")
    assert (mark_paid.status_code, error_code(mark_paid)) == (403, "forbidden")


def test_the_caller_tokens_are_read_as_caller_equals_token_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AARYA_ENV_FILE", raising=False)
    monkeypatch.setenv("INTERNAL_CALLER_TOKENS", "payment=tok-1, reports=tok=2")

    tokens = CommerceSettings.from_environment().internal_caller_tokens

    assert {caller: token.get_secret_value() for caller, token in tokens.items()} == {
        "payment": "tok-1",
        "reports": "tok=2",
    }
    assert "tok-1" not in repr(CommerceSettings.from_environment())
    monkeypatch.setenv("INTERNAL_CALLER_TOKENS", "just-a-token")
    with pytest.raises(ValueError, match="caller=token"):
        CommerceSettings.from_environment()


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
        "low_stock_threshold": 5,
        "low_stock": False,
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


# Refund holds: commerce decides, under the order's lock, before payment asks the provider.


def hold(
    order: dict[str, Any], amount: int, hold_id: str, *, full: bool, by_owner: bool = False
) -> dict[str, Any]:
    return {
        "hold_id": hold_id,
        "payment_id": "pay_1",
        "amount": amount,
        "currency": order["currency"],
        "full": full,
        "by_owner": by_owner,
    }


async def _paid_order(shop: Shop, shopper: Person) -> dict[str, Any]:
    order = await _pending_order(shop, shopper)
    assert (await shop.mark_paid(order)).status_code == 200
    return order


async def test_a_full_refund_hold_blocks_fulfilment_until_the_refund_settles(
    shop: Shop, shopper: Person
) -> None:
    order = await _paid_order(shop, shopper)
    base = f"/internal/v1/orders/{order['id']}"

    held = await shop.client.post(
        f"{base}/refund-hold", json=hold(order, 249900, "h1", full=True), headers=INTERNAL
    )
    again = await shop.client.post(
        f"{base}/refund-hold", json=hold(order, 249900, "h1", full=True), headers=INTERNAL
    )
    fulfil = await shop.client.post(f"/api/v1/orders/{order['id']}/fulfil", headers=shop.admin.headers)
    other = await shop.client.post(
        f"{base}/refund-hold", json=hold(order, 100, "h2", full=False), headers=INTERNAL
    )
    settled = await shop.client.post(
        f"{base}/mark-refunded", json={**refund(order, 249900, "re_1"), "hold_id": "h1"}, headers=INTERNAL
    )

    assert (held.status_code, held.json()["status"]) == (200, "refund_pending")
    assert (again.status_code, again.json()["status"]) == (200, "refund_pending")
    assert (fulfil.status_code, error_code(fulfil)) == (409, "refund_pending")
    assert (other.status_code, error_code(other)) == (409, "refund_in_progress")
    assert (settled.status_code, settled.json()["status"]) == (200, "refunded")


async def test_a_refused_refund_releases_the_hold_and_the_order_ships(shop: Shop, shopper: Person) -> None:
    order = await _paid_order(shop, shopper)
    base = f"/internal/v1/orders/{order['id']}"
    await shop.client.post(f"{base}/refund-hold", json=hold(order, 249900, "h1", full=True), headers=INTERNAL)

    released = await shop.client.post(f"{base}/refund-release", json={"hold_id": "h1"}, headers=INTERNAL)
    twice = await shop.client.post(f"{base}/refund-release", json={"hold_id": "h1"}, headers=INTERNAL)
    fulfil = await shop.client.post(f"/api/v1/orders/{order['id']}/fulfil", headers=shop.admin.headers)

    assert (released.json()["status"], twice.json()["status"]) == ("paid", "paid")
    assert fulfil.status_code == 200, fulfil.text


async def test_a_partly_refunded_order_can_still_be_shipped(shop: Shop, shopper: Person) -> None:
    order = await _paid_order(shop, shopper)
    base = f"/internal/v1/orders/{order['id']}"

    held = await shop.client.post(
        f"{base}/refund-hold", json=hold(order, 50000, "h1", full=False), headers=INTERNAL
    )
    await shop.client.post(
        f"{base}/mark-refunded", json={**refund(order, 50000, "re_1"), "hold_id": "h1"}, headers=INTERNAL
    )
    fulfil = await shop.client.post(f"/api/v1/orders/{order['id']}/fulfil", headers=shop.admin.headers)
    again = await shop.client.post(f"/api/v1/orders/{order['id']}/fulfil", headers=shop.admin.headers)

    assert held.json()["status"] == "paid"  # a partial refund holds nothing
    assert fulfil.status_code == 200, fulfil.text
    assert [t["to_status"] for t in fulfil.json()["transitions"]][-2:] == ["partially_refunded", "fulfilled"]
    assert (again.status_code, error_code(again)) == (409, "order_not_fulfillable")  # shipped once


async def test_the_owner_may_not_hold_a_shipped_order_but_an_admin_may(shop: Shop, shopper: Person) -> None:
    order = await _paid_order(shop, shopper)
    base = f"/internal/v1/orders/{order['id']}"
    await shop.client.post(f"/api/v1/orders/{order['id']}/fulfil", headers=shop.admin.headers)

    owner = await shop.client.post(
        f"{base}/refund-hold", json=hold(order, 249900, "h1", full=True, by_owner=True), headers=INTERNAL
    )
    admin = await shop.client.post(
        f"{base}/refund-hold", json=hold(order, 249900, "h2", full=True), headers=INTERNAL
    )
    released = await shop.client.post(f"{base}/refund-release", json={"hold_id": "h2"}, headers=INTERNAL)

    assert (owner.status_code, error_code(owner)) == (409, "order_not_refundable_by_owner")
    assert owner.json()["error"]["details"] == {"status": "fulfilled"}
    assert admin.json()["status"] == "refund_pending"
    assert released.json()["status"] == "fulfilled"  # back where it was


async def test_a_hold_is_checked_like_the_refund_itself(shop: Shop, shopper: Person) -> None:
    pending = await _pending_order(shop, shopper)
    paid = await _paid_order(shop, shopper)

    unpaid = await shop.client.post(
        f"/internal/v1/orders/{pending['id']}/refund-hold",
        json=hold(pending, 100, "h1", full=False),
        headers=INTERNAL,
    )
    too_much = await shop.client.post(
        f"/internal/v1/orders/{paid['id']}/refund-hold",
        json=hold(paid, 249901, "h2", full=True),
        headers=INTERNAL,
    )
    wrong_payment = await shop.client.post(
        f"/internal/v1/orders/{paid['id']}/refund-hold",
        json={**hold(paid, 100, "h3", full=False), "payment_id": "pay_other"},
        headers=INTERNAL,
    )

    assert (unpaid.status_code, error_code(unpaid)) == (409, "order_not_paid")
    assert (too_much.status_code, error_code(too_much)) == (409, "refund_exceeds_paid")
    assert (wrong_payment.status_code, error_code(wrong_payment)) == (409, "payment_mismatch")
