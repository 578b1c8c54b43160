"""Event-location gold (``--kind event-location``): is our place the event's place?

The shared set (Halterman 2019, "Geolocating Political Events in Text", derived JSONL
``event_location_labeled.jsonl``) gives one sentence, one event verb and the character
spans of the place names that are that verb's location. An empty location list means
the verb has no location in the sentence. A zero-length span does not reliably mean
that: 90% of such sentences name a place (84% of those with a gold place do, 49% of
those with an empty list), and RELABEL records with one include "demonstrated in Rome",
so the span was most likely lost upstream; those records are not scored.

What is scored is the place chooser itself (``events.where.event_place``) on the gold
verb, not the events dyads happens to code there: the set has no actors or codes, and
most of its verbs ("killed", "captured") would only become events with actors around
them. A choice is right when its span overlaps a gold place span (so "the West Bank
city of Nablus" against gold "Nablus" is right only if we chose the Nablus entity).

Reading. The ``RELABEL`` records are the upstream author's gold-standard re-annotations
of research-assistant records (same id and verb); where one exists it replaces the
others. Records with no verb, or whose place spans are not names (offsets broken
upstream, e.g. " s" or "r fr"), or only a zero-length span, are kept but not scored,
and counted in the notes.

Numbers. ``place_accuracy`` (recall) is over the verbs that have a gold place;
``place_precision`` over the verbs we gave a place; ``none_accuracy`` is how often we
give none when the gold has none (those labels are less reliable: an empty list from
a research assistant was sometimes relabelled with a place); ``overall_accuracy`` over
all verbs (a gold place chosen, or none given where the gold has none). The same
numbers are given for the gold-standard subset and for two baselines (the first place
of the sentence, the place nearest the verb) so that the value of the predicate link
shows. The rules of ``events/where.py`` were tuned on the first 1,500 scored records;
the RELABEL subset lies mostly beyond them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.errors import DyadsError
from dyads.evaluate.gold import GoldRecord, GoldSet, json_lines
from dyads.events.where import event_place, place_mentions

__all__ = ["DATA_FILE", "KIND", "LocationRecord", "read_event_location", "score_event_locations"]

KIND = "event-location"
DATA_FILE = "event_location_labeled.jsonl"
GOLD_STANDARD = "RELABEL"

Chooser = Callable[[Token], Span | None]


@dataclass(frozen=True)
class LocationRecord(GoldRecord):
    """One sentence and verb: ``verb`` and ``places`` are character spans into ``text``
    (no places: the verb has no location); ``gold_standard`` marks RELABEL records."""

    verb: tuple[int, int] = (0, 0)
    places: tuple[tuple[int, int], ...] = ()
    gold_standard: bool = False


def read_event_location(path: Path) -> GoldSet:
    """Read ``event_location_labeled.jsonl`` (or its folder) into one record per verb.

    Args:
        path (Path): the JSONL file or the folder holding it.

    RETURNS (GoldSet): kind ``"event-location"`` of ``LocationRecord`` values.

    Raises:
        DyadsError: a line is not JSON or lacks ``text``.
    """
    if path.is_dir():
        path = path / DATA_FILE
    rows: list[tuple[int, dict]] = []
    for n, row in json_lines(path):
        if not isinstance(row.get("text"), str):
            raise DyadsError(f"{path}:{n}: the record has no 'text'.")
        rows.append((n, row))
    relabelled = {_key(row) for _, row in rows if row.get("source") == GOLD_STANDARD}
    records = []
    skipped = {
        "no verb": 0,
        "broken place spans": 0,
        "zero-length place span (place lost upstream)": 0,
        "superseded by RELABEL": 0,
    }
    for n, row in rows:
        record, why = _record(row, n, relabelled)
        records.append(record)
        if why:
            skipped[why] += 1
    notes = [f"skipped {k}: {v}" for k, v in skipped.items() if v]
    notes.append("scores the place chooser on the gold verb; no actors or codes are involved")
    return GoldSet(KIND, path, records, notes=notes)


def _key(row: dict) -> tuple[str, int]:
    verbs = row.get("verb") or [{}]
    return str(row.get("id")), int(verbs[0].get("start", -1))


def _record(row: dict, line: int, relabelled: set) -> tuple[LocationRecord, str | None]:
    text = row["text"]
    verbs = row.get("verb") or []
    gold_standard = row.get("source") == GOLD_STANDARD
    spans = [
        (int(p["start"]), int(p["end"]))
        for p in row.get("locations") or []
        if p["end"] > p["start"]
    ]
    zero = any(p["end"] <= p["start"] for p in row.get("locations") or [])
    why = None
    if not verbs:
        why = "no verb"
    elif any(not _is_name(text, s, e) for s, e in spans):
        why = "broken place spans"
    elif zero and not spans:
        why = "zero-length place span (place lost upstream)"
    elif not gold_standard and _key(row) in relabelled:
        why = "superseded by RELABEL"
    verb = (int(verbs[0]["start"]), int(verbs[0]["end"])) if verbs else (0, 0)
    record = LocationRecord(
        id=f"{row.get('id')}:{line}",
        text=text,
        evaluate=why is None,
        category=str(row.get("source") or ""),
        verb=verb,
        places=tuple(spans),
        gold_standard=gold_standard,
    )
    return record, why


def _is_name(text: str, start: int, end: int) -> bool:
    """A span that starts and ends on word boundaries with a letter or digit; the
    upstream offsets of some records are shifted into the middle of words ("r fr")."""
    name = text[start:end]
    if len(name) < 2 or name != name.strip() or not name[0].isalnum():
        return False
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


# -- scoring -----------------------------------------------------------------------------
def chosen_span(trigger: Token) -> Span | None:
    """dyads' choice: the span of ``event_place``."""
    found = event_place(trigger)
    return found.span if found is not None else None


def first_place(trigger: Token) -> Span | None:
    """Baseline: the sentence's first place name."""
    places = place_mentions(trigger.sent)
    return places[0] if places else None


def nearest_place(trigger: Token) -> Span | None:
    """Baseline: the place name nearest the verb."""
    places = place_mentions(trigger.sent)
    return min(places, key=lambda s: abs(s.root.i - trigger.i)) if places else None


CHOOSERS: dict[str, Chooser] = {
    "dyads": chosen_span,
    "first_place": first_place,
    "nearest_place": nearest_place,
}


def score_event_locations(
    records: list[GoldRecord], nlp: Language, errors: TextIO | None = None
) -> dict[str, Any]:
    """Parse each record, choose a place for its verb, and score the choices.

    Args:
        records (list[GoldRecord]): ``LocationRecord`` values to score.
        nlp (Language): the spaCy pipeline.
        errors (TextIO | None): where to write one JSON line per wrong choice of dyads.

    RETURNS (dict): counts and rates for dyads, its gold-standard subset and baselines.
    """
    cases = [r for r in records if isinstance(r, LocationRecord)]
    results: dict[str, list[tuple[LocationRecord, bool, bool]]] = {k: [] for k in CHOOSERS}
    geocoded = picks = 0
    for record, doc in zip(cases, nlp.pipe(r.text for r in cases), strict=True):
        trigger = _token_at(doc, record.verb)
        for name, choose in CHOOSERS.items():
            span = choose(trigger) if trigger is not None else None
            right = _agrees(record, span)
            results[name].append((record, span is not None, right))
            if name == "dyads" and span is not None:
                picks += 1
                found = event_place(trigger) if trigger is not None else None
                geocoded += bool(found and found.location.country)
            if name == "dyads" and errors is not None and not right:
                errors.write(json.dumps(_error_row(record, trigger, span)) + "\n")
    out: dict[str, Any] = {"gold": len(cases), "predicted": picks}
    out |= _rates(results["dyads"])
    out["geocoded_share"] = round(geocoded / picks, 4) if picks else 0.0
    out["gold_standard"] = _rates([r for r in results["dyads"] if r[0].gold_standard])
    out["baselines"] = {k: _rates(v) for k, v in results.items() if k != "dyads"}
    return out


def _rates(rows: Iterable[tuple[LocationRecord, bool, bool]]) -> dict[str, Any]:
    rows = list(rows)
    with_place = [(picked, right) for r, picked, right in rows if r.places]
    without = [picked for r, picked, _ in rows if not r.places]
    hits = sum(right for _, right in with_place)
    picks = sum(picked for _, picked, _ in rows)
    n_right = hits + sum(not p for p in without)
    return {
        "cases": len(rows),
        "place_cases": len(with_place),
        "place_accuracy": _ratio(hits, len(with_place)),
        "place_precision": _ratio(hits, picks),
        "none_accuracy": _ratio(sum(not p for p in without), len(without)),
        "overall_accuracy": _ratio(n_right, len(rows)),
    }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _token_at(doc: Doc, verb: tuple[int, int]) -> Token | None:
    """The token the gold verb span starts in."""
    for tok in doc:
        if tok.idx <= verb[0] < tok.idx + len(tok.text):
            return tok
    return None


def _agrees(record: LocationRecord, span: Span | None) -> bool:
    if span is None:
        return not record.places
    start, end = span.start_char, span.end_char
    return any(s < end and start < e for s, e in record.places)


def _error_row(record: LocationRecord, trigger: Token | None, span: Span | None) -> dict:
    return {
        "id": record.id,
        "text": record.text,
        "verb": record.text[record.verb[0] : record.verb[1]],
        "error": "no place" if span is None else "wrong place" if record.places else "extra place",
        "gold": [record.text[s:e] for s, e in record.places],
        "predicted": span.text if span is not None else None,
        "trigger_found": trigger is not None,
    }
