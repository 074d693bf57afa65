from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
import jwt
from fastapi import FastAPI
from sqlalchemy import func, select

from core.config import CoreSettings
from core.users.models import User
from kit.auth import TokenIssuer
from kit.testing.security import accepted_forgeries

from .conftest import PASSWORD, Accounts, Running, bearer, serve

REGISTER = "/api/v1/auth/register"
LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"
CHANGE = "/api/v1/auth/change-password"
ME = "/api/v1/users/me"
ADMIN_USERS = "/api/v1/admin/users"
REGISTER_ACCEPTED = {"message": "Check your e-mail to continue.", "expires_in": 600, "resend_after": 60}


async def user_count(app: FastAPI) -> int:
    async with app.state.database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(User)) or 0)


# --- register ---------------------------------------------------------------------------------------


async def test_register_answers_202_then_the_shopper_signs_in_and_has_a_code(
    accounts: Accounts, app: FastAPI
) -> None:
    response = await accounts.client.post(
        REGISTER, json={"email": "Asha@Example.com", "password": PASSWORD, "full_name": "Asha"}
    )

    assert response.status_code == 202
    assert response.json() == REGISTER_ACCEPTED
    assert "set-cookie" not in response.headers  # no session yet: the storefront signs in next
    assert len(accounts.last_code("asha@example.com")) == 6
    body = await accounts.login("asha@example.com")
    assert body["user"]["email"] == "asha@example.com"
    assert body["user"]["role"] == "customer"
    assert body["user"]["is_verified"] is False
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 900
    me = await accounts.client.get(ME, headers=bearer(body))
    assert me.json()["email"] == "asha@example.com"
    assert await user_count(app) == 1


async def test_every_auth_cookie_is_http_only_and_secure(running: Running) -> None:
    """Login, refresh and logout: each token cookie (and each cookie clearing one) carries Secure."""
    async with running.client(keep_cookies=True) as browser:
        await browser.post(REGISTER, json={"email": "c@example.com", "password": PASSWORD, "full_name": "C"})
        login = await browser.post(LOGIN, json={"email": "c@example.com", "password": PASSWORD})
        me = await browser.get(ME)  # no Authorization header: the cookie authenticates
        refreshed = await browser.post(REFRESH)
        logout = await browser.post(LOGOUT)

    for response in (login, refreshed, logout):
        cookies = response.headers.get_list("set-cookie")
        assert {c.split("=")[0] for c in cookies} == {"access_token", "refresh_token"}, cookies
        for cookie in cookies:
            assert "HttpOnly" in cookie, cookie
            assert "Secure" in cookie, cookie
    cookies = login.headers.get_list("set-cookie")
    access = next(c for c in cookies if c.startswith("access_token="))
    refresh = next(c for c in cookies if c.startswith("refresh_token="))
    assert "SameSite=lax" in access
    assert "SameSite=strict" in refresh
    assert "Path=/api/v1/auth" in refresh
    assert me.status_code == 200


async def test_register_answers_the_same_for_a_taken_address_and_mails_its_owner_instead(
    accounts: Accounts, app: FastAPI
) -> None:
    """No enumeration: status and body are equal for a taken and a free address; the owner learns of it."""
    await accounts.register("taken@example.com")
    accounts.smtp.clear()

    taken = await accounts.client.post(
        REGISTER, json={"email": "TAKEN@example.com", "password": "Other-pass1", "full_name": "X"}
    )
    free = await accounts.client.post(
        REGISTER, json={"email": "free@example.com", "password": "Other-pass1", "full_name": "X"}
    )

    assert (taken.status_code, taken.json()) == (free.status_code, free.json()) == (202, REGISTER_ACCEPTED)
    assert await user_count(app) == 2
    notice = accounts.smtp.to("taken@example.com")
    assert len(notice) == 1
    assert "Someone tried to create an Aarya Clothing account" in notice[0].get_content()
    assert not re.search(r"\b\d{6}\b", notice[0].get_content())  # a note, not a code
    assert len(accounts.smtp.to("free@example.com")) == 1
    # The taken account is unchanged: its own password still signs in, the intruder's does not.
    intruder = await accounts.client.post(
        LOGIN, json={"email": "taken@example.com", "password": "Other-pass1"}
    )
    assert intruder.status_code == 401
    await accounts.login("taken@example.com")


async def test_register_rejects_bad_bodies_with_field_details(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    cases = [
        {"email": "not-an-email", "password": PASSWORD, "full_name": "X"},
        {"email": "a@example.com", "password": "short1", "full_name": "X"},
        {"email": "a@example.com", "password": "lettersonly", "full_name": "X"},
        {"email": "a@example.com", "password": PASSWORD, "full_name": "   "},
        {"email": "a@example.com", "password": PASSWORD, "full_name": "X", "role": "admin"},
        {"email": "a@example.com"},
    ]
    for body in cases:
        response = await client.post(REGISTER, json=body)
        assert response.status_code == 422, body
        error = response.json()["error"]
        assert error["code"] == "validation_error"
        assert error["details"], body
    malformed = await client.post(
        REGISTER, content=b"{not json", headers={"content-type": "application/json"}
    )
    assert malformed.status_code == 422
    assert await user_count(app) == 0


async def test_register_answers_the_same_while_mail_is_down(
    make_settings: Callable[..., CoreSettings],
) -> None:
    async with serve(make_settings(smtp_port=1)) as running, running.client() as http:
        response = await http.post(
            REGISTER, json={"email": "m@example.com", "password": PASSWORD, "full_name": "M"}
        )
        login = await http.post(LOGIN, json={"email": "m@example.com", "password": PASSWORD})

    assert (response.status_code, response.json()) == (202, REGISTER_ACCEPTED)
    assert login.status_code == 200  # the account exists; the shopper asks for the code again


# --- login -----------------------------------------------------------------------------------------


async def test_login_returns_tokens_and_records_the_time(accounts: Accounts) -> None:
    await accounts.register("l@example.com")

    body = await accounts.login("L@example.com")

    assert body["user"]["last_login_at"] is not None
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert claims["typ"] == "access"
    assert claims["role"] == "customer"
    assert claims["exp"] - claims["iat"] == 900
    assert (claims["email"], claims["email_verified"]) == ("l@example.com", body["user"]["is_verified"])
    assert jwt.get_unverified_header(body["access_token"])["alg"] == "EdDSA"


async def test_login_failures_look_the_same_for_unknown_users_and_wrong_passwords(accounts: Accounts) -> None:
    await accounts.register("known@example.com")

    wrong = await accounts.client.post(LOGIN, json={"email": "known@example.com", "password": "Wrong-pass1"})
    unknown = await accounts.client.post(
        LOGIN, json={"email": "nobody@example.com", "password": "Wrong-pass1"}
    )

    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"]["code"] == "invalid_credentials"


async def test_login_takes_as_long_for_an_unknown_user_as_for_a_wrong_password(
    make_settings: Callable[..., CoreSettings], accounts: Accounts
) -> None:
    """Constant-time failure: an unknown e-mail still pays for a full Argon2 verification."""
    costly = make_settings(argon2_time_cost=4, argon2_memory_cost_kib=32768)
    async with serve(costly) as running, running.client() as http:
        await http.post(REGISTER, json={"email": "t@example.com", "password": PASSWORD, "full_name": "T"})

        async def timed(email: str) -> float:
            started = time.perf_counter()
            response = await http.post(LOGIN, json={"email": email, "password": "Wrong-pass1"})
            assert response.status_code == 401
            return time.perf_counter() - started

        known = sorted([await timed("t@example.com") for _ in range(5)])[2]
        unknown = sorted([await timed("ghost@example.com") for _ in range(5)])[2]

    assert unknown > known * 0.5, (known, unknown)
    assert unknown < known * 2.0, (known, unknown)


async def test_deactivated_user_cannot_log_in(accounts: Accounts) -> None:
    user = await accounts.register("d@example.com")
    admin = await accounts.admin()
    await accounts.client.patch(f"/api/v1/admin/users/{user['user']['id']}/deactivate", headers=bearer(admin))

    response = await accounts.client.post(LOGIN, json={"email": "d@example.com", "password": PASSWORD})

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_inactive"


# --- refresh ---------------------------------------------------------------------------------------


async def test_refresh_rotates_the_refresh_token(accounts: Accounts) -> None:
    first = await accounts.register()

    second = await accounts.client.post(REFRESH, json={"refresh_token": first["refresh_token"]})

    assert second.status_code == 200
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert rotated["access_token"] != first["access_token"]
    assert (await accounts.client.get(ME, headers=bearer(rotated))).status_code == 200
    third = await accounts.client.post(REFRESH, json={"refresh_token": rotated["refresh_token"]})
    assert third.status_code == 200


async def test_refresh_reads_the_cookie_when_the_body_is_empty(running: Running) -> None:
    async with running.client(keep_cookies=True) as browser:
        await browser.post(REGISTER, json={"email": "k@example.com", "password": PASSWORD, "full_name": "K"})
        await browser.post(LOGIN, json={"email": "k@example.com", "password": PASSWORD})
        old = browser.cookies.get("refresh_token")
        response = await browser.post(REFRESH)

    assert response.status_code == 200
    assert response.json()["refresh_token"] != old


async def test_reusing_a_rotated_refresh_token_revokes_the_whole_family(accounts: Accounts) -> None:
    first = await accounts.register()
    rotated = (await accounts.client.post(REFRESH, json={"refresh_token": first["refresh_token"]})).json()

    replay = await accounts.client.post(REFRESH, json={"refresh_token": first["refresh_token"]})

    assert replay.status_code == 401
    assert "already used" in replay.json()["error"]["message"]
    # The legitimate holder's newer tokens died with the family.
    after = await accounts.client.post(REFRESH, json={"refresh_token": rotated["refresh_token"]})
    assert after.status_code == 401
    assert (await accounts.client.get(ME, headers=bearer(rotated))).status_code == 401


async def test_refresh_rejects_missing_malformed_and_unknown_tokens(client: httpx.AsyncClient) -> None:
    missing = await client.post(REFRESH)
    malformed = await client.post(REFRESH, json={"refresh_token": "garbage"})
    unknown = await client.post(REFRESH, json={"refresh_token": f"{uuid.uuid4().hex}.{'s' * 43}"})
    extra = await client.post(REFRESH, json={"refresh_token": "x.y", "user_id": "someone"})

    assert missing.status_code == malformed.status_code == unknown.status_code == 401
    assert extra.status_code == 422


async def test_a_crafted_refresh_token_is_refused_by_its_shape_not_a_500(accounts: Accounts) -> None:
    """`user:<uuid>` named the session index of a user (a Redis set): the rotation failed with WRONGTYPE."""
    user = await accounts.register()
    sid, _, secret = user["refresh_token"].partition(".")
    crafted = [
        f"user:{user['user']['id']}.x",
        f"user:{user['user']['id']}.{secret}",
        f"{sid}:x.{secret}",
        f"{sid.upper()}.{secret}",
        f"{sid}.{secret}!",
        f"{sid}.{secret[:-1]}",
        f"*.{secret}",
    ]

    for token in crafted:
        response = await accounts.client.post(REFRESH, json={"refresh_token": token})
        assert response.status_code == 401, (token, response.text)
        assert response.json()["error"] == {
            "code": "unauthorized",
            "message": "The refresh token is not valid.",
            "details": None,
        }
    # None of them touched the real session.
    assert (
        await accounts.client.post(REFRESH, json={"refresh_token": user["refresh_token"]})
    ).status_code == 200


async def test_an_expired_refresh_session_is_refused(accounts: Accounts, app: FastAPI) -> None:
    first = await accounts.register()
    redis = app.state.redis
    sid = first["refresh_token"].split(".")[0]
    await redis.expire(f"session:{sid}", 0)

    response = await accounts.client.post(REFRESH, json={"refresh_token": first["refresh_token"]})

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


async def test_a_deactivated_user_cannot_refresh(accounts: Accounts, app: FastAPI) -> None:
    user = await accounts.register()
    async with app.state.database.sessionmaker() as session, session.begin():
        row = await session.get(User, uuid.UUID(user["user"]["id"]))
        assert row is not None
        row.is_active = False  # deactivated behind the API's back: refresh still checks

    response = await accounts.client.post(REFRESH, json={"refresh_token": user["refresh_token"]})

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_inactive"


# --- access tokens ---------------------------------------------------------------------------------


async def test_expired_access_token_is_refused(accounts: Accounts, settings: CoreSettings) -> None:
    user = await accounts.register()
    claims = jwt.decode(user["access_token"], options={"verify_signature": False})
    issuer = TokenIssuer(
        private_key=settings.jwt_private_key,
        algorithm="EdDSA",
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_seconds=-5,
    )
    expired = issuer.issue(user_id=uuid.UUID(claims["sub"]), role="customer", session_id=claims["sid"])

    response = await accounts.client.get(ME, headers={"Authorization": f"Bearer {expired.token}"})

    assert response.status_code == 401
    assert response.json()["error"]["message"] == "The access token has expired."
    assert response.headers["www-authenticate"] == "Bearer"


async def test_forged_tokens_are_refused(accounts: Accounts, jwt_keys: Path) -> None:
    """The forgeries every service refuses (kit.testing.security: alg none, another key, HS256 keyed with
    the public key, an edited payload, bad claims), each claiming admin for a real customer."""
    customer = await accounts.register()
    admin = await accounts.admin()
    assert (await accounts.client.get(ADMIN_USERS, headers=bearer(admin))).status_code == 200

    forger = uuid.UUID(customer["user"]["id"])
    assert await accepted_forgeries(accounts.client, ADMIN_USERS, jwt_keys, forger) == {}


# --- logout ----------------------------------------------------------------------------------------


async def test_logout_blacklists_the_access_token_and_ends_the_session(accounts: Accounts) -> None:
    user = await accounts.register()

    response = await accounts.client.post(LOGOUT, headers=bearer(user))

    assert response.status_code == 204
    after = await accounts.client.get(ME, headers=bearer(user))
    assert after.status_code == 401
    assert after.json()["error"]["message"] == "The access token has been revoked."
    refresh = await accounts.client.post(REFRESH, json={"refresh_token": user["refresh_token"]})
    assert refresh.status_code == 401


async def test_logout_clears_the_cookies(running: Running) -> None:
    async with running.client(keep_cookies=True) as browser:
        await browser.post(REGISTER, json={"email": "o@example.com", "password": PASSWORD, "full_name": "O"})
        await browser.post(LOGIN, json={"email": "o@example.com", "password": PASSWORD})
        response = await browser.post(LOGOUT)
        after = await browser.get(ME)

    assert response.status_code == 204
    assert any(c.startswith('access_token=""') for c in response.headers.get_list("set-cookie"))
    assert after.status_code == 401


async def test_logout_needs_a_token(client: httpx.AsyncClient) -> None:
    response = await client.post(LOGOUT)

    assert response.status_code == 401


async def test_logout_leaves_other_sessions_alone(accounts: Accounts) -> None:
    user = await accounts.register("two@example.com")
    phone = await accounts.login("two@example.com")

    await accounts.client.post(LOGOUT, headers=bearer(user))

    assert (await accounts.client.get(ME, headers=bearer(phone))).status_code == 200


# --- change password -------------------------------------------------------------------------------


async def test_change_password_signs_out_every_other_session(accounts: Accounts) -> None:
    laptop = await accounts.register("cp@example.com")
    phone = await accounts.login("cp@example.com")
    tablet = await accounts.login("cp@example.com")

    response = await accounts.client.post(
        CHANGE, headers=bearer(laptop), json={"current_password": PASSWORD, "new_password": "N3w-password"}
    )

    assert response.status_code == 200
    assert response.json()["revoked_sessions"] == 2
    assert (await accounts.client.get(ME, headers=bearer(laptop))).status_code == 200
    for other in (phone, tablet):
        assert (await accounts.client.get(ME, headers=bearer(other))).status_code == 401
        refreshed = await accounts.client.post(REFRESH, json={"refresh_token": other["refresh_token"]})
        assert refreshed.status_code == 401
    old = await accounts.client.post(LOGIN, json={"email": "cp@example.com", "password": PASSWORD})
    assert old.status_code == 401
    await accounts.login("cp@example.com", "N3w-password")


async def test_change_password_refuses_a_wrong_current_password_and_changes_nothing(
    accounts: Accounts,
) -> None:
    user = await accounts.register("w@example.com")
    other = await accounts.login("w@example.com")

    wrong = await accounts.client.post(
        CHANGE, headers=bearer(user), json={"current_password": "Nope-12345", "new_password": "N3w-password"}
    )
    same = await accounts.client.post(
        CHANGE, headers=bearer(user), json={"current_password": PASSWORD, "new_password": PASSWORD}
    )
    weak = await accounts.client.post(
        CHANGE, headers=bearer(user), json={"current_password": PASSWORD, "new_password": "weak"}
    )
    anonymous = await accounts.client.post(
        CHANGE, json={"current_password": PASSWORD, "new_password": "N3w-pass"}
    )

    assert wrong.status_code == 400
    assert wrong.json()["error"]["code"] == "wrong_password"
    assert same.status_code == 400
    assert same.json()["error"]["code"] == "same_password"
    assert weak.status_code == 422
    assert anonymous.status_code == 401
    assert (await accounts.client.get(ME, headers=bearer(other))).status_code == 200
    await accounts.login("w@example.com")


async def test_a_cookie_logout_from_a_foreign_origin_is_refused_and_the_session_lives(
    running: Running,
) -> None:
    """A write with no body needs no CORS preflight: before, a foreign page could sign the shopper out."""
    async with running.client(keep_cookies=True) as browser:
        await browser.post(REGISTER, json={"email": "x@example.com", "password": PASSWORD, "full_name": "X"})
        await browser.post(LOGIN, json={"email": "x@example.com", "password": PASSWORD})
        foreign = await browser.post(LOGOUT, headers={"Origin": "https://evil.example"})
        still = await browser.get(ME)
        own = await browser.post(LOGOUT)

    assert foreign.status_code == 403
    assert foreign.json()["error"]["code"] == "origin_not_allowed"
    assert still.status_code == 200
    assert own.status_code == 204
