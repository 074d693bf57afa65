"""Core's mail: the shared mailer of `kit.mail` (SMTP in production, the catcher in demos), re-exported."""

from __future__ import annotations

from kit.mail import (
    CATCHER_DIR_MODE,
    CATCHER_FILE_MODE,
    SMTP_BACKOFF_SECONDS,
    CatcherMailer,
    Mailer,
    MailUnavailable,
    SmtpMailer,
    compose,
    make_mailer,
)

__all__ = [
    "CATCHER_DIR_MODE",
    "CATCHER_FILE_MODE",
    "SMTP_BACKOFF_SECONDS",
    "CatcherMailer",
    "MailUnavailable",
    "Mailer",
    "SmtpMailer",
    "compose",
    "make_mailer",
]
