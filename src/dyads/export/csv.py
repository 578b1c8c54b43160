"""CSV export: one flat row per record, for spreadsheets and pandas.

Registered as ``dyads.csv.v1``. Nested values are flattened: actor lists become
``;``-joined codes and names (an actor's canonical name, else the text it was found
as), the location and evidence become their own columns, lists of ids are
``;``-joined, and dicts that have no fixed keys (a quote's evidence) are JSON. Empty
cells mean "unknown"; booleans are ``true``/``false``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import duckdb

from .. import registry
from ..store.queries import iter_records
from . import check_what, output

Flatten = Callable[[dict[str, Any]], dict[str, Any]]


def _event_row(event: dict[str, Any]) -> dict[str, Any]:
    location = event["location"] or {}
    evidence = event["evidence"] or {}
    return {
        "id": event["id"],
        "doc_id": event["doc_id"],
        "date": event["date"],
        "date_text": event["date_text"],
        "source_codes": _codes(event["source"]),
        "source_names": _names(event["source"]),
        "target_codes": _codes(event["target"]),
        "target_names": _names(event["target"]),
        "cameo": event["cameo"],
        "plover": event["plover"],
        "mode": event["mode"],
        "goldstein": event["goldstein"],
        "quad_class": event["quad_class"],
        "negated": event["negated"],
        "modality": event["modality"],
        "location_name": location.get("name"),
        "location_country": location.get("country"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "sentence": event["sentence"],
        "span_start": event["span"][0],
        "span_end": event["span"][1],
        "evidence_rule": evidence.get("rule"),
        "evidence_trigger": evidence.get("trigger"),
        "evidence_model": evidence.get("model"),
    }


def _mention_row(mention: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": mention["event_id"],
        "doc_id": mention["doc_id"],
        "date": mention["date"],
        "event_date": mention["event_date"],
        "sentence": mention["sentence"],
        "span_start": mention["span"][0],
        "span_end": mention["span"][1],
    }


def _quote_row(quote: dict[str, Any]) -> dict[str, Any]:
    speaker = quote["speaker"] or {}
    return {
        "id": quote["id"],
        "doc_id": quote["doc_id"],
        "kind": quote["kind"],
        "text": quote["text"],
        "span_start": quote["span"][0],
        "span_end": quote["span"][1],
        "speaker_code": speaker.get("code"),
        "speaker_name": speaker.get("name"),
        "speaker_country": speaker.get("country"),
        "speaker_sector": speaker.get("sector"),
        "speaker_text": quote["speaker_text"],
        "cue": quote["cue"],
        "sentence_ids": quote["sentence_ids"],
        "evidence": quote["evidence"] or None,
    }


def _position_row(position: dict[str, Any]) -> dict[str, Any]:
    actor = position["actor"]
    evidence = position["evidence"] or {}
    return {
        "id": position["id"],
        "doc_id": position["doc_id"],
        "date": position["date"],
        "actor_code": actor.get("code"),
        "actor_name": actor.get("name"),
        "actor_text": actor.get("text"),
        "actor_country": actor.get("country"),
        "actor_sector": actor.get("sector"),
        "issue_id": position["issue"]["id"],
        "issue_label": position["issue"]["label"],
        "stance": position["stance"],
        "claim_text": position["claim_text"],
        "evidence_event_id": evidence.get("event_id"),
        "evidence_quote_id": evidence.get("quote_id"),
    }


def _actor_row(mention: dict[str, Any]) -> dict[str, Any]:
    return {
        "doc_id": mention["doc_id"],
        "text": mention["text"],
        "name": mention["name"],
        "country": mention["country"],
        "sector": mention["sector"],
        "code": mention["code"],
        "kb_id": mention["kb_id"],
        "span_start": mention["span"][0],
        "span_end": mention["span"][1],
        "sentence_id": mention["sentence_id"],
        "evidence": mention["evidence"],
    }


_FLATTEN: dict[str, Flatten] = {
    "events": _event_row,
    "mentions": _mention_row,
    "quotes": _quote_row,
    "positions": _position_row,
    "actors": _actor_row,
}


COLUMNS: dict[str, tuple[str, ...]] = {
    "events": (
        "id",
        "doc_id",
        "date",
        "date_text",
        "source_codes",
        "source_names",
        "target_codes",
        "target_names",
        "cameo",
        "plover",
        "mode",
        "goldstein",
        "quad_class",
        "negated",
        "modality",
        "location_name",
        "location_country",
        "lat",
        "lon",
        "sentence",
        "span_start",
        "span_end",
        "evidence_rule",
        "evidence_trigger",
        "evidence_model",
    ),
    "mentions": ("event_id", "doc_id", "date", "event_date", "sentence", "span_start", "span_end"),
    "quotes": (
        "id",
        "doc_id",
        "kind",
        "text",
        "span_start",
        "span_end",
        "speaker_code",
        "speaker_name",
        "speaker_country",
        "speaker_sector",
        "speaker_text",
        "cue",
        "sentence_ids",
        "evidence",
    ),
    "positions": (
        "id",
        "doc_id",
        "date",
        "actor_code",
        "actor_name",
        "actor_text",
        "actor_country",
        "actor_sector",
        "issue_id",
        "issue_label",
        "stance",
        "claim_text",
        "evidence_event_id",
        "evidence_quote_id",
    ),
    "actors": (
        "doc_id",
        "text",
        "name",
        "country",
        "sector",
        "code",
        "kb_id",
        "span_start",
        "span_end",
        "sentence_id",
        "evidence",
    ),
}
"""The CSV header of each kind of record, in column order."""


@registry.exporters("dyads.csv.v1")
def write(con: duckdb.DuckDBPyConnection, what: str, out: Path | TextIO) -> int:
    """Write every stored record of one kind as CSV with a header row.

    Args:
        con (DuckDBPyConnection): a connection to a dyads database.
        what (str): events, mentions, quotes, positions or actors (actor mentions).
        out (Path | TextIO): a file path (written atomically, UTF-8) or an open stream.

    Returns:
        int: the number of data rows written (the header not counted).

    Raises:
        UsageError: ``what`` is not exportable.
        DyadsError: the output file cannot be written.
    """
    check_what(what)
    flatten = _FLATTEN[what]
    count = 0
    with output(out, newline="") as handle:
        writer = csv.writer(handle)
        header = COLUMNS[what]
        writer.writerow(header)
        for record in iter_records(con, what):
            row = flatten(record)
            writer.writerow([_cell(row[name]) for name in header])
            count += 1
    return count


def _codes(actors: list[dict[str, Any]]) -> str:
    return ";".join(a.get("code") or "" for a in actors)


def _names(actors: list[dict[str, Any]]) -> str:
    return ";".join(a.get("name") or a.get("text") or "" for a in actors)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
