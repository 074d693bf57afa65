"""`create-admin` where no terminal can be asked for the password (over SSH in a script, from Ansible)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from typing import Any

import pytest

from core import cli
from core.cli import SERVICE_ROOT


def test_create_admin_without_a_terminal_points_at_password_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    with pytest.raises(SystemExit) as exit_info:
        cli.main(["create-admin", "--email", "boss@example.com"])

    assert exit_info.value.code == cli.NO_TERMINAL_MESSAGE
    assert "--password-stdin" in cli.NO_TERMINAL_MESSAGE


@pytest.mark.parametrize("stdin", ["dev-null", "empty-pipe"])
def test_create_admin_run_without_a_terminal_prints_one_line_and_no_traceback(stdin: str) -> None:
    # As `ssh host python -m core.cli create-admin …` runs it: no terminal on stdin, no controlling one either
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith(("AARYA_", "POSTGRES_"))
    }
    given: dict[str, Any] = {"stdin": subprocess.DEVNULL} if stdin == "dev-null" else {"input": ""}
    result = subprocess.run(
        [sys.executable, "-m", "core.cli", "create-admin", "--email", "boss@example.com"],
        cwd=SERVICE_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
        check=False,
        **given,
    )

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [cli.NO_TERMINAL_MESSAGE]
