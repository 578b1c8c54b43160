"""Tests for dyads.export.icews: the 20-column ICEWS Dataverse layout."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dyads.errors import UsageError
from dyads.export import export, gdelt, icews
from dyads.store import Store

from .spec_fixtures import ICEWS, open_store, shared_file

REAL = ICEWS / "icews_events.2018.sample.tab"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    yield from open_store(tmp_path)


def _rows(store: Store) -> tuple[list[str], list[dict[str, str]]]:
    buffer = io.StringIO()
    count = icews.write(store.con, "events", buffer)
    header, *lines = buffer.getvalue().splitlines()
    assert len(lines) == count
    names = header.split("\t")
    return names, [dict(zip(names, line.split("\t"), strict=True)) for line in lines]


def test_icews_header_and_rows(store: Store) -> None:
    header, rows = _rows(store)
    assert len(header) == 20 and tuple(header) == icews.COLUMNS
    # 051 is negated; 138 has two sources -> one row per directed pair.
    assert sorted(r["CAMEO Code"] for r in rows) == ["040", "112", "138", "138", "163"]
    accuse = next(r for r in rows if r["CAMEO Code"] == "112")
    assert accuse["Source Name"] == "Sergei Lavrov"
    assert (accuse["Source Sectors"], accuse["Source Country"]) == ("Government", "Russia")
    assert (accuse["Target Name"], accuse["Target Country"]) == ("Washington", "United States")
    assert (accuse["Event Text"], accuse["Intensity"]) == ("Accuse", "-2")
    assert (accuse["Sentence Number"], accuse["Publisher"]) == ("1", "Example Wire")
    assert accuse["City"] == accuse["Latitude"] == "NA"
    meet = next(r for r in rows if r["CAMEO Code"] == "040")
    assert (meet["City"], meet["Country"], meet["District"]) == ("Geneva", "Switzerland", "NA")
    assert float(meet["Latitude"]) == pytest.approx(46.20222)


def test_icews_event_ids_are_the_gdelt_ids(store: Store) -> None:
    _, rows = _rows(store)
    buffer = io.StringIO()
    gdelt.write(store.con, "events", buffer)
    gids = [line.split("\t")[0] for line in buffer.getvalue().splitlines()]
    assert [r["Event ID"] for r in rows] == gids


@pytest.mark.parametrize("what", ["mentions", "quotes", "positions", "actors"])
def test_icews_only_events(store: Store, tmp_path: Path, what: str) -> None:
    with pytest.raises(UsageError, match="ICEWS has only coded events"):
        icews.write(store.con, what, tmp_path / "x.tab")


def _load(path: Path, types: dict[str, str] | None = None) -> duckdb.DuckDBPyRelation:
    option = f", types={types!r}" if types else ""
    return duckdb.sql(
        f"SELECT * FROM read_csv('{path}', delim='\t', header=true, nullstr='NA', quote=''{option})"
    )


def test_icews_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tab"
    export(store.con, what="events", format="icews", out=out)
    loaded = _load(out, {"CAMEO Code": "VARCHAR", "Event ID": "BIGINT"}).fetchall()
    stored = store.con.execute(
        "SELECT cameo, goldstein, date FROM events WHERE NOT negated AND id = cluster_id"
    ).fetchall()
    assert {(r[6], r[7], r[1]) for r in loaded} == set(stored)


@pytest.mark.shared
def test_icews_loads_with_the_real_files_types(store: Store, tmp_path: Path) -> None:
    real = _load(shared_file(REAL))
    assert tuple(real.columns) == icews.COLUMNS
    assert len(real.fetchall()) == 3705
    types = {name: str(kind) for name, kind in zip(real.columns, real.types, strict=True)}
    types["CAMEO Code"] = "VARCHAR"  # the codebook keeps leading zeros
    assert _load(shared_file(REAL), types).fetchall()  # the real file under these types
    out = tmp_path / "events.tab"
    export(store.con, what="events", format="icews", out=out)
    ours = _load(out, types)
    rows = ours.fetchall()
    assert len(rows) == 5 and tuple(ours.columns) == tuple(real.columns)
    kinds = {name: str(kind) for name, kind in zip(ours.columns, ours.types, strict=True)}
    assert kinds == types
