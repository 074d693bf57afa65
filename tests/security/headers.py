"""Check the security headers nginx adds, on the storefront and on API responses (success and error).

    .venv/bin/python tests/security/headers.py BASE_URL [--domain] [--insecure]
    .venv/bin/python tests/security/headers.py https://localhost --insecure
    .venv/bin/python tests/security/headers.py http://localhost:18080

Each of these must carry every header, exactly once: the storefront's front page, a catalog API response, an
API 404 from a service and nginx's own 404 for an unknown API path. No Content-Security-Policy allows inline
scripts ('unsafe-inline' in script-src, or in default-src without a script-src); the storefront's pages carry
their own, with a nonce that differs on every response. With --domain (the site has a real certificate),
Strict-Transport-Security is required too, with max-age of at least --hsts-min-age, and plain HTTP redirects
to HTTPS.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable

import httpx

# (what, path, the status it must answer: a 502 page would carry nginx's headers but prove nothing)
PATHS = (
    ("storefront page", "/", 200),
    ("storefront page again", "/", 200),
    ("API response", "/api/v1/products?page_size=1", 200),
    ("API error from a service", "/api/v1/products/no-such-product-slug", 404),
    ("API error from nginx", "/api/v1/no-such-route", 404),
)
PAGES = {"/"}
NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=_-]{16,})'")
SAFE_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}


def csp_directives(value: str) -> dict[str, list[str]]:
    return {part.split()[0].lower(): part.split()[1:] for part in value.split(";") if part.strip()}


def content_security_policy(value: str) -> str | None:
    directives = csp_directives(value)
    for needed in ("default-src", "frame-ancestors", "object-src"):
        if needed not in directives:
            return f"has no {needed}"
    if "*" in directives["default-src"]:
        return "default-src allows any origin"
    scripts = directives.get("script-src", directives["default-src"])
    if "'unsafe-inline'" in scripts:
        return "allows inline scripts ('unsafe-inline' in script-src)"
    return None


def page_nonce(value: str) -> str | None:
    """The nonce of a page's script-src, if it has one."""
    scripts = " ".join(csp_directives(value).get("script-src", []))
    match = NONCE.search(scripts)
    return match.group(1) if match else None


def hsts(min_age: int) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        match = re.search(r"max-age=(\d+)", value)
        if match is None or int(match.group(1)) < min_age:
            return f"max-age below {min_age}"
        return None

    return check


def required_headers(args: argparse.Namespace) -> dict[str, Callable[[str], str | None]]:
    """Header name -> check of its value (None when good, else what is wrong)."""
    checks: dict[str, Callable[[str], str | None]] = {
        "X-Content-Type-Options": lambda v: None if v.lower() == "nosniff" else "is not nosniff",
        "X-Frame-Options": lambda v: (
            None if v.upper() in {"DENY", "SAMEORIGIN"} else "neither DENY nor SAMEORIGIN"
        ),
        "Referrer-Policy": lambda v: None if v.lower() in SAFE_REFERRER_POLICIES else "leaks the full URL",
        "Content-Security-Policy": content_security_policy,
        "Permissions-Policy": lambda v: None if "=" in v else "names no feature",
    }
    if args.domain:
        checks["Strict-Transport-Security"] = hsts(args.hsts_min_age)
    return checks


def problems_of(response: httpx.Response, checks: dict[str, Callable[[str], str | None]]) -> list[str]:
    problems = []
    for name, check in checks.items():
        values = response.headers.get_list(name)
        if not values:
            problems.append(f"{name} missing")
        elif len(values) > 1:
            problems.append(f"{name} sent {len(values)} times")
        elif (problem := check(values[0])) is not None:
            problems.append(f"{name} {problem}: {values[0]!r}")
    server = response.headers.get("server", "")
    if re.search(r"\d", server):
        problems.append(f"Server reveals a version: {server!r}")
    if "x-powered-by" in response.headers:
        problems.append(f"X-Powered-By reveals the stack: {response.headers['x-powered-by']!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("base_url", help="the shop through nginx, e.g. https://localhost")
    parser.add_argument("--domain", action="store_true", help="the site has a domain: HSTS is required")
    parser.add_argument("--hsts-min-age", type=int, default=31536000, help="seconds (default one year)")
    parser.add_argument("--insecure", action="store_true", help="accept a self-signed certificate")
    args = parser.parse_args()

    checks = required_headers(args)
    failed = False
    nonces: list[str] = []
    with httpx.Client(base_url=args.base_url.rstrip("/"), verify=not args.insecure, timeout=30) as client:
        for label, path, status in PATHS:
            response = client.get(path)
            problems = problems_of(response, checks)
            if response.status_code != status:
                problems.insert(0, f"answered {response.status_code}, expected {status}")
            if path in PAGES:
                nonce = page_nonce(response.headers.get("content-security-policy", ""))
                if nonce is None:
                    problems.append("the page's Content-Security-Policy has no script nonce")
                elif nonce in nonces:
                    problems.append("the page's script nonce repeats an earlier response's")
                else:
                    nonces.append(nonce)
            failed = failed or bool(problems)
            verdict = "ok" if not problems else "FAILED"
            print(f"headers: {label:<25} {response.status_code} {path:<40} {verdict}")
            for problem in problems:
                print(f"    - {problem}")
            if not args.domain and "strict-transport-security" in response.headers:
                print("    (sends Strict-Transport-Security without a domain)")
        if args.domain and args.base_url.startswith("https://"):
            plain = "http://" + args.base_url.removeprefix("https://").rstrip("/") + "/products?page=2"
            response = client.get(plain)
            location = response.headers.get("location", "")
            redirected = response.status_code in (301, 308) and location.startswith("https://")
            failed = failed or not redirected
            verdict = "ok" if redirected else f"FAILED: {response.status_code} {location!r}"
            print(f"headers: {'HTTP redirects to HTTPS':<25} {plain} {verdict}")
    print(f"headers: {'FAILED' if failed else 'ok'}: {', '.join(checks)} on {len(PATHS)} responses")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
