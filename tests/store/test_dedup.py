"""Tests for dyads.store.dedup: clusters of event reports across articles (GDELT model).

Hand-built reports keep these fast; ``test_dedup_pipeline.py`` codes real text.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from dyads.records import Location
from dyads.store import Store, dedup, queries

from .dedup_fixtures import (
    NOBODY,
    RUS_GOV,
    RUS_MIL,
    UKR,
    article,
    assert_consistent,
    clusters,
    report,
    snapshot,
    write,
)

# -- the pure parts -------------------------------------------------------------------


D0 = date(2022, 3, 14)


@pytest.mark.parametrize(
    ("offsets", "window", "expected"),
    [
        # anchor + window: day 0 and 1 together, day 2 opens the next event
        ([0, 1, 2, 3], 1, ["r0", "r0", "r2", "r2"]),
        ([0, 1, 2], 0, ["r0", "r1", "r2"]),
        ([0, 2, 4], 2, ["r0", "r0", "r4"]),
        # daily repeats over a week are not one event however long the chain
        ([0, 1, 2, 3, 4, 5, 6], 1, ["r0", "r0", "r2", "r2", "r4", "r4", "r6"]),
    ],
)
def test_dedup_assign_anchors_windows(offsets: list[int], window: int, expected: list[str]) -> None:
    reports = [(f"r{o}", "k", D0 + timedelta(days=o)) for o in offsets]
    assert list(dedup.assign(reports, window).values()) == expected


def test_dedup_assign_keeps_keys_and_undated_apart() -> None:
    reports = [("a", "k1", D0), ("b", "k1", None), ("c", "k2", D0), ("d", "k2", D0)]
    assert dedup.assign(reports, 1) == {"a": "a", "b": "b", "c": "c", "d": "c"}


@pytest.mark.parametrize(
    ("changes", "same"),
    [
        ({"source": (RUS_MIL, RUS_MIL)}, True),  # repeats ignored
        ({"location": Location(name="DONETSK ", country="UKR", lat=48.0)}, True),
        ({"negated": True}, False),  # a denial is not a confirmation
        ({"cameo": "193"}, False),
        ({"target": (UKR, RUS_GOV)}, False),
        ({"location": None}, False),
        ({"location": Location(name="Donetsk", country="USA")}, False),
    ],
)
def test_dedup_key_rules(changes: dict[str, Any], same: bool) -> None:
    base = report("a")
    assert (dedup.dedup_key(replace(base, **changes)) == dedup.dedup_key(base)) is same


def test_dedup_key_ignores_actor_order() -> None:
    one = report("a", source=(RUS_MIL, RUS_GOV))
    assert dedup.dedup_key(one) == dedup.dedup_key(replace(one, source=(RUS_GOV, RUS_MIL)))


def test_dedup_key_none_for_uncoded_actor() -> None:
    assert dedup.dedup_key(report("a", source=(NOBODY,))) is None


# -- the store ------------------------------------------------------------------------


@pytest.fixture
def store() -> Any:
    with Store(":memory:") as fresh:
        yield fresh


def test_dedup_two_articles_one_event_two_mentions(store: Store) -> None:
    write(store, article("a", report("a")), article("b", report("b", start=40)))
    (event,) = queries.events(store.con)
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (2, 2, 2)
    found = queries.mentions(store.con, event_id=event["id"])
    assert sorted(m["doc_id"] for m in found) == ["a", "b"]
    assert {m["sentence"] for m in found} == {"Sentence of a at 0.", "Sentence of b at 40."}
    assert store.counts()["events"] == 2  # both reports keep their row and evidence


def test_dedup_canonical_is_earliest_then_smallest_id(store: Store) -> None:
    late = report("a", day="2022-03-15")
    early = report("b", day="2022-03-14", start=40)
    write(store, article("a", late), article("b", early))
    assert set(clusters(store.con).values()) == {early.id}


@pytest.mark.parametrize(
    "order",
    [
        ["a", "b", "c"],
        ["c", "b", "a"],
        ["b", "c", "a"],
        ["abc"],  # one batch
        ["a", "b", "c", "a", "b"],  # re-codes
    ],
)
def test_dedup_order_independent(order: list[str]) -> None:
    coded = {
        "a": article("a", report("a", day="2022-03-14")),
        "b": article("b", report("b", day="2022-03-15")),
        # 2 days after a: its own event, anchored when a is there, joined to b otherwise
        "c": article("c", report("c", day="2022-03-16")),
    }
    with Store(":memory:") as reference:
        write(reference, *coded.values())
        expected = snapshot(reference.con)
        assert len(set(clusters(reference.con).values())) == 2
    with Store(":memory:") as store:
        for step in order:
            write(store, *(coded[doc] for doc in step))
        assert snapshot(store.con) == expected
        assert_consistent(store)


def test_dedup_recoding_same_article_changes_no_row(store: Store) -> None:
    a, b = article("a", report("a")), article("b", report("b", start=40))
    write(store, a, b)
    before = snapshot(store.con)
    write(store, b)
    write(store, a, b)
    assert snapshot(store.con) == before


def test_dedup_group_shrinks_when_canonical_article_is_recoded(store: Store) -> None:
    first, second = report("a", day="2022-03-13"), report("b", start=40)
    write(store, article("a", first), article("b", second))
    assert set(clusters(store.con).values()) == {first.id}
    # a is corrected: it no longer reports the attack; b's report becomes the event
    write(store, article("a", report("a", cameo="040", start=5)))
    (event,) = [e for e in queries.events(store.con) if e["cameo"] == "190"]
    assert event["id"] == second.id
    assert event["num_mentions"] == 1
    assert [m["doc_id"] for m in queries.mentions(store.con, event_id=second.id)] == ["b"]
    assert store.con.execute(
        "SELECT count(*) FROM mentions WHERE event_id = ?", [first.id]
    ).fetchone() == (0,)
    assert_consistent(store)


def test_dedup_window_splits_and_undated_uses_article_date(store: Store) -> None:
    write(
        store,
        article("a", report("a", day="2022-03-14")),
        article("b", report("b", day=None), day="2022-03-15"),  # event date from article
        article("c", report("c", day="2022-03-17")),
        article("d", report("d", day=None), day=None),  # no day at all: alone
    )
    assert sorted(e["num_mentions"] for e in queries.events(store.con)) == [1, 1, 2]
    assert len(queries.events(store.con, doc_id="d")) == 1


def test_dedup_same_article_twice_counts_two_mentions_one_article(store: Store) -> None:
    write(store, article("a", report("a"), report("a", start=50)))
    (event,) = queries.events(store.con)
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (2, 1, 1)


def test_dedup_sources_count_outlets_not_articles(store: Store) -> None:
    write(
        store,
        article("a", report("a"), source="Wire"),
        article("b", report("b"), source="Wire"),
        article("c", report("c"), source="Daily"),
    )
    (event,) = queries.events(store.con)
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (3, 3, 2)


def test_dedup_write_rows_from_batch_rows(store: Store) -> None:
    # the Dask path: rows built elsewhere, written by the driver
    from dyads.store.duckdb import batch_rows

    coded = [article("a", report("a")), article("b", report("b"))]
    store.write_rows(batch_rows(coded, [], run_id="r", version="t"))
    assert len(queries.events(store.con)) == 1
    assert_consistent(store)


def test_dedup_window_change_regroups(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        write(
            store,
            article("a", report("a", day="2022-03-14")),
            article("b", report("b", day="2022-03-16")),
        )
        assert len(queries.events(store.con)) == 2
    with Store(path, dedup_window_days=2) as store:
        assert len(queries.events(store.con)) == 1
        assert store.con.execute("SELECT count(DISTINCT event_id) FROM mentions").fetchone() == (1,)
    with Store(path, read_only=True) as store:
        assert store.dedup_window_days == 2


def test_dedup_negative_window_raises() -> None:
    with pytest.raises(Exception, match="whole number of days"):
        Store(":memory:", dedup_window_days=-1)


COUNTS = ("num_mentions", "num_articles", "num_sources")


def test_dedup_migrates_schema_4_counts(tmp_path: Path) -> None:
    path = tmp_path / "v4.duckdb"
    with Store(path) as store:
        write(store, article("a", report("a")), article("b", report("b", start=40)))
        expected = snapshot(store.con)
        found = store.con.execute("SELECT DISTINCT num_mentions FROM events").fetchall()
        assert found == [(2,)]
        indexes = ("events_doc_id", "events_date", "events_cluster_id")
        for index in indexes:  # DuckDB drops no column of an indexed table
            store.con.execute(f"DROP INDEX {index}")
        for column in COUNTS:
            store.con.execute(f"ALTER TABLE events DROP COLUMN {column}")
        for index in indexes:
            column = index.removeprefix("events_")
            store.con.execute(f"CREATE INDEX {index} ON events ({column})")
        store.con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    with Store(path) as store:
        assert snapshot(store.con) == expected
        assert_consistent(store)


def test_dedup_migrates_schema_2(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        write(store, article("a", report("a")), article("b", report("b", start=40)))
        expected = snapshot(store.con)
        # turn it into what schema 2 wrote: no key, every report its own cluster
        store.con.execute("UPDATE events SET cluster_id = id")
        store.con.execute("UPDATE mentions SET event_id = report_id")
        indexes = {
            "events": ("events_doc_id", "events_date", "events_cluster_id"),
            "mentions": ("mentions_event_id", "mentions_doc_id"),
            "positions": ("positions_doc_id", "positions_date"),
        }
        dropped = {
            "events": ("dedup_key", "source_keys", "target_keys", *COUNTS),
            "mentions": ("report_id",),
            "positions": ("actor_keys",),
        }
        for table, columns in dropped.items():
            for index in indexes[table]:  # DuckDB drops no column of an indexed table
                store.con.execute(f"DROP INDEX {index}")
            for column in columns:
                store.con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        store.con.execute("CREATE INDEX mentions_event_id ON mentions (event_id)")
        store.con.execute("DELETE FROM meta WHERE key = 'dedup_window_days'")
        store.con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with pytest.raises(Exception, match="without --read-only"):
        Store(path, read_only=True)
    with Store(path) as store:
        assert snapshot(store.con) == expected
        assert len(queries.events(store.con)) == 1
        assert_consistent(store)
