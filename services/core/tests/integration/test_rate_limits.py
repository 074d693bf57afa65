"""Rate limits with the production defaults, keyed on the real client IP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from fastapi import FastAPI

from core.auth.service import email_digest
from core.config import CoreSettings

from .conftest import PASSWORD, Accounts, Running, serve
from .test_otp import VERIFY, is_verified

LOGIN = "/api/v1/auth/login"


@pytest.fixture
async def strict(make_settings: Callable[..., CoreSettings]) -> AsyncIterator[Running]:
    async with serve(make_settings(rate_limit_overrides={})) as running:
        yield running


async def attempt_logins(http: httpx.AsyncClient, count: int, **kwargs: object) -> list[int]:
    statuses = []
    for _ in range(count):
        response = await http.post(LOGIN, json={"email": "x@example.com", "password": PASSWORD}, **kwargs)  # type: ignore[arg-type]
        statuses.append(response.status_code)
    return statuses


async def test_login_is_limited_per_client_ip(strict: Running) -> None:
    async with (
        strict.client(client_ip="198.51.100.7") as attacker,
        strict.client(client_ip="198.51.100.8") as other,
    ):
        statuses = await attempt_logins(attacker, 11)
        blocked = await attacker.post(LOGIN, json={"email": "x@example.com", "password": PASSWORD})
        bystander = await other.post(LOGIN, json={"email": "y@example.com", "password": PASSWORD})

    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429
    assert blocked.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(blocked.headers["retry-after"]) <= 60
    assert bystander.status_code == 401


async def test_a_spoofed_forwarded_header_from_a_direct_client_does_not_escape_the_limit(
    strict: Running,
) -> None:
    async with strict.client(client_ip="198.51.100.9") as attacker:
        statuses = [
            (
                await attacker.post(
                    LOGIN,
                    json={"email": "x@example.com", "password": PASSWORD},
                    headers={"X-Forwarded-For": f"10.0.0.{n}"},
                )
            ).status_code
            for n in range(11)
        ]

    assert statuses[-1] == 429


async def test_behind_the_trusted_proxy_each_forwarded_client_has_its_own_bucket(strict: Running) -> None:
    async with strict.client(client_ip="127.0.0.1") as nginx:
        first = await attempt_logins(nginx, 11, headers={"X-Forwarded-For": "203.0.113.1"})
        second = await attempt_logins(nginx, 1, headers={"X-Forwarded-For": "evil, 203.0.113.2"})

    assert first[-1] == 429
    assert second == [401]


async def test_wrong_passwords_from_other_addresses_do_not_lock_the_owner_out(
    strict: Running, accounts: Accounts
) -> None:
    """Before, 20 wrong passwords from anywhere locked the account for everyone (`login-account`); now the
    limit is per (account, address): the attackers wait, the owner signs in from home."""
    await accounts.register("victim@example.com")
    spellings = ("victim@example.com", "Victim@example.com", "VICTIM@Example.COM")
    guesses: dict[str, list[int]] = {}
    for attacker in ("198.51.100.61", "198.51.100.62"):
        async with strict.client(client_ip=attacker) as http:
            guesses[attacker] = [
                (
                    await http.post(LOGIN, json={"email": spellings[n % 3], "password": "Guess-123"})
                ).status_code
                for n in range(11)
            ]
    async with strict.client(client_ip="203.0.113.50") as home:
        owner = await home.post(LOGIN, json={"email": "victim@example.com", "password": PASSWORD})

    assert guesses == {address: [401] * 10 + [429] for address in guesses}
    assert owner.status_code == 200, owner.text


async def test_wrong_passwords_are_limited_per_account_and_address(
    make_settings: Callable[..., CoreSettings], accounts: Accounts
) -> None:
    """The pair limit alone (the per-address `login` limit lifted): 10 wrong passwords for one account
    from one address, then that pair waits, while the same address may still sign in to another account
    and a right password before the limit does not count against it."""
    await accounts.register("victim@example.com")
    await accounts.register("neighbour@example.com")
    async with serve(make_settings(rate_limit_overrides={"login": 1000})) as running:
        async with running.client(client_ip="198.51.100.70") as http:
            for _ in range(3):  # the owner's own successful sign-ins are refunded
                assert (
                    await http.post(LOGIN, json={"email": "victim@example.com", "password": PASSWORD})
                ).status_code == 200
            guesses = [
                (
                    await http.post(LOGIN, json={"email": "victim@example.com", "password": "Guess-123"})
                ).status_code
                for _ in range(10)
            ]
            locked = await http.post(LOGIN, json={"email": "victim@example.com", "password": PASSWORD})
            neighbour = await http.post(LOGIN, json={"email": "neighbour@example.com", "password": PASSWORD})
        victim_pair = await running.app.state.redis.get(
            f"ratelimit:core:login-account-address:{email_digest('victim@example.com')}:198.51.100.70"
        )

    assert guesses == [401] * 10
    assert_locked_out(locked)
    assert neighbour.status_code == 200
    assert victim_pair == "11"  # the ten guesses and the refused try; the successes were refunded


async def test_otp_sending_and_verifying_are_limited(strict: Running) -> None:
    async with strict.client(client_ip="198.51.100.20") as http:
        sends = [
            (await http.post("/api/v1/auth/send-otp", json={"email": f"n{n}@example.com"})).status_code
            for n in range(6)
        ]
        verifies = [
            (
                await http.post("/api/v1/auth/verify-otp", json={"email": "n@example.com", "code": "000000"})
            ).status_code
            for _ in range(21)
        ]

    assert sends == [202] * 5 + [429]
    assert verifies == [400] * 20 + [429]


def assert_locked_out(response: httpx.Response) -> None:
    """A clear 429 that starts no session: the code, a message, when to retry, and no tokens."""
    assert response.status_code == 429, response.text
    error = response.json()["error"]
    assert (error["code"], error["message"]) == ("rate_limited", "Too many requests; try again later.")
    assert error["details"]["retry_after"] == int(response.headers["retry-after"]) >= 1
    assert "access_token" not in response.text
    assert "set-cookie" not in response.headers


async def test_the_right_password_is_refused_while_the_client_ip_is_locked_out(
    strict: Running, accounts: Accounts
) -> None:
    await accounts.register("victim@example.com")  # from the fixture client, another IP
    async with strict.client(client_ip="198.51.100.30") as attacker:
        guesses = [
            (
                await attacker.post(LOGIN, json={"email": "victim@example.com", "password": "Guess-123"})
            ).status_code
            for _ in range(10)
        ]
        right = await attacker.post(LOGIN, json={"email": "victim@example.com", "password": PASSWORD})

    assert guesses == [401] * 10
    assert_locked_out(right)


async def test_the_right_code_is_refused_while_verification_is_rate_limited(
    strict: Running, accounts: Accounts, app: FastAPI
) -> None:
    await accounts.register("victim@example.com")
    code = accounts.last_code("victim@example.com")
    async with strict.client(client_ip="198.51.100.40") as attacker:
        guesses = [
            (
                await attacker.post(VERIFY, json={"email": f"other{n}@example.com", "code": "000000"})
            ).status_code
            for n in range(20)
        ]
        right = await attacker.post(VERIFY, json={"email": "victim@example.com", "code": code})
        verified_then = await is_verified(app, "victim@example.com")
    async with strict.client(client_ip="198.51.100.41") as owner:
        own = await owner.post(VERIFY, json={"email": "victim@example.com", "code": code})

    assert guesses == [400] * 20
    assert_locked_out(right)
    assert not verified_then
    assert own.status_code == 200  # the limit was the IP's: the code itself was still good
