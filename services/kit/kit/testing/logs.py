"""Log capture for the suites that prove no code, address or message body reaches a log."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator


@contextlib.contextmanager
def capturing() -> Iterator[list[logging.LogRecord]]:
    """Every record of every logger at DEBUG (enter it after the app started: the app configures logging), but
    the test's own SMTP sink's (aiosmtpd logs each line it receives, addresses and bodies included)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not record.name.startswith("mail.log"):
                records.append(record)

    root = logging.getLogger()
    handler, level = Keep(logging.DEBUG), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield records
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
