from __future__ import annotations

import uuid

from .conftest import Accounts, bearer

ME = "/api/v1/users/me"


async def test_me_returns_the_profile_without_secrets(accounts: Accounts) -> None:
    user = await accounts.register("me@example.com")

    response = await accounts.client.get(ME, headers=bearer(user))

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == user["user"]["id"]
    assert body["full_name"] == "Asha Rao"
    assert "password_hash" not in body
    assert "password" not in response.text


async def test_me_needs_authentication(accounts: Accounts) -> None:
    assert (await accounts.client.get(ME)).status_code == 401
    assert (await accounts.client.patch(ME, json={"full_name": "X"})).status_code == 401


async def test_patch_me_updates_name_and_phone(accounts: Accounts) -> None:
    user = await accounts.register()

    response = await accounts.client.patch(
        ME, headers=bearer(user), json={"full_name": " Meera K ", "phone": "+91 98765 43210"}
    )

    assert response.status_code == 200
    assert response.json()["full_name"] == "Meera K"
    assert response.json()["phone"] == "+91 98765 43210"
    cleared = await accounts.client.patch(ME, headers=bearer(user), json={"phone": None})
    assert cleared.json()["phone"] is None
    assert cleared.json()["full_name"] == "Meera K"


async def test_patch_me_refuses_privileged_and_invalid_fields_and_changes_nothing(accounts: Accounts) -> None:
    user = await accounts.register()

    for body in (
        {"role": "admin"},
        {"email": "new@example.com"},
        {"is_active": False},
        {"phone": "call me"},
        {"full_name": ""},
        {"full_name": "x" * 121},
    ):
        response = await accounts.client.patch(ME, headers=bearer(user), json=body)
        assert response.status_code == 422, body

    after = (await accounts.client.get(ME, headers=bearer(user))).json()
    assert after["role"] == "customer"
    assert after["full_name"] == "Asha Rao"


async def test_users_can_read_themselves_but_not_others(accounts: Accounts) -> None:
    asha = await accounts.register()
    ravi = await accounts.register()

    own = await accounts.client.get(f"/api/v1/users/{asha['user']['id']}", headers=bearer(asha))
    other = await accounts.client.get(f"/api/v1/users/{ravi['user']['id']}", headers=bearer(asha))

    assert own.status_code == 200
    assert other.status_code == 403
    assert other.json()["error"]["code"] == "forbidden"


async def test_admins_can_read_anyone_and_get_404_for_nobody(accounts: Accounts) -> None:
    ravi = await accounts.register()
    admin = await accounts.admin()

    found = await accounts.client.get(f"/api/v1/users/{ravi['user']['id']}", headers=bearer(admin))
    missing = await accounts.client.get(f"/api/v1/users/{uuid.uuid4()}", headers=bearer(admin))
    malformed = await accounts.client.get("/api/v1/users/not-a-uuid", headers=bearer(admin))

    assert found.status_code == 200
    assert found.json()["email"] == ravi["user"]["email"]
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "user_not_found"
    assert malformed.status_code == 422
