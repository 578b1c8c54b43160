"""``dyads.distributed``: the Dask runner gives the rows of the in-process runner."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from dyads.batch import RunStats, WorkerSetup, code_into_store, code_rows, process_runner
from dyads.distributed import dask_runner, shard_dir_for, shard_rows, write_shards
from dyads.knowledge import Knowledge
from dyads.records import Article, Reject
from dyads.store import Store
from dyads.store.duckdb import _COLUMNS, SHARD_FILES

#: Columns that say when or in which run a row was written, not what was found.
RUN_COLUMNS = {"run_id", "coded_at", "created_at"}


def _demo_articles(n: int) -> list[Article]:
    path = resources.files("dyads") / "data" / "demo" / "articles.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()[:n]
    return [
        Article(
            id=Article.make_id(rec["text"]),
            text=rec["text"],
            date=rec.get("date"),
            source=rec.get("source"),
            origin="demo.jsonl",
            record=i,
        )
        for i, rec in enumerate(map(json.loads, lines), start=1)
    ]


def _tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, without the run columns, in a stable order."""
    with Store(db, read_only=True) as store:
        out = {}
        for table, spec in _COLUMNS.items():
            cols = ", ".join(f'"{name}"' for name, _ in spec if name not in RUN_COLUMNS)
            out[table] = store.con.execute(f"SELECT {cols} FROM {table} ORDER BY ALL").fetchall()
    return out


def _code(db: Path, items: list[Article | Reject], knowledge: Knowledge, **kwargs: Any) -> RunStats:
    with Store(db) as store:
        return code_into_store(
            items, store, kwargs.pop("nlp", None), knowledge, inputs=["t"], **kwargs
        )


def test_rows_loaded_from_shards_equal_rows_written_from_python(
    nlp: Language, knowledge: Knowledge, tmp_path: Path
) -> None:
    articles = _demo_articles(2)
    bad = Reject(origin="in.jsonl", record=7, reason="no text")
    rows = code_rows(articles, [bad], nlp, knowledge, run_id="r1", version="v1")
    assert rows["events"]["id"] and rows["rejects"]["id"]
    paths = write_shards(rows, str(tmp_path / "b0"))
    assert set(paths) == {t for t, cols in rows.items() if next(iter(cols.values()))}
    keys = shard_rows(rows, paths)
    assert keys[SHARD_FILES] == {table: [path] for table, path in paths.items()}
    # the driver gets the ids and dedup keys; the article texts and the actors stay in files
    assert set(keys["articles"]) == {"id", "date"} and keys["actors"] == {}
    assert keys["rejects"] == rows["rejects"]
    for db, batch in (("python.duckdb", rows), ("shards.duckdb", keys)):
        with Store(tmp_path / db) as store:
            store.write_rows(batch)
    assert _tables(tmp_path / "shards.duckdb") == _tables(tmp_path / "python.duckdb")


def test_rerun_never_contacts_the_cluster(
    nlp: Language, knowledge: Knowledge, tmp_path: Path
) -> None:
    """Skipping is the driver's job: a coded corpus re-runs without any worker."""
    db = tmp_path / "coded.duckdb"
    articles = _demo_articles(2)
    _code(db, list(articles), knowledge, nlp=nlp)
    nowhere = dask_runner(WorkerSetup(), shard_dir_for(db), scheduler="tcp://127.0.0.1:9")
    stats = _code(db, list(articles), knowledge, runner=nowhere)
    assert (stats.read, stats.skipped, stats.coded) == (2, 2, 0)
    assert not shard_dir_for(db).exists()


@pytest.mark.slow
def test_dask_and_process_pool_give_the_local_rows(
    nlp: Language, knowledge: Knowledge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # batches of 5 cut into tasks of 2, 2 and 1 articles, merged back per batch
    monkeypatch.setattr("dyads.batch.CHUNK_ARTICLES", 2)
    articles: list[Article | Reject] = [*_demo_articles(6)]
    articles.insert(3, Reject(origin="in.jsonl", record=4, reason="empty text"))
    local = _code(tmp_path / "local.duckdb", articles, knowledge, nlp=nlp, batch_size=2)
    dask_db = tmp_path / "dask.duckdb"
    on_dask = _code(
        dask_db,
        articles,
        knowledge,
        batch_size=5,
        runner=dask_runner(WorkerSetup(), shard_dir_for(dask_db), workers=2),
    )
    pool = _code(
        tmp_path / "pool.duckdb",
        articles,
        knowledge,
        batch_size=5,
        runner=process_runner(2, WorkerSetup()),
    )
    expected = _tables(tmp_path / "local.duckdb")
    assert expected["events"] and expected["rejects"]
    assert _tables(dask_db) == expected
    assert _tables(tmp_path / "pool.duckdb") == expected
    timings = {"seconds": 0, "startup_seconds": 0, "shutdown_seconds": 0, "articles_per_second": 0}
    assert on_dask.to_dict() | timings == local.to_dict() | timings
    # starting the cluster and loading the model on its workers is start-up, not coding
    assert 0 < on_dask.startup_seconds < on_dask.seconds
    assert 0 < on_dask.shutdown_seconds < on_dask.seconds  # and so is stopping it
    assert local.startup_seconds == 0  # the model came loaded
    assert pool.coded == local.coded == 6
    assert not shard_dir_for(dask_db).exists()  # shards are removed once loaded


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--processes", "2", "--workers", "2"], id="processes-and-workers"),
        pytest.param(["--workers", "2", "--scheduler", "tcp://h:1"], id="workers-and-scheduler"),
        pytest.param(["--scheduler", "h:8786"], id="scheduler-not-an-address"),
    ],
)
def test_code_cli_runner_options_are_checked_first(tmp_path: Path, args: list[str]) -> None:
    from tests.cli import assert_exit, invoke

    story = tmp_path / "story.txt"
    story.write_text("Russia accused Ukraine of shelling villages.\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    result = invoke("code", story, "--db", db, "--date", "2022-01-10", *args)
    assert_exit(result, 2)
    assert args[-2] in result.stderr
    assert not db.exists()


@pytest.mark.slow
def test_a_local_cluster_runs_workers_without_trimming_or_the_profiler() -> None:
    from dyads.distributed import _client

    def worker_settings() -> tuple[object, object]:
        import os

        import dask

        return (
            dask.config.get("distributed.worker.profile.enabled"),
            os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        )

    with _client(1, None) as client:
        settings = list(client.run(worker_settings).values())
    assert settings == [(False, None)]
