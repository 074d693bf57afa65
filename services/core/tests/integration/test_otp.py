from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import func, select, update

from core.config import CoreSettings
from core.otp.models import Otp
from core.users.models import User
from kit.testing.logs import capturing

from .conftest import PASSWORD, Accounts, bearer, logged, serve

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


async def test_wrong_codes_count_down_and_a_code_dies_after_five(accounts: Accounts, app: FastAPI) -> None:
    await accounts.register("w@example.com")
    code = accounts.last_code("w@example.com")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    remaining = []
    for _ in range(5):
        response = await accounts.client.post(VERIFY, json={"email": "w@example.com", "code": wrong})
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_otp"
        remaining.append(response.json()["error"]["details"]["attempts_remaining"])
    dead = await accounts.client.post(VERIFY, json={"email": "w@example.com", "code": code})

    # What is left of the address's daily budget (10), the same count an unknown address would show.
    assert remaining == [9, 8, 7, 6, 5]
    assert (dead.status_code, dead.json()["error"]) == (400, invalid_otp(4))
    assert not await is_verified(app, "w@example.com")


def invalid_otp(remaining: int) -> dict[str, object]:
    return {
        "code": "invalid_otp",
        "message": (
            "Too many wrong codes were entered for this address, so codes are blocked for 24 hours."
            " Please try again tomorrow."
            if remaining == 0
            else "The code is wrong or has expired. You have "
            + ("1 more try" if remaining == 1 else f"{remaining} more tries")
            + " today: use the newest code we sent, or ask for a new one."
        ),
        "details": {"attempts_remaining": remaining, "tries_left": remaining},
    }


async def test_a_wrong_code_says_how_many_tries_are_left(accounts: Accounts) -> None:
    """Before, a wrong code only said "wrong or expired": the shopper could not tell a lock was coming."""
    await accounts.register("tries@example.com")
    code = accounts.last_code("tries@example.com")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    first = await accounts.client.post(VERIFY, json={"email": "tries@example.com", "code": wrong})

    error = first.json()["error"]
    assert first.status_code == 400
    assert error["details"]["tries_left"] == 9
    assert "You have 9 more tries today" in error["message"]
    assert "newest code" in error["message"]


async def test_verify_answers_the_same_for_known_and_unknown_addresses(accounts: Accounts) -> None:
    """Before, only a known account's answer carried `attempts_remaining`."""
    await accounts.register("known@example.com")
    code = accounts.last_code("known@example.com")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    for _ in range(3):
        known = await accounts.client.post(VERIFY, json={"email": "known@example.com", "code": wrong})
        unknown = await accounts.client.post(VERIFY, json={"email": "ghost@example.com", "code": wrong})
        assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert known.json()["error"] == invalid_otp(7)


async def test_failures_across_codes_lock_verification_for_the_day_and_tell_the_owner(
    accounts: Accounts, app: FastAPI
) -> None:
    """Before, each new code reset a 5-try budget: ~7,000 guesses a day. Now 10 a day per address and
    purpose, across codes; then even the right code is refused, the same way as for an unknown address."""
    await accounts.register("lock@example.com")
    statuses: dict[str, list[dict[str, object]]] = {"lock@example.com": [], "ghost@example.com": []}
    for round_ in range(2):
        if round_:
            await clear_cooldowns(app)
            assert (await accounts.client.post(RESEND, json={"email": "lock@example.com"})).status_code == 202
        code = accounts.last_code("lock@example.com")
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        for email, errors in statuses.items():
            for _ in range(5):
                response = await accounts.client.post(VERIFY, json={"email": email, "code": wrong})
                errors.append(response.json()["error"])
    await clear_cooldowns(app)
    resent = await accounts.client.post(RESEND, json={"email": "lock@example.com"})
    right = await accounts.client.post(VERIFY, json={"email": "lock@example.com", "code": code})
    ghost = await accounts.client.post(VERIFY, json={"email": "ghost@example.com", "code": code})

    assert statuses["lock@example.com"] == statuses["ghost@example.com"]
    assert statuses["ghost@example.com"] == [invalid_otp(n) for n in range(9, -1, -1)]
    assert (
        (right.status_code, right.json())
        == (ghost.status_code, ghost.json())
        == (400, {"error": invalid_otp(0)})
    )
    assert not await is_verified(app, "lock@example.com")
    mails = accounts.smtp.to("lock@example.com")
    assert str(mails[-1]["Subject"]) == "Codes blocked on your account"
    assert len(mails) == 3  # registration, one resend, the lock notice; no code while locked
    assert resent.status_code == 202
    other_purpose = await accounts.client.post(
        VERIFY,
        json={
            "email": "lock@example.com",
            "code": "123456",
            "purpose": "reset_password",
            "new_password": "N3w-password",
        },
    )
    assert other_purpose.json()["error"]["details"]["attempts_remaining"] == 9  # counted per purpose


async def test_sends_are_capped_per_address_per_day_alike_for_unknown_addresses(
    accounts: Accounts, app: FastAPI
) -> None:
    await accounts.register("many@example.com")  # its registration mail counts: 1 of 10
    answers: dict[str, list[int]] = {"many@example.com": [], "ghost@example.com": []}
    for _ in range(10):
        await clear_cooldowns(app)
        for email, statuses in answers.items():
            response = await accounts.client.post(SEND, json={"email": email, "purpose": "reset_password"})
            statuses.append(response.status_code)

    assert answers["many@example.com"] == [202] * 9 + [429]
    assert answers["ghost@example.com"] == [202] * 10
    assert len(accounts.smtp.to("many@example.com")) == 10
    await clear_cooldowns(app)
    ghost = await accounts.client.post(SEND, json={"email": "ghost@example.com", "purpose": "reset_password"})
    assert ghost.status_code == 429
    assert ghost.json()["error"]["code"] == "rate_limited"


async def test_no_code_ever_reaches_a_log_record(accounts: Accounts, app: FastAPI) -> None:
    """The whole flow (register, send, verify, reset) with every logger at DEBUG: the codes mailed appear in
    no log record (the console mailer used to log each message, code included)."""
    with capturing() as records:
        await accounts.register("log@example.com")
        verify_code = accounts.last_code("log@example.com")
        await accounts.client.post(VERIFY, json={"email": "log@example.com", "code": verify_code})
        await clear_cooldowns(app)
        await accounts.client.post(SEND, json={"email": "log@example.com", "purpose": "reset_password"})
        reset_code = accounts.last_code("log@example.com")
        reset = await accounts.client.post(
            VERIFY,
            json={
                "email": "log@example.com",
                "code": reset_code,
                "purpose": "reset_password",
                "new_password": "Res3t-pass",
            },
        )
    assert reset.status_code == 200
    assert records  # the access log at least: the capture works
    text = logged(records)
    for secret in (verify_code, reset_code, "Res3t-pass"):
        assert secret not in text, [
            r.getMessage() for r in records if secret in f"{r.getMessage()} {vars(r)}"
        ]


async def test_an_expired_code_is_refused_and_changes_nothing(accounts: Accounts, app: FastAPI) -> None:
    await accounts.register("e@example.com")
    code = accounts.last_code("e@example.com")
    async with app.state.database.sessionmaker() as session, session.begin():
        await session.execute(update(Otp).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))

    response = await accounts.client.post(VERIFY, json={"email": "e@example.com", "code": code})

    assert response.status_code == 400
    assert response.json()["error"] == invalid_otp(9)  # no word on whether the address has an account
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
