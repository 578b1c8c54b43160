"""``dyads events|quotes|positions`` and ``dyads dyad``: reading a coded database."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from . import (
    ALL,
    DYAD_KEYS,
    STORED_EVENT_KEYS,
    assert_exit,
    code_seed,
    db_counts,
    invoke,
    json_lines,
)

pytestmark = pytest.mark.slow

LISTINGS = ("events", "quotes", "positions")


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """The seed story coded once for this module."""
    db = tmp_path_factory.mktemp("query") / "seed.duckdb"
    code_seed(seed_path, db)
    return db


def _listing(command: str, db: Path, *args: str) -> list[dict[str, Any]]:
    result = invoke(command, "--db", db, "--json", *args)
    assert_exit(result, 0)
    return json_lines(result.stdout)


def _actors_of(command: str, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The actors an ``--actor`` filter looks at: sources and targets, speaker, actor."""
    if command == "events":
        return [*row["source"], *row["target"]]
    if command == "quotes":
        return [row["speaker"]] if row["speaker"] else []
    return [row["actor"]]


def _is_russian(actor: dict[str, Any]) -> bool:
    return actor["country"] == "RUS" or (actor["code"] or "").startswith("RUS")


# -- listings -----------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.parametrize("command", LISTINGS)
def test_query_listing_json_lists_every_record(seed_db: Path, command: str) -> None:
    rows = _listing(command, seed_db, "--limit", ALL)
    assert len(rows) == db_counts(seed_db)[command]
    assert len({row["id"] for row in rows}) == len(rows)


@pytest.mark.shared
@pytest.mark.parametrize("command", LISTINGS)
def test_query_listing_limit(seed_db: Path, command: str) -> None:
    total = db_counts(seed_db)[command]
    assert len(_listing(command, seed_db, "--limit", "1")) == min(1, total)
    assert len(_listing(command, seed_db, "--limit", "2")) == min(2, total)


@pytest.mark.shared
@pytest.mark.parametrize("command", LISTINGS)
def test_query_listing_actor_filter(seed_db: Path, command: str) -> None:
    rows = _listing(command, seed_db, "--actor", "RUS", "--limit", ALL)
    if command == "events":
        assert rows, "the seed story has events with a Russian actor"
    for row in rows:
        assert any(_is_russian(a) for a in _actors_of(command, row)), row
    assert _listing(command, seed_db, "--actor", "ZZZ", "--limit", ALL) == []


@pytest.mark.shared
@pytest.mark.parametrize("command", LISTINGS)
def test_query_listing_since_filter(seed_db: Path, command: str) -> None:
    everything = _listing(command, seed_db, "--limit", ALL)
    recent = _listing(command, seed_db, "--since", "2022-01-10", "--limit", ALL)
    assert {r["id"] for r in recent} <= {r["id"] for r in everything}
    assert _listing(command, seed_db, "--since", "2099-01-01") == []
    if command == "events":
        assert recent, "the seed story has events on or after its date"
        assert all(r["date"] and r["date"] >= "2022-01-10" for r in recent)


@pytest.mark.shared
@pytest.mark.parametrize(
    ("command", "header"),
    [("events", "CAMEO"), ("quotes", "speaker"), ("positions", "stance")],
)
def test_query_listing_table(seed_db: Path, command: str, header: str) -> None:
    result = invoke(command, "--db", seed_db, "--limit", "5")
    assert_exit(result, 0)
    assert header in result.stdout
    assert command in result.stdout  # the title: "N events"


@pytest.mark.shared
def test_query_events_json_keys(seed_db: Path) -> None:
    for row in _listing("events", seed_db, "--actor", "USA"):
        assert set(row) == STORED_EVENT_KEYS


@pytest.mark.shared
def test_query_default_db_is_in_working_directory(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(seed_db, tmp_path / "dyads.duckdb")
    monkeypatch.chdir(tmp_path)
    result = invoke("events", "--json", "--limit", ALL)
    assert_exit(result, 0)
    assert json_lines(result.stdout) == _listing("events", seed_db, "--limit", ALL)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["events", "--since", "yesterday"], id="events-bad-since"),
        pytest.param(["quotes", "--since", "2022-02-30"], id="quotes-impossible-date"),
        pytest.param(["positions", "--limit", "0"], id="positions-limit-0"),
        pytest.param(["events", "--limit", "many"], id="events-limit-not-a-number"),
    ],
)
def test_query_usage_errors_exit_2(empty_db: Path, args: list[str]) -> None:
    result = invoke(*args, "--db", empty_db)
    assert_exit(result, 2)


# -- dyad ---------------------------------------------------------------------------------


@pytest.mark.shared
def test_query_dyad_json(seed_db: Path) -> None:
    result = invoke("dyad", "USA", "RUS", "--db", seed_db, "--json")
    assert_exit(result, 0)
    rows = json_lines(result.stdout)
    assert len(rows) == 1
    dyad = rows[0]
    assert set(dyad) >= DYAD_KEYS
    assert (dyad["a"], dyad["b"], dyad["by"]) == ("USA", "RUS", "week")
    assert dyad["events"], "the seed story has USA-RUS events"
    for event in dyad["events"]:
        assert set(event) == STORED_EVENT_KEYS
        countries = {a["country"] for a in [*event["source"], *event["target"]]}
        assert {"USA", "RUS"} <= countries
    assert sum(p["events"] for p in dyad["timeline"]) == sum(1 for e in dyad["events"] if e["date"])


@pytest.mark.shared
@pytest.mark.parametrize("by", ["day", "week", "month"])
def test_query_dyad_table(seed_db: Path, by: str) -> None:
    result = invoke("dyad", "USA", "RUS", "--db", seed_db, "--by", by)
    assert_exit(result, 0)
    assert f"events per {by}" in result.stdout
    assert "period" in result.stdout


@pytest.mark.parametrize("by", ["year", ""])
def test_query_dyad_bad_period_exits_2(empty_db: Path, by: str) -> None:
    result = invoke("dyad", "USA", "RUS", "--db", empty_db, "--by", by)
    assert_exit(result, 2)
    assert "--by" in result.stderr


@pytest.mark.parametrize("command", LISTINGS)
def test_query_listing_empty_db(empty_db: Path, command: str) -> None:
    assert _listing(command, empty_db) == []
    result = invoke(command, "--db", empty_db)
    assert_exit(result, 0)
    assert f"0 {command}" in result.stdout


# -- a missing database -----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["events"], id="events"),
        pytest.param(["events", "--json"], id="events-json"),
        pytest.param(["quotes"], id="quotes"),
        pytest.param(["positions"], id="positions"),
        pytest.param(["dyad", "USA", "RUS"], id="dyad"),
    ],
)
def test_query_missing_db_exits_1_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(*args, "--db", "missing.duckdb")
    assert_exit(result, 1)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{result.stderr}"
    assert "missing.duckdb" in lines[0]
    assert not (tmp_path / "missing.duckdb").exists()
