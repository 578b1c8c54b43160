"""Gold records: what every gold-format reader yields, and what the metrics compare.

Each reader in ``dyads.evaluate`` turns one gold format into ``GoldRecord`` values; the
runner codes each record's text with ``code_article`` and scores the result against
the record's gold events, quotes, positions or label. Keeping one shape for all
formats means one set of metrics serves PETRARCH suites, PLOVER records, PolNeAR
quotes, PLV dyads and the project's own JSONL gold.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyads.errors import DyadsError

#: The gold formats ``dyads eval --kind`` reads (the readers are in ``dyads.evaluate.run``).
KINDS = (
    "petrarch-xml",
    "plover-gsr",
    "plv",
    "polnear",
    "jsonl",
    "ngec-actors",
    "cameo-manual",
    "event-location",
)


@dataclass(frozen=True)
class GoldActor:
    """One gold actor. ``code`` is the CAMEO actor string when the gold gives one
    ("TUNJUD", "ARNGOV", "USA"); ``country`` and ``sector`` are its parts when known."""

    code: str | None = None
    country: str | None = None
    sector: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class GoldEvent:
    """One gold event; several sources/targets mean one event with lists."""

    source: tuple[GoldActor, ...] = ()
    target: tuple[GoldActor, ...] = ()
    cameo: str | None = None  # exact CAMEO code when the gold has one
    plover: str | None = None  # PLOVER type (current names: REQUEST, ACCUSE, ASSAULT, ...)


@dataclass(frozen=True)
class GoldQuote:
    """One gold quote (attribution): character spans into the record's text."""

    content: tuple[int, int]
    source: tuple[int, int] | None = None  # the speaker's span as written
    cue: tuple[int, int] | None = None
    kind: str | None = None  # direct | indirect | mixed, when the gold says
    speaker: str | None = None  # speaker name/code when the gold gives one


@dataclass(frozen=True)
class GoldPosition:
    actor: str  # actor code or country
    issue: str  # issue id
    stance: float


@dataclass(frozen=True)
class GoldRecord:
    """One unit of gold: a text and what should be found in it."""

    id: str
    text: str
    date: str | None = None  # ISO
    events: tuple[GoldEvent, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()
    positions: tuple[GoldPosition, ...] = ()
    no_event: bool = False  # explicitly marked as holding no event (a negative)
    evaluate: bool = True  # False: present in the file but excluded from scoring
    dyad: tuple[str, str] | None = None  # PLV: the given source and target text
    label: str | None = None  # PLV: the gold PLOVER type for that dyad
    actor: GoldActor | None = None  # actor tests: what the whole text should be coded as
    category: str | None = None  # the gold's own grouping (PETRARCH category, ...)


@dataclass
class GoldSet:
    """A gold file read by one reader, plus what the run must load to use it."""

    kind: str
    path: Path
    records: list[GoldRecord]
    actor_files: tuple[Path, ...] = ()  # dictionaries to add to the knowledge (PETRARCH)
    verb_files: tuple[Path, ...] = ()  # PETRARCH verb dictionaries the gold was coded with
    notes: list[str] = field(default_factory=list)  # what the reader skipped and why
    # the gold's own reading of a negated event: CAMEO code -> the code it is scored as
    # ("---": no event), from the suite's coding ontology (PETRARCH)
    negations: dict[str, str] = field(default_factory=dict)
    # how the gold reads its PETRARCH verb dictionary: "ud-petrarch" (a suite with its
    # PETRARCH 2 coding ontology) or "petrarch" (TABARI / PETRARCH 1: loose words
    # before the verb apply, see events/petrarch_verbs.read_petrarch_verbs)
    convention: str = ""

    def __iter__(self) -> Iterator[GoldRecord]:
        return iter(self.records)


def split_code(code: str | None) -> GoldActor:
    """A CAMEO actor string as a ``GoldActor``: "TUNJUD" -> country TUN, sector JUD.

    Organisation codes ("IGOWSTNAT", "NGO") keep the whole string as ``code`` and put
    the three-letter prefix in ``country``; an empty code gives an empty actor.
    """
    if not code:
        return GoldActor()
    code = code.strip().upper()
    return GoldActor(code=code, country=code[:3], sector=code[3:6] or None)


def json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """The JSON values of a JSON Lines gold file with their line numbers; blank lines
    are skipped.

    Raises:
        DyadsError: a line is not JSON, named by ``path:line``.
    """
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as err:
                raise DyadsError(f"{path}:{n}: not valid JSON ({err.msg}).") from err
