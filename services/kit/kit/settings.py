"""Settings every service shares, read from the environment (and an optional env file)."""

from __future__ import annotations

import ipaddress
import os
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import URL

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class ServiceSettings(BaseSettings):
    """Base settings; each service subclasses it and adds its own."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", frozen=True)

    service_name: str = "service"
    environment: Literal["development", "test", "staging", "production"] = "development"
    debug: bool = False
    log_level: str = "INFO"
    # A demo shop (test cards only, mail caught on the host): what lets production run the offline payment
    # provider or the mail catcher. /health reports it as `mode` and the storefront shows a banner.
    shop_demo_mode: bool = False

    postgres_host: str = "127.0.0.1"
    postgres_port: int = 5432
    postgres_db: str = "aarya"
    postgres_user: str = "aarya"
    postgres_password: SecretStr = SecretStr("")
    database_pool_size: int = 10
    database_max_overflow: int = 20

    # The CA that signed PostgreSQL's certificate (DATABASE_SSL_CA): when set, every connection is TLS and
    # checks the server's certificate and address against it (libpq's sslmode=verify-full); unset, plain.
    database_ssl_ca: Path | None = None

    # rediss://user:password@host:port/0?ssl_ca_certs=<CA file> connects over TLS and checks the server's
    # certificate and address against that CA (redis-py's defaults); redis:// is plain (loopback).
    redis_url: SecretStr = SecretStr("redis://127.0.0.1:6379/0")

    jwt_public_key_file: Path | None = None
    jwt_algorithm: Literal["EdDSA", "RS256", "ES256"] = "EdDSA"
    jwt_issuer: str = "aarya-core"
    jwt_audience: str = "aarya"

    # Who may call this service's `/internal/v1` routes: `payment=<token>[,caller=<token>]` (kit.internal).
    internal_caller_tokens: Annotated[dict[str, SecretStr], NoDecode] = Field(default_factory=dict)
    # Origins of a storefront served elsewhere (e.g. `make dev`'s http://localhost:3000), comma-separated;
    # empty (the deployed, same-origin shop): no CORS headers at all.
    cors_allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)

    trusted_proxies: Annotated[list[Network], NoDecode] = Field(
        default_factory=lambda: [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("::1/128")]
    )
    rate_limit_overrides: dict[str, int] = Field(default_factory=dict)
    metrics_allowed_networks: Annotated[list[Network], NoDecode] = Field(
        default_factory=lambda: [ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128")]
    )

    @classmethod
    def from_environment(cls) -> Self:
        """Settings from the environment, plus the env file named by AARYA_ENV_FILE when set.

        Deploys point AARYA_ENV_FILE at /etc/aarya/<service>.env (0600), so systemd, supervisor and the
        operator commands all read one file; variables already in the environment win.
        """
        env_file = os.environ.get("AARYA_ENV_FILE")
        return cls(_env_file=env_file) if env_file else cls()

    @field_validator("trusted_proxies", "metrics_allowed_networks", mode="before")
    @classmethod
    def _parse_networks(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("database_ssl_ca", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("internal_caller_tokens", mode="before")
    @classmethod
    def _parse_caller_tokens(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        tokens: dict[str, str] = {}
        for item in filter(None, (part.strip() for part in value.split(","))):
            caller, separator, token = item.partition("=")
            if not separator or not caller.strip() or not token.strip():
                raise ValueError("INTERNAL_CALLER_TOKENS takes caller=token pairs, comma-separated")
            tokens[caller.strip()] = token.strip()
        return tokens

    @field_validator("cors_allowed_origins", mode="before")
    @classmethod
    def _parse_origins(cls, value: object) -> object:
        origins = _split_csv(value)
        if isinstance(origins, list) and any(origin == "*" for origin in origins):
            raise ValueError("CORS_ALLOWED_ORIGINS lists origins explicitly; `*` is not allowed")
        return [str(origin).rstrip("/") for origin in origins] if isinstance(origins, list) else origins

    @property
    def database_url(self) -> URL:
        return URL.create(
            "postgresql+asyncpg",
            username=self.postgres_user,
            password=self.postgres_password.get_secret_value() or None,
            host=self.postgres_host,
            port=self.postgres_port,
            database=self.postgres_db,
            query=self._database_tls_query,
        )

    @property
    def _database_tls_query(self) -> dict[str, str]:
        if self.database_ssl_ca is None:
            return {}
        return {"sslmode": "verify-full", "sslrootcert": str(self.database_ssl_ca)}

    @cached_property
    def jwt_public_key(self) -> str:
        if self.jwt_public_key_file is None:
            raise RuntimeError("JWT_PUBLIC_KEY_FILE is not set: access tokens cannot be verified")
        return self.jwt_public_key_file.read_text()
