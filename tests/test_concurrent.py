"""``dyads serve`` reads a database while ``dyads code`` writes it.

The writer runs as its own process; this process reads through the web app's
``Database`` (read-only, opened and released as in ``dyads.store.access``). Every read
must succeed and see whole batches only: article counts at batch boundaries, never
decreasing, and no event, quote, position or actor row without its article.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import pytest
from tests.coding_runs import finish, start_code, write_corpus

from dyads.serve.app import Database

pytestmark = pytest.mark.slow

BATCH = 4
ARTICLES = 80  # a run long enough to see several states: 24 tiny articles take ~1 s


def _snapshot(con: Any) -> tuple[int, int]:
    """(articles, rows of other tables whose article is missing), in one transaction."""
    articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    orphans = con.execute(
        "SELECT (SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT id FROM articles))"
        " + (SELECT count(*) FROM quotes WHERE doc_id NOT IN (SELECT id FROM articles))"
        " + (SELECT count(*) FROM positions WHERE doc_id NOT IN (SELECT id FROM articles))"
        " + (SELECT count(*) FROM actors WHERE doc_id NOT IN (SELECT id FROM articles))"
    ).fetchone()[0]
    return int(articles), int(orphans)


def test_reads_during_code_see_whole_batches(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, articles=ARTICLES)
    db = tmp_path / "shared.duckdb"
    process = start_code(corpus, db, batch_size=BATCH)
    database = Database(db)
    seen: list[int] = []
    try:
        deadline = time.monotonic() + 180
        while not db.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        while process.poll() is None and time.monotonic() < deadline:
            for _ in range(random.randint(1, 4)):  # a page makes a few queries
                articles, orphans = database.run(_snapshot)
                assert orphans == 0, f"rows without their article at {articles} articles"
                assert articles % BATCH == 0 or articles == ARTICLES, articles
                seen.append(articles)
            time.sleep(random.uniform(0.0, 0.8))
        finish(process)
        seen.append(database.run(_snapshot)[0])
    finally:
        database.close()
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert seen == sorted(seen), "a reader saw the article count go down"
    assert seen[-1] == ARTICLES
    assert len(set(seen)) >= 3, f"too few distinct states seen to test anything: {seen}"
