"""Records that flow through dyads: one frozen dataclass per kind of output.

Every record is a value: it is created once by ``code_article`` and never changed.
``to_dict()`` gives the JSON shape of DESIGN.md §5, which is the contract shared by
the JSONL export, the CLI's ``--json`` and the web API.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def content_hash(*parts: str, length: int = 16) -> str:
    """Return a stable hex id for ``parts``.

    Args:
        parts (str): strings to hash, joined with a separator that cannot occur in text.
        length (int): number of hex characters kept. Defaults to 16.

    RETURNS (str): the id; the same parts always give the same id.
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class Article:
    """One news article as read from an input.

    ``origin`` and ``record`` say where it came from (file path, 1-based line or row),
    so that any message or reject can point the user back to the input.
    """

    id: str
    text: str
    date: str | None = None  # ISO date of publication, YYYY-MM-DD
    source: str | None = None  # outlet name
    url: str | None = None
    title: str | None = None
    origin: str | None = None
    record: int | None = None

    @staticmethod
    def make_id(text: str) -> str:
        """Content hash used as the article id when the input gives none."""
        return content_hash(text.strip())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Actor:
    """A coded actor (DESIGN.md §3, §5).

    ``code`` is the CAMEO actor string derived from country and sector (``RUSGOV``);
    ``evidence`` names the rule or knowledge-base entry that decided the code.
    """

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    kb_id: str | None = None
    evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "kb_id": self.kb_id,
        }


@dataclass(frozen=True)
class ActorMention:
    """An actor found at a place in an article (character offsets into the article)."""

    doc_id: str
    actor: Actor
    start: int
    end: int
    sentence_id: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            **self.actor.to_dict(),
            "span": [self.start, self.end],
            "sentence_id": self.sentence_id,
            "evidence": self.actor.evidence,
        }


@dataclass(frozen=True)
class Location:
    """A gazetteer place: ``country`` is ISO3; ``admin1_code``/``admin1_name`` the
    first-level region (GeoNames codes; the name where the gazetteer has one);
    ``geonameid`` the GeoNames feature id, stable across runs for joining and maps."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1_code: str | None = None
    admin1_name: str | None = None
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Event:
    """Who did what to whom: one coded event with its evidence."""

    id: str
    doc_id: str
    date: str | None
    date_text: str | None
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    cameo: str
    plover: str | None
    mode: str | None
    goldstein: float | None
    quad_class: int | None
    negated: bool
    modality: str  # asserted | reported | planned | conditional | hypothetical
    location: Location | None
    sentence: str
    span: tuple[int, int]
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "date": self.date,
            "date_text": self.date_text,
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "cameo": self.cameo,
            "plover": self.plover,
            "mode": self.mode,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "negated": self.negated,
            "modality": self.modality,
            "location": self.location.to_dict() if self.location else None,
            "sentence": self.sentence,
            "span": list(self.span),
            "evidence": dict(self.evidence),
        }


@dataclass(frozen=True)
class Quote:
    """Who said what: a direct, indirect or mixed quote and its speaker."""

    id: str
    doc_id: str
    kind: str  # direct | indirect | mixed
    text: str
    span: tuple[int, int]
    speaker: Actor | None
    speaker_text: str | None
    cue: str | None
    sentence_ids: tuple[int, ...]
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "kind": self.kind,
            "text": self.text,
            "span": list(self.span),
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_text": self.speaker_text,
            "cue": self.cue,
            "sentence_ids": list(self.sentence_ids),
            "evidence": dict(self.evidence),
        }


@dataclass(frozen=True)
class Issue:
    id: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Position:
    """Who wants what: an actor's stance on an issue, in [-1, +1], with its evidence."""

    id: str
    doc_id: str
    date: str | None
    actor: Actor
    issue: Issue
    stance: float
    claim_text: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "date": self.date,
            "actor": self.actor.to_dict(),
            "issue": self.issue.to_dict(),
            "stance": self.stance,
            "claim_text": self.claim_text,
            "evidence": dict(self.evidence),
        }


@dataclass(frozen=True)
class Reject:
    """Input that could not be coded, with a reason a person can act on."""

    origin: str | None
    record: int | None
    reason: str
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Coded:
    """Everything ``code_article`` found in one article."""

    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    positions: tuple[Position, ...] = ()
    mentions: tuple[ActorMention, ...] = ()
    rejects: tuple[Reject, ...] = ()
    #: the article's tone in [-100, 100] (GDELT's AvgTone scale); None when not scored
    tone: float | None = None
