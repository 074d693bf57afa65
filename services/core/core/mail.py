"""Outgoing e-mail: SMTP in staging and production, the log in development."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from typing import Protocol

import aiosmtplib

from core.config import CoreSettings
from kit.errors import ServiceUnavailable

logger = logging.getLogger("core.mail")


class MailUnavailable(ServiceUnavailable):
    code = "mail_unavailable"
    message = "The e-mail could not be sent; try again in a minute."


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


class SmtpMailer:
    def __init__(self, settings: CoreSettings) -> None:
        self.settings = settings

    async def send(self, message: EmailMessage) -> None:
        settings = self.settings
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
        except (aiosmtplib.SMTPException, OSError) as exc:
            logger.warning("SMTP delivery to %s failed: %s", message["To"], exc)
            raise MailUnavailable() from exc


class ConsoleMailer:
    """Development only: writes the message, code included, to the log instead of sending it."""

    async def send(self, message: EmailMessage) -> None:
        logger.info("e-mail to %s: %s\n%s", message["To"], message["Subject"], message.get_content())


def make_mailer(settings: CoreSettings) -> Mailer:
    return SmtpMailer(settings) if settings.email_backend == "smtp" else ConsoleMailer()


def compose(settings: CoreSettings, *, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message
