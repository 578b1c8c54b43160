"""Database rows to records: the DESIGN.md §5 shapes every reader returns.

The column order of each function's ``row`` is the matching column list of
``dyads.store.sql`` (``EVENT_COLS`` for ``event_record``, and so on). JSON columns come
back as text and are parsed here.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..records import Actor

EVENT_STATS = ("cluster_id", "num_mentions", "num_articles", "num_sources")
"""Keys event records carry beyond DESIGN.md §5: the cluster and its GDELT-style counts."""

ACTOR_KEYS = tuple(Actor(text="").to_dict())
"""The keys of an actor record (``Actor.to_dict()``)."""

Row = tuple[Any, ...]


def event_record(row: Row) -> dict[str, Any]:
    (eid, doc_id, date_raw, date_text, source, target, cameo, plover, mode, goldstein) = row[:10]
    (quad_class, negated, modality, location, sentence, start, end, evidence) = row[10:18]
    cluster_id, num_mentions, num_articles, num_sources = row[18:22]
    return {
        "id": eid,
        "doc_id": doc_id,
        "date": date_raw,
        "date_text": date_text,
        "source": [actor_record(a) for a in loads(source, [])],
        "target": [actor_record(a) for a in loads(target, [])],
        "cameo": cameo,
        "plover": plover,
        "mode": mode,
        "goldstein": goldstein,
        "quad_class": quad_class,
        "negated": negated,
        "modality": modality,
        "location": loads(location, None),
        "sentence": sentence,
        "span": [start, end],
        "evidence": loads(evidence, {}),
        "cluster_id": cluster_id,
        "num_mentions": int(num_mentions),
        "num_articles": int(num_articles),
        "num_sources": int(num_sources),
    }


def plain_event_record(row: Row) -> dict[str, Any]:
    """An event record in the exact DESIGN.md §5 shape (no cluster counts)."""
    record = event_record(row)
    for key in EVENT_STATS:
        del record[key]
    return record


def quote_record(row: Row) -> dict[str, Any]:
    qid, doc_id, kind, text, start, end, speaker, speaker_text, cue, sentence_ids, ev = row
    speaker_dict = loads(speaker, None)
    return {
        "id": qid,
        "doc_id": doc_id,
        "kind": kind,
        "text": text,
        "span": [start, end],
        "speaker": actor_record(speaker_dict) if speaker_dict is not None else None,
        "speaker_text": speaker_text,
        "cue": cue,
        "sentence_ids": list(sentence_ids or []),
        "evidence": loads(ev, {}),
    }


def position_record(row: Row) -> dict[str, Any]:
    pid, doc_id, date_raw, actor, issue_id, issue_label, stance, claim_text, evidence = row
    return {
        "id": pid,
        "doc_id": doc_id,
        "date": date_raw,
        "actor": actor_record(loads(actor, {})),
        "issue": {"id": issue_id, "label": issue_label},
        "stance": stance,
        "claim_text": claim_text,
        "evidence": loads(evidence, {}),
    }


def mention_record(row: Row) -> dict[str, Any]:
    event_id, doc_id, day, event_day, sentence, start, end = row
    return {
        "event_id": event_id,
        "doc_id": doc_id,
        "date": iso(day),
        "event_date": iso(event_day),
        "sentence": sentence,
        "span": [start, end],
    }


def actor_mention_record(row: Row) -> dict[str, Any]:
    doc_id, text, name, country, sector, code, kb_id, start, end, sentence_id, evidence = row
    fields = {
        "text": text,
        "name": name,
        "country": country,
        "sector": sector,
        "code": code,
        "kb_id": kb_id,
    }
    return {
        "doc_id": doc_id,
        **actor_record(fields),
        "span": [start, end],
        "sentence_id": sentence_id,
        "evidence": evidence,
    }


def actor_record(stored: dict[str, Any]) -> dict[str, Any]:
    """The ``Actor.to_dict()`` shape of a stored actor (which also keeps its evidence)."""
    return {key: stored.get(key) for key in ACTOR_KEYS}


def loads(value: str | None, default: Any) -> Any:
    return default if value is None else json.loads(value)


def iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
