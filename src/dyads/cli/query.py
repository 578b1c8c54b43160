"""``dyads events|quotes|positions`` and ``dyads dyad``: read the database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from dyads.cli import app
from dyads.cli._options import (
    DEFAULT_DB,
    ActorOption,
    DbOption,
    JsonOption,
    LimitOption,
    SinceOption,
    check_date,
    console,
    handle_errors,
    print_jsonl,
    require_db,
)


def _codes(actors: list[dict[str, Any]]) -> str:
    return ", ".join(a.get("code") or a.get("text") or "?" for a in actors)


def _read(db: Path, fetch: str, **kwargs: Any) -> list[dict[str, Any]]:
    from dyads.store import Store, queries

    with Store(require_db(db), read_only=True) as store:
        return getattr(queries, fetch)(store.con, **kwargs)


@app.command("events")
@handle_errors
def events_cli(
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    since: SinceOption = None,
    limit: LimitOption = 50,
    json: JsonOption = False,
) -> None:
    """List coded events: who did what to whom, with the sentence and the rule.

    Example:

        dyads events --actor RUS --since 2022-01-01 --json
    """
    rows = _read(db, "events", actor=actor, since=check_date(since, "--since"), limit=limit)
    if json:
        print_jsonl(rows)
        return
    table = Table(title=f"{len(rows)} events", show_lines=False)
    for col in ("date", "source", "CAMEO", "PLOVER", "target", "trigger", "rule"):
        table.add_column(col, overflow="fold")
    for e in rows:
        table.add_row(
            e["date"] or "",
            _codes(e["source"]),
            e["cameo"],
            e["plover"] or "",
            _codes(e["target"]),
            e["evidence"].get("trigger", ""),
            e["evidence"].get("rule") or e["evidence"].get("model", ""),
        )
    console.print(table)


@app.command("quotes")
@handle_errors
def quotes_cli(
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    since: SinceOption = None,
    limit: LimitOption = 50,
    json: JsonOption = False,
) -> None:
    """List quotes with their speakers.

    Example:

        dyads quotes --actor USAGOV
    """
    rows = _read(db, "quotes", actor=actor, since=check_date(since, "--since"), limit=limit)
    if json:
        print_jsonl(rows)
        return
    table = Table(title=f"{len(rows)} quotes")
    for col in ("speaker", "code", "kind", "text"):
        table.add_column(col, overflow="fold")
    for q in rows:
        speaker = q["speaker"] or {}
        table.add_row(
            speaker.get("name") or q["speaker_text"] or "?",
            speaker.get("code") or "",
            q["kind"],
            _short(q["text"], 160),
        )
    console.print(table)


@app.command("positions")
@handle_errors
def positions_cli(
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    since: SinceOption = None,
    limit: LimitOption = 50,
    json: JsonOption = False,
) -> None:
    """List positions: an actor's stance (-1..+1) on an issue, with the claim.

    Example:

        dyads positions --actor RUS
    """
    rows = _read(db, "positions", actor=actor, since=check_date(since, "--since"), limit=limit)
    if json:
        print_jsonl(rows)
        return
    console.print(_positions_table(rows))


def _positions_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(rows)} positions")
    for col in ("date", "actor", "issue", "stance", "claim"):
        table.add_column(col, overflow="fold")
    for p in rows:
        actor = p["actor"]
        table.add_row(
            p["date"] or "",
            actor.get("code") or actor.get("text") or "?",
            p["issue"]["label"],
            f"{p['stance']:+.1f}",
            _short(p["claim_text"], 120),
        )
    return table


@app.command("dyad")
@handle_errors
def dyad_cli(
    a: Annotated[str, typer.Argument(help="First actor: country or code, e.g. USA.")],
    b: Annotated[str, typer.Argument(help="Second actor, e.g. RUS.")],
    db: DbOption = DEFAULT_DB,
    by: Annotated[str, typer.Option(help="Period: day, week or month.")] = "week",
    carry_forward: Annotated[
        bool,
        typer.Option(
            "--carry-forward/--no-carry-forward",
            help="In the per-period series, keep an actor's last stance in periods "
            "where it made no claim (flagged as carried).",
        ),
    ] = True,
    json: JsonOption = False,
) -> None:
    """Timeline, position distance per issue and per period, and its trend.

    Distance is 0 for the same stance and 2 for opposite ones; the claims behind each
    issue are listed with their sentences. ``--json`` prints the whole result (its
    shape is documented in ``dyads.store.queries.dyad``).

    Example:

        dyads dyad USA RUS --by month
    """
    from dyads.errors import UsageError

    if by not in ("day", "week", "month"):
        raise UsageError(f"--by {by!r} is unknown; expected day, week or month.")
    result = _read(db, "dyad", a=a, b=b, by=by, carry_forward=carry_forward)
    if json:
        print_jsonl([result])
        return
    console.print(_timeline_table(result))
    console.print(_distance_headline(result))
    if result["issues"]:
        console.print(_issues_table(result))
        console.print(_series_table(result))
        console.print(_trend_line(result["trend"], by))
        for issue in result["issues"]:
            console.print(_claims_table(result, issue))


#: Claims listed per issue in the table view; ``--json`` has them all.
CLAIMS_SHOWN = 10


def _timeline_table(result: dict[str, Any]) -> Table:
    a, b, by = result["a"], result["b"], result["by"]
    table = Table(title=f"{a} ↔ {b}: events per {by}")
    for col in ("period", "events", f"{a}→{b}", f"{b}→{a}", "mean Goldstein"):
        table.add_column(col)
    for col in ("Q1", "Q2", "Q3", "Q4"):
        table.add_column(col)
    for row in result["timeline"]:
        quad = row["quad"]
        table.add_row(
            str(row["period"]),
            str(row["events"]),
            str(row["a_to_b"]),
            str(row["b_to_a"]),
            _num(row["goldstein_mean"]),
            *(str(quad.get(k, 0)) for k in ("1", "2", "3", "4")),
        )
    return table


def _distance_headline(result: dict[str, Any]) -> str:
    a, b = result["a"], result["b"]
    counts = result["claim_counts"]
    claims = f"{counts['a']} claims by {a}, {counts['b']} by {b}"
    if result["distance"] is None:
        return f"{a} ↔ {b}: no issue on which both took a position ({claims}); distance unknown."
    return (
        f"{a} ↔ {b}: position distance {_dist(result['distance'])} "
        f"(0 = same stance, 2 = opposite): [bold]{result['verdict']}[/bold], "
        f"over {counts['issues_compared']} issue(s) ({claims})."
    )


def _issues_table(result: dict[str, Any]) -> Table:
    a, b = result["a"], result["b"]
    table = Table(title="position distance per issue (all time)")
    for col in ("issue", a, b, "distance", f"claims {a}", f"claims {b}", "trend"):
        table.add_column(col, overflow="fold")
    for row in result["issues"]:
        table.add_row(
            row["issue"]["label"] or row["issue"]["id"],
            _num(row["a_stance"]),
            _num(row["b_stance"]),
            _dist(row["distance"]),
            str(row["a_claims"]),
            str(row["b_claims"]),
            row["trend"]["direction"] or "—",
        )
    return table


def _series_table(result: dict[str, Any]) -> Table:
    a, b = result["a"], result["b"]
    table = Table(title=f"position distance per {result['by']} (* = uses a carried stance)")
    for col in ("period", "distance", "issues", f"claims {a}", f"claims {b}"):
        table.add_column(col)
    for row in result["distance_series"]:
        carried = "*" if row["carried"] else ""
        table.add_row(
            row["period"],
            _dist(row["distance"]) + carried,
            str(row["issues"]),
            str(row["a_claims"]),
            str(row["b_claims"]),
        )
    return table


def _trend_line(trend: dict[str, Any], by: str) -> str:
    if trend["direction"] is None:
        return f"trend: — (needs two {by}s with a distance; {trend['periods']} so far)"
    return (
        f"trend: [bold]{trend['direction']}[/bold] (slope {trend['slope']:+.3f} per {by}, "
        f"fitted change {trend['change']:+.2f} over {trend['periods']} {by}s with a "
        f"distance; |change| ≥ {trend['threshold']} counts)"
    )


def _claims_table(result: dict[str, Any], issue: dict[str, Any]) -> Table:
    names = {"a": result["a"], "b": result["b"], "both": "both"}
    label = issue["issue"]["label"] or issue["issue"]["id"]
    shown = issue["positions"][:CLAIMS_SHOWN]
    more = len(issue["positions"]) - len(shown)
    caption = f"{more} more: see --json" if more > 0 else None
    table = Table(title=f"claims on {label}", caption=caption)
    for col in ("date", "side", "actor", "stance", "sentence"):
        table.add_column(col, overflow="fold")
    for claim in shown:
        actor = claim["actor"]
        table.add_row(
            claim["date"] or "",
            names[claim["side"]],
            actor.get("name") or actor.get("code") or "?",
            f"{claim['stance']:+.1f}",
            _short(claim["claim_text"] or "", 160),
        )
    return table


def print_demo_summary(db: Path) -> None:
    """What ``dyads demo`` prints: top dyads with events, latest quotes, positions."""
    from dyads.store import Store, queries

    with Store(db, read_only=True) as store:
        top = queries.top_dyads(store.con, limit=8)
        quotes = queries.latest_quotes(store.con, limit=6)
        positions = queries.positions(store.con, limit=15)
    table = Table(title="top dyads")
    for col in ("source", "target", "events", "mean Goldstein", "example"):
        table.add_column(col, overflow="fold")
    for row in top:
        example = row["examples"][0] if row["examples"] else None
        text = ""
        if example:
            trigger = example["evidence"].get("trigger", "")
            text = f"{example['cameo']} {trigger}: {_short(example['sentence'], 90)}"
        table.add_row(
            row["source"], row["target"], str(row["events"]), _num(row["goldstein_mean"]), text
        )
    console.print(table)
    qt = Table(title="latest quotes")
    for col in ("speaker", "quote"):
        qt.add_column(col, overflow="fold")
    for q in quotes:
        speaker = q["speaker"] or {}
        label = speaker.get("name") or q["speaker_text"] or "?"
        qt.add_row(f"{label} ({speaker.get('code') or '?'})", _short(q["text"], 120))
    console.print(qt)
    console.print(_positions_table(positions))


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}"


def _dist(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
