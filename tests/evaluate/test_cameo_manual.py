"""The CAMEO manual example reader and the scoring of actor-less example sentences."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dyads.errors import DyadsError
from dyads.evaluate.cameo_manual import read_cameo_manual
from dyads.evaluate.gold import GoldEvent, GoldRecord
from dyads.evaluate.run import (
    Outcome,
    _score_code_examples,
    code_agrees,
    evaluate,
    read_gold,
)
from dyads.records import Actor, Article, Coded, Event

SAMPLE = Path(__file__).parent / "data" / "cameo_manual_sample.jsonl"
SHARED_EXAMPLES = (
    Path(__file__).resolve().parents[3] / "shared" / "dev" / "codebooks"
) / "cameo_manual_examples.jsonl"


def _event(cameo: str, plover: str | None = None) -> Event:
    return Event(
        id="e", doc_id="d", date=None, date_text=None,
        source=(Actor(text="a", code="X"),), target=(), cameo=cameo, plover=plover, mode=None,
        goldstein=0.0, quad_class=1, negated=False, modality="asserted", location=None,
        sentence="s", span=(0, 1),
    )  # fmt: skip


def _outcome(gold: str, *codes: str, plover: str | None = None) -> Outcome:
    record = GoldRecord(id=gold, text="t", events=(GoldEvent(cameo=gold, plover=plover),))
    events = tuple(_event(c, "ACCUSE" if c.startswith("11") else None) for c in codes)
    return Outcome(record, None, Coded(article=Article(id="d", text="t"), events=events))  # type: ignore[arg-type]


# -- reading -------------------------------------------------------------------------------
def test_cameo_manual_reader_keeps_one_actorless_event_per_example() -> None:
    gold = read_cameo_manual(SAMPLE)
    assert gold.kind == "cameo-manual"
    assert [r.id for r in gold] == ["cameo-042", "cameo-1123", "cameo-190", "cameo-151"]
    first = gold.records[0]
    assert first.events == (GoldEvent(cameo="042", plover="CONSULT"),)
    assert first.category == "04"
    assert first.text.startswith("The Finnish prime minister")


def test_cameo_manual_reader_skips_placeholders() -> None:
    gold = read_cameo_manual(SAMPLE.parent / SAMPLE.name)
    assert [r.evaluate for r in gold] == [True, True, True, False]
    assert any("placeholder" in note for note in gold.notes)


def test_cameo_manual_read_gold_takes_the_folder(tmp_path: Path) -> None:
    (tmp_path / "cameo_manual_examples.jsonl").write_text(
        SAMPLE.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert len(read_gold(tmp_path, "cameo-manual").records) == 4


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"cameo_code": "1a", "text": "Someone did something."}', "2-4 digits"),
        ('{"cameo_code": "042", "text": ""}', "no 'text'"),
    ],
)
def test_cameo_manual_reader_rejects_bad_lines(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "examples.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(DyadsError, match=message):
        read_cameo_manual(path)


# -- scoring -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("gold", "predicted", "level", "agrees"),
    [
        ("1123", "1123", "cameo", True),
        ("1123", "112", "cameo", False),
        ("1123", "112", "cameo3", True),
        ("1123", "111", "cameo3", False),
        ("1123", "111", "root", True),
        ("042", "043", "root", True),
        ("042", None, "root", False),
    ],
)
def test_cameo_manual_code_agrees(gold, predicted, level, agrees) -> None:
    assert code_agrees(gold, predicted, level) is agrees


def test_cameo_manual_score_takes_the_best_event_and_counts_empty_as_miss() -> None:
    outcomes = [
        _outcome("1123", "010", "1123", plover="ACCUSE"),  # exact hit through the 2nd event
        _outcome("0231", "023"),  # 3-digit hit
        _outcome("042", "043"),  # root hit
        _outcome("190"),  # no event: a miss at every level
    ]
    scored = _score_code_examples(outcomes)
    assert scored["code_hits"] == {"cameo": 1, "cameo3": 2, "root": 3, "plover": 1}
    assert scored["code_accuracy"]["root"] == 0.75
    assert scored["code_accuracy"]["plover"] == 1.0  # only one example has a PLOVER type
    assert scored["examples_with_event"] == 3
    assert scored["events_per_example"] == 1.0
    assert scored["event_root_precision"] == 0.75  # 3 of the 4 events have the gold root


def test_cameo_manual_evaluate_reports_accuracy_and_errors(nlp, knowledge) -> None:
    gold = read_gold(SAMPLE, "cameo-manual")
    out = io.StringIO()
    report = evaluate(gold, nlp, knowledge, errors=out).to_dict()
    assert report["records"] == 3 and report["skipped_records"] == 1
    assert set(report["code_accuracy"]) == {"cameo", "cameo3", "root", "plover"}
    assert all(0.0 <= v <= 1.0 for v in report["code_accuracy"].values())
    assert "f1" not in report  # no actors in the gold, so no atom scoring
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 3 - report["code_hits"]["cameo"]
    festival = next(r for r in rows if r["id"] == "cameo-190")
    assert festival["error"] == "no event" and festival["predicted"] == []


# -- the real file -------------------------------------------------------------------------
@pytest.mark.shared
def test_cameo_manual_shared_has_one_example_per_code() -> None:
    if not SHARED_EXAMPLES.is_file():
        pytest.skip(f"CAMEO manual examples absent: {SHARED_EXAMPLES}")
    gold = read_cameo_manual(SHARED_EXAMPLES)
    assert len(gold.records) == 277
    assert len({r.events[0].cameo for r in gold}) == 277
    assert sum(r.evaluate for r in gold) == 276
    assert all(r.category == (r.events[0].cameo or "")[:2] for r in gold)
