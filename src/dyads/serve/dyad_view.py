"""What the dyad page shows, derived from ``queries.dyad`` (the page's JSON twin ``/api/dyad``).

The page draws two plotly charts and lists the evidence behind them, all from the one
dict the API returns, so anything on the page can be checked against the JSON:

* the **timeline**: events per period stacked by QuadClass, with the mean Goldstein
  score as a line on a second axis;
* the **distance** chart: each issue's position distance per period (carried stances
  included, as ``dyads.store.distance`` computes them) and the overall mean;
* the **issue table**: issues ordered with the widest gap first, each with its verdict
  ("poles apart" ...), claim counts and trend;
* the **evidence by period**: for each period, the dyad's events and both actors' claims
  dated in it. A click on a chart point selects that period's list (``dashboard.js``);
  without JavaScript the period links in the tables jump to the same anchors.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from dyads.store.distance import period_start, verdict

QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

UNDATED = "undated"
"""The evidence group of records without a usable date (no chart point leads there)."""


def parse_day(value: Any) -> date | None:
    """An ISO date (``2022-01-10``, or the date part of a timestamp), else None."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def period_of(value: Any, by: str) -> str:
    """The ISO first day of the period ``value`` falls in, or :data:`UNDATED`."""
    day = parse_day(value)
    return period_start(day, by).isoformat() if day else UNDATED


def period_end(period: str, by: str) -> str | None:
    """The ISO last day of the period starting on ``period`` (None when undated)."""
    day = parse_day(period)
    if day is None:
        return None
    if by == "week":
        return (day + timedelta(days=6)).isoformat()
    if by == "month":
        following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        return (following - timedelta(days=1)).isoformat()
    return day.isoformat()


def period_label(period: str, by: str) -> str:
    """A period in words: ``week of 2022-01-10``, ``2022-01``, or the day itself."""
    if period == UNDATED:
        return "Undated"
    if by == "week":
        return f"Week of {period}"
    if by == "month":
        return period[:7]
    return period


def chart_data(dyad: Mapping[str, Any]) -> dict[str, Any]:
    """The series both charts draw, in plotly's column shape (lists per trace).

    Returns:
        dict: ``{a, b, by, quad_labels, timeline: {periods, events, goldstein, quad:
        {"1".."4": [...]}}, distance: {overall: {periods, values}, issues: [{label,
        periods, values, carried, fresh}]}}``; ``carried`` marks a point where a side's
        stance was carried forward, ``fresh`` one where at least one side spoke that period.
    """
    timeline = dyad.get("timeline") or []
    periods = [row["period"] for row in timeline]
    quad = {
        str(q): [int((row.get("quad") or {}).get(str(q), 0) or 0) for row in timeline]
        for q in QUAD_CLASSES
    }
    issues = []
    for issue in dyad.get("issues") or []:
        points = [s for s in issue.get("series") or [] if s.get("distance") is not None]
        if points:
            issues.append(
                {
                    "label": issue["issue"].get("label") or issue["issue"]["id"],
                    "periods": [s["period"] for s in points],
                    "values": [s["distance"] for s in points],
                    "carried": [bool(s.get("a_carried") or s.get("b_carried")) for s in points],
                    "fresh": [not (s.get("a_carried") and s.get("b_carried")) for s in points],
                }
            )
    overall = [s for s in dyad.get("distance_series") or [] if s.get("distance") is not None]
    return {
        "a": dyad.get("a"),
        "b": dyad.get("b"),
        "by": dyad.get("by"),
        "quad_labels": {str(q): label for q, label in QUAD_CLASSES.items()},
        "timeline": {
            "periods": periods,
            "events": [row["events"] for row in timeline],
            "goldstein": [row.get("goldstein_mean") for row in timeline],
            "quad": quad,
        },
        "distance": {
            "overall": {
                "periods": [s["period"] for s in overall],
                "values": [s["distance"] for s in overall],
            },
            "issues": issues,
        },
    }


def issue_rows(dyad: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Issues for the table, widest gap first; issues only one side spoke on come last.

    Each row is the API's issue dict plus ``verdict`` (words for its distance) and
    ``spoke`` (who has a stance: ``both``, the actor's name, or ``neither``).
    """
    rows = []
    for issue in dyad.get("issues") or []:
        a_has, b_has = issue.get("a_stance") is not None, issue.get("b_stance") is not None
        spoke = "both" if a_has and b_has else dyad["a"] if a_has else dyad["b"]
        if not (a_has or b_has):
            spoke = "neither"
        rows.append({**issue, "verdict": verdict(issue.get("distance")), "spoke": spoke})
    rows.sort(key=lambda r: (r["distance"] is None, -(r["distance"] or 0.0), -r["claims"]))
    return rows


MAX_PER_PERIOD = 5
"""Events listed per period on the page; the rest are one link away (the events table).

The page asks the store for only these (``queries.dyad(per_period=...)``), so a dyad with
tens of thousands of events renders in one request."""

MAX_CLAIMS_PER_ISSUE = 100
"""Latest claims listed per issue on the page (every claim counts in the distances)."""


def evidence_by_period(
    dyad: Mapping[str, Any], *, max_per_period: int = MAX_PER_PERIOD
) -> list[dict[str, Any]]:
    """The dyad's events and claims grouped by period, oldest first, undated last.

    Returns:
        list[dict]: ``{period, until, label, events, more, claims, goldstein_mean}``:
        at most ``max_per_period`` events, and ``more`` counts those left out. ``until``
        is the period's last day (for an ``/events?a=&b=&since=&until=`` link); each claim is a
        position of ``queries.dyad`` plus its ``issue`` label.
    """
    by = dyad.get("by") or "week"
    groups: dict[str, dict[str, Any]] = {}

    def group(period: str) -> dict[str, Any]:
        return groups.setdefault(
            period,
            {
                "period": period,
                "until": period_end(period, by),
                "label": period_label(period, by),
                "events": [],
                "claims": [],
            },
        )

    for row in dyad.get("timeline") or []:
        group(row["period"])["goldstein_mean"] = row.get("goldstein_mean")
    for ev in dyad.get("events") or []:
        group(period_of(ev.get("date"), by))["events"].append(ev)
    for issue in dyad.get("issues") or []:
        label = issue["issue"].get("label") or issue["issue"]["id"]
        for claim in issue.get("positions") or []:
            group(period_of(claim.get("date"), by))["claims"].append({**claim, "issue": label})
    counted = {row["period"]: row.get("events") for row in dyad.get("timeline") or []}
    for entry in groups.values():
        entry["claims"].sort(key=lambda c: (c.get("date") or "", c["id"]))
        total = counted.get(entry["period"]) or len(entry["events"])
        del entry["events"][max_per_period:]
        # the store may list only the first events of a period; the timeline counts all
        entry["more"] = max(total - len(entry["events"]), 0)
    return sorted(groups.values(), key=lambda g: (g["period"] == UNDATED, g["period"]))
