"""Fuzz every service's public API through nginx with schemathesis (docs/reliability.md, "Fuzzing").

    .venv/bin/python tests/fuzz/fuzz.py --base-url http://localhost
    .venv/bin/python tests/fuzz/fuzz.py --base-url https://localhost:18443 --tls-verify false \\
        --jwt-private-key <a copy of the host's /etc/aarya/keys/jwt-private.pem> --max-examples 10

Each service's OpenAPI document is built from the code in this checkout (nginx publishes none), reduced
to the operations nginx routes (`/api/v1/`, and commerce's `/media/photos/`), and schemathesis (pinned in
the dev group) sends generated requests to BASE_URL. A run fails on a 5xx, an undocumented status code or
content type, or a response body or header that breaks its schema.

Requests are signed in as a real shopper: one registered for the run (with a second session for the
operations that end sessions), or, when the registration limit refuses, one minted with the deploy's
JWT key (--jwt-private-key), or a token the caller passes (--token). The shopper gets a cart line, a
pending order and a declined payment first, and those ids are used for every `user_id`, `order_id` and
`transaction_id` path parameter, so the fuzzer reaches the code behind the ownership checks.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import jwt
from export_schemas import SERVICES, export_all

from kit.testing.data import shipping_address

HERE = Path(__file__).resolve().parent
CONFIG_TEMPLATE = HERE / "schemathesis.toml.in"
CORE_ONLY_MARKER = "# ---- core only"
# What nginx publishes of a service: its API, and commerce's photo files.
PUBLIC_PREFIXES = ("/api/v1/", "/media/photos/")
# The checks every response goes through (schemathesis names).
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
)
SHIPPING_ADDRESS = shipping_address("Fuzz Shopper")
DECLINED_CARD = {"card_number": "4000 0000 0000 0002", "exp_month": 12, "exp_year": 2034, "cvc": "123"}


class SetupError(RuntimeError):
    """The run cannot start: no shopper could be signed in."""


@dataclass
class Shopper:
    user_id: str
    token: str
    how: str
    # A second session's token for the operations that end a session (logout, change-password), so the
    # fuzzer signing out does not revoke the token every other operation uses.
    spare_token: str
    ids: dict[str, str] = field(default_factory=dict)


def public_schema(source: Path, target: Path) -> int:
    """Copy an OpenAPI document keeping only the operations nginx publishes; return how many remain."""
    document = json.loads(source.read_text())
    document["paths"] = {
        path: operations for path, operations in document["paths"].items() if path.startswith(PUBLIC_PREFIXES)
    }
    target.write_text(json.dumps(document, indent=1))
    return sum(len(operations) for operations in document["paths"].values())


def mint_token(key_file: Path, user_id: str, *, issuer: str, audience: str, ttl: int = 1800) -> str:
    """An access token as core signs it, for a shopper with no session in core."""
    now = int(time.time())
    claims = {
        "sub": user_id,
        "role": "customer",
        "sid": secrets.token_hex(16),
        "jti": uuid.uuid4().hex,
        "typ": "access",
        "iat": now,
        "exp": now + ttl,
        "iss": issuer,
        "aud": audience,
    }
    return jwt.encode(claims, key_file.read_text(), algorithm="EdDSA")


def register(client: httpx.Client) -> tuple[str, str, str, str] | None:
    """(user id, access token, e-mail, password) of a new shopper; None if the registration limit refuses."""
    email = f"fuzz-{secrets.token_hex(6)}@example.com"
    password = f"Fuzz-{secrets.token_urlsafe(12)}-9"
    response = client.post(
        "/api/v1/auth/register", json={"email": email, "password": password, "full_name": "Fuzz Shopper"}
    )
    if response.status_code == 429:
        return None
    response.raise_for_status()
    # Registration starts no session (it answers 202 whether or not the address was taken): sign in.
    login = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    if login.status_code == 429:
        return None
    login.raise_for_status()
    # Bearer tokens from here on: a kept access-token cookie would make later writes cookie-authenticated,
    # which the Origin check refuses without an Origin header.
    client.cookies.clear()
    body = login.json()
    return str(body["user"]["id"]), str(body["access_token"]), email, password


def spare_session(
    client: httpx.Client, args: argparse.Namespace, user_id: str, email: str, password: str
) -> str:
    """A second session's token: signed in again, or minted when sign-in is rate limited."""
    login = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    if login.status_code == 429 and args.jwt_private_key is not None:
        return mint_token(args.jwt_private_key, user_id, issuer=args.jwt_issuer, audience=args.jwt_audience)
    login.raise_for_status()
    return str(login.json()["access_token"])


def sign_in(client: httpx.Client, args: argparse.Namespace) -> Shopper:
    mint = {"issuer": args.jwt_issuer, "audience": args.jwt_audience}
    if args.token:
        user_id = str(jwt.decode(args.token, options={"verify_signature": False})["sub"])
        spare = args.spare_token
        if spare is None and args.jwt_private_key is not None:
            spare = mint_token(args.jwt_private_key, user_id, **mint)
        if spare is None:
            print("fuzz: no --spare-token: logout and change-password may end the token mid-run")
        return Shopper(user_id=user_id, token=args.token, spare_token=spare or args.token, how="token given")
    if not args.always_mint:
        registered = register(client)
        if registered is not None:
            user_id, token, email, password = registered
            spare = spare_session(client, args, user_id, email, password)
            return Shopper(user_id=user_id, token=token, spare_token=spare, how=f"registered {email}")
        if args.jwt_private_key is None:
            raise SetupError(
                "registration is rate limited (10 an hour per client address) and no --jwt-private-key "
                "was given to mint a token instead"
            )
        print("fuzz: registration is rate limited; minting a token with the deploy's key instead")
    if args.jwt_private_key is None:
        raise SetupError("--always-mint needs --jwt-private-key")
    user_id = str(uuid.uuid4())
    return Shopper(
        user_id=user_id,
        token=mint_token(args.jwt_private_key, user_id, **mint),
        spare_token=mint_token(args.jwt_private_key, user_id, **mint),
        how=f"minted for user {user_id} (no account in core)",
    )


def first_available_variant(client: httpx.Client) -> str | None:
    listing = client.get("/api/v1/products", params={"in_stock": "true", "page_size": 5})
    listing.raise_for_status()
    for summary in listing.json()["items"]:
        product = client.get(f"/api/v1/products/{summary['id']}")
        product.raise_for_status()
        for variant in product.json()["variants"]:
            if variant["is_active"] and variant["available"] > 0:
                return str(variant["id"])
    return None


def give_history(client: httpx.Client, shopper: Shopper) -> None:
    """A cart line, a pending order, a declined payment and a saved address, whose ids the fuzzer then uses.

    Best effort: without them (an empty catalog, a rate limit) fewer operations get past their 404s.
    """
    shopper.ids["user_id"] = shopper.user_id
    try:
        add_history(client, shopper)
    except httpx.HTTPError as exc:
        print(f"fuzz: could not give the shopper an order ({exc}); the fuzzer uses random ids for it")


def add_history(client: httpx.Client, shopper: Shopper) -> None:
    headers = {"Authorization": f"Bearer {shopper.token}"}
    variant_id = first_available_variant(client)
    if variant_id is None:
        print("fuzz: no product in stock; cart, order and payment operations will mostly answer 404")
        return
    cart_line = {"variant_id": variant_id, "quantity": 1}
    client.post(f"/api/v1/cart/{shopper.user_id}/add", json=cart_line, headers=headers).raise_for_status()
    order = client.post(
        "/api/v1/orders",
        json={"shipping_address": SHIPPING_ADDRESS},
        headers={**headers, "Idempotency-Key": uuid.uuid4().hex},
    )
    order.raise_for_status()
    shopper.ids["order_id"] = order.json()["id"]
    payment = client.post(
        "/api/v1/payments/process",
        json={"order_id": shopper.ids["order_id"], "payment_method": DECLINED_CARD},
        headers=headers,
    )
    if payment.status_code in (200, 201):
        shopper.ids["transaction_id"] = payment.json()["transaction_id"]
    else:
        print(f"fuzz: the seed payment answered {payment.status_code}; transaction ids stay random")
    address = client.post(f"/api/v1/addresses/{shopper.user_id}", json=SHIPPING_ADDRESS, headers=headers)
    if address.status_code in (200, 201):
        shopper.ids["address_id"] = address.json()["id"]
    # The checkout emptied the cart: one line again, so the cart operations have something to change.
    client.post(f"/api/v1/cart/{shopper.user_id}/add", json=cart_line, headers=headers).raise_for_status()


def toml_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid TOML basic string


def write_config(path: Path, service: str, shopper: Shopper, max_examples: int) -> None:
    """Fill in the template; the part after its `core only` marker goes only into core's file."""
    common, _, core_only = CONFIG_TEMPLATE.read_text().partition(CORE_ONLY_MARKER)
    text = common + (CORE_ONLY_MARKER + core_only if service == "core" else "")
    parameters = "\n".join(f"{name} = {toml_string(value)}" for name, value in sorted(shopper.ids.items()))
    text = text.replace("@MAX_EXAMPLES@", str(max_examples)).replace("@PARAMETERS@", parameters)
    text = text.replace("@CACHE_DIR@", toml_string(str(path.parent.resolve() / "cache"))[1:-1])
    path.write_text(text)


@dataclass
class Outcome:
    service: str
    returncode: int
    seconds: float
    log: Path


def start_schemathesis(
    args: argparse.Namespace, service: str, schema: Path, shopper: Shopper, env: dict[str, str]
) -> tuple[subprocess.Popen[bytes], Path]:
    report_dir = args.report_dir / service
    report_dir.mkdir(parents=True, exist_ok=True)
    log = args.report_dir / f"{service}.log"
    config = args.report_dir / f"{service}.schemathesis.toml"
    write_config(config, service, shopper, args.max_examples)
    command = [
        str(args.schemathesis),
        "--config-file",
        str(config),
        "--no-color",
        "run",
        str(schema),
        "--url",
        args.base_url,
        "--workers",
        str(args.workers),
        "--checks",
        ",".join(CHECKS),
        "--tls-verify",
        args.tls_verify,
        "--report",
        "junit",
        "--report-dir",
        str(report_dir),
    ]
    if args.seed is not None:
        command += ["--seed", str(args.seed)]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    return process, log


def summary_lines(log: Path) -> list[str]:
    """What schemathesis printed from its errors and failures (each with a curl line) or else its summary."""
    lines = log.read_text(errors="replace").splitlines()
    sections = [i for i, line in enumerate(lines) if re.search(r"=+ (ERRORS|FAILURES|SUMMARY) =+", line)]
    start = sections[0] if sections else max(len(lines) - 30, 0)
    return [line for line in lines[start:] if line.strip()]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--base-url", default="http://localhost", help="nginx, as the client sees it")
    parser.add_argument(
        "--setup-url",
        help="where the shopper is signed in and given an order (default: the base URL; set it when "
        "--base-url is one service directly)",
    )
    parser.add_argument(
        "--services", default=",".join(SERVICES), help="comma-separated (default: core,commerce,payment)"
    )
    parser.add_argument(
        "--max-examples",
        type=int,
        default=int(os.environ.get("FUZZ_MAX_EXAMPLES", "15")),
        help="generated cases per operation and phase (default 15, env FUZZ_MAX_EXAMPLES)",
    )
    # One worker (thread) per service, the three services in parallel processes: with threads, Python
    # 3.11 before 3.11.8 raises a spurious "AST constructor recursion depth mismatch" in hypothesis
    # (gh-106905).
    parser.add_argument("--workers", type=int, default=1, help="schemathesis workers per service (default 1)")
    parser.add_argument("--seed", type=int, help="schemathesis seed, to repeat a run")
    parser.add_argument(
        "--tls-verify", default="true", help="'false' for a self-signed certificate, or a CA file"
    )
    parser.add_argument("--token", default=os.environ.get("FUZZ_TOKEN"), help="a shopper's access token")
    parser.add_argument(
        "--spare-token",
        default=os.environ.get("FUZZ_SPARE_TOKEN"),
        help="a second session's token for logout/change-password (with --token)",
    )
    parser.add_argument(
        "--jwt-private-key",
        type=Path,
        default=os.environ.get("FUZZ_JWT_PRIVATE_KEY"),
        help="the deploy's jwt-private.pem: mint a shopper token when registration is rate limited",
    )
    parser.add_argument("--always-mint", action="store_true", help="mint with the key, do not register")
    parser.add_argument("--jwt-issuer", default="aarya-core")
    parser.add_argument("--jwt-audience", default="aarya")
    parser.add_argument(
        "--schema-dir", type=Path, help="use <service>.json from here instead of building them from the code"
    )
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=Path("tests/artifacts/fuzz"),
        help="logs, JUnit XML and the effective configuration per service (default tests/artifacts/fuzz)",
    )
    parser.add_argument(
        "--schemathesis",
        type=Path,
        default=Path(sys.executable).parent / "st",
        help="the st executable (default: the one beside this Python)",
    )
    args = parser.parse_args(argv)
    args.service_list = [name.strip() for name in args.services.split(",") if name.strip()]
    unknown = set(args.service_list) - set(SERVICES)
    if unknown:
        parser.error(f"unknown service: {', '.join(sorted(unknown))}")
    args.base_url = args.base_url.rstrip("/")
    args.setup_url = (args.setup_url or args.base_url).rstrip("/")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    args.report_dir.mkdir(parents=True, exist_ok=True)
    schema_dir = args.report_dir / "schemas"
    schema_dir.mkdir(exist_ok=True)
    if args.schema_dir is None:
        export_all(schema_dir, args.service_list)
        source_dir = schema_dir
    else:
        source_dir = args.schema_dir

    verify: bool | str = (
        args.tls_verify if args.tls_verify not in ("true", "false") else args.tls_verify == "true"
    )
    with httpx.Client(base_url=args.setup_url, verify=verify, timeout=30) as client:
        try:
            shopper = sign_in(client, args)
        except (SetupError, httpx.HTTPError) as exc:
            print(f"fuzz: cannot sign a shopper in at {args.setup_url}: {exc}", file=sys.stderr)
            return 2
        give_history(client, shopper)
    print(f"fuzz: shopper {shopper.how}; fixed ids: {', '.join(sorted(shopper.ids)) or 'none'}")

    env = {**os.environ, "FUZZ_TOKEN": shopper.token, "FUZZ_SPARE_TOKEN": shopper.spare_token}

    running = []
    for service in args.service_list:
        schema = args.report_dir / f"{service}.openapi.json"
        count = public_schema(source_dir / f"{service}.json", schema)
        print(f"fuzz: {service}: {count} operations, up to {args.max_examples} examples each")
        process, log = start_schemathesis(args, service, schema, shopper, env)
        running.append((service, process, log, time.monotonic()))

    outcomes = []
    while running:
        time.sleep(0.5)
        for entry in list(running):
            service, process, log, service_started = entry
            if process.poll() is not None:
                outcomes.append(Outcome(service, process.returncode, time.monotonic() - service_started, log))
                running.remove(entry)

    for outcome in outcomes:
        print(f"\n=== {outcome.service} ({outcome.seconds:.0f} s, log {outcome.log})")
        print("\n".join(summary_lines(outcome.log)))
    print()
    for outcome in outcomes:
        verdict = "ok" if outcome.returncode == 0 else f"FAILED (exit {outcome.returncode})"
        print(f"fuzz: {outcome.service:<9} {verdict:<18} {outcome.seconds:5.0f} s")
    print(f"fuzz: {time.monotonic() - started:.0f} s in all")
    return 0 if all(outcome.returncode == 0 for outcome in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
