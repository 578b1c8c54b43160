"""Reader for the PLOVER gold-standard records (``--kind plover-gsr``).

The PLOVER gold standard (OEDA 2016) holds 322 sentences from the CAMEO manual, each
coded with a PLOVER 0.5 event type, source and target actors and a markup of the
sentence. Two files carry it and both are accepted:

* ``plover_gsr_with_cameo_codes.jsonl`` (derived, one record per line): adds a
  ``cameo_join`` object with the CAMEO code of the manual example the sentence
  matches, so CAMEO-level scores are possible for about two thirds of the records;
* ``PLOVER_GSR_CAMEO.json`` (upstream, a JSON array): its first element is a
  ``DOCUMENT`` record (licence, version) and is skipped.

A folder is read through the derived file when present, else through the upstream one.
The format is told by content (an array starts with ``[``), not by file name.

Each record gives one ``GoldRecord`` with one ``GoldEvent``. What the reader changes,
and why (each change is also reported in ``GoldSet.notes``):

* **Event names.** PLOVER 0.5 names are mapped to the current 16 types with
  ``PLOVER_05_NAMES`` (DEMAND → REQUEST, DISAPPROVE → ACCUSE, FIGHT → ASSAULT,
  INVESTIGATE → ACCUSE, as in CAMEO2PLOVER-2021 and the current codebook, where
  investigation is ACCUSE mode ``investigate``). The original name is kept in
  ``GoldRecord.category``.
* **Dates.** Every record is dated 2000-01-01, a placeholder; ``date`` is left empty.
* **Actors.** ``{actorText, code, sector}`` becomes ``GoldActor(code=code+sector,
  country=code, sector=<first three letters of sector>, text=actorText)``. The
  ``code`` string is kept as given (``"JAPGOV"``), but ``country`` of the retired
  CAMEO country codes is the ISO-3166 code that dyads emits (``OLD_COUNTRY_CODES``:
  JAP → JPN, ITL → ITA, VTN → VNM). Organisation codes (IGO, NGO, IMG, ISM) are kept
  as they are. The sector ``***`` (unknown) is dropped and the sector ``CIV`` (a typo
  for CVL) is read as CVL. Ethnic or religious suffixes stay in ``code``
  (``"PHLREBMOS"``) while ``sector`` holds the role (``REB``).
* **Reciprocal actors.** The markup's ``SRC/TAR`` marks both parties of a
  reciprocal event (two sides that agree, meet, fight). The records list them all as
  sources with no target; they are kept as given.
* **Stray targets.** A ``target`` that is a string (``""`` or ``"diplomatic"``, a
  misplaced context) means no target.

Example:
    >>> gold = read_plover_gsr(Path("../shared/dev/plover_gsr"))  # doctest: +SKIP
    >>> len(gold.records)  # doctest: +SKIP
    322
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from dyads.errors import DyadsError
from dyads.evaluate.gold import GoldActor, GoldEvent, GoldRecord, GoldSet
from dyads.ontology import PLOVER_TYPES

__all__ = [
    "DERIVED_NAME",
    "OLD_COUNTRY_CODES",
    "PLOVER_05_NAMES",
    "UPSTREAM_NAME",
    "current_plover",
    "read_plover_gsr",
]

KIND = "plover-gsr"

DERIVED_NAME = "plover_gsr_with_cameo_codes.jsonl"
"""The derived file (one record per line, with ``cameo_join``); preferred in a folder."""

UPSTREAM_NAME = "PLOVER_GSR_CAMEO.json"
"""The upstream file (a JSON array whose first element is a DOCUMENT record)."""

PLOVER_05_NAMES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}
"""PLOVER 0.5 (2016) event names that current PLOVER renamed or merged, to the current
type. Names not listed (AGREE, CONCEDE, RETREAT, ...) are unchanged. YIELD is not a
PLOVER 0.5 name: it is PLV's merge of CONCEDE and RETREAT (see ``dyads.evaluate.plv``)."""

OLD_COUNTRY_CODES: dict[str, str] = {
    "JAP": "JPN",  # Japan
    "ITL": "ITA",  # Italy
    "VTN": "VNM",  # Vietnam
}
"""Retired CAMEO country codes in the gold, to the ISO-3166 alpha-3 code dyads emits."""

_ORGANISATION_CODES = ("IGO", "NGO", "IMG", "ISM")
_DOCUMENT = "DOCUMENT"


def current_plover(name: str) -> str:
    """Return the current PLOVER type for a PLOVER 0.5 or current event name.

    Args:
        name (str): an event name, any case (``"fight"``, ``"AGREE"``).

    RETURNS (str): the current type (``"ASSAULT"``, ``"AGREE"``).

    Raises:
        KeyError: the name is neither a PLOVER 0.5 name nor a current type.
    """
    key = name.strip().upper()
    key = PLOVER_05_NAMES.get(key, key)
    if key not in PLOVER_TYPES:
        raise KeyError(name)
    return key


def read_plover_gsr(path: Path) -> GoldSet:
    """Read the PLOVER gold-standard records.

    Args:
        path (Path): the derived ``.jsonl``, the upstream ``.json`` array, or a folder
            holding either (the derived file wins).

    RETURNS (GoldSet): kind ``"plover-gsr"``; one record per sentence, each with one
        event; ``notes`` says what was mapped, dropped or kept as given.

    Raises:
        DyadsError: the path is missing, a folder holds no gold file, or a record is
            not valid JSON or lacks ``id``, ``text`` or a known ``event`` (the message
            names file, line and field).
    """
    file = _pick(Path(path))
    text = file.read_text(encoding="utf-8-sig")
    upstream = text.lstrip().startswith("[")
    items = _json_array(text, file) if upstream else _json_lines(text, file)
    tally: Counter[str] = Counter()
    records: list[GoldRecord] = []
    seen: dict[str, int] = {}
    for line, raw in items:
        if not isinstance(raw, dict):
            raise DyadsError(_where(file, line, None, f"a {type(raw).__name__}", "a JSON object"))
        if raw.get("event") == _DOCUMENT:
            tally["document"] += 1
            continue
        record = _record(raw, file, line, tally)
        if record.id in seen:  # upstream repeats one id for two different sentences
            seen[record.id] += 1
            tally[f"repeated id {record.id}"] += 1
            record = replace(record, id=f"{record.id}#{seen[record.id]}")
        else:
            seen[record.id] = 1
        records.append(record)
    if not records:
        raise DyadsError(
            f"{file}: holds no PLOVER gold records; expected {DERIVED_NAME} "
            f"or {UPSTREAM_NAME}. Check the path."
        )
    notes = [f"read {file.name} ({'upstream JSON array' if upstream else 'derived JSONL'})"]
    notes += _notes(tally, len(records), upstream=upstream)
    return GoldSet(kind=KIND, path=file, records=records, notes=notes)


# -- files ---------------------------------------------------------------------------------
def _pick(path: Path) -> Path:
    """The gold file for ``path``: the path itself, or the best file in a folder."""
    if path.is_file():
        return path
    if not path.is_dir():
        raise DyadsError(
            f"{path}: no such file or folder; expected {DERIVED_NAME} or "
            f"{UPSTREAM_NAME} or a folder holding one. Check the path."
        )
    for name in (DERIVED_NAME, UPSTREAM_NAME):
        if (path / name).is_file():
            return path / name
    for pattern in ("*.jsonl", "*.json"):
        found = sorted(path.glob(pattern))
        if len(found) == 1:
            return found[0]
    raise DyadsError(
        f"{path}: holds no {DERIVED_NAME} or {UPSTREAM_NAME}, nor a single "
        ".jsonl or .json file; expected one PLOVER gold file. Pass the file itself."
    )


def _json_lines(text: str, file: Path) -> list[tuple[int, Any]]:
    """(line number, value) for each non-blank line."""
    items = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            items.append((number, json.loads(line)))
        except json.JSONDecodeError as err:
            raise DyadsError(
                _where(
                    file,
                    number,
                    None,
                    f"invalid JSON ({err.msg}, column {err.colno})",
                    "one JSON object per line",
                )
            ) from err
    return items


def _json_array(text: str, file: Path) -> list[tuple[int, Any]]:
    """(line number where it starts, value) for each element of a top-level JSON array."""
    decoder = json.JSONDecoder()
    lines = _LineCounter(text)
    pos = _skip_space(text, 0) + 1  # past "["
    items: list[tuple[int, Any]] = []
    while True:
        pos = _skip_space(text, pos)
        if text.startswith("]", pos) and not items:
            pos += 1
            break
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            raise DyadsError(
                _where(
                    file,
                    err.lineno,
                    None,
                    f"invalid JSON ({err.msg}, column {err.colno})",
                    "a JSON array of objects",
                )
            ) from err
        items.append((lines.line_of(pos), value))
        pos = _skip_space(text, end)
        if text.startswith(",", pos):
            pos += 1
            continue
        if text.startswith("]", pos):
            pos += 1
            break
        raise DyadsError(
            _where(
                file,
                lines.line_of(pos),
                None,
                "no ',' or ']' after an element",
                "a JSON array of objects",
            )
        )
    if text[pos:].strip():
        raise DyadsError(
            _where(
                file,
                lines.line_of(_skip_space(text, pos)),
                None,
                "text after the closing ']'",
                "one JSON array",
            )
        )
    return items


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


class _LineCounter:
    """Line numbers of increasing offsets, counted once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1

    def line_of(self, pos: int) -> int:
        if pos < self.pos:
            return self.text.count("\n", 0, pos) + 1
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def _where(file: Path, line: int, field: str | None, found: str, expected: str) -> str:
    """An error message naming file, line and field."""
    name = f" field {field!r}:" if field else ""
    return (
        f"{file}:{line}:{name} {found}; expected {expected}. Fix the record or pass another --kind."
    )


# -- records -------------------------------------------------------------------------------
def _record(raw: dict[str, Any], file: Path, line: int, tally: Counter[str]) -> GoldRecord:
    record_id = raw.get("id")
    if not isinstance(record_id, str) or not record_id.strip():
        raise DyadsError(_where(file, line, "id", f"{record_id!r}", "a non-empty string"))
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DyadsError(_where(file, line, "text", f"{text!r}", "the sentence as a string"))
    name = raw.get("event")
    try:
        plover = current_plover(name) if isinstance(name, str) else None
    except KeyError:
        plover = None
    if plover is None:
        raise DyadsError(
            _where(file, line, "event", f"{name!r}", "a PLOVER 0.5 or current event type")
        )
    original = name.strip().upper()
    if original != plover:
        tally[f"renamed {original} -> {plover}"] += 1
    if raw.get("date"):
        tally["placeholder date"] += 1
    join = raw.get("cameo_join")
    cameo = None
    if isinstance(join, dict) and join.get("cameo_code"):
        cameo = str(join["cameo_code"]).strip()
        tally["cameo"] += 1
        if join.get("plover_2021_for_code") not in (None, plover):
            tally["cameo disagrees"] += 1
    markup = raw.get("textInfo")
    markup = markup.get("markup", "") if isinstance(markup, dict) else markup
    if isinstance(markup, str) and "SRC/TAR" in markup:
        tally["reciprocal"] += 1
    source = _actors(raw.get("source"), file, line, "source", tally)
    target = _actors(raw.get("target"), file, line, "target", tally)
    if not source:
        tally["no source"] += 1
    if not target:
        tally["no target"] += 1
    event = GoldEvent(source=source, target=target, cameo=cameo, plover=plover)
    return GoldRecord(id=record_id.strip(), text=text, events=(event,), category=original)


def _actors(
    raw: Any, file: Path, line: int, field: str, tally: Counter[str]
) -> tuple[GoldActor, ...]:
    if raw is None or raw == "":
        return ()
    if isinstance(raw, str):
        tally[f"string {field} {raw!r}"] += 1
        return ()
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise DyadsError(
            _where(
                file,
                line,
                field,
                f"a {type(raw).__name__}",
                "a list of {actorText, code, sector} objects",
            )
        )
    return tuple(_actor(a, file, line, f"{field}[{i}]", tally) for i, a in enumerate(raw))


def _actor(raw: Any, file: Path, line: int, field: str, tally: Counter[str]) -> GoldActor:
    if not isinstance(raw, dict):
        raise DyadsError(
            _where(
                file, line, field, f"a {type(raw).__name__}", "an {actorText, code, sector} object"
            )
        )
    raw_text = raw.get("actorText")
    text = (raw_text.strip() or None) if isinstance(raw_text, str) else None
    country = str(raw.get("code") or "").strip().upper() or None
    sector = str(raw.get("sector") or "").strip()
    if sector.startswith("***"):
        tally["sector ***"] += 1
        sector = sector[3:]
    sector = sector.upper()
    if sector.startswith("CIV"):
        tally["sector CIV"] += 1
        sector = "CVL" + sector[3:]
    code = f"{country or ''}{sector}" or None
    if country in OLD_COUNTRY_CODES:
        tally[f"country {country} -> {OLD_COUNTRY_CODES[country]}"] += 1
        country = OLD_COUNTRY_CODES[country]
    if country in _ORGANISATION_CODES:
        tally[f"organisation {country}"] += 1
    return GoldActor(code=code, country=country, sector=sector[:3] or None, text=text)


def _notes(tally: Counter[str], count: int, *, upstream: bool) -> list[str]:
    notes = []
    repeated = sorted(k.removeprefix("repeated id ") for k in tally if k.startswith("repeated id "))
    if repeated:
        notes.append(
            "ids used by more than one record, later ones suffixed #2, #3, ...: "
            + ", ".join(repeated)
        )
    if tally["document"]:
        notes.append(f"skipped {tally['document']} DOCUMENT record(s) (licence and version)")
    if tally["placeholder date"]:
        notes.append(
            f"dates left empty: all {tally['placeholder date']} records carry the "
            "placeholder 2000-01-01, not a real date"
        )
    renamed = _with_prefix(tally, "renamed ")
    if renamed:
        notes.append(
            "PLOVER 0.5 names mapped to current types (original kept in category): "
            + ", ".join(f"{k} ({v})" for k, v in renamed)
        )
    if upstream:
        notes.append(
            "no CAMEO codes in the upstream file: events carry PLOVER types only; "
            f"read {DERIVED_NAME} for CAMEO-level scores"
        )
    else:
        notes.append(
            f"CAMEO codes for {tally['cameo']} of {count} records, from a fuzzy join "
            "to the CAMEO manual examples (cameo_join); the rest have cameo=None"
        )
        if tally["cameo disagrees"]:
            notes.append(
                f"{tally['cameo disagrees']} joined records have a 2016 PLOVER type "
                "that differs from the CAMEO2PLOVER-2021 type of their CAMEO code "
                "(definition drift); the record's own type is kept"
            )
    if tally["reciprocal"]:
        notes.append(
            f"{tally['reciprocal']} records mark reciprocal actors (SRC/TAR): kept as "
            "given, i.e. all parties as sources and no target"
        )
    if tally["no source"] or tally["no target"]:
        notes.append(
            f"events without a source: {tally['no source']}; without a target: {tally['no target']}"
        )
    strays = [(k, v) for k, v in _with_prefix(tally, "string ") if not k.endswith("''")]
    if strays:
        notes.append(
            "string actor fields read as no actor: " + ", ".join(f"{k} ({v})" for k, v in strays)
        )
    old = _with_prefix(tally, "country ")
    if old:
        notes.append(
            "retired CAMEO country codes kept in code, country set to ISO-3166: "
            + ", ".join(f"{k} ({v})" for k, v in old)
        )
    orgs = _with_prefix(tally, "organisation ")
    if orgs:
        notes.append(
            "organisation codes kept as given (country is the code, not a short name "
            "such as UN or NATO): " + ", ".join(f"{k} ({v})" for k, v in orgs)
        )
    if tally["sector ***"]:
        notes.append(f"unknown sector '***' dropped for {tally['sector ***']} actors")
    if tally["sector CIV"]:
        notes.append(f"sector CIV read as CVL for {tally['sector CIV']} actors")
    return notes


def _with_prefix(tally: Counter[str], prefix: str) -> list[tuple[str, int]]:
    """(rest of key, count) for the tally keys that start with ``prefix``, sorted."""
    return sorted((k.removeprefix(prefix), v) for k, v in tally.items() if k.startswith(prefix))
