"""Outgoing e-mail, through an explicit backend: SMTP (production) or the mail catcher (demos, development).

Shared by the services that send mail (core: sign-in codes; commerce: order e-mails). Mail carries one-time
codes and shoppers' orders, so no backend ever logs a message's body, subject or recipient: a failure is
logged by its error class alone, and the catcher's files are readable only by the service and its group.

The settings come from the service's settings class: `MailSettings` below holds the variables
(EMAIL_BACKEND, MAIL_CATCHER_DIR, SMTP_*, MAIL_FROM); `MailConfig` is what the mailers read.
"""

from __future__ import annotations

import asyncio
import logging
import os
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Literal, Protocol

import aiosmtplib
from pydantic import SecretStr

from kit.errors import ServiceUnavailable
from kit.settings import ServiceSettings

CATCHER_DIR_MODE = 0o750
CATCHER_FILE_MODE = 0o640
SMTP_BACKOFF_SECONDS = 0.5  # doubled after each failed try

EmailBackend = Literal["smtp", "catcher"]


class MailConfig(Protocol):
    """What the mailers read from a service's settings (`MailSettings` provides it)."""

    @property
    def service_name(self) -> str: ...
    @property
    def email_backend(self) -> EmailBackend: ...
    @property
    def mail_catcher_dir(self) -> Path: ...
    @property
    def smtp_host(self) -> str: ...
    @property
    def smtp_port(self) -> int: ...
    @property
    def smtp_username(self) -> str | None: ...
    @property
    def smtp_password(self) -> SecretStr | None: ...
    @property
    def smtp_starttls(self) -> bool: ...
    @property
    def smtp_use_tls(self) -> bool: ...
    @property
    def smtp_timeout_seconds(self) -> float: ...
    @property
    def smtp_retries(self) -> int: ...
    @property
    def mail_from(self) -> str: ...


class MailSettings(ServiceSettings):
    """Settings of a service that sends mail (subclass it instead of ServiceSettings)."""

    # `smtp` (production) or `catcher`: each message written as a file into MAIL_CATCHER_DIR (demos, dev).
    email_backend: EmailBackend = "smtp"
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

    def refuse_catcher_outside_demos(self, what: str) -> None:
        """Staging and production send real mail unless the shop is declared a demo (SHOP_DEMO_MODE)."""
        if (
            self.environment in ("staging", "production")
            and self.email_backend == "catcher"
            and not self.shop_demo_mode
        ):
            raise RuntimeError(
                f"{self.service_name} refuses EMAIL_BACKEND=catcher in {self.environment}: shoppers would"
                f" never get {what}. Set EMAIL_BACKEND=smtp (with SMTP_HOST etc.), or SHOP_DEMO_MODE=true"
                " for a demo shop."
            )


class MailUnavailable(ServiceUnavailable):
    code = "mail_unavailable"
    message = "The e-mail could not be sent; try again in a minute."


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


def mail_logger(settings: MailConfig) -> logging.Logger:
    """`<service>.mail`: each service's mail failures under its own name."""
    return logging.getLogger(f"{settings.service_name}.mail")


class SmtpMailer:
    """Delivers through the SMTP relay, trying again `smtp_retries` times with a short backoff."""

    def __init__(self, settings: MailConfig, *, retries: int | None = None) -> None:
        self.settings = settings
        self.retries = settings.smtp_retries if retries is None else retries
        self.logger = mail_logger(settings)

    async def send(self, message: EmailMessage) -> None:
        settings = self.settings
        delay = SMTP_BACKOFF_SECONDS
        for attempt in range(self.retries + 1):
            try:
                await aiosmtplib.send(
                    message,
                    hostname=settings.smtp_host,
                    port=settings.smtp_port,
                    username=settings.smtp_username,
                    password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
                    start_tls=settings.smtp_starttls,
                    use_tls=settings.smtp_use_tls,
                    timeout=settings.smtp_timeout_seconds,
                )
                return
            except (aiosmtplib.SMTPException, OSError) as exc:
                # The error class only: an SMTP reply or error text may quote the recipient or the message.
                self.logger.warning(
                    "SMTP delivery failed (try %d of %d): %s",
                    attempt + 1,
                    self.retries + 1,
                    type(exc).__name__,
                )
                if attempt == self.retries:
                    raise MailUnavailable() from exc
                await asyncio.sleep(delay)
                delay *= 2


class CatcherMailer:
    """Writes each message as a file into MAIL_CATCHER_DIR instead of sending it (demo shops, `make dev`).

    The directory is 0750 and each file 0640: only the service and its group (`aarya-ops` on a deployed
    host) can read them. A file appears complete or not at all (written aside, then renamed).
    """

    def __init__(self, directory: Path, *, logger: logging.Logger | None = None) -> None:
        self.directory = directory
        self.logger = logger or logging.getLogger("kit.mail")

    def _prepare(self) -> None:
        if not self.directory.exists():
            self.directory.mkdir(parents=True, mode=CATCHER_DIR_MODE)
            os.chmod(self.directory, CATCHER_DIR_MODE)  # mkdir's mode is filtered by the umask
        elif self.directory.stat().st_mode & 0o007:
            os.chmod(self.directory, self.directory.stat().st_mode & 0o7770)

    def _write(self, content: bytes) -> None:
        self._prepare()
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        name = f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
        partial = self.directory / f".{name}.part"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, CATCHER_FILE_MODE)
        try:
            os.fchmod(fd, CATCHER_FILE_MODE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, self.directory / name)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise

    async def send(self, message: EmailMessage) -> None:
        try:
            await asyncio.to_thread(self._write, message.as_bytes())
        except OSError as exc:
            self.logger.warning("the mail catcher could not write a message: %s", type(exc).__name__)
            raise MailUnavailable() from exc


def make_mailer(settings: MailConfig, *, smtp_retries: int | None = None) -> Mailer:
    """The backend EMAIL_BACKEND names; `smtp_retries` overrides the in-call retries (a caller with its
    own retry schedule, such as commerce's outbox, may want none)."""
    if settings.email_backend == "catcher":
        return CatcherMailer(settings.mail_catcher_dir, logger=mail_logger(settings))
    return SmtpMailer(settings, retries=smtp_retries)


def compose(
    settings: MailConfig, *, to: str, subject: str, body: str, html: str | None = None
) -> EmailMessage:
    """A message from MAIL_FROM: plain text, plus an HTML alternative when `html` is given."""
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message
