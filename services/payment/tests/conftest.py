"""Settings shared by the payment suites."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # stripe's HTTPXClient passes the form body as `data=<str>`, which httpx deprecates in favour of
    # `content=`; it is the library's call, not ours, and it still works.
    config.addinivalue_line("filterwarnings", "ignore:Use 'content=<...>':DeprecationWarning:httpx")
