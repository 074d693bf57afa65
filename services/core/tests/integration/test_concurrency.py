"""Real parallel requests: many shoppers at once, and races on one account or token."""

from __future__ import annotations

import asyncio
from collections import Counter

from fastapi import FastAPI
from sqlalchemy import func, select

from core.users.models import User

from .conftest import PASSWORD, Accounts, bearer

CONCURRENCY = 50


async def test_fifty_concurrent_logins_all_get_working_sessions(accounts: Accounts) -> None:
    emails = [(await accounts.register())["user"]["email"] for _ in range(CONCURRENCY)]

    responses = await asyncio.gather(
        *(accounts.client.post("/api/v1/auth/login", json={"email": e, "password": PASSWORD}) for e in emails)
    )

    assert Counter(r.status_code for r in responses) == {200: CONCURRENCY}
    tokens = [r.json() for r in responses]
    assert len({t["refresh_token"] for t in tokens}) == CONCURRENCY
    checks = await asyncio.gather(
        *(accounts.client.get("/api/v1/users/me", headers=bearer(t)) for t in tokens)
    )
    assert {c.json()["email"] for c in checks} == set(emails)


async def test_fifty_concurrent_refreshes_of_distinct_sessions_all_rotate(accounts: Accounts) -> None:
    email = accounts.new_email()
    await accounts.register(email)
    sessions = await asyncio.gather(*(accounts.login(email) for _ in range(CONCURRENCY)))

    responses = await asyncio.gather(
        *(
            accounts.client.post("/api/v1/auth/refresh", json={"refresh_token": s["refresh_token"]})
            for s in sessions
        )
    )

    assert Counter(r.status_code for r in responses) == {200: CONCURRENCY}
    assert len({r.json()["refresh_token"] for r in responses}) == CONCURRENCY


async def test_racing_refreshes_of_one_token_rotate_it_once_then_revoke_the_family(
    accounts: Accounts,
) -> None:
    user = await accounts.register()

    responses = await asyncio.gather(
        *(
            accounts.client.post("/api/v1/auth/refresh", json={"refresh_token": user["refresh_token"]})
            for _ in range(20)
        )
    )

    assert Counter(r.status_code for r in responses) == {200: 1, 401: 19}
    winner = next(r.json() for r in responses if r.status_code == 200)
    # The losers presented a rotated token: that is reuse, so the family is gone, winner included.
    after = await accounts.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": winner["refresh_token"]}
    )
    assert after.status_code == 401


async def test_racing_registrations_of_one_email_create_one_account(accounts: Accounts, app: FastAPI) -> None:
    body = {"email": "race@example.com", "password": PASSWORD, "full_name": "Race"}

    responses = await asyncio.gather(
        *(accounts.client.post("/api/v1/auth/register", json=body) for _ in range(20))
    )

    assert Counter(r.status_code for r in responses) == {202: 20}  # the same answer, whoever won
    async with app.state.database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(User)) == 1
