"""PostgreSQL, Redis and SMTP started by the tests themselves, in a temporary directory, on free ports.

PostgreSQL and Redis come from the distro's binaries (`make test` installs them when missing). PostgreSQL
refuses to run as root, so as root the cluster belongs to the `postgres` system user.
"""

from __future__ import annotations

import contextlib
import email
import email.message
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def _postgres_bindir() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name)
    )
    if candidates:
        return Path(candidates[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise RuntimeError("PostgreSQL server binaries not found: run `make test` (it installs them)")


@dataclass
class PostgresServer:
    """A throwaway PostgreSQL cluster: superuser `postgres` with a random password, scram-sha-256."""

    port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    directory: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="aarya-pg-")))
    user: str = "postgres"
    keep: bool = False  # keep the data directory (make dev) instead of a throwaway one

    def _as_owner(self, *command: str) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *command]
        return list(command)

    def start(self) -> None:
        bindir = _postgres_bindir()
        data = self.directory / "data"
        pwfile = self.directory / "pwfile"
        if pwfile.exists() and data.exists():
            self.password = pwfile.read_text()
        else:
            self._initdb(bindir, data, pwfile)
        self._start(bindir, data)

    def _initdb(self, bindir: Path, data: Path, pwfile: Path) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        pwfile.write_text(self.password)
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.directory, owner.pw_uid, owner.pw_gid)
            os.chown(pwfile, owner.pw_uid, owner.pw_gid)
        subprocess.run(
            self._as_owner(
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                self.user,
                "--auth=scram-sha-256",
                f"--pwfile={pwfile}",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ),
            check=True,
            capture_output=True,
        )

    def _start(self, bindir: Path, data: Path) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c max_connections=300"
        if not self.keep:  # throwaway data: durability buys nothing, speed does
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(
            self._as_owner(
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(self.directory / "server.log"),
                "-w",
                "start",
            ),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        bindir = _postgres_bindir()
        subprocess.run(
            self._as_owner(
                str(bindir / "pg_ctl"),
                "-D",
                str(self.directory / "data"),
                "-m",
                "fast" if self.keep else "immediate",
                "stop",
            ),
            check=False,
            capture_output=True,
        )
        if not self.keep:
            shutil.rmtree(self.directory, ignore_errors=True)

    def create_database(self, name: str) -> None:
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                self.user,
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                f'CREATE DATABASE "{name}"',
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "PGPASSWORD": self.password},
        )


@dataclass
class RedisServer:
    """A throwaway Redis with append-only persistence, as in production."""

    port: int = field(default_factory=free_port)
    directory: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="aarya-redis-")))
    process: subprocess.Popen[bytes] | None = None
    keep: bool = False

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),
                "--save",
                "",
                "--appendonly",
                "yes",
                "--daemonize",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
        if not self.keep:
            shutil.rmtree(self.directory, ignore_errors=True)


class _Collector:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self.sink.lock:
            if self.sink.refuse_next > 0:  # a relay that is briefly unwell
                self.sink.refuse_next -= 1
                return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        with self.sink.lock:
            self.sink.messages.append(message)
        return "250 Message accepted for delivery"


@dataclass
class SmtpSink:
    """A real SMTP server (aiosmtpd) that keeps every message it receives."""

    port: int = field(default_factory=free_port)
    messages: list[email.message.EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    controller: Controller | None = None
    # Answer this many next messages with a temporary failure (451), as a relay in trouble would.
    refuse_next: int = 0

    def start(self) -> None:
        self.controller = Controller(_Collector(self), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()
            self.refuse_next = 0

    def to(self, address: str) -> list[email.message.EmailMessage]:
        with self.lock:
            return [m for m in self.messages if address.lower() in str(m["To"]).lower()]


@contextlib.contextmanager
def running(server: PostgresServer | RedisServer | SmtpSink) -> Iterator[Any]:
    server.start()
    try:
        yield server
    finally:
        server.stop()
