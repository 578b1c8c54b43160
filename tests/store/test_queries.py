"""Tests for dyads.store.queries: listings, filters, aggregates, dyads and summary."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dyads.errors import UsageError
from dyads.store import Store, queries
from dyads.store.queries import InvalidQuery

from .fixtures import EXPECTED_COUNTS, build_store, coded_batch


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with build_store(tmp_path / "db.duckdb") as built:
        yield built


def _ids(records: list[dict]) -> list[str]:
    return [r["id"] for r in records]


def _event_ids(*names: str) -> list[str]:
    """Event ids by (doc, cameo) name, e.g. "a1:112"."""
    by_name = {f"{e.doc_id}:{e.cameo}": e.id for c in coded_batch() for e in c.events}
    return [by_name[name] for name in names]


def _json_roundtrip(value: object) -> object:
    return json.loads(json.dumps(value))


def test_queries_events_equal_to_dict(store: Store) -> None:
    expected = {e.id: e.to_dict() for c in coded_batch() for e in c.events}
    found = queries.events(store.con)
    assert len(found) == len(expected)
    for event in found:
        # the fixture's events are all different: each is a cluster of one report
        stats = {"cluster_id": event["id"], "num_mentions": 1, "num_articles": 1, "num_sources": 1}
        assert event == {**_json_roundtrip(expected[event["id"]]), **stats}


def test_queries_events_ordered_by_date_then_id(store: Store) -> None:
    found = queries.events(store.con)
    keys = [(e["date"] or "9999", e["id"]) for e in found]
    assert keys == sorted(keys)
    assert found[-1]["date"] is None


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("RUS", ["a1:112", "a1:138", "a2:040", "a3:163"]),
        ("rusgov", ["a1:112", "a1:138", "a2:040", "a3:163"]),
        ("RUSMIL", ["a1:138"]),
        ("NATO", ["a3:051"]),
        ("IGO", ["a3:051"]),
        ("IGOWSTNAT", ["a3:051"]),
        ("USA", ["a1:112", "a1:138", "a2:040", "a3:163", "a3:051"]),
        ("RU", []),
        ("RUSGO", []),
        ("CHN", []),
    ],
)
def test_queries_events_actor_filter(store: Store, actor: str, expected: list[str]) -> None:
    found = queries.events(store.con, actor=actor)
    assert sorted(_ids(found)) == sorted(_event_ids(*expected))


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"since": "2022-01-15"}, ["a2:040", "a3:163"]),
        ({"until": "2022-01-19"}, ["a1:112", "a1:138", "a2:040"]),
        ({"since": "2022-01-19", "until": "2022-01-19"}, ["a2:040"]),
        ({"since": "2022-01-15", "actor": "RUSMIL"}, []),
        ({"doc_id": "a3"}, ["a3:163", "a3:051"]),
    ],
)
def test_queries_events_filters(store: Store, kwargs: dict, expected: list[str]) -> None:
    found = queries.events(store.con, **kwargs)
    assert sorted(_ids(found)) == sorted(_event_ids(*expected))


def test_queries_events_limit_offset(store: Store) -> None:
    everything = _ids(queries.events(store.con))
    assert _ids(queries.events(store.con, limit=2)) == everything[:2]
    assert _ids(queries.events(store.con, limit=2, offset=2)) == everything[2:4]
    assert _ids(queries.events(store.con, offset=4)) == everything[4:]
    assert queries.events(store.con, limit=0) == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"since": "2022-13-01"},
        {"until": "last week"},
        {"limit": -1},
        {"offset": -2},
        {"actor": " "},
    ],
)
def test_queries_events_bad_arguments_raise(store: Store, kwargs: dict) -> None:
    with pytest.raises(InvalidQuery) as info:
        queries.events(store.con, **kwargs)
    assert isinstance(info.value, UsageError)
    assert isinstance(info.value, ValueError)


def test_queries_actor_value_is_a_parameter(store: Store) -> None:
    assert queries.events(store.con, actor="RUS') OR TRUE --") == []
    assert queries.events(store.con, doc_id="a1' OR '1'='1") == []


@pytest.mark.parametrize(
    ("kwargs", "expected_docs"),
    [
        ({}, ["a1", "a2", "a3"]),
        ({"actor": "RUS"}, ["a1"]),
        ({"actor": "usagov"}, ["a2"]),
        ({"actor": "NATO"}, []),  # a3's quote has no coded speaker
        ({"since": "2022-02-01"}, ["a3"]),
        ({"until": "2022-01-15"}, ["a1"]),
        ({"doc_id": "a2"}, ["a2"]),
    ],
)
def test_queries_quotes_filters(store: Store, kwargs: dict, expected_docs: list[str]) -> None:
    assert [q["doc_id"] for q in queries.quotes(store.con, **kwargs)] == expected_docs


def test_queries_quotes_equal_to_dict(store: Store) -> None:
    expected = [q.to_dict() for c in coded_batch() for q in c.quotes]
    assert queries.quotes(store.con) == _json_roundtrip(expected)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, [("a1", "nato_expansion"), ("a2", "nato_expansion"), ("a2", "sanctions"),
              ("a3", "sanctions")]),
        ({"actor": "USA"}, [("a2", "nato_expansion"), ("a2", "sanctions")]),
        ({"actor": "NATO"}, [("a3", "sanctions")]),
        ({"actor": "RUSGOV", "since": "2022-01-11"}, []),
        ({"since": "2022-01-15"}, [("a2", "nato_expansion"), ("a2", "sanctions"),
                                   ("a3", "sanctions")]),
    ],
)  # fmt: skip
def test_queries_positions_filters(
    store: Store, kwargs: dict, expected: list[tuple[str, str]]
) -> None:
    found = queries.positions(store.con, **kwargs)
    assert sorted((p["doc_id"], p["issue"]["id"]) for p in found) == expected


def test_queries_positions_equal_to_dict(store: Store) -> None:
    expected = {p.id: p.to_dict() for c in coded_batch() for p in c.positions}
    found = queries.positions(store.con)
    assert {p["id"]: p for p in found} == _json_roundtrip(expected)


def test_queries_actors_aggregated(store: Store) -> None:
    found = queries.actors(store.con)
    assert sum(a["mentions"] for a in found) == EXPECTED_COUNTS["actors"]
    assert [(a["code"], a["name"], a["mentions"]) for a in found] == [
        ("RUSGOV", "Sergei Lavrov", 2),
        ("USAGOV", "Antony Blinken", 2),
        ("USAGOV", None, 2),
        ("IGOWSTNAT", "NATO", 1),
        ("RUSGOV", None, 1),
        ("RUSMIL", None, 1),
    ]
    assert found[0] == {
        "code": "RUSGOV",
        "name": "Sergei Lavrov",
        "country": "RUS",
        "sector": "GOV",
        "mentions": 2,
    }
    assert len(queries.actors(store.con, limit=2)) == 2


def test_queries_actor_mentions_equal_to_dict(store: Store) -> None:
    expected = [m.to_dict() for c in coded_batch() for m in c.mentions]
    found = queries.actor_mentions(store.con)
    assert sorted(found, key=json.dumps) == sorted(_json_roundtrip(expected), key=json.dumps)
    assert len(queries.actor_mentions(store.con, doc_id="a2")) == 2


def test_queries_mentions_one_per_event(store: Store) -> None:
    found = queries.mentions(store.con)
    assert sorted(m["event_id"] for m in found) == sorted(_ids(queries.events(store.con)))
    (meet,) = queries.mentions(store.con, event_id=_event_ids("a2:040")[0])
    assert meet == {
        "event_id": _event_ids("a2:040")[0],
        "doc_id": "a2",
        "date": "2022-01-20",
        "event_date": "2022-01-19",
        "sentence": "Blinken met Russian officials in Geneva yesterday.",
        "span": [0, 50],
    }


def test_queries_article(store: Store) -> None:
    found = queries.article(store.con, "a1")
    assert found is not None
    first = coded_batch()[0]
    for key, value in first.article.to_dict().items():
        assert found[key] == value
    assert found["pipeline_version"] == "0.1.0"
    assert found["coded_at"]
    assert sorted(_ids(found["events"])) == sorted(_event_ids("a1:112", "a1:138"))
    assert len(found["quotes"]) == 1
    assert len(found["positions"]) == 1
    assert len(found["actors"]) == 6
    assert queries.article(store.con, "missing") is None


def test_queries_top_dyads(store: Store) -> None:
    found = queries.top_dyads(store.con)
    assert [(d["source"], d["target"], d["events"]) for d in found] == [
        ("RUSGOV", "USAGOV", 2),
        ("USAGOV", "RUSGOV", 2),
        ("IGOWSTNAT", "USAGOV", 1),
        ("RUSMIL", "USAGOV", 1),
    ]
    assert found[0]["goldstein_mean"] == pytest.approx(-4.5)
    assert sorted(_ids(found[1]["examples"])) == sorted(_event_ids("a2:040", "a3:163"))
    # The threat has two sources, so it counts for RUSGOV->USAGOV and RUSMIL->USAGOV.
    threat = _event_ids("a1:138")[0]
    assert threat in _ids(found[0]["examples"])
    assert _ids(found[3]["examples"]) == [threat]
    assert len(queries.top_dyads(store.con, limit=1)) == 1


def test_queries_latest_quotes(store: Store) -> None:
    assert [q["doc_id"] for q in queries.latest_quotes(store.con)] == ["a3", "a2", "a1"]
    assert [q["doc_id"] for q in queries.latest_quotes(store.con, limit=1)] == ["a3"]


@pytest.mark.parametrize(
    ("by", "timeline"),
    [
        (
            "week",
            [
                ("2022-01-10", 2, -4.5, {"1": 0, "2": 0, "3": 2, "4": 0}, 2, 0),
                ("2022-01-17", 1, 1.0, {"1": 1, "2": 0, "3": 0, "4": 0}, 0, 1),
                ("2022-01-31", 1, -8.0, {"1": 0, "2": 0, "3": 0, "4": 1}, 0, 1),
            ],
        ),
        (
            "month",
            [
                ("2022-01-01", 3, -8.0 / 3, {"1": 1, "2": 0, "3": 2, "4": 0}, 2, 1),
                ("2022-02-01", 1, -8.0, {"1": 0, "2": 0, "3": 0, "4": 1}, 0, 1),
            ],
        ),
        (
            "day",
            [
                ("2022-01-10", 2, -4.5, {"1": 0, "2": 0, "3": 2, "4": 0}, 2, 0),
                ("2022-01-19", 1, 1.0, {"1": 1, "2": 0, "3": 0, "4": 0}, 0, 1),
                ("2022-02-02", 1, -8.0, {"1": 0, "2": 0, "3": 0, "4": 1}, 0, 1),
            ],
        ),
    ],
)
def test_queries_dyad_timeline(store: Store, by: str, timeline: list[tuple]) -> None:
    found = queries.dyad(store.con, "RUS", "USA", by=by)
    assert (found["a"], found["b"], found["by"]) == ("RUS", "USA", by)
    got = [
        (t["period"], t["events"], pytest.approx(t["goldstein_mean"]), t["quad"], t["a_to_b"],
         t["b_to_a"])
        for t in found["timeline"]
    ]  # fmt: skip
    assert got == timeline


def test_queries_dyad_issues_and_distance(store: Store) -> None:
    found = queries.dyad(store.con, "rus", "USA")
    original = ("issue", "a_stance", "b_stance", "distance", "claims")
    assert [{key: i[key] for key in original} for i in found["issues"]] == [
        {
            "issue": {"id": "nato_expansion", "label": "NATO expansion"},
            "a_stance": -1.0,
            "b_stance": 0.5,
            "distance": 1.5,
            "claims": 2,
        },
        {
            "issue": {"id": "sanctions", "label": "Sanctions on Russia"},
            "a_stance": None,
            "b_stance": 1.0,
            "distance": None,
            "claims": 1,
        },
    ]
    assert found["distance"] == pytest.approx(1.5)
    assert found["verdict"] == "poles apart"
    assert {"distance_series", "trend", "claim_counts"} <= set(found)
    for issue in found["issues"]:
        assert {"a_claims", "b_claims", "series", "trend", "positions"} <= set(issue)
    assert sorted(_ids(found["events"])) == sorted(
        _event_ids("a1:112", "a1:138", "a2:040", "a3:163")
    )


def test_queries_dyad_is_symmetric_in_events(store: Store) -> None:
    ab = queries.dyad(store.con, "RUSGOV", "USAGOV")
    ba = queries.dyad(store.con, "USAGOV", "RUSGOV")
    assert _ids(ab["events"]) == _ids(ba["events"])
    assert [t["a_to_b"] for t in ab["timeline"]] == [t["b_to_a"] for t in ba["timeline"]]


def test_queries_dyad_without_events_or_positions(store: Store) -> None:
    found = queries.dyad(store.con, "CHN", "IND")
    assert found["timeline"] == []
    assert found["issues"] == []
    assert found["distance"] is None
    assert found["events"] == []


@pytest.mark.parametrize("by", ["year", "", "WEEK"])
def test_queries_dyad_bad_period_raises(store: Store, by: str) -> None:
    with pytest.raises(ValueError, match="day, week, month"):
        queries.dyad(store.con, "RUS", "USA", by=by)


def test_queries_summary(store: Store) -> None:
    found = queries.summary(store.con)
    assert found["counts"] == {**EXPECTED_COUNTS, "runs": 1}
    assert found["date_range"] == {"start": "2022-01-10", "end": "2022-02-02"}
    assert found["article_date_range"] == {"start": "2022-01-10", "end": "2022-02-03"}


def test_queries_on_empty_database(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as store:
        assert queries.events(store.con) == []
        assert queries.top_dyads(store.con) == []
        assert queries.actors(store.con) == []
        assert queries.summary(store.con)["date_range"] == {"start": None, "end": None}


@pytest.mark.parametrize("what", queries.EXPORTABLE)
def test_queries_iter_records_streams_every_row(store: Store, what: str) -> None:
    counts = store.counts()
    rows = list(queries.iter_records(store.con, what, page_size=2))
    assert len(rows) == counts[what]


def test_queries_iter_records_unknown_raises(store: Store) -> None:
    with pytest.raises(InvalidQuery, match="events, mentions"):
        list(queries.iter_records(store.con, "articles"))
