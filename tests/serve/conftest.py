"""A small dyads database for the web tests, built from hand-written records.

Two articles, three events, two quotes and three positions: enough for every page to have
something to show. The first article carries a ``<script>`` tag and a ``javascript:`` URL,
so the tests can check that untrusted text is escaped and never becomes a live link.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from dyads.records import Actor, ActorMention, Article, Coded, Event, Issue, Position, Quote
from dyads.serve import create_app
from dyads.store import Store

# Starlette 1.x warns (a UserWarning, which `filterwarnings = error` turns into a failure)
# when its test client runs on `httpx` rather than `httpx2`. The client works the same;
# drop this guard once the dev dependencies name httpx2.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

SCRIPT = "<script>alert(1)</script>"

USA = Actor(text="Washington", name="United States", country="USA", sector="GOV", code="USAGOV")
RUS = Actor(text="Moscow", name="Russia", country="RUS", sector="GOV", code="RUSGOV")
RYABKOV = Actor(
    text="Sergei Ryabkov", name="Sergei Ryabkov", country="RUS", sector="GOV", code="RUSGOV"
)
ARMS = Issue(id="arms_control", label="Arms control")

ARTICLE_1 = Article(
    id="art1",
    date="2024-03-04",
    source="Example Wire",
    url="javascript:alert(2)",
    title=f"Talks offered {SCRIPT}",
    text=(
        f"The United States proposed talks with Russia on Monday. {SCRIPT}\n\n"
        "Moscow accused Washington of bad faith.\n\n"
        '"We see no basis for talks," said Sergei Ryabkov.'
    ),
)
ARTICLE_2 = Article(
    id="art2",
    date="2024-03-13",
    source="Example Wire",
    url="https://example.org/news/2",
    title="Russia rejects proposal",
    text="Russia rejected the American proposal on Wednesday.",
)


def _event(article: Article, n: int, **fields: object) -> Event:
    base: dict[str, object] = {
        "id": f"{article.id}-e{n}",
        "doc_id": article.id,
        "date": article.date,
        "date_text": None,
        "mode": None,
        "negated": False,
        "modality": "asserted",
        "location": None,
    }
    return Event(**{**base, **fields})  # type: ignore[arg-type]


EVENTS_1 = (
    _event(
        ARTICLE_1,
        1,
        source=(USA,),
        target=(RUS,),
        cameo="036",
        plover="CONSULT",
        goldstein=4.0,
        quad_class=1,
        sentence=f"The United States proposed talks with Russia on Monday. {SCRIPT}",
        span=(0, 55),
        evidence={"rule": "lexicon:036/propose_talks", "trigger": "proposed"},
    ),
    _event(
        ARTICLE_1,
        2,
        source=(RUS,),
        target=(USA,),
        cameo="112",
        plover="ACCUSE",
        goldstein=-2.0,
        quad_class=3,
        sentence="Moscow accused Washington of bad faith.",
        span=(84, 123),
        evidence={"rule": "lexicon:112/accuse", "trigger": "accused"},
    ),
)
EVENTS_2 = (
    _event(
        ARTICLE_2,
        1,
        source=(RUS,),
        target=(USA,),
        cameo="125",
        plover="REJECT",
        goldstein=-5.0,
        quad_class=3,
        sentence="Russia rejected the American proposal on Wednesday.",
        span=(0, 51),
        evidence={"model": "dyads.embedding.v1", "trigger": "rejected"},
    ),
)
QUOTES_1 = (
    Quote(
        id="art1-q1",
        doc_id="art1",
        kind="direct",
        text="We see no basis for talks",
        span=(126, 151),
        speaker=RYABKOV,
        speaker_text="Sergei Ryabkov",
        cue="said",
        sentence_ids=(2,),
    ),
    Quote(
        id="art1-q2",
        doc_id="art1",
        kind="indirect",
        text=f"talks were possible {SCRIPT}",
        span=(0, 10),
        speaker=None,
        speaker_text="officials",
        cue="said",
        sentence_ids=(0,),
    ),
)
POSITIONS_1 = (
    Position(
        id="art1-p1",
        doc_id="art1",
        date="2024-03-04",
        actor=USA,
        issue=ARMS,
        stance=0.8,
        claim_text="The United States proposed talks",
        evidence={"event_id": "art1-e1"},
    ),
    Position(
        id="art1-p2",
        doc_id="art1",
        date="2024-03-04",
        actor=RYABKOV,
        issue=ARMS,
        stance=-0.6,
        claim_text="We see no basis for talks",
        evidence={"quote_id": "art1-q1"},
    ),
)
POSITIONS_2 = (
    Position(
        id="art2-p1",
        doc_id="art2",
        date="2024-03-13",
        actor=RUS,
        issue=ARMS,
        stance=-0.9,
        claim_text="Russia rejected the American proposal",
        evidence={"event_id": "art2-e1"},
    ),
)

MENTIONS_1 = (
    ActorMention(doc_id="art1", actor=USA, start=4, end=17, sentence_id=0),
    ActorMention(doc_id="art1", actor=RUS, start=84, end=90, sentence_id=1),
    ActorMention(doc_id="art1", actor=RYABKOV, start=136, end=150, sentence_id=2),
)
MENTIONS_2 = (ActorMention(doc_id="art2", actor=RUS, start=0, end=6, sentence_id=0),)

CODED = [
    Coded(
        article=ARTICLE_1,
        events=EVENTS_1,
        quotes=QUOTES_1,
        positions=POSITIONS_1,
        mentions=MENTIONS_1,
    ),
    Coded(article=ARTICLE_2, events=EVENTS_2, positions=POSITIONS_2, mentions=MENTIONS_2),
]


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB file holding ``CODED``, written through the store and then closed."""
    path = tmp_path_factory.mktemp("serve") / "serve.duckdb"
    with Store(path) as store:
        run_id = store.start_run(pipeline_version="test", config={}, inputs=["tests/serve"])
        store.write_batch(CODED, run_id=run_id, pipeline_version="test")
    return path


@pytest.fixture(scope="session")
def client(db_path: Path) -> Iterator[TestClient]:
    """The app over ``db_path``, started and shut down like a served app."""
    with TestClient(create_app(db_path)) as test_client:
        yield test_client
