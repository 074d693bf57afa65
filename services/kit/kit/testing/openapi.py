"""Checks of a service's OpenAPI document shared by the services' tests: the errors it documents are the
errors it sends (one body shape; 422 wherever a body is read). Found necessary by the schemathesis run
(tests/fuzz), which fails on any response its operation does not document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

ERROR_RESPONSE = "#/components/schemas/ErrorResponse"


def operations(document: dict[str, Any], prefix: str = "/") -> Iterator[tuple[str, dict[str, Any]]]:
    """("METHOD /path", operation) for every operation under `prefix`."""
    for path, item in document["paths"].items():
        if path.startswith(prefix):
            for method, operation in item.items():
                yield f"{method.upper()} {path}", operation


def error_documentation_problems(document: dict[str, Any]) -> list[str]:
    """Operations documenting an error status with another body than `ErrorResponse` (FastAPI's default
    422 `HTTPValidationError` for one), or reading a request body without documenting 422."""
    problems = []
    for name, operation in operations(document, "/api/"):
        responses = operation.get("responses", {})
        for status, response in responses.items():
            schema = response.get("content", {}).get("application/json", {}).get("schema", {})
            if status[0] in "45" and schema.get("$ref") != ERROR_RESPONSE:
                problems.append(f"{name}: {status} is not documented as ErrorResponse")
        if "requestBody" in operation and "422" not in responses:
            problems.append(f"{name}: reads a body but does not document 422")
    return problems
