"""Settings of the core service (environment variables; see .env.example)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class CoreSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", frozen=True)

    service_name: str = "core"
    postgres_db: str = "aarya_core"
    postgres_user: str = "aarya_core"

    jwt_private_key_file: Path | None = None
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_seconds: int = 30 * 24 * 3600

    cookie_secure: bool = True
    cookie_domain: str | None = None
    cookie_samesite: Literal["lax", "strict", "none"] = "lax"

    argon2_time_cost: int = 3
    argon2_memory_cost_kib: int = 65536
    argon2_parallelism: int = 4
    password_hash_concurrency: int = 4

    otp_secret: SecretStr = SecretStr("")
    otp_ttl_seconds: int = 600
    otp_max_attempts: int = 5
    otp_resend_cooldown_seconds: int = 60

    email_backend: Literal["smtp", "console"] = "console"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_use_tls: bool = False
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "Aarya Clothing <no-reply@aarya.local>"

    @cached_property
    def jwt_private_key(self) -> str:
        if self.jwt_private_key_file is None:
            raise RuntimeError("JWT_PRIVATE_KEY_FILE is not set: core cannot sign access tokens")
        return self.jwt_private_key_file.read_text()

    def require_secrets(self) -> None:
        """Fail at start-up, not at the first login, when a secret the service needs is missing."""
        missing = [
            name
            for name, value in (
                ("JWT_PRIVATE_KEY_FILE", self.jwt_private_key_file),
                ("JWT_PUBLIC_KEY_FILE", self.jwt_public_key_file),
                ("OTP_SECRET", self.otp_secret.get_secret_value()),
            )
            if not value
        ]
        if missing:
            raise RuntimeError(f"core cannot start without: {', '.join(missing)}")
