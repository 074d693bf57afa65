"""Operator commands: `python -m core.cli migrate [--pending] | create-admin | generate-keys`."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from core.auth.passwords import Passwords
from core.auth.schemas import Password, RegisterRequest
from core.config import CoreSettings
from core.users.models import User
from core.users.repository import UserRepository
from kit.auth import generate_keys
from kit.db import Database
from kit.migrations import add_migrate_parser, migrate_command

SERVICE_ROOT = Path(__file__).resolve().parent.parent


async def create_admin(
    settings: CoreSettings, email: str, full_name: str, password: str, *, keep_existing: bool = False
) -> str:
    """Create an administrator, or promote and re-password an existing account; returns what happened.

    With keep_existing an active administrator is left as it is, so that a re-run changes nothing.
    """
    passwords = Passwords(
        time_cost=settings.argon2_time_cost,
        memory_cost_kib=settings.argon2_memory_cost_kib,
        parallelism=settings.argon2_parallelism,
        concurrency=1,
    )
    database = Database(settings.database_url, pool_size=1, max_overflow=0)
    try:
        async with database.sessionmaker() as session, session.begin():
            users = UserRepository(session)
            existing = await users.get_by_email(email)
            if keep_existing and existing is not None and existing.role == "admin" and existing.is_active:
                return f"administrator {email.lower()} exists: left unchanged"
            password_hash = await passwords.hash(password)
            if existing is None:
                await users.add(
                    User(
                        email=email.lower(),
                        password_hash=password_hash,
                        full_name=full_name,
                        role="admin",
                        is_verified=True,
                    )
                )
                return f"created administrator {email.lower()}"
            existing.role, existing.password_hash, existing.is_active = "admin", password_hash, True
            await users.save(existing)
            return f"promoted {email.lower()} to administrator and set its password"
    finally:
        await database.dispose()


NO_TERMINAL_MESSAGE = (
    "create-admin: no terminal to read the password from; pass it on standard input with --password-stdin"
)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    # Without a terminal (SSH in a script, Ansible) getpass would read stdin and die with an EOFError
    if not sys.stdin.isatty():
        raise SystemExit(NO_TERMINAL_MESSAGE)
    try:
        first = getpass.getpass("Password: ")
        repeated = getpass.getpass("Repeat password: ")
    except EOFError:
        raise SystemExit(NO_TERMINAL_MESSAGE) from None
    if first != repeated:
        raise SystemExit("The passwords differ.")
    return first


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m core.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    add_migrate_parser(commands)
    admin = commands.add_parser("create-admin", help="create (or promote) an administrator")
    admin.add_argument("--email", required=True)
    admin.add_argument("--full-name", default="Administrator")
    admin.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    admin.add_argument(
        "--keep-existing",
        action="store_true",
        help="leave an existing administrator as it is (its password too)",
    )
    keys = commands.add_parser("generate-keys", help="write a new Ed25519 key pair for access tokens")
    keys.add_argument("directory", type=Path)
    args = parser.parse_args(argv)

    if args.command == "generate-keys":
        generate_keys(args.directory)
        print(f"wrote {args.directory}/jwt-private.pem and jwt-public.pem")  # noqa: T201
        return
    if args.command == "migrate":
        settings = CoreSettings.from_environment()
        migrate_command(SERVICE_ROOT, settings.database_url, only_list_pending=args.pending)
        return
    password = _read_password(args.password_stdin)
    try:
        TypeAdapter(Password).validate_python(password)
        RegisterRequest(email=args.email, password=password, full_name=args.full_name)
    except ValidationError as exc:
        raise SystemExit(f"Refused: {exc.errors()[0]['msg']}") from exc
    settings = CoreSettings.from_environment()
    outcome = create_admin(settings, args.email, args.full_name, password, keep_existing=args.keep_existing)
    print(asyncio.run(outcome))  # noqa: T201


if __name__ == "__main__":
    main()
