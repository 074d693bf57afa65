"""Sessions that really end: logout, refresh-token reuse, deactivation, password change and reset revoke every
access token of the session (or the user) at once, in core and in every service that verifies core's tokens:
the real commerce and payment apps, on their own migrated databases, sharing core's Redis and public key.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from commerce.cli import SERVICE_ROOT as COMMERCE_ROOT
from commerce.config import CommerceSettings
from commerce.main import create_app as create_commerce
from core.config import CoreSettings
from kit.migrations import upgrade
from kit.testing.apps import api_client, serve
from kit.testing.servers import PostgresServer
from payment.cli import SERVICE_ROOT as PAYMENT_ROOT
from payment.config import PaymentSettings
from payment.main import create_app as create_payment

from .conftest import PASSWORD, Accounts, bearer
from .test_otp import SEND, VERIFY, clear_cooldowns

ME = "/api/v1/users/me"
REFRESH = "/api/v1/auth/refresh"
REVOKED = "The access token has been revoked."
# A route of each service for signed-in users (a missing payment is a 404 once the token is accepted).
FELLOW_ROUTES = {
    "commerce": (200, "/api/v1/orders/{user_id}"),
    "payment": (404, "/api/v1/payments/no-such-payment/status"),
}


@pytest.fixture(scope="module")
def fellow_databases(migrated_database: PostgresServer) -> dict[str, dict[str, Any]]:
    """Empty, migrated databases of commerce and payment in the tests' PostgreSQL (built once a module)."""
    common: dict[str, Any] = {
        "postgres_host": "127.0.0.1",
        "postgres_port": migrated_database.port,
        "postgres_user": migrated_database.user,
        "postgres_password": SecretStr(migrated_database.password),
    }
    databases = {}
    for name, root, settings_class in (
        ("commerce", COMMERCE_ROOT, CommerceSettings),
        ("payment", PAYMENT_ROOT, PaymentSettings),
    ):
        database = f"{name}_for_core_test"
        migrated_database.create_database(database)
        values = {**common, "postgres_db": database}
        upgrade(root, settings_class(_env_file=None, **values).database_url)
        databases[name] = values
    return databases


@pytest.fixture
async def services(
    settings: CoreSettings, fellow_databases: dict[str, dict[str, Any]]
) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    """The real commerce and payment apps, verifying core's tokens against core's Redis."""
    shared: dict[str, Any] = {
        "environment": "test",
        "redis_url": SecretStr(settings.redis_url.get_secret_value()),
        "jwt_public_key_file": settings.jwt_public_key_file,
        "log_level": "WARNING",
    }
    apps: dict[str, FastAPI] = {
        "commerce": create_commerce(
            CommerceSettings(
                _env_file=None, **fellow_databases["commerce"], **shared, expiry_interval_seconds=0
            )
        ),
        "payment": create_payment(
            PaymentSettings(
                _env_file=None,
                **fellow_databases["payment"],
                **shared,
                payment_provider="offline",
                offline_webhook_delivery="none",
                outbox_worker_enabled=False,
            )
        ),
    }
    async with AsyncExitStack() as stack:
        clients = {}
        for name, app in apps.items():
            await stack.enter_async_context(serve(app))
            clients[name] = await stack.enter_async_context(api_client(app, base_url=f"http://{name}.test"))
        yield clients


async def answers(
    accounts: Accounts, services: dict[str, httpx.AsyncClient], tokens: list[dict[str, Any]]
) -> dict[str, list[int]]:
    """Each token's fate in core (GET /users/me) and in each other service: 200 accepted, 401 revoked."""
    result: dict[str, list[int]] = {"core": [], **{name: [] for name in services}}
    for token in tokens:
        response = await accounts.client.get(ME, headers=bearer(token))
        result["core"].append(200 if response.status_code == 200 else revoked(response))
        for name, http in services.items():
            accepted, route = FELLOW_ROUTES[name]
            response = await http.get(route.format(user_id=token["user"]["id"]), headers=bearer(token))
            result[name].append(200 if response.status_code == accepted else revoked(response))
    return result


def revoked(response: httpx.Response) -> int:
    """401 for a revoked token; anything else fails the test with the answer."""
    assert response.status_code == 401, response.text
    assert response.json()["error"]["message"] == REVOKED, response.text
    return 401


async def refreshed(accounts: Accounts, tokens: dict[str, Any]) -> dict[str, Any]:
    response = await accounts.client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_logout_after_three_refreshes_revokes_all_four_access_tokens_everywhere(
    accounts: Accounts, services: dict[str, httpx.AsyncClient]
) -> None:
    """The issue's test: before, only the newest of the four was blacklisted."""
    tokens = [await accounts.register()]
    for _ in range(3):
        tokens.append(await refreshed(accounts, tokens[-1]))
    before = await answers(accounts, services, tokens)

    logout = await accounts.client.post("/api/v1/auth/logout", headers=bearer(tokens[-1]))

    assert before == {"core": [200] * 4, "commerce": [200] * 4, "payment": [200] * 4}
    assert logout.status_code == 204
    assert await answers(accounts, services, tokens) == {
        "core": [401] * 4,
        "commerce": [401] * 4,
        "payment": [401] * 4,
    }


async def test_refresh_token_reuse_revokes_every_access_token_of_the_family(
    accounts: Accounts, services: dict[str, httpx.AsyncClient]
) -> None:
    first = await accounts.register()
    second = await refreshed(accounts, first)
    third = await refreshed(accounts, second)

    replay = await accounts.client.post(REFRESH, json={"refresh_token": first["refresh_token"]})

    assert replay.status_code == 401
    assert await answers(accounts, services, [first, second, third]) == {
        "core": [401] * 3,
        "commerce": [401] * 3,
        "payment": [401] * 3,
    }


async def test_deactivation_revokes_every_access_token_of_the_user(
    accounts: Accounts, services: dict[str, httpx.AsyncClient]
) -> None:
    laptop = await accounts.register("d@example.com")
    older = await refreshed(accounts, laptop)  # `laptop` is now an older token of the session
    phone = await accounts.login("d@example.com")
    admin = await accounts.admin()

    deactivated = await accounts.client.patch(
        f"/api/v1/admin/users/{laptop['user']['id']}/deactivate", headers=bearer(admin)
    )
    patch = await accounts.client.patch(ME, headers=bearer(laptop), json={"full_name": "Still here"})

    assert deactivated.status_code == 200
    assert patch.status_code == 401  # before: the older token of a deactivated user could still edit
    assert patch.json()["error"]["message"] == REVOKED
    assert await answers(accounts, services, [laptop, older, phone]) == {
        "core": [401] * 3,
        "commerce": [401] * 3,
        "payment": [401] * 3,
    }
    assert (await accounts.client.get(ME, headers=bearer(admin))).status_code == 200


async def test_password_change_revokes_the_other_sessions_and_keeps_this_one(
    accounts: Accounts, services: dict[str, httpx.AsyncClient]
) -> None:
    laptop = await accounts.register("cp@example.com")
    phone = await accounts.login("cp@example.com")
    phone_later = await refreshed(accounts, phone)

    changed = await accounts.client.post(
        "/api/v1/auth/change-password",
        headers=bearer(laptop),
        json={"current_password": PASSWORD, "new_password": "N3w-password"},
    )

    assert changed.status_code == 200
    assert await answers(accounts, services, [phone, phone_later, laptop]) == {
        "core": [401, 401, 200],
        "commerce": [401, 401, 200],
        "payment": [401, 401, 200],
    }


async def test_password_reset_revokes_every_token_and_the_login_right_after_works(
    accounts: Accounts, services: dict[str, httpx.AsyncClient], app: FastAPI
) -> None:
    """The user-wide revocation is kept in milliseconds: a sign-in in the same second as the reset works."""
    laptop = await accounts.register("f@example.com")
    older = await refreshed(accounts, laptop)
    phone = await accounts.login("f@example.com")
    await clear_cooldowns(app)
    await accounts.client.post(SEND, json={"email": "f@example.com", "purpose": "reset_password"})
    code = accounts.last_code("f@example.com")

    reset = await accounts.client.post(
        VERIFY,
        json={
            "email": "f@example.com",
            "code": code,
            "purpose": "reset_password",
            "new_password": "Res3t-pass",
        },
    )
    fresh = await accounts.login("f@example.com", "Res3t-pass")

    assert reset.status_code == 200
    assert await answers(accounts, services, [laptop, older, phone, fresh]) == {
        "core": [401, 401, 401, 200],
        "commerce": [401, 401, 401, 200],
        "payment": [401, 401, 401, 200],
    }
