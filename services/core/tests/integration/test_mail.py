"""Mail backends: the catcher (demos, `make dev`) keeps messages in private files, SMTP retries and logs
failures without their content; production refuses the catcher unless the shop is declared a demo."""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from core.config import CoreSettings
from kit.testing.logs import capturing

from .conftest import PASSWORD, logged, serve
from .test_otp import VERIFY


async def test_the_catcher_keeps_each_message_in_a_private_file_and_logs_no_code(
    make_settings: Callable[..., CoreSettings], tmp_path: Path
) -> None:
    """The old console backend wrote each message, code included, to the world-readable service log."""
    directory = tmp_path / "mail"
    settings = make_settings(email_backend="catcher", mail_catcher_dir=directory)
    async with serve(settings) as running, running.client() as http:
        with capturing() as log_records:
            registered = await http.post(
                "/api/v1/auth/register",
                json={"email": "cat@example.com", "password": PASSWORD, "full_name": "C"},
            )
            files = sorted(directory.iterdir())
            code = re.search(r"Your code is (\d{6})", files[0].read_text()).group(1)  # type: ignore[union-attr]
            verified = await http.post(VERIFY, json={"email": "cat@example.com", "code": code})

    assert registered.status_code == 202
    assert verified.status_code == 200
    assert stat.S_IMODE(directory.stat().st_mode) == 0o750
    assert [f.name.endswith(".eml") and not f.name.startswith(".") for f in files] == [True]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o640
    assert "To: cat@example.com" in files[0].read_text()
    assert log_records
    assert code not in logged(log_records)


def test_staging_and_production_refuse_the_catcher_unless_the_shop_is_a_demo(
    make_settings: Callable[..., CoreSettings],
) -> None:
    for environment in ("staging", "production"):
        with pytest.raises(RuntimeError, match=r"EMAIL_BACKEND.*SHOP_DEMO_MODE"):
            make_settings(environment=environment, email_backend="catcher").require_secrets()
        make_settings(environment=environment, email_backend="catcher", shop_demo_mode=True).require_secrets()
        make_settings(environment=environment, email_backend="smtp").require_secrets()
    make_settings(environment="development", email_backend="catcher").require_secrets()
    with pytest.raises(ValueError, match="email_backend"):
        make_settings(email_backend="console")


async def test_smtp_failures_are_retried_and_logged_without_recipient_or_content(
    make_settings: Callable[..., CoreSettings],
) -> None:
    async with serve(make_settings(smtp_port=1, smtp_retries=2)) as running, running.client() as http:
        with capturing() as log_records:
            await http.post(
                "/api/v1/auth/register",
                json={"email": "down@example.com", "password": PASSWORD, "full_name": "D"},
            )
            sent = await http.post("/api/v1/auth/send-otp", json={"email": "down@example.com"})

    failures = [r.getMessage() for r in log_records if r.name == "core.mail"]
    assert sent.status_code == 503
    assert sent.json()["error"]["code"] == "mail_unavailable"
    # Registration's code and send-otp's: three tries each, every failure named by its error class only.
    assert failures == [f"SMTP delivery failed (try {n} of 3): SMTPConnectError" for n in (1, 2, 3)] * 2
    assert "down@example.com" not in logged(log_records)
