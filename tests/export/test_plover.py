"""Tests for dyads.export.plover: PLOVER JSONL and the spec validator."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dyads.errors import UsageError
from dyads.export import export, plover
from dyads.store import Store

from .spec_fixtures import SHARED, event_ids, open_store, shared_file

GSR = SHARED / "dev" / "plover_gsr" / "plover_gsr_with_cameo_codes.jsonl"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    yield from open_store(tmp_path)


def _records(store: Store) -> list[dict[str, Any]]:
    buffer = io.StringIO()
    count = plover.write(store.con, "events", buffer)
    records = [json.loads(line) for line in buffer.getvalue().splitlines()]
    assert len(records) == count
    return records


def test_plover_records_validate(store: Store) -> None:
    records = _records(store)
    assert records
    for record in records:
        assert plover.validate(record) == [], record["id"]
        assert set(plover.REQUIRED) <= set(record)


def test_plover_fields(store: Store) -> None:
    ids = event_ids()
    records = {r["id"]: r for r in _records(store)}
    assert ids["051"] not in records  # negated
    threat = records[ids["138"]]
    assert [a["cameo"] for a in threat["source"]] == ["RUSMIL", "RUSGOV"]  # a list, not expanded
    assert threat["recipient"] == [
        {"code": "USA", "sector": "GOV", "actor_text": "Washington", "cameo": "USAGOV"}
    ]
    assert (threat["event"], threat["mode"], threat["date"]) == (
        ["THREATEN"],
        "military",
        "2022-01-10",
    )
    assert threat["event_text"] == ["threatened"]
    assert threat["text_info"] == {"start": 68, "end": 118, "sequence": 2}
    assert threat["evidence"] == {"rule": "lexicon:threaten", "trigger": "threatened"}
    assert threat["cite_info"]["url"] == "https://example.org/a1"
    lavrov = records[ids["112"]]["source"][0]
    assert (lavrov["identifier_id"], lavrov["identifier_text"]) == ("Q83410", "Sergei Lavrov")
    meet = records[ids["040"]]
    assert meet["event_loc"]["country code"] == "CH" and meet["event_loc"]["cc3"] == "CHE"
    assert meet["date"] == "2022-01-19" and meet["date_source"] == "event"


def test_plover_skips_events_without_a_plover_type_and_dates_from_article(store: Store) -> None:
    ids = event_ids()
    store.con.execute("UPDATE events SET plover = NULL WHERE id = ?", [ids["112"]])
    store.con.execute("UPDATE events SET date = NULL WHERE id = ?", [ids["163"]])
    records = {r["id"]: r for r in _records(store)}
    assert ids["112"] not in records
    assert (records[ids["163"]]["date"], records[ids["163"]]["date_source"]) == (
        "2022-02-03",
        "article",
    )


@pytest.mark.parametrize("what", ["mentions", "quotes", "positions", "actors"])
def test_plover_only_events(store: Store, tmp_path: Path, what: str) -> None:
    with pytest.raises(UsageError, match="PLOVER defines only event records"):
        plover.write(store.con, what, tmp_path / "x.jsonl")


GOOD = {"id": "x1", "date": "2022-01-10", "source": [{"code": "USA"}], "event": ["AGREE"]}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"id": None}, "id: required field is missing"),
        ({"date": "10/01/2022"}, "date: '10/01/2022' is not a YYYY-MM-DD date"),
        ({"source": {"code": "USA"}}, "source: is a dict, not a list"),
        ({"source": ["USA"]}, "source: every actor must be a JSON object"),
        ({"event": []}, "event: the list of event categories is empty"),
        ({"event": ["DISAPPROVE"]}, "event: 'DISAPPROVE' is not a PLOVER type"),
        ({"quad_code": 7}, "quad_code: 7 is not 1, 2, 3 or 4"),
        ({"recipient": "CAN"}, "recipient: has type str"),
    ],
)
def test_plover_validate_finds_problems(change: dict[str, Any], problem: str) -> None:
    assert plover.validate(GOOD) == []
    assert problem in plover.validate({**GOOD, **change})


def test_plover_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "plover.jsonl"
    count = export(store.con, what="events", format="plover", out=out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == count
    stored = store.con.execute(
        "SELECT id, plover, mode, cameo, goldstein, source_codes, target_codes FROM events "
        "WHERE NOT negated AND id = cluster_id AND plover IS NOT NULL ORDER BY id"
    ).fetchall()
    back = sorted(
        (
            r["id"], r["event"][0], r.get("mode"), r["cameo"], r["goldstein"],
            [a.get("cameo") for a in r["source"]], [a.get("cameo") for a in r.get("recipient", [])],
        )
        for r in records
    )  # fmt: skip
    assert back == [tuple(row) for row in stored]


@pytest.mark.shared
def test_plover_validate_agrees_with_the_gold_records() -> None:
    """The PLOVER gold records (PLOVER 0.5 names) pass, except where they lack a source."""
    lines = shared_file(GSR).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 322
    for record in records:
        problems = plover.validate(record, types=None)
        if isinstance(record.get("source"), list):
            assert problems == [], record["id"]
        else:
            assert problems == ["source: required field is missing"], record["id"]
    assert sum(isinstance(r.get("source"), list) for r in records) == 321
