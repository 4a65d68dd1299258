"""Regenerate macros/data/outlines.json, the outlines drawn behind the site map.

Source: Natural Earth 1:50m admin-0 countries (public domain), as packaged in
the npm package world-atlas@2.0.2 (countries-50m.json, TopoJSON). Run once by
hand, not at build time:

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/make_geodata.py package/countries-50m.json > macros/data/outlines.json

Keeps metropolitan France (with Corsica) and Mayotte, as lists of [lon, lat]
rings rounded to 0.01° and thinned to what an 800-pixel map can show.
"""
import json
import sys

BOXES = {"metropole": (-6.0, 41.0, 10.0, 51.5), "mayotte": (44.8, -13.2, 45.5, -12.4)}


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


def thin(points, step=0.03):
    kept = [points[0]]
    for point in points[1:]:
        if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= step:
            kept.append(point)
    return [[round(x, 2), round(y, 2)] for x, y in kept]


def main(path):
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
    result["source"] = "Natural Earth 1:50m (domaine public), via world-atlas@2.0.2"
    json.dump(result, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
