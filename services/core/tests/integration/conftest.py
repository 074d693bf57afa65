"""Core against a real PostgreSQL (schema built by Alembic), Redis and SMTP sink, started by the tests."""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from core.cli import SERVICE_ROOT, create_admin
from core.config import CoreSettings
from core.main import create_app
from kit.migrations import upgrade
from kit.testing.apps import api_client, reset_state
from kit.testing.apps import serve as serve_app
from kit.testing.servers import PostgresServer, RedisServer, SmtpSink

DATABASE = "core_test"
ORIGIN = "https://core.test"
PASSWORD = "Sup3r-secret-pass"
# Every limit high enough not to interfere; the rate-limit tests build an app with the real defaults.
RELAXED_LIMITS = dict.fromkeys(
    ("register", "login", "login-account-address", "refresh", "otp-send", "otp-verify"), 100_000
)


@pytest.fixture(scope="session")
def migrated_database(postgres_server: PostgresServer) -> PostgresServer:
    postgres_server.create_database(DATABASE)
    upgrade(SERVICE_ROOT, settings_for(postgres_server, None, None, None).database_url)
    return postgres_server


def settings_for(
    postgres: PostgresServer,
    redis: RedisServer | None,
    smtp: SmtpSink | None,
    keys: Path | None,
    **overrides: Any,
) -> CoreSettings:
    values: dict[str, Any] = {
        "environment": "test",
        "postgres_host": "127.0.0.1",
        "postgres_port": postgres.port,
        "postgres_db": DATABASE,
        "postgres_user": postgres.user,
        "postgres_password": SecretStr(postgres.password),
        "redis_url": SecretStr(redis.url if redis else "redis://127.0.0.1:1/0"),
        "jwt_private_key_file": keys / "jwt-private.pem" if keys else None,
        "jwt_public_key_file": keys / "jwt-public.pem" if keys else None,
        "otp_secret": SecretStr("test-otp-secret"),
        "email_backend": "smtp",
        "smtp_host": "127.0.0.1",
        "smtp_port": smtp.port if smtp else 1,
        "smtp_retries": 0,  # a test of a broken relay need not wait for the backoff (test_mail.py tests it)
        # Cheap Argon2 parameters keep the suite fast; production defaults are in CoreSettings.
        "argon2_time_cost": 1,
        "argon2_memory_cost_kib": 1024,
        "argon2_parallelism": 1,
        "password_hash_concurrency": 8,
        "rate_limit_overrides": RELAXED_LIMITS,
        "log_level": "WARNING",
    }
    values.update(overrides)
    return CoreSettings(_env_file=None, **values)


@pytest.fixture
def make_settings(
    migrated_database: PostgresServer, redis_server: RedisServer, smtp_sink: SmtpSink, jwt_keys: Path
) -> Callable[..., CoreSettings]:
    def build(**overrides: Any) -> CoreSettings:
        return settings_for(migrated_database, redis_server, smtp_sink, jwt_keys, **overrides)

    return build


@pytest.fixture
def settings(make_settings: Callable[..., CoreSettings]) -> CoreSettings:
    return make_settings()


@pytest.fixture(autouse=True)
async def clean_state(settings: CoreSettings, smtp_sink: SmtpSink) -> None:
    """Each test starts from empty tables, an empty Redis and an empty mailbox."""
    await reset_state(settings, ["users", "otps"])
    smtp_sink.clear()


@dataclass
class Running:
    app: FastAPI

    def client(self, *, client_ip: str = "127.0.0.1", keep_cookies: bool = False) -> httpx.AsyncClient:
        """An API client (Bearer tokens, cookies ignored) or, with keep_cookies, a browser-like one, which
        (like a browser on the shop's pages) sends the shop's Origin."""
        http = api_client(self.app, base_url=ORIGIN, client_ip=client_ip, keep_cookies=keep_cookies)
        if keep_cookies:
            http.headers["Origin"] = ORIGIN
        return http


@asynccontextmanager
async def serve(settings: CoreSettings) -> AsyncIterator[Running]:
    """The core app with its lifespan (database pool, Redis, mailer) running."""
    async with serve_app(create_app(settings)) as app:
        yield Running(app)


@pytest.fixture
async def running(settings: CoreSettings) -> AsyncIterator[Running]:
    async with serve(settings) as started:
        yield started


@pytest.fixture
async def client(running: Running) -> AsyncIterator[httpx.AsyncClient]:
    async with running.client() as http:
        yield http


@pytest.fixture
def app(running: Running) -> FastAPI:
    return running.app


def bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


@dataclass
class Accounts:
    """Creates shoppers and admins through the public API and reads their mail."""

    client: httpx.AsyncClient
    settings: CoreSettings
    smtp: SmtpSink
    serial: itertools.count[int] = field(default_factory=itertools.count)

    def new_email(self) -> str:
        return f"shopper{next(self.serial)}@example.com"

    async def register(self, email: str | None = None, password: str = PASSWORD) -> dict[str, Any]:
        """Register as the storefront does (the answer says nothing of the account), then sign in."""
        email = email or self.new_email()
        response = await self.client.post(
            "/api/v1/auth/register", json={"email": email, "password": password, "full_name": "Asha Rao"}
        )
        assert response.status_code == 202, response.text
        return await self.login(email, password)

    async def login(self, email: str, password: str = PASSWORD) -> dict[str, Any]:
        response = await self.client.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def admin(self, email: str = "admin@example.com") -> dict[str, Any]:
        await create_admin(self.settings, email, "Shop Admin", PASSWORD)
        return await self.login(email)

    def last_code(self, email: str) -> str:
        messages = self.smtp.to(email)
        assert messages, f"no e-mail reached {email}"
        match = re.search(r"\b(\d{6})\b", messages[-1].get_content())
        assert match, "no 6-digit code in the e-mail"
        return match.group(1)


@pytest.fixture
def accounts(client: httpx.AsyncClient, settings: CoreSettings, smtp_sink: SmtpSink) -> Accounts:
    return Accounts(client, settings, smtp_sink)


def logged(records: list[logging.LogRecord]) -> str:
    return "\n".join(f"{record.getMessage()} {vars(record)}" for record in records)
