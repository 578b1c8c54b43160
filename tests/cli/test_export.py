"""``dyads export``: every ``--what`` in JSONL and CSV, and the errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from . import (
    ALL,
    STORED_EVENT_KEYS,
    assert_exit,
    code_seed,
    db_counts,
    invoke,
    json_lines,
)

pytestmark = pytest.mark.slow

WHAT = ("events", "mentions", "quotes", "positions", "actors")


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """The seed story coded once for this module."""
    db = tmp_path_factory.mktemp("export") / "seed.duckdb"
    code_seed(seed_path, db)
    return db


def _export(db: Path, what: str, format: str, out: Path | str) -> str:
    result = invoke("export", "--db", db, "--what", what, "--format", format, "--out", out)
    assert_exit(result, 0)
    return result.stdout


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.shared
def test_export_seed_db_has_records_of_each_kind(seed_db: Path) -> None:
    counts = db_counts(seed_db)
    # positions may legitimately be empty; the other kinds must not be for the seed story
    assert all(counts[what] > 0 for what in ("events", "mentions", "quotes", "actors")), counts


@pytest.mark.shared
@pytest.mark.parametrize("what", WHAT)
@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_export_writes_every_record(seed_db: Path, tmp_path: Path, what: str, format: str) -> None:
    out = tmp_path / f"{what}.{format}"
    stdout = _export(seed_db, what, format, out)
    assert out.is_file()
    assert not out.with_name(out.name + ".part").exists()
    rows = json_lines(out.read_text(encoding="utf-8")) if format == "jsonl" else _csv_rows(out)
    # `--what actors` exports the actor mentions: one row per row of the actors table
    expected = db_counts(seed_db)[what]
    assert len(rows) == expected
    assert f"wrote {expected} {what}" in stdout


@pytest.mark.shared
def test_export_events_jsonl_equals_events_json(seed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    _export(seed_db, "events", "jsonl", out)
    exported = json_lines(out.read_text(encoding="utf-8"))
    assert all(set(e) == STORED_EVENT_KEYS for e in exported)
    listed = invoke("events", "--db", seed_db, "--json", "--limit", ALL)
    assert_exit(listed, 0)
    assert exported == json_lines(listed.stdout)


@pytest.mark.shared
def test_export_to_stdout(seed_db: Path) -> None:
    stdout = _export(seed_db, "quotes", "jsonl", "-")
    assert len(json_lines(stdout)) == db_counts(seed_db)["quotes"]


@pytest.mark.shared
def test_export_csv_has_header_row(seed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    _export(seed_db, "events", "csv", out)
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"id", "doc_id", "date", "cameo", "sentence"} <= set(header)


@pytest.mark.parametrize("what", WHAT)
@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_export_empty_db(empty_db: Path, tmp_path: Path, what: str, format: str) -> None:
    out = tmp_path / f"{what}.{format}"
    stdout = _export(empty_db, what, format, out)
    assert out.is_file()
    assert f"wrote 0 {what}" in stdout
    if format == "jsonl":
        assert out.read_text(encoding="utf-8") == ""


# -- errors -------------------------------------------------------------------------------


def test_export_unknown_format_exits_2_and_lists_formats(empty_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    result = invoke("export", "--db", empty_db, "--what", "events", "--format", "xml", "--out", out)
    assert_exit(result, 2)
    assert "xml" in result.stderr
    assert "gdelt" in result.stderr
    assert "jsonl" in result.stderr
    assert "csv" in result.stderr
    assert not out.exists()


def test_export_unknown_what_exits_2(empty_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    result = invoke(
        "export", "--db", empty_db, "--what", "articles", "--format", "jsonl", "--out", out
    )
    assert_exit(result, 2)
    assert "--what" in result.stderr
    assert not out.exists()


def test_export_missing_db_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(
        "export", "--db", "missing.duckdb", "--what", "events", "--format", "jsonl", "--out", "x"
    )
    assert_exit(result, 1)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{result.stderr}"
    assert "missing.duckdb" in lines[0]
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("missing", ["--db", "--what", "--format", "--out"])
def test_export_missing_option_exits_2(tmp_path: Path, missing: str) -> None:
    options = {
        "--db": str(tmp_path / "a.duckdb"),
        "--what": "events",
        "--format": "jsonl",
        "--out": str(tmp_path / "x.jsonl"),
    }
    del options[missing]
    result = invoke("export", *[part for pair in options.items() for part in pair])
    assert_exit(result, 2)
    assert missing in result.output
