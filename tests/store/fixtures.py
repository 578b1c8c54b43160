"""Small hand-built ``Coded`` values for store and export tests (no spaCy needed).

Three articles about Russia and the United States:

- ``a1`` (2022-01-10): Russia's government (Lavrov) accuses the US government (CAMEO 112),
  and Russia's army and government together threaten it (138, two sources). A quote by
  Lavrov, a position of RUSGOV against NATO expansion, an article-level reject.
- ``a2`` (2022-01-20): the US government (Blinken) met Russia's "yesterday" in Geneva
  (040); a quote by Blinken, positions of USAGOV on NATO expansion and on sanctions.
- ``a3`` (2022-02-03): the US government imposes sanctions on Russia's (163, planned);
  a NATO statement quoted without a coded speaker, a NATO position; an undated event.
"""

from __future__ import annotations

from pathlib import Path

from dyads.records import (
    Actor,
    ActorMention,
    Article,
    Coded,
    Event,
    Issue,
    Location,
    Position,
    Quote,
    Reject,
    content_hash,
)
from dyads.store import Store

LAVROV = Actor(
    text="Sergei Lavrov",
    name="Sergei Lavrov",
    country="RUS",
    sector="GOV",
    code="RUSGOV",
    kb_id="Q83410",
    evidence="kb",
)
RUS_MIL = Actor(text="the Russian army", country="RUS", sector="MIL", code="RUSMIL")
MOSCOW = Actor(text="Moscow", country="RUS", sector="GOV", code="RUSGOV", evidence="capital")
BLINKEN = Actor(
    text="Blinken",
    name="Antony Blinken",
    country="USA",
    sector="GOV",
    code="USAGOV",
    kb_id="Q4773",
)
WASHINGTON = Actor(text="Washington", country="USA", sector="GOV", code="USAGOV")
NATO = Actor(text="NATO", name="NATO", country="NATO", sector="IGO", code="IGOWSTNAT")

NATO_EXPANSION = Issue(id="nato_expansion", label="NATO expansion")
SANCTIONS = Issue(id="sanctions", label="Sanctions on Russia")

A1_TEXT = (
    "Russian Foreign Minister Sergei Lavrov accused Washington of lying. "
    "The Russian army and Moscow threatened Washington. "
    '"NATO must not expand," Lavrov said.'
)
A2_TEXT = (
    "Blinken met Russian officials in Geneva yesterday. "
    '"We will defend the open door," Blinken said.'
)
A3_TEXT = "Washington will impose sanctions on Moscow. NATO said it backs them."


def _event_id(doc_id: str, start: int, end: int, cameo: str) -> str:
    return content_hash(doc_id, str(start), str(end), cameo)


def _article_1() -> Coded:
    art = Article(
        id="a1",
        text=A1_TEXT,
        date="2022-01-10",
        source="Example Wire",
        url="https://example.org/a1",
        title="Lavrov accuses Washington",
        origin="news.jsonl",
        record=1,
    )
    accuse = Event(
        id=_event_id("a1", 0, 67, "112"),
        doc_id="a1",
        date="2022-01-10",
        date_text=None,
        source=(LAVROV,),
        target=(WASHINGTON,),
        cameo="112",
        plover="ACCUSE",
        mode=None,
        goldstein=-2.0,
        quad_class=3,
        negated=False,
        modality="asserted",
        location=None,
        sentence=A1_TEXT[:67],
        span=(0, 67),
        evidence={"rule": "lexicon:accuse", "trigger": "accused"},
    )
    threaten = Event(
        id=_event_id("a1", 68, 118, "138"),
        doc_id="a1",
        date="2022-01-10",
        date_text=None,
        source=(RUS_MIL, MOSCOW),
        target=(WASHINGTON,),
        cameo="138",
        plover="THREATEN",
        mode="military",
        goldstein=-7.0,
        quad_class=3,
        negated=False,
        modality="asserted",
        location=None,
        sentence=A1_TEXT[68:118],
        span=(68, 118),
        evidence={"rule": "lexicon:threaten", "trigger": "threatened"},
    )
    quote = Quote(
        id=content_hash("a1", "quote", "121"),
        doc_id="a1",
        kind="direct",
        text="NATO must not expand,",
        span=(120, 141),
        speaker=LAVROV,
        speaker_text="Lavrov",
        cue="said",
        sentence_ids=(2,),
        evidence={"rule": "direct.v1"},
    )
    position = Position(
        id=content_hash("a1", "position", "nato_expansion"),
        doc_id="a1",
        date="2022-01-10",
        actor=LAVROV,
        issue=NATO_EXPANSION,
        stance=-1.0,
        claim_text="NATO must not expand",
        evidence={"quote_id": quote.id},
    )
    mentions = (
        ActorMention("a1", LAVROV, 25, 38, 0),
        ActorMention("a1", WASHINGTON, 47, 57, 0),
        ActorMention("a1", RUS_MIL, 68, 84, 1),
        ActorMention("a1", MOSCOW, 89, 95, 1),
        ActorMention("a1", WASHINGTON, 107, 117, 1),
        ActorMention("a1", LAVROV, 143, 149, 2),
    )
    reject = Reject(
        origin="news.jsonl", record=1, reason="1 quotation mark is unclosed", doc_id="a1"
    )
    return Coded(
        article=art,
        events=(accuse, threaten),
        quotes=(quote,),
        positions=(position,),
        mentions=mentions,
        rejects=(reject,),
    )


def _article_2() -> Coded:
    art = Article(
        id="a2",
        text=A2_TEXT,
        date="2022-01-20",
        source="Example Times",
        url="https://example.org/a2",
        title="Talks in Geneva",
        origin="news.jsonl",
        record=2,
    )
    meet = Event(
        id=_event_id("a2", 0, 50, "040"),
        doc_id="a2",
        date="2022-01-19",
        date_text="yesterday",
        source=(BLINKEN,),
        target=(MOSCOW,),
        cameo="040",
        plover="CONSULT",
        mode="visit",
        goldstein=1.0,
        quad_class=1,
        negated=False,
        modality="asserted",
        location=Location(name="Geneva", country="CHE", lat=46.20222, lon=6.14569),
        sentence=A2_TEXT[:50],
        span=(0, 50),
        evidence={"model": "dyads.embedding.v1", "trigger": "met", "score": 0.81},
    )
    quote = Quote(
        id=content_hash("a2", "quote", "51"),
        doc_id="a2",
        kind="direct",
        text="We will defend the open door,",
        span=(52, 81),
        speaker=BLINKEN,
        speaker_text="Blinken",
        cue="said",
        sentence_ids=(1,),
    )
    expansion = Position(
        id=content_hash("a2", "position", "nato_expansion"),
        doc_id="a2",
        date="2022-01-20",
        actor=BLINKEN,
        issue=NATO_EXPANSION,
        stance=0.5,
        claim_text="We will defend the open door",
        evidence={"quote_id": quote.id},
    )
    sanctions = Position(
        id=content_hash("a2", "position", "sanctions"),
        doc_id="a2",
        date="2022-01-20",
        actor=WASHINGTON,
        issue=SANCTIONS,
        stance=1.0,
        claim_text="sanctions are ready",
        evidence={"event_id": meet.id},
    )
    mentions = (
        ActorMention("a2", BLINKEN, 0, 7, 0),
        ActorMention("a2", BLINKEN, 83, 90, 1),
    )
    return Coded(
        article=art,
        events=(meet,),
        quotes=(quote,),
        positions=(expansion, sanctions),
        mentions=mentions,
    )


def _article_3() -> Coded:
    art = Article(id="a3", text=A3_TEXT, date="2022-02-03", source="Example Wire")
    sanction = Event(
        id=_event_id("a3", 0, 43, "163"),
        doc_id="a3",
        date="2022-02-02",
        date_text="Wednesday",
        source=(WASHINGTON,),
        target=(MOSCOW,),
        cameo="163",
        plover="SANCTION",
        mode=None,
        goldstein=-8.0,
        quad_class=4,
        negated=False,
        modality="planned",
        location=None,
        sentence=A3_TEXT[:43],
        span=(0, 43),
        evidence={"rule": "lexicon:sanction", "trigger": "impose sanctions"},
    )
    backing = Event(
        id=_event_id("a3", 44, 68, "051"),
        doc_id="a3",
        date=None,
        date_text=None,
        source=(NATO,),
        target=(WASHINGTON,),
        cameo="051",
        plover="SUPPORT",
        mode=None,
        goldstein=3.4,
        quad_class=1,
        negated=True,
        modality="reported",
        location=None,
        sentence=A3_TEXT[44:68],
        span=(44, 68),
        evidence={"rule": "lexicon:back", "trigger": "backs"},
    )
    quote = Quote(
        id=content_hash("a3", "quote", "44"),
        doc_id="a3",
        kind="indirect",
        text="it backs them",
        span=(54, 67),
        speaker=None,
        speaker_text="NATO",
        cue="said",
        sentence_ids=(1,),
    )
    position = Position(
        id=content_hash("a3", "position", "sanctions"),
        doc_id="a3",
        date="2022-02-03",
        actor=NATO,
        issue=SANCTIONS,
        stance=0.5,
        claim_text="it backs them",
        evidence={"quote_id": quote.id},
    )
    return Coded(
        article=art,
        events=(sanction, backing),
        quotes=(quote,),
        positions=(position,),
        mentions=(ActorMention("a3", NATO, 44, 48, 1),),
    )


def coded_batch() -> list[Coded]:
    """Return the three coded articles ``a1``, ``a2``, ``a3``."""
    return [_article_1(), _article_2(), _article_3()]


def recoded_a1() -> Coded:
    """Return ``a1`` as a later pipeline version codes it: one event, nothing else."""
    first = _article_1()
    return Coded(article=first.article, events=first.events[:1])


def input_rejects() -> list[Reject]:
    """Return input-level rejects (records that never became an article)."""
    return [Reject(origin="news.jsonl", record=3, reason="empty text")]


# What coded_batch() plus input_rejects() put in each table.
EXPECTED_COUNTS = {
    "articles": 3,
    "events": 5,
    "mentions": 5,
    "quotes": 3,
    "positions": 4,
    "actors": 9,
    "rejects": 2,
}


def build_store(path: Path, *, version: str = "0.1.0") -> Store:
    """Create a store at ``path`` holding ``coded_batch()`` and ``input_rejects()``."""
    store = Store(path)
    run_id = store.start_run(pipeline_version=version, config={"seed": 1}, inputs=["news.jsonl"])
    store.write_batch(
        coded_batch(), run_id=run_id, pipeline_version=version, rejects=input_rejects()
    )
    store.finish_run(run_id, stats={"articles": 3})
    return store
