"""Access tokens: short-lived JWTs signed with core's private key (EdDSA by default)."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import jwt
from kit.auth import ACCESS_TOKEN_TYPE


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

    def issue(self, *, user_id: uuid.UUID, role: str, session_id: str) -> AccessToken:
        now = int(time.time())
        jti = uuid.uuid4().hex
        claims = {
            "sub": str(user_id),
            "role": role,
            "sid": session_id,
            "jti": jti,
            "typ": ACCESS_TOKEN_TYPE,
            "iat": now,
            "exp": now + self.ttl_seconds,
            "iss": self._issuer,
            "aud": self._audience,
        }
        return AccessToken(
            jwt.encode(claims, self._private_key, algorithm=self._algorithm), jti, now + self.ttl_seconds
        )
