"""Order e-mail building blocks without servers: rupees with Indian grouping, absolute URLs, backoff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from commerce.config import CommerceSettings
from commerce.emails.render import absolute_url, format_money, group_indian, india_time
from commerce.emails.worker import retry_delay


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "₹0"),
        (49_900, "₹499"),
        (49_950, "₹499.50"),
        (123_456_00, "₹1,23,456"),
        (12_345_678_90, "₹1,23,45,678.90"),
        (-50_000, "-₹500"),
    ],
)
def test_rupees_use_indian_grouping(amount: int, expected: str) -> None:
    assert format_money(amount, "INR") == expected


def test_grouping_and_other_currencies() -> None:
    assert [group_indian(n) for n in (7, 999, 1000, 100000, 9999999)] == [
        "7",
        "999",
        "1,000",
        "1,00,000",
        "99,99,999",
    ]
    assert format_money(123_456_789, "USD") == "USD 1,234,567.89"


def test_pictures_and_links_become_absolute_http_urls() -> None:
    site = "https://shop.example.in"
    assert absolute_url(site, "/media/catalog/kurta.svg") == "https://shop.example.in/media/catalog/kurta.svg"
    assert absolute_url(site, "https://cdn.example.in/a.jpg") == "https://cdn.example.in/a.jpg"
    assert absolute_url(site, "javascript:alert(1)") is None
    assert absolute_url(site, None) is None


def test_times_read_in_india() -> None:
    assert india_time(datetime(2026, 12, 3, 15, 35, tzinfo=UTC)) == "3 Dec 2026, 9:05 PM IST"
    assert india_time(None) == ""


def test_site_url_must_be_an_absolute_origin() -> None:
    assert CommerceSettings(_env_file=None, site_url="https://shop.example.in/").site_url == (
        "https://shop.example.in"
    )
    for bad in ("shop.example.in", "ftp://shop.example.in", "https://shop.example.in/?x=1"):
        with pytest.raises(ValueError, match="SITE_URL"):
            CommerceSettings(_env_file=None, site_url=bad)


def test_retries_back_off_exponentially_up_to_the_cap() -> None:
    settings = CommerceSettings(_env_file=None, mail_retry_base_seconds=30, mail_retry_max_seconds=3600)
    delays = [retry_delay(settings, attempts) for attempts in (1, 2, 3, 7, 8, 50)]
    assert delays == [timedelta(seconds=s) for s in (30, 60, 120, 1920, 3600, 3600)]


def test_production_refuses_the_catcher_unless_the_shop_is_a_demo() -> None:
    def settings(**values: object) -> CommerceSettings:
        return CommerceSettings.model_validate(
            {
                "jwt_public_key_file": "/dev/null",
                "email_backend": "catcher",
                "environment": "production",
                **values,
            }
        )

    with pytest.raises(RuntimeError, match=r"commerce refuses EMAIL_BACKEND=catcher.*SHOP_DEMO_MODE"):
        settings().require_secrets()
    settings(shop_demo_mode=True).require_secrets()
    settings(email_backend="smtp").require_secrets()
