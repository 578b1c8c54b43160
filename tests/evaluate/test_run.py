"""The evaluation runner and ``dyads eval`` on the project's own sample gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.evaluate.run import classify_dyad, evaluate, read_gold
from dyads.records import Actor, Article, Coded, Event

SAMPLE = Path(__file__).parent / "data" / "sample_gold.jsonl"
runner = CliRunner()


def _event(source: str, target: str, plover: str) -> Event:
    return Event(
        id="e", doc_id="d", date=None, date_text=None,
        source=(Actor(text=source, code="X"),), target=(Actor(text=target, code="Y"),),
        cameo="010", plover=plover, mode=None, goldstein=0.0, quad_class=1, negated=False,
        modality="asserted", location=None, sentence="s", span=(0, 1),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("events", "dyad", "expected"),
    [
        ([], ("Russia", "NATO"), (None, "no event")),
        ([_event("Russia", "NATO", "ACCUSE")], ("Russia", "NATO"), ("ACCUSE", "dyad")),
        (
            [_event("France", "Mali", "AID"), _event("Russia", "NATO", "REJECT")],
            ("Russia", "the NATO alliance"),
            ("REJECT", "dyad"),
        ),
        ([_event("NATO", "Russia", "THREATEN")], ("Russia", "NATO"), ("THREATEN", "reversed dyad")),
        ([_event("France", "Mali", "AID")], ("Russia", "NATO"), ("AID", "sentence")),
    ],
)
def test_run_classify_dyad_prefers_the_given_dyad(events, dyad, expected) -> None:
    coded = Coded(article=Article(id="d", text="t"), events=tuple(events))
    assert classify_dyad(coded, dyad) == expected


def test_run_evaluate_sample_gold_reports_every_level(nlp, knowledge) -> None:
    gold = read_gold(SAMPLE, "jsonl")
    report = evaluate(gold, nlp, knowledge).to_dict()
    assert report["records"] == len([r for r in gold.records if r.evaluate])
    assert set(report["f1"]) == {
        "cameo", "cameo3", "root", "quad", "plover", "root_dyad", "actor_country", "actor_sector",
    }  # fmt: skip
    for level, f1 in report["f1"].items():
        assert 0.0 <= f1 <= 1.0, level
    assert report["gold"] == 4  # the atoms annotated in sample_gold.jsonl
    assert "content_overlap_f1" in report  # the sample gold has quotes


def test_run_errors_file_lists_false_positives_and_negatives(nlp, knowledge, tmp_path) -> None:
    import io

    gold = read_gold(SAMPLE, "jsonl")
    out = io.StringIO()
    report = evaluate(gold, nlp, knowledge, errors=out).to_dict()
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    fps = [r for r in rows if r["error"] == "false positive"]
    fns = [r for r in rows if r["error"] == "false negative"]
    # every gold atom is either matched exactly or listed; every prediction likewise
    matched = report["predicted"] - len(fps)
    assert len(fns) == report["gold"] - matched
    assert len(fns) > 0  # the coder misses some of the sample's events today
    for row in fps:
        assert row["sentence"] and row["evidence"]["rule"]


def test_eval_cli_json_is_one_object_on_the_last_line(tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(
        app, ["eval", "--gold", str(SAMPLE), "--kind", "jsonl", "--json", "--errors", str(errors)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["kind"] == "jsonl" and "f1" in report and "precision" in report
    assert errors.exists()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--gold", str(SAMPLE), "--kind", "gdelt"], 2),
        (["--gold", "no/such/file.jsonl", "--kind", "jsonl"], 2),
    ],
)
def test_eval_cli_usage_errors_exit_2(args: list[str], code: int) -> None:
    result = runner.invoke(app, ["eval", *args])
    assert result.exit_code == code, result.output


def test_eval_cli_table_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--gold", str(SAMPLE), "--kind", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "precision" in result.stdout and "root" in result.stdout


def test_run_scores_negated_events_as_the_gold_codes_negation() -> None:
    from dataclasses import replace

    from dyads.evaluate.gold import GoldRecord
    from dyads.evaluate.run import Outcome, _negations_as_gold

    clash = replace(_event("GBR", "FRA", "REJECT"), cameo="110", negated=True)
    attack = replace(_event("GBR", "FRA", "ASSAULT"), cameo="190", negated=True)
    reject = replace(_event("GBR", "FRA", "REJECT"), cameo="120", negated=True)
    said = replace(_event("GBR", "FRA", "REJECT"), cameo="110")  # not negated: kept
    coded = Coded(article=Article(id="r", text="t"), events=(clash, attack, reject, said))
    outcome = Outcome(GoldRecord(id="r", text="t"), None, coded)  # type: ignore[arg-type]
    got = _negations_as_gold(outcome, {"110": "050", "120": "---"}).coded.events
    assert [(e.cameo, e.negated) for e in got] == [("050", False), ("190", True), ("110", False)]
    assert got[0].evidence["scored_as_negation_of"] == "110"
