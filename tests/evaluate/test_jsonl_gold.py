"""Tests for the project's own gold format (``dyads.evaluate.jsonl_gold``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dyads.errors import DyadsError
from dyads.evaluate.gold import GoldActor, GoldPosition
from dyads.evaluate.jsonl_gold import read_jsonl_gold

SAMPLE = Path(__file__).parent / "data" / "sample_gold.jsonl"

TEXT = 'The minister said the talks failed. "We will leave," she said later.'


def _line(**fields: Any) -> str:
    return json.dumps({"id": "r1", "text": TEXT, **fields})


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _read_one(tmp_path: Path, **fields: Any) -> Any:
    return read_jsonl_gold(_write(tmp_path / "gold.jsonl", [_line(**fields)])).records[0]


# -- the sample file -----------------------------------------------------------------------
def test_jsonl_gold_reads_sample() -> None:
    gold = read_jsonl_gold(SAMPLE)
    assert gold.kind == "jsonl"
    assert [r.id for r in gold] == ["sample-001", "sample-002", "sample-003"]
    first, negative, talks = gold.records
    assert first.date == "2023-03-28"
    assert [(e.cameo, e.plover) for e in first.events] == [("0312", "AGREE"), ("138", "THREATEN")]
    assert first.events[0].target[0].country == "NATO"
    assert negative.no_event and not negative.events
    assert talks.events[0].plover == "CONSULT"  # from CAMEO 044
    assert GoldPosition("RUS", "nato_enlargement", -1.0) in first.positions
    quote = talks.quotes[0]
    assert talks.text[slice(*quote.content)] == "We will not trade away any of our territory,"
    assert quote.cue is not None and talks.text[slice(*quote.cue)] == "told"
    assert (quote.kind, quote.speaker) == ("direct", "UKRGOV")


# -- spans ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("quote", "cue"),
    [
        ({"content_text": "We will leave,", "cue_text": "said"}, (13, 17)),
        ({"content": [37, 51], "cue": [57, 61]}, (57, 61)),
        ({"content_text": "We will leave,", "cue": [57, 61], "cue_text": "said"}, (57, 61)),
    ],
)
def test_jsonl_gold_quote_spans(
    tmp_path: Path, quote: dict[str, Any], cue: tuple[int, int]
) -> None:
    record = _read_one(tmp_path, quotes=[quote])
    found = record.quotes[0]
    assert TEXT[slice(*found.content)] == "We will leave,"
    assert found.cue == cue  # the text form takes the first "said"; offsets pick the second
    assert found.source is None


# -- actors and events ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("RUSGOV", GoldActor(code="RUSGOV", country="RUS", sector="GOV")),
        ("usa", GoldActor(code="USA", country="USA")),
        (
            {"country": "rus", "sector": "GOV", "text": "Moscow"},
            GoldActor(code="RUSGOV", country="RUS", sector="GOV", text="Moscow"),
        ),
        (
            {"code": "IGOWSTNAT", "country": "NATO", "sector": "IGO"},
            GoldActor(code="IGOWSTNAT", country="NATO", sector="IGO"),
        ),
        ({"country": "NATO", "sector": "IGO"}, GoldActor(country="NATO", sector="IGO")),
        ({"text": "the protesters"}, GoldActor(text="the protesters")),
    ],
)
def test_jsonl_gold_actor_forms(tmp_path: Path, actor: Any, expected: GoldActor) -> None:
    record = _read_one(tmp_path, events=[{"source": [actor], "plover": "ACCUSE"}])
    assert record.events[0].source == (expected,)


@pytest.mark.parametrize(
    ("event", "cameo", "plover"),
    [
        ({"cameo": "1312"}, "1312", "THREATEN"),
        ({"cameo": "1312", "plover": "coerce"}, "1312", "COERCE"),  # both kept as written
        ({"plover": "REJECT"}, None, "REJECT"),
        ({"cameo": "010"}, "010", None),  # CAMEO statements have no PLOVER type
    ],
)
def test_jsonl_gold_event_types(
    tmp_path: Path, event: dict[str, Any], cameo: str | None, plover: str | None
) -> None:
    found = _read_one(tmp_path, events=[event]).events[0]
    assert (found.cameo, found.plover) == (cameo, plover)


# -- files and folders ---------------------------------------------------------------------
def test_jsonl_gold_folder_reads_every_file(tmp_path: Path) -> None:
    _write(tmp_path / "b.jsonl", [json.dumps({"id": "b1", "text": "B."})])
    _write(tmp_path / "a.jsonl", [json.dumps({"id": "a1", "text": "A."}), ""])
    (tmp_path / "notes.txt").write_text("not gold")
    gold = read_jsonl_gold(tmp_path)
    assert [r.id for r in gold] == ["a1", "b1"]
    assert gold.path == tmp_path


@pytest.mark.parametrize(
    ("setup", "pattern"),
    [("empty folder", "holds no .jsonl"), ("blank file", "holds no gold records"),
     ("absent", "no such file")],
)  # fmt: skip
def test_jsonl_gold_no_records_fails(tmp_path: Path, setup: str, pattern: str) -> None:
    path = tmp_path
    if setup == "blank file":
        path = _write(tmp_path / "gold.jsonl", ["", "  "])
    elif setup == "absent":
        path = tmp_path / "absent.jsonl"
    with pytest.raises(DyadsError, match=pattern):
        read_jsonl_gold(path)


def test_jsonl_gold_notes(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "gold.jsonl",
        [
            _line(events=[{"cameo": "112"}], positions=[{"actor": "X", "issue": "t", "stance": 0}]),
            json.dumps({"id": "r2", "text": "Nothing.", "no_event": True, "evaluate": False}),
        ],
    )
    notes = " ".join(read_jsonl_gold(path).notes)
    assert "2 records from 1 file(s): 1 events, 0 quotes, 1 positions, 1 marked no_event" in notes
    assert "from the CAMEO code for 1 events" in notes
    assert "1 records marked evaluate: false" in notes
    assert "not in the packaged taxonomy: t" in notes


# -- errors --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("bad", "pattern"),
    [
        ('{"id": "x", "text": ', r"invalid JSON"),
        ('["id", "text"]', r"a record \(a JSON object\)"),
        ('{"id": "x"}', r"field 'text': missing"),
        ('{"id": "x", "text": "  "}', r"field 'text'"),
        ('{"text": "T."}', r"field 'id'"),
        ('{"id": "r1", "text": "T."}', r"field 'id': 'r1' was already used at gold\.jsonl:1"),
        ('{"id": "x", "text": "T.", "txet": 1}', r"field 'txet': unknown key"),
        ('{"id": "x", "text": "T.", "date": "10/01/2022"}', r"field 'date'"),
        ('{"id": "x", "text": "T.", "date": "2022-02-30"}', r"field 'date'"),
        ('{"id": "x", "text": "T.", "events": {}}', r"field 'events': \{\}; expected a list"),
        ('{"id": "x", "text": "T.", "no_event": "yes"}', r"field 'no_event'"),
    ],
)
def test_jsonl_gold_record_errors_name_line(tmp_path: Path, bad: str, pattern: str) -> None:
    path = _write(tmp_path / "gold.jsonl", [_line(), "", bad])
    with pytest.raises(DyadsError, match=rf"gold\.jsonl:3:.*{pattern}"):
        read_jsonl_gold(path)


@pytest.mark.parametrize(
    ("fields", "pattern"),
    [
        ({"events": [{"cameo": "999"}]}, r"'events\[0\]\.cameo': \"999\""),
        ({"events": [{"cameo": 190}]}, r"'events\[0\]\.cameo': 190 \(keep codes as strings"),
        ({"events": [{"plover": "FIGHT"}]}, r"PLOVER 0\.5 name FIGHT; expected .* ASSAULT"),
        ({"events": [{"plover": "YIELD"}]}, r"'events\[0\]\.plover': \"YIELD\""),
        ({"events": [{"source": ["RUSGOV"]}]}, r"'events\[0\]': neither cameo nor plover"),
        ({"events": [{"plover": "AID", "actor": "X"}]}, r"'events\[0\]\.actor': unknown key"),
        ({"events": [{"plover": "AID", "source": "RUSGOV"}]}, r"'events\[0\]\.source'"),
        ({"events": [{"plover": "AID", "target": [{}]}]}, r"target\[0\]': an empty actor"),
        ({"events": [{"plover": "AID", "target": ["RUS GOV"]}]}, r"target\[0\]': \"RUS GOV\""),
        (
            {"events": [{"plover": "AID", "target": [{"name": "x"}]}]},
            r"'events\[0\]\.target\[0\]\.name': unknown key",
        ),
        ({"quotes": [{"content": [0, 999]}]}, r"'quotes\[0\]\.content': span \[0, 999\] out"),
        ({"quotes": [{"content": [5, 5]}]}, r"'quotes\[0\]\.content': span \[5, 5\] out"),
        ({"quotes": [{"content": [1, "2"]}]}, r"'quotes\[0\]\.content'.*\[start, end\]"),
        ({"quotes": [{"content_text": "We shall"}]}, r"content_text': \"We shall\" not found"),
        ({"quotes": [{"cue_text": "said"}]}, r"'quotes\[0\]': no content"),
        (
            {"quotes": [{"content": [0, 3], "content_text": "The minister"}]},
            r"content_text': \"The minister\" but content \[0, 3\] covers 'The'",
        ),
        ({"quotes": [{"content_text": "We", "kind": "free"}]}, r"'quotes\[0\]\.kind'"),
        ({"quotes": [{"content_text": "We", "speech": "x"}]}, r"'quotes\[0\]\.speech': unknown"),
        ({"positions": [{"actor": "RUS", "issue": "x", "stance": 2}]}, r"positions\[0\]\.stance'"),
        ({"positions": [{"actor": "RUS", "issue": "x", "stance": True}]}, r"\.stance': true"),
        ({"positions": [{"actor": "RUS", "stance": 1}]}, r"'positions\[0\]\.issue': missing"),
        ({"positions": [{"issue": "x", "stance": 1}]}, r"'positions\[0\]\.actor': missing"),
        ({"no_event": True, "events": [{"plover": "AID"}]}, r"'no_event': true with 1 event"),
    ],
)
def test_jsonl_gold_field_errors_name_field(
    tmp_path: Path, fields: dict[str, Any], pattern: str
) -> None:
    path = _write(
        tmp_path / "gold.jsonl", [json.dumps({"id": "r0", "text": "Z."}), _line(**fields)]
    )
    with pytest.raises(DyadsError, match=rf"gold\.jsonl:2: field .*{pattern}"):
        read_jsonl_gold(path)
