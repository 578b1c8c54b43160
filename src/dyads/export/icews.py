"""ICEWS export: the 20-column coded-event layout of the Harvard Dataverse files.

Registered as ``dyads.icews.v1``; ``--what events`` only. Tab-separated with a header
row, missing values written as ``NA``, multi-valued sectors comma-joined, exactly as
the Dataverse ``events.YYYY.*.tab`` files, so ICEWS loaders (the R ``icews`` package,
pandas with ``na_values="NA"``) read it unchanged.

How dyads records become ICEWS rows:

* Rows are the deduplicated, non-negated events (as the GDELT export), one per
  directed (source, target) pair; ``Event ID`` is the GDELT ``GLOBALEVENTID`` of the
  same pair (:func:`dyads.export._common.stable_id`), so the two exports join.
* ``Event Date`` is the event date, else the article's publication date.
* ``Source Name``/``Target Name``: the actor's canonical name, else its text;
  ``* Sectors``: the ICEWS names of its CAMEO sector codes (``data/icews_sectors.csv``);
  ``* Country``: the English name of its ISO3 country (NA for IGOs).
* ``Event Text`` is the CAMEO name of the code, ``CAMEO Code`` the code itself (leading
  zero kept), ``Intensity`` the Goldstein score (ICEWS's CAMEO intensity scale).
* ``Story ID`` is ``stable_id(doc_id)`` of the article that first reported the event,
  ``Sentence Number`` its 1-based sentence
  (:func:`dyads.export._common.sentence_number`), ``Publisher`` the article's source.
* ``City`` is the location name when it is a place (not a country); ``District`` is
  always NA (dyads does not resolve second-level divisions); ``Province`` the GeoNames
  admin1 name when known; ``Country``, ``Latitude``, ``Longitude`` from the location.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import duckdb

from .. import registry
from ..ontology import UnknownCode, lookup
from . import check_what_for, output
from ._common import (
    Actor,
    actor_name,
    canonical_events,
    clean,
    country,
    pair_key,
    pairs,
    sector_codes,
    sector_names,
    stable_id,
)

COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
    "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
    "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
    "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip
"""The 20 ICEWS columns, in the Dataverse files' order."""

NA = "NA"
"""How the ICEWS files write a missing value."""


@registry.exporters("dyads.icews.v1")
def write(con: duckdb.DuckDBPyConnection, what: str, out: Path | TextIO) -> int:
    """Write the deduplicated events in the ICEWS Dataverse layout (TSV with header).

    Args:
        con (DuckDBPyConnection): a connection to a dyads database.
        what (str): ``events`` (ICEWS has no other table).
        out (Path | TextIO): a file path (written atomically, UTF-8) or an open stream.

    Returns:
        int: the number of data rows written (one per event pair; header not counted).

    Raises:
        UsageError: ``what`` is not ``events``.
        DyadsError: the output file cannot be written.
    """
    check_what_for(what, "icews", ("events",), "ICEWS has only coded events")
    count = 0
    with output(out, newline="") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for row in rows(con):
            handle.write("\t".join(NA if cell is None else clean(cell) for cell in row))
            handle.write("\n")
            count += 1
    return count


def rows(con: duckdb.DuckDBPyConnection) -> Iterator[list[Any]]:
    """Yield one 20-value ICEWS row per deduplicated event pair (None = NA)."""
    for event in canonical_events(con):
        cameo = event["cameo"]
        try:
            event_text: str | None = lookup(cameo).name
        except UnknownCode:
            event_text = None
        story = [
            stable_id(event["doc_id"]),
            event["sentence_number"],
            event["publisher"],
            *_place(event["location"]),
        ]
        day = event["date"]
        for index, (src, tgt) in enumerate(pairs(event["source"], event["target"])):
            yield [
                stable_id(pair_key(event["id"], index)),
                day.isoformat() if day is not None else None,
                *_actor(src),
                event_text,
                cameo,
                _number(event["goldstein"]),
                *_actor(tgt),
                *story,
            ]


def _actor(actor: Actor | None) -> list[str | None]:
    if actor is None:
        return [None, None, None]
    names = sector_names()
    sectors = [names.get(code, code) for code in sector_codes(actor.get("sector"))]
    place = country(actor.get("country"))
    return [actor_name(actor), ",".join(sectors) or None, place.name if place else None]


def _place(location: dict[str, Any] | None) -> list[Any]:
    """City, District, Province, Country, Latitude, Longitude."""
    if not location:
        return [None] * 6
    place = country(location.get("country"))
    name = location.get("name")
    lat, lon = location.get("lat"), location.get("lon")
    is_country = place is not None and (name == place.name or lat is None)
    return [
        None if is_country else name,
        None,
        location.get("admin1_name"),
        place.name if place else None,
        _number(lat),
        _number(lon),
    ]


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else repr(float(value))
