"""The services' security sweeps: every route of an app called as one user against another user's ids,
and the access tokens a forger could build without core's private key (or with the right key misused)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from fastapi import FastAPI

from kit.auth import ACCESS_TOKEN_TYPE

ISSUER = "aarya-core"
AUDIENCE = "aarya"

Route = tuple[str, str]  # (method, path template), as the OpenAPI document lists it


@dataclass(frozen=True, slots=True)
class Operation:
    """One method on one path of a service's API, as its OpenAPI document describes it."""

    method: str
    path: str
    path_parameters: tuple[str, ...]
    required_query: tuple[str, ...]
    has_body: bool
    bearer: bool  # for signed-in users (an access token); otherwise public or its own authentication

    @property
    def route(self) -> Route:
        return (self.method, self.path)


def operations(app: FastAPI) -> list[Operation]:
    """The app's route table from its OpenAPI document: what a client can call, nothing hidden."""
    found = []
    for path, methods in app.openapi()["paths"].items():
        for method, spec in methods.items():
            parameters = spec.get("parameters", [])
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    path_parameters=tuple(p["name"] for p in parameters if p["in"] == "path"),
                    required_query=tuple(
                        p["name"] for p in parameters if p["in"] == "query" and p.get("required")
                    ),
                    has_body="requestBody" in spec,
                    bearer=any("HTTPBearer" in scheme for scheme in spec.get("security", [])),
                )
            )
    return found


@dataclass(frozen=True, slots=True)
class Outcome:
    operation: Operation
    status: int
    body: str

    @property
    def refused(self) -> bool:
        """Routes for signed-in users refuse another user's ids (403, or 404 hiding that they exist);
        routes with their own authentication (X-Internal-Token) refuse a user's token outright (401)."""
        return self.status in ((403, 404) if self.operation.bearer else (401,))


async def sweep(
    app: FastAPI,
    client: httpx.AsyncClient,
    headers: Mapping[str, str],
    *,
    values: Mapping[str, str],
    allowed: Mapping[Route, str],
    bodies: Mapping[Route, Any] | None = None,
    renamed: Mapping[Route, Mapping[str, str]] | None = None,
) -> list[Outcome]:
    """Call every route not in `allowed` with `headers` (user A) and `values` (user B's ids, by parameter
    name; `renamed` maps a route's parameter to another value's name where the contract reuses a name).

    A route with a body gets its entry in `bodies` (`{}` by default): it must be valid, or the answer is a
    422 that proves nothing, and the sweep reports that route as not refused.
    """
    listed = {operation.route for operation in operations(app)}
    stale = set(allowed) - listed
    assert not stale, f"allowed routes that no longer exist: {sorted(stale)}"
    outcomes = []
    for operation in operations(app):
        if operation.route in allowed:
            continue
        names = {**{name: name for name in values}, **(renamed or {}).get(operation.route, {})}
        missing = [
            p for p in (*operation.path_parameters, *operation.required_query) if names.get(p) not in values
        ]
        assert not missing, f"{operation.route}: the sweep has no value for {missing}; add one"
        response = await client.request(
            operation.method,
            operation.path.format(**{p: values[names[p]] for p in operation.path_parameters}),
            params={p: values[names[p]] for p in operation.required_query},
            json=(bodies or {}).get(operation.route, {}) if operation.has_body else None,
            headers=dict(headers),
        )
        outcomes.append(Outcome(operation, response.status_code, response.text))
    return outcomes


async def cross_origin_writes(
    app: FastAPI, client: httpx.AsyncClient, access_token: str, *, values: Mapping[str, str]
) -> dict[Route, str]:
    """Every state-changing route called as a page on another origin would (the shopper's `access_token`
    cookie, a foreign Origin); returns what answered anything but 403 `origin_not_allowed`, by route.

    `values` fills path and required query parameters by name; an unnamed one gets a fresh uuid.
    """
    headers = {"Cookie": f"access_token={access_token}", "Origin": "https://attacker.example"}
    accepted = {}
    for operation in operations(app):
        if operation.method not in ("POST", "PUT", "PATCH", "DELETE"):
            continue
        names = (*operation.path_parameters, *operation.required_query)
        filled = {name: values.get(name, str(uuid.uuid4())) for name in names}
        response = await client.request(
            operation.method,
            operation.path.format(**{p: filled[p] for p in operation.path_parameters}),
            params={p: filled[p] for p in operation.required_query},
            json={} if operation.has_body else None,
            headers=headers,
        )
        code = response.json().get("error", {}).get("code") if response.status_code == 403 else None
        if code != "origin_not_allowed":
            accepted[operation.route] = f"{response.status_code} {response.text[:200]}"
    return accepted


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unsigned(header: Mapping[str, Any], claims: Mapping[str, Any]) -> str:
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"


def _claims(user_id: uuid.UUID, role: str, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "sub": str(user_id),
        "role": role,
        "sid": uuid.uuid4().hex,
        "jti": uuid.uuid4().hex,
        "typ": ACCESS_TOKEN_TYPE,
        "iat": now,
        "exp": now + 900,
        "iss": ISSUER,
        "aud": AUDIENCE,
        **changes,
    }
    return {name: value for name, value in claims.items() if value is not None}


def forged_tokens(keys: Path, user_id: uuid.UUID) -> dict[str, str]:
    """Access tokens for `user_id` claiming the admin role that every service must refuse, by name.

    `keys` is the real pair (the `jwt_keys` fixture). Some forgeries misuse its public key, some are signed
    with its private key but carry claims a verifier must check (a leaked or mis-issued token), and one is
    a real customer token whose payload was edited after signing.
    """
    private = (keys / "jwt-private.pem").read_text()
    public_pem = (keys / "jwt-public.pem").read_bytes()
    public_key = serialization.load_pem_public_key(public_pem)
    assert isinstance(public_key, Ed25519PublicKey)
    public_raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    admin = _claims(user_id, "admin")
    now = int(time.time())

    def hs256(secret: bytes) -> str:
        # PyJWT refuses to use a PEM public key as an HMAC secret; an attacker would not.
        unsigned = _unsigned({"alg": "HS256", "typ": "JWT"}, admin)
        return f"{unsigned}.{_b64(hmac.new(secret, unsigned.encode(), hashlib.sha256).digest())}"

    def signed(**changes: Any) -> str:
        return jwt.encode(_claims(user_id, "admin", **changes), private, algorithm="EdDSA")

    genuine = jwt.encode(_claims(user_id, "customer"), private, algorithm="EdDSA")
    header, _, signature = genuine.split(".")
    edited = _b64(
        json.dumps({**jwt.decode(genuine, options={"verify_signature": False}), "role": "admin"}).encode()
    )
    return {
        "alg none, no signature": _unsigned({"alg": "none", "typ": "JWT"}, admin) + ".",
        "alg None, a real signature kept": f"{_unsigned({'alg': 'None', 'typ': 'JWT'}, admin)}.{signature}",
        "signed with another Ed25519 key": jwt.encode(admin, Ed25519PrivateKey.generate(), algorithm="EdDSA"),
        "HS256 keyed with the public key (PEM)": hs256(public_pem),
        "HS256 keyed with the public key (raw)": hs256(public_raw),
        "payload edited to role admin after signing": f"{header}.{edited}.{signature}",
        "expired": signed(iat=now - 1000, exp=now - 60),
        "without an expiry": signed(exp=None),
        "from another issuer": signed(iss="someone-else"),
        "for another audience": signed(aud="another-app"),
        "without an audience": signed(aud=None),
        "a refresh-typed token": signed(typ="refresh"),
        "not a JWT": "not.a.jwt",
    }


async def accepted_forgeries(
    client: httpx.AsyncClient, url: str, keys: Path, user_id: uuid.UUID
) -> dict[str, str]:
    """GET `url` with each forged token, as a Bearer token and as the `access_token` cookie; returns what
    answered anything but 401 `unauthorized`, by forgery and carrier (empty when all were refused)."""
    accepted = {}
    for name, token in forged_tokens(keys, user_id).items():
        carriers = {
            "bearer": {"Authorization": f"Bearer {token}"},
            "cookie": {"Cookie": f"access_token={token}"},
        }
        for carrier, headers in carriers.items():
            response = await client.get(url, headers=headers)
            code = response.json().get("error", {}).get("code") if response.status_code == 401 else None
            if code != "unauthorized":
                accepted[f"{name} ({carrier})"] = f"{response.status_code} {response.text[:200]}"
    return accepted
