"""One-time codes by e-mail: verify an address or reset a password.

Codes are 6 digits, stored only as an HMAC (keyed with OTP_SECRET), valid 10 minutes, 5 attempts each.
Every answer is the same whether or not the account exists:
- sending is throttled per address (`otp:cooldown:` keys) and capped per address at OTP_MAX_SENDS_PER_DAY
  mails in 24 h (429 once over, for any address);
- verifying counts failures per address and purpose across codes (`ratelimit:core:otp-failures:`), unknown
  addresses included; after OTP_MAX_FAILURES_PER_DAY verification is locked for the rest of the 24 h, the
  owner (if any) is told by e-mail, and every failure answers one `invalid_otp` error whose
  `tries_left` (also `attempts_remaining`) is that per-address count, said in the message too, never
  anything about the account.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from core.auth.service import AuthService, email_digest
from core.config import CoreSettings
from core.mail import Mailer, MailUnavailable, compose
from core.otp.models import Otp
from core.otp.repository import OtpRepository
from core.otp.schemas import OtpSent, OtpVerified, SendOtpRequest, VerifyOtpRequest
from core.users.models import User
from core.users.repository import UserRepository
from kit.errors import BadRequest, RateLimited
from kit.ratelimit import count, hits_so_far, refund

logger = logging.getLogger("core.otp")

SUBJECTS = {
    "verify_email": "Your Aarya Clothing verification code",
    "reset_password": "Your Aarya Clothing password reset code",
}
DAY = 24 * 3600
FAILURES_SCOPE = "otp-failures"
SENDS_SCOPE = "otp-sends"


class InvalidOtp(BadRequest):
    """A wrong, expired or locked code. The message says how many tries are left (`tries_left`, the same
    number as `attempts_remaining`, kept for older clients) and what to do next."""

    code = "invalid_otp"
    message = "The code is wrong or has expired. Use the newest code we sent, or ask for a new one."

    def __init__(self, attempts_remaining: int) -> None:
        super().__init__(
            tries_left_message(attempts_remaining),
            details={"attempts_remaining": attempts_remaining, "tries_left": attempts_remaining},
        )


def tries_left_message(tries_left: int) -> str:
    """What a shopper reads after a wrong code: the tries left for this address today, and the next step."""
    if tries_left <= 0:
        return (
            "Too many wrong codes were entered for this address, so codes are blocked for 24 hours."
            " Please try again tomorrow."
        )
    tries = "1 more try" if tries_left == 1 else f"{tries_left} more tries"
    return (
        f"The code is wrong or has expired. You have {tries} today:"
        " use the newest code we sent, or ask for a new one."
    )


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

    @property
    def _service(self) -> str:
        return self.settings.service_name

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

    async def _count_send(self, email: str) -> tuple[bool, int]:
        """Count one mail to the address; returns whether it is within the daily cap, and when it resets."""
        sends, retry_after = await count(
            self.redis, SENDS_SCOPE, email_digest(email), service=self._service, window=DAY
        )
        return sends <= self.settings.otp_max_sends_per_day, retry_after

    async def _locked(self, email: str, purpose: str) -> bool:
        failures = await hits_so_far(
            self.redis, FAILURES_SCOPE, f"{purpose}:{email_digest(email)}", service=self._service
        )
        return failures >= self.settings.otp_max_failures_per_day

    async def send(self, body: SendOtpRequest, *, require_pending: bool = False) -> OtpSent:
        email = body.email.lower()
        cooldown = await self._claim_cooldown(email, body.purpose)
        within_cap, retry_after = await self._count_send(email)
        if not within_cap:
            raise RateLimited(retry_after, "Too many codes for this address today; try again tomorrow.")
        user = await self.users.get_by_email(email)
        if user is None or not self._eligible(user, body.purpose):
            return self._sent()
        if await self._locked(email, body.purpose):
            return self._sent()  # a code could not be used before the lock ends; the owner was told
        if require_pending and await self.otps.pending(user.id, body.purpose) is None:
            return self._sent()
        try:
            await self.issue(user, body.purpose)
        except Exception:
            # The code never left: let the user ask again at once, without spending the day's budget.
            await self.redis.delete(cooldown)
            await refund(self.redis, SENDS_SCOPE, email_digest(email), service=self._service)
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

    async def welcome(self, user: User) -> None:
        """Registration: e-mail the new account its verification code, within the address's daily cap.

        Registration answers the same whatever happens here, so a failure is logged (never the address)
        and the shopper asks for the code again.
        """
        within_cap, _ = await self._count_send(user.email)
        if not within_cap:
            return
        try:
            await self.issue(user, "verify_email")
        except MailUnavailable:
            logger.warning("the verification e-mail of a new account failed; the shopper can ask again")

    async def tell_address_taken(self, email: str) -> None:
        """Registration with an address that has an account: its owner hears of it, the caller does not."""
        within_cap, _ = await self._count_send(email)
        if not within_cap:
            return
        body = (
            "Hello,\n\nSomeone tried to create an Aarya Clothing account with this e-mail address, which "
            "already has one.\nIf it was you, sign in, or reset your password if you have forgotten it.\n"
            "If it was not you, you can ignore this e-mail: your account has not changed.\n\nAarya Clothing"
        )
        await self._notify(
            email, "Your Aarya Clothing account", body, failure="the address-taken notice of a registration"
        )

    async def _tell_locked(self, user: User, purpose: str) -> None:
        action = "verify your e-mail address" if purpose == "verify_email" else "reset your password"
        hours = DAY // 3600
        body = (
            f"Hello {user.full_name},\n\nToo many wrong codes were entered to {action} on your Aarya "
            f"Clothing account, so codes for this are blocked for the next {hours} hours.\n"
            "If this was not you, someone may be trying to get into your account: your password has not "
            "changed, and you can still sign in with it.\n\nAarya Clothing"
        )
        await self._notify(user.email, "Codes blocked on your account", body, failure="the code lock notice")

    async def _notify(self, to: str, subject: str, body: str, *, failure: str) -> None:
        """Send a notice whose failure must not change the answer: logged by what it was, never to whom."""
        try:
            await self.mailer.send(compose(self.settings, to=to, subject=subject, body=body))
        except MailUnavailable:
            logger.warning("%s failed", failure)

    async def _fail(self, email: str, purpose: str, user: User | None) -> InvalidOtp:
        """Count a failed verification for the address (known or not) and build the one error it answers."""
        failures, _ = await count(
            self.redis, FAILURES_SCOPE, f"{purpose}:{email_digest(email)}", service=self._service, window=DAY
        )
        cap = self.settings.otp_max_failures_per_day
        if failures == cap and user is not None and user.is_active:
            await self._tell_locked(user, purpose)
        return InvalidOtp(attempts_remaining=max(cap - failures, 0))

    def _usable(self, user: User, otp: Otp) -> bool:
        return (
            user.is_active
            and otp.attempts < self.settings.otp_max_attempts
            and otp.expires_at > datetime.now(UTC)
        )

    async def verify(self, body: VerifyOtpRequest) -> OtpVerified:
        email = body.email.lower()
        if await self._locked(email, body.purpose):
            raise InvalidOtp(attempts_remaining=0)
        user = await self.users.get_by_email(email)
        otp = await self.otps.pending(user.id, body.purpose, for_update=True) if user else None
        if user is None or otp is None or not self._usable(user, otp):
            raise await self._fail(email, body.purpose, user)
        if not hmac.compare_digest(otp.code_hash, self._hash(otp, body.code)):
            otp.attempts += 1
            # The failed attempt must count even though the request fails: commit it before raising.
            await self.session.commit()
            raise await self._fail(email, body.purpose, user)
        otp.consumed_at = datetime.now(UTC)
        user.is_verified = True  # either purpose proves the shopper reads this mailbox
        await self.users.save(user)
        if body.purpose == "reset_password" and body.new_password is not None:
            await self.auth.set_password(user, body.new_password)
            await self.auth.revoke_user(user.id)
        await self.otps.flush()
        return OtpVerified(purpose=body.purpose, email=user.email)
