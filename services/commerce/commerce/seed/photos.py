"""The demo catalog's product photos: a garment on a studio backdrop, drawn with Pillow.

Each category's garment is a silhouette in a 400x480 SVG-style space (M, L and Q commands), with its seams,
folds, overlapping parts (collars, pockets, a pallu) and trims. Everything that does not depend on the colour
(the backdrop with the garment's shadows, the silhouette's mask, the light and fabric texture) is drawn once
per category; a colour then costs a fill, a multiply, a screen and a JPEG encode. The output is deterministic:
the same category and colour give the same bytes.
"""

from __future__ import annotations

import colorsys
import io
import itertools
import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1200, 1500
JPEG_QUALITY = 88

_VIEW_WIDTH = 400
_SCALE = 2.7  # garment units to pixels: 400x480 units fill 1080x1296 pixels
_LEFT = (WIDTH - _VIEW_WIDTH * _SCALE) / 2
_TOP = 80.0
_SUPERSAMPLE = 3  # shapes are drawn this much larger, then reduced: anti-aliased edges
_CURVE_STEPS = 16

_TOKEN = re.compile(r"[MLQZ]|-?\d+(?:\.\d+)?")
Point = tuple[float, float]
_RGB = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Garment:
    outline: str  # the silhouette
    parts: tuple[str, ...] = ()  # pieces lying on top (collar, pocket): a soft shadow under their edge
    openings: tuple[str, ...] = ()  # where the inside shows (a neckline): in shade
    seams: tuple[str, ...] = ()  # stitched lines
    folds: tuple[str, ...] = ()  # soft creases
    buttons: tuple[tuple[float, float, float], ...] = ()  # x, y, radius
    trims: tuple[str, ...] = ()  # areas in the contrast colour (a saree's zari border)
    cords: tuple[str, ...] = ()  # drawstrings
    button_colour: _RGB = (236, 232, 222)
    thread: _RGB | None = None  # a contrast topstitch colour (jeans)
    weave: str = "plain"  # plain, twill (denim) or rib (knits)
    motifs: bool = False  # small woven dots over the body (a saree's buttis)


def _map_points(path: str, move: Callable[[float, float], Point]) -> str:
    """The path with every point (end and control points alike) moved by `move`."""
    out: list[str] = []
    pending: float | None = None
    for token in _TOKEN.findall(path):
        if token.isalpha():
            out.append(token)
        elif pending is None:
            pending = float(token)
        else:
            x, y = move(pending, float(token))
            out.extend((f"{round(x, 2):g}", f"{round(y, 2):g}"))
            pending = None
    return " ".join(out)


def _mirror(path: str) -> str:
    """The same path reflected about the garment's centre line (x -> 400 - x)."""
    return _map_points(path, lambda x, y: (_VIEW_WIDTH - x, y))


def _both(*paths: str) -> tuple[str, ...]:
    return tuple(p for path in paths for p in (path, _mirror(path)))


_T_SHIRT = Garment(
    outline="M166 52 Q200 84 234 52 L276 64 Q314 84 342 130 L306 172 Q292 162 282 154 Q278 260 286 352 "
    "Q200 360 114 352 Q122 260 118 154 Q108 162 94 172 L58 130 Q86 84 124 64 Z",
    openings=("M166 52 Q200 64 234 52 Q200 84 166 52 Z",),
    seams=(
        "M160 56 Q200 96 240 56",
        *_both("M332 120 L298 160", "M276 66 Q286 110 282 152"),
        "M116 338 Q200 346 284 338",
    ),
    folds=(
        *_both("M280 164 Q258 196 232 214", "M244 250 Q250 300 256 346", "M300 100 Q306 120 322 134"),
        "M196 220 Q204 270 196 330",
    ),
    weave="rib",
)

_SHIRT = Garment(
    outline="M172 44 Q200 36 228 44 L276 62 Q306 76 322 130 L350 388 L312 394 L296 190 Q290 176 284 168 "
    "Q282 300 290 440 Q246 430 200 446 Q154 430 110 440 Q118 300 116 168 Q110 176 104 190 L88 394 "
    "L50 388 L78 130 Q94 76 124 62 Z",
    openings=("M172 44 Q200 36 228 44 L200 80 Z",),
    parts=(
        *_both("M174 42 L146 62 L182 106 L200 80 Z", "M132 150 L170 150 L170 196 L151 204 L132 196 Z"),
        *_both("M314 360 L348 356 L350 388 L312 394 Z"),
    ),
    seams=(
        "M193 82 L193 442",
        "M207 82 L207 442",
        *_both("M276 64 Q290 110 284 166", "M134 160 L168 160"),
    ),
    folds=(
        *_both("M284 176 Q262 206 236 226", "M240 300 Q248 370 252 430", "M318 220 Q330 300 336 380"),
        *_both("M306 272 Q322 280 340 270"),
    ),
    buttons=tuple((200.0, y, 4.0) for y in (104.0, 154.0, 204.0, 254.0, 304.0, 354.0, 404.0)),
)

_KURTA = Garment(
    outline="M180 42 Q200 66 220 42 L254 52 Q300 70 318 120 L336 262 L300 268 L282 178 Q278 176 274 176 "
    "Q282 320 302 458 Q200 466 98 458 Q118 320 126 176 Q122 176 118 178 L100 268 L64 262 L82 120 "
    "Q100 70 146 52 Z",
    openings=("M180 42 Q200 50 220 42 Q200 66 180 42 Z",),
    parts=(*_both("M320 236 L336 234 L336 262 L300 268 L298 242 Z"),),
    seams=(
        "M196 62 L196 150 L204 150 L204 62",
        *_both("M254 54 Q278 110 276 176", "M286 372 L300 456"),
        "M102 444 Q200 452 298 444",
    ),
    folds=(
        *_both("M276 186 Q252 220 232 236", "M244 240 Q262 340 270 452"),
        "M200 180 Q206 320 198 452",
    ),
    buttons=((200.0, 84.0, 3.0), (200.0, 108.0, 3.0), (200.0, 132.0, 3.0)),
    trims=("M174 50 Q200 78 226 50 L230 60 Q200 92 170 60 Z",),
)

_DRESS = Garment(
    outline="M160 38 L174 38 Q200 84 226 38 L240 38 Q238 100 258 120 Q256 150 236 172 Q292 300 334 450 "
    "Q200 470 66 450 Q108 300 164 172 Q144 150 142 120 Q162 100 160 38 Z",
    openings=("M174 38 Q200 52 226 38 Q200 84 174 38 Z",),
    seams=("M164 172 Q200 180 236 172", *_both("M180 110 L186 160"), "M70 436 Q200 456 330 436"),
    folds=(
        *_both("M184 180 Q160 300 126 452", "M172 178 Q132 300 92 446", "M196 182 Q188 320 170 456"),
        "M200 184 Q204 320 206 458",
    ),
)

_JEANS = Garment(
    outline="M120 44 L280 44 Q290 200 306 452 L224 452 Q214 300 202 156 L198 156 Q186 300 176 452 L94 452 "
    "Q110 200 120 44 Z",
    parts=(*_both("M136 42 L146 42 L146 72 L136 72 Z"), "M196 42 L204 42 L204 72 L196 72 Z"),
    seams=(
        "M121 66 L279 66",
        "M208 68 L208 136 Q208 152 196 156",
        *_both("M160 66 Q158 110 122 120", "M202 160 Q214 300 222 450", "M226 436 L304 436"),
        "M248 70 L248 96 L268 96 L270 70",
    ),
    folds=(
        *_both("M170 134 Q184 142 196 150", "M164 150 Q178 160 192 166", "M118 300 Q140 296 164 304"),
        *_both("M128 420 Q150 412 172 420", "M150 180 Q146 300 140 420"),
    ),
    buttons=((200.0, 54.0, 6.0), (160.0, 70.0, 3.0), (240.0, 70.0, 3.0)),
    button_colour=(176, 116, 64),
    thread=(214, 150, 62),
    weave="twill",
)

_TROUSERS = Garment(
    outline="M122 44 L278 44 Q290 200 304 452 L224 452 Q214 300 202 160 L198 160 Q186 300 176 452 L96 452 "
    "Q110 200 122 44 Z",
    parts=(*_both("M138 42 L146 42 L146 70 L138 70 Z"),),
    seams=(
        "M123 68 L277 68",
        "M208 70 L208 140 Q208 154 198 158",
        *_both("M156 70 L126 130", "M226 438 L302 438"),
    ),
    folds=(
        *_both("M170 140 Q184 148 196 154", "M150 170 L138 450", "M120 320 Q140 312 160 320"),
        *_both("M126 410 Q148 402 170 410"),
    ),
    buttons=((200.0, 56.0, 5.0),),
    button_colour=(60, 52, 44),
)

_JACKET = Garment(
    outline="M172 44 Q200 38 228 44 L276 58 Q308 72 326 124 L352 392 L312 398 L298 188 Q292 178 288 174 "
    "Q288 300 290 436 L110 436 Q112 300 112 174 Q108 178 102 188 L88 398 L48 392 L74 124 Q92 72 124 58 Z",
    openings=("M172 44 Q200 38 228 44 L200 84 Z",),
    parts=(
        *_both("M176 42 L138 60 L176 122 L200 84 Z", "M134 150 L178 150 L178 172 L156 180 L134 172 Z"),
        *_both("M316 366 L350 362 L352 392 L312 398 Z"),
        "M112 404 L288 404 L290 436 L110 436 Z",
    ),
    seams=(
        "M200 86 L200 436",
        *_both("M124 104 Q160 116 190 112", "M276 60 Q294 110 288 172", "M164 190 L164 300"),
        *_both("M134 192 L134 178"),
    ),
    folds=(*_both("M288 184 Q266 210 240 228", "M306 262 Q322 272 340 262", "M246 300 Q250 360 254 400"),),
    buttons=(
        *((208.0, y, 5.0) for y in (134.0, 194.0, 254.0, 314.0, 374.0, 420.0)),
        (156.0, 166.0, 4.0),
        (244.0, 166.0, 4.0),
    ),
    button_colour=(186, 160, 110),
)

_HOODIE = Garment(
    outline="M150 58 Q146 6 200 4 Q254 6 250 58 L276 62 Q306 76 324 126 L350 380 L314 388 L298 190 "
    "Q292 180 288 176 Q288 300 290 436 L110 436 Q112 300 112 176 Q108 180 102 190 L86 388 L50 380 L76 126 "
    "Q94 76 124 62 Z",
    openings=("M164 58 Q200 34 236 58 Q200 104 164 58 Z",),
    parts=(
        "M144 296 L256 296 L284 384 L116 384 Z",
        "M112 408 L288 408 L290 436 L110 436 Z",
        *_both("M316 356 L348 352 L350 380 L314 388 Z"),
    ),
    seams=(*_both("M144 296 L122 350", "M276 64 Q294 110 288 174"),),
    folds=_both("M288 184 Q266 210 240 228", "M306 262 Q322 272 340 262", "M172 388 Q176 400 178 406"),
    cords=("M186 84 Q184 140 180 196", "M214 84 Q216 140 220 192"),
    weave="rib",
)

# A Nivi drape on an invisible mannequin: a short-sleeved blouse, the skirt with its fan of pleats at the
# front, and the pallu crossing the chest to the left shoulder, falling behind it with its zari end.
_PLEATS = tuple(
    f"M{182 + 8 * i} 206 L{190 + 8 * i} 206 L{172 + 19 * i} 452 L{154 + 19 * i} 450 Z" for i in range(5)
)
_SAREE = Garment(
    outline="M170 50 Q200 68 230 50 L258 58 Q282 70 292 108 L268 118 Q262 104 256 100 L252 152 "
    "Q200 160 148 152 L144 100 Q138 104 132 118 L108 108 Q118 70 142 58 Z "
    "M150 150 Q200 158 250 150 Q270 300 302 456 Q200 470 98 456 Q130 300 150 150 Z "
    "M244 54 Q286 58 298 96 Q318 240 344 398 L292 410 Q280 280 266 150 Z",
    openings=("M170 50 Q200 58 230 50 Q200 68 170 50 Z",),
    parts=(
        "M244 54 Q286 58 298 96 Q318 240 344 398 L292 410 Q280 280 266 150 Z",
        "M146 196 Q200 150 234 52 L262 58 Q290 70 298 98 Q250 164 150 244 Z",
        *_PLEATS,
    ),
    seams=("M146 150 Q200 158 254 150",),
    folds=(
        "M160 226 Q148 340 128 448",
        "M240 170 Q256 300 276 452",
        "M288 140 Q300 260 312 396",
        "M304 120 Q318 250 332 392",
        "M176 206 Q236 140 262 72",
        "M196 214 Q254 150 284 90",
        "M196 214 L182 448",
        "M212 214 L220 448",
    ),
    trims=(
        "M99 444 Q200 458 301 444 L302 456 Q200 470 98 456 Z",
        "M150 244 Q250 164 298 98 L292 92 Q244 156 148 234 Z",
        "M146 196 Q200 150 234 52 L242 54 Q208 156 148 206 Z",
        "M334 330 L344 398 L292 410 L284 344 Z",
        "M318 196 Q326 290 336 326 L330 328 Q320 292 312 198 Z",
        "M108 108 L132 118 L135 110 L112 100 Z",
    ),
    motifs=True,
)

_ZARI: _RGB = (201, 162, 39)
_ZARI_ON_GOLD: _RGB = (122, 31, 43)
_PALE = 210  # a fabric whose every channel is above this is white or nearly
_INDIGO, _BLUE = "#3f51b5", "#2f5da8"  # the catalog's colours (seed/data.py)


def polylines(path: str, scale: float = 1.0) -> list[list[Point]]:
    """The path's subpaths as point lists in pixels (Q curves flattened), drawn `scale` times larger."""
    tokens = iter(_TOKEN.findall(path))
    lines: list[list[Point]] = []
    current: list[Point] = []

    def point() -> Point:
        x, y = float(next(tokens)), float(next(tokens))
        return ((_LEFT + x * _SCALE) * scale, (_TOP + y * _SCALE) * scale)

    for command in tokens:
        if command == "M":
            current = [point()]
            lines.append(current)
        elif command == "L":
            current.append(point())
        elif command == "Q":
            (x0, y0), (cx, cy), (x1, y1) = current[-1], point(), point()
            for step in range(1, _CURVE_STEPS + 1):
                t = step / _CURVE_STEPS
                u = 1 - t
                current.append(
                    (u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1)
                )
        elif command == "Z":
            current.append(current[0])
    return lines


def _fitted(garment: Garment, wide: float = 1.0, tall: float = 1.0, centre: float = 236.0) -> Garment:
    """The garment `wide` times wider and `tall` times shorter or longer, centred in the frame's height."""
    ys = [(y - _TOP) / _SCALE for line in polylines(garment.outline) for _, y in line]
    top, bottom = min(ys), max(ys)
    shift = centre - (top + (bottom - top) * tall / 2)

    def move(x: float, y: float) -> Point:
        return (200 + (x - 200) * wide, top + (y - top) * tall + shift)

    def paths(group: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_map_points(path, move) for path in group)

    return replace(
        garment,
        outline=_map_points(garment.outline, move),
        parts=paths(garment.parts),
        openings=paths(garment.openings),
        seams=paths(garment.seams),
        folds=paths(garment.folds),
        trims=paths(garment.trims),
        cords=paths(garment.cords),
        buttons=tuple((*move(x, y), r) for x, y, r in garment.buttons),
    )


# Laid out as on an invisible mannequin: a shirt, jacket or hoodie is about as wide across its sleeves as
# it is long; every garment sits at the same height in the frame.
GARMENTS: dict[str, Garment] = {
    "t-shirts": _fitted(_T_SHIRT),
    "tops": _fitted(_T_SHIRT),
    "shirts": _fitted(_SHIRT, wide=1.16, tall=0.8),
    "kurtas": _fitted(_KURTA),
    "dresses": _fitted(_DRESS),
    "jeans": _fitted(_JEANS),
    "trousers": _fitted(_TROUSERS),
    "jackets": _fitted(_JACKET, wide=1.14, tall=0.84),
    "hoodies": _fitted(_HOODIE, wide=1.14, tall=0.82),
    "sarees": _fitted(_SAREE),
}


def _shape_mask(paths: Sequence[str]) -> Image.Image:
    """An anti-aliased coverage mask (L) of the filled paths."""
    big = Image.new("L", (WIDTH * _SUPERSAMPLE, HEIGHT * _SUPERSAMPLE), 0)
    draw = ImageDraw.Draw(big)
    for path in paths:
        for line in polylines(path, _SUPERSAMPLE):
            draw.polygon(line, fill=255)
    return big.reduce(_SUPERSAMPLE)


def _blur(image: Image.Image, radius: float) -> Image.Image:
    """A wide Gaussian blur, done on a quarter-size copy (smooth shapes lose nothing)."""
    small = image.reduce(4).filter(ImageFilter.GaussianBlur(radius / 4))
    return small.resize(image.size, Image.Resampling.BICUBIC)


def _gradient(top: _RGB, bottom: _RGB, size: tuple[int, int]) -> Image.Image:
    ramp = Image.linear_gradient("L").resize(size, Image.Resampling.BICUBIC)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), ramp)


def _multiply_by(image: Image.Image, shade: Image.Image) -> Image.Image:
    return ImageChops.multiply(image, shade.convert(image.mode))


@lru_cache(maxsize=1)
def _studio() -> Image.Image:
    """A seamless paper backdrop: light from above, a brighter spot behind the garment, a soft floor.

    The paper is a cool light grey, a little darker than white fabric, so a white shirt reads as white on it.
    """
    wall = _gradient((205, 208, 213), (225, 227, 231), (WIDTH, int(HEIGHT * 0.86)))
    floor = _gradient((221, 223, 227), (209, 211, 215), (WIDTH, HEIGHT - wall.height))
    studio = Image.new("RGB", (WIDTH, HEIGHT))
    studio.paste(wall, (0, 0))
    studio.paste(floor, (0, wall.height))
    studio = studio.filter(ImageFilter.GaussianBlur(18))  # the sweep from wall to floor has no edge
    studio = ImageChops.screen(studio, Image.merge("RGB", [_spot((WIDTH, HEIGHT), (600, 700), 760, 16)] * 3))
    vignette = Image.radial_gradient("L").resize((WIDTH * 2, HEIGHT * 2), Image.Resampling.BICUBIC)
    vignette = vignette.crop((WIDTH // 2, HEIGHT // 2, WIDTH * 3 // 2, HEIGHT * 3 // 2))
    studio = _multiply_by(studio, vignette.point(lambda v: 255 - max(0, v - 150) * 34 // 105))
    return ImageChops.add(studio, _grain(3.0), offset=-8)


def _spot(size: tuple[int, int], centre: Point, radius: float, strength: int) -> Image.Image:
    """A soft round light (L): `strength` at the centre, fading smoothly to nothing at `radius`."""
    # Pillow's radial gradient is 0 at its centre and about 180 at its edges' middles (the radius).
    falloff = Image.radial_gradient("L").point(lambda v: round(strength * max(0.0, 1 - v / 180) ** 1.6))
    diameter = round(2 * radius)
    light = Image.new("L", size, 0)
    light.paste(
        falloff.resize((diameter, diameter), Image.Resampling.BICUBIC),
        (round(centre[0] - radius), round(centre[1] - radius)),
    )
    return light


def _texture_random(seed: int | str) -> random.Random:
    """A seeded generator for textures and pattern jitter (the photos must come out the same every time)."""
    return random.Random(seed)  # noqa: S311  (not for secrets)


def _grain(sigma: float, seed: int = 17) -> Image.Image:
    """Fine noise around 8 (added with an offset of -8), the same on every call."""
    rng = _texture_random(seed)
    tile = Image.frombytes(
        "L", (256, 256), bytes(max(0, min(16, round(8 + rng.gauss(0, sigma)))) for _ in range(256 * 256))
    )
    grain = Image.new("L", (WIDTH, HEIGHT))
    for top in range(0, HEIGHT, 256):
        for left in range(0, WIDTH, 256):
            grain.paste(tile, (left, top))
    return Image.merge("RGB", [grain] * 3)


def _weave(kind: str) -> tuple[Image.Image, Image.Image]:
    """The fabric's texture: a multiply layer (L, near 255) and a screen layer (L, near 0).

    Denim is a twill: the indigo warp with the white weft showing in fine diagonal lines, and the slubby
    yarn's faint vertical streaks.
    """
    rng = _texture_random(kind)
    sheen = Image.new("L", (WIDTH, HEIGHT), 0)
    if kind == "twill":
        dark_rows = [bytes((255, 255, 246, 230, 240)[(x + y) % 5] for x in range(WIDTH)) for y in range(5)]
        light_rows = [bytes((34, 10, 0, 0, 0)[(x + y) % 5] for x in range(WIDTH)) for y in range(5)]
        data = b"".join(dark_rows[y % 5] for y in range(HEIGHT))
        sheen = Image.frombytes("L", (WIDTH, HEIGHT), b"".join(light_rows[y % 5] for y in range(HEIGHT)))
        slubs = Image.frombytes("L", (400, 8), bytes(rng.randrange(0, 12) for _ in range(400 * 8)))
        sheen = ImageChops.add(sheen, slubs.resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC))
        sheen = sheen.filter(ImageFilter.GaussianBlur(0.5))
    elif kind == "rib":
        data = bytes(255 if x % 4 < 2 else 246 for x in range(WIDTH)) * HEIGHT
    else:
        row_a = bytes(255 if x % 3 else 248 for x in range(WIDTH))
        row_b = bytes(251 for _ in range(WIDTH))
        data = b"".join(row_a if y % 3 else row_b for y in range(HEIGHT))
    texture = Image.frombytes("L", (WIDTH, HEIGHT), data).filter(ImageFilter.GaussianBlur(0.6))
    blotches = Image.frombytes("L", (60, 75), bytes(rng.randrange(249, 256) for _ in range(60 * 75)))
    return ImageChops.multiply(texture, blotches.resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC)), sheen


def _stroke(draw: ImageDraw.ImageDraw, path: str, fill: int, width: float, offset: Point = (0, 0)) -> None:
    for line in polylines(path):
        moved = [(x + offset[0], y + offset[1]) for x, y in line]
        draw.line(moved, fill=fill, width=max(1, round(width)), joint="curve")


def _dashes(path: str, dash: float, gap: float, offset: Point = (0, 0)) -> Iterator[list[Point]]:
    """The path cut into short dashes: a stitch line."""
    for line in polylines(path):
        carried, on = 0.0, True
        current: list[Point] = [line[0]]
        for (x0, y0), (x1, y1) in itertools.pairwise(line):
            length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
            walked = 0.0
            while length - walked > 1e-6:
                need = (dash if on else gap) - carried
                step = min(need, length - walked)
                walked += step
                carried += step
                t = walked / length
                here = (x0 + (x1 - x0) * t + offset[0], y0 + (y1 - y0) * t + offset[1])
                if on:
                    current.append(here)
                if carried >= (dash if on else gap) - 1e-6:
                    if on:
                        yield current
                    on, carried, current = not on, 0.0, [here]


@dataclass(slots=True)
class _Layers:
    """What a category's photo needs that does not depend on the colour."""

    backdrop: Image.Image  # the studio with this garment's shadows
    mask: Image.Image  # the garment's coverage (L)
    shade: Image.Image  # multiply (RGB): light fall-off, folds, edges, texture
    pale_shade: Image.Image  # the same, half as deep: white fabric throws back more light into its shadows
    light: Image.Image  # screen (RGB): highlights
    trim_mask: Image.Image | None  # where the contrast colour goes (L)
    overlay: Image.Image  # buttons, cords and coloured stitches (RGBA), over everything
    motifs: list[Point] = field(default_factory=list)


def _studio_with_shadow(mask: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    """The studio with the garment's cast shadow (down and right) and its contact shadow on the floor."""
    cast = Image.new("L", mask.size, 0)
    cast.paste(mask, (26, 34))
    floor = Image.new("L", mask.size, 0)
    width = (box[2] - box[0]) * 0.62
    ImageDraw.Draw(floor).ellipse(
        (WIDTH / 2 - width / 2, box[3] + 4, WIDTH / 2 + width / 2, box[3] + 46), fill=255
    )
    shadow = ImageChops.lighter(
        _blur(cast, 44).point(lambda v: v * 46 // 255), _blur(floor, 36).point(lambda v: v * 70 // 255)
    )
    return _multiply_by(_studio(), ImageChops.invert(shadow))


@cache
def _layers(category: str, weave: str | None = None) -> _Layers:
    """The category's layers; `weave` overrides the garment's own (a denim jacket is a twill)."""
    garment = GARMENTS.get(category, GARMENTS["t-shirts"])
    mask = _shape_mask([garment.outline])
    size = (WIDTH, HEIGHT)
    box = mask.getbbox() or (0, 0, WIDTH, HEIGHT)
    backdrop = _studio_with_shadow(mask, box)

    # Light on the garment: a little darker towards the hem, darker at the edges where the fabric turns away
    # (which also sets a white garment off the paper); then the folds, dark in their trough with a soft
    # highlight on the ridge beside it, and a broad soft light from the upper left.
    shade = Image.linear_gradient("L").resize(size).point(lambda v: 255 - v * 30 // 255)
    edge = _blur(mask, 26).point(lambda v: 168 + min(v, 225) * 87 // 225)
    shade = ImageChops.multiply(shade, edge)
    light = _spot(size, (box[0] + (box[2] - box[0]) * 0.36, box[1] + (box[3] - box[1]) * 0.26), 520, 34)
    folds_dark = Image.new("L", size, 255)
    folds_light = Image.new("L", size, 0)
    dark, bright = ImageDraw.Draw(folds_dark), ImageDraw.Draw(folds_light)
    for fold in garment.folds:
        _stroke(dark, fold, 118, 28)
        _stroke(bright, fold, 200, 20, offset=(-22, -8))
    shade = ImageChops.multiply(shade, _blur(folds_dark, 24))
    light = ImageChops.add(light, _blur(folds_light, 22).point(lambda v: v * 84 // 255))

    # Parts lying on the garment cast a thin shadow; openings show the shaded inside.
    details = Image.new("L", size, 255)
    draw = ImageDraw.Draw(details)
    for part in garment.parts:
        _stroke(draw, part, 120, 7, offset=(3, 5))
    details = details.filter(ImageFilter.GaussianBlur(3.5))
    for part in garment.parts:
        _stroke(ImageDraw.Draw(details), part, 150, 2)
    seams = Image.new("L", size, 255)
    seam_draw = ImageDraw.Draw(seams)
    for seam in garment.seams:
        _stroke(seam_draw, seam, 120, 3)
        if garment.thread is None:
            for dash in _dashes(seam, 7, 5, offset=(4, 3)):
                seam_draw.line(dash, fill=175, width=2)
    details = ImageChops.multiply(details, seams.filter(ImageFilter.GaussianBlur(1.1)))
    for opening in garment.openings:
        inside = _shape_mask([opening])
        details = ImageChops.multiply(
            details, ImageChops.invert(inside).point(lambda v: 110 + v * 145 // 255)
        )
    shade = ImageChops.multiply(shade, details)
    texture, sheen = _weave(weave or garment.weave)
    shade = ImageChops.multiply(shade, texture)
    light = ImageChops.add(light, sheen)
    highlights = Image.new("L", size, 0)
    for seam in garment.seams:
        _stroke(ImageDraw.Draw(highlights), seam, 60, 2, offset=(-3, -2))
    light = ImageChops.add(light, highlights.filter(ImageFilter.GaussianBlur(1.2)))

    overlay = _overlay(garment)
    trim_mask = _shape_mask(garment.trims) if garment.trims else None
    motifs: list[Point] = []
    if garment.motifs:
        rng = _texture_random(category)
        for row in range(40):
            for column in range(18):
                x = box[0] + column * 52 + (26 if row % 2 else 0) + rng.uniform(-3, 3)
                y = box[1] + row * 44 + rng.uniform(-3, 3)
                if 0 <= x < WIDTH and 0 <= y < HEIGHT and mask.getpixel((round(x), round(y))) == 255:
                    motifs.append((x, y))
    return _Layers(
        backdrop=backdrop,
        mask=mask,
        shade=shade.convert("RGB"),
        pale_shade=shade.point(lambda v: 255 - (255 - v) // 2).convert("RGB"),
        light=light.convert("RGB"),
        trim_mask=trim_mask,
        overlay=overlay,
        motifs=motifs,
    )


def _overlay(garment: Garment) -> Image.Image:
    """Buttons, drawstrings and contrast stitching, drawn large and reduced for smooth edges."""
    scale = 2
    big = Image.new("RGBA", (WIDTH * scale, HEIGHT * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    if garment.thread is not None:
        for seam in garment.seams:
            for offset in ((4.0, 3.0), (-4.0, -3.0)):
                for dash in _dashes(seam, 8, 5, offset=offset):
                    draw.line(
                        [(x * scale, y * scale) for x, y in dash],
                        fill=(*garment.thread, 235),
                        width=2 * scale,
                    )
    for cord in garment.cords:
        for line in polylines(cord, scale):
            draw.line(line, fill=(90, 88, 84, 110), width=8 * scale, joint="curve")
            draw.line(line, fill=(238, 236, 230, 255), width=6 * scale, joint="curve")
            tip_x, tip_y = line[-1]
            draw.rounded_rectangle(
                (tip_x - 5 * scale, tip_y, tip_x + 5 * scale, tip_y + 26 * scale),
                3 * scale,
                fill=(170, 170, 172, 255),
            )
    red, green, blue = garment.button_colour
    for x, y, radius in garment.buttons:
        cx, cy = (_LEFT + x * _SCALE) * scale, (_TOP + y * _SCALE) * scale
        r = radius * _SCALE * scale
        draw.ellipse(
            (cx - r + 3 * scale, cy - r + 4 * scale, cx + r + 3 * scale, cy + r + 4 * scale),
            fill=(0, 0, 0, 70),
        )
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(red, green, blue, 255))
        inner = r * 0.72
        draw.ellipse(
            (cx - inner, cy - inner, cx + inner, cy + inner),
            fill=(int(red * 0.88), int(green * 0.88), int(blue * 0.88), 255),
        )
        hole = max(1.5 * scale, r * 0.14)
        if r > 6 * scale:
            for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
                hx, hy = cx + dx * r * 0.25, cy + dy * r * 0.25
                draw.ellipse(
                    (hx - hole, hy - hole, hx + hole, hy + hole),
                    fill=(int(red * 0.55), int(green * 0.55), int(blue * 0.55), 255),
                )
        draw.arc(
            (cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8),
            200,
            290,
            fill=(255, 255, 255, 150),
            width=scale * 2,
        )
    return big.reduce(scale)


def _rgb(hex_colour: str) -> _RGB:
    return (int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))


def _is_denim(category: str, colour_hex: str) -> bool:
    """Jeans are denim; so are the catalog's indigo shirt (chambray) and its indigo and blue jackets."""
    colour = colour_hex.lower()
    return category == "jeans" or (category, colour) in {
        ("shirts", _INDIGO),
        ("jackets", _INDIGO),
        ("jackets", _BLUE),
    }


def _denim(colour: _RGB) -> _RGB:
    """Indigo dye on cotton: a violet-leaning blue turns to denim's deep blue (blues stay as they are)."""
    hue, saturation, value = colorsys.rgb_to_hsv(*(c / 255 for c in colour))
    if 0.61 < hue < 0.72:  # about 220 to 260 degrees: indigo, blue-violet
        hue, saturation, value = 0.6, min(1.0, saturation * 1.12), value * 0.72
    red, green, blue = colorsys.hsv_to_rgb(hue, saturation, value)
    return (round(red * 255), round(green * 255), round(blue * 255))


def render(category: str, colour_hex: str) -> Image.Image:
    """The photo of a garment of this category in this colour (1200x1500 RGB)."""
    colour = _rgb(colour_hex)
    if _is_denim(category, colour_hex):
        layers = _layers(category, "twill")
        colour = _denim(colour)
    else:
        layers = _layers(category)
    # White fabric stays white: bright, softly shaded in its folds and towards its edges.
    shade = layers.pale_shade if min(colour) > _PALE else layers.shade
    fabric = Image.new("RGB", (WIDTH, HEIGHT), tuple(min(c, 248) for c in colour))
    if layers.trim_mask is not None:
        zari = _ZARI_ON_GOLD if colour_hex.lower() == "#c9a227" else _ZARI
        fabric.paste(zari, (0, 0), layers.trim_mask)
        if layers.motifs:
            draw = ImageDraw.Draw(fabric)
            for x, y in layers.motifs:
                draw.ellipse((x - 4, y - 5, x + 4, y + 5), fill=zari)
    garment = ImageChops.screen(ImageChops.multiply(fabric, shade), layers.light)
    photo = layers.backdrop.copy()
    photo.paste(garment, (0, 0), layers.mask)
    photo = Image.alpha_composite(photo.convert("RGBA"), layers.overlay).convert("RGB")
    return photo


@lru_cache(maxsize=64)
def garment_photo(category: str, colour_hex: str) -> bytes:
    """The photo as JPEG bytes, ready for the catalog's photo store."""
    buffer = io.BytesIO()
    render(category, colour_hex).save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()
