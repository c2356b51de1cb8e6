"""The map of the services drawn from the ratings: the author's land, the tool's marks.

Each service is marked at its position by its overall rating's own shape (the
rating symbols of render/figures.py: ★ ● ▲ ■ ○) in the rating's colour (the site's
report.css), so meaning never rests on colour alone, and a key below the land
names each shape. The text is written in a fixed order with fixed rounding, so two
builds of the same content give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from yjsreport.annual.aggregates import RATING_ORDER
from yjsreport.annual.map_source import SVG, MapSource
from yjsreport.rules.ratings import Rating

# the ratings' colours on the site (templates/site/assets/report.css)
COLOURS = {
    Rating.OUTSTANDING: "#005a30",
    Rating.GOOD: "#1d4f91",
    Rating.REQUIRES_IMPROVEMENT: "#7a3f00",
    Rating.INADEQUATE: "#a4161a",
    Rating.NOT_RATED: "#484949",
}
MAX_WIDTH, MAX_HEIGHT = 480, 560  # CSS pixels: 12.7 by 14.8 cm in print
KEY_ROW = 2.6  # a row of the key, in markers' radii


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def marker(rating: Rating, x: float, y: float, r: float) -> str:
    """The rating's shape centred on (x, y), `r` its radius: drawn with a white edge
    so it stands out from the land and the sea alike."""
    colour = COLOURS[rating]
    paint = f'fill="{colour}" stroke="#ffffff" stroke-width="{_n(r / 4)}"'
    if rating is Rating.OUTSTANDING:  # ★: five points
        star = [
            (
                x + (r * 1.5 if i % 2 == 0 else r * 0.6) * math.sin(math.pi * i / 5),
                y - (r * 1.5 if i % 2 == 0 else r * 0.6) * math.cos(math.pi * i / 5),
            )
            for i in range(10)
        ]
        return f'<polygon points="{_points(star)}" {paint}/>'
    if rating is Rating.GOOD:  # ●
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" {paint}/>'
    if rating is Rating.REQUIRES_IMPROVEMENT:  # ▲
        h = r * 1.2
        triangle = [(x, y - h), (x + h * 0.95, y + h * 0.75), (x - h * 0.95, y + h * 0.75)]
        return f'<polygon points="{_points(triangle)}" {paint}/>'
    if rating is Rating.INADEQUATE:  # ■
        s = r * 0.9
        square = [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
        return f'<polygon points="{_points(square)}" {paint}/>'
    # ○: an open ring, white inside
    return (
        f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r * 0.85)}" fill="#ffffff" '
        f'stroke="{colour}" stroke-width="{_n(r / 3)}"/>'
    )


def draw_map(source: MapSource, ratings: dict[str, Rating]) -> str:
    """The published map: the base drawing, one marker for each service of `ratings`
    (short name to overall rating) at its position, and the key of the ratings shown."""
    left, top, width, height = source.view_box
    r = min(width, height) / 50
    font = r * 1.8
    shown = [rating for rating in RATING_ORDER if rating in ratings.values()]
    key_height = r * KEY_ROW * (len(shown) + 1)
    where = {p.name: p for p in source.positions}
    markers = [
        f'<g class="marker" data-service="{escape(name)}">'
        f"{marker(ratings[name], where[name].x, where[name].y, r)}</g>"
        for name in sorted(ratings)
    ]
    rows = []
    for i, rating in enumerate(shown):
        row = top + height + r * KEY_ROW * (i + 1)  # the middle of the key's row
        rows.append(
            f'<g class="key-entry">{marker(rating, left + r * 2, row, r)}'
            f'<text x="{_n(left + r * 4)}" y="{_n(row + font * 0.35)}"'
            f' font-size="{_n(font)}" font-family="sans-serif" fill="#0b0c0c">'
            f"{escape(rating.value)}</text></g>"
        )
    total = height + key_height
    # its size on the page, whatever the base's units: small enough that a printed
    # page holds it with the paragraph before it, not left empty below that paragraph
    scale = min(MAX_WIDTH / width, MAX_HEIGHT / total)
    return "\n".join(
        [
            '<?xml version="1.0" encoding="utf-8"?>',
            f'<svg xmlns="{SVG}" viewBox="{_n(left)} {_n(top)} {_n(width)} {_n(total)}" '
            f'width="{_n(width * scale)}" height="{_n(total * scale)}">',
            '<g class="base">',
            source.content,
            "</g>",
            # the key's ground, over anything the base draws below its viewBox
            f'<rect x="{_n(left)}" y="{_n(top + height)}" width="{_n(width)}" '
            f'height="{_n(key_height)}" fill="#ffffff"/>',
            '<g class="markers">',
            *markers,
            "</g>",
            '<g class="key">',
            *rows,
            "</g>",
            "</svg>",
            "",
        ]
    )
