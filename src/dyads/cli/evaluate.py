"""``dyads eval``: measure the coder against a gold set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from dyads.cli import app
from dyads.cli._options import JsonOption, ModelOption, console, handle_errors
from dyads.evaluate.gold import KINDS


@app.command("eval")
@handle_errors
def eval_cli(
    gold: Annotated[Path, typer.Option("--gold", help="Gold file or folder.")],
    kind: Annotated[str, typer.Option("--kind", help=f"Gold format: {', '.join(KINDS)}.")],
    json_out: JsonOption = False,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Write every false positive/negative here.")
    ] = None,
    actors: Annotated[
        list[Path] | None, typer.Option("--actors", help="Extra actor file (YAML or PETRARCH).")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N records.", min=1)
    ] = None,
    model: ModelOption = None,
) -> None:
    """Code a gold set and print precision, recall and F1 at every level.

    Example:

        dyads eval --gold ../shared/dev/plover_gsr --kind plover-gsr --errors errors.jsonl
    """
    report = run_eval(gold, kind, actors=actors or [], limit=limit, model=model, errors=errors)
    if json_out:
        print(json.dumps(report, ensure_ascii=False))
        return
    print_report(report)


def run_eval(
    gold: Path,
    kind: str,
    *,
    actors: list[Path] | None = None,
    limit: int | None = None,
    model: str | None = None,
    errors: Path | None = None,
) -> dict[str, Any]:
    """Read, code and score one gold set; the library face of ``dyads eval``."""
    from dyads.evaluate.run import evaluate, read_gold
    from dyads.knowledge import load_knowledge
    from dyads.nlp import load_nlp

    gold_set = read_gold(gold, kind)
    knowledge = load_knowledge(
        actors=[*(actors or []), *gold_set.actor_files],
        verbs=gold_set.verb_files,
        verbs_only=bool(gold_set.verb_files),
        loose_before=gold_set.convention == "petrarch",
    )
    nlp = load_nlp(model)
    if errors is not None:
        with errors.open("w", encoding="utf-8") as out:
            report = evaluate(gold_set, nlp, knowledge, limit=limit, errors=out)
    else:
        report = evaluate(gold_set, nlp, knowledge, limit=limit)
    return report.to_dict()


def print_report(report: dict[str, Any]) -> None:
    """The readable form: counts, then one row per level."""
    console.print(
        f"[bold]{report['kind']}[/bold] {report['gold_path']}: {report['records']} records"
    )
    for key in (
        "correct_rate",
        "extra_rate",
        "recall_once",
        "accuracy",
        "macro_f1",
        "place_accuracy",
        "place_precision",
        "none_accuracy",
        "overall_accuracy",
    ):
        if isinstance(report.get(key), int | float):
            console.print(f"  {key}: {report[key]:.4f}")
    if "f1" in report:
        table = Table(title="events")
        for col in ("level", "precision", "recall", "F1"):
            table.add_column(col)
        for level, f1 in report["f1"].items():
            table.add_row(
                level,
                f"{report['precision'][level]:.3f}",
                f"{report['recall'][level]:.3f}",
                f"{f1:.3f}",
            )
        console.print(table)
    if "code_accuracy" in report:
        table = Table(title="codes of the examples")
        for col in ("level", "accuracy", "examples right"):
            table.add_column(col)
        for level, accuracy in report["code_accuracy"].items():
            cases = report["plover_cases"] if level == "plover" else report["gold"]
            table.add_row(level, f"{accuracy:.3f}", f"{report['code_hits'][level]} of {cases}")
        console.print(table)
        console.print(
            f"  {report['examples_with_event']} examples got an event; "
            f"{report['events_per_example']:.2f} events per example, "
            f"{report['event_root_precision']:.3f} of them with the gold root"
        )
    quote_keys = [k for k in report if k.endswith("_f1") and k != "macro_f1"] + ["speaker_accuracy"]
    if any(k in report for k in quote_keys):
        table = Table(title="quotes")
        table.add_column("measure")
        table.add_column("value")
        for key in quote_keys:
            if key in report and isinstance(report[key], int | float):
                table.add_row(key, f"{report[key]:.3f}")
        console.print(table)
    for note in report.get("notes", [])[:5]:
        console.print(f"  note: {note}", highlight=False)
