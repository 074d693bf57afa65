"""Access tokens: minting (core only, it alone has the private key), verification and current-user
dependencies for every service.

Only core holds the private key and mints tokens; every service verifies them with the public key and
refuses a revoked token. Core alone writes the revocations, each kept for one access-token lifetime:
`blacklist:{jti}` one token, `blacklist:sid:{sid}` every token of a session (logout, refresh-token reuse,
another session's password change), `blacklist:user:{user_id}` (unix time, in seconds with milliseconds)
every token of the user issued at or before that time (deactivation, password reset). Verification reads
the three keys in one round trip.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from redis.asyncio import Redis

from kit.errors import Forbidden, Unauthorized

ACCESS_COOKIE = "access_token"
ACCESS_TOKEN_TYPE = "access"  # noqa: S105  (a claim value, not a secret)
ISSUED_MS_CLAIM = "iat_ms"

_bearer = HTTPBearer(auto_error=False, description="Access token (or the `access_token` cookie)")


@dataclass(frozen=True, slots=True)
class CurrentUser:
    id: uuid.UUID
    role: str
    session_id: str
    token_id: str
    expires_at: int
    # The account's e-mail address and whether it is verified, as core saw them at issue; tokens issued
    # before these claims existed decode with None/False.
    email: str | None = None
    email_verified: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True, slots=True)
class AccessToken:
    token: str
    jti: str
    expires_at: int


class TokenIssuer:
    def __init__(
        self, *, private_key: str, algorithm: str, issuer: str, audience: str, ttl_seconds: int
    ) -> None:
        self._private_key = private_key
        self._algorithm = algorithm
        self._issuer = issuer
        self._audience = audience
        self.ttl_seconds = ttl_seconds

    def issue(
        self,
        *,
        user_id: uuid.UUID,
        role: str,
        session_id: str,
        email: str | None = None,
        email_verified: bool = False,
    ) -> AccessToken:
        issued_ms = time.time_ns() // 1_000_000
        now = issued_ms // 1000
        jti = uuid.uuid4().hex
        claims: dict[str, Any] = {
            "sub": str(user_id),
            "role": role,
            "sid": session_id,
            "jti": jti,
            "typ": ACCESS_TOKEN_TYPE,
            "iat": now,
            # `iat` has whole seconds; a user-wide revocation and the login right after it (a password reset,
            # then signing in) often fall in the same second, so the revocation check compares milliseconds.
            ISSUED_MS_CLAIM: issued_ms,
            "exp": now + self.ttl_seconds,
            "iss": self._issuer,
            "aud": self._audience,
            "email_verified": bool(email_verified),
        }
        if email is not None:
            claims["email"] = email
        return AccessToken(
            jwt.encode(claims, self._private_key, algorithm=self._algorithm), jti, now + self.ttl_seconds
        )


def generate_keys(directory: Path) -> None:
    """Write an Ed25519 key pair: jwt-private.pem (0600, core only) and jwt-public.pem (every service)."""
    directory.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    fd = os.open(directory / "jwt-private.pem", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private)
    (directory / "jwt-public.pem").write_bytes(public)


def blacklist_key(jti: str) -> str:
    return f"blacklist:{jti}"


def session_blacklist_key(session_id: str) -> str:
    return f"blacklist:sid:{session_id}"


def user_blacklist_key(user_id: uuid.UUID | str) -> str:
    return f"blacklist:user:{user_id}"


def issued_ms(claims: dict[str, Any]) -> int:
    """When the token was issued, in milliseconds; a token without `iat_ms` counts from its second's start,
    so a revocation in that second covers it (in doubt, revoked)."""
    value = claims.get(ISSUED_MS_CLAIM)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(claims["iat"]) * 1000


def revoked_before_ms(value: str | bytes) -> int | None:
    """A `blacklist:user:` value (unix seconds, with a fraction) in milliseconds; None when unreadable."""
    try:
        return round(float(value) * 1000)
    except ValueError:
        return None


async def is_revoked(redis: Redis, claims: dict[str, Any]) -> bool:
    """Whether core revoked this token, its session or (at or after its issue) its user: one MGET."""
    token, session, user = await redis.mget(
        blacklist_key(str(claims["jti"])),
        session_blacklist_key(str(claims["sid"])),
        user_blacklist_key(str(claims["sub"])),
    )
    if token is not None or session is not None:
        return True
    if user is None:
        return False
    revoked_ms = revoked_before_ms(user)
    return revoked_ms is None or issued_ms(claims) <= revoked_ms  # an unreadable revocation still revokes


def decode_access_token(
    token: str, *, key: str, algorithm: str, issuer: str, audience: str
) -> dict[str, Any]:
    """Decode and verify signature, expiry, issuer, audience and type; raise `Unauthorized` otherwise."""
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            issuer=issuer,
            audience=audience,
            options={"require": ["exp", "iat", "sub", "jti", "typ", "sid"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("The access token has expired.") from exc
    except jwt.InvalidTokenError as exc:
        raise Unauthorized("The access token is not valid.") from exc
    if claims.get("typ") != ACCESS_TOKEN_TYPE:
        raise Unauthorized("The access token is not valid.")
    return claims


async def _optional_user(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> CurrentUser | None:
    token = credentials.credentials if credentials else request.cookies.get(ACCESS_COOKIE)
    if not token:
        return None
    settings = request.app.state.settings
    claims = decode_access_token(
        token,
        key=settings.jwt_public_key,
        algorithm=settings.jwt_algorithm,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
    )
    if await is_revoked(request.app.state.redis, claims):
        raise Unauthorized("The access token has been revoked.")
    try:
        user_id = uuid.UUID(claims["sub"])
    except ValueError as exc:
        raise Unauthorized("The access token is not valid.") from exc
    email = claims.get("email")
    return CurrentUser(
        id=user_id,
        role=str(claims.get("role", "customer")),
        session_id=str(claims["sid"]),
        token_id=str(claims["jti"]),
        expires_at=int(claims["exp"]),
        email=email if isinstance(email, str) else None,
        email_verified=claims.get("email_verified") is True,
    )


async def _current_user(user: Annotated[CurrentUser | None, Depends(_optional_user)]) -> CurrentUser:
    if user is None:
        raise Unauthorized()
    return user


async def _admin_user(user: Annotated[CurrentUser, Depends(_current_user)]) -> CurrentUser:
    if not user.is_admin:
        raise Forbidden("Administrators only.")
    return user


def ensure_self_or_admin(user: CurrentUser, owner_id: uuid.UUID) -> None:
    """The one ownership rule: a user may touch only their own resources; admins everything."""
    if user.id != owner_id and not user.is_admin:
        raise Forbidden("You may only access your own resources.")


OptionalUser = Annotated[CurrentUser | None, Depends(_optional_user)]
AuthenticatedUser = Annotated[CurrentUser, Depends(_current_user)]
AdminUser = Annotated[CurrentUser, Depends(_admin_user)]
