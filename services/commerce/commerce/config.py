"""Settings of the commerce service (environment variables; see .env.example)."""

from __future__ import annotations

from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import SettingsConfigDict

from kit.mail import MailSettings


class CommerceSettings(MailSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", frozen=True)

    service_name: str = "commerce"
    postgres_db: str = "aarya_commerce"
    postgres_user: str = "aarya_commerce"

    default_currency: str = Field(default="INR", pattern=r"^[A-Z]{3}$")
    # An order holds its stock this long; unpaid after that, it expires and the stock returns.
    reservation_ttl_seconds: int = Field(default=900, ge=60)
    # How often each worker looks for expired reservations (0: only `commerce.cli expire-reservations`).
    expiry_interval_seconds: float = Field(default=30.0, ge=0)
    cart_ttl_seconds: int = Field(default=30 * 24 * 3600, ge=60)
    cart_max_lines: int = Field(default=50, ge=1)
    cart_max_quantity: int = Field(default=10, ge=1)
    # Catalog reads cached per worker (commerce.catalog.cache): at most this old, this many, this large.
    catalog_cache_ttl_seconds: int = Field(default=300, ge=1)
    catalog_cache_max_entries: int = Field(default=2000, ge=1)
    catalog_cache_max_bytes: int = Field(default=32 * 1024 * 1024, ge=1024)
    idempotency_key_ttl_seconds: int = Field(default=24 * 3600, ge=60)
    # Stock hoarding: unpaid orders (holding stock) one shopper may have at once, and checkouts one
    # shopper may start per window (Redis `ratelimit:` counter keyed on the user id).
    max_pending_orders_per_shopper: int = Field(default=3, ge=1)
    checkout_rate_limit: int = Field(default=10, ge=1)
    checkout_rate_window_seconds: int = Field(default=600, ge=1)

    # Order e-mails (commerce.emails): the mail variables (EMAIL_BACKEND, SMTP_*, MAIL_CATCHER_DIR,
    # MAIL_FROM) are kit.mail's, shared with core. SITE_URL makes the links and pictures absolute.
    shop_name: str = Field(default="Aarya Clothing", min_length=1, max_length=80)
    site_url: str = Field(default="http://localhost:3000", description="The storefront's public origin")
    # How often each worker looks for order e-mails due (0: only `commerce.cli send-order-emails`).
    mail_outbox_interval_seconds: float = Field(default=5.0, ge=0)
    # A failed delivery waits base * 2^(tries-1) seconds (at most the cap); after max tries it stays unsent.
    mail_retry_base_seconds: float = Field(default=30.0, gt=0)
    mail_retry_max_seconds: float = Field(default=3600.0, gt=0)
    mail_max_attempts: int = Field(default=12, ge=1)

    @field_validator("site_url")
    @classmethod
    def _absolute_site_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ValueError("SITE_URL is the storefront's absolute origin, e.g. https://shop.example.in")
        return value

    def require_secrets(self) -> None:
        """Fail at start-up, not at the first signed-in request, when the service cannot verify tokens."""
        if self.jwt_public_key_file is None:
            raise RuntimeError("commerce cannot start without: JWT_PUBLIC_KEY_FILE")
        self.refuse_catcher_outside_demos("their order e-mails")
