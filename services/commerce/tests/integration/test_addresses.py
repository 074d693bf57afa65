"""The address book: CRUD under /addresses/{user_id}, one default, at most 10, the owner (or an admin) only,
and the state and PIN code rules checkout applies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from .conftest import ADDRESS, Person, Shop, error_code

BOOK = "/api/v1/addresses"


def address(**changes: Any) -> dict[str, Any]:
    return {**ADDRESS, **changes}


async def save(client: httpx.AsyncClient, who: Person, body: dict[str, Any]) -> httpx.Response:
    return await client.post(f"{BOOK}/{who.id}", json=body, headers=who.headers)


async def book(client: httpx.AsyncClient, who: Person) -> list[dict[str, Any]]:
    response = await client.get(f"{BOOK}/{who.id}", headers=who.headers)
    assert response.status_code == 200, response.text
    listed: list[dict[str, Any]] = response.json()
    return listed


async def test_a_shopper_saves_edits_and_deletes_addresses_with_exactly_one_default(
    client: httpx.AsyncClient, shopper: Person
) -> None:
    assert await book(client, shopper) == []
    first = await save(client, shopper, address())
    assert first.status_code == 201, first.text
    assert first.json()["is_default"] is True  # the first address is the default

    second = await save(client, shopper, address(line1="7 Park Street", city="Mysuru", postal_code="570001"))
    assert second.json()["is_default"] is False
    again = await save(client, shopper, address())  # the same place again: the entry, not a copy
    assert again.json()["id"] == first.json()["id"]
    assert len(await book(client, shopper)) == 2

    chosen = await client.put(
        f"{BOOK}/{shopper.id}/{second.json()['id']}",
        json=address(line1="7 Park Street", city="Mysuru", postal_code="570001", is_default=True),
        headers=shopper.headers,
    )
    assert chosen.status_code == 200, chosen.text
    listed = await book(client, shopper)
    assert [entry["id"] for entry in listed if entry["is_default"]] == [second.json()["id"]]
    assert listed[0]["id"] == second.json()["id"]  # the default first

    deleted = await client.delete(f"{BOOK}/{shopper.id}/{second.json()['id']}", headers=shopper.headers)
    assert deleted.status_code == 204
    listed = await book(client, shopper)
    assert [(entry["id"], entry["is_default"]) for entry in listed] == [(first.json()["id"], True)]

    missing = await client.delete(f"{BOOK}/{shopper.id}/{second.json()['id']}", headers=shopper.headers)
    assert missing.status_code == 404
    assert error_code(missing) == "address_not_found"


async def test_the_book_holds_at_most_ten_addresses(client: httpx.AsyncClient, shopper: Person) -> None:
    for number in range(10):
        saved = await save(client, shopper, address(line1=f"{number + 1} MG Road"))
        assert saved.status_code == 201, saved.text
    full = await save(client, shopper, address(line1="11 MG Road"))
    assert full.status_code == 409
    assert error_code(full) == "address_book_full"
    assert "delete one" in full.json()["error"]["message"]
    assert (await save(client, shopper, address(line1="3 MG Road"))).status_code == 201  # already saved


async def test_only_the_owner_or_an_admin_reaches_a_book_and_guests_have_none(
    client: httpx.AsyncClient, person: Callable[..., Person], admin: Person
) -> None:
    owner, intruder = person(), person()
    saved = (await save(client, owner, address())).json()
    entry = f"{BOOK}/{owner.id}/{saved['id']}"

    assert (await client.get(f"{BOOK}/{owner.id}", headers=intruder.headers)).status_code == 403
    assert (await save(client, Person(owner.id, intruder.headers), address())).status_code == 403
    assert (await client.put(entry, json=address(), headers=intruder.headers)).status_code == 403
    assert (await client.delete(entry, headers=intruder.headers)).status_code == 403
    # Someone else's address id under one's own book is simply not there.
    own_path = f"{BOOK}/{intruder.id}/{saved['id']}"
    assert (await client.delete(own_path, headers=intruder.headers)).status_code == 404
    assert (await client.get(f"{BOOK}/{owner.id}", headers=admin.headers)).status_code == 200
    assert (await client.get(f"{BOOK}/{owner.id}")).status_code == 401

    guest = person("guest", email="guest@example.com")
    refused = await client.get(f"{BOOK}/{guest.id}", headers=guest.headers)
    assert refused.status_code == 403
    assert error_code(refused) == "guest_address_book"
    assert (await save(client, guest, address())).status_code == 403
    assert len(await book(client, owner)) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"postal_code": "056001"}, "does not start with 0"),
        ({"postal_code": "56001"}, "6 digits"),
        ({"postal_code": "600001"}, "not in Karnataka"),
        ({"state": "Atlantis"}, "28 states or 8 union territories"),
    ],
)
async def test_states_and_pin_codes_are_checked(
    client: httpx.AsyncClient, shop: Shop, shopper: Person, changes: dict[str, str], message: str
) -> None:
    saved = await save(client, shopper, address(**changes))
    assert saved.status_code == 422
    assert error_code(saved) == "validation_error"
    assert message in str(saved.json()["error"]["details"])

    variant = await shop.variant_id()
    assert (await shop.add(shopper, variant)).status_code == 200
    placed = await shop.checkout(shopper, body={"shipping_address": address(**changes)})
    assert placed.status_code == 422
    assert message in str(placed.json()["error"]["details"])


@pytest.mark.parametrize(
    ("state", "pin"),
    [
        ("Chandigarh", "160017"),
        ("Andaman and Nicobar Islands", "744101"),
        ("Dadra and Nagar Haveli and Daman and Diu", "396230"),
        ("Lakshadweep", "682555"),
        ("Puducherry", "533464"),  # Yanam, in the Andhra zone
        ("puducherry", "605001"),
    ],
)
async def test_every_union_territory_can_check_out(shop: Shop, shopper: Person, state: str, pin: str) -> None:
    variant = await shop.variant_id()
    assert (await shop.add(shopper, variant)).status_code == 200
    placed = await shop.checkout(
        shopper, body={"shipping_address": address(state=state, postal_code=pin), "note": "Ring twice"}
    )
    assert placed.status_code == 201, placed.text
    order = placed.json()
    assert order["shipping_address"]["state"].casefold() == state.casefold()
    assert order["shipping_address"]["state"][0].isupper()  # spelt as the list spells it
    assert order["note"] == "Ring twice"
