from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import func, select, update

from core.config import CoreSettings
from core.otp.models import Otp
from core.users.models import User

from .conftest import PASSWORD, Accounts, bearer, serve

SEND = "/api/v1/auth/send-otp"
RESEND = "/api/v1/auth/resend-otp"
VERIFY = "/api/v1/auth/verify-otp"


async def clear_cooldowns(app: FastAPI) -> None:
    keys = [key async for key in app.state.redis.scan_iter("otp:cooldown:*")]
    if keys:
        await app.state.redis.delete(*keys)


async def is_verified(app: FastAPI, email: str) -> bool:
    async with app.state.database.sessionmaker() as session:
        return bool(await session.scalar(select(User.is_verified).where(User.email == email)))


async def test_registration_code_verifies_the_email(accounts: Accounts, app: FastAPI) -> None:
    await accounts.register("v@example.com")
    code = accounts.last_code("v@example.com")

    response = await accounts.client.post(VERIFY, json={"email": "v@example.com", "code": code})

    assert response.status_code == 200
    assert response.json() == {"purpose": "verify_email", "email": "v@example.com", "verified": True}
    assert await is_verified(app, "v@example.com")
    again = await accounts.client.post(VERIFY, json={"email": "v@example.com", "code": code})
    assert again.status_code == 400  # a code works once


async def test_codes_are_stored_only_as_hashes(accounts: Accounts, app: FastAPI) -> None:
    await accounts.register("h@example.com")
    code = accounts.last_code("h@example.com")

    async with app.state.database.sessionmaker() as session:
        stored = (await session.scalars(select(Otp))).one()

    assert code not in stored.code_hash
    assert len(stored.code_hash) == 64
    assert stored.expires_at - stored.created_at <= timedelta(minutes=10, seconds=5)


async def test_send_otp_answers_the_same_for_unknown_addresses_and_mails_nothing(accounts: Accounts) -> None:
    known = await accounts.client.post(SEND, json={"email": "nobody@example.com"})

    assert known.status_code == 202
    assert known.json()["expires_in"] == 600
    assert accounts.smtp.to("nobody@example.com") == []


async def test_send_otp_is_throttled_per_address(accounts: Accounts, app: FastAPI) -> None:
    await accounts.register("c@example.com")
    await clear_cooldowns(app)
    first = await accounts.client.post(SEND, json={"email": "c@example.com"})

    second = await accounts.client.post(SEND, json={"email": "c@example.com"})
    ghost_first = await accounts.client.post(SEND, json={"email": "ghost@example.com"})
    ghost_second = await accounts.client.post(SEND, json={"email": "ghost@example.com"})

    assert first.status_code == 202
    assert second.status_code == 429
    assert 1 <= int(second.headers["retry-after"]) <= 60
    assert second.json()["error"]["details"]["retry_after"] >= 1
    # The cooldown applies to unknown addresses too, so it reveals nothing.
    assert ghost_first.status_code == 202
    assert ghost_second.status_code == 429


async def test_resend_issues_a_new_code_and_kills_the_old_one(accounts: Accounts, app: FastAPI) -> None:
    await accounts.register("r@example.com")
    old = accounts.last_code("r@example.com")
    await clear_cooldowns(app)

    response = await accounts.client.post(RESEND, json={"email": "r@example.com"})
    new = accounts.last_code("r@example.com")

    assert response.status_code == 202
    assert len(accounts.smtp.to("r@example.com")) == 2
    async with app.state.database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Otp)) == 1  # the old code is gone
    if old != new:  # one time in a million the new code repeats the old one
        stale = await accounts.client.post(VERIFY, json={"email": "r@example.com", "code": old})
        assert stale.status_code == 400
    fresh = await accounts.client.post(VERIFY, json={"email": "r@example.com", "code": new})
    assert fresh.status_code == 200


async def test_resend_without_a_pending_code_sends_nothing(accounts: Accounts, app: FastAPI) -> None:
    await accounts.register("p@example.com")
    code = accounts.last_code("p@example.com")
    await accounts.client.post(VERIFY, json={"email": "p@example.com", "code": code})
    await clear_cooldowns(app)

    response = await accounts.client.post(
        RESEND, json={"email": "p@example.com", "purpose": "reset_password"}
    )

    assert response.status_code == 202
    assert len(accounts.smtp.to("p@example.com")) == 1


async def test_wrong_codes_count_down_and_lock_after_five(accounts: Accounts, app: FastAPI) -> None:
    await accounts.register("w@example.com")
    code = accounts.last_code("w@example.com")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    remaining = []
    for _ in range(5):
        response = await accounts.client.post(VERIFY, json={"email": "w@example.com", "code": wrong})
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_otp"
        remaining.append(response.json()["error"]["details"]["attempts_remaining"])
    locked = await accounts.client.post(VERIFY, json={"email": "w@example.com", "code": code})

    assert remaining == [4, 3, 2, 1, 0]
    assert locked.status_code == 400
    assert locked.json()["error"]["code"] == "otp_attempts_exceeded"
    assert not await is_verified(app, "w@example.com")


async def test_an_expired_code_is_refused_and_changes_nothing(accounts: Accounts, app: FastAPI) -> None:
    await accounts.register("e@example.com")
    code = accounts.last_code("e@example.com")
    async with app.state.database.sessionmaker() as session, session.begin():
        await session.execute(update(Otp).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))

    response = await accounts.client.post(VERIFY, json={"email": "e@example.com", "code": code})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "otp_expired"
    assert not await is_verified(app, "e@example.com")
    async with app.state.database.sessionmaker() as session:
        otp = (await session.scalars(select(Otp))).one()
    assert otp.attempts == 0
    assert otp.consumed_at is None


async def test_verify_for_an_unknown_address_is_just_a_wrong_code(accounts: Accounts) -> None:
    response = await accounts.client.post(VERIFY, json={"email": "ghost@example.com", "code": "123456"})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_otp"


async def test_verify_rejects_malformed_bodies(accounts: Accounts) -> None:
    for body in (
        {"email": "a@example.com", "code": "12345"},
        {"email": "a@example.com", "code": "abcdef"},
        {"email": "a@example.com", "code": "123456", "purpose": "login"},
        {"email": "a@example.com", "code": "123456", "purpose": "reset_password"},
        {"email": "a@example.com", "code": "123456", "purpose": "reset_password", "new_password": "weak"},
    ):
        response = await accounts.client.post(VERIFY, json=body)
        assert response.status_code == 422, body


async def test_password_reset_by_code_sets_the_password_and_ends_sessions(
    accounts: Accounts, app: FastAPI
) -> None:
    session = await accounts.register("f@example.com")
    await clear_cooldowns(app)
    sent = await accounts.client.post(SEND, json={"email": "f@example.com", "purpose": "reset_password"})
    code = accounts.last_code("f@example.com")
    assert "password reset" in str(accounts.smtp.to("f@example.com")[-1]["Subject"])

    response = await accounts.client.post(
        VERIFY,
        json={
            "email": "f@example.com",
            "code": code,
            "purpose": "reset_password",
            "new_password": "Res3t-pass",
        },
    )

    assert sent.status_code == 202
    assert response.status_code == 200
    assert (await accounts.client.get("/api/v1/users/me", headers=bearer(session))).status_code == 401
    old = await accounts.client.post(
        "/api/v1/auth/login", json={"email": "f@example.com", "password": PASSWORD}
    )
    assert old.status_code == 401
    await accounts.login("f@example.com", "Res3t-pass")


async def test_a_verification_code_cannot_reset_a_password(accounts: Accounts) -> None:
    await accounts.register("x@example.com")
    code = accounts.last_code("x@example.com")

    response = await accounts.client.post(
        VERIFY,
        json={
            "email": "x@example.com",
            "code": code,
            "purpose": "reset_password",
            "new_password": "Hack3d-pass",
        },
    )

    assert response.status_code == 400
    await accounts.login("x@example.com")


async def test_when_smtp_is_down_send_fails_clearly_stores_nothing_and_can_be_retried(
    make_settings: Callable[..., CoreSettings], accounts: Accounts, app: FastAPI
) -> None:
    await accounts.register("s@example.com")
    code = accounts.last_code("s@example.com")
    await clear_cooldowns(app)

    async with serve(make_settings(smtp_port=1)) as broken, broken.client() as http:
        failed = await http.post(SEND, json={"email": "s@example.com"})
        retried = await http.post(SEND, json={"email": "s@example.com"})

    assert failed.status_code == 503
    assert failed.json()["error"]["code"] == "mail_unavailable"
    assert retried.status_code == 503  # not 429: the failed attempt released the cooldown
    # The earlier code was not replaced by one that never left.
    still = await accounts.client.post(VERIFY, json={"email": "s@example.com", "code": code})
    assert still.status_code == 200
    async with app.state.database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Otp)) == 1


async def test_deactivated_accounts_get_no_codes(accounts: Accounts, app: FastAPI) -> None:
    user = await accounts.register("off@example.com")
    async with app.state.database.sessionmaker() as session, session.begin():
        row = await session.get(User, uuid.UUID(user["user"]["id"]))
        assert row is not None
        row.is_active = False
    await clear_cooldowns(app)

    response = await accounts.client.post(
        SEND, json={"email": "off@example.com", "purpose": "reset_password"}
    )

    assert response.status_code == 202
    assert len(accounts.smtp.to("off@example.com")) == 1  # only the registration mail
