"""Order e-mails through a real SMTP server: one HTML + text mail per event, retried when the relay fails,
never sent twice (not even by two workers at once), and nothing of the shopper in the logs."""

from __future__ import annotations

import asyncio
import email
import stat
import uuid
from collections.abc import AsyncIterator, Callable
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text, update

from commerce.config import CommerceSettings
from commerce.emails.models import OrderEmail
from commerce.emails.worker import OutboxWorker
from commerce.orders.expiry import expire_reservations
from commerce.orders.models import Order
from kit.db import Database
from kit.testing.logs import capturing
from kit.testing.servers import SmtpSink

from .conftest import INTERNAL, Person, Running, Shop, error_code, serve

SITE = "https://shop.example.test"
EMAIL = "asha.rao@example.com"
TITLE = "Block Print Anarkali Kurta"


@pytest.fixture
def mail_settings(make_settings: Callable[..., CommerceSettings], smtp_sink: SmtpSink) -> CommerceSettings:
    return make_settings(
        email_backend="smtp",
        smtp_port=smtp_sink.port,
        site_url=SITE,
        shop_name="Aarya Clothing",
        mail_retry_base_seconds=0.5,
        mail_retry_max_seconds=1,
    )


@pytest.fixture
async def mail_running(mail_settings: CommerceSettings, smtp_sink: SmtpSink) -> AsyncIterator[Running]:
    smtp_sink.clear()
    async with serve(mail_settings) as running:
        yield running
    smtp_sink.clear()


@pytest.fixture
async def mail_shop(mail_running: Running, admin: Person) -> AsyncIterator[Shop]:
    async with mail_running.client() as http:
        yield Shop(http, admin)


@pytest.fixture
def buyer(person: Callable[..., Person]) -> Person:
    return person(email=EMAIL, email_verified=True)


def worker(running: Running, settings: CommerceSettings, **overrides: Any) -> OutboxWorker:
    return OutboxWorker(running.app.state.database, settings.model_copy(update=overrides))


async def kurta(shop: Shop) -> dict[str, Any]:
    # ₹61,728 each: two of them make ₹1,23,456 (Indian grouping).
    return await shop.product(title=TITLE, colours=("Indigo",), sizes=("L",), price=6_172_800, stock=10)


async def placed(shop: Shop, who: Person, quantity: int = 2) -> tuple[dict[str, Any], dict[str, Any]]:
    product = await kurta(shop)
    return product, await shop.order(who, product["variants"][0]["id"], quantity)


def parts(message: EmailMessage) -> tuple[str, str]:
    plain, html = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None, message.get_content_type()
    assert html is not None, message.get_content_type()
    return plain.get_content(), html.get_content()


async def outbox(running: Running) -> list[OrderEmail]:
    async with running.app.state.database.sessionmaker() as session:
        return list((await session.scalars(select(OrderEmail).order_by(OrderEmail.id))).all())


async def test_every_order_event_sends_one_html_and_text_mail_with_the_lines(
    mail_shop: Shop,
    mail_running: Running,
    mail_settings: CommerceSettings,
    smtp_sink: SmtpSink,
    buyer: Person,
) -> None:
    shop, send = mail_shop, worker(mail_running, mail_settings)
    product, order = await placed(shop, buyer)
    ref = f"#{order['id'][:8].upper()}"

    assert await send.deliver_due() == 1  # the confirmation
    assert (await shop.mark_paid(order)).status_code == 200
    assert await send.deliver_due() == 1  # the payment receipt
    fulfilled = await shop.client.post(
        f"/api/v1/orders/{order['id']}/fulfil",
        json={"carrier": "Delhivery", "tracking_number": "AWB 1234-5678"},
        headers=shop.admin.headers,
    )
    assert fulfilled.status_code == 200, fulfilled.text
    assert (fulfilled.json()["carrier"], fulfilled.json()["tracking_number"]) == (
        "Delhivery",
        "AWB 1234-5678",
    )
    refund = {"payment_id": "pay_1", "refund_id": "re_1", "amount": 50_000, "currency": "INR"}
    refunded = await shop.client.post(
        f"/internal/v1/orders/{order['id']}/mark-refunded", json=refund, headers=INTERNAL
    )
    again = await shop.client.post(
        f"/internal/v1/orders/{order['id']}/mark-refunded", json=refund, headers=INTERNAL
    )
    assert (refunded.status_code, again.status_code) == (200, 200)
    assert await send.deliver_due() == 2  # shipment and refund, the repeated refund not again
    assert await send.deliver_due() == 0

    mails = smtp_sink.to(EMAIL)
    assert [str(m["Subject"]) for m in mails] == [
        f"We have your order {ref} · Aarya Clothing",
        f"Payment received for your order {ref} · Aarya Clothing",
        f"Your order {ref} is on its way · Aarya Clothing",
        f"Refund of ₹500 for your order {ref} · Aarya Clothing",
    ]
    image = f"{SITE}{product['images'][0]['url']}"
    for mail in mails:
        assert mail.get_content_type() == "multipart/alternative"
        assert str(mail["From"]) == mail_settings.mail_from
        plain, html = parts(mail)
        assert TITLE in plain
        assert "Size L · Colour Indigo · Qty 2 · ₹1,23,456" in plain
        assert "Total: ₹1,23,456" in plain
        assert f"{SITE}/orders/{order['id']}" in plain
        assert f'<img src="{image}"' in html
        assert "Size L · Colour Indigo · Qty 2" in html
        assert "₹61,728 each" in html
        assert f'href="{SITE}/orders/{order["id"]}"' in html
    confirmation, receipt, shipment, refund_mail = (parts(m)[0] for m in mails)
    assert "Complete your payment" in confirmation
    assert "We received your payment of ₹1,23,456" in receipt
    assert "Carrier: Delhivery" in shipment
    assert "Tracking number: AWB 1234-5678" in shipment
    assert "We have refunded ₹500" in refund_mail
    assert "Refunded so far: ₹500" in refund_mail
    assert "<strong>AWB 1234-5678</strong>" in parts(mails[2])[1]


async def test_cancelling_and_expiring_send_a_cancellation_once(
    mail_shop: Shop,
    mail_running: Running,
    mail_settings: CommerceSettings,
    smtp_sink: SmtpSink,
    buyer: Person,
) -> None:
    shop, send = mail_shop, worker(mail_running, mail_settings)
    _, cancelled = await placed(shop, buyer, 1)
    _, expiring = await placed(shop, buyer, 1)
    cancel = await shop.client.post(f"/api/v1/orders/{cancelled['id']}/cancel", headers=buyer.headers)
    assert cancel.status_code == 200, cancel.text
    async with mail_running.app.state.database.sessionmaker() as session, session.begin():
        await session.execute(
            update(Order)
            .where(Order.id == uuid.UUID(expiring["id"]))
            .values(expires_at=func.now() - text("interval '1 second'"))
        )
    assert await expire_reservations(
        mail_running.app.state.database, mail_running.app.state.redis, mail_settings
    )

    assert await send.deliver_due() == 4  # two confirmations, two cancellations
    cancellations = {
        str(m["Subject"]): parts(m)[0] for m in smtp_sink.to(EMAIL) if "cancelled" in str(m["Subject"])
    }
    by_hand = cancellations[f"Your order #{cancelled['id'][:8].upper()} was cancelled · Aarya Clothing"]
    by_clock = cancellations[f"Your order #{expiring['id'][:8].upper()} was cancelled · Aarya Clothing"]
    assert "was cancelled, and the items went back on sale" in by_hand
    assert "payment was not completed in time" in by_clock
    assert TITLE in by_hand
    assert TITLE in by_clock


async def test_a_relay_that_fails_first_is_retried_and_delivers_once(
    mail_shop: Shop,
    mail_running: Running,
    mail_settings: CommerceSettings,
    smtp_sink: SmtpSink,
    buyer: Person,
) -> None:
    send = worker(mail_running, mail_settings)
    await placed(mail_shop, buyer)
    smtp_sink.refuse_next = 1

    first = await send.deliver_due()
    early = await send.deliver_due()  # backing off: not due yet
    [failed] = await outbox(mail_running)
    await asyncio.sleep(0.6)
    second = await send.deliver_due()
    third = await send.deliver_due()
    [sent] = await outbox(mail_running)

    assert (first, early, second, third) == (0, 0, 1, 0)
    assert (failed.attempts, failed.sent_at, failed.last_error_class) == (1, None, "SMTPDataError")
    assert failed.next_attempt_at > failed.created_at
    assert sent.attempts == 2
    assert sent.sent_at is not None
    assert sent.last_error_class is None
    assert len(smtp_sink.to(EMAIL)) == 1


async def test_a_relay_down_for_good_stops_after_the_last_try(
    mail_shop: Shop,
    mail_running: Running,
    mail_settings: CommerceSettings,
    smtp_sink: SmtpSink,
    buyer: Person,
) -> None:
    down = worker(mail_running, mail_settings, smtp_port=1, mail_max_attempts=2, mail_retry_max_seconds=0.01)
    await placed(mail_shop, buyer)

    for _ in range(4):
        await down.deliver_due()
        await asyncio.sleep(0.05)
    [row] = await outbox(mail_running)

    assert (row.attempts, row.sent_at, row.last_error_class) == (2, None, "SMTPConnectError")
    assert smtp_sink.to(EMAIL) == []


async def test_two_workers_never_send_one_mail_twice(
    mail_shop: Shop,
    mail_running: Running,
    mail_settings: CommerceSettings,
    smtp_sink: SmtpSink,
    person: Callable[..., Person],
) -> None:
    buyers = [person(email=f"buyer{n}@example.com") for n in range(8)]
    variant = (await kurta(mail_shop))["variants"][0]["id"]
    for who in buyers:
        await mail_shop.order(who, variant, 1)
    # Two instances: each its own connection pool, as on two hosts.
    databases = [Database(mail_settings.database_url, pool_size=2, max_overflow=0) for _ in range(2)]
    try:
        workers = [OutboxWorker(database, mail_settings) for database in databases]
        sent = await asyncio.gather(*(w.deliver_due() for w in workers), *(w.deliver_due() for w in workers))
    finally:
        for database in databases:
            await database.dispose()

    assert sum(sent) == 8
    assert sorted(str(m["To"]) for m in smtp_sink.messages) == sorted(
        f"buyer{n}@example.com" for n in range(8)
    )
    assert all(row.sent_at is not None and row.attempts == 1 for row in await outbox(mail_running))


async def test_a_locked_mail_is_skipped_by_another_worker(
    mail_shop: Shop,
    mail_running: Running,
    mail_settings: CommerceSettings,
    smtp_sink: SmtpSink,
    buyer: Person,
) -> None:
    await placed(mail_shop, buyer)
    send = worker(mail_running, mail_settings)
    async with mail_running.app.state.database.sessionmaker() as session, session.begin():
        await session.execute(select(OrderEmail).with_for_update())  # another worker is sending it
        assert await send.deliver_due() == 0
    assert await send.deliver_due() == 1
    assert len(smtp_sink.to(EMAIL)) == 1


async def test_the_worker_in_the_lifespan_sends_on_its_own(
    make_settings: Callable[..., CommerceSettings], smtp_sink: SmtpSink, admin: Person, buyer: Person
) -> None:
    smtp_sink.clear()
    settings = make_settings(smtp_port=smtp_sink.port, site_url=SITE, mail_outbox_interval_seconds=0.05)
    async with serve(settings) as running, running.client() as http:
        await placed(Shop(http, admin), buyer)
        for _ in range(100):
            if smtp_sink.to(EMAIL):
                break
            await asyncio.sleep(0.05)

    assert len(smtp_sink.to(EMAIL)) == 1


async def test_no_address_subject_or_content_reaches_the_logs(
    mail_shop: Shop,
    mail_running: Running,
    mail_settings: CommerceSettings,
    smtp_sink: SmtpSink,
    buyer: Person,
) -> None:
    down = worker(mail_running, mail_settings, smtp_port=1)
    send = worker(mail_running, mail_settings)
    with capturing() as records:
        _, order = await placed(mail_shop, buyer)
        await down.deliver_due()
        await asyncio.sleep(0.6)
        await send.deliver_due()

    logged = "\n".join(f"{record.getMessage()} {vars(record)}" for record in records)
    assert len(smtp_sink.to(EMAIL)) == 1
    assert "SMTPConnectError" in logged  # the failure is logged, by its class
    assert "sent" in logged
    for secret in (EMAIL, "asha.rao", TITLE, "We have your order", "Asha Rao", "12 MG Road", "₹"):
        assert secret not in logged, secret
    assert order["id"] in logged  # which order, so an operator can follow it


async def test_no_mail_is_queued_for_a_shopper_without_an_address(
    mail_shop: Shop, mail_running: Running, person: Callable[..., Person]
) -> None:
    await placed(mail_shop, person())  # a token from before tokens carried the e-mail

    assert await outbox(mail_running) == []


async def test_fulfilment_validates_the_carrier_and_tracking_number(
    mail_shop: Shop, mail_running: Running, buyer: Person
) -> None:
    shop = mail_shop
    _, order = await placed(shop, buyer, 1)
    await shop.mark_paid(order)
    url = f"/api/v1/orders/{order['id']}/fulfil"
    bad_bodies = [
        {"carrier": "", "tracking_number": "AWB123"},
        {"carrier": "Delhivery"},
        {"carrier": "Delhivery", "tracking_number": "<script>"},
        {"carrier": "Delhivery", "tracking_number": "x" * 65},
        {"carrier": "Delhivery", "tracking_number": "AWB123", "eta": "tomorrow"},
    ]

    refused = [await shop.client.post(url, json=body, headers=shop.admin.headers) for body in bad_bodies]
    details = await shop.client.get(f"/api/v1/orders/{order['id']}/details", headers=buyer.headers)

    for response in refused:
        assert (response.status_code, error_code(response)) == (422, "validation_error"), response.text
        assert response.json()["error"]["message"]
        assert response.json()["error"]["details"][0]["msg"]
    assert [d["loc"][-1] for d in (r.json()["error"]["details"][0] for r in refused)] == [
        "carrier",
        "tracking_number",
        "tracking_number",
        "tracking_number",
        "eta",
    ]
    assert details.json()["status"] == "paid"  # nothing shipped


async def test_fulfilment_without_a_body_still_ships_and_mails(
    mail_shop: Shop,
    mail_running: Running,
    mail_settings: CommerceSettings,
    smtp_sink: SmtpSink,
    buyer: Person,
) -> None:
    """An older admin client sends no body: the order ships, the mail just has no tracking."""
    shop = mail_shop
    _, order = await placed(shop, buyer, 1)
    await shop.mark_paid(order)

    fulfilled = await shop.client.post(f"/api/v1/orders/{order['id']}/fulfil", headers=shop.admin.headers)
    await worker(mail_running, mail_settings).deliver_due()

    assert fulfilled.status_code == 200
    assert fulfilled.json()["carrier"] is None
    shipment = [m for m in smtp_sink.to(EMAIL) if "on its way" in str(m["Subject"])]
    assert len(shipment) == 1
    assert "Tracking number" not in parts(shipment[0])[0]


async def test_a_product_title_is_escaped_in_the_html_part(
    mail_shop: Shop,
    mail_running: Running,
    mail_settings: CommerceSettings,
    smtp_sink: SmtpSink,
    buyer: Person,
) -> None:
    product = await mail_shop.product(title="Kurta <b>bold</b> & more", colours=("Red",), sizes=("M",))
    await mail_shop.order(buyer, product["variants"][0]["id"])
    await worker(mail_running, mail_settings).deliver_due()

    [mail] = smtp_sink.to(EMAIL)
    plain, html = parts(mail)
    assert "Kurta &lt;b&gt;bold&lt;/b&gt; &amp; more" in html
    assert "<b>bold</b>" not in html
    assert "Kurta <b>bold</b> & more" in plain


async def test_the_catcher_keeps_order_mail_in_private_files(
    make_settings: Callable[..., CommerceSettings], admin: Person, buyer: Person, tmp_path: Path
) -> None:
    """The demo shop's backend: each mail a 0640 file in a 0750 directory, as core's sign-in codes."""
    directory = tmp_path / "mail" / "commerce"
    settings = make_settings(email_backend="catcher", mail_catcher_dir=directory, site_url=SITE)
    async with serve(settings) as running, running.client() as http:
        _, order = await placed(Shop(http, admin), buyer)
        assert await worker(running, settings).deliver_due() == 1

    [file] = list(directory.iterdir())
    message = email.message_from_bytes(file.read_bytes(), policy=default_policy)
    assert isinstance(message, EmailMessage)
    plain, _ = parts(message)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o750
    assert stat.S_IMODE(file.stat().st_mode) == 0o640
    assert str(message["To"]) == EMAIL
    assert str(message["X-Aarya-Order-Email"]) == f"confirmation {order['id']}"
    assert f"#{order['id'][:8].upper()}" in str(message["Subject"])
    assert "Size L · Colour Indigo · Qty 2 · ₹1,23,456" in plain
