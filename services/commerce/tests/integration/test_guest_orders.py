"""Guest checkout: a guest token (role "guest", a fresh id per guest session) orders its own cart and sees
only its own order; the verified owner of the contact e-mail later claims it."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import INTERNAL, Person, Shop, error_code


async def test_a_guest_checks_out_and_sees_only_its_own_order(
    shop: Shop, person: Callable[..., Person]
) -> None:
    guest = person("guest", email="Guest.Shopper@example.com")
    other_guest = person("guest", email="guest.shopper@example.com")  # the same address typed again
    variant = await shop.variant_id(stock=5)

    order = await shop.order(guest, variant)
    assert order["guest"] is True
    assert order["contact_email"] == "Guest.Shopper@example.com"
    assert order["user_id"] == str(guest.id)

    mine = await shop.client.get(f"/api/v1/orders/{order['id']}/details", headers=guest.headers)
    assert mine.status_code == 200
    listed = await shop.client.get(f"/api/v1/orders/{guest.id}", headers=guest.headers)
    assert [row["id"] for row in listed.json()["items"]] == [order["id"]]

    # Typing someone's e-mail address as a guest reaches none of their orders.
    theirs = await shop.client.get(f"/api/v1/orders/{order['id']}/details", headers=other_guest.headers)
    assert theirs.status_code == 403
    listing = await shop.client.get(f"/api/v1/orders/{guest.id}", headers=other_guest.headers)
    assert listing.status_code == 403
    cancel = await shop.client.post(f"/api/v1/orders/{order['id']}/cancel", headers=other_guest.headers)
    assert cancel.status_code == 403


async def test_the_verified_owner_of_the_address_claims_guest_orders(
    shop: Shop, person: Callable[..., Person]
) -> None:
    guest = person("guest", email="Asha@Example.com")
    variant = await shop.variant_id(stock=5)
    first = await shop.order(guest, variant)
    second = await shop.order(guest, variant)
    other = await shop.order(person("guest", email="someone@example.com"), variant)

    unverified = person(email="asha@example.com", email_verified=False)
    listed = await shop.client.get(f"/api/v1/orders/{unverified.id}", headers=unverified.headers)
    assert listed.json()["items"] == []
    peek = await shop.client.get(f"/api/v1/orders/{first['id']}/details", headers=unverified.headers)
    assert peek.status_code == 403

    owner = person(email="asha@example.com", email_verified=True)
    opened = await shop.client.get(f"/api/v1/orders/{first['id']}/details", headers=owner.headers)
    assert opened.status_code == 200, opened.text
    assert opened.json()["user_id"] == str(owner.id)
    assert opened.json()["guest"] is False
    listed = await shop.client.get(f"/api/v1/orders/{owner.id}", headers=owner.headers)
    assert {row["id"] for row in listed.json()["items"]} == {first["id"], second["id"]}

    # The guest session's hold on them ends; the other guest's order stays theirs.
    lost = await shop.client.get(f"/api/v1/orders/{first['id']}/details", headers=guest.headers)
    assert lost.status_code == 403
    internal = await shop.client.get(f"/internal/v1/orders/{other['id']}", headers=INTERNAL)
    assert internal.json()["user_id"] != str(owner.id)
    assert (await shop.client.get(f"/internal/v1/orders/{first['id']}", headers=INTERNAL)).json()[
        "user_id"
    ] == str(owner.id)


async def test_a_guest_has_no_address_book_but_a_cart(shop: Shop, person: Callable[..., Person]) -> None:
    guest = person("guest", email="g@example.com")
    variant = await shop.variant_id()
    assert (await shop.add(guest, variant)).status_code == 200
    refused = await shop.client.get(f"/api/v1/addresses/{guest.id}", headers=guest.headers)
    assert error_code(refused) == "guest_address_book"
    fulfil = await shop.client.post(f"/api/v1/orders/{variant}/fulfil", headers=guest.headers)
    assert fulfil.status_code == 403
