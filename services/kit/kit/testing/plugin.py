"""pytest plugin shared by the services' test suites: one PostgreSQL, Redis and SMTP sink per session."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kit.auth import TokenIssuer, generate_keys
from kit.testing.servers import PostgresServer, RedisServer, SmtpSink, running


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    with running(PostgresServer()) as server:
        yield server


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    with running(RedisServer()) as server:
        yield server


@pytest.fixture(scope="session")
def smtp_sink() -> Iterator[SmtpSink]:
    with running(SmtpSink()) as sink:
        yield sink


@pytest.fixture(scope="session")
def jwt_keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh key pair: point JWT_PUBLIC_KEY_FILE (and core's JWT_PRIVATE_KEY_FILE) at it."""
    directory = tmp_path_factory.mktemp("jwt-keys")
    generate_keys(directory)
    return directory


@pytest.fixture(scope="session")
def mint_token(jwt_keys: Path) -> Callable[..., str]:
    """Access tokens as core would sign them, for services that only verify: mint_token(user_id, role)."""
    issuer = TokenIssuer(
        private_key=(jwt_keys / "jwt-private.pem").read_text(),
        algorithm="EdDSA",
        issuer="aarya-core",
        audience="aarya",
        ttl_seconds=900,
    )

    def mint(
        user_id: uuid.UUID,
        role: str = "customer",
        *,
        email: str | None = None,
        email_verified: bool = False,
    ) -> str:
        return issuer.issue(
            user_id=user_id,
            role=role,
            session_id=uuid.uuid4().hex,
            email=email,
            email_verified=email_verified,
        ).token

    return mint
