"""Acceptance tests of issue 8: articles coded by the real pipeline, deduplicated by the store.

Two different articles reporting the same event yield one event with two mentions;
coding the same article again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language

from dyads.knowledge import Knowledge
from dyads.pipeline import code_article
from dyads.records import Article, Coded
from dyads.store import Store, queries
from dyads.tone import article_tone

from .dedup_fixtures import snapshot

ATTACK = "Russian troops attacked Ukrainian positions near Donetsk on Monday."
TEXTS = {
    "a": f"{ATTACK} The Kremlin declined to comment on the reports.",
    "b": f"Heavy fighting continued in the east of the country. {ATTACK}",
}
DAY = "2022-03-16"


def _code(nlp: Language, knowledge: Knowledge, doc: str, text: str) -> Coded:
    article = Article(id=doc, text=text, date=DAY, source=f"Wire {doc}")
    return code_article(article, nlp, knowledge)


@pytest.fixture(scope="module")
def coded(nlp: Language, knowledge: Knowledge) -> dict[str, Coded]:
    return {doc: _code(nlp, knowledge, doc, text) for doc, text in TEXTS.items()}


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as fresh:
        yield fresh


def _write(store: Store, *items: Coded) -> None:
    run = store.start_run(pipeline_version="t", config={}, inputs=[])
    store.write_batch(list(items), run_id=run, pipeline_version="t")


def _attacks(store: Store) -> list[dict[str, Any]]:
    return [e for e in queries.events(store.con) if e["sentence"] == ATTACK]


def test_dedup_pipeline_codes_the_attack_in_both(coded: dict[str, Coded]) -> None:
    for item in coded.values():
        assert [e.sentence for e in item.events].count(ATTACK) == 1, item.article.id


def test_dedup_pipeline_two_articles_one_event_two_mentions(
    store: Store, coded: dict[str, Coded]
) -> None:
    _write(store, coded["a"], coded["b"])
    (event,) = _attacks(store)
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (2, 2, 2)
    found = queries.mentions(store.con, event_id=event["id"])
    assert sorted(m["doc_id"] for m in found) == ["a", "b"]
    for mention in found:  # each mention points at its own article's words
        start, end = mention["span"]
        assert TEXTS[mention["doc_id"]][start:end] in ATTACK
    assert queries.summary(store.con)["unique_events"] == store.counts()["events"] - 1


def test_dedup_pipeline_recoding_changes_nothing(store: Store, coded: dict[str, Coded]) -> None:
    _write(store, coded["a"], coded["b"])
    before = snapshot(store.con)
    _write(store, coded["a"])
    assert snapshot(store.con) == before


def test_dedup_pipeline_order_independent(store: Store, coded: dict[str, Coded]) -> None:
    _write(store, coded["b"])
    _write(store, coded["a"])
    with Store(":memory:") as other:
        _write(other, coded["a"], coded["b"])
        assert snapshot(store.con) == snapshot(other.con)


def test_dedup_pipeline_group_shrinks_when_article_changes(
    store: Store, coded: dict[str, Coded], nlp: Language, knowledge: Knowledge
) -> None:
    _write(store, coded["a"], coded["b"])
    # b is corrected under the same id: it no longer reports the attack
    _write(store, _code(nlp, knowledge, "b", "Heavy fighting continued in the east."))
    (event,) = _attacks(store)
    assert (event["num_mentions"], event["num_articles"]) == (1, 1)
    assert [m["doc_id"] for m in queries.mentions(store.con, event_id=event["id"])] == ["a"]


def test_dedup_pipeline_stores_article_tone(store: Store, coded: dict[str, Coded]) -> None:
    _write(store, coded["a"])
    found = queries.article(store.con, "a")
    assert found is not None
    assert found["tone"] == pytest.approx(article_tone(TEXTS["a"]))
    assert found["tone"] < 0  # an attack
