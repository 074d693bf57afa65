"""Product pictures drawn as SVG: a garment silhouette per category, filled with the variant's colour."""

from __future__ import annotations

from xml.sax.saxutils import escape

_TOP = (
    "M130 70 L172 52 Q200 80 228 52 L270 70 L340 122 L308 172 L280 152 L280 430 L120 430 L120 152 "
    "L92 172 L60 122 Z"
)
_LONG_TOP = (
    "M130 62 L172 46 Q200 74 228 46 L270 62 L346 124 L352 392 L312 392 L300 176 L288 176 L288 436 "
    "L112 436 L112 176 L100 176 L88 392 L48 392 L54 124 Z"
)
_KURTA = (
    "M148 52 L180 42 Q200 66 220 42 L252 52 L322 104 L300 204 L272 184 L292 458 L108 458 L128 184 "
    "L100 204 L78 104 Z"
)
_DRESS = "M168 40 L232 40 L246 124 L226 156 L322 448 L78 448 L174 156 L154 124 Z"
_TROUSERS = "M122 44 L278 44 L302 452 L222 452 L200 160 L178 452 L98 452 Z"
_SAREE = "M136 40 L264 40 L306 452 L94 452 Z"

SILHOUETTES: dict[str, str] = {
    "t-shirts": _TOP,
    "shirts": _TOP,
    "tops": _TOP,
    "kurtas": _KURTA,
    "dresses": _DRESS,
    "jeans": _TROUSERS,
    "trousers": _TROUSERS,
    "jackets": _LONG_TOP,
    "hoodies": _LONG_TOP,
    "sarees": _SAREE,
}

# Details drawn over the silhouette in the outline colour: collars, plackets, seams, a pallu.
DETAILS: dict[str, str] = {
    "shirts": '<path d="M172 52 L200 110 L228 52 M200 110 L200 430" fill="none"/>'
    '<circle cx="200" cy="160" r="4"/><circle cx="200" cy="220" r="4"/><circle cx="200" cy="280" r="4"/>',
    "kurtas": '<path d="M200 66 L200 170" fill="none"/>'
    '<circle cx="200" cy="100" r="3"/><circle cx="200" cy="130" r="3"/>',
    "jeans": '<path d="M122 84 L278 84 M150 84 L150 120 Q170 126 186 110" fill="none"/>',
    "trousers": '<path d="M122 84 L278 84" fill="none"/>',
    "jackets": '<path d="M200 74 L200 436 M172 46 L200 120 L228 46" fill="none"/>',
    "hoodies": '<path d="M160 60 Q200 0 240 60 M200 80 L200 436 M150 330 L250 330" fill="none"/>',
    "sarees": '<path d="M136 40 L264 40 L300 260 L250 280 Z" fill-opacity="0.35"/>'
    '<path d="M94 430 L306 430" fill="none" stroke-width="14" stroke-opacity="0.6"/>',
}


def shade(hex_colour: str, factor: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, round(c * factor))) for c in (red, green, blue)))


def garment_svg(category: str, colour_hex: str, label: str) -> str:
    outline = shade(colour_hex, 0.65)
    quoted = escape(label, {'"': "&quot;"})
    path = SILHOUETTES.get(category, _TOP)
    details = DETAILS.get(category, "")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 480" width="400" height="480" '
        f'role="img" aria-label="{quoted}">'
        f"<title>{escape(label)}</title>"
        '<rect width="400" height="480" fill="#f4f1ec"/>'
        f'<g stroke="{outline}" stroke-width="5" stroke-linejoin="round" fill="{colour_hex}">'
        f'<path d="{path}"/>'
        f'<g fill="{outline}">{details}</g>'
        "</g></svg>\n"
    )
