"""Regenerate macros/data/outlines.json, the outlines drawn behind the site map.

Source: Natural Earth 1:50m admin-0 countries (public domain), as packaged in
the npm package world-atlas@2.0.2 (countries-50m.json, TopoJSON). Run once by
hand, not at build time:

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/make_geodata.py package/countries-50m.json package/countries-10m.json > macros/data/outlines.json

Keeps metropolitan France (with Corsica) and Mayotte from the 1:50m file, as
lists of [lon, lat] rings rounded to 0.01° and thinned to what an 800-pixel map
can show; and, from the 1:10m file (the scale at which the islands of Montréal
appear), Canada's land around Montréal clipped to the inset's box, rounded to
0.001°.
"""
import json
import sys

BOXES = {"metropole": (-6.0, 41.0, 10.0, 51.5), "mayotte": (44.8, -13.2, 45.5, -12.4)}
MONTREAL = (-74.2, 45.3, -73.2, 45.75)  # west, south, east, north: a little wider than the inset


def decode_arcs(topology):
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def thin(points, step=0.03, digits=2):
    kept = [points[0]]
    for point in points[1:]:
        if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= step:
            kept.append(point)
    return [[round(x, digits), round(y, digits)] for x, y in kept]


def clip(points, west, south, east, north):
    """Sutherland-Hodgman: the part of a ring inside a box (still one ring)."""
    def cut(points, inside, crossing):
        kept = []
        for index, current in enumerate(points):
            previous = points[index - 1]
            if inside(current):
                if not inside(previous):
                    kept.append(crossing(previous, current))
                kept.append(current)
            elif inside(previous):
                kept.append(crossing(previous, current))
        return kept

    def at_x(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    for inside, crossing in ((lambda p: p[0] >= west, at_x(west)), (lambda p: p[0] <= east, at_x(east)),
                             (lambda p: p[1] >= south, at_y(south)), (lambda p: p[1] <= north, at_y(north))):
        points = cut(points, inside, crossing)
        if not points:
            return []
    return points


def montreal(path):
    topology = json.load(open(path))
    arcs = decode_arcs(topology)
    canada = next(g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == "124")
    rings = []
    for polygon in canada["arcs"]:
        points = clip(ring(arcs, polygon[0]), *MONTREAL)
        if len(points) >= 4:
            rings.append(thin(points, 0.004, 3))
    return rings


def main(path, path_10m=None):
    topology = json.load(open(path))
    arcs = decode_arcs(topology)
    france = next(g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == "250")
    polygons = france["arcs"] if france["type"] == "MultiPolygon" else [france["arcs"]]
    result = {name: [] for name in BOXES}
    for polygon in polygons:
        outer = ring(arcs, polygon[0])
        lon = sum(p[0] for p in outer) / len(outer)
        lat = sum(p[1] for p in outer) / len(outer)
        for name, (w, s, e, n) in BOXES.items():
            if w <= lon <= e and s <= lat <= n:
                step = 0.03 if name == "metropole" else 0.005
                points = thin(outer, step)
                if len(points) >= 4:
                    result[name].append(points)
    source = "Natural Earth 1:50m (domaine public), via world-atlas@2.0.2"
    if path_10m:
        result["montreal"] = montreal(path_10m)
        source += " ; Montréal : Natural Earth 1:10m"
    result["source"] = source
    json.dump(result, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main(*sys.argv[1:3])
