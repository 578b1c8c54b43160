"""PLOVER export: one JSON event record per line, with the spec's field names.

Registered as ``dyads.plover.v1``; ``--what events`` only. Follows the "JSON Data
Fields" chapter of the PLOVER manual (Open Event Data Alliance, draft 0.7b1; table
``tab:json``): the required fields are ``id``, ``date`` (YYYY-MM-DD), ``source`` (a list
of actor objects) and ``event`` (a list of event categories); everything else is
optional and written only when known, as the PLOVER gold-standard records do.
:func:`validate` checks a record against that table.

How dyads events become PLOVER records:

* Records are the deduplicated, non-negated events (``events.id = cluster_id``), one
  per event: PLOVER keeps compound actors as lists instead of expanding them.
* Events without a PLOVER type (CAMEO 01x/02x statements and appeals, which PLOVER
  dropped) and events with neither an event date nor an article date are skipped;
  ``write`` logs how many.
* ``id`` is the dyads event id; ``date`` the event date, else the article's
  publication date. ``source``/``recipient`` hold actor objects ``{code, sector,
  actor_text, identifier_id, identifier_text, cameo}``: ``code`` is the country (or the
  IGO short name), ``identifier_id`` the Wikidata id, ``identifier_text`` the canonical
  name, ``cameo`` (an extra field) the full CAMEO actor code.
* ``event`` is ``[type]``; ``mode`` as coded; ``context`` the PLOVER contexts of the
  CAMEO code; ``event_text`` ``[trigger]``; ``quad_code`` PLOVER's own quad class of
  the type; ``event_loc`` a GeoNames-style location object (``name``, ``latitude``,
  ``longitude``, ``country code`` ISO-2, ``cc3``, ``admin1 code``, ``geonameid``).
* ``text`` is the coded sentence, ``text_info`` ``{start, end, sequence}`` its
  character span in the article and its 1-based sentence number; ``cite_info`` cites
  the article (``citation`` = dyads article id, ``url``, ``title``, ``publication``,
  ``coder``); ``coder`` is ``dyads <version>``, ``coded_date`` the coding date.
* Named extras the spec allows: ``cameo``, ``goldstein``, ``modality``, ``doc_id``,
  ``date_source`` ("event" or "article") and ``evidence`` (the coder's evidence).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import duckdb

from .. import registry
from ..ontology import PLOVER_TYPES, UnknownCode, cameo_mapping, quad_class_of_type
from . import check_what_for, output
from ._common import Actor, canonical_events, country

log = logging.getLogger(__name__)

REQUIRED = {"id": str, "date": str, "source": list, "event": list}
"""The spec's required fields and their JSON types (``event`` may also be one string)."""

OPTIONAL: dict[str, type | tuple[type, ...]] = {
    "has_event": bool,
    "time": str,
    "enddate": str,
    "endtime": str,
    "recipient": list,
    "event_loc": dict,
    "event_text": (list, str),
    "quad_code": int,
    "event_scale": (int, float),
    "mode": (str, list),
    "context": (str, list),
    "link": str,
    "text": str,
    "text_info": dict,
    "cite_info": dict,
    "coder": str,
    "coded_date": str,
    "coded_time": str,
    "comment": str,
}
"""The spec's optional fields and the JSON types they take."""


@registry.exporters("dyads.plover.v1")
def write(con: duckdb.DuckDBPyConnection, what: str, out: Path | TextIO) -> int:
    """Write the deduplicated events as PLOVER JSON Lines.

    Args:
        con (DuckDBPyConnection): a connection to a dyads database.
        what (str): ``events`` (PLOVER defines only event records).
        out (Path | TextIO): a file path (written atomically, UTF-8) or an open stream.

    Returns:
        int: the number of records written.

    Raises:
        UsageError: ``what`` is not ``events``.
        DyadsError: the output file cannot be written.
    """
    check_what_for(what, "plover", ("events",), "PLOVER defines only event records")
    count = skipped = 0
    with output(out) as handle:
        for record in records(con):
            if record is None:
                skipped += 1
                continue
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")
            count += 1
    if skipped:
        log.info("PLOVER export skipped %d events without a PLOVER type or a date", skipped)
    return count


def records(con: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any] | None]:
    """Yield one PLOVER record per deduplicated event; None for one PLOVER cannot hold."""
    for event in canonical_events(con):
        yield record(event)


def record(event: dict[str, Any]) -> dict[str, Any] | None:
    """Build the PLOVER record of one event from :func:`canonical_events`."""
    plover = event["plover"]
    day: date | None = event["date"]
    if not plover or day is None:
        return None
    evidence = event["evidence"] or {}
    out: dict[str, Any] = {
        "id": event["id"],
        "date": day.isoformat(),
        "source": [_actor(a) for a in event["source"]],
    }
    if event["target"]:
        out["recipient"] = [_actor(a) for a in event["target"]]
    out["event"] = [plover]
    if event["mode"]:
        out["mode"] = event["mode"]
    context = _context(event["cameo"])
    if context:
        out["context"] = context
    trigger = evidence.get("trigger")
    if isinstance(trigger, str) and trigger:
        out["event_text"] = [trigger]
    if plover in PLOVER_TYPES:
        out["quad_code"] = quad_class_of_type(plover)
    location = _location(event["location"])
    if location:
        out["event_loc"] = location
    if event["sentence"]:
        out["text"] = event["sentence"]
    text_info = {"start": event["span_start"], "end": event["span_end"]}
    if event["sentence_number"] is not None:
        text_info["sequence"] = event["sentence_number"]
    out["text_info"] = text_info
    coder = f"dyads {event['pipeline_version']}" if event["pipeline_version"] else "dyads"
    cite = {
        "citation": event["doc_id"],
        "url": event["url"],
        "title": event["title"],
        "publication": event["publisher"],
        "coder": coder,
    }
    out["cite_info"] = {k: v for k, v in cite.items() if v is not None}
    out["coder"] = coder
    if event["coded_at"] is not None:
        out["coded_date"] = event["coded_at"].date().isoformat()
    out.update(
        {
            "cameo": event["cameo"],
            "goldstein": event["goldstein"],
            "modality": event["modality"],
            "doc_id": event["doc_id"],
            "date_source": "article" if event["date_from_article"] else "event",
            "evidence": evidence,
        }
    )
    return out


def _actor(actor: Actor) -> dict[str, Any]:
    fields = {
        "code": actor.get("country") or (actor.get("code") or "")[:3] or None,
        "sector": actor.get("sector"),
        "actor_text": actor.get("text"),
        "identifier_id": actor.get("kb_id"),
        "identifier_text": actor.get("name"),
        "cameo": actor.get("code"),
    }
    return {k: v for k, v in fields.items() if v is not None}


def _context(cameo: str) -> list[str]:
    try:
        return list(cameo_mapping(cameo).context)
    except UnknownCode:
        return []


def _location(location: dict[str, Any] | None) -> dict[str, Any]:
    if not location:
        return {}
    place = country(location.get("country"))
    fields = {
        "name": location.get("name"),
        "latitude": location.get("lat"),
        "longitude": location.get("lon"),
        "country code": place.iso2 if place else None,
        "cc3": location.get("country"),
        "admin1 code": location.get("admin1_code"),
        "geonameid": location.get("geonameid"),
    }
    return {k: v for k, v in fields.items() if v is not None}


def validate(record: Any, *, types: tuple[str, ...] | None = PLOVER_TYPES) -> list[str]:
    """Check a record against the PLOVER manual's JSON field table.

    Args:
        record (Any): a parsed JSON value.
        types (tuple[str, ...] | None): the allowed event categories; None accepts
            any non-empty string (older gold records use PLOVER 0.5 names such as
            DISAPPROVE). Defaults to the 16 current PLOVER types.

    Returns:
        list[str]: one message per problem, naming the field; empty when valid.
    """
    if not isinstance(record, dict):
        return [f"record is a {type(record).__name__}, not a JSON object"]
    problems = []
    for name, kind in REQUIRED.items():
        if name not in record or record[name] is None:
            problems.append(f"{name}: required field is missing")
            continue
        value = record[name]
        if name == "event" and isinstance(value, str):
            value = [value]
        if not isinstance(value, kind):
            problems.append(f"{name}: is a {type(value).__name__}, not a {kind.__name__}")
    for name, kinds in OPTIONAL.items():
        value = record.get(name)
        if value is not None and not isinstance(value, kinds):
            problems.append(f"{name}: has type {type(value).__name__}")
    for name in ("date", "enddate", "coded_date"):
        value = record.get(name)
        if isinstance(value, str) and not _is_date(value):
            problems.append(f"{name}: {value!r} is not a YYYY-MM-DD date")
    for name in ("source", "recipient"):
        value = record.get(name)
        if isinstance(value, list) and not all(isinstance(a, dict) for a in value):
            problems.append(f"{name}: every actor must be a JSON object")
    problems.extend(_check_events(record.get("event"), types))
    quad = record.get("quad_code")
    if isinstance(quad, int) and quad not in (1, 2, 3, 4):
        problems.append(f"quad_code: {quad} is not 1, 2, 3 or 4")
    return problems


def _check_events(value: Any, types: tuple[str, ...] | None) -> list[str]:
    events = [value] if isinstance(value, str) else value
    if not isinstance(events, list):
        return []
    if not events:
        return ["event: the list of event categories is empty"]
    problems = []
    for item in events:
        if not isinstance(item, str) or not item:
            problems.append(f"event: {item!r} is not an event category")
        elif types is not None and item not in types:
            problems.append(f"event: {item!r} is not a PLOVER type")
    return problems


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
