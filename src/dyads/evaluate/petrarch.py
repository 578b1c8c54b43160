"""The ``petrarch-xml`` gold reader: PETRARCH / UD-PETRARCH validation records.

A validation file is XML: a ``<Validation>`` root holding an ``<Environment>`` (the
dictionaries to load and the ``<Include>`` list of categories under test) and
``<Sentences>``. Each ``<Sentence date="YYYYMMDD" id=... category=...>`` holds a
``<Text>``, a parse (ignored here) and the expected codings::

    <EventCoding sourcecode="ARN" targetcode="GON" eventcode="050" />
    <EventCoding noevents="True" />         (a negative: nothing should be coded)
    <EventCoding error="storydiscard" />    (a test of the coder's error handling)

A record is left out of scoring (``evaluate=False``) when it says so
(``evaluate="false"`` in UD-PETRARCH, ``sentence="false"`` in PETRARCH-1), when its
category is not in the file's ``<Include>`` list, or when it expects an error.

The files are not always well-formed XML, so the text is cleaned before parsing:
comments are removed even when nested, ``<PLEvent {json}>`` lines (PLOVER restatements
of the codings) and parse trees are dropped, and stray ``&`` are escaped. Codings
inside comments are disabled tests and are not read. Odd actor codes are read as:

* ``---`` (no actor) -> an empty actor; ``---GOV`` (no country) -> code "GOV",
  country None, sector "GOV" (the form ``make_code`` gives a countryless actor);
* ``FRO/BIL/SAM`` (a compound code) -> one actor per part in the same event;
* ``"THE MINISTRY OF MAGIC"`` (a noun phrase the coder should extract) -> an actor
  with that ``text`` and no code;
* ``+++`` / ``###`` (discard codes) -> kept as the code, with no country.

Every such choice is counted in ``GoldSet.notes``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from dyads.errors import DyadsError
from dyads.evaluate.gold import GoldActor, GoldEvent, GoldRecord, GoldSet, split_code

KIND = "petrarch-xml"

_TRUE = frozenset({"true", "yes", "1", "t", "y"})
_FALSE = frozenset({"false", "no", "0", "f", "n"})
_PARSE = re.compile(r"<Parse\b[^>]*>.*?</Parse\s*>", re.DOTALL | re.IGNORECASE)
_PLEVENT = re.compile(r"^[ \t]*<PLEvent\b[^\n]*$", re.MULTILINE)
_AMPERSAND = re.compile(r"&(?!#\d+;|#x[0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]*;)")
_COMMENT_OPEN = re.compile(r"<!\s*--")
_COMMENT_CLOSE = "-->"
_DISABLED_EVENT = re.compile(r"<EventCoding\b[^>]*\beventcode\s*=", re.IGNORECASE)
_DISABLED_SENTENCE = re.compile(r"<Sentence\b[^>]*\bid\s*=", re.IGNORECASE)


def read_petrarch(path: Path) -> GoldSet:
    """Read a PETRARCH validation-records XML file as gold.

    Args:
        path (Path): the records file (``PETR_Validate_records_*.xml`` and the like).
            Its actors and agents dictionaries are looked for in the same folder.

    RETURNS (GoldSet): one record per ``<Sentence>``, the dictionaries to load in
        ``actor_files``, and in ``notes`` what was skipped or reinterpreted.
    """
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as err:
        raise DyadsError(f"{path}: cannot read PETRARCH records ({err}).") from err
    tally: Counter[str] = Counter()
    root = _parse(_clean(raw, tally), path)
    include = _included_categories(root)
    tally["config"] = len(root.findall(".//Config"))

    records: list[GoldRecord] = []
    seen: Counter[str] = Counter()
    for sentence in root.iter("Sentence"):
        record = _record(sentence, include, tally)
        if record is None:
            continue
        seen[record.id] += 1
        if seen[record.id] > 1:
            tally["duplicate ids"] += 1
            record = replace(record, id=f"{record.id}#{seen[record.id]}")
        records.append(record)
    ontology = find_ontology(path)
    negations = read_negations(ontology) if ontology else {}
    notes = [*_notes(tally, include), *_verb_notes(path, root)]
    if find_verb_dictionaries(path, root) and not ontology:
        notes.append(
            "no PETRARCH 2 coding ontology beside the records: the verb dictionary is "
            "read as TABARI/PETRARCH 1 do (loose words before the verb apply)"
        )
    if negations:
        notes.append(
            f"negated events scored as the suite codes negation, from {ontology.name}: "
            "the code whose PICO value differs by 0xFFFF (didn't clash 110 -> 050)"
        )
    return GoldSet(
        kind=KIND,
        path=path,
        records=records,
        actor_files=find_dictionaries(path, root),
        verb_files=find_verb_dictionaries(path, root),
        notes=notes,
        negations=negations,
        convention="ud-petrarch" if ontology else "petrarch",
    )


def find_ontology(path: Path) -> Path | None:
    """The suite's internal coding ontology (PICO) next to a records file, if any."""
    folder = Path(path).parent
    found = [
        p
        for p in sorted(folder.glob("*"))
        if p.is_file() and p.suffix.lower() == ".txt" and "ontology" in p.name.lower()
    ]
    return found[0] if found else None


_NEGATION = 0xFFFF  # in PICO, a code and its negation differ by this much


def read_negations(path: Path) -> dict[str, str]:
    """CAMEO code -> the code of its negation, in the suite's coding ontology (PICO).

    Each line maps a CAMEO code to a PICO value, a sum of hexadecimal terms
    (``110:0x1007f#...``, ``121:-0xFFFF+0x0070``); a code and its negation differ by
    0xFFFF ("disapprove" 110 is "not cooperate diplomatically" 050 + 0xFFFF). The
    negation of a code is the first code whose value is 0xFFFF below it, else above
    it; ``---`` (value 0) means no event.
    """
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as err:
        raise DyadsError(f"{path}: cannot read the coding ontology ({err}).") from err
    values: dict[str, int] = {}
    by_value: dict[int, str] = {}
    for line in lines:
        code, sep, rest = line.partition(":")
        code, expr = code.strip(), rest.split("#")[0].replace(" ", "")
        if not sep or line.startswith("#") or not code or not expr:
            continue
        terms = re.findall(r"[+-]?(?:0x[0-9a-fA-F]+|\d+)", expr)
        if not terms or "".join(terms) != expr:
            continue
        value = sum(int(t, 0) for t in terms)
        values.setdefault(code, value)
        by_value.setdefault(value, code)
    negations: dict[str, str] = {}
    for code, value in values.items():
        other = by_value.get(value - _NEGATION) or by_value.get(value + _NEGATION)
        if other is not None:
            negations[code] = other
    return negations


def find_dictionaries(path: Path, root: ET.Element | None = None) -> tuple[Path, ...]:
    """The actors and agents dictionaries next to a records file.

    Files in the same folder whose names contain "actors" or "agents" and end in
    ``.txt`` (actors first), plus any that the file's ``<Environment>`` names.

    Args:
        path (Path): the records file.
        root (ET.Element | None): its parsed root, to read ``<Actorfile>``/``<Agentfile>``.

    RETURNS (tuple[Path, ...]): the dictionaries that exist.
    """
    folder = Path(path).parent
    texts = sorted(p for p in folder.glob("*") if p.is_file() and p.name.lower().endswith(".txt"))
    found = [p for p in texts if "actors" in p.name.lower()]
    found += [p for p in texts if "agents" in p.name.lower() and p not in found]
    if root is not None:
        for tag in ("Actorfile", "Agentfile"):
            for element in root.iter(tag):
                named = folder / (element.text or "").strip()
                if (element.text or "").strip() and named.is_file() and named not in found:
                    found.append(named)
    return tuple(found)


def find_verb_dictionaries(path: Path, root: ET.Element | None = None) -> tuple[Path, ...]:
    """The verb dictionary next to a records file: a ``.txt`` whose name contains
    "verbs", or the one the file's ``<Verbfile>`` names."""
    folder = Path(path).parent
    found = [
        p
        for p in sorted(folder.glob("*"))
        if p.is_file() and p.name.lower().endswith(".txt") and "verbs" in p.name.lower()
    ]
    if root is not None:
        for element in root.iter("Verbfile"):
            named = folder / (element.text or "").strip()
            if (element.text or "").strip() and named.is_file() and named not in found:
                found.append(named)
    return tuple(found)


def _verb_notes(path: Path, root: ET.Element | None) -> list[str]:
    return [
        f"verb dictionary imported and used alone (PETRARCH convention): {p.name}"
        for p in find_verb_dictionaries(path, root)
    ]


# -- cleaning and parsing ---------------------------------------------------------------
def _clean(raw: str, tally: Counter[str]) -> str:
    text = _strip_comments(raw, tally)
    text = _PARSE.sub("", text)
    text, tally["plevent"] = _PLEVENT.subn("", text)
    return _AMPERSAND.sub("&amp;", text)


def _strip_comments(text: str, tally: Counter[str]) -> str:
    """Remove ``<!-- ... -->`` comments, allowing them to nest (as the headers do)."""
    out: list[str] = []
    pos = 0
    while True:
        opening = _COMMENT_OPEN.search(text, pos)
        if opening is None:
            out.append(text[pos:])
            break
        out.append(text[pos : opening.start()])
        depth, cursor = 1, opening.end()
        while depth:
            close = text.find(_COMMENT_CLOSE, cursor)
            nested = _COMMENT_OPEN.search(text, cursor)
            if close < 0:  # unterminated: drop the rest, as a parser would refuse it
                cursor = len(text)
                break
            if nested is not None and nested.start() < close:
                depth, cursor = depth + 1, nested.end()
            else:
                depth, cursor = depth - 1, close + len(_COMMENT_CLOSE)
        body = text[opening.start() : cursor]
        tally["disabled events"] += len(_DISABLED_EVENT.findall(body))
        tally["disabled sentences"] += len(_DISABLED_SENTENCE.findall(body))
        pos = cursor
    return "".join(out)


def _parse(text: str, path: Path) -> ET.Element:
    try:
        return ET.fromstring(text)
    except ET.ParseError as err:
        raise DyadsError(
            f"{path}: not readable as PETRARCH validation XML ({err}, after removing "
            "comments, parses and <PLEvent> lines); check the file near that place."
        ) from err


def _included_categories(root: ET.Element) -> frozenset[str] | None:
    element = root.find(".//Environment/Include")
    if element is None or not (element.text or "").strip():
        return None
    return frozenset(word.upper() for word in (element.text or "").split())


# -- one record -------------------------------------------------------------------------
def _record(
    sentence: ET.Element, include: frozenset[str] | None, tally: Counter[str]
) -> GoldRecord | None:
    attrs = {k.strip().lower(): v.strip() for k, v in sentence.attrib.items()}
    record_id = attrs.get("id", "")
    text_element = sentence.find("Text")
    text = " ".join((text_element.text or "").split()) if text_element is not None else ""
    if not record_id or not text:
        tally["records without id or text"] += 1
        return None
    category = attrs.get("category") or None
    evaluate = True
    if attrs.get("evaluate", "").lower() in _FALSE or attrs.get("sentence", "").lower() in _FALSE:
        evaluate = False
        tally["marked not to evaluate"] += 1
    elif include is not None and (category or "").upper() not in include:
        evaluate = False
        tally["category not included"] += 1

    events: list[GoldEvent] = []
    no_event = False
    errors = []
    for coding in sentence.iter("EventCoding"):
        attr = {k.strip().lower(): v.strip() for k, v in coding.attrib.items()}
        if "error" in attr:
            errors.append(attr["error"])
        elif attr.get("noevents", "").lower() in _TRUE:
            no_event = True
        elif {"sourcecode", "targetcode", "eventcode"} & attr.keys():
            events.append(_event(attr, tally))
        else:
            tally["empty EventCoding"] += 1
    if errors:
        tally["expected errors"] += 1
        if evaluate:
            evaluate = False
            tally["not evaluated: expected error"] += 1
    if no_event and events:
        tally["noevents with events"] += 1
    if not events and not no_event and not errors:
        tally["records without codings"] += 1
    return GoldRecord(
        id=record_id,
        text=text,
        date=_iso_date(attrs.get("date"), tally),
        events=tuple(events),
        no_event=no_event,
        evaluate=evaluate,
        category=category,
    )


def _event(attr: dict[str, str], tally: Counter[str]) -> GoldEvent:
    cameo = attr.get("eventcode") or None
    if cameo is None:
        tally["events without eventcode"] += 1
    elif not cameo.isdigit():
        tally[f"non-numeric event code {cameo}"] += 1
    return GoldEvent(
        source=gold_actors(attr.get("sourcecode"), tally),
        target=gold_actors(attr.get("targetcode"), tally),
        cameo=cameo,
    )


def gold_actors(code: str | None, tally: Counter[str] | None = None) -> tuple[GoldActor, ...]:
    """The gold actors a PETRARCH actor code stands for (see the module notes).

    Args:
        code (str | None): the ``sourcecode`` / ``targetcode`` value.
        tally (Counter[str] | None): counts of the odd forms met, for the notes.

    RETURNS (tuple[GoldActor, ...]): one actor, or one per part of a compound code.
    """
    tally = tally if tally is not None else Counter()
    code = (code or "").strip()
    if len(code) >= 2 and code[0] == code[-1] == '"':
        tally["noun-phrase actors"] += 1
        return (GoldActor(text=code[1:-1].strip()),)
    code = code.upper()
    if "/" in code:
        tally["compound codes"] += 1
        return tuple(_one_actor(part, tally) for part in code.split("/") if part)
    return (_one_actor(code, tally),)


def _one_actor(code: str, tally: Counter[str]) -> GoldActor:
    if not code or set(code) == {"-"}:
        tally["null actors"] += 1
        return GoldActor()
    if code.startswith("---"):
        tally["null-country actors"] += 1
        rest = code[3:]
        return GoldActor(code=rest, country=None, sector=rest[:3] or None)
    if not code[:3].isalnum():
        tally["discard codes"] += 1
        return GoldActor(code=code)
    return split_code(code)


def _iso_date(value: str | None, tally: Counter[str]) -> str | None:
    if not value:
        tally["records without date"] += 1
        return None
    digits = value.strip().replace("-", "")
    try:
        return datetime.strptime(digits, "%Y%m%d").date().isoformat()
    except ValueError:
        tally["unreadable dates"] += 1
        return None


def _notes(tally: Counter[str], include: frozenset[str] | None) -> list[str]:
    """Human-readable notes on what was skipped or reinterpreted."""
    explain = {
        "plevent": "<PLEvent> lines skipped (PLOVER restatements of the EventCodings)",
        "config": "<Config> coder options ignored",
        "disabled events": "EventCodings inside XML comments (disabled) not read",
        "disabled sentences": "Sentences inside XML comments (disabled) not read",
        "marked not to evaluate": 'records marked evaluate="false"/sentence="false"',
        "category not included": (
            f"records whose category is not in <Include> ({' '.join(sorted(include or ()))})"
            " set evaluate=False"
        ),
        "expected errors": "records expecting a coder error (<EventCoding error=...>)",
        "not evaluated: expected error": "of those, set evaluate=False",
        "null actors": "'---' actor codes read as an empty actor",
        "null-country actors": "'---XXX' codes read as code XXX with no country",
        "compound codes": "'A/B/C' codes split into one actor per part in the event",
        "noun-phrase actors": "quoted noun-phrase actors kept as text with no code",
        "discard codes": "'+++'/'###' discard codes kept as the code with no country",
        "records without id or text": "Sentences without id or text skipped",
        "records without codings": "records with no EventCoding at all (kept, no events)",
        "noevents with events": "records with both noevents and events",
        "empty EventCoding": "EventCodings with no codes ignored",
        "events without eventcode": "events with no eventcode (cameo None)",
        "unreadable dates": "unreadable dates (date None)",
        "records without date": "records without a date",
        "duplicate ids": "duplicate record ids renamed with '#n'",
    }
    notes = [f"{explain.get(key, key + ' (kept as given)')}: {n}" for key, n in tally.items() if n]
    return sorted(notes)
