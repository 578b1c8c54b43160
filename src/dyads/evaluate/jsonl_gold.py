"""Reader for the project's own gold format (``--kind jsonl``).

One JSON object per line, one record per text, with the events, quotes and positions
the text holds. The format is made to be written by hand: quote spans may be given as
the quoted words themselves (``"content_text"``) instead of character offsets, an actor
may be just its code (``"RUSGOV"``), and an event's PLOVER type follows from its CAMEO
code when omitted. ``docs/gold-format.md`` is the full description; in short::

    {"id": "ex-1", "date": "2022-01-10", "text": "...",
     "events": [{"source": ["RUSGOV"], "target": [{"country": "USA", "sector": "GOV"}],
                 "cameo": "1312", "plover": "THREATEN"}],
     "quotes": [{"kind": "direct", "content_text": "...", "source_text": "...",
                 "cue_text": "said", "speaker": "RUSGOV"}],
     "positions": [{"actor": "RUS", "issue": "nato_enlargement", "stance": -1}],
     "no_event": false}

The reader is strict: bad JSON, a missing ``text``, an unknown key, an unknown CAMEO
code or PLOVER type, a span out of range or a ``*_text`` that is not in the text raise
``DyadsError`` naming the file, the line and the field, so a typo in hand-written gold
cannot silently become a wrong score.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyads.errors import DyadsError
from dyads.evaluate.gold import (
    GoldActor,
    GoldEvent,
    GoldPosition,
    GoldQuote,
    GoldRecord,
    GoldSet,
    split_code,
)
from dyads.evaluate.plover_gsr import PLOVER_05_NAMES
from dyads.ontology import PLOVER_TYPES, from_cameo, is_code

__all__ = [
    "ACTOR_KEYS",
    "EVENT_KEYS",
    "POSITION_KEYS",
    "QUOTE_KEYS",
    "QUOTE_KINDS",
    "RECORD_KEYS",
    "read_jsonl_gold",
]

KIND = "jsonl"

RECORD_KEYS = (
    "id",
    "date",
    "text",
    "events",
    "quotes",
    "positions",
    "no_event",
    "evaluate",
    "category",
    "comment",
)
"""The keys a record may have; ``id`` and ``text`` are required."""

EVENT_KEYS = ("source", "target", "cameo", "plover", "comment")
"""The keys an event may have; it needs ``cameo`` or ``plover``."""

ACTOR_KEYS = ("code", "country", "sector", "text")
"""The keys an actor object may have; it needs at least one."""

QUOTE_KEYS = (
    "kind",
    "content",
    "content_text",
    "source",
    "source_text",
    "cue",
    "cue_text",
    "speaker",
    "comment",
)
"""The keys a quote may have; it needs ``content`` or ``content_text``."""

POSITION_KEYS = ("actor", "issue", "stance", "comment")
"""The keys a position may have; all but ``comment`` are required."""

QUOTE_KINDS = ("direct", "indirect", "mixed")
"""The values of a quote's ``kind``."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CODE = re.compile(r"[A-Z0-9]+")
_DOCS = "See docs/gold-format.md."


@dataclass(frozen=True)
class _At:
    """Where a value was read: the file and line, for error messages."""

    file: Path
    line: int

    def error(self, field: str | None, found: str, expected: str) -> DyadsError:
        name = f" field {field!r}:" if field else ""
        return DyadsError(f"{self.file}:{self.line}:{name} {found}; expected {expected}. {_DOCS}")


def read_jsonl_gold(path: Path) -> GoldSet:
    """Read gold in the project's JSONL format.

    Args:
        path (Path): a ``.jsonl`` file, or a folder whose ``.jsonl`` files are read in
            name order (record ids must be unique across them).

    RETURNS (GoldSet): kind ``"jsonl"``; one record per non-blank line.

    Raises:
        DyadsError: the path is missing or holds no records, or a line breaks the
            format (the message names file, line and field).
    """
    path = Path(path)
    records: list[GoldRecord] = []
    seen: dict[str, _At] = {}
    tally: Counter[str] = Counter()
    files = _files(path)
    for file in files:
        with file.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                at = _At(file, number)
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as err:
                    raise at.error(
                        None,
                        f"invalid JSON ({err.msg}, column {err.colno})",
                        "one JSON object per line",
                    ) from err
                record = _record(raw, at, tally)
                if record.id in seen:
                    first = seen[record.id]
                    raise at.error(
                        "id",
                        f"{record.id!r} was already used at {first.file.name}:{first.line}",
                        "a unique id",
                    )
                seen[record.id] = at
                records.append(record)
    if not records:
        raise DyadsError(
            f"{path}: holds no gold records; expected one JSON object per line. {_DOCS}"
        )
    return GoldSet(kind=KIND, path=path, records=records, notes=_notes(records, tally, files))


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        found = sorted(p for p in path.glob("*.jsonl") if p.is_file())
        if found:
            return found
        raise DyadsError(f"{path}: holds no .jsonl file; expected gold files. Check the path.")
    raise DyadsError(
        f"{path}: no such file or folder; expected a .jsonl gold file. Check the path."
    )


# -- records -------------------------------------------------------------------------------
def _record(raw: Any, at: _At, tally: Counter[str]) -> GoldRecord:
    _object(raw, at, None, RECORD_KEYS, "a record")
    record_id = raw.get("id")
    if not isinstance(record_id, str) or not record_id.strip():
        raise at.error("id", _show(record_id), "a non-empty string")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise at.error("text", "missing" if text is None else _show(text), "the text as a string")
    date = raw.get("date")
    if date is not None and not (isinstance(date, str) and _is_date(date)):
        raise at.error("date", _show(date), 'an ISO date "YYYY-MM-DD" or null')
    events = tuple(
        _event(e, at, f"events[{i}]", tally) for i, e in enumerate(_list(raw, "events", at))
    )
    quotes = tuple(
        _quote(q, text, at, f"quotes[{i}]") for i, q in enumerate(_list(raw, "quotes", at))
    )
    positions = tuple(
        _position(p, at, f"positions[{i}]") for i, p in enumerate(_list(raw, "positions", at))
    )
    no_event = _flag(raw, "no_event", False, at)
    if no_event and events:
        raise at.error("no_event", f"true with {len(events)} event(s)", "no events when true")
    evaluate = _flag(raw, "evaluate", True, at)
    category = _optional_string(raw.get("category"), at, "category")
    _optional_string(raw.get("comment"), at, "comment")
    return GoldRecord(
        id=record_id.strip(),
        text=text,
        date=date,
        events=events,
        quotes=quotes,
        positions=positions,
        no_event=no_event,
        evaluate=evaluate,
        category=category,
    )


def _event(raw: Any, at: _At, field: str, tally: Counter[str]) -> GoldEvent:
    _object(raw, at, field, EVENT_KEYS, "an event")
    cameo = raw.get("cameo")
    if cameo is not None and not (isinstance(cameo, str) and is_code(cameo)):
        hint = (
            " (keep codes as strings: an int loses the leading zero)"
            if isinstance(cameo, int)
            else ""
        )
        raise at.error(f"{field}.cameo", _show(cameo) + hint, 'a CAMEO code such as "0312"')
    plover = raw.get("plover")
    if plover is not None:
        name = plover.strip().upper() if isinstance(plover, str) else None
        if name in PLOVER_05_NAMES:
            raise at.error(
                f"{field}.plover",
                f"the PLOVER 0.5 name {name}",
                f"its current name {PLOVER_05_NAMES[name]}",
            )
        if name not in PLOVER_TYPES:
            raise at.error(f"{field}.plover", _show(plover), f"one of {', '.join(PLOVER_TYPES)}")
        plover = name
    elif cameo is not None:
        plover = from_cameo(cameo)[0]
        tally["plover from cameo"] += 1
    else:
        raise at.error(field, "neither cameo nor plover", "an event type: cameo, plover or both")
    return GoldEvent(
        source=_actors(raw.get("source"), at, f"{field}.source"),
        target=_actors(raw.get("target"), at, f"{field}.target"),
        cameo=cameo.strip() if cameo is not None else None,
        plover=plover,
    )


def _actors(raw: Any, at: _At, field: str) -> tuple[GoldActor, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise at.error(field, _show(raw), 'a list of actors, e.g. ["RUSGOV"]')
    return tuple(_actor(a, at, f"{field}[{i}]") for i, a in enumerate(raw))


def _actor(raw: Any, at: _At, field: str) -> GoldActor:
    if isinstance(raw, str):
        code = _code(raw, at, field)
        if code is None:
            raise at.error(field, "an empty code", 'an actor code such as "RUSGOV"')
        return split_code(code)
    _object(raw, at, field, ACTOR_KEYS, 'an actor: "RUSGOV" or {"country", "sector", ...}')
    code = _code(raw.get("code"), at, f"{field}.code")
    country = _code(raw.get("country"), at, f"{field}.country")
    sector = _code(raw.get("sector"), at, f"{field}.sector")
    text = _optional_string(raw.get("text"), at, f"{field}.text")
    if not (code or country or sector or text):
        raise at.error(field, "an empty actor", "at least one of code, country, sector, text")
    if code is not None:
        parts = split_code(code)
        country = country or parts.country
        sector = sector or parts.sector
    elif country is not None and len(country) == 3:
        code = country + (sector or "")
    return GoldActor(code=code, country=country, sector=sector, text=text)


def _quote(raw: Any, text: str, at: _At, field: str) -> GoldQuote:
    _object(raw, at, field, QUOTE_KEYS, "a quote")
    kind = raw.get("kind")
    if kind is not None and kind not in QUOTE_KINDS:
        raise at.error(f"{field}.kind", _show(kind), f"one of {', '.join(QUOTE_KINDS)} or null")
    content = _span(raw, "content", text, at, field)
    if content is None:
        raise at.error(field, "no content", "content [start, end] or content_text")
    return GoldQuote(
        content=content,
        source=_span(raw, "source", text, at, field),
        cue=_span(raw, "cue", text, at, field),
        kind=kind,
        speaker=_optional_string(raw.get("speaker"), at, f"{field}.speaker"),
    )


def _span(raw: dict[str, Any], name: str, text: str, at: _At, field: str) -> tuple[int, int] | None:
    """The span of ``name`` from ``[start, end]`` or from ``<name>_text`` (first occurrence)."""
    given, words = raw.get(name), raw.get(f"{name}_text")
    span = None
    if given is not None:
        ok = (
            isinstance(given, list)
            and len(given) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in given)
        )
        if not ok:
            raise at.error(f"{field}.{name}", _show(given), "[start, end] character offsets")
        if not 0 <= given[0] < given[1] <= len(text):
            raise at.error(
                f"{field}.{name}",
                f"span {given} out of range",
                f"0 <= start < end <= {len(text)} (the text's length)",
            )
        span = (given[0], given[1])
    if words is not None:
        if not isinstance(words, str) or not words.strip():
            raise at.error(f"{field}.{name}_text", _show(words), "the words as a string")
        if span is not None:
            if text[span[0] : span[1]] != words:
                raise at.error(
                    f"{field}.{name}_text",
                    f"{_show(words)} but {name} {list(span)} covers {text[span[0] : span[1]]!r}",
                    "the same words",
                )
            return span
        start = text.find(words)
        if start < 0:
            raise at.error(
                f"{field}.{name}_text",
                f"{_show(words)} not found in the text",
                "words copied exactly from the text",
            )
        span = (start, start + len(words))
    return span


def _position(raw: Any, at: _At, field: str) -> GoldPosition:
    _object(raw, at, field, POSITION_KEYS, "a position")
    actor = _code(raw.get("actor"), at, f"{field}.actor")
    if actor is None:
        raise at.error(f"{field}.actor", "missing", 'an actor code or country such as "RUS"')
    issue = _optional_string(raw.get("issue"), at, f"{field}.issue")
    if issue is None:
        raise at.error(f"{field}.issue", "missing", 'an issue id such as "nato_enlargement"')
    stance = raw.get("stance")
    if isinstance(stance, bool) or not isinstance(stance, int | float) or not -1 <= stance <= 1:
        raise at.error(f"{field}.stance", _show(stance), "a number from -1 (against) to 1 (for)")
    _optional_string(raw.get("comment"), at, f"{field}.comment")
    return GoldPosition(actor=actor, issue=issue, stance=float(stance))


# -- small checks --------------------------------------------------------------------------
def _object(raw: Any, at: _At, field: str | None, keys: tuple[str, ...], what: str) -> None:
    if not isinstance(raw, dict):
        raise at.error(field, _show(raw), what + " (a JSON object)")
    unknown = [k for k in raw if k not in keys]
    if unknown:
        where = f"{field}.{unknown[0]}" if field else unknown[0]
        raise at.error(
            where,
            f"unknown key(s) {', '.join(map(repr, unknown))}",
            f"keys among {', '.join(keys)}",
        )


def _list(raw: dict[str, Any], key: str, at: _At) -> list[Any]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise at.error(key, _show(value), "a list")
    return value


def _flag(raw: dict[str, Any], key: str, default: bool, at: _At) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise at.error(key, _show(value), "true or false")
    return value


def _optional_string(value: Any, at: _At, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise at.error(field, _show(value), "a string")
    return value.strip() or None


def _code(value: Any, at: _At, field: str) -> str | None:
    """An upper-cased actor code, country or sector; None when absent or empty."""
    text = _optional_string(value, at, field)
    if text is None:
        return None
    text = text.upper()
    if not _CODE.fullmatch(text):
        raise at.error(field, _show(value), "letters and digits only, e.g. RUSGOV")
    return text


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _show(value: Any) -> str:
    """A short rendering of a bad value for a message."""
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _notes(records: list[GoldRecord], tally: Counter[str], files: list[Path]) -> list[str]:
    events = sum(len(r.events) for r in records)
    quotes = sum(len(r.quotes) for r in records)
    positions = [p for r in records for p in r.positions]
    notes = [
        f"read {len(records)} records from {len(files)} file(s): {events} events, {quotes} "
        f"quotes, {len(positions)} positions, {sum(r.no_event for r in records)} marked no_event"
    ]
    if tally["plover from cameo"]:
        notes.append(
            f"PLOVER type taken from the CAMEO code for {tally['plover from cameo']} events"
        )
    skipped = sum(not r.evaluate for r in records)
    if skipped:
        notes.append(f"{skipped} records marked evaluate: false (read but not scored)")
    if positions:
        from dyads.positions.issues import load_taxonomy

        known = {e.issue.id for e in load_taxonomy().issues}
        unknown = sorted({p.issue for p in positions} - known)
        if unknown:
            notes.append("issues not in the packaged taxonomy: " + ", ".join(unknown))
    return notes
