"""Crash safety: ``dyads code`` killed with SIGKILL and run again gives one run's result.

The reference is one uninterrupted run into a fresh database. Each test starts another
run, waits until some batches are committed (watching the database, which ``dyads code``
releases between batches), adds a random delay so the kill lands in any phase (coding,
writing, committing), kills it with SIGKILL, runs the same command again to the end, and
compares every table, row by row with duplicates counted, except run ids and times.
"""

from __future__ import annotations

import random
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tests.coding_runs import (
    articles_coded,
    content,
    run_code,
    start_code,
    wait_for_articles,
    write_corpus,
)

pytestmark = pytest.mark.slow

ARTICLES = 80  # a kill after 4 or 8 must land mid-run: 24 tiny articles once all finished first

Content = dict[str, Counter[tuple[Any, ...]]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("resume"), articles=ARTICLES)


@pytest.fixture(scope="module")
def reference(corpus: Path) -> Content:
    db = corpus.parent / "reference.duckdb"
    run_code(corpus, db)
    found = content(db)
    assert sum(found["articles"].values()) == ARTICLES
    assert sum(found["rejects"].values()) >= 2  # the two bad lines
    return found


@pytest.mark.parametrize("kill_after", [4, 8])
def test_kill_9_and_resume_gives_one_runs_result(
    corpus: Path, reference: Content, tmp_path: Path, kill_after: int
) -> None:
    db = tmp_path / "killed.duckdb"
    process = start_code(corpus, db)
    try:
        wait_for_articles(db, kill_after, process)
        time.sleep(random.uniform(0.0, 0.1))  # anywhere in the next batch
        process.send_signal(signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)
    interrupted = articles_coded(db)
    assert interrupted is not None and kill_after <= interrupted < ARTICLES  # killed mid-run
    run_code(corpus, db)
    resumed = content(db)
    assert set(resumed) == set(reference)
    for table, rows in reference.items():
        assert resumed[table] == rows, f"table {table} differs after kill and resume"
