"""Guest checkout sessions: `POST /auth/guest` sets a guest access token (role "guest", a new id on every
call, the typed address as an unverified `email` claim) and nothing else; it is rate-limited."""

from __future__ import annotations

import uuid

import httpx
import jwt

from core.config import CoreSettings

from .conftest import Accounts, Running

GUEST = "/api/v1/auth/guest"


def claims_of(token: str) -> dict[str, object]:
    decoded: dict[str, object] = jwt.decode(token, options={"verify_signature": False})
    return decoded


async def test_a_guest_session_is_an_access_cookie_for_a_fresh_guest_id(
    running: Running, settings: CoreSettings
) -> None:
    async with running.client(keep_cookies=True) as browser:
        first = await browser.post(GUEST, json={"email": "Asha@Example.com", "full_name": "Asha"})
        second = await browser.post(GUEST, json={"email": "Asha@Example.com"})

    assert first.status_code == 201, first.text
    body = first.json()
    claims = claims_of(body["access_token"])
    assert claims["role"] == "guest"
    assert claims["sub"] == body["guest_id"]
    assert claims["email"] == body["email"]
    assert str(claims["email"]).lower() == "asha@example.com"
    assert claims["email_verified"] is False
    assert body["expires_in"] == settings.guest_token_ttl_seconds == 7200
    assert int(str(claims["exp"])) - int(str(claims["iat"])) == 7200
    # Never derived from the address: typing someone's e-mail again is a new, empty guest.
    assert claims_of(second.json()["access_token"])["sub"] != claims["sub"]
    uuid.UUID(body["guest_id"])

    cookies = first.headers.get_list("set-cookie")
    access = next(cookie for cookie in cookies if cookie.startswith("access_token="))
    assert "HttpOnly" in access
    assert "Secure" in access
    assert "Max-Age=7200" in access
    assert not any(cookie.startswith("refresh_token=") and "Max-Age=0" not in cookie for cookie in cookies)
    assert "refresh_token" not in body


async def test_a_guest_is_no_account(client: httpx.AsyncClient, accounts: Accounts) -> None:
    guest = (await client.post(GUEST, json={"email": "g@example.com"})).json()
    headers = {"Authorization": f"Bearer {guest['access_token']}"}
    admin = await accounts.admin()

    assert (await client.get("/api/v1/admin/users", headers=headers)).status_code == 403
    assert (await client.get(f"/api/v1/users/{admin['user']['id']}", headers=headers)).status_code == 403
    assert (await client.get("/api/v1/users/me", headers=headers)).status_code in (401, 404)
    assert (await client.post("/api/v1/auth/refresh", json={})).status_code == 401
    logout = await client.post("/api/v1/auth/logout", headers=headers)
    assert logout.status_code == 204
    assert (await client.get("/api/v1/users/me", headers=headers)).status_code == 401  # revoked


async def test_guest_sessions_need_an_address_and_are_rate_limited(client: httpx.AsyncClient) -> None:
    invalid = await client.post(GUEST, json={"email": "not-an-address"})
    assert invalid.status_code == 422
    assert (await client.post(GUEST, json={})).status_code == 422

    answers = [(await client.post(GUEST, json={"email": f"g{n}@example.com"})).status_code for n in range(11)]
    assert answers == [201] * 8 + [429] * 3  # 10 in 10 minutes per address; the invalid bodies counted


async def test_customers_tokens_carry_their_verified_address(accounts: Accounts) -> None:
    user = await accounts.register()
    claims = claims_of(user["access_token"])
    assert claims["email"] == user["user"]["email"]
    assert claims["email_verified"] is False
