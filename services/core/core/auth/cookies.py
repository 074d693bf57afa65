"""The HTTP-only cookies that carry the tokens for the storefront (API clients use Bearer instead)."""

from __future__ import annotations

from fastapi import Response

from core.auth.schemas import AuthResponse, GuestSession
from core.config import CoreSettings
from kit.auth import ACCESS_COOKIE

REFRESH_COOKIE = "refresh_token"
REFRESH_COOKIE_PATH = "/api/v1/auth"


def set_auth_cookies(response: Response, tokens: AuthResponse, settings: CoreSettings) -> None:
    common = {
        "httponly": True,
        "secure": settings.cookie_secure,
        "domain": settings.cookie_domain,
    }
    response.set_cookie(
        ACCESS_COOKIE,
        tokens.access_token,
        max_age=tokens.expires_in,
        path="/",
        samesite=settings.cookie_samesite,
        **common,  # type: ignore[arg-type]
    )
    response.set_cookie(
        REFRESH_COOKIE,
        tokens.refresh_token,
        max_age=settings.refresh_token_ttl_seconds,
        path=REFRESH_COOKIE_PATH,
        samesite="strict",
        **common,  # type: ignore[arg-type]
    )


def set_guest_cookie(response: Response, session: GuestSession, settings: CoreSettings) -> None:
    """A guest session is its access token alone; any refresh cookie of an earlier sign-in goes."""
    response.set_cookie(
        ACCESS_COOKIE,
        session.access_token,
        max_age=session.expires_in,
        path="/",
        samesite=settings.cookie_samesite,
        httponly=True,
        secure=settings.cookie_secure,
        domain=settings.cookie_domain,
    )
    response.delete_cookie(
        REFRESH_COOKIE,
        path=REFRESH_COOKIE_PATH,
        domain=settings.cookie_domain,
        secure=settings.cookie_secure,
        httponly=True,
    )


def clear_auth_cookies(response: Response, settings: CoreSettings) -> None:
    response.delete_cookie(
        ACCESS_COOKIE, path="/", domain=settings.cookie_domain, secure=settings.cookie_secure, httponly=True
    )
    response.delete_cookie(
        REFRESH_COOKIE,
        path=REFRESH_COOKIE_PATH,
        domain=settings.cookie_domain,
        secure=settings.cookie_secure,
        httponly=True,
    )
