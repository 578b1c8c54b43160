"""Tests for dyads.evaluate.event_location: event-location gold and the place chooser's score."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from tests.conftest import SHARED

from dyads.errors import DyadsError
from dyads.evaluate.event_location import (
    LocationRecord,
    read_event_location,
    score_event_locations,
)
from dyads.evaluate.report import render
from dyads.evaluate.run import evaluate, read_gold


def _row(rid: str, text: str, verb: str, places: list[str], source: str = "AP") -> dict:
    start = text.index(verb)
    locations = [{"start": text.index(p), "end": text.index(p) + len(p), "text": p} for p in places]
    return {
        "id": rid,
        "source": source,
        "text": text,
        "verb": [{"start": start, "end": start + len(verb), "text": verb}],
        "locations": locations,
    }


ROWS = [
    _row("a", "Police arrested four men in Nablus on Friday.", "arrested", ["Nablus"]),
    _row("b", "The minister resigned after the vote.", "resigned", []),
    # the research assistant saw no place; the gold-standard relabel names one
    _row("c", "Rebels shelled Mosul overnight.", "shelled", [], source="AFP_RA"),
    _row("c", "Rebels shelled Mosul overnight.", "shelled", ["Mosul"], source="RELABEL"),
    # the gold gives this verb no place
    _row("d", "The officers patrolled near Skopje.", "patrolled", []),
    # a zero-length span: the place was lost upstream, not scored
    {
        **_row("g", "Protesters marched in Rome on Saturday.", "marched", []),
        "locations": [{"start": 4, "end": 4, "text": ""}],
    },
    # a broken span (offsets shifted upstream) and a record with no verb: not scored
    {**_row("e", "Troops moved into Kabul.", "moved", []), "locations": [{"start": 2, "end": 4}]},
    {**_row("f", "Nothing happened.", "happened", []), "verb": []},
]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "event_location_labeled.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    return path


def test_event_location_reader_keeps_relabels_and_skips_broken(gold_file: Path) -> None:
    gold = read_event_location(gold_file.parent)
    assert gold.kind == "event-location"
    assert len(gold.records) == len(ROWS)
    scored = [r for r in gold.records if r.evaluate]
    assert all(isinstance(r, LocationRecord) for r in scored)
    assert [r.id.split(":")[0] for r in scored] == ["a", "b", "c", "d"]
    relabel = next(r for r in scored if r.id.startswith("c"))
    assert relabel.gold_standard and relabel.places
    none = next(r for r in scored if r.id.startswith("d"))
    assert none.places == ()
    assert any("superseded by RELABEL: 1" in n for n in gold.notes)
    assert any("broken place spans: 1" in n for n in gold.notes)
    assert any("no verb: 1" in n for n in gold.notes)
    assert any("zero-length place span (place lost upstream): 1" in n for n in gold.notes)


def test_event_location_reader_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok", "verb": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(DyadsError, match=r"bad.jsonl:2"):
        read_event_location(path)


def test_event_location_scores_choices(nlp, gold_file: Path) -> None:
    records = [r for r in read_event_location(gold_file).records if r.evaluate]
    errors = io.StringIO()
    out = score_event_locations(records, nlp, errors)
    assert out["gold"] == 4 and out["place_cases"] == 2
    # Nablus and Mosul are the verbs' own places; the gold gives the patrol near Skopje
    # no place and we say Skopje: one extra place
    assert out["place_accuracy"] == 1.0
    rows = [json.loads(line) for line in errors.getvalue().splitlines()]
    assert [r["error"] for r in rows] == ["extra place"]
    assert rows[0]["predicted"] == "Skopje"
    assert out["none_accuracy"] == 0.5 and out["overall_accuracy"] == 0.75
    assert out["gold_standard"]["cases"] == 1
    assert set(out["baselines"]) == {"first_place", "nearest_place"}


def test_event_location_through_dyads_eval(nlp, knowledge, gold_file: Path) -> None:
    gold = read_gold(gold_file, "event-location")
    report = evaluate(gold, nlp, knowledge).to_dict()
    assert report["kind"] == "event-location"
    assert report["records"] == 4
    assert 0.0 <= report["overall_accuracy"] <= 1.0
    text = render([(_dev(), report, 1.0)])
    assert "| dyads (all) | 4 |" in text


def _dev():  # the report's DevSet for this kind
    from dyads.evaluate.report import DEV_SETS

    return next(d for d in DEV_SETS if d.kind == "event-location")


@pytest.mark.shared
def test_event_location_shared_gold_reads() -> None:
    path = SHARED / "dev" / "event_location"
    if not path.is_dir():
        pytest.skip(f"event-location gold not found at {path}")
    gold = read_event_location(path)
    scored = [r for r in gold.records if r.evaluate]
    assert len(scored) > 8000
    assert sum(r.gold_standard for r in scored) > 250
    assert all(r.text[r.verb[0] : r.verb[1]].strip() for r in scored)
