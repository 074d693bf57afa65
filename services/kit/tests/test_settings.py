from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from kit.settings import ServiceSettings


def test_settings_come_from_the_env_file_named_by_aarya_env_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / "svc.env"
    env_file.write_text(
        "POSTGRES_PASSWORD='p@ss$word'\n"
        "TRUSTED_PROXIES='10.0.0.0/8, 127.0.0.1/32'\n"
        "RATE_LIMIT_OVERRIDES='{\"login\": 3}'\n"
        "POSTGRES_DB='from_file'\n"
    )
    monkeypatch.setenv("AARYA_ENV_FILE", str(env_file))
    monkeypatch.setenv("POSTGRES_DB", "from_environment")

    settings = ServiceSettings.from_environment()

    assert settings.postgres_password.get_secret_value() == "p@ss$word"
    assert settings.trusted_proxies == [
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("127.0.0.1/32"),
    ]
    assert settings.rate_limit_overrides == {"login": 3}
    assert settings.postgres_db == "from_environment"  # the environment wins over the file
    assert settings.database_url.render_as_string(hide_password=False).endswith(
        "@127.0.0.1:5432/from_environment"
    )


def test_secrets_do_not_show_in_a_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSTGRES_PASSWORD", "hunter2-secret")
    monkeypatch.delenv("AARYA_ENV_FILE", raising=False)

    assert "hunter2-secret" not in repr(ServiceSettings.from_environment())
