"""Tests for dyads.store.queries over deduplicated events: unique events and their counts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dyads.records import Actor
from dyads.store import Store, queries

from .dedup_fixtures import RUS_GOV, article, report, write

USA = Actor(text="Washington", country="USA", sector="GOV", code="USAGOV")


@pytest.fixture
def store() -> Iterator[Store]:
    """An attack reported by a, b (same outlet) and c; a second attack only in c; a
    USA-RUS meeting in b."""
    with Store(":memory:") as fresh:
        write(
            fresh,
            article("a", report("a", day="2022-03-14"), source="Wire"),
            article(
                "b",
                report("b", day="2022-03-15"),
                report("b", day="2022-03-15", source=(USA,), target=(RUS_GOV,), cameo="040"),
                source="Wire",
            ),
            article(
                "c",
                report("c", day="2022-03-14"),
                report("c", day="2022-03-21", start=60),
                source="Daily",
            ),
        )
        yield fresh


def _attack(store: Store) -> dict:
    (first,) = [e for e in queries.events(store.con) if e["date"] == "2022-03-14"]
    return first


def test_queries_dedup_events_lists_unique_events(store: Store) -> None:
    found = queries.events(store.con)
    assert len(found) == 3
    assert all(e["id"] == e["cluster_id"] for e in found)
    assert [(e["num_mentions"], e["num_articles"], e["num_sources"]) for e in found] == [
        (3, 3, 2),  # 2022-03-14: a, b, c; outlets Wire and Daily
        (1, 1, 1),  # 2022-03-15: the meeting
        (1, 1, 1),  # 2022-03-21: the week-later attack
    ]
    assert len(queries.events(store.con, unique=False)) == 5
    assert queries.summary(store.con)["unique_events"] == 3


def test_queries_dedup_article_events_are_its_reports(store: Store) -> None:
    attack = _attack(store)
    found = queries.events(store.con, doc_id="b")
    assert len(found) == 2
    (report_b,) = [e for e in found if e["cameo"] == "190"]
    assert report_b["id"] != attack["id"] and report_b["cluster_id"] == attack["id"]
    assert report_b["num_mentions"] == 3
    article = queries.article(store.con, "b")
    assert article is not None
    assert {e["id"] for e in article["events"]} == {e["id"] for e in found}


def test_queries_dedup_mentions_of_any_report(store: Store) -> None:
    attack = _attack(store)
    report_b = next(e for e in queries.events(store.con, doc_id="b") if e["cameo"] == "190")
    by_report = queries.mentions(store.con, event_id=report_b["id"])
    assert by_report == queries.mentions(store.con, event_id=attack["id"])
    assert sorted(m["doc_id"] for m in by_report) == ["a", "b", "c"]
    assert {m["event_id"] for m in by_report} == {attack["id"]}


def test_queries_dedup_event(store: Store) -> None:
    attack = _attack(store)
    report_c = next(e for e in queries.events(store.con, doc_id="c") if e["date"] == "2022-03-14")
    found = queries.event(store.con, report_c["id"])
    assert found is not None
    assert {k: v for k, v in found.items() if k not in ("mentions", "articles")} == attack
    assert [a["id"] for a in found["articles"]] == ["a", "b", "c"]
    assert len(found["mentions"]) == 3
    assert queries.event(store.con, "nope") is None


def test_queries_dedup_top_dyads_count_unique(store: Store) -> None:
    top = {(d["source"], d["target"]): d for d in queries.top_dyads(store.con)}
    assert top["RUSMIL", "UKR"]["events"] == 2
    assert all(e["id"] == e["cluster_id"] for e in top["RUSMIL", "UKR"]["examples"])


def test_queries_dedup_dyad_timeline(store: Store) -> None:
    found = queries.dyad(store.con, "RUS", "UKR", by="week")
    assert [(p["period"], p["events"], p["mentions"]) for p in found["timeline"]] == [
        ("2022-03-14", 1, 3),
        ("2022-03-21", 1, 1),
    ]
    assert [e["num_mentions"] for e in found["events"]] == [3, 1]


@pytest.mark.parametrize(("unique", "expected"), [(True, 3), (False, 5)])
def test_queries_dedup_iter_records(store: Store, unique: bool, expected: int) -> None:
    rows = list(queries.iter_records(store.con, "events", page_size=2, unique=unique))
    assert len(rows) == expected
    assert all(set(queries.EVENT_STATS) <= set(r) for r in rows)
    plain = next(queries.iter_records(store.con, "events", stats=False))
    assert not set(queries.EVENT_STATS) & set(plain)
