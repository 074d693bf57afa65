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
    # Wrong codes per address and purpose in 24 h, across codes, before verification locks for the window.
    otp_max_failures_per_day: int = 10
    # Codes (and other account mail) sent to one address in 24 h.
    otp_max_sends_per_day: int = 10

    # Wrong passwords for one account from one client address in 15 minutes before that pair must wait.
    login_failure_limit: int = 10

    # `smtp` (production) or `catcher`: each message written as a file into MAIL_CATCHER_DIR (demos, dev).
    email_backend: Literal["smtp", "catcher"] = "smtp"
    mail_catcher_dir: Path = Path("/var/lib/aarya/mail")
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_use_tls: bool = False
    smtp_timeout_seconds: float = 10.0
    # Further tries after a failed SMTP delivery, with a short backoff (0.5 s, 1 s, 2 s, ...).
    smtp_retries: int = 3
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
        if (
            self.environment in ("staging", "production")
            and self.email_backend == "catcher"
            and not self.shop_demo_mode
        ):
            raise RuntimeError(
                f"core refuses EMAIL_BACKEND=catcher in {self.environment}: shoppers would never get"
                " their codes. Set EMAIL_BACKEND=smtp (with SMTP_HOST etc.), or SHOP_DEMO_MODE=true for a"
                " demo shop."
            )
