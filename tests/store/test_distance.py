"""Tests for dyads.store.distance: distance arithmetic, periods, carry forward, trend.

Positions are hand-built and written to a temporary DuckDB, then read back through
``queries.dyad``, so the SQL that matches claims to sides is tested too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest

from dyads.records import Actor, Article, Coded, Issue, Position, content_hash
from dyads.store import Store, distance, queries

USA = Actor(text="Washington", country="USA", sector="GOV", code="USAGOV")
RUS = Actor(text="Moscow", country="RUS", sector="GOV", code="RUSGOV")
ACTORS = {"USA": USA, "RUS": RUS}
NATO = Issue(id="nato", label="NATO expansion")
ARMS = Issue(id="arms", label="Arms control")
ISSUES = {"nato": NATO, "arms": ARMS}

Claim = tuple[str, str, float, str | None]  # (actor, issue, stance, ISO date or None)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "distance.duckdb"


def _write(path: Path, claims: Sequence[Claim]) -> None:
    """One article per claim, so each position keeps its own date."""
    batch = []
    for n, (actor, issue, stance, day) in enumerate(claims):
        doc_id = f"d{n}"
        text = f"Claim {n} by {actor} on {issue}."
        position = Position(
            id=content_hash(doc_id, "position", issue),
            doc_id=doc_id,
            date=day,
            actor=ACTORS[actor],
            issue=ISSUES[issue],
            stance=stance,
            claim_text=text,
        )
        article = Article(id=doc_id, text=text, date=day, source="test")
        batch.append(Coded(article=article, positions=(position,)))
    with Store(path) as store:
        run_id = store.start_run(pipeline_version="0.1.0", config={}, inputs=[])
        store.write_batch(batch, run_id=run_id, pipeline_version="0.1.0")
        store.finish_run(run_id, stats={})


def _dyad(path: Path, claims: Sequence[Claim], **kwargs: object) -> dict:
    _write(path, claims)
    with Store(path, read_only=True) as store:
        return queries.dyad(store.con, "USA", "RUS", **kwargs)


def _issue(result: dict, issue_id: str) -> dict:
    (found,) = [i for i in result["issues"] if i["issue"]["id"] == issue_id]
    return found


# -- arithmetic -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param([1.0], [1.0], 0.0, id="same stance"),
        pytest.param([1.0], [-1.0], 2.0, id="opposite"),
        pytest.param([1.0, 0.0], [-1.0], 1.5, id="mean of a's claims"),
        pytest.param([0.5, -0.5], [0.5, 1.0], 0.75, id="means on both sides"),
    ],
)
def test_distance_issue_arithmetic(
    db: Path, a: list[float], b: list[float], expected: float
) -> None:
    claims = [("USA", "nato", s, "2022-01-10") for s in a]
    claims += [("RUS", "nato", s, "2022-01-11") for s in b]
    result = _dyad(db, claims)
    issue = _issue(result, "nato")
    assert issue["distance"] == pytest.approx(expected)
    assert (issue["claims"], issue["a_claims"], issue["b_claims"]) == (
        len(a) + len(b),
        len(a),
        len(b),
    )
    assert result["distance"] == pytest.approx(expected)
    assert result["claim_counts"] == {"a": len(a), "b": len(b), "issues_compared": 1}


def test_distance_missing_side_has_no_distance(db: Path) -> None:
    result = _dyad(db, [("USA", "nato", 1.0, "2022-01-10"), ("USA", "arms", 0.5, None)])
    issue = _issue(result, "nato")
    assert (issue["a_stance"], issue["b_stance"], issue["distance"]) == (1.0, None, None)
    assert result["distance"] is None and result["verdict"] is None
    assert result["claim_counts"]["issues_compared"] == 0
    assert result["trend"]["direction"] is None


def test_distance_overall_is_mean_over_issues_with_both_sides(db: Path) -> None:
    result = _dyad(
        db,
        [
            ("USA", "nato", 1.0, "2022-01-10"),
            ("RUS", "nato", -1.0, "2022-01-10"),
            ("USA", "arms", 0.5, "2022-01-10"),
            ("RUS", "arms", 0.5, "2022-01-10"),
        ],
    )
    assert result["distance"] == pytest.approx(1.0)  # (2 + 0) / 2
    (period,) = result["distance_series"]
    assert period["distance"] == pytest.approx(1.0)
    assert (period["issues"], period["a_claims"], period["b_claims"], period["claims"]) == (
        2,
        2,
        2,
        4,
    )


def test_distance_positions_carry_the_sentences(db: Path) -> None:
    result = _dyad(db, [("RUS", "nato", -1.0, "2022-01-11"), ("USA", "nato", 1.0, "2022-01-10")])
    positions = _issue(result, "nato")["positions"]
    assert [(p["side"], p["stance"], p["date"]) for p in positions] == [
        ("a", 1.0, "2022-01-10"),
        ("b", -1.0, "2022-01-11"),
    ]
    assert positions[0]["claim_text"] == "Claim 1 by USA on nato."
    assert positions[0]["actor"] == {"code": "USAGOV", "country": "USA", "name": None}
    assert positions[0]["id"] == content_hash("d1", "position", "nato")


def test_distance_actor_matching_both_sides_counts_twice(db: Path) -> None:
    _write(db, [("RUS", "nato", -1.0, "2022-01-10")])
    with Store(db, read_only=True) as store:
        result = queries.dyad(store.con, "RUS", "RUSGOV")
    issue = _issue(result, "nato")
    assert issue["positions"][0]["side"] == "both"
    assert issue["distance"] == 0.0


@pytest.mark.parametrize(
    ("value", "words"),
    [(2.0, "poles apart"), (1.5, "poles apart"), (1.49, "apart"), (0.75, "apart"),
     (0.5, "close"), (0.25, "close"), (0.1, "aligned"), (0.0, "aligned"), (None, None)],
)  # fmt: skip
def test_distance_verdict(value: float | None, words: str | None) -> None:
    assert distance.verdict(value) == words


# -- periods ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "by", "start"),
    [
        ("2022-01-10", "week", "2022-01-10"),  # a Monday
        ("2022-01-16", "week", "2022-01-10"),  # the Sunday after
        ("2022-01-01", "week", "2021-12-27"),  # ISO week across the new year
        ("2022-02-17", "month", "2022-02-01"),
        ("2022-02-17", "day", "2022-02-17"),
    ],
)
def test_distance_period_start(day: str, by: str, start: str) -> None:
    assert distance.period_start(date.fromisoformat(day), by).isoformat() == start


def test_distance_series_per_week(db: Path) -> None:
    result = _dyad(
        db,
        [
            ("USA", "nato", 1.0, "2022-01-10"),  # Monday, week 1
            ("RUS", "nato", -1.0, "2022-01-16"),  # Sunday, still week 1
            ("USA", "nato", 0.0, "2022-01-17"),  # Monday, week 2
            ("RUS", "nato", 0.0, "2022-01-18"),
            ("USA", "nato", 0.5, None),  # undated: all-time only
        ],
    )
    series = result["distance_series"]
    assert [(s["period"], s["distance"], s["claims"]) for s in series] == [
        ("2022-01-10", 2.0, 2),
        ("2022-01-17", 0.0, 2),
    ]
    assert _issue(result, "nato")["a_claims"] == 3
    assert _issue(result, "nato")["a_stance"] == pytest.approx(0.5)


def test_distance_series_carries_last_stance_forward(db: Path) -> None:
    claims = [
        ("USA", "nato", 1.0, "2022-01-03"),
        ("RUS", "nato", -1.0, "2022-01-03"),
        ("USA", "nato", 0.0, "2022-01-10"),  # Russia silent: its -1 is carried
        ("RUS", "nato", 0.5, "2022-01-17"),  # the US silent: its 0 is carried
    ]
    result = _dyad(db, claims)
    series = _issue(result, "nato")["series"]
    got = [
        (s["period"], s["a_stance"], s["a_carried"], s["b_stance"], s["b_carried"],
         s["distance"], s["a_claims"], s["b_claims"])
        for s in series
    ]  # fmt: skip
    assert got == [
        ("2022-01-03", 1.0, False, -1.0, False, 2.0, 1, 1),
        ("2022-01-10", 0.0, False, -1.0, True, 1.0, 1, 0),
        ("2022-01-17", 0.0, True, 0.5, False, 0.5, 0, 1),
    ]
    assert [s["carried"] for s in result["distance_series"]] == [0, 1, 1]


def test_distance_series_without_carry_forward(db: Path) -> None:
    claims = [
        ("USA", "nato", 1.0, "2022-01-03"),
        ("RUS", "nato", -1.0, "2022-01-03"),
        ("USA", "nato", 0.0, "2022-01-10"),
        ("USA", "arms", 1.0, "2022-01-17"),
    ]
    result = _dyad(db, claims, carry_forward=False)
    series = result["distance_series"]
    assert [(s["period"], s["distance"], s["issues"]) for s in series] == [
        ("2022-01-03", 2.0, 1),
        ("2022-01-10", None, 0),
        ("2022-01-17", None, 0),
    ]
    # nato has no entry in the week of the arms claim: nothing is carried into it
    assert [s["period"] for s in _issue(result, "nato")["series"]] == [
        "2022-01-03",
        "2022-01-10",
    ]


def test_distance_series_by_month(db: Path) -> None:
    result = _dyad(
        db,
        [("USA", "nato", 1.0, "2022-01-31"), ("RUS", "nato", 0.0, "2022-01-01")],
        by="month",
    )
    assert [(s["period"], s["distance"]) for s in result["distance_series"]] == [
        ("2022-01-01", 1.0)
    ]


# -- trend ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "direction", "slope"),
    [
        pytest.param([(0, 2.0), (1, 1.5), (2, 1.0)], "converging", -0.5, id="converging"),
        pytest.param([(0, 0.0), (2, 1.0)], "diverging", 0.5, id="gap counts"),
        pytest.param([(0, 1.0), (1, 1.1), (2, 1.0)], "flat", 0.0, id="flat"),
        pytest.param([(0, 1.0), (10, 1.1)], "flat", 0.01, id="small change"),
        pytest.param([(0, 1.0), (1, 1.2)], "diverging", 0.2, id="at threshold"),
        pytest.param([(0, 1.0)], None, None, id="one point"),
        pytest.param([], None, None, id="no point"),
    ],
)
def test_distance_trend(
    points: list[tuple[int, float]], direction: str | None, slope: float | None
) -> None:
    found = distance.trend(points)
    assert found["direction"] == direction
    assert found["slope"] == (None if slope is None else pytest.approx(slope))
    assert found["periods"] == len(points)
    assert found["threshold"] == distance.TREND_THRESHOLD


def test_distance_trend_of_dyad(db: Path) -> None:
    claims = [
        ("USA", "nato", 1.0, "2022-01-03"),
        ("RUS", "nato", -1.0, "2022-01-03"),
        ("RUS", "nato", 0.0, "2022-01-10"),
        ("RUS", "nato", 1.0, "2022-01-17"),
    ]
    result = _dyad(db, claims)
    trend = result["trend"]
    assert trend["direction"] == "converging"
    assert trend["slope"] == pytest.approx(-1.0)
    assert (trend["first"], trend["last"], trend["periods"]) == (2.0, 0.0, 3)
    assert _issue(result, "nato")["trend"]["direction"] == "converging"


def test_distance_period_index_counts_gaps() -> None:
    index = distance.period_index
    assert index(date(2022, 1, 17), "week") - index(date(2022, 1, 3), "week") == 2
    assert index(date(2022, 2, 1), "month") - index(date(2021, 12, 1), "month") == 2
    assert index(date(2022, 3, 1), "day") - index(date(2022, 2, 28), "day") == 1
