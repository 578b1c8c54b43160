"""Position distance between two actors: per issue, overall, per period, and its trend.

Pure arithmetic over claims (position rows already matched to side ``a`` or ``b``), used
by :func:`dyads.store.queries.dyad`; no database access here, so the numbers are easy to
test by hand.

**Stance and distance.** An actor's stance on an issue is the mean of the stances
(-1..+1) of its claims; the distance is ``|a_stance - b_stance|``: 0 for the same
stance, 2 for opposite poles. It is None when either side has no stance. The overall
distance is the unweighted mean over the issues on which both sides have a stance.

**Periods.** A dated claim falls in the period its date truncates to: the day, the ISO
week (starting Monday) or the calendar month, named by its first day (``2022-01-10``).
Undated claims count in the all-time figures but in no period. The series has one entry
per period in which either actor made at least one claim; empty periods are left out
(a chart should not draw a line through them as if they were measured).

**Carry forward.** News rarely quotes both actors on the same issue in the same week,
so by default (``carry_forward=True``) an actor without a claim on an issue in a period
keeps its stance from the last period in which it had one (that period's mean, not a
running mean). A carried stance is flagged (``a_carried`` / ``b_carried``) and counted
in the period's ``carried``; claim counts only ever count the period's own claims.
Before an actor's first claim on an issue there is nothing to carry: its stance is None.
With ``carry_forward=False`` a period's issue entry needs its own claims on both sides
to have a distance.

**Trend.** The least-squares slope of the distance over time, in distance units per
period (gaps count: weeks 1 and 3 are two periods apart), fitted over the periods that
have a distance. The fitted change over the whole span (slope x span) classifies it:
at most -:data:`TREND_THRESHOLD` is ``converging``, at least +:data:`TREND_THRESHOLD`
``diverging``, anything between ``flat``. Fewer than two periods with a distance give
no trend (direction and slope None).

**Verdict** (:func:`verdict`) puts a distance in words: ``poles apart`` from 1.5,
``apart`` from 0.75, ``close`` from 0.25, ``aligned`` below.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

TREND_THRESHOLD = 0.2
"""Fitted change of distance over the series' span (0..2 scale) that counts as a trend."""

_EPSILON = 1e-9  # so that 1.2 - 1.0 (0.19999...) reaches the threshold

VERDICTS = ((1.5, "poles apart"), (0.75, "apart"), (0.25, "close"), (0.0, "aligned"))
"""(lowest distance, words) from the widest gap down; see :func:`verdict`."""


@dataclass(frozen=True)
class Claim:
    """One position behind a distance, seen from the dyad: which side took it, and when."""

    id: str
    doc_id: str
    side: str  # "a", "b", or "both" when the position's actor matches both actors
    actor: dict[str, Any]  # {code, country, name}
    issue_id: str
    issue_label: str | None
    stance: float
    date: date | None
    claim_text: str | None

    def on(self, side: str) -> bool:
        return self.side in (side, "both")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "side": self.side,
            "actor": self.actor,
            "stance": self.stance,
            "date": self.date.isoformat() if self.date else None,
            "claim_text": self.claim_text,
        }


def period_start(day: date, by: str) -> date:
    """The first day of the period (``day``, ISO ``week`` from Monday, ``month``) of ``day``."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown period {by!r}")


def period_index(start: date, by: str) -> int:
    """A whole number that grows by one per period, so gaps between periods count."""
    if by == "month":
        return start.year * 12 + start.month - 1
    days = start.toordinal()
    return days // 7 if by == "week" else days  # Monday ordinals are 7 apart


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None


def gap(a: float | None, b: float | None) -> float | None:
    """``|a - b|``, or None when either stance is unknown."""
    return abs(a - b) if a is not None and b is not None else None


def verdict(distance: float | None) -> str | None:
    """Put a distance in words (:data:`VERDICTS`); None for no distance."""
    if distance is None:
        return None
    return next(words for low, words in VERDICTS if distance >= low)


def trend(points: Sequence[tuple[int, float]]) -> dict[str, Any]:
    """Classify ``(period index, distance)`` points as converging, diverging or flat.

    Returns:
        dict: ``{direction, slope, change, periods, first, last, threshold}``: the
        least-squares ``slope`` per period, the fitted ``change`` over the span, the
        number of ``periods`` fitted, the ``first`` and ``last`` distances, and the
        ``threshold`` used. ``direction``, ``slope`` and ``change`` are None with fewer
        than two points.
    """
    result: dict[str, Any] = {
        "direction": None,
        "slope": None,
        "change": None,
        "periods": len(points),
        "first": points[0][1] if points else None,
        "last": points[-1][1] if points else None,
        "threshold": TREND_THRESHOLD,
    }
    if len(points) < 2:
        return result
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    x_mean, y_mean = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - x_mean) ** 2 for x in xs)
    slope = sum((x - x_mean) * (y - y_mean) for x, y in points) / sxx
    change = slope * (max(xs) - min(xs))
    if change <= -TREND_THRESHOLD + _EPSILON:
        direction = "converging"
    elif change >= TREND_THRESHOLD - _EPSILON:
        direction = "diverging"
    else:
        direction = "flat"
    result.update(direction=direction, slope=slope, change=change)
    return result


@dataclass
class Tally:
    """Claims on one side of one cell: the stance sum and count, so means need no claims."""

    total: float = 0.0
    n: int = 0

    def add(self, stance: float) -> None:
        self.total += stance
        self.n += 1

    @property
    def mean(self) -> float | None:
        return self.total / self.n if self.n else None


@dataclass
class Cell:
    """The claims of one issue, all-time or in one period: how many, and per side."""

    claims: int = 0
    a: Tally = field(default_factory=Tally)
    b: Tally = field(default_factory=Tally)

    def add(self, claim: Claim) -> None:
        self.claims += 1
        if claim.on("a"):
            self.a.add(claim.stance)
        if claim.on("b"):
            self.b.add(claim.stance)


@dataclass
class IssueStats:
    """What the distance of one issue needs: label, all-time cell, one cell per period.

    ``queries.dyad`` fills it with SQL aggregates (a busy dyad has tens of thousands of
    claims; their sums are cheap in the database, their objects are not in Python);
    :func:`summarize` fills it from claims. ``positions`` are the claims listed as
    evidence (all of them, or the latest few), as ``Claim.to_dict()``.
    """

    issue_id: str
    label: str | None
    total: Cell = field(default_factory=Cell)
    periods: dict[str, Cell] = field(default_factory=dict)  # ISO period start -> cell
    positions: list[dict[str, Any]] = field(default_factory=list)


def issue_summary(stats: IssueStats) -> dict[str, Any]:
    """All-time stances, distance and claims of one issue.

    Returns:
        dict: ``{issue, a_stance, b_stance, distance, claims, a_claims, b_claims,
        positions}`` (see :func:`dyads.store.queries.dyad`).
    """
    a_stance, b_stance = stats.total.a.mean, stats.total.b.mean
    return {
        "issue": {"id": stats.issue_id, "label": stats.label},
        "a_stance": a_stance,
        "b_stance": b_stance,
        "distance": gap(a_stance, b_stance),
        "claims": stats.total.claims,
        "a_claims": stats.total.a.n,
        "b_claims": stats.total.b.n,
        "positions": stats.positions,
    }


def issue_series(
    cells: dict[str, Cell], periods: Sequence[str], *, carry_forward: bool = True
) -> list[dict[str, Any]]:
    """One issue's stances and distance in each of ``periods`` (sorted ISO period starts).

    A period gets an entry when either side has a claim on the issue in it, or (when
    carrying forward) a stance to carry into it.

    Returns:
        list[dict]: ``{period, a_stance, b_stance, a_claims, b_claims, a_carried,
        b_carried, distance}``; ``period`` is the period's first day in ISO form.
    """
    # Built for speed, as a busy dyad has a dozen issues over hundreds of weeks: most
    # periods have no claim of their own and only carry both stances forward.
    a_last: float | None = None
    b_last: float | None = None
    out: list[dict[str, Any]] = []
    for period in periods:
        here = cells.get(period)
        if here is None or not here.claims:
            if not carry_forward or (a_last is None and b_last is None):
                continue
            out.append(
                {"period": period, "a_stance": a_last, "b_stance": b_last,
                 "a_claims": 0, "b_claims": 0, "a_carried": a_last is not None,
                 "b_carried": b_last is not None, "distance": gap(a_last, b_last)}
            )  # fmt: skip
            continue
        a_fresh, b_fresh = here.a.mean, here.b.mean
        a_carried = a_fresh is None and carry_forward and a_last is not None
        b_carried = b_fresh is None and carry_forward and b_last is not None
        a_stance = a_last if a_carried else a_fresh
        b_stance = b_last if b_carried else b_fresh
        if a_fresh is not None:
            a_last = a_fresh
        if b_fresh is not None:
            b_last = b_fresh
        out.append(
            {"period": period, "a_stance": a_stance, "b_stance": b_stance,
             "a_claims": here.a.n, "b_claims": here.b.n, "a_carried": a_carried,
             "b_carried": b_carried, "distance": gap(a_stance, b_stance)}
        )  # fmt: skip
    return out


def overall_series(per_issue: Sequence[Sequence[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Per-period overall distance: the mean over issues with both stances that period.

    Args:
        per_issue: each issue's series (:func:`issue_series`).

    Returns:
        list[dict]: ``{period, distance, issues, carried, a_claims, b_claims, claims}``,
        one per period present in any issue's series, in order.
    """
    periods: dict[str, list[Any]] = {}  # period -> [distances, carried, a_claims, b_claims]
    for series in per_issue:
        for s in series:
            row = periods.get(s["period"])
            if row is None:
                row = periods[s["period"]] = [[], 0, 0, 0]
            row[2] += s["a_claims"]
            row[3] += s["b_claims"]
            if s["distance"] is not None:
                row[0].append(s["distance"])
                row[1] += s["a_carried"] or s["b_carried"]
    out = []
    for period in sorted(periods):  # ISO dates sort as the dates do
        distances, carried, a_claims, b_claims = periods[period]
        out.append(
            {"period": period, "carried": carried, "a_claims": a_claims, "b_claims": b_claims,
             "distance": mean(distances), "issues": len(distances),
             "claims": a_claims + b_claims}
        )  # fmt: skip
    return out


def summarize(claims: Sequence[Claim], by: str, *, carry_forward: bool = True) -> dict[str, Any]:
    """Everything :func:`dyads.store.queries.dyad` reports about positions, from claims.

    Every claim is listed under its issue; see :func:`summarize_stats`.
    """
    by_issue: dict[str, IssueStats] = {}
    for claim in _ordered(claims):
        stats = by_issue.setdefault(claim.issue_id, IssueStats(claim.issue_id, claim.issue_label))
        stats.total.add(claim)
        if claim.date is not None:
            period = period_start(claim.date, by).isoformat()
            stats.periods.setdefault(period, Cell()).add(claim)
        stats.positions.append(claim.to_dict())
    return summarize_stats(list(by_issue.values()), by, carry_forward=carry_forward)


def summarize_stats(
    issues_stats: Sequence[IssueStats], by: str, *, carry_forward: bool = True
) -> dict[str, Any]:
    """Everything :func:`dyads.store.queries.dyad` reports about positions.

    Args:
        issues_stats: one :class:`IssueStats` per issue with claims; cells keyed by
            :func:`period_start` of ``by`` in ISO form (``"2022-01-10"``).

    Returns:
        dict: ``{issues, distance, verdict, claim_counts, distance_series, trend}``.
    """
    periods = sorted({p for stats in issues_stats for p in stats.periods})
    index = {p: period_index(date.fromisoformat(p), by) for p in periods}
    issues, filled = [], []
    for stats in issues_stats:
        series = issue_series(stats.periods, periods, carry_forward=carry_forward)
        filled.append(series)
        item = issue_summary(stats)
        item["series"] = series
        item["trend"] = trend(_points(series, index))
        issues.append(item)
    issues.sort(key=lambda i: (-i["claims"], i["issue"]["id"]))
    known = [i["distance"] for i in issues if i["distance"] is not None]
    distance = mean(known)
    overall = overall_series(filled)
    return {
        "issues": issues,
        "distance": distance,
        "verdict": verdict(distance),
        "claim_counts": {
            "a": sum(s.total.a.n for s in issues_stats),
            "b": sum(s.total.b.n for s in issues_stats),
            "issues_compared": len(known),
        },
        "distance_series": overall,
        "trend": trend(_points(overall, index)),
    }


def _points(series: Iterable[dict[str, Any]], index: dict[str, int]) -> list[tuple[int, float]]:
    """``(period index, distance)`` of the entries that have a distance, for :func:`trend`."""
    return [(index[s["period"]], s["distance"]) for s in series if s["distance"] is not None]


def _ordered(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.date is None, c.date or date.min, c.id))
