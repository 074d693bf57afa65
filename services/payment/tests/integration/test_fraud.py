"""Fraud scoring against real history in PostgreSQL, the decisions, and the admins' review."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from payment.config import PaymentSettings
from payment.fraud.repository import FraudRepository
from payment.payments.models import Payment, idempotency_key, payment_id_for

from .conftest import Shop, card, shop_for


async def seed(shop: Shop, *, user_id: uuid.UUID, count: int = 1, **fields: Any) -> None:
    """Earlier payments, straight into the table (a factory)."""
    async with shop.app.state.database.sessionmaker() as session, session.begin():
        for _ in range(count):
            order_id = uuid.uuid4()
            values: dict[str, Any] = {
                "id": payment_id_for(idempotency_key(order_id, 1)),
                "order_id": order_id,
                "user_id": user_id,
                "attempt": 1,
                "idempotency_key": idempotency_key(order_id, 1),
                "provider": "offline",
                "status": "succeeded",
                "amount": 1000,
                "amount_captured": 1000,
                "currency": "INR",
                **fields,
            }
            session.add(Payment(**values))


async def reasons(shop: Shop, payment_id: str) -> dict[str, int]:
    [assessment] = [a for a in await shop.assessments() if a.payment_id == payment_id]
    return {reason["rule"]: reason["points"] for reason in assessment.reasons}


async def history_of(shop: Shop, payment_id: str) -> Any:
    async with shop.app.state.database.sessionmaker() as session:
        payment = await session.get(Payment, payment_id)
        assert payment is not None
        return await FraudRepository(session).history(payment)


async def test_a_first_ordinary_payment_is_allowed_with_no_reasons(shop: Shop) -> None:
    body = await shop.paid(shop.order())

    [assessment] = await shop.assessments()
    assert (assessment.score, assessment.decision, assessment.reasons) == (0, "allow", [])
    assert assessment.payment_id == body["transaction_id"]


async def test_velocity_per_user_counts_the_last_hour_only(shop: Shop) -> None:
    user = uuid.uuid4()
    await seed(shop, user_id=user, count=5, status="failed", amount_captured=0)
    await seed(shop, user_id=user, count=3, created_at=datetime.now(UTC) - timedelta(hours=2))

    body = await shop.paid(shop.order(user))

    history = await history_of(shop, body["transaction_id"])
    assert history.user_attempts_1h == 5
    assert (await reasons(shop, body["transaction_id"]))["velocity_user"] == 15


async def test_velocity_per_card_fingerprint_across_users(shop: Shop) -> None:
    first = await shop.paid(shop.order())
    fingerprint = (await shop.payment(first["transaction_id"])).card_fingerprint
    await seed(shop, user_id=uuid.uuid4(), card_fingerprint=fingerprint)

    body = await shop.paid(shop.order())

    history = await history_of(shop, body["transaction_id"])
    assert history.card_users_24h == 2
    assert (await reasons(shop, body["transaction_id"]))["velocity_card"] == 20


async def test_velocity_per_email_across_users(shop: Shop) -> None:
    for _ in range(2):
        await seed(shop, user_id=uuid.uuid4(), email="shared@example.com")

    body = await shop.paid(shop.order(), email="Shared@Example.com")

    assert (await reasons(shop, body["transaction_id"]))["velocity_email"] == 20


async def test_velocity_per_ip_uses_the_real_client_ip(shop: Shop) -> None:
    for _ in range(4):
        await seed(shop, user_id=uuid.uuid4(), client_ip="203.0.113.9")
    order = shop.order()

    response = await shop.pay(order, headers={"X-Forwarded-For": "203.0.113.9"})

    assert response.status_code == 201
    payment = await shop.payment(response.json()["transaction_id"])
    assert payment.client_ip == "203.0.113.9"
    assert (await reasons(shop, payment.id))["velocity_ip"] == 20


async def test_amount_against_the_users_history(shop: Shop) -> None:
    user = uuid.uuid4()
    await seed(shop, user_id=user, count=2, amount=1000, amount_captured=1000)
    await seed(shop, user_id=user, amount=90000, amount_captured=90000, currency="USD")

    body = await shop.paid(shop.order(user, total_amount=5000))

    history = await history_of(shop, body["transaction_id"])
    assert (history.user_paid_count, history.user_paid_average) == (2, 1000.0)
    assert (await reasons(shop, body["transaction_id"]))["amount_vs_history"] == 25


async def test_ip_country_from_the_trusted_proxy_header_against_the_card(shop: Shop) -> None:
    response = await shop.pay(shop.order(), card("4000003560000008"), headers={"X-Client-Country": "GB"})

    payment = await shop.payment(response.json()["transaction_id"])
    assert (payment.ip_country, payment.card_country) == ("GB", "IN")
    assert (await reasons(shop, payment.id))["country_mismatch"] == 20


async def test_the_country_header_from_an_untrusted_peer_is_ignored(
    make_settings: Any, commerce_state: Any, mint_token: Any
) -> None:
    settings: PaymentSettings = make_settings(trusted_proxies="10.9.9.9/32")
    async with shop_for(settings, commerce_state, mint_token) as shop:
        response = await shop.pay(shop.order(), headers={"X-Client-Country": "GB"})

        payment = await shop.payment(response.json()["transaction_id"])
        assert payment.ip_country is None


async def test_ip_country_from_the_configured_network_table(
    make_settings: Any, commerce_state: Any, mint_token: Any
) -> None:
    settings: PaymentSettings = make_settings(ip_country_networks="198.51.100.0/24=BR,127.0.0.0/8=FR")
    async with shop_for(settings, commerce_state, mint_token) as shop:
        response = await shop.pay(shop.order(), card("4000003560000008"))

        payment = await shop.payment(response.json()["transaction_id"])
        assert payment.ip_country == "FR"
        assert (await reasons(shop, payment.id))["country_mismatch"] == 20


async def test_billing_country_against_the_card(shop: Shop) -> None:
    body = await shop.paid(shop.order(), card("4000003560000008"), billing_country="us")

    assert (await reasons(shop, body["transaction_id"]))["country_mismatch"] == 10


async def test_declines_in_a_row(shop: Shop) -> None:
    user = uuid.uuid4()
    await seed(shop, user_id=user, created_at=datetime.now(UTC) - timedelta(minutes=30))
    order = shop.order(user)
    for _ in range(3):
        await shop.paid(order, card("4000000000000002"))

    body = await shop.paid(order)

    assert (await history_of(shop, body["transaction_id"])).consecutive_declines == 3
    assert (await reasons(shop, body["transaction_id"]))["consecutive_declines"] == 25


async def test_disposable_email_domain(shop: Shop) -> None:
    body = await shop.paid(shop.order(), email="someone@mailinator.com")

    assert (await reasons(shop, body["transaction_id"]))["disposable_email"] == 25


async def test_review_decisions_are_charged_and_listed_for_admins(shop: Shop) -> None:
    for _ in range(2):
        await seed(shop, user_id=uuid.uuid4(), email="x@mailinator.com")
    order = shop.order()
    body = await shop.paid(
        order, card("4000003560000008"), email="x@mailinator.com", headers={"X-Client-Country": "GB"}
    )
    assert body["status"] == "succeeded"

    listing = await shop.client.get("/api/v1/payments/admin/fraud-reviews", headers=shop.admin())

    assert listing.status_code == 200
    page = listing.json()
    assert (page["total"], page["page"]) == (1, 1)
    [review] = page["items"]
    assert (review["payment_id"], review["decision"], review["score"]) == (
        body["transaction_id"],
        "review",
        65,
    )
    assert {r["rule"]: r["reason"] for r in review["reasons"]} == {
        "velocity_email": "e-mail used by 2 other users in 24 hours",
        "country_mismatch": "IP address in GB, card issued in IN",
        "disposable_email": "disposable e-mail domain mailinator.com",
    }
    assert review["review_status"] == "open"


async def test_block_decisions_are_not_charged(shop: Shop) -> None:
    user = uuid.uuid4()
    await seed(shop, user_id=user, count=10, status="failed", amount_captured=0)
    order = shop.order(user)

    body = await shop.paid(
        order, card("4000003560000008"), email="x@mailinator.com", headers={"X-Client-Country": "GB"}
    )

    assert (body["status"], body["failure_code"]) == ("blocked", "fraud_blocked")
    assert shop.offline.charge_attempts == 0
    [assessment] = await shop.assessments()
    assert assessment.decision == "block"
    assert assessment.score >= 80
    blocked = await shop.client.get(
        "/api/v1/payments/admin/fraud-reviews?decision=block", headers=shop.admin()
    )
    assert [r["payment_id"] for r in blocked.json()["items"]] == [body["transaction_id"]]


async def test_radar_elevated_risk_sends_a_charged_payment_to_review(shop: Shop) -> None:
    body = await shop.paid(shop.order(), card("4000000000009235"))

    assert body["status"] == "succeeded"
    [assessment] = await shop.assessments()
    assert (assessment.decision, assessment.radar_risk_level, assessment.radar_risk_score) == (
        "review",
        "elevated",
        70,
    )


async def test_fraud_reviews_are_for_admins_only(shop: Shop) -> None:
    response = await shop.client.get("/api/v1/payments/admin/fraud-reviews", headers=shop.auth(uuid.uuid4()))

    assert response.status_code == 403


async def test_rejecting_a_review_refunds_the_payment(shop: Shop) -> None:
    order = shop.order()
    body = await shop.paid(order, card("4000000000009235"))
    await shop.deliver_outbox()

    response = await shop.client.post(
        f"/api/v1/payments/admin/fraud-reviews/{body['transaction_id']}/decision",
        json={"action": "reject", "note": "stolen card"},
        headers=shop.admin(),
    )

    assert response.status_code == 200, response.text
    review = response.json()
    assert (review["review_status"], review["review_note"], review["payment_status"]) == (
        "rejected",
        "stolen card",
        "refunded",
    )
    [refund] = await shop.refunds()
    assert refund.reason == "fraudulent"
    await shop.deliver_outbox()
    assert order.status == "refunded"
    again = await shop.client.post(
        f"/api/v1/payments/admin/fraud-reviews/{body['transaction_id']}/decision",
        json={"action": "approve"},
        headers=shop.admin(),
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_reviewed"


async def test_approving_a_block_lets_the_order_be_paid(shop: Shop) -> None:
    order = shop.order()
    blocked = await shop.paid(order, card("4100000000000019"))
    assert blocked["status"] == "blocked"

    approve = await shop.client.post(
        f"/api/v1/payments/admin/fraud-reviews/{blocked['transaction_id']}/decision",
        json={"action": "approve"},
        headers=shop.admin(),
    )
    retry = await shop.paid(order)

    assert approve.json()["review_status"] == "approved"
    assert retry["status"] == "succeeded"


async def test_an_allowed_payment_has_nothing_to_review(shop: Shop) -> None:
    body = await shop.paid(shop.order())

    response = await shop.client.post(
        f"/api/v1/payments/admin/fraud-reviews/{body['transaction_id']}/decision",
        json={"action": "approve"},
        headers=shop.admin(),
    )

    assert response.status_code == 404
