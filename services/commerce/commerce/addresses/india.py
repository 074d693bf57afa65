"""India's 28 states and 8 union territories, and which PIN codes can belong to each.

The first digit of a PIN code is its postal zone; a PIN code whose zone is not the state's is a typo (or
the wrong state chosen), and the parcel would go astray, so checkout refuses it with a message that says
which digits the state's codes start with. Puducherry spans two zones (Yanam 533…, Mahe 673…).
"""

from __future__ import annotations

import re

PIN_ZONES: dict[str, frozenset[str]] = {
    # States
    "Andhra Pradesh": frozenset("5"),
    "Arunachal Pradesh": frozenset("7"),
    "Assam": frozenset("7"),
    "Bihar": frozenset("8"),
    "Chhattisgarh": frozenset("4"),
    "Goa": frozenset("4"),
    "Gujarat": frozenset("3"),
    "Haryana": frozenset("1"),
    "Himachal Pradesh": frozenset("1"),
    "Jharkhand": frozenset("8"),
    "Karnataka": frozenset("5"),
    "Kerala": frozenset("6"),
    "Madhya Pradesh": frozenset("4"),
    "Maharashtra": frozenset("4"),
    "Manipur": frozenset("7"),
    "Meghalaya": frozenset("7"),
    "Mizoram": frozenset("7"),
    "Nagaland": frozenset("7"),
    "Odisha": frozenset("7"),
    "Punjab": frozenset("1"),
    "Rajasthan": frozenset("3"),
    "Sikkim": frozenset("7"),
    "Tamil Nadu": frozenset("6"),
    "Telangana": frozenset("5"),
    "Tripura": frozenset("7"),
    "Uttar Pradesh": frozenset("2"),
    "Uttarakhand": frozenset("2"),
    "West Bengal": frozenset("7"),
    # Union territories
    "Andaman and Nicobar Islands": frozenset("7"),
    "Chandigarh": frozenset("1"),
    "Dadra and Nagar Haveli and Daman and Diu": frozenset("3"),
    "Delhi": frozenset("1"),
    "Jammu and Kashmir": frozenset("1"),
    "Ladakh": frozenset("1"),
    "Lakshadweep": frozenset("6"),
    "Puducherry": frozenset("56"),
}
STATES = tuple(PIN_ZONES)
_BY_FOLDED_NAME = {name.casefold(): name for name in STATES}
PIN_PATTERN = re.compile(r"^[1-9][0-9]{5}$")


def canonical_state(value: str) -> str:
    """The state or union territory as the list spells it (any letter case); ValueError names the problem."""
    name = _BY_FOLDED_NAME.get(" ".join(value.split()).casefold())
    if name is None:
        raise ValueError("Choose one of India's 28 states or 8 union territories.")
    return name


def check_pin(pin: str, state: str | None = None) -> str:
    """A 6-digit PIN code that does not start with 0 (and, given the state, lies in its postal zone)."""
    pin = pin.replace(" ", "")
    if not PIN_PATTERN.fullmatch(pin):
        raise ValueError("A PIN code has 6 digits and does not start with 0, e.g. 560001.")
    zones = PIN_ZONES.get(state or "")
    if zones is not None and pin[0] not in zones:
        starts = " or ".join(sorted(zones))
        raise ValueError(f"PIN code {pin} is not in {state}: PIN codes there start with {starts}.")
    return pin
