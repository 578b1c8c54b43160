"""Tests for the fast dyad path (issue 9): actor match keys, SQL stance aggregates,
listing limits, and the schema 3 -> 4 migration that adds the keys."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyads.store import SCHEMA_VERSION, Store, distance, queries

from .fixtures import build_store
from .test_distance import _dyad, _write

CLAIMS = [
    ("USA", "nato", 1.0, "2022-01-03"),
    ("USA", "nato", 0.5, "2022-01-04"),
    ("RUS", "nato", -1.0, "2022-01-05"),
    ("USA", "nato", -0.5, "2022-01-12"),
    ("RUS", "arms", 0.25, "2022-01-20"),
    ("USA", "arms", 0.75, None),
]


@pytest.mark.parametrize(
    ("codes", "countries", "expected"),
    [
        (["RUSMIL"], ["RUS"], ["RUS", "RUSMIL"]),
        (["usagov", "IGOUNO"], ["usa", None], ["IGO", "IGOUNO", "USA", "USAGOV"]),
        (["NATO"], ["NATO"], ["NAT", "NATO"]),
        ([None], [None], []),
        (["UN"], [], ["UN"]),
    ],
)
def test_dyad_actor_keys(codes: list, countries: list, expected: list[str]) -> None:
    assert queries.actor_keys(codes, countries) == expected


def test_dyad_sql_aggregates_equal_python_summary(tmp_path: Path) -> None:
    """The SQL sums give what distance.summarize computes from the claims themselves."""
    path = tmp_path / "d.duckdb"
    got = _dyad(path, CLAIMS, by="week")
    assert len({p["id"] for i in got["issues"] for p in i["positions"]}) == len(CLAIMS)
    claims = [
        distance.Claim(
            id=p["id"], doc_id=p["doc_id"], side=p["side"], actor=p["actor"],
            issue_id=i["issue"]["id"], issue_label=i["issue"]["label"], stance=p["stance"],
            date=None if p["date"] is None else date.fromisoformat(p["date"]),
            claim_text=p["claim_text"],
        )
        for i in got["issues"] for p in i["positions"]
    ]  # fmt: skip
    expected = distance.summarize(claims, "week")
    assert {k: got[k] for k in expected} == expected


def test_dyad_claims_limit_lists_latest_and_keeps_numbers(tmp_path: Path) -> None:
    path = tmp_path / "d.duckdb"
    full = _dyad(path, CLAIMS, by="week")
    with Store(path, read_only=True) as store:
        short = queries.dyad(store.con, "USA", "RUS", by="week", claims=1)
        none = queries.dyad(store.con, "USA", "RUS", by="week", claims=0)
    for whole, cut, empty in zip(full["issues"], short["issues"], none["issues"], strict=True):
        assert cut["positions"] == whole["positions"][-1:]
        assert empty["positions"] == []
        assert {k: v for k, v in cut.items() if k != "positions"} == {
            k: v for k, v in whole.items() if k != "positions"
        }
    assert short["distance_series"] == full["distance_series"]
    # undated claims sort last, so the latest listed "arms" claim is the undated one
    arms = next(i for i in short["issues"] if i["issue"]["id"] == "arms")
    assert arms["positions"][0]["date"] is None


def test_dyad_per_period_limits_events_not_timeline(tmp_path: Path) -> None:
    with build_store(tmp_path / "f.duckdb") as store:
        pair = queries.top_dyads(store.con, limit=1)[0]
        a, b = pair["source"], pair["target"]
        full = queries.dyad(store.con, a, b, by="month")
        one = queries.dyad(store.con, a, b, by="month", per_period=1)
        with pytest.raises(queries.InvalidQuery):
            queries.dyad(store.con, a, b, per_period=-1)
    assert one["timeline"] == full["timeline"]
    assert len(full["events"]) > len(one["events"]) > 0
    per_period: dict[str, list[str]] = {}
    for ev in full["events"]:
        per_period.setdefault((ev["date"] or "")[:7], []).append(ev["id"])
    assert [e["id"] for e in one["events"]] == [ids[0] for ids in per_period.values()]


def test_dyad_migrates_schema_3_keys(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    _write(path, CLAIMS)
    tables = {
        "events": (("source_keys", "target_keys"), ("doc_id", "date", "cluster_id")),
        "positions": (("actor_keys",), ("doc_id", "date")),
    }
    with build_store(path) as store:
        before = {t: _keys(store, t, columns) for t, (columns, _) in tables.items()}
        dyad_before = queries.dyad(store.con, "usa", "rus")
        for table, (columns, indexed) in tables.items():
            for column in indexed:  # DuckDB drops no column of an indexed table
                store.con.execute(f"DROP INDEX {table}_{column}")
            counts = ("num_mentions", "num_articles", "num_sources") if table == "events" else ()
            for column in (*columns, *counts):
                store.con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
            for column in indexed:  # as a real schema-3 file has them
                store.con.execute(f"CREATE INDEX {table}_{column} ON {table} ({column})")
        store.con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    assert all(rows and all(row[1] for row in rows) for rows in before.values())
    assert dyad_before["events"] and dyad_before["claim_counts"]["a"] >= 4
    with pytest.raises(Exception, match="without --read-only"):
        Store(path, read_only=True)
    with Store(path) as store:
        after = {t: _keys(store, t, columns) for t, (columns, _) in tables.items()}
        version = store.con.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()
        assert queries.dyad(store.con, "usa", "rus") == dyad_before
    assert after == before
    assert version == (str(SCHEMA_VERSION),)


def _keys(store: Store, table: str, columns: tuple[str, ...]) -> list[tuple]:
    return store.con.execute(f"SELECT id, {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
