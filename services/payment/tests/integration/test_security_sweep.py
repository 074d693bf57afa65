"""Proof under abuse: no payment route lets one shopper read, pay, refund or review another's payment, and
no forged access token gets in.

The sweep walks the OpenAPI route table, so a new route is swept without anyone remembering to (or must
be allowed below, with the reason). It generalises test_process.py
(test_a_user_cannot_pay_someone_elses_order, test_status_and_list_are_for_the_owner_and_admins) and
test_refunds.py (test_a_stranger_cannot_refund_a_payment).
"""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path
from typing import Any

import pytest

from kit.testing.security import accepted_forgeries, sweep
from payment.payments.models import Payment

from .conftest import VISA, Shop

# Routes a signed-in shopper may call that reach no other user's data, and why.
ALLOWED = {
    ("GET", "/health"): "the health probe",
    ("GET", "/metrics"): "the Prometheus scrape, loopback only",
    (
        "POST",
        "/api/v1/payments/verify",
    ): "the provider's webhook, authenticated by its signature (test_webhooks)",
}


async def state_of(shop: Shop, owner: uuid.UUID, order_id: uuid.UUID, payment_id: str) -> list[Any]:
    """What the sweep must not change: the owner's payment and its refunds, the order's payments, what
    the provider charged and what commerce was told."""
    reads = [f"/api/v1/payments/{payment_id}/status", f"/api/v1/payments?order_id={order_id}"]
    state: list[Any] = []
    for url in reads:
        response = await shop.client.get(url, headers=shop.auth(owner))
        assert response.status_code == 200, (url, response.text)
        state.append(response.json())
    return [
        *state,
        shop.offline.charge_attempts,
        len(await shop.refunds()),
        len(await shop.outbox()),
        len(await shop.assessments()),
        dataclasses.asdict(shop.commerce.orders[order_id]),
    ]


# A verified customer who is not the payer makes payment ask commerce who owns the order now (a claimed guest
# order); a guest typed the owner's address. Neither reaches the payment.
INTRUDERS: dict[str, dict[str, Any]] = {
    "customer": {"role": "customer"},
    "verified customer": {"role": "customer", "email": "owner@example.com", "email_verified": True},
    "guest": {"role": "guest", "email": "owner@example.com"},
}


@pytest.mark.parametrize("intruder_kind", list(INTRUDERS))
async def test_no_route_lets_a_shopper_reach_another_shoppers_payment(shop: Shop, intruder_kind: str) -> None:
    intruder, owner = uuid.uuid4(), uuid.uuid4()
    intruder_token = shop.mint_token(intruder, **INTRUDERS[intruder_kind])
    order = shop.order(owner)
    paid = await shop.paid(order)
    payment_id = paid["transaction_id"]
    before = await state_of(shop, owner, order.id, payment_id)

    outcomes = await sweep(
        shop.app,
        shop.client,
        # The key /intents requires; the routes where it is optional take it as a fresh retry key.
        {"Authorization": f"Bearer {intruder_token}", "Idempotency-Key": "sweep"},
        values={"order_id": str(order.id), "transaction_id": payment_id, "payment_id": payment_id},
        allowed=ALLOWED,
        bodies={
            # The intruder's card is the owner's: the retry path that hands back an existing payment.
            ("POST", "/api/v1/payments/process"): {"order_id": str(order.id), "payment_method": VISA},
            ("POST", "/api/v1/payments/intents"): {"order_id": str(order.id)},
            ("POST", "/api/v1/payments/admin/fraud-reviews/{payment_id}/decision"): {"action": "reject"},
        },
    )

    swept = {outcome.operation.route for outcome in outcomes}
    assert {
        ("POST", "/api/v1/payments/process"),
        ("POST", "/api/v1/payments/intents"),
        ("POST", "/api/v1/payments/{transaction_id}/refresh"),
        ("GET", "/api/v1/payments/{transaction_id}/status"),
        ("GET", "/api/v1/payments"),
        ("POST", "/api/v1/payments/{transaction_id}/refund"),
        ("POST", "/api/v1/payments/admin/fraud-reviews/{payment_id}/decision"),
    } <= swept
    assert [outcome for outcome in outcomes if not outcome.refused] == []
    assert await state_of(shop, owner, order.id, payment_id) == before
    payment: Payment = await shop.payment(payment_id)
    assert (payment.user_id, payment.status) == (owner, "succeeded")


async def test_forged_access_tokens_are_refused(shop: Shop, jwt_keys: Path) -> None:
    forger = uuid.uuid4()
    url = "/api/v1/payments/admin/fraud-reviews"
    genuine_admin = await shop.client.get(url, headers=shop.auth(forger, "admin"))
    assert genuine_admin.status_code == 200  # so a 401 below is the forgery's doing, not the route's

    assert await accepted_forgeries(shop.client, url, jwt_keys, forger) == {}
