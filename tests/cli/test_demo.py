"""``dyads demo --no-serve``: the bundled corpus, coded and summarised."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from . import assert_exit, db_counts, invoke, summary_value

pytestmark = pytest.mark.slow


def _demo_articles() -> int:
    corpus = resources.files("dyads") / "data" / "demo" / "articles.jsonl"
    return sum(1 for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip())


def test_demo_no_serve_codes_the_bundled_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("demo", "--no-serve")
    assert_exit(result, 0)
    db = tmp_path / "dyads-demo.duckdb"
    assert db.is_file()
    counts = db_counts(db)
    assert counts["articles"] == _demo_articles()
    # issue acceptance: the bundled corpus gives at least 30 events
    assert counts["events"] >= 30, counts
    assert summary_value(result.stdout, "events") == counts["events"]
    assert "top dyads" in result.stdout
    assert "latest quotes" in result.stdout
    assert not (tmp_path / "dyads.duckdb").exists()
