"""``dyads dyad``: position distance per issue and per period, trend and claim sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.store.fixtures import build_store

from . import DYAD_KEYS, assert_exit, code_seed, invoke, json_lines

NEW_KEYS = {"verdict", "claim_counts", "distance_series", "trend"}


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """The three hand-built articles of tests/store/fixtures.py (no spaCy needed)."""
    db = tmp_path / "small.duckdb"
    build_store(db).close()
    return db


def test_dyad_table_shows_distance_series_trend_and_sentences(small_db: Path) -> None:
    result = invoke("dyad", "RUS", "USA", "--db", small_db)
    assert_exit(result, 0)
    out = " ".join(result.stdout.split())  # undo Rich's wrapping
    assert "position distance 1.50" in out
    assert "poles apart" in out
    assert "position distance per issue" in out
    assert "position distance per week" in out
    assert "trend:" in out
    assert "claims on NATO expansion" in out
    assert "NATO must not expand" in out  # Lavrov's sentence
    assert "We will defend the open door" in out  # Blinken's


def test_dyad_json_has_old_and_new_keys(small_db: Path) -> None:
    result = invoke("dyad", "RUS", "USA", "--db", small_db, "--json")
    assert_exit(result, 0)
    (dyad,) = json_lines(result.stdout)
    assert set(dyad) == DYAD_KEYS | NEW_KEYS
    assert dyad["distance"] == pytest.approx(1.5)
    series = [(s["period"], s["distance"], s["carried"]) for s in dyad["distance_series"]]
    assert series == [
        ("2022-01-10", None, 0),  # only Lavrov has spoken on NATO expansion
        ("2022-01-17", 1.5, 1),  # Blinken answers; Lavrov's -1 is carried
    ]


def test_dyad_no_carry_forward(small_db: Path) -> None:
    result = invoke("dyad", "RUS", "USA", "--db", small_db, "--json", "--no-carry-forward")
    assert_exit(result, 0)
    (dyad,) = json_lines(result.stdout)
    # Lavrov (week of Jan 10) and Blinken (week of Jan 17) never share a week
    assert [s["distance"] for s in dyad["distance_series"]] == [None, None]
    assert dyad["trend"]["direction"] is None


def test_dyad_empty_db_says_distance_unknown(empty_db: Path) -> None:
    result = invoke("dyad", "USA", "RUS", "--db", empty_db)
    assert_exit(result, 0)
    assert "distance unknown" in " ".join(result.stdout.split())


@pytest.mark.slow
@pytest.mark.shared
def test_dyad_seed_usa_rus_poles_apart(tmp_path: Path, seed_path: Path) -> None:
    db = tmp_path / "seed.duckdb"
    code_seed(seed_path, db)
    result = invoke("dyad", "USA", "RUS", "--db", db, "--json")
    assert_exit(result, 0)
    (dyad,) = json_lines(result.stdout)
    assert dyad["distance"] >= 1.5
    assert dyad["verdict"] == "poles apart"
    for issue in dyad["issues"]:
        assert all(p["claim_text"] for p in issue["positions"])


def test_index_command_rebuilds_only_when_stale(small_db: Path) -> None:
    import duckdb

    from dyads.store import pairs

    fresh = invoke("index", "--db", small_db)  # finishing the run built it
    assert_exit(fresh, 0)
    assert "up to date" in fresh.stdout
    con = duckdb.connect(str(small_db))
    con.execute("UPDATE meta SET value = 'stale' WHERE key = ?", [pairs.BUILT_AT])
    con.close()
    stale = invoke("index", "--db", small_db)
    assert_exit(stale, 0)
    assert "rebuilt" in stale.stdout
    forced = invoke("index", "--db", small_db, "--force")
    assert "rebuilt" in forced.stdout
    missing = invoke("index", "--db", small_db.parent / "nope.duckdb")
    assert missing.exit_code != 0
