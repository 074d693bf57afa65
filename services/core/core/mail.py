"""Outgoing e-mail, through an explicit backend: SMTP (production) or the mail catcher (demos, development).

Mail carries one-time codes, so no backend ever logs a message's body, subject or recipient: a failure is
logged by its error class alone, and the catcher's files are readable only by the service and its group.
"""

from __future__ import annotations

import asyncio
import logging
import os
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

import aiosmtplib

from core.config import CoreSettings
from kit.errors import ServiceUnavailable

logger = logging.getLogger("core.mail")

CATCHER_DIR_MODE = 0o750
CATCHER_FILE_MODE = 0o640
SMTP_BACKOFF_SECONDS = 0.5  # doubled after each failed try


class MailUnavailable(ServiceUnavailable):
    code = "mail_unavailable"
    message = "The e-mail could not be sent; try again in a minute."


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


class SmtpMailer:
    """Delivers through the SMTP relay, trying again `SMTP_RETRIES` times with a short backoff."""

    def __init__(self, settings: CoreSettings) -> None:
        self.settings = settings

    async def send(self, message: EmailMessage) -> None:
        settings = self.settings
        delay = SMTP_BACKOFF_SECONDS
        for attempt in range(settings.smtp_retries + 1):
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
                logger.warning(
                    "SMTP delivery failed (try %d of %d): %s",
                    attempt + 1,
                    settings.smtp_retries + 1,
                    type(exc).__name__,
                )
                if attempt == settings.smtp_retries:
                    raise MailUnavailable() from exc
                await asyncio.sleep(delay)
                delay *= 2


class CatcherMailer:
    """Writes each message as a file into MAIL_CATCHER_DIR instead of sending it (demo shops, `make dev`).

    The directory is 0750 and each file 0640: only the service and its group (`aarya-ops` on a deployed
    host) can read the codes. A file appears complete or not at all (written aside, then renamed).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

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
            logger.warning("the mail catcher could not write a message: %s", type(exc).__name__)
            raise MailUnavailable() from exc


def make_mailer(settings: CoreSettings) -> Mailer:
    if settings.email_backend == "catcher":
        return CatcherMailer(settings.mail_catcher_dir)
    return SmtpMailer(settings)


def compose(settings: CoreSettings, *, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message
