"""pytest plugin shared by the services' test suites: one PostgreSQL, Redis and SMTP sink per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
