"""Tests for the PLOVER gold-standard reader (``dyads.evaluate.plover_gsr``).

The small files are written here in our own words, in the shape of the real records.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dyads.errors import DyadsError
from dyads.evaluate.gold import GoldActor
from dyads.evaluate.plover_gsr import (
    DERIVED_NAME,
    PLOVER_05_NAMES,
    UPSTREAM_NAME,
    current_plover,
    read_plover_gsr,
)
from dyads.ontology import PLOVER_TYPES

SHARED_GSR = Path(__file__).resolve().parents[3] / "shared" / "dev" / "plover_gsr"

DOCUMENT = {"id": "TEST-DOCUMENT-0001", "event": "DOCUMENT", "license": "test only"}


def _rec(n: int, event: str, text: str, **fields: Any) -> dict[str, Any]:
    return {"id": f"TEST-{event}-{n:04d}", "date": "2000-01-01", "event": event, "text": text,
            "textInfo": {"markup": text}, **fields}  # fmt: skip


RECORDS = [
    _rec(
        1,
        "DEMAND",
        "The opposition asked the cabinet to hold early elections.",
        source=[{"actorText": "opposition", "code": "KEN", "sector": "OPP"}],
        target=[{"actorText": "cabinet", "code": "KEN", "sector": "GOV"}],
        cameo_join={"cameo_code": "0241", "plover_2021_for_code": "REQUEST"},
    ),
    _rec(
        2,
        "AGREE",
        "Chile and Peru agreed to reopen their border crossing.",
        source=[{"actorText": "Chile", "code": "CHL"}, {"actorText": "Peru", "code": "PER"}],
        target="",
        textInfo={"markup": "(SRC/TAR: Chile) and (SRC/TAR: Peru) (EVT: agreed) to reopen"},
    ),
    _rec(
        3,
        "FIGHT",
        "Soldiers from Tokyo clashed with gunmen near the coast.",
        source=[{"actorText": "Soldiers", "code": "JAP", "sector": "MIL"}],
        target=[{"actorText": "gunmen", "code": "IDN", "sector": "***"}],
    ),
    _rec(
        4,
        "INVESTIGATE",
        "A United Nations team looked into reports of looting by local police.",
        source=[{"actorText": "United Nations team", "code": "IGO"}],
        target=[{"actorText": "local police", "code": "HTI", "sector": "COPkre"}],
        cameo_join={"cameo_code": "091", "plover_2021_for_code": "ACCUSE"},
    ),
]


def _write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _write_array(path: Path, records: list[Any]) -> Path:
    path.write_text("[\n" + ",\n".join(json.dumps(r, indent=4) for r in records) + "\n]\n")
    return path


# -- names ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "current"),
    [
        ("DEMAND", "REQUEST"),
        ("DISAPPROVE", "ACCUSE"),
        ("FIGHT", "ASSAULT"),
        ("INVESTIGATE", "ACCUSE"),
        ("fight", "ASSAULT"),
        ("ASSAULT", "ASSAULT"),
        ("RETREAT", "RETREAT"),
        ("CONCEDE", "CONCEDE"),
    ],
)
def test_plover_gsr_current_plover_maps_old_names(name: str, current: str) -> None:
    assert current_plover(name) == current


@pytest.mark.parametrize("name", ["YIELD", "DOCUMENT", "MAKE STATEMENT"])
def test_plover_gsr_current_plover_refuses_unknown(name: str) -> None:
    with pytest.raises(KeyError):
        current_plover(name)


@pytest.mark.parametrize("old", sorted(PLOVER_05_NAMES))
def test_plover_gsr_old_names_map_to_current_types(old: str) -> None:
    assert old not in PLOVER_TYPES
    assert PLOVER_05_NAMES[old] in PLOVER_TYPES


# -- records -------------------------------------------------------------------------------
@pytest.mark.parametrize("layout", ["jsonl", "array"])
def test_plover_gsr_reads_records(tmp_path: Path, layout: str) -> None:
    if layout == "jsonl":
        path = _write_jsonl(tmp_path / DERIVED_NAME, RECORDS)
    else:
        path = _write_array(tmp_path / UPSTREAM_NAME, [DOCUMENT, *RECORDS])
    gold = read_plover_gsr(path)
    assert gold.kind == "plover-gsr"
    assert [r.id for r in gold] == [r["id"] for r in RECORDS]
    assert [r.events[0].plover for r in gold] == ["REQUEST", "AGREE", "ASSAULT", "ACCUSE"]
    assert [r.category for r in gold] == ["DEMAND", "AGREE", "FIGHT", "INVESTIGATE"]
    assert all(r.date is None and len(r.events) == 1 for r in gold)
    assert gold.records[0].text == RECORDS[0]["text"]
    notes = " ".join(gold.notes)
    assert "2000-01-01" in notes
    assert "DEMAND -> REQUEST (1)" in notes
    if layout == "array":
        assert "DOCUMENT" in notes


@pytest.mark.parametrize(
    ("index", "source", "target"),
    [
        (
            0,
            (GoldActor(code="KENOPP", country="KEN", sector="OPP", text="opposition"),),
            (GoldActor(code="KENGOV", country="KEN", sector="GOV", text="cabinet"),),
        ),
        (
            1,
            (
                GoldActor(code="CHL", country="CHL", text="Chile"),
                GoldActor(code="PER", country="PER", text="Peru"),
            ),
            (),
        ),
        (
            2,
            (GoldActor(code="JAPMIL", country="JPN", sector="MIL", text="Soldiers"),),
            (GoldActor(code="IDN", country="IDN", text="gunmen"),),
        ),
        (
            3,
            (GoldActor(code="IGO", country="IGO", text="United Nations team"),),
            (GoldActor(code="HTICOPKRE", country="HTI", sector="COP", text="local police"),),
        ),
    ],
)
def test_plover_gsr_actors(
    tmp_path: Path, index: int, source: tuple[GoldActor, ...], target: tuple[GoldActor, ...]
) -> None:
    gold = read_plover_gsr(_write_jsonl(tmp_path / "gsr.jsonl", RECORDS))
    event = gold.records[index].events[0]
    assert event.source == source
    assert event.target == target


def test_plover_gsr_notes_odd_actors(tmp_path: Path) -> None:
    notes = " ".join(read_plover_gsr(_write_jsonl(tmp_path / "gsr.jsonl", RECORDS)).notes)
    assert "JAP -> JPN (1)" in notes
    assert "IGO (1)" in notes
    assert "'***' dropped for 1" in notes
    assert "1 records mark reciprocal actors (SRC/TAR)" in notes


@pytest.mark.parametrize(("layout", "cameo"), [("jsonl", ["0241", None, None, "091"]),
                                               ("array", [None] * 4)])  # fmt: skip
def test_plover_gsr_cameo_from_join(tmp_path: Path, layout: str, cameo: list[str | None]) -> None:
    if layout == "jsonl":
        path = _write_jsonl(tmp_path / "gsr.jsonl", RECORDS)
    else:
        stripped = [{k: v for k, v in r.items() if k != "cameo_join"} for r in RECORDS]
        path = _write_array(tmp_path / "gsr.json", [DOCUMENT, *stripped])
    assert [r.events[0].cameo for r in read_plover_gsr(path)] == cameo


def test_plover_gsr_repeated_id_is_suffixed(tmp_path: Path) -> None:
    twin = {**RECORDS[1], "text": "Two other neighbours agreed to reopen a bridge."}
    gold = read_plover_gsr(_write_jsonl(tmp_path / "gsr.jsonl", [*RECORDS, twin]))
    assert gold.records[-1].id == f"{RECORDS[1]['id']}#2"
    assert any("more than one record" in n for n in gold.notes)


# -- folders -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("files", "picked"),
    [
        ([DERIVED_NAME, UPSTREAM_NAME], DERIVED_NAME),
        ([UPSTREAM_NAME], UPSTREAM_NAME),
        (["other.jsonl"], "other.jsonl"),
    ],
)
def test_plover_gsr_folder_picks_file(tmp_path: Path, files: list[str], picked: str) -> None:
    for name in files:
        if name.endswith(".jsonl"):
            _write_jsonl(tmp_path / name, RECORDS)
        else:
            _write_array(tmp_path / name, [DOCUMENT, *RECORDS[:2]])
    gold = read_plover_gsr(tmp_path)
    assert gold.path == tmp_path / picked


@pytest.mark.parametrize("files", [[], ["a.jsonl", "b.jsonl"]])
def test_plover_gsr_folder_without_one_file_fails(tmp_path: Path, files: list[str]) -> None:
    for name in files:
        _write_jsonl(tmp_path / name, RECORDS)
    with pytest.raises(DyadsError, match="Pass the file itself"):
        read_plover_gsr(tmp_path)


def test_plover_gsr_missing_path_fails(tmp_path: Path) -> None:
    with pytest.raises(DyadsError, match="no such file"):
        read_plover_gsr(tmp_path / "absent.jsonl")


# -- errors --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("bad_line", "pattern"),
    [
        ('{"id": "X", "event": "AGREE", "text": "cut off', r"gsr\.jsonl:3: invalid JSON"),
        ('{"id": "X", "event": "AGREE"}', r"gsr\.jsonl:3: field 'text'"),
        ('{"id": "X", "event": "YIELD", "text": "T."}', r"gsr\.jsonl:3: field 'event': \"?'YIELD'"),
        ('{"event": "AGREE", "text": "T."}', r"gsr\.jsonl:3: field 'id'"),
        ('{"id": "X", "event": "AGREE", "text": "T.", "source": 5}', r":3: field 'source'"),
        ('["not", "an", "object"]', r"gsr\.jsonl:3: a list"),
    ],
)
def test_plover_gsr_jsonl_errors_name_line(tmp_path: Path, bad_line: str, pattern: str) -> None:
    path = tmp_path / "gsr.jsonl"
    good = "".join(json.dumps(r) + "\n" for r in RECORDS[:2])
    path.write_text(good + bad_line + "\n", encoding="utf-8")
    with pytest.raises(DyadsError, match=pattern):
        read_plover_gsr(path)


def test_plover_gsr_array_errors_name_line(tmp_path: Path) -> None:
    path = _write_array(tmp_path / "gsr.json", [DOCUMENT, RECORDS[0], {"id": "X", "text": "T."}])
    bad_line = next(
        i for i, line in enumerate(path.read_text().splitlines(), 1) if '"id": "X"' in line
    )
    with pytest.raises(DyadsError, match=rf"gsr\.json:{bad_line - 1}: field 'event'"):
        read_plover_gsr(path)


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        ('[{"id": "A", "event": "AGREE", "text": "T."} {"id": "B"}]', r":1: no ',' or ']'"),
        ('[{"id": "A", "event": "AGREE", "text": "T."}]\n[]', r":2: text after"),
        ('[\n{"id": "A", "event": "AGREE", "text": "T."},\n{"id": }\n]', r":3: invalid JSON"),
        ("[]", "holds no PLOVER gold records"),
    ],
)
def test_plover_gsr_bad_array_fails(tmp_path: Path, content: str, pattern: str) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DyadsError, match=pattern):
        read_plover_gsr(path)


# -- the real files ------------------------------------------------------------------------
@pytest.mark.shared
@pytest.mark.parametrize("name", [DERIVED_NAME, UPSTREAM_NAME, "."])
def test_plover_gsr_shared_has_322_records(name: str) -> None:
    path = SHARED_GSR / name
    if not path.exists():
        pytest.skip(f"PLOVER gold standard absent: {path}")
    gold = read_plover_gsr(path)
    assert len(gold.records) == 322
    assert len({r.id for r in gold}) == 322
    assert {e.plover for r in gold for e in r.events} == set(PLOVER_TYPES)
    assert all(r.date is None and r.text for r in gold)
    if gold.path.name == DERIVED_NAME:
        assert sum(r.events[0].cameo is not None for r in gold) == 224
