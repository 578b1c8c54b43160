"""Tests for dyads.export.jsonl and the export dispatcher."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dyads import registry
from dyads.errors import DyadsError, UsageError
from dyads.export import EXPORT_FORMATS, available_formats, export, jsonl
from dyads.store import Store, queries

try:  # tests/ is a package only if someone adds tests/__init__.py
    from tests.store.fixtures import build_store, coded_batch
except ImportError:
    from store.fixtures import build_store, coded_batch  # type: ignore[no-redef]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with build_store(tmp_path / "db.duckdb") as built:
        yield built


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _canonical(records: list[dict]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True) for r in records)


@pytest.mark.parametrize(
    ("what", "records"),
    [
        ("events", lambda c: c.events),
        ("quotes", lambda c: c.quotes),
        ("positions", lambda c: c.positions),
        ("actors", lambda c: c.mentions),
    ],
)
def test_jsonl_roundtrip_equals_to_dict(
    store: Store, tmp_path: Path, what: str, records: object
) -> None:
    out = tmp_path / f"{what}.jsonl"
    expected = [r.to_dict() for c in coded_batch() for r in records(c)]  # type: ignore[operator]
    assert jsonl.write(store.con, what, out) == len(expected)
    # stored events add their unique event and its report counts to the record
    read = [{k: v for k, v in r.items() if k not in queries.EVENT_STATS} for r in _read(out)]
    assert _canonical(read) == _canonical(expected)


def test_jsonl_mentions(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "mentions.jsonl"
    assert jsonl.write(store.con, "mentions", out) == 5
    rows = _read(out)
    assert set(rows[0]) == {"event_id", "doc_id", "date", "event_date", "sentence", "span"}


def test_jsonl_writes_to_stream_unicode(store: Store) -> None:
    buffer = io.StringIO()
    assert jsonl.write(store.con, "quotes", buffer) == 3
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 3
    assert all(json.loads(line)["kind"] in {"direct", "indirect"} for line in lines)
    assert not buffer.closed


def test_jsonl_dash_writes_to_stdout(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    assert export(store.con, what="positions", format="jsonl", out=Path("-")) == 4
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["issue"]["id"] for line in lines][:1] == ["nato_expansion"]
    assert len(lines) == 4
    assert not (tmp_path / "-").exists()


def test_jsonl_empty_table_writes_empty_file(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    with Store(tmp_path / "empty.duckdb") as store:
        assert jsonl.write(store.con, "events", out) == 0
    assert out.read_text() == ""


def test_jsonl_missing_directory_raises(store: Store, tmp_path: Path) -> None:
    with pytest.raises(DyadsError, match="Cannot write"):
        jsonl.write(store.con, "events", tmp_path / "no" / "such" / "events.jsonl")


def test_jsonl_failure_leaves_no_partial_file(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "events.jsonl"
    out.write_text("old\n")

    def broken(*args: object, **kwargs: object) -> Iterator[dict]:
        yield {"id": "first"}
        raise RuntimeError("connection lost")

    monkeypatch.setattr(jsonl, "iter_records", broken)
    with pytest.raises(RuntimeError):
        jsonl.write(store.con, "events", out)
    assert out.read_text() == "old\n"
    assert not (tmp_path / "events.jsonl.part").exists()


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_dispatches_by_format(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    assert export(store.con, what="events", format=fmt, out=out) == 5
    assert out.exists()


def test_export_registered_names() -> None:
    import dyads.export.csv  # noqa: F401

    names = set(registry.exporters.get_all())
    assert {"dyads.jsonl.v1", "dyads.csv.v1"} <= names
    assert available_formats()[:2] == ("jsonl", "csv")


@pytest.mark.parametrize(
    ("kwargs", "listed"),
    [
        ({"what": "articles", "format": "jsonl"}, "events, mentions, quotes, positions, actors"),
        ({"what": "events", "format": "xml"}, "jsonl, csv"),
        ({"what": "events", "format": "../store"}, "jsonl, csv"),
    ],
)
def test_export_unknown_choice_raises_usage_error(
    store: Store, tmp_path: Path, kwargs: dict, listed: str
) -> None:
    with pytest.raises(UsageError, match=listed):
        export(store.con, out=tmp_path / "x", **kwargs)
    assert not (tmp_path / "x").exists()
