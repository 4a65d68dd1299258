"""Geometry for the pictures drawn at build time (map, timeline, continuum).

Only numbers are computed here; the SVG markup is in macros/templates/*.svg.j2.
"""
from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import math
import re
from dataclasses import dataclass

from . import story
from .content import Catalogue
from .geography import MAP_BOXES, Box, in_france
from .model import CONTINUUM
from .paths import TEMPLATES


@dataclass(frozen=True)
class Frame:
    """Projects lon/lat of a box (macros/geography.py) inside a box of the picture
    (equirectangular, true at mid-latitude)."""

    box: Box
    x: float
    y: float
    width: float
    height: float

    @property
    def scale(self) -> float:
        box = self.box
        stretch = math.cos(math.radians((box.north + box.south) / 2))
        return min(self.width / ((box.east - box.west) * stretch), self.height / (box.north - box.south))

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        box = self.box
        stretch = math.cos(math.radians((box.north + box.south) / 2))
        return (round(self.x + (lon - box.west) * stretch * self.scale, 1),
                round(self.y + (box.north - lat) * self.scale, 1))

    def path(self, rings) -> str:
        parts = []
        for ring in rings:
            points = [self.point(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
        return "".join(parts)


@functools.cache
def outlines() -> dict:
    with open(TEMPLATES.parent / "data" / "outlines.json", encoding="utf-8") as handle:
        return json.load(handle)


# Portrait layout, so that the whole map fits a phone's width without scrolling:
# metropolitan France on top, the two insets side by side underneath.
MAP_WIDTH, MAP_HEIGHT = 460, 680
PANELS = {  # name -> frame: the map's boxes (macros/geography.py) at their place in the picture
    name: Frame(MAP_BOXES[name], *place)
    for name, place in {"metropole": (8, 8, 444, 428), "mayotte": (20, 490, 120, 176),
                        "montreal": (176, 490, 276, 176)}.items()
}


def site_map(catalogue: Catalogue, lang: str) -> dict:
    """Panels with their outline and the points of the sites inside them."""
    panels = []
    placed = set()
    for name, frame in PANELS.items():
        points = []
        for key, site in catalogue.sites.items():
            c = site.coordinates
            if key not in placed and frame.box.contains(c.lat, c.lon):
                x, y = frame.point(c.lon, c.lat)
                points.append({"key": key, "site": site, "x": x, "y": y})
                placed.add(key)
        _place_labels(points, frame, lang)
        panels.append({"name": name, "frame": frame, "outline": frame.path(outlines().get(name, [])),
                       "clip": name != "metropole",
                       "points": sorted(points, key=lambda p: p["y"])})
    missing = [key for key in catalogue.sites if key not in placed]
    shown = {"france" if in_france(catalogue.sites[key].kind) else "inspiration" for key in placed}
    return {"width": MAP_WIDTH, "height": MAP_HEIGHT, "panels": panels, "missing": missing,
            "legend": [group for group in ("france", "inspiration") if group in shown]}


LABEL_SIZE = 16  # px, as in the stylesheet


def _place_labels(points: list[dict], frame: Frame, lang: str) -> None:
    """Put each label beside its point where it overlaps no other point or label.

    Greedy: right, left, above, below, in that order; the first place that fits
    inside the panel and clear of the others wins (else the one that sticks out least).
    """
    taken = [(p["x"] - 9, p["y"] - 9, p["x"] + 9, p["y"] + 9) for p in points]
    bounds = (frame.x - 6, frame.y - 2, frame.x + frame.width + 6, frame.y + frame.height + 4)

    def overlaps(box) -> bool:
        return any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken)

    def outside(box) -> float:
        return (max(0, bounds[0] - box[0]) + max(0, box[2] - bounds[2])
                + max(0, bounds[1] - box[1]) + max(0, box[3] - bounds[3]))

    for point in sorted(points, key=lambda p: (p["y"], p["x"])):
        x, y = point["x"], point["y"]
        width = 0.56 * LABEL_SIZE * len(point["site"].name.get(lang)) + 4
        options = [  # (text x, text y, anchor, box)
            (x + 11, y + 5, "start", (x + 10, y - 9, x + 12 + width, y + 9)),
            (x - 11, y + 5, "end", (x - 12 - width, y - 9, x - 10, y + 9)),
            (x, y - 13, "middle", (x - width / 2, y - 28, x + width / 2, y - 10)),
            (x, y + 25, "middle", (x - width / 2, y + 10, x + width / 2, y + 28)),
        ]
        fitting = [o for o in options if not overlaps(o[3]) and not outside(o[3])]
        chosen = fitting[0] if fitting else min(options, key=lambda o: (overlaps(o[3]), outside(o[3])))
        point.update(label_x=round(chosen[0], 1), label_y=round(chosen[1], 1), anchor=chosen[2])
        taken.append(chosen[3])


TIMELINE_WIDTH = 640
STEP_GAP = 24      # px between two numbered markers, so that numbers never touch
EMPTY_YEARS = 0.75  # width of a run of years without any step, in years


def _year_segments(first: int, last: int, busy: set[int]) -> list[dict]:
    """The axis as segments: one per year with a step, one squeezed segment per
    run of consecutive years without any step."""
    segments = []
    year = first
    while year <= last:
        if year in busy:
            segments.append({"first": year, "last": year, "weight": 1.0})
            year += 1
            continue
        end = year
        while end + 1 <= last and end + 1 not in busy:
            end += 1
        segments.append({"first": year, "last": end, "weight": 1.0 if end == year else EMPTY_YEARS})
        year = end + 1
    return segments


class _Axis:
    """Years from the first to the last in the data, runs of years without a step
    squeezed into one short segment; `x(day)` is where a day stands on it."""

    def __init__(self, first: int, last: int, busy: set[int], left: float, right: float):
        self.last, self.end = last, right
        self.segments = _year_segments(first, last, busy)
        per_weight = (right - left) / sum(s["weight"] for s in self.segments)
        x0 = left
        for segment in self.segments:
            segment["x"] = round(x0, 1)
            segment["width"] = round(segment["weight"] * per_weight, 1)
            segment["squeezed"] = segment["first"] != segment["last"]
            x0 += segment["weight"] * per_weight

    def x(self, day) -> float:
        segment = next(s for s in self.segments if s["first"] <= day.year <= s["last"])
        if segment["squeezed"]:
            fraction = (day.year - segment["first"] + 0.5) / (segment["last"] - segment["first"] + 1)
        else:
            fraction = (day.timetuple().tm_yday - 1) / 366
        return round(segment["x"] + fraction * segment["width"], 1)

    def x_end(self, day) -> float:
        """The end of the last day of a period."""
        following = day + dt.timedelta(days=1)
        return self.x(following) if following.year <= self.last else round(self.end, 1)

    def years(self) -> list[dict]:
        return [{"x": s["x"], "width": s["width"], "squeezed": s["squeezed"],
                 "text": f"{s['first']}–{s['last'] % 100:02d}" if s["squeezed"] else str(s["first"]),
                 "short": not s["squeezed"] and s["width"] < 34} for s in self.segments]


def _phase_bands(phases_sorted, axis: _Axis, lang: str, left: float, right: float) -> tuple[list[dict], float]:
    """One band per phase, its name printed once: inside its band if it fits, else on a
    line of its own just above the band, moved left as much as needed to fit.
    Returns the bands and the height they take."""
    bands, top = [], 8
    for key, phase in phases_sorted:
        start, end = axis.x(phase.period.first_day()), axis.x_end(phase.period.last_day())
        bar = max(round(end - start, 1), 6)
        label = phase.name.get(lang)
        text_width = 0.56 * 13 * len(label)
        inside = text_width + 12 < bar
        bar_y = top if inside else top + 18
        label_x = start + 6 if inside else max(left, min(start, right - text_width))
        bands.append({"key": key, "phase": phase, "x": start, "width": bar, "y": bar_y, "label": label,
                      "label_x": round(label_x, 1), "label_y": top + 15 if inside else top + 13,
                      "anchor": "start", "inside": inside})
        top = bar_y + 26
    return bands, top


def _spread_numbers(entries: list[dict], left: float, right: float) -> None:
    """Numbers in reading order, at least STEP_GAP apart, inside the picture."""
    spread: list[float] = []
    for e in entries:
        spread.append(max(e["x"], spread[-1] + STEP_GAP) if spread else max(e["x"], left + 8))
    limit = right - 8
    for i in range(len(spread) - 1, -1, -1):
        limit = min(spread[i], limit)
        spread[i] = limit
        limit -= STEP_GAP
    for e, label_x in zip(entries, spread, strict=True):
        e["label_x"] = round(label_x, 1)


def timeline(catalogue: Catalogue, lang: str) -> dict:
    """Phases as bands (one row each) and history entries as numbered markers.

    The axis runs from the first to the last year in the data (phases and
    steps); runs of years without a step are squeezed into one short segment.
    Markers keep their date on the axis, and their numbers are spread out in
    reading order below it, joined to their date by a leader.
    """
    left, width = 16, TIMELINE_WIDTH
    right = width - 16
    phases_sorted = story.phases(catalogue)
    history = story.steps(catalogue)
    spans = [p.period for _, p in phases_sorted] + [h.date for _, h in history]
    if not spans:
        return {"width": width, "height": 0, "axis": 0, "phases": [], "entries": [], "years": [],
                "end": right, "first": None, "last": None}
    first = min(span.first_day().year for span in spans)
    last = max(span.last_day().year for span in spans)
    busy = {h.date.first_day().year for _, h in history} | {h.date.last_day().year for _, h in history}
    axis = _Axis(first, last, busy, left, right)
    phases, top = _phase_bands(phases_sorted, axis, lang, left, right)
    entries = []
    for key, entry in history:
        middle = entry.date.first_day() + (entry.date.last_day() - entry.date.first_day()) / 2
        entries.append({"key": key, "entry": entry, "x": axis.x(middle)})
    _spread_numbers(entries, left, right)
    axis_y = top + 26
    return {"width": width, "height": axis_y + 74, "axis": axis_y, "phases": phases, "entries": entries,
            "years": axis.years(), "end": round(right, 1), "first": first, "last": last}


NARROW_WIDTH = 340
NARROW_LINE = 17     # px between two lines of a step's title
NARROW_CHARS = 30    # characters on one line of a step's title (14 px text in 240 px)


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """Cut text into at most `lines` lines of about `width` characters, at spaces;
    the last line ends with "…" when the text is longer."""
    # cut at ordinary spaces only: a no-break space keeps « and » with their word
    text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    words, result, line = [w for w in re.split(r"[ \t\n]+", text) if w], [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            result.append(line)
            line = word
            if len(result) == lines:
                result[-1] = result[-1].rstrip(" ,;:") + "…"
                return result
        else:
            line = f"{line} {word}" if line else word
    return result + [line] if line else result


def timeline_narrow(catalogue: Catalogue, lang: str) -> dict:
    """The same history for a phone's width, drawn downwards: each phase's name
    once, as a heading, then its steps in date order, each numbered on the axis
    with its year and its title beside it. Only the years that have a step take
    room; a gap of more than a year shows as a dotted stretch of the axis."""
    axis = 70
    in_order, numbers = story.steps(catalogue), story.numbers(catalogue)
    groups = story.phases(catalogue)
    orphans = [k for k, h in catalogue.history.items() if h.phase not in catalogue.phases]
    if orphans:
        groups.append((None, None))
    y, previous_year = 6, None
    phases, steps = [], []
    for row, (pkey, phase) in enumerate(groups):
        members = [(k, h) for k, h in in_order if (h.phase == pkey if pkey else k in orphans)]
        lines = _wrap(phase.name.get(lang), 40, 3) if phase else []
        top = y
        y += 18 * len(lines) + 14
        for key, entry in members:
            year = entry.date.first_day().year
            if previous_year is not None and year - previous_year > 1:
                y += 16  # room for the dotted stretch of years without a step
            title = _wrap(entry.title.get(lang), NARROW_CHARS, 2)
            y += 14
            steps.append({"key": key, "entry": entry, "number": numbers[key], "y": y, "first_year": year, "group": row,
                          "year": year if year != previous_year else None, "title": title})
            y += NARROW_LINE * (len(title) - 1) + 24
            previous_year = year
        phases.append({"key": pkey, "phase": phase, "lines": lines, "y": top, "band_top": top + 18 * len(lines) + 2,
                       "band_bottom": y - 10, "row": row})
        y += 8
    # the axis runs within each phase (its heading is never struck through)
    links = [{"y1": a["y"], "y2": b["y"], "dotted": b["first_year"] - a["first_year"] > 1}
             for a, b in itertools.pairwise(steps) if a["group"] == b["group"]]
    return {"width": NARROW_WIDTH, "height": y, "axis": axis, "phases": phases, "steps": steps, "links": links,
            "line": NARROW_LINE}


def continuum(catalogue: Catalogue, only: str | None = None) -> dict:
    """Each site's dated positions on the cooperation continuum, one row per site."""
    levels = list(CONTINUUM)
    left, column = 170, 90
    rows: list[dict] = []
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
