"""Proof under abuse: no core route lets a customer read or change another user's record, or reach the
admin endpoints.

The sweep walks the OpenAPI route table, so a new route is swept without anyone remembering to (or must
be allowed below, with the reason). It generalises test_users.py (test_users_can_read_themselves_but_not_
others) and test_admin.py (test_admin_endpoints_are_for_admins_only). Forged access tokens are refused in
test_auth.py (test_forged_tokens_are_refused, the same forgeries every service refuses); brute force on
login and codes is stopped in test_rate_limits.py.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from kit.testing.security import cross_origin_writes, sweep

from .conftest import Accounts, bearer

# Routes a signed-in customer may call that reach no other user's data, and why.
ALLOWED = {
    ("GET", "/health"): "the health probe",
    ("GET", "/metrics"): "the Prometheus scrape, loopback only",
    ("POST", "/api/v1/auth/register"): "answers alike for any address; mails only the address itself",
    ("POST", "/api/v1/auth/login"): "needs the account's password; limited per IP and per (account, IP)",
    ("POST", "/api/v1/auth/guest"): "starts a new, empty guest session; names no user, reaches no data",
    ("POST", "/api/v1/auth/refresh"): "needs the session's refresh token, not a user id",
    ("POST", "/api/v1/auth/logout"): "ends the caller's own session",
    ("POST", "/api/v1/auth/change-password"): "the caller's own password, behind the current one",
    ("POST", "/api/v1/auth/send-otp"): "answers the same for any address; mails only the address itself",
    ("POST", "/api/v1/auth/resend-otp"): "answers the same for any address; mails only the address itself",
    ("POST", "/api/v1/auth/verify-otp"): "needs the mailed code; 5 tries a code, 10 a day an address, per IP",
    ("GET", "/api/v1/users/me"): "the caller's own profile",
    ("PATCH", "/api/v1/users/me"): "the caller's own profile",
}


async def state_of(accounts: Accounts, owner: dict[str, Any], admin: dict[str, Any]) -> list[Any]:
    """What the sweep must not change: the owner's record as an admin and as the owner sees it."""
    reads = [
        (f"/api/v1/users/{owner['user']['id']}", bearer(admin)),
        ("/api/v1/users/me", bearer(owner)),
    ]
    state = []
    for url, headers in reads:
        response = await accounts.client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.text)
        state.append(response.json())
    return state


async def test_no_route_lets_a_customer_reach_another_users_record(accounts: Accounts, app: FastAPI) -> None:
    intruder, owner = await accounts.register(), await accounts.register()
    admin = await accounts.admin()
    before = await state_of(accounts, owner, admin)

    outcomes = await sweep(
        app, accounts.client, bearer(intruder), values={"user_id": owner["user"]["id"]}, allowed=ALLOWED
    )

    swept = {outcome.operation.route for outcome in outcomes}
    assert {
        ("GET", "/api/v1/users/{user_id}"),
        ("GET", "/api/v1/admin/users"),
        ("PATCH", "/api/v1/admin/users/{user_id}/activate"),
        ("PATCH", "/api/v1/admin/users/{user_id}/deactivate"),
    } <= swept
    assert [outcome for outcome in outcomes if not outcome.refused] == []
    assert await state_of(accounts, owner, admin) == before
    await accounts.login(owner["user"]["email"])  # still active


async def test_a_guest_session_reaches_no_users_record(accounts: Accounts, app: FastAPI) -> None:
    owner, admin = await accounts.register(), await accounts.admin()
    # The owner's own address typed as a guest: still nothing of theirs.
    guest = await accounts.client.post("/api/v1/auth/guest", json={"email": owner["user"]["email"]})
    before = await state_of(accounts, owner, admin)

    outcomes = await sweep(
        app,
        accounts.client,
        {"Authorization": f"Bearer {guest.json()['access_token']}"},
        values={"user_id": owner["user"]["id"]},
        allowed=ALLOWED,
    )

    assert [outcome for outcome in outcomes if not outcome.refused] == []
    assert await state_of(accounts, owner, admin) == before


async def test_no_write_is_accepted_from_another_origin_with_the_cookie(
    accounts: Accounts, app: FastAPI
) -> None:
    """Every POST/PUT/PATCH/DELETE of core, the shopper's cookie sent by a page on another origin: refused
    before the route runs (kit's Origin check), the caller's session untouched."""
    admin = await accounts.admin()  # the most a forged request could do: an admin's cookie
    shopper = await accounts.register()

    accepted = await cross_origin_writes(
        app, accounts.client, admin["access_token"], values={"user_id": shopper["user"]["id"]}
    )

    assert accepted == {}
    assert (await accounts.client.get("/api/v1/users/me", headers=bearer(admin))).status_code == 200
    assert (await accounts.client.get("/api/v1/users/me", headers=bearer(shopper))).status_code == 200
