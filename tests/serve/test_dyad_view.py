"""Shaping ``queries.dyad`` output for the dyad page: periods, issue order, evidence."""

from __future__ import annotations

import pytest

from dyads.serve.dyad_view import (
    UNDATED,
    chart_data,
    evidence_by_period,
    issue_rows,
    period_end,
    period_of,
)


@pytest.mark.parametrize(
    "value,by,expected",
    [
        ("2022-01-12", "week", "2022-01-10"),
        ("2022-01-12", "month", "2022-01-01"),
        ("2022-01-12", "day", "2022-01-12"),
        (None, "week", UNDATED),
        ("2022-01", "week", UNDATED),
        ("not a date", "week", UNDATED),
    ],
)
def test_dyad_view_period_of(value: str | None, by: str, expected: str) -> None:
    assert period_of(value, by) == expected


@pytest.mark.parametrize(
    "period,by,expected",
    [
        ("2022-01-10", "week", "2022-01-16"),
        ("2022-02-01", "month", "2022-02-28"),
        ("2024-02-01", "month", "2024-02-29"),
        ("2022-12-01", "month", "2022-12-31"),
        ("2022-01-12", "day", "2022-01-12"),
        (UNDATED, "week", None),
    ],
)
def test_dyad_view_period_end(period: str, by: str, expected: str | None) -> None:
    assert period_end(period, by) == expected


def _issue(iid: str, a: float | None, b: float | None, claims: int) -> dict:
    distance = abs(a - b) if a is not None and b is not None else None
    return {"issue": {"id": iid, "label": iid.title()}, "a_stance": a, "b_stance": b,
            "distance": distance, "claims": claims, "positions": [], "series": [],
            "trend": {"direction": None}}  # fmt: skip


DYAD = {
    "a": "USA",
    "b": "RUS",
    "by": "week",
    "timeline": [
        {
            "period": "2022-01-10",
            "events": 2,
            "goldstein_mean": -1.0,
            "quad": {"1": 1, "2": 0, "3": 1, "4": 0},
        },
    ],
    "issues": [
        _issue("trade", 0.5, None, 5),
        _issue("nato", 1.0, -1.0, 2),
        _issue("arms", 0.5, 0.0, 3),
    ],
    "distance_series": [],
    "events": [
        {"id": "e1", "date": "2022-01-11"},
        {"id": "e2", "date": "2022-01-16"},
        {"id": "e3", "date": None},
    ],
}


def test_dyad_view_issue_rows_widest_gap_first() -> None:
    rows = issue_rows(DYAD)
    assert [r["issue"]["id"] for r in rows] == ["nato", "arms", "trade"]
    assert [r["verdict"] for r in rows] == ["poles apart", "close", None]
    assert rows[2]["spoke"] == "USA"


def test_dyad_view_evidence_groups_events_by_period() -> None:
    groups = evidence_by_period(DYAD)
    assert [g["period"] for g in groups] == ["2022-01-10", UNDATED]
    assert [e["id"] for e in groups[0]["events"]] == ["e1", "e2"]  # Sunday 16th is week 10
    assert groups[0]["until"] == "2022-01-16" and groups[0]["goldstein_mean"] == -1.0
    assert [e["id"] for e in groups[1]["events"]] == ["e3"]


def test_dyad_view_evidence_caps_events_per_period() -> None:
    (first, _) = evidence_by_period(DYAD, max_per_period=1)
    assert [e["id"] for e in first["events"]] == ["e1"] and first["more"] == 1


def test_dyad_view_chart_data_columns() -> None:
    chart = chart_data(DYAD)
    assert chart["timeline"]["periods"] == ["2022-01-10"]
    assert chart["timeline"]["quad"] == {"1": [1], "2": [0], "3": [1], "4": [0]}
    assert chart["distance"]["issues"] == []  # no series with a distance
