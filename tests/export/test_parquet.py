"""Tests for dyads.export.parquet: every stored table, read back with DuckDB."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dyads.errors import UsageError
from dyads.export import available_formats, export, parquet
from dyads.store import Store
from dyads.store.queries import EXPORTABLE

from .spec_fixtures import build_store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    yield from open_store(tmp_path)


@pytest.mark.parametrize(
    ("what", "count"),
    [("events", 5), ("mentions", 5), ("quotes", 3), ("positions", 4), ("actors", 9)],
)
def test_parquet_round_trip(store: Store, tmp_path: Path, what: str, count: int) -> None:
    assert what in EXPORTABLE
    out = tmp_path / f"{what}.parquet"
    assert export(store.con, what=what, format="parquet", out=out) == count
    assert not out.with_name(out.name + ".part").exists()
    table = store.con.execute(f"SELECT * FROM {what} ORDER BY {parquet.ORDER[what]}")
    stored = table.fetchall()
    names = [d[0] for d in table.description]
    back = duckdb.sql(f"SELECT * FROM read_parquet('{out}')")
    assert back.columns == names
    assert back.fetchall() == stored


def test_parquet_from_a_read_only_store(tmp_path: Path) -> None:
    build_store(tmp_path / "db.duckdb").close()
    with Store(tmp_path / "db.duckdb", read_only=True) as store:
        assert parquet.write(store.con, "events", tmp_path / "e.parquet") == 5


@pytest.mark.parametrize("out", ["-"])
def test_parquet_needs_a_file(store: Store, out: str) -> None:
    with pytest.raises(UsageError, match="Parquet is binary"):
        parquet.write(store.con, "events", Path(out))


def test_parquet_unwritable_path_leaves_nothing(store: Store, tmp_path: Path) -> None:
    from dyads.errors import DyadsError

    with pytest.raises(DyadsError, match="Cannot write"):
        parquet.write(store.con, "events", tmp_path / "missing" / "e.parquet")


def test_parquet_and_spec_formats_are_available() -> None:
    assert {"parquet", "plover", "gdelt", "icews"} <= set(available_formats())
