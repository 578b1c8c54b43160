"""GDELT 2.0 export: the events table (61 columns) and the mentions table (16 columns).

Registered as ``dyads.gdelt.v1``. ``--what events`` writes GDELT's ``*.export.CSV``
layout and ``--what mentions`` its ``*.mentions.CSV`` layout: tab-separated, no header,
columns in the order of the GDELT 2.0 Event Codebook, so a loader written for GDELT
reads the files unchanged. Empty cells are unknown values, as in GDELT's own files.

How dyads records become GDELT rows:

* **Events** are the deduplicated events (``events.id = cluster_id``); negated events
  are left out (GDELT has no negation). An event with several sources or targets
  becomes one row per distinct (source code, target code) pair, as CAMEO coders expand
  compound actors.
* **GLOBALEVENTID** is ``stable_id(event_id)`` for the first pair and
  ``stable_id(event_id + "#" + i)`` for pair ``i`` >= 1 (see
  :func:`dyads.export._common.stable_id`: SHA-256, 63 bits), so ids never change
  between exports. The mentions table's ``Extras`` column carries the dyads event and
  article ids (``dyads_event=...;doc=...``), linking every row back to its evidence.
* **Dates**: ``SQLDATE``/``MonthYear``/``Year`` from the event date, else the
  reporting article's date; ``FractionDate`` = year + ((month - 1) * 30 + day) / 365 to
  4 places, as GDELT computes it (20140218 -> 2014.1315). ``DATEADDED`` is when the
  reporting article was coded (UTC, ``YYYYMMDDHHMMSS``, not rounded to 15 minutes).
* **Actors**: ``ActorNCode`` the CAMEO code, ``ActorNName`` the canonical name (else the
  text) in upper case, ``ActorNCountryCode`` the actor's country when it is a 3-letter
  code (IGOs have none), ``ActorNKnownGroupCode`` the last three letters of an
  IGO/NGO/IMG code with a group part (``IGOWSTNAT`` -> ``NAT``), ``ActorNType1..3Code``
  the 3-letter sector codes. dyads does not code ethnicity or religion: those are empty.
* **Event**: ``EventCode`` the CAMEO code, ``EventBaseCode`` its first 3 digits,
  ``EventRootCode`` its first 2; ``QuadClass``, ``GoldsteinScale`` as coded.
  ``IsRootEvent`` is 1 when the event starts in the article's first paragraph (before
  the first line break).
* **Counts and tone** over the event's mention rows: ``NumMentions`` rows,
  ``NumArticles`` distinct articles, ``NumSources`` distinct publishers (an article
  without one counts as its own source). ``AvgTone`` is the mean article tone; it is
  **empty** when no article was scored (0 would claim a neutral tone).
* **Geography**: ``ActionGeo_*`` from the event location; country codes are FIPS 10-4
  (GeoNames country table), ``ADM1Code`` = FIPS country + the GeoNames admin1 code
  (GeoNames admin1 codes are FIPS codes for most countries, US state abbreviations
  for the US), ``FeatureID`` the GeoNames id for a place and the FIPS code for a
  country, as GDELT does; ``ADM2Code`` (GAUL) is never known. ``Type`` is 1 for a
  country, 3 for a US place, 4 for any other place. dyads does not locate actors, so
  ``Actor1Geo_*``/``Actor2Geo_*`` are type 0 and empty, as in GDELT rows without one.
* **SOURCEURL** is the article URL, else a citation (``dyads:<doc_id>``).

Mentions rows (one per mention per pair id): ``EventTimeDate`` is the event's
``DATEADDED``, ``MentionTimeDate`` when the mentioning article was coded;
``MentionType`` 1 (WEB) when the article has a URL, else 2 (CITATIONONLY);
``MentionSourceName`` the publisher, else the URL's host; ``SentenceID`` 1-based, from
the parse's sentence of the actors found in the span, else by counting sentence ends in
the text before it (:func:`dyads.export._common.sentence_number`); char offsets of the
actors and the trigger word in the article, -1 when not found (as GDELT);
``InRawText`` 1 (dyads codes the text as written); ``Confidence`` the model score x 100
when the coder recorded one, else 100 (a rule match); ``MentionDocLen`` the article
length; ``MentionDocTone`` its tone (empty if unscored).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import duckdb

from .. import registry
from . import check_what_for, output
from ._common import (
    Actor,
    canonical_events,
    clean,
    country,
    pair_key,
    pairs,
    sector_codes,
    sentence_number,
)
from ._common import stable_id as stable_id

EVENT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
        "FeatureID")),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
"""The 61 columns of a GDELT 2.0 events row, in the codebook's order."""

MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)  # fmt: skip
"""The 16 columns of a GDELT 2.0 mentions row, in the codebook's order."""

WHAT = ("events", "mentions")
"""What GDELT has a table for."""

_GROUP_TYPES = ("IGO", "NGO", "IMG")


@registry.exporters("dyads.gdelt.v1")
def write(con: duckdb.DuckDBPyConnection, what: str, out: Path | TextIO) -> int:
    """Write the events or mentions table in GDELT 2.0 layout (TSV, no header).

    Args:
        con (DuckDBPyConnection): a connection to a dyads database.
        what (str): ``events`` or ``mentions``.
        out (Path | TextIO): a file path (written atomically, UTF-8) or an open stream.

    Returns:
        int: the number of rows written (one per event pair, or per mention and pair).

    Raises:
        UsageError: ``what`` is neither events nor mentions.
        DyadsError: the output file cannot be written.
    """
    check_what_for(what, "gdelt", WHAT, "the GDELT tables")
    rows = event_rows(con) if what == "events" else mention_rows(con)
    count = 0
    with output(out, newline="") as handle:
        for row in rows:
            handle.write("\t".join(clean(cell) for cell in row))
            handle.write("\n")
            count += 1
    return count


# -- events ---------------------------------------------------------------------------


def event_rows(con: duckdb.DuckDBPyConnection) -> Iterator[list[Any]]:
    """Yield one 61-value GDELT events row per deduplicated event pair (None = empty)."""
    for event in canonical_events(con):
        day: date | None = event["date"]
        dates = _dates(day)
        cameo = event["cameo"]
        common = [
            int(bool(event["is_root"])),
            cameo,
            cameo[:3],
            cameo[:2],
            event["quad_class"],
            _float(event["goldstein"]),
            event["num_mentions"],
            event["num_sources"],
            event["num_articles"],
            _float(event["avg_tone"]),
            *_geo(None),
            *_geo(None),
            *_geo(event["location"]),
            _timestamp(event["coded_at"]),
            event["url"] or f"dyads:{event['doc_id']}",
        ]
        for index, (src, tgt) in enumerate(pairs(event["source"], event["target"])):
            gid = stable_id(pair_key(event["id"], index))
            yield [gid, *dates, *_actor(src), *_actor(tgt), *common]


def _dates(day: date | None) -> list[Any]:
    if day is None:
        return [None, None, None, None]
    fraction = day.year + ((day.month - 1) * 30 + day.day) / 365
    return [f"{day:%Y%m%d}", f"{day:%Y%m}", day.year, f"{fraction:.4f}"]


def _actor(actor: Actor | None) -> list[Any]:
    if actor is None:
        return [None] * 10
    code = actor.get("code") or None
    land = actor.get("country")
    country_code = land if isinstance(land, str) and len(land) == 3 and land.isalpha() else None
    group = None
    if code and code[:3] in _GROUP_TYPES and len(code) >= 6:
        group = code[-3:]
    types: list[str | None] = [*sector_codes(actor.get("sector")), None, None, None]
    name = actor.get("name") or actor.get("text")
    return [
        code,
        name.upper() if name else None,
        country_code,
        group,
        actor.get("ethnic"),
        actor.get("religion1"),
        actor.get("religion2"),
        *types[:3],
    ]


def _geo(location: dict[str, Any] | None) -> list[Any]:
    """The 8 ``*Geo_*`` values of a dyads location; type 0 and blanks when unknown."""
    if not location:
        return [0, None, None, None, None, None, None, None]
    place = country(location.get("country"))
    fips = place.fips if place else None
    name = location.get("name") or ""
    lat, lon = location.get("lat"), location.get("lon")
    is_country = place is not None and (name == place.name or lat is None)
    admin1 = location.get("admin1_code")
    if is_country:
        return [1, place.name, fips, fips, None, _float(lat), _float(lon), fips]
    parts = [name, location.get("admin1_name"), place.name if place else None]
    full_name = ", ".join(p for p in parts if p)
    geo_type = 3 if place is not None and place.iso3 == "USA" else 4
    adm1 = f"{fips}{admin1}" if fips and admin1 else fips
    feature = location.get("geonameid") or location.get("feature_id")
    return [geo_type, full_name, fips, adm1, None, _float(lat), _float(lon), feature]


# -- mentions -------------------------------------------------------------------------

_MENTIONS_SQL = """
SELECT m.event_id, m.doc_id, m.span_start, m.span_end, m.sentence,
       e.source, e.target, ea.coded_at,
       ma.coded_at, ma.url, ma.source, length(ma.text), ma.tone,
       (SELECT first(r.evidence ORDER BY r.id) FROM events r
        WHERE r.cluster_id = m.event_id AND r.doc_id = m.doc_id
          AND r.span_start IS NOT DISTINCT FROM m.span_start) AS evidence,
       (SELECT list({'code': x.code, 'text': x.text, 'start': x.span_start,
                     'sentence': x.sentence_id} ORDER BY x.span_start)
        FROM actors x WHERE x.doc_id = m.doc_id AND x.span_start >= m.span_start
          AND x.span_end <= m.span_end) AS actors,
       substr(ma.text, 1, m.span_start) AS prefix
FROM mentions m
JOIN events e ON e.id = m.event_id AND e.id = e.cluster_id AND NOT e.negated
LEFT JOIN articles ea ON ea.id = e.doc_id
LEFT JOIN articles ma ON ma.id = m.doc_id
ORDER BY m.date NULLS LAST, m.event_id, m.doc_id, m.span_start
"""


def mention_rows(con: duckdb.DuckDBPyConnection, *, page_size: int = 1000) -> Iterator[list[Any]]:
    """Yield one 16-value GDELT mentions row per mention of each exported event pair."""
    cursor = con.cursor()
    try:
        result = cursor.execute(_MENTIONS_SQL)
        while rows := result.fetchmany(page_size):
            for row in rows:
                yield from _mention(row)
    finally:
        cursor.close()


def _mention(row: tuple[Any, ...]) -> Iterator[list[Any]]:
    (event_id, doc_id, start, _end, sentence, source, target, event_added, added, url,
     publisher, doc_len, tone, evidence, found, prefix) = row  # fmt: skip
    evidence = json.loads(evidence) if evidence else {}
    found = found or []
    sentence_ids = [a["sentence"] for a in found if a["sentence"] is not None]
    score = evidence.get("score")
    confidence = round(100 * float(score)) if isinstance(score, int | float) else 100
    action = _offset_of(evidence.get("trigger"), sentence, start)
    for index, (src, tgt) in enumerate(pairs(json.loads(source), json.loads(target))):
        yield [
            stable_id(pair_key(event_id, index)),
            _timestamp(event_added),
            _timestamp(added),
            1 if url else 2,
            publisher or (urlsplit(url).hostname if url else None),
            url or f"dyads:{doc_id}",
            sentence_number(min(sentence_ids) if sentence_ids else None, prefix),
            _actor_offset(src, found),
            _actor_offset(tgt, found),
            action,
            1,
            max(0, min(100, confidence)),
            doc_len,
            _float(tone),
            None,
            f"dyads_event={event_id};doc={doc_id}",
        ]


def _actor_offset(actor: Actor | None, found: list[dict[str, Any]]) -> int:
    if actor is None:
        return -1
    for key in ("code", "text"):
        value = actor.get(key)
        if value:
            for mention in found:
                if mention[key] == value:
                    return int(mention["start"])
    return -1


def _offset_of(trigger: Any, sentence: str | None, start: int | None) -> int:
    if not isinstance(trigger, str) or not trigger or not sentence or start is None:
        return -1
    at = sentence.find(trigger)
    return start + at if at >= 0 else -1


# -- cells ----------------------------------------------------------------------------


def _timestamp(value: datetime | None) -> str | None:
    return f"{value:%Y%m%d%H%M%S}" if value is not None else None


def _float(value: float | None) -> str | None:
    return None if value is None else repr(float(value))
