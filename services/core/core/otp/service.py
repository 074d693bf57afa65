"""One-time codes by e-mail: verify an address or reset a password.

Codes are 6 digits, stored only as an HMAC (keyed with OTP_SECRET), valid 10 minutes, 5 attempts. Sending
is throttled per address (`otp:cooldown:` keys) and answers the same whether or not the account exists.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from core.auth.service import AuthService, email_digest
from core.config import CoreSettings
from core.mail import Mailer, compose
from core.otp.models import Otp
from core.otp.repository import OtpRepository
from core.otp.schemas import OtpSent, OtpVerified, SendOtpRequest, VerifyOtpRequest
from core.users.models import User
from core.users.repository import UserRepository
from kit.errors import BadRequest, RateLimited

SUBJECTS = {
    "verify_email": "Your Aarya Clothing verification code",
    "reset_password": "Your Aarya Clothing password reset code",
}


class InvalidOtp(BadRequest):
    code = "invalid_otp"
    message = "The code is wrong."


class OtpExpired(BadRequest):
    code = "otp_expired"
    message = "The code has expired; request a new one."


class OtpAttemptsExceeded(BadRequest):
    code = "otp_attempts_exceeded"
    message = "Too many wrong attempts; request a new code."


class OtpService:
    def __init__(
        self,
        *,
        session: AsyncSession,
        users: UserRepository,
        otps: OtpRepository,
        auth: AuthService,
        mailer: Mailer,
        redis: Redis,
        settings: CoreSettings,
    ) -> None:
        self.session = session
        self.users = users
        self.otps = otps
        self.auth = auth
        self.mailer = mailer
        self.redis = redis
        self.settings = settings

    def _hash(self, otp: Otp, code: str) -> str:
        key = self.settings.otp_secret.get_secret_value().encode()
        return hmac.new(key, f"{otp.id}:{otp.purpose}:{code}".encode(), hashlib.sha256).hexdigest()

    def _sent(self) -> OtpSent:
        return OtpSent(
            expires_in=self.settings.otp_ttl_seconds, resend_after=self.settings.otp_resend_cooldown_seconds
        )

    @staticmethod
    def _eligible(user: User, purpose: str) -> bool:
        if not user.is_active:
            return False
        return not (purpose == "verify_email" and user.is_verified)

    async def _claim_cooldown(self, email: str, purpose: str) -> str:
        key = f"otp:cooldown:{purpose}:{email_digest(email)}"
        if not await self.redis.set(key, "1", nx=True, ex=self.settings.otp_resend_cooldown_seconds):
            retry_after = max(int(await self.redis.ttl(key)), 1)
            raise RateLimited(retry_after, "A code was sent moments ago; wait before asking again.")
        return key

    async def send(self, body: SendOtpRequest, *, require_pending: bool = False) -> OtpSent:
        email = body.email.lower()
        cooldown = await self._claim_cooldown(email, body.purpose)
        user = await self.users.get_by_email(email)
        if user is None or not self._eligible(user, body.purpose):
            return self._sent()
        if require_pending and await self.otps.pending(user.id, body.purpose) is None:
            return self._sent()
        try:
            await self.issue(user, body.purpose)
        except Exception:
            await self.redis.delete(cooldown)  # the code never left: let the user ask again at once
            raise
        return self._sent()

    async def issue(self, user: User, purpose: str) -> None:
        """Create a new code for the user (dropping earlier ones) and e-mail it."""
        code = f"{secrets.randbelow(10**6):06d}"
        otp = Otp(
            id=uuid.uuid4(),
            user_id=user.id,
            purpose=purpose,
            expires_at=datetime.now(UTC) + timedelta(seconds=self.settings.otp_ttl_seconds),
        )
        otp.code_hash = self._hash(otp, code)
        await self.otps.replace_pending(otp)
        minutes = self.settings.otp_ttl_seconds // 60
        body = (
            f"Hello {user.full_name},\n\nYour code is {code}. It expires in {minutes} minutes.\n"
            "If you did not ask for it, ignore this e-mail.\n\nAarya Clothing"
        )
        await self.mailer.send(compose(self.settings, to=user.email, subject=SUBJECTS[purpose], body=body))

    async def verify(self, body: VerifyOtpRequest) -> OtpVerified:
        email = body.email.lower()
        user = await self.users.get_by_email(email)
        otp = await self.otps.pending(user.id, body.purpose, for_update=True) if user else None
        if user is None or otp is None or not user.is_active:
            raise InvalidOtp()
        if otp.attempts >= self.settings.otp_max_attempts:
            raise OtpAttemptsExceeded()
        if otp.expires_at <= datetime.now(UTC):
            raise OtpExpired()
        if not hmac.compare_digest(otp.code_hash, self._hash(otp, body.code)):
            otp.attempts += 1
            # The failed attempt must count even though the request fails: commit it before raising.
            await self.session.commit()
            remaining = self.settings.otp_max_attempts - otp.attempts
            raise InvalidOtp(details={"attempts_remaining": remaining})
        otp.consumed_at = datetime.now(UTC)
        user.is_verified = True  # either purpose proves the shopper reads this mailbox
        await self.users.save(user)
        if body.purpose == "reset_password" and body.new_password is not None:
            await self.auth.set_password(user, body.new_password)
            await self.auth.revoke_all_sessions(user.id)
        await self.otps.flush()
        return OtpVerified(purpose=body.purpose, email=user.email)
