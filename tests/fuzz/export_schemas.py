"""Write each service's OpenAPI document, built by its app factory from the code in this checkout.

    .venv/bin/python tests/fuzz/export_schemas.py OUT_DIR [core commerce payment]

The fuzz run needs the schemas where only nginx is reachable (a test host's published port), and nginx
publishes no /openapi.json. Building the app runs no lifespan, so nothing connects to PostgreSQL or Redis;
the settings below only satisfy each factory's start-up checks (no key file is read).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

SERVICES = ("core", "commerce", "payment")
# Settings that satisfy the factories' secret checks without a deploy's files: the key files are read only
# when a token is minted or verified, which building the schema never does.
PLACEHOLDER_ENV = {
    "ENVIRONMENT": "test",
    "JWT_PRIVATE_KEY_FILE": "/nonexistent/jwt-private.pem",
    "JWT_PUBLIC_KEY_FILE": "/nonexistent/jwt-public.pem",
    "OTP_SECRET": "schema-export",
    "INTERNAL_API_TOKEN": "schema-export",
    "STRIPE_WEBHOOK_SECRET": "schema-export",
    "PAYMENT_FINGERPRINT_SECRET": "schema-export",
    "LOG_LEVEL": "WARNING",
}


def export(service: str, out_dir: Path) -> Path:
    """Build `<service>.main.create_app()` and write its OpenAPI document to OUT_DIR/<service>.json."""
    factory = importlib.import_module(f"{service}.main").create_app
    document = factory().openapi()
    path = out_dir / f"{service}.json"
    path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
    return path


def export_all(out_dir: Path, services: Sequence[str] = SERVICES) -> None:
    """Export the given services' documents with placeholder settings (a deploy's env file is ignored)."""
    for name, value in PLACEHOLDER_ENV.items():
        os.environ.setdefault(name, value)
    os.environ.pop("AARYA_ENV_FILE", None)
    out_dir.mkdir(parents=True, exist_ok=True)
    for service in services:
        export(service, out_dir)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument(
        "services", nargs="*", metavar="SERVICE", help=f"any of {', '.join(SERVICES)} (default: all)"
    )
    args = parser.parse_args()
    unknown = set(args.services) - set(SERVICES)
    if unknown:
        parser.error(f"unknown service: {', '.join(sorted(unknown))}")
    export_all(args.out_dir, args.services or SERVICES)


if __name__ == "__main__":
    main()
