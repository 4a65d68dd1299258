"""Geography: the territories sites may be in, the places the map draws, and where a
site's point can be (inside its country, not swapped, and on the map).

Coordinates are typed by hand; the usual slips are latitude and longitude
swapped, a point in the wrong country, or a place the map has no panel for
(the site would silently be missing from it). Territories' boxes are generous
bounds of each territory, public geographic knowledge; the map's boxes are the
stretches of land its panels draw (macros/graphics.py lays them out). Both the
content check and the map read them here.
"""
from __future__ import annotations

from typing import NamedTuple


class Box(NamedTuple):
    """A stretch of the Earth between two parallels and two meridians, in degrees."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


# each territory of a country that sites may be in
TERRITORIES: dict[str, dict[str, Box]] = {
    "FR": {
        "France métropolitaine": Box(41.3, -5.3, 51.2, 9.7),
        "Guadeloupe": Box(15.8, -61.9, 16.6, -61.0),
        "Martinique": Box(14.3, -61.3, 14.9, -60.8),
        "Guyane": Box(2.1, -54.7, 5.8, -51.6),
        "La Réunion": Box(-21.4, 55.2, -20.8, 55.9),
        "Mayotte": Box(-13.1, 44.9, -12.6, 45.4),
    },
    "CA": {"Canada": Box(41.6, -141.1, 83.2, -52.6)},
}
COUNTRY_NAMES = {"FR": "France", "CA": "Canada"}
# the country a site's kind implies: the programme's sites are in France, the places
# of inspiration in Québec (Montréal)
COUNTRY_OF_KIND = {"pilote": "FR", "programme": "FR", "inspiration": "CA"}


def in_france(kind: str) -> bool:
    """True for a kind of the French programme's sites, False for a place of inspiration
    in Québec: the one place of this rule (what a site page asks and shows, the map's
    legend, the country `new-site` writes)."""
    return COUNTRY_OF_KIND[kind] == "FR"


# each panel of the map, in the order the map claims points (narrower than the territories:
# what is drawn, not where a site may be)
MAP_BOXES: dict[str, Box] = {
    "metropole": Box(41.3, -5.2, 51.15, 9.6),
    "mayotte": Box(-13.03, 44.98, -12.62, 45.32),
    "montreal": Box(45.37, -74.0, 45.68, -73.45),
}


def placeable(lat: float, lon: float) -> bool:
    """True when a point at these coordinates falls inside one panel of the site map.

    A site outside every panel would be missing from the map: the content check
    warns its contributor (coordinates swapped, wrong sign, a place outside
    metropolitan France, Mayotte and Montréal).
    """
    return any(box.contains(lat, lon) for box in MAP_BOXES.values())


def territory(country: str, lat: float, lon: float) -> str | None:
    return next((name for name, box in TERRITORIES.get(country, {}).items() if box.contains(lat, lon)), None)


def check_place(site) -> tuple[str, str, str] | None:
    """(message, hint, severity) when a site's point is wrong or cannot be drawn."""
    lat, lon, country = site.coordinates.lat, site.coordinates.lon, site.country
    if territory(country, lat, lon) is None:
        if territory(country, lon, lat) is not None:
            return (f"latitude et longitude inversées ? ({lat}, {lon}) est hors de {COUNTRY_NAMES[country]}, "
                    f"({lon}, {lat}) y est", "échangez les valeurs de lat et lon", "error")
        return (f"point ({lat}, {lon}) hors de {COUNTRY_NAMES[country]} (pays indiqué : {country})",
                "vérifiez les coordonnées (degrés décimaux : lat 49.04, lon 3.40) et le pays", "error")
    if not placeable(lat, lon):
        return ("ce point ne figure sur aucun panneau de la carte (France métropolitaine, Mayotte, "
                "Montréal) : le site manquera sur la carte", "la page du site est publiée ; signalez-le "
                "pour qu'un panneau soit ajouté à la carte", "warning")
    return None
