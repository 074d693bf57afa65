"""Settings of the core service (environment variables; see .env.example)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from kit.mail import MailSettings


class CoreSettings(MailSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", frozen=True)

    service_name: str = "core"
    postgres_db: str = "aarya_core"
    postgres_user: str = "aarya_core"

    jwt_private_key_file: Path | None = None
    access_token_ttl_seconds: int = 900
    # A guest checkout has no refresh token: its one access token lasts through checkout and payment.
    guest_token_ttl_seconds: int = 2 * 3600
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
    # Wrong codes per address and purpose in 24 h, across codes, before verification locks for the window.
    otp_max_failures_per_day: int = 10
    # Codes (and other account mail) sent to one address in 24 h.
    otp_max_sends_per_day: int = 10

    # Wrong passwords for one account from one client address in 15 minutes before that pair must wait.
    login_failure_limit: int = 10

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
        self.refuse_catcher_outside_demos("their codes")
