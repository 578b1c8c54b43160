"""Tests for dyads.export.csv."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from dyads.errors import UsageError
from dyads.export import csv as csv_export
from dyads.store import Store

try:  # tests/ is a package only if someone adds tests/__init__.py
    from tests.store.fixtures import build_store, coded_batch
except ImportError:
    from store.fixtures import build_store, coded_batch  # type: ignore[no-redef]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with build_store(tmp_path / "db.duckdb") as built:
        yield built


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


EVENT_HEADER = [
    "id", "doc_id", "date", "date_text", "source_codes", "source_names", "target_codes",
    "target_names", "cameo", "plover", "mode", "goldstein", "quad_class", "negated",
    "modality", "location_name", "location_country", "lat", "lon", "sentence", "span_start",
    "span_end", "evidence_rule", "evidence_trigger", "evidence_model",
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "count"),
    [("events", 5), ("mentions", 5), ("quotes", 3), ("positions", 4), ("actors", 9)],
)
def test_csv_header_and_row_count(store: Store, tmp_path: Path, what: str, count: int) -> None:
    out = tmp_path / f"{what}.csv"
    assert csv_export.write(store.con, what, out) == count
    header, rows = _rows(out)
    assert header == list(csv_export.COLUMNS[what])
    assert len(rows) == count


def test_csv_events_header(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    csv_export.write(store.con, "events", out)
    assert _rows(out)[0] == EVENT_HEADER


def test_csv_events_flattened(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    csv_export.write(store.con, "events", out)
    rows = {row["cameo"]: row for row in _rows(out)[1]}
    threat = rows["138"]
    assert threat["source_codes"] == "RUSMIL;RUSGOV"
    assert threat["source_names"] == "the Russian army;Moscow"
    assert threat["target_codes"] == "USAGOV"
    assert threat["negated"] == "false"
    assert threat["evidence_rule"] == "lexicon:threaten"
    assert threat["evidence_trigger"] == "threatened"
    assert threat["location_name"] == ""
    meet = rows["040"]
    assert (meet["location_name"], meet["location_country"]) == ("Geneva", "CHE")
    assert float(meet["lat"]) == pytest.approx(46.20222)
    assert meet["evidence_model"] == "dyads.embedding.v1"
    assert meet["date_text"] == "yesterday"
    assert rows["112"]["source_names"] == "Sergei Lavrov"
    assert rows["051"]["negated"] == "true"
    assert rows["051"]["date"] == ""
    assert rows["112"]["sentence"] == coded_batch()[0].events[0].sentence


def test_csv_quotes_and_positions_flattened(store: Store, tmp_path: Path) -> None:
    csv_export.write(store.con, "quotes", tmp_path / "quotes.csv")
    csv_export.write(store.con, "positions", tmp_path / "positions.csv")
    quotes = {q["doc_id"]: q for q in _rows(tmp_path / "quotes.csv")[1]}
    assert quotes["a1"]["speaker_code"] == "RUSGOV"
    assert quotes["a1"]["text"] == "NATO must not expand,"
    assert quotes["a3"]["speaker_code"] == ""
    assert quotes["a1"]["evidence"] == '{"rule": "direct.v1"}'
    positions = _rows(tmp_path / "positions.csv")[1]
    first = next(p for p in positions if p["doc_id"] == "a1")
    assert first["actor_code"] == "RUSGOV"
    assert first["issue_id"] == "nato_expansion"
    assert float(first["stance"]) == -1.0
    assert first["evidence_quote_id"] == coded_batch()[0].quotes[0].id


def test_csv_writes_to_stream(store: Store) -> None:
    buffer = io.StringIO(newline="")
    assert csv_export.write(store.con, "mentions", buffer) == 5
    assert len(list(csv.reader(io.StringIO(buffer.getvalue())))) == 6


def test_csv_unknown_what_raises(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="events, mentions, quotes, positions, actors"):
        csv_export.write(store.con, "runs", tmp_path / "runs.csv")
