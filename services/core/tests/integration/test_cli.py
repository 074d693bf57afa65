from __future__ import annotations

import asyncio
import io
import stat
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from fastapi import FastAPI
from sqlalchemy import select

from core import cli
from core.cli import SERVICE_ROOT
from core.config import CoreSettings
from core.users.models import User
from kit.migrations import alembic_config
from kit.testing.servers import PostgresServer

from .conftest import Accounts, settings_for


def run_cli(
    monkeypatch: pytest.MonkeyPatch, settings: CoreSettings, argv: list[str], stdin: str = ""
) -> None:
    monkeypatch.setattr(CoreSettings, "from_environment", classmethod(lambda cls: settings))
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    cli.main(argv)


# The CLI runs its own event loop, so the async tests run it in a thread beside theirs.


async def test_create_admin_makes_an_admin_who_can_sign_in(
    monkeypatch: pytest.MonkeyPatch, settings: CoreSettings, accounts: Accounts, app: FastAPI
) -> None:
    await asyncio.to_thread(
        run_cli,
        monkeypatch,
        settings,
        ["create-admin", "--email", "Boss@Example.com", "--password-stdin"],
        "Adm1n-password\n",
    )

    tokens = await accounts.login("boss@example.com", "Adm1n-password")
    assert tokens["user"]["role"] == "admin"
    assert tokens["user"]["is_verified"] is True


async def test_create_admin_promotes_an_existing_account(
    monkeypatch: pytest.MonkeyPatch, settings: CoreSettings, accounts: Accounts, app: FastAPI
) -> None:
    await accounts.register("staff@example.com")

    await asyncio.to_thread(
        run_cli,
        monkeypatch,
        settings,
        ["create-admin", "--email", "staff@example.com", "--password-stdin"],
        "Pr0moted-pass\n",
    )

    async with app.state.database.sessionmaker() as session:
        users = list(await session.scalars(select(User)))
    assert [(u.email, u.role) for u in users] == [("staff@example.com", "admin")]


async def test_create_admin_keep_existing_leaves_an_administrator_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    settings: CoreSettings,
    accounts: Accounts,
    app: FastAPI,
) -> None:
    command = ["create-admin", "--email", "first@example.com", "--password-stdin", "--keep-existing"]
    await asyncio.to_thread(run_cli, monkeypatch, settings, command, "F1rst-password\n")
    await asyncio.to_thread(run_cli, monkeypatch, settings, command, "Sec0nd-password\n")

    assert capsys.readouterr().out.splitlines() == [
        "created administrator first@example.com",
        "administrator first@example.com exists: left unchanged",
    ]
    tokens = await accounts.login("first@example.com", "F1rst-password")
    assert tokens["user"]["role"] == "admin"


def test_create_admin_refuses_a_weak_password(
    monkeypatch: pytest.MonkeyPatch, settings: CoreSettings
) -> None:
    with pytest.raises(SystemExit, match="Refused"):
        run_cli(
            monkeypatch, settings, ["create-admin", "--email", "a@example.com", "--password-stdin"], "weak\n"
        )


def test_generate_keys_command_writes_a_private_key_only_its_owner_reads(tmp_path: Path) -> None:
    cli.main(["generate-keys", str(tmp_path / "keys")])

    private = tmp_path / "keys" / "jwt-private.pem"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert (tmp_path / "keys" / "jwt-public.pem").read_text().startswith("-----BEGIN PUBLIC KEY-----")


def test_migrate_is_idempotent(monkeypatch: pytest.MonkeyPatch, settings: CoreSettings) -> None:
    run_cli(monkeypatch, settings, ["migrate"])
    run_cli(monkeypatch, settings, ["migrate"])


def test_migrate_pending_lists_what_upgrade_would_apply_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], postgres_server: PostgresServer
) -> None:
    postgres_server.create_database("core_pending")
    fresh = settings_for(postgres_server, None, None, None).model_copy(update={"postgres_db": "core_pending"})
    script = ScriptDirectory.from_config(alembic_config(SERVICE_ROOT, fresh.database_url))
    revisions = [revision.revision for revision in script.walk_revisions()]

    run_cli(monkeypatch, fresh, ["migrate", "--pending"])
    assert capsys.readouterr().out.split() == list(reversed(revisions))
    run_cli(monkeypatch, fresh, ["migrate", "--pending"])
    assert capsys.readouterr().out.split() == list(reversed(revisions))

    run_cli(monkeypatch, fresh, ["migrate"])
    capsys.readouterr()
    run_cli(monkeypatch, fresh, ["migrate", "--pending"])
    assert capsys.readouterr().out == ""
