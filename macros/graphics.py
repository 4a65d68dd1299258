"""Geometry for the pictures drawn at build time (map, timeline, continuum).

Only numbers are computed here; the SVG markup is in macros/templates/*.svg.j2.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass

from .content import Catalogue
from .model import CONTINUUM
from .paths import TEMPLATES


@dataclass(frozen=True)
class Frame:
    """Projects lon/lat inside a box of the picture (equirectangular, true at mid-latitude)."""

    west: float
    south: float
    east: float
    north: float
    x: float
    y: float
    width: float
    height: float

    @property
    def scale(self) -> float:
        stretch = math.cos(math.radians((self.north + self.south) / 2))
        return min(self.width / ((self.east - self.west) * stretch), self.height / (self.north - self.south))

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        stretch = math.cos(math.radians((self.north + self.south) / 2))
        return (round(self.x + (lon - self.west) * stretch * self.scale, 1),
                round(self.y + (self.north - lat) * self.scale, 1))

    def path(self, rings) -> str:
        parts = []
        for ring in rings:
            points = [self.point(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
        return "".join(parts)

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


@functools.cache
def outlines() -> dict:
    with open(TEMPLATES.parent / "data" / "outlines.json", encoding="utf-8") as handle:
        return json.load(handle)


MAP_WIDTH, MAP_HEIGHT = 700, 500
PANELS = {  # name -> frame; the insets sit on the right of metropolitan France
    "metropole": Frame(-5.2, 41.3, 9.6, 51.15, 6, 6, 450, 488),
    "mayotte": Frame(44.98, -13.03, 45.32, -12.62, 490, 34, 196, 150),
    "montreal": Frame(-73.95, 45.38, -73.45, 45.66, 490, 262, 196, 226),
}


def on_map(lat: float, lon: float) -> bool:
    """Whether a point falls inside one of the map's panels (else it is not drawn)."""
    return any(frame.contains(lon, lat) for frame in PANELS.values())


def site_map(catalogue: Catalogue, lang: str) -> dict:
    """Panels with their outline and the points of the sites inside them."""
    panels = []
    placed = set()
    for name, frame in PANELS.items():
        points = []
        for key, site in catalogue.sites.items():
            c = site.coordinates
            if key not in placed and frame.contains(c.lon, c.lat):
                x, y = frame.point(c.lon, c.lat)
                points.append({"key": key, "site": site, "x": x, "y": y})
                placed.add(key)
        _place_labels(points, frame, lang)
        panels.append({"name": name, "frame": frame, "outline": frame.path(outlines().get(name, [])),
                       "points": sorted(points, key=lambda p: p["y"])})
    missing = [key for key in catalogue.sites if key not in placed]
    return {"width": MAP_WIDTH, "height": MAP_HEIGHT, "panels": panels, "missing": missing}


LABEL_SIZE = 15  # px, as in the stylesheet


def _place_labels(points: list[dict], frame: Frame, lang: str) -> None:
    """Put each label beside its point where it overlaps no other point or label.

    Greedy: right, left, above, below, in that order; the first place that fits
    inside the panel and clear of the others wins (else the right side).
    """
    taken = [(p["x"] - 9, p["y"] - 9, p["x"] + 9, p["y"] + 9) for p in points]
    bounds = (frame.x - 4, frame.y - 4, frame.x + frame.width + 4, frame.y + frame.height + 4)

    def fits(box) -> bool:
        inside = box[0] >= bounds[0] and box[1] >= bounds[1] and box[2] <= bounds[2] and box[3] <= bounds[3]
        return inside and not any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3]
                                  for t in taken)

    for point in sorted(points, key=lambda p: (p["y"], p["x"])):
        x, y = point["x"], point["y"]
        width = 0.56 * LABEL_SIZE * len(point["site"].name.get(lang)) + 4
        options = [  # (text x, text y, anchor, box)
            (x + 11, y + 5, "start", (x + 10, y - 9, x + 12 + width, y + 9)),
            (x - 11, y + 5, "end", (x - 12 - width, y - 9, x - 10, y + 9)),
            (x, y - 13, "middle", (x - width / 2, y - 28, x + width / 2, y - 10)),
            (x, y + 25, "middle", (x - width / 2, y + 10, x + width / 2, y + 28)),
        ]
        chosen = next((o for o in options if fits(o[3])), options[0])
        point.update(label_x=round(chosen[0], 1), label_y=round(chosen[1], 1), anchor=chosen[2])
        taken.append(chosen[3])


TIMELINE_FIRST, TIMELINE_LAST = 2011, 2026


def timeline(catalogue: Catalogue, lang: str) -> dict:
    """Phases as bands (one row each) and history entries as numbered markers."""
    left, right, width = 16, 16, 820
    span = TIMELINE_LAST + 1 - TIMELINE_FIRST
    per_year = (width - left - right) / span

    def x(day) -> float:
        years = day.year + (day.timetuple().tm_yday - 1) / 366
        return round(left + (years - TIMELINE_FIRST) * per_year, 1)

    phases = []
    for row, (key, phase) in enumerate(sorted(catalogue.phases.items(),
                                              key=lambda item: item[1].period.first_day())):
        x0, x1 = x(phase.period.first_day()), x(phase.period.last_day())
        bar = max(round(x1 - x0, 1), 6)
        label = phase.name.get(lang)
        inside = 0.55 * 12 * len(label) + 12 < bar
        phases.append({"key": key, "phase": phase, "x": x0, "width": bar, "y": 8 + 26 * row,
                       "label": label, "label_x": x0 + 6 if inside else x0 - 6,
                       "anchor": "start" if inside else "end"})
    axis = 8 + 26 * len(phases) + 16
    entries, rows = [], []  # rows: the right edge of the last label in each row
    for key, entry in sorted(catalogue.history.items(), key=lambda item: item[1].date.first_day()):
        middle = entry.date.first_day() + (entry.date.last_day() - entry.date.first_day()) / 2
        cx = x(middle)
        row = next((i for i, edge in enumerate(rows) if cx - 9 > edge), len(rows))
        if row == len(rows):
            rows.append(0)
        rows[row] = cx + 9
        entries.append({"key": key, "entry": entry, "x": cx, "level": row})
    years = [{"year": year, "x": round(left + (year - TIMELINE_FIRST) * per_year, 1)}
             for year in range(TIMELINE_FIRST, TIMELINE_LAST + 2)]
    height = axis + 50 + 17 * len(rows)
    return {"width": width, "height": height, "axis": axis, "phases": phases, "entries": entries,
            "years": years, "per_year": per_year}


def continuum(catalogue: Catalogue, only: str | None = None) -> dict:
    """Each site's dated positions on the cooperation continuum, one row per site."""
    levels = list(CONTINUUM)
    left, column = 170, 90
    rows = []
    for key, site in catalogue.sites.items():
        if (only and key != only) or not site.continuum:
            continue
        steps = sorted(site.continuum, key=lambda step: step.date.first_day())
        y = 70 + 44 * len(rows)
        rows.append({"key": key, "site": site, "y": y,
                     "steps": [{"step": s, "x": left + column * levels.index(s.level) + column / 2,
                                "dy": -10 if i % 2 else 18} for i, s in enumerate(steps)]})
    height = 90 + 44 * max(len(rows), 0) + 20
    return {"levels": [{"key": level, "x": left + column * i + column / 2} for i, level in enumerate(levels)],
            "rows": rows, "width": left + column * len(levels) + 10, "height": height, "left": left}
