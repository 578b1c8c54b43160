"""``dyads.batch.code_into_store``: batching, dedup, resume, and turning failures into rejects."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from dyads import pipeline
from dyads.batch import RunStats, code_into_store
from dyads.knowledge import Knowledge
from dyads.records import Article, Reject
from dyads.store import Store

pytestmark = pytest.mark.slow

TEXTS = (
    "Russia accused Ukraine on Monday of shelling villages near the border.",
    "The United States imposed new sanctions on Iran over its nuclear programme.",
    "China and India held talks in Beijing about their disputed border.",
    "France criticised Germany over its energy policy, officials said.",
    "Turkey threatened to block Sweden's bid to join NATO.",
)


def _article(n: int, text: str) -> Article:
    return Article(
        id=Article.make_id(text),
        text=text,
        date="2022-01-10",
        source="Example Wire",
        origin="batch-test.jsonl",
        record=n,
    )


ARTICLES = tuple(_article(n, text) for n, text in enumerate(TEXTS, start=1))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "batch.duckdb") as store:
        yield store


def _run(
    items: list[Article | Reject],
    store: Store,
    nlp: Language,
    knowledge: Knowledge,
    *,
    batch_size: int = 2,
    seen: list[RunStats] | None = None,
) -> RunStats:
    def on_batch(stats: RunStats) -> None:
        if seen is not None:
            seen.append(dataclasses.replace(stats, reject_reasons=list(stats.reject_reasons)))

    return code_into_store(
        items,
        store,
        nlp,
        knowledge,
        inputs=["batch-test"],
        batch_size=batch_size,
        on_batch=on_batch,
    )


def _without_runs(counts: dict[str, int]) -> dict[str, int]:
    return {table: n for table, n in counts.items() if table != "runs"}


@pytest.mark.parametrize("batch_size", [2])
def test_batch_codes_every_article(
    store: Store, nlp: Language, knowledge: Knowledge, batch_size: int
) -> None:
    seen: list[RunStats] = []
    stats = _run(list(ARTICLES), store, nlp, knowledge, batch_size=batch_size, seen=seen)
    assert (stats.read, stats.coded, stats.skipped) == (5, 5, 0)
    assert [s.read for s in seen] == [2, 4, 5]  # one call per batch: 2 + 2 + 1
    counts = store.counts()
    assert counts["articles"] == 5
    assert counts["runs"] == 1
    assert stats.events == counts["events"] > 0
    assert stats.quotes == counts["quotes"]
    assert stats.positions == counts["positions"]
    assert stats.rejects == counts["rejects"] == len(stats.reject_reasons)
    assert stats.seconds > 0
    finished, coded = store.con.execute("SELECT finished_at, stats->>'coded' FROM runs").fetchone()
    assert finished is not None
    assert int(coded) == 5


@pytest.mark.parametrize("order", [[0, 1, 0, 2, 1, 1]])
def test_batch_codes_duplicate_ids_once(
    store: Store, nlp: Language, knowledge: Knowledge, order: list[int]
) -> None:
    stats = _run([ARTICLES[i] for i in order], store, nlp, knowledge)
    assert stats.coded == 3
    assert store.counts()["articles"] == 3


def test_batch_rerun_skips_coded_articles(
    store: Store, nlp: Language, knowledge: Knowledge
) -> None:
    _run(list(ARTICLES[:3]), store, nlp, knowledge)
    before = store.counts()
    stats = _run(list(ARTICLES[:3]), store, nlp, knowledge)
    assert (stats.read, stats.coded, stats.skipped, stats.events) == (3, 0, 3, 0)
    after = store.counts()
    assert after["runs"] == before["runs"] + 1
    assert _without_runs(after) == _without_runs(before)


def test_batch_resume_codes_only_new_articles(
    store: Store, nlp: Language, knowledge: Knowledge
) -> None:
    _run(list(ARTICLES[:2]), store, nlp, knowledge)
    stats = _run(list(ARTICLES), store, nlp, knowledge)
    assert (stats.coded, stats.skipped) == (3, 2)
    assert store.counts()["articles"] == 5


def test_batch_new_pipeline_version_recodes_without_duplicates(
    store: Store, nlp: Language, knowledge: Knowledge
) -> None:
    _run(list(ARTICLES), store, nlp, knowledge)
    before = store.counts()
    newer = dataclasses.replace(knowledge, version=knowledge.version + "-next")
    stats = _run(list(ARTICLES), store, nlp, newer)
    assert (stats.coded, stats.skipped) == (5, 0)
    assert _without_runs(store.counts()) == _without_runs(before)


def test_batch_internal_error_becomes_reject(
    store: Store, nlp: Language, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = ARTICLES[2]
    real_code_doc = pipeline.code_doc

    def flaky(article, doc, knowledge):  # type: ignore[no-untyped-def]
        if article.id == bad.id:
            raise RuntimeError("boom")
        return real_code_doc(article, doc, knowledge)

    monkeypatch.setattr(pipeline, "code_doc", flaky)  # batch imports it when it codes
    stats = _run(list(ARTICLES), store, nlp, knowledge)
    assert stats.coded == 4
    rows = store.con.execute(
        "SELECT origin, record, reason FROM rejects WHERE doc_id = ?", [bad.id]
    ).fetchall()
    assert len(rows) == 1
    origin, record, reason = rows[0]
    assert (origin, record) == (bad.origin, bad.record)
    assert "internal error" in reason
    assert "boom" in reason
    assert any("internal error" in r for r in stats.reject_reasons)
    coded_ids = {row[0] for row in store.con.execute("SELECT id FROM articles").fetchall()}
    assert coded_ids == {a.id for a in ARTICLES} - {bad.id}

    # once the bug is gone, the next run codes that article and drops its stale reject
    monkeypatch.setattr(pipeline, "code_doc", real_code_doc)
    again = _run(list(ARTICLES), store, nlp, knowledge)
    assert (again.coded, again.skipped) == (1, 4)
    stale = store.con.execute(
        "SELECT count(*) FROM rejects WHERE reason LIKE '%internal error%'"
    ).fetchone()
    assert stale == (0,)


INPUT_REJECTS = (
    Reject("feed.jsonl", 2, "line 2: not valid JSON (Expecting value at column 1)"),
    Reject("empty.txt", None, "empty file"),
)


@pytest.mark.parametrize(
    "items",
    [
        pytest.param([INPUT_REJECTS[0], ARTICLES[0], INPUT_REJECTS[1]], id="among-articles"),
        pytest.param(list(INPUT_REJECTS), id="rejects-only"),
    ],
)
def test_batch_stores_input_rejects(
    store: Store, nlp: Language, knowledge: Knowledge, items: list[Article | Reject]
) -> None:
    stats = _run(items, store, nlp, knowledge)
    stored = set(
        store.con.execute(
            "SELECT origin, record, reason FROM rejects WHERE doc_id IS NULL"
        ).fetchall()
    )
    assert stored == {(r.origin, r.record, r.reason) for r in INPUT_REJECTS}
    assert stats.rejects >= 2
    assert "feed.jsonl:2: line 2: not valid JSON (Expecting value at column 1)" in (
        stats.reject_reasons
    )
    assert stats.coded == sum(isinstance(i, Article) for i in items)
    assert store.counts()["articles"] == stats.coded


def test_batch_chunks_and_merge_rows_round_trip() -> None:
    from dyads.batch import chunks, merge_rows
    from dyads.records import Article, Reject
    from dyads.store.duckdb import batch_rows

    articles = [Article(id=f"a{i}", text=f"Text {i}.") for i in range(5)]
    rejects = [Reject(origin="in.jsonl", record=9, reason="empty text")]
    parts = chunks((articles, rejects), 2)
    assert [[a.id for a in part] for part, _ in parts] == [["a0", "a1"], ["a2", "a3"], ["a4"]]
    assert [len(r) for _, r in parts] == [1, 0, 0]  # input rejects go with the first task
    assert chunks(([], rejects), 2) == [([], rejects)]
    from dyads.records import Coded

    def rows_of(part: list, found: list) -> dict:
        return batch_rows([Coded(article=a) for a in part], found, run_id="r", version="v")

    def timeless(rows: dict) -> dict:  # coded_at / created_at are the clock's
        return {
            t: {c: v for c, v in cols.items() if not c.endswith("_at")} for t, cols in rows.items()
        }

    whole = rows_of(articles, rejects)
    merged = merge_rows([rows_of(part, found) for part, found in parts])
    assert timeless(merged) == timeless(whole)
    assert len(merged["articles"]["coded_at"]) == 5


def test_batch_keeps_a_runners_start_up_and_shut_down_apart(
    store: Store, knowledge: Knowledge
) -> None:
    """A runner that had to start up says so first, and one that had to stop its
    workers says so last; the stats keep those seconds apart from coding, in the CLI
    summary's numbers and in the ``runs`` table."""
    from dyads.batch import Started, Stopped
    from dyads.store.duckdb import batch_rows

    def slow_to_start_and_stop(batches, run_id, version):  # type: ignore[no-untyped-def]
        yield Started(2.5)
        for _todo, rejects in batches:
            time.sleep(0.01)
            yield batch_rows([], rejects, run_id=run_id, version=version)
        yield Stopped(0.5)

    stats = code_into_store(
        [ARTICLES[0]], store, None, knowledge, inputs=["t"], runner=slow_to_start_and_stop
    )
    assert (stats.startup_seconds, stats.shutdown_seconds) == (2.5, 0.5)
    saved = json.loads(store.con.execute("SELECT stats FROM runs").fetchone()[0])
    assert (saved["startup_seconds"], saved["shutdown_seconds"]) == (2.5, 0.5)
    assert stats.read == 1 and stats.skipped == 0
    assert RunStats(coded=10, seconds=3.5, startup_seconds=2.5).coding_articles_per_second == 10
    assert RunStats(coded=10, seconds=2.0, startup_seconds=2.5).coding_articles_per_second == 0
    timed = RunStats(coded=10, seconds=4.0, startup_seconds=2.5, shutdown_seconds=0.5)
    assert timed.coding_articles_per_second == 10
