from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Cookie, Depends, Response, status

from core.auth.cookies import REFRESH_COOKIE, clear_auth_cookies, set_auth_cookies, set_guest_cookie
from core.auth.guests import start_guest_session
from core.auth.schemas import (
    AuthResponse,
    ChangePasswordRequest,
    GuestRequest,
    GuestSession,
    LoginRequest,
    Message,
    RefreshRequest,
    RegisterAccepted,
    RegisterRequest,
)
from core.deps import Auth, Client, GuestTokens, Otps, Settings
from core.otp.schemas import OtpSent, OtpVerified, SendOtpRequest, VerifyOtpRequest
from kit.auth import AuthenticatedUser
from kit.errors import error_responses
from kit.ratelimit import RateLimit

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


class PasswordChanged(Message):
    revoked_sessions: int


@router.post(
    "/register",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RegisterAccepted,
    responses=error_responses(422, 429),
    dependencies=[Depends(RateLimit("register", limit=10, window=3600))],
    summary="Create a customer account and e-mail it a verification code; then sign in",
    description=(
        "Answers 202 with the same body whether or not the address already has an account, so it reveals"
        " nothing: a new account gets its verification code, the owner of a taken address an e-mail saying"
        " someone tried to register with it. No session is started: sign in with the same e-mail and"
        " password next (it fails, as any wrong password does, when the address was taken)."
    ),
)
async def register(body: RegisterRequest, auth: Auth, otps: Otps, settings: Settings) -> RegisterAccepted:
    user = await auth.register(body)
    if user is None:
        await otps.tell_address_taken(body.email.lower())
    else:
        await otps.welcome(user)
    return RegisterAccepted(
        expires_in=settings.otp_ttl_seconds, resend_after=settings.otp_resend_cooldown_seconds
    )


@router.post(
    "/login",
    response_model=AuthResponse,
    responses=error_responses(401, 403, 422, 429),
    dependencies=[Depends(RateLimit("login", limit=10, window=60))],
    summary="Sign in with e-mail and password",
)
async def login(
    body: LoginRequest, response: Response, auth: Auth, client: Client, settings: Settings
) -> AuthResponse:
    tokens = await auth.login(body, client)
    set_auth_cookies(response, tokens, settings)
    return tokens


@router.post(
    "/guest",
    status_code=status.HTTP_201_CREATED,
    response_model=GuestSession,
    responses=error_responses(422, 429),
    dependencies=[Depends(RateLimit("guest", limit=10, window=600))],
    summary="Start a guest checkout session for an e-mail address (no account, no refresh token)",
    description=(
        "Sets the `access_token` cookie to a token with role `guest`, a new guest id (`sub`) on every call "
        "and the typed address as its (unverified) `email` claim; it lasts `expires_in` seconds (2 hours) "
        "and cannot be refreshed. A guest may fill a cart, check out, see and pay its own orders; it has no "
        "address book. Signing in later with the same address, once verified, claims the orders."
    ),
)
async def start_guest(
    body: GuestRequest, response: Response, issuer: GuestTokens, settings: Settings
) -> GuestSession:
    session = start_guest_session(issuer, body)
    set_guest_cookie(response, session, settings)
    return session


@router.post(
    "/refresh",
    response_model=AuthResponse,
    responses=error_responses(401, 403, 422, 429),
    dependencies=[Depends(RateLimit("refresh", limit=60, window=60))],
    summary="Rotate the refresh token (body or cookie) and get a new access token",
)
async def refresh(
    response: Response,
    auth: Auth,
    settings: Settings,
    body: Annotated[RefreshRequest | None, Body()] = None,
    refresh_cookie: Annotated[str | None, Cookie(alias=REFRESH_COOKIE, include_in_schema=False)] = None,
) -> AuthResponse:
    token = (body.refresh_token if body else None) or refresh_cookie
    tokens = await auth.refresh(token)
    set_auth_cookies(response, tokens, settings)
    return tokens


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 429),
    summary="Revoke this session and its access token",
)
async def logout(user: AuthenticatedUser, response: Response, auth: Auth, settings: Settings) -> None:
    await auth.logout(user)
    clear_auth_cookies(response, settings)


@router.post(
    "/change-password",
    response_model=PasswordChanged,
    responses=error_responses(400, 401, 422, 429),
    summary="Change the password; every other session is signed out",
)
async def change_password(
    user: AuthenticatedUser, body: ChangePasswordRequest, auth: Auth
) -> PasswordChanged:
    revoked = await auth.change_password(user, body)
    return PasswordChanged(message="Password changed.", revoked_sessions=revoked)


@router.post(
    "/send-otp",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=OtpSent,
    responses=error_responses(422, 429, 503),
    dependencies=[Depends(RateLimit("otp-send", limit=5, window=600))],
    summary="E-mail a 6-digit code (verify e-mail or reset password)",
)
async def send_otp(body: SendOtpRequest, otps: Otps) -> OtpSent:
    return await otps.send(body)


@router.post(
    "/resend-otp",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=OtpSent,
    responses=error_responses(422, 429, 503),
    dependencies=[Depends(RateLimit("otp-send", limit=5, window=600))],
    summary="Send a fresh code for a pending verification (after the cooldown)",
)
async def resend_otp(body: SendOtpRequest, otps: Otps) -> OtpSent:
    return await otps.send(body, require_pending=True)


@router.post(
    "/verify-otp",
    response_model=OtpVerified,
    responses=error_responses(400, 422, 429),
    dependencies=[Depends(RateLimit("otp-verify", limit=20, window=600))],
    summary="Check a code: verifies the e-mail, or sets the new password for a reset",
    description=(
        "Every failure answers 400 `invalid_otp` with `details.tries_left` (also `attempts_remaining`):"
        " the wrong codes this address may still enter for this purpose in 24 hours (counted for unknown"
        " addresses too, so the answer reveals nothing), also said in the message. At 0 verification is"
        " locked until the window ends and the owner is told."
    ),
)
async def verify_otp(body: VerifyOtpRequest, otps: Otps) -> OtpVerified:
    return await otps.verify(body)
