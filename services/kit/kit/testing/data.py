"""Test data the benchmarks, the fuzzer and the load generator share (tests/bench, tests/fuzz, tests/load)."""

from __future__ import annotations


def shipping_address(name: str) -> dict[str, str]:
    """A shipping address commerce accepts (an Indian PIN code and phone number), addressed to `name`."""
    return {
        "name": name,
        "line1": "1 Residency Road",
        "city": "Bengaluru",
        "state": "Karnataka",
        "postal_code": "560025",
        "country": "IN",
        "phone": "+91 98450 00000",
    }
