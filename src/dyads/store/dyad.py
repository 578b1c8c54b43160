"""The relation between two actors: their event timeline and how far apart they stand.

``dyad`` is the reader behind ``dyads dyad``, ``/api/dyad`` and the dyad page; its
distance arithmetic lives in ``dyads.store.distance`` and its index of actor pairs in
``dyads.store.pairs``. Actor matching and dates follow the ``dyads.store.queries``
module doc.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from ..errors import message
from . import distance, pairs
from .sql import CANONICAL, Connection, InvalidQuery, actor_key, events_by_id, page

PERIODS = ("day", "week", "month")
"""Valid ``by`` values of :func:`dyad`; weeks start on Monday (ISO)."""


def dyad(
    con: Connection,
    a: str,
    b: str,
    *,
    by: str = "week",
    carry_forward: bool = True,
    limit: int | None = None,
    offset: int = 0,
    claims: int | None = None,
    per_period: int | None = None,
) -> dict[str, Any]:
    """Describe the relation between two actors: event timeline and position distance.

    The dyad's events are the unique events (module doc) with ``a`` among the sources
    and ``b`` among the targets, or the reverse (actor matching as in the module doc).
    Its claims are the positions whose actor matches ``a`` or ``b`` (one matching both
    counts on both sides). The distance arithmetic, periods, carry forward, trend and verdict are
    documented in :mod:`dyads.store.distance`.

    Args:
        con (DuckDBPyConnection): a connection to a dyads database.
        a (str): the first actor (country or code).
        b (str): the second actor.
        by (str): the period, one of ``day``, ``week`` (ISO, starting Monday) or
            ``month``. Defaults to "week".
        carry_forward (bool): in the per-period series, let an actor without a claim in
            a period keep its last stance (flagged). Defaults to True.
        limit (int | None): at most this many of the dyad's ``events``; None for all
            (the timeline always counts them all).
        offset (int): skip this many of the dyad's events first. Defaults to 0.
        claims (int | None): list at most this many positions per issue, the latest;
            None for all. Stances, counts and series always use every claim.
        per_period (int | None): list at most this many events of each period (the
            first by date, then id; undated events form one group), before ``limit``
            and ``offset``; None for all. The timeline always counts them all.

    Returns:
        dict: periods are ISO dates of the period's first day; stances are in -1..+1,
        distances in 0..2 (None when a side has no stance)::

            a, b, by: the arguments
            timeline: [{period, events, goldstein_mean, quad: {"1".."4": n},
                        a_to_b, b_to_a, mentions}] one per period with dated events;
                                           mentions: reports of those events
            issues: [{                             most claims first, then issue id
                issue: {id, label},
                a_stance, b_stance, distance,      all-time means, |a - b|
                claims, a_claims, b_claims,        number of positions behind it
                series: [{period, a_stance, b_stance, a_claims, b_claims,
                          a_carried, b_carried, distance}],
                trend: {direction, slope, change, periods, first, last, threshold},
                positions: [{id, doc_id, side: "a"|"b"|"both",
                             actor: {code, country, name}, stance, date,
                             claim_text}]          the sentences behind it, by date
            }]
            distance: mean of the issues' all-time distances (None if none)
            verdict: "poles apart" | "apart" | "close" | "aligned" | None
            claim_counts: {a, b, issues_compared}
            distance_series: [{period, distance, issues, carried, a_claims,
                               b_claims, claims}]  overall, one per period with claims
            trend: as in issues, over distance_series
            events: the dyad's event records, by date then id

        ``direction`` is "converging", "diverging", "flat", or None (fewer than two
        periods with a distance); ``slope`` is in distance per period.

    Raises:
        InvalidQuery: ``by`` is not a valid period, or an actor is empty.
    """
    if by not in PERIODS:
        raise InvalidQuery(
            message(f"Period {by!r}", f"one of {', '.join(PERIODS)}", "Pass --by day|week|month.")
        )
    if per_period is not None:
        page("", [], per_period, 0)  # validates it
    page("", [], limit, offset)
    page("", [], claims, 0)
    # The positions half runs on a cursor of its own in a second thread, beside the
    # events half: DuckDB releases the GIL while it executes, so the two scans (and
    # the Python arithmetic of one) overlap. Over a million events this takes a cold
    # request from ~130 to ~100 ms (benchmarks/api_dyad.py).
    with _beside(con, _dyad_stances, a, b, by, claims, carry_forward) as stances:
        timeline, events = _dyad_events(con, a, b, by, limit, offset, per_period)
        return {"a": a, "b": b, "by": by, "timeline": timeline, **stances.result(),
                "events": events}  # fmt: skip


@contextmanager
def _beside(con: Connection, query: Callable[..., Any], *args: Any) -> Iterator[Future[Any]]:
    """Run ``query(cursor, *args)`` in a second thread, on a cursor of its own, while
    the block runs; yields its future. The cursor is closed once the query is done."""
    side = con.cursor()
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dyads-query") as pool:
            yield pool.submit(query, side, *args)
    finally:
        side.close()


def _dyad_events(
    con: Connection,
    a: str,
    b: str,
    by: str,
    limit: int | None,
    offset: int,
    per_period: int | None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The dyad's timeline and its page of event records (:func:`dyad`)."""
    a_key, b_key = actor_key(a), actor_key(b)
    listed, listed_params = "d", []
    if per_period is not None:
        listed = (
            "(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY date_trunc(?, date) "
            "ORDER BY date, id) AS nth FROM d) WHERE nth <= ?)"
        )
        listed_params = [by, per_period]
    page_sql, page_params = page(
        f"SELECT id, date FROM {listed} ORDER BY date NULLS LAST, id", listed_params, limit, offset
    )
    if a_key != b_key and pairs.is_fresh(con):
        # the dyad index (store/pairs.py): the pair's rows, found by zone maps
        lo, hi = sorted((a_key, b_key))
        forward, backward = ("lo_to_hi", "hi_to_lo") if a_key == lo else ("hi_to_lo", "lo_to_hi")
        dyad_sql = (
            f"SELECT id, date, goldstein, quad_class, num_mentions, {forward} AS a_to_b, "
            f"{backward} AS b_to_a FROM dyad_events WHERE lo = ? AND hi = ?"
        )
        dyad_params = [lo, hi]
    else:
        # list_contains over the precomputed keys (actor_keys): a columnar scan
        dyad_sql = (
            "SELECT id, date, goldstein, quad_class, num_mentions, "
            "list_contains(source_keys, ?) AND list_contains(target_keys, ?) AS a_to_b, "
            "list_contains(source_keys, ?) AND list_contains(target_keys, ?) AS b_to_a "
            "FROM events WHERE ((list_contains(source_keys, ?) AND list_contains(target_keys, ?))"
            " OR (list_contains(source_keys, ?) AND list_contains(target_keys, ?))) "
            f"AND {CANONICAL}"
        )
        dyad_params = [a_key, b_key, b_key, a_key] * 2
    # One statement, so the dyad's events are read once: the timeline rows come first,
    # then one row with the ids of the page, whose records are fetched through the index.
    rows = con.execute(
        f"WITH d AS ({dyad_sql}), "
        "t AS (SELECT CAST(date_trunc(?, date) AS DATE) AS period, count(*) AS n, "
        "avg(goldstein) AS g, count(*) FILTER (WHERE quad_class = 1) AS q1, "
        "count(*) FILTER (WHERE quad_class = 2) AS q2, "
        "count(*) FILTER (WHERE quad_class = 3) AS q3, "
        "count(*) FILTER (WHERE quad_class = 4) AS q4, count(*) FILTER (WHERE a_to_b) AS ab, "
        "count(*) FILTER (WHERE b_to_a) AS ba, sum(num_mentions) AS mn "
        "FROM d WHERE date IS NOT NULL GROUP BY period), "
        f"p AS ({page_sql}) "
        "SELECT 0 AS kind, *, NULL::VARCHAR[] AS ids FROM t UNION ALL "
        "SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
        "(SELECT list(id ORDER BY date NULLS LAST, id) FROM p) ORDER BY kind, period",
        [*dyad_params, by, *page_params],
    ).fetchall()
    timeline = [
        {
            "period": period.isoformat(),
            "events": n,
            "goldstein_mean": mean,
            "quad": {"1": q1, "2": q2, "3": q3, "4": q4},
            "a_to_b": a_to_b,
            "b_to_a": b_to_a,
            "mentions": int(n_mentions),
        }
        for _, period, n, mean, q1, q2, q3, q4, a_to_b, b_to_a, n_mentions, _ in rows[:-1]
    ]
    page_ids = rows[-1][-1] or []
    by_id = events_by_id(con, page_ids)
    return timeline, [by_id[eid] for eid in page_ids]


def _dyad_stances(
    con: Connection, a: str, b: str, by: str, claims: int | None, carry_forward: bool
) -> dict[str, Any]:
    """The position half of :func:`dyad` (``distance.summarize_stats``).

    The stance sums and the listed claims are two scans of ``positions``; they run
    side by side, the listing on a cursor of its own in another thread.
    """
    with _beside(con, _dyad_claims, a, b, claims) as listed:
        stats = _dyad_sums(con, a, b, by)
        labels, positions = listed.result()
    for issue in stats:
        issue.label = labels.get(issue.issue_id)
        issue.positions = positions.get(issue.issue_id, [])
    return distance.summarize_stats(stats, by, carry_forward=carry_forward)


def _dyad_sums(con: Connection, a: str, b: str, by: str) -> list[distance.IssueStats]:
    """Per-issue stance sums and counts, per period and all-time, computed in SQL.

    Undated claims form a NULL period, counted all-time only. All-time totals are the
    sums of an issue's cells, added up here: cheaper than GROUPING SETS.
    """
    a_key, b_key = actor_key(a), actor_key(b)
    rows = con.execute(
        "WITH c AS (SELECT issue_id, stance, date_trunc(?, date) AS period, "
        "list_contains(actor_keys, ?) AS is_a, list_contains(actor_keys, ?) AS is_b "
        "FROM positions WHERE list_contains(actor_keys, ?) OR list_contains(actor_keys, ?)), "
        "g AS (SELECT issue_id, period, count(*) AS n, "
        "coalesce(sum(stance) FILTER (WHERE is_a), 0) AS a_sum, "
        "count(*) FILTER (WHERE is_a) AS a_n, "
        "coalesce(sum(stance) FILTER (WHERE is_b), 0) AS b_sum, "
        "count(*) FILTER (WHERE is_b) AS b_n FROM c GROUP BY issue_id, period) "
        "SELECT issue_id, strftime(period, '%Y-%m-%d'), n, a_sum, a_n, b_sum, b_n FROM g "
        "ORDER BY issue_id, period",
        [by, a_key, b_key, a_key, b_key],
    ).fetchall()
    by_issue: dict[str, distance.IssueStats] = {}
    for issue_id, period, n, a_sum, a_n, b_sum, b_n in rows:
        stats = by_issue.get(issue_id)
        if stats is None:
            stats = by_issue[issue_id] = distance.IssueStats(issue_id, None)
        if period is not None:
            cell = distance.Cell(n, distance.Tally(a_sum, a_n), distance.Tally(b_sum, b_n))
            stats.periods[period] = cell
        total = stats.total
        total.claims += n
        total.a.total += a_sum
        total.a.n += a_n
        total.b.total += b_sum
        total.b.n += b_n
    return list(by_issue.values())


def _dyad_claims(
    con: Connection, a: str, b: str, claims: int | None
) -> tuple[dict[str, str | None], dict[str, list[dict[str, Any]]]]:
    """Per issue, the label of its first claim and the latest ``claims`` claims (all
    when None) as evidence records, by date then id."""
    a_key, b_key = actor_key(a), actor_key(b)
    # top-k by max_by is cheaper than a window over every claim; the texts are read
    # after, for the chosen ids only
    latest = "[]::VARCHAR[]" if not claims else "max_by(id, (date IS NULL, date, id), ?)"
    rows = con.execute(
        f"SELECT issue_id, arg_min(issue_label, (date IS NULL, date, id)), {latest} "
        "FROM positions WHERE list_contains(actor_keys, ?) OR list_contains(actor_keys, ?) "
        "GROUP BY issue_id",
        [*([claims] if claims else []), a_key, b_key],
    ).fetchall()
    labels = {issue_id: label for issue_id, label, _ in rows}
    positions: dict[str, list[dict[str, Any]]] = {}
    if claims == 0:
        return labels, positions
    wanted = [pid for _, _, ids in rows for pid in ids or []]
    # a scan of 200k positions beats hundreds of index probes here
    only = "" if claims is None else "AND id IN (SELECT unnest(?::VARCHAR[]))"
    listed = con.execute(
        "SELECT id, doc_id, actor_code, actor_country, actor_name, stance, date, claim_text, "
        "list_contains(actor_keys, ?), list_contains(actor_keys, ?), issue_id FROM positions "
        f"WHERE (list_contains(actor_keys, ?) OR list_contains(actor_keys, ?)) {only} "
        "ORDER BY date NULLS LAST, id",
        [a_key, b_key, a_key, b_key, *([] if claims is None else [wanted])],
    ).fetchall()
    for pid, doc_id, code, country, name, stance, day, text, is_a, is_b, issue_id in listed:
        positions.setdefault(issue_id, []).append(
            {
                "id": pid,
                "doc_id": doc_id,
                "side": "both" if is_a and is_b else "a" if is_a else "b",
                "actor": {"code": code, "country": country, "name": name},
                "stance": stance,
                "date": day.isoformat() if day else None,
                "claim_text": text,
            }
        )
    return labels, positions
