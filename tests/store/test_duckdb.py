"""Tests for dyads.store.duckdb: schema, batch writes, resume, replacement, rollback."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dyads.errors import DyadsError
from dyads.records import Coded, Reject
from dyads.store import SCHEMA_VERSION, Store, queries
from dyads.store import duckdb as store_module

from .fixtures import EXPECTED_COUNTS, build_store, coded_batch, input_rejects, recoded_a1


def _write(store: Store, coded: list[Coded], version: str = "0.1.0", **kwargs: Any) -> str:
    run_id = store.start_run(pipeline_version=version, config={}, inputs=[])
    store.write_batch(coded, run_id=run_id, pipeline_version=version, **kwargs)
    return run_id


def _without_runs(counts: dict[str, int]) -> dict[str, int]:
    return {table: n for table, n in counts.items() if table != "runs"}


def test_store_creates_schema_matching_writer_columns(tmp_path: Path) -> None:
    with Store(tmp_path / "new.duckdb") as store:
        version = store.con.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()
        assert version == (str(SCHEMA_VERSION),)
        assert store.counts() == dict.fromkeys(queries.TABLES, 0)
        for table, spec in store_module._COLUMNS.items():
            found = store.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            assert found == list(spec), table


def test_store_reopen_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    build_store(path).close()
    with Store(path) as store:
        assert _without_runs(store.counts()) == EXPECTED_COUNTS
    with Store(path, read_only=True) as store:
        assert store.counts()["runs"] == 1


def test_store_write_batch_counts(tmp_path: Path) -> None:
    with build_store(tmp_path / "db.duckdb") as store:
        assert store.counts() == {**EXPECTED_COUNTS, "runs": 1}


def test_store_write_batch_twice_is_idempotent(tmp_path: Path) -> None:
    with build_store(tmp_path / "db.duckdb") as store:
        before = _without_runs(store.counts())
        _write(store, coded_batch(), rejects=input_rejects())
        assert _without_runs(store.counts()) == before
        assert store.counts()["runs"] == 2


def test_store_write_batch_keeps_last_of_duplicate_articles(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        first = coded_batch()[0]
        _write(store, [first, recoded_a1()])
        assert store.counts()["events"] == 1
        assert store.counts()["quotes"] == 0


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.1.0", {"a1", "a2", "a3"}), ("0.2.0", set())],
)
def test_store_coded_ids_by_pipeline_version(
    tmp_path: Path, version: str, expected: set[str]
) -> None:
    with build_store(tmp_path / "db.duckdb", version="0.1.0") as store:
        assert store.coded_ids(["a1", "a2", "a3", "zz"], version) == expected
        assert store.coded_ids(iter([]), version) == set()


def test_store_recoding_with_new_version_replaces_rows(tmp_path: Path) -> None:
    with build_store(tmp_path / "db.duckdb", version="0.1.0") as store:
        _write(store, [recoded_a1()], version="0.2.0")
        assert store.coded_ids(["a1", "a2"], "0.2.0") == {"a1"}
        assert store.coded_ids(["a1", "a2"], "0.1.0") == {"a2"}
        counts = store.counts()
        assert counts["articles"] == 3
        assert counts["events"] == EXPECTED_COUNTS["events"] - 1
        assert counts["mentions"] == EXPECTED_COUNTS["mentions"] - 1
        assert counts["quotes"] == EXPECTED_COUNTS["quotes"] - 1
        assert counts["positions"] == EXPECTED_COUNTS["positions"] - 1
        assert counts["actors"] == EXPECTED_COUNTS["actors"] - 6
        # a1's own reject went with it; the input-level reject stays.
        assert counts["rejects"] == 1
        assert [e["doc_id"] for e in queries.events(store.con, doc_id="a1")] == ["a1"]


def test_store_rejects_do_not_duplicate(tmp_path: Path) -> None:
    same = Reject(origin="news.jsonl", record=3, reason="empty text")
    with Store(tmp_path / "db.duckdb") as store:
        _write(store, [], rejects=[same, same])
        _write(store, [], rejects=[same])
        _write(store, [], rejects=[Reject(origin="news.jsonl", record=4, reason="empty text")])
        assert store.counts()["rejects"] == 2
        row = store.con.execute("SELECT origin, record, reason, doc_id FROM rejects").fetchone()
        assert row is not None
        assert row[2] == "empty text"


def test_store_article_rejects_without_origin_stay_apart(tmp_path: Path) -> None:
    a1, a2, _ = coded_batch()
    reason = Reject(origin=None, record=None, reason="no sentence has a verb")
    batch = [replace(a1, rejects=(reason,)), replace(a2, rejects=(reason,))]
    with Store(tmp_path / "db.duckdb") as store:
        _write(store, batch)
        _write(store, batch)
        rows = store.con.execute("SELECT doc_id FROM rejects ORDER BY doc_id").fetchall()
        assert rows == [("a1",), ("a2",)]


def test_store_write_batch_rolls_back_on_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with build_store(tmp_path / "db.duckdb") as store:
        before = store.counts()
        original = Store._insert

        def failing_insert(self: Store, table: str, columns: dict[str, list[Any]]) -> None:
            if table == "quotes":
                raise RuntimeError("disk full")
            original(self, table, columns)

        monkeypatch.setattr(Store, "_insert", failing_insert)
        with pytest.raises(RuntimeError, match="disk full"):
            _write(store, [recoded_a1(), *coded_batch()[1:]], version="0.2.0")
        assert store.counts() == {**before, "runs": before["runs"] + 1}
        assert store.coded_ids(["a1", "a2", "a3"], "0.2.0") == set()
        assert len(queries.events(store.con, doc_id="a1")) == 2


def test_store_write_batch_rolls_back_on_database_error(tmp_path: Path) -> None:
    # Two articles that share an event id: the events insert fails on the primary key
    # after the articles were inserted, so the whole batch must vanish.
    a1, a2, _ = coded_batch()
    clash = Coded(article=a2.article, events=(replace(a1.events[0], doc_id="a2"),))
    with Store(tmp_path / "db.duckdb") as store:
        with pytest.raises(duckdb.ConstraintException):
            _write(store, [a1, clash])
        assert _without_runs(store.counts()) == dict.fromkeys(EXPECTED_COUNTS, 0)
        _write(store, [a1])
        assert store.counts()["articles"] == 1


def test_store_runs_record_config_and_stats(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        run_id = store.start_run(
            pipeline_version="0.1.0", config={"model": "sm", "n": 2}, inputs=["a.txt", "b.txt"]
        )
        row = store.con.execute(
            "SELECT pipeline_version, config, inputs, finished_at FROM runs WHERE id = ?",
            [run_id],
        ).fetchone()
        assert row is not None
        assert row[0] == "0.1.0"
        assert json.loads(row[1]) == {"model": "sm", "n": 2}
        assert row[2] == ["a.txt", "b.txt"]
        assert row[3] is None
        store.finish_run(run_id, stats={"articles": 7})
        row = store.con.execute(
            "SELECT stats, finished_at FROM runs WHERE id = ?", [run_id]
        ).fetchone()
        assert row is not None
        assert json.loads(row[0]) == {"articles": 7}
        assert row[1] is not None


def test_store_finish_unknown_run_raises(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store, pytest.raises(DyadsError, match="No run"):
        store.finish_run("nope", stats={})


def test_store_read_only_missing_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "missing.duckdb"
    with pytest.raises(DyadsError, match=r"missing\.duckdb"):
        Store(path, read_only=True)
    assert not path.exists()


def test_store_not_duckdb_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(DyadsError, match=r"notes\.duckdb") as info:
        Store(path)
    assert "Traceback" not in str(info.value)
    assert path.read_text() == "these are my notes, not a database\n"


def test_store_newer_schema_raises(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(DyadsError, match="newer dyads"):
        Store(path)


@pytest.mark.parametrize("read_only", [False, True])
def test_store_foreign_duckdb_raises(tmp_path: Path, read_only: bool) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE events (x INTEGER)")
    con.close()
    with pytest.raises(DyadsError, match=r"other\.duckdb"):
        Store(path, read_only=read_only)


def test_store_read_only_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    build_store(path).close()
    with Store(path, read_only=True) as store:
        with pytest.raises(DyadsError, match="read-only"):
            store.start_run(pipeline_version="x", config={}, inputs=[])
        with pytest.raises(DyadsError, match="read-only"):
            store.write_batch(coded_batch(), run_id="r", pipeline_version="x")
        assert store.coded_ids(["a1"], "0.1.0") == {"a1"}


def test_store_keeps_partial_dates_verbatim(tmp_path: Path) -> None:
    first = coded_batch()[0]
    article = replace(first.article, id="p1", date="2022-01")
    with Store(tmp_path / "db.duckdb") as store:
        _write(store, [Coded(article=article), Coded(article=first.article)])
        rows = store.con.execute("SELECT id, date, date_raw FROM articles ORDER BY id").fetchall()
        assert [(r[0], r[1] is None, r[2]) for r in rows] == [
            ("a1", False, "2022-01-10"),
            ("p1", True, "2022-01"),
        ]
