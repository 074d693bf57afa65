"""Print the OpenAPI document of one service (core, commerce or payment) without starting it.

`app.openapi()` reads only the routes, so the settings are placeholders: key paths that exist, throwaway
secrets; nothing connects to PostgreSQL or Redis.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

from commerce.config import CommerceSettings
from commerce.main import create_app as create_commerce
from core.config import CoreSettings
from core.main import create_app as create_core
from payment.config import PaymentSettings
from payment.main import create_app as create_payment

PLACEHOLDER = "placeholder-not-a-secret"


def build(service: str, keys: Path) -> dict[str, Any]:
    common: dict[str, Any] = {
        "environment": "development",
        "jwt_public_key_file": keys,
        "internal_api_token": PLACEHOLDER,
    }
    if service == "core":
        core = CoreSettings(**common, jwt_private_key_file=keys, otp_secret=PLACEHOLDER)
        return create_core(core).openapi()
    if service == "commerce":
        return create_commerce(CommerceSettings(**common)).openapi()
    if service == "payment":
        payment = PaymentSettings(
            **common,
            payment_provider="offline",
            stripe_webhook_secret=PLACEHOLDER,
            payment_fingerprint_secret=PLACEHOLDER,
        )
        return create_payment(payment).openapi()
    raise SystemExit(f"unknown service {service!r}")


def main() -> None:
    logging.disable(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as directory:
        keys = Path(directory) / "placeholder.pem"
        keys.write_text("unused")
        document = build(sys.argv[1], keys)
    sys.stdout.write(json.dumps(document, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
