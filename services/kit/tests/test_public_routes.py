"""Every public operation of every service is reachable through nginx, at the service that serves it.

The services' OpenAPI documents are the storefront's checked-in copies (lint fails when they are
stale); nginx's routes are the nginx role's `nginx_routes` (longest prefix wins, as nginx's prefix
locations do) and the stack's `nginx_media_upstream` for /media/. A route missing here is a 404 from
nginx for every client but the storefront's own server, which calls the services directly (the address
book was such a route).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
OPENAPI = ROOT / "frontend" / "lib" / "api" / "openapi"
SERVICES = ("core", "commerce", "payment")
# Never public: nginx answers 404 for these (the nginx scenario checks it)
PRIVATE_PREFIXES = ("/internal/", "/metrics", "/health")


def nginx_upstream(path: str) -> str | None:
    """The upstream nginx sends `path` to, or None for its own 404."""
    defaults = yaml.safe_load((ROOT / "roles" / "nginx" / "defaults" / "main.yml").read_text())
    stack = yaml.safe_load((ROOT / "ansible" / "group_vars" / "stack.yml").read_text())
    if path.startswith("/media/"):
        return str(stack["nginx_media_upstream"]) or None
    matches = [route for route in defaults["nginx_routes"] if path.startswith(route["path"])]
    if not matches:
        return None
    return str(max(matches, key=lambda route: len(route["path"]))["upstream"])


def public_paths(service: str) -> list[str]:
    document = json.loads((OPENAPI / f"{service}.json").read_text())
    return [path for path in document["paths"] if not path.startswith(PRIVATE_PREFIXES)]


@pytest.mark.parametrize("service", SERVICES)
def test_every_public_operation_is_routed_to_its_service(service: str) -> None:
    paths = public_paths(service)
    assert paths, f"no public operations in {service}'s OpenAPI"
    misrouted = {path: nginx_upstream(path) for path in paths if nginx_upstream(path) != service}
    assert misrouted == {}, f"nginx sends these {service} paths elsewhere (None: nginx's own 404)"


def test_the_route_finder_takes_the_longest_prefix() -> None:
    assert nginx_upstream("/api/v1/admin/users") == "core"
    assert nginx_upstream("/api/v1/admin/orders/shipping-queue") == "commerce"
    assert nginx_upstream("/api/v1/nothing") is None
