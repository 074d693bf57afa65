from __future__ import annotations

import uuid

from .conftest import PASSWORD, Accounts, bearer

USERS = "/api/v1/admin/users"


async def test_admin_list_is_paginated_newest_first(accounts: Accounts) -> None:
    admin = await accounts.admin()
    emails = [(await accounts.register())["user"]["email"] for _ in range(5)]

    first = await accounts.client.get(USERS, headers=bearer(admin), params={"page_size": 2})
    third = await accounts.client.get(USERS, headers=bearer(admin), params={"page_size": 2, "page": 3})
    oldest_first = await accounts.client.get(USERS, headers=bearer(admin), params={"sort": "created_at"})

    assert first.status_code == 200
    body = first.json()
    assert (body["total"], body["page"], body["page_size"], body["pages"]) == (6, 1, 2, 3)
    assert [u["email"] for u in body["items"]] == emails[::-1][:2]
    assert len(third.json()["items"]) == 2
    assert oldest_first.json()["items"][0]["email"] == "admin@example.com"


async def test_admin_list_filters(accounts: Accounts) -> None:
    admin = await accounts.admin()
    await accounts.register("priya@example.com")
    kiran = await accounts.register("kiran@example.com")
    await accounts.client.patch(f"{USERS}/{kiran['user']['id']}/deactivate", headers=bearer(admin))

    by_text = await accounts.client.get(USERS, headers=bearer(admin), params={"q": "PRIYA"})
    inactive = await accounts.client.get(USERS, headers=bearer(admin), params={"is_active": "false"})
    admins = await accounts.client.get(USERS, headers=bearer(admin), params={"role": "admin"})
    unverified = await accounts.client.get(USERS, headers=bearer(admin), params={"is_verified": "false"})
    wildcard = await accounts.client.get(USERS, headers=bearer(admin), params={"q": "%"})

    assert [u["email"] for u in by_text.json()["items"]] == ["priya@example.com"]
    assert [u["email"] for u in inactive.json()["items"]] == ["kiran@example.com"]
    assert [u["email"] for u in admins.json()["items"]] == ["admin@example.com"]
    assert unverified.json()["total"] == 2
    assert wildcard.json()["total"] == 0  # % is matched literally, not as a wildcard


async def test_admin_list_rejects_bad_parameters(accounts: Accounts) -> None:
    admin = await accounts.admin()

    for params in (
        {"page": 0},
        {"page_size": 101},
        {"role": "root"},
        {"is_active": "maybe"},
        {"sort": "email"},
    ):
        response = await accounts.client.get(USERS, headers=bearer(admin), params=params)
        assert response.status_code == 422, params


async def test_admin_endpoints_are_for_admins_only(accounts: Accounts) -> None:
    shopper = await accounts.register()
    target = shopper["user"]["id"]

    for method, path in (
        ("GET", USERS),
        ("PATCH", f"{USERS}/{target}/activate"),
        ("PATCH", f"{USERS}/{target}/deactivate"),
    ):
        anonymous = await accounts.client.request(method, path)
        customer = await accounts.client.request(method, path, headers=bearer(shopper))
        assert anonymous.status_code == 401, path
        assert customer.status_code == 403, path


async def test_deactivation_ends_every_session_and_activation_restores_login(accounts: Accounts) -> None:
    admin = await accounts.admin()
    user = await accounts.register("deact@example.com")
    other = await accounts.login("deact@example.com")

    off = await accounts.client.patch(f"{USERS}/{user['user']['id']}/deactivate", headers=bearer(admin))

    assert off.status_code == 200
    assert off.json()["is_active"] is False
    for session in (user, other):
        assert (await accounts.client.get("/api/v1/users/me", headers=bearer(session))).status_code == 401
        refresh = await accounts.client.post(
            "/api/v1/auth/refresh", json={"refresh_token": session["refresh_token"]}
        )
        assert refresh.status_code == 401
    refused = await accounts.client.post(
        "/api/v1/auth/login", json={"email": "deact@example.com", "password": PASSWORD}
    )
    assert refused.status_code == 403

    on = await accounts.client.patch(f"{USERS}/{user['user']['id']}/activate", headers=bearer(admin))

    assert on.status_code == 200
    assert on.json()["is_active"] is True
    await accounts.login("deact@example.com")


async def test_an_admin_cannot_deactivate_themselves(accounts: Accounts) -> None:
    admin = await accounts.admin()

    response = await accounts.client.patch(f"{USERS}/{admin['user']['id']}/deactivate", headers=bearer(admin))

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "cannot_deactivate_self"
    assert (await accounts.client.get("/api/v1/users/me", headers=bearer(admin))).status_code == 200


async def test_activating_an_unknown_user_is_404(accounts: Accounts) -> None:
    admin = await accounts.admin()

    response = await accounts.client.patch(f"{USERS}/{uuid.uuid4()}/activate", headers=bearer(admin))

    assert response.status_code == 404
