"""Reads over a dyads database, shared by the CLI, the web API and the exporters.

Every function takes a DuckDB connection (``Store.con``, or a read-only connection of
its own), only reads, and returns plain dicts in the record shapes of DESIGN.md §5, so
that ``--json``, the API and the JSONL export print the same thing.

**Actor matching** (the ``actor`` argument, and ``a``/``b`` of :func:`dyad`) is
case-insensitive. A value matches an actor when it equals the actor's country
(``"RUS"``, ``"NATO"``) or its CAMEO code (``"RUSGOV"``), or, for a three-letter value,
when the code starts with it (``"RUS"`` matches ``RUSMIL``; ``"IGO"`` matches every
IGO code). Events match when any source or target actor matches, quotes on their
speaker, positions on their actor.

**Dates:** ``since`` and ``until`` are ISO dates (``YYYY-MM-DD``), both inclusive,
compared with the record's date: the event date for events, the position date for
positions, and the article's publication date for quotes (a quote has no date of its
own). Records without a date never pass a date filter.

**Order:** listings are sorted by date (undated last), then id, so pages are stable.

**Unique events and reports** (GDELT's events + mentions; ``store/dedup.py``). Every
event an article reports is stored as a *report*; reports of the same happening in
several articles share a ``cluster_id``, the id of the cluster's canonical report. Event
listings, counts, the dyad timeline and top dyads count *unique* events (canonical
reports); an article's events (``doc_id=...``) are its own reports. Every event record
carries, besides the DESIGN.md §5 fields, ``cluster_id`` and its cluster's
``num_mentions`` (reports), ``num_articles`` (distinct articles) and ``num_sources``
(distinct article sources; an article without a source counts as its own source).

All user values reach SQL as parameters; only fixed column names are formatted in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from typing import Any

import duckdb

from ..errors import UsageError, message
from ..records import Actor
from . import distance, pairs

TABLES = ("articles", "events", "mentions", "quotes", "positions", "actors", "rejects", "runs")
"""The tables counted by :func:`counts` (every table but ``meta``)."""

EXPORTABLE = ("events", "mentions", "quotes", "positions", "actors")
"""What :func:`iter_records` (and so ``dyads export --what``) can stream."""

EVENT_STATS = ("cluster_id", "num_mentions", "num_articles", "num_sources")
"""Keys event records carry beyond DESIGN.md §5: the cluster and its GDELT-style counts."""

PERIODS = ("day", "week", "month")
"""Valid ``by`` values of :func:`dyad`; weeks start on Monday (ISO)."""

_ACTOR_KEYS = tuple(Actor(text="").to_dict())

Connection = duckdb.DuckDBPyConnection
Row = tuple[Any, ...]


class InvalidQuery(UsageError, ValueError):
    """A query argument is malformed (a bad date, period, limit or actor).

    It is a ``UsageError`` (the CLI exits 2, the API answers 400) and a ``ValueError``.
    """


# -- listings ---------------------------------------------------------------------------


def events(
    con: Connection,
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    unique: bool | None = None,
    root: str | None = None,
    plover: str | None = None,
    q: str | None = None,
    a: str | None = None,
    b: str | None = None,
) -> list[dict[str, Any]]:
    """List events, oldest first.

    Args:
        con (DuckDBPyConnection): a connection to a dyads database.
        actor (str | None): keep events with a matching source or target (module doc).
        since (str | None): keep events dated on or after this ISO date.
        until (str | None): keep events dated on or before this ISO date.
        doc_id (str | None): keep events of this article.
        limit (int | None): at most this many rows; None for all.
        offset (int): skip this many rows first. Defaults to 0.
        unique (bool | None): True lists unique events (one canonical report per
            cluster), False every report. Defaults to None: unique, unless ``doc_id``
            is given (an article's events are its own reports).
        root (str | None): keep events with this two-digit CAMEO root (``"19"``).
        plover (str | None): keep events of this PLOVER type (case-insensitive).
        q (str | None): keep events whose sentence contains this text (case-insensitive).
        a (str | None): with ``b``, keep the dyad's events, as :func:`dyad` does.
        b (str | None): the dyad's other actor; give both or neither.

    Returns:
        list[dict]: event records (DESIGN.md §5) with ``cluster_id``, ``num_mentions``,
        ``num_articles`` and ``num_sources`` (module doc).

    Raises:
        InvalidQuery: a malformed date, limit, offset or actor.
    """
    if unique is None:
        unique = doc_id is None
    sql, params = _events_sql(
        actor=actor, since=since, until=until, doc_id=doc_id, unique=unique,
        root=root, plover=plover, q=q, a=a, b=b,
    )  # fmt: skip
    sql, params = _page(sql, params, limit, offset)
    return [_event(row) for row in con.execute(sql, params).fetchall()]


def event(con: Connection, event_id: str) -> dict[str, Any] | None:
    """Return one unique event with where it was reported, or None when unknown.

    Args:
        con (DuckDBPyConnection): a connection to a dyads database.
        event_id (str): the id of any report of the event (the canonical one or not).

    Returns:
        dict | None: the canonical event record (as :func:`events`) plus ``mentions``
        (as :func:`mentions`) and ``articles``: ``[{id, date, source, title, url,
        tone}]`` of the articles that report it, by date then id.
    """
    row = con.execute("SELECT cluster_id FROM events WHERE id = ?", [event_id]).fetchone()
    if row is None:
        return None
    cluster = row[0]
    found = _events_by_id(con, [cluster]).get(cluster)
    if found is None:  # a cluster whose canonical report is gone: not expected
        return None
    arts = con.execute(
        "SELECT id, date_raw, source, title, url, tone FROM articles WHERE id IN "
        "(SELECT doc_id FROM mentions WHERE event_id = ?) ORDER BY date NULLS LAST, id",
        [cluster],
    ).fetchall()
    keys = ("id", "date", "source", "title", "url", "tone")
    return {
        **found,
        "mentions": mentions(con, event_id=cluster),
        "articles": [dict(zip(keys, art, strict=True)) for art in arts],
    }


def quotes(
    con: Connection,
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    q: str | None = None,
) -> list[dict[str, Any]]:
    """List quotes, by article date then id; ``actor`` matches the speaker.

    Args: as :func:`events`; ``q`` searches the quoted text.

    Returns:
        list[dict]: quote records (DESIGN.md §5).
    """
    sql, params = _quotes_sql(actor=actor, since=since, until=until, doc_id=doc_id, q=q)
    sql, params = _page(sql, params, limit, offset)
    return [_quote(row) for row in con.execute(sql, params).fetchall()]


def positions(
    con: Connection,
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    q: str | None = None,
) -> list[dict[str, Any]]:
    """List positions, by date then id; ``actor`` matches the position's actor.

    Args: as :func:`events`; ``q`` searches the claim text.

    Returns:
        list[dict]: position records (DESIGN.md §5).
    """
    sql, params = _positions_sql(actor=actor, since=since, until=until, doc_id=doc_id, q=q)
    sql, params = _page(sql, params, limit, offset)
    return [_position(row) for row in con.execute(sql, params).fetchall()]


def mentions(
    con: Connection,
    *,
    doc_id: str | None = None,
    event_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """List event mentions (GDELT-style: where each event was reported).

    ``event_id`` may be the id of any report of an event: its cluster's mentions are
    listed (the mentions of a unique event, one per report).

    Returns:
        list[dict]: ``{event_id, doc_id, date, event_date, sentence, span}``; ``date`` is
        the reporting article's date, ``event_date`` the event's.
    """
    sql, params = _mentions_sql(doc_id=doc_id, event_id=event_id)
    sql, params = _page(sql, params, limit, offset)
    return [_mention(row) for row in con.execute(sql, params).fetchall()]


def actor_mentions(
    con: Connection, *, doc_id: str | None = None, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """List actor mentions (the ``actors`` table), in the ``ActorMention.to_dict()`` shape.

    Ordered by article id, then position in the article.
    """
    sql, params = _actor_mentions_sql(doc_id=doc_id)
    sql, params = _page(sql, params, limit, offset)
    return [_actor_mention(row) for row in con.execute(sql, params).fetchall()]


def actors(con: Connection, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Aggregate actor mentions by actor, most mentioned first.

    An actor is a distinct (code, name, country, sector); mentions of the same code
    without a canonical name are counted together.

    Returns:
        list[dict]: ``{code, name, country, sector, mentions}``.
    """
    sql = (
        "SELECT code, name, country, sector, count(*) AS mentions FROM actors "
        "GROUP BY code, name, country, sector "
        "ORDER BY mentions DESC, code NULLS LAST, name NULLS LAST, "
        "country NULLS LAST, sector NULLS LAST"
    )
    sql, params = _page(sql, [], limit, 0)
    keys = ("code", "name", "country", "sector", "mentions")
    return [dict(zip(keys, row, strict=True)) for row in con.execute(sql, params).fetchall()]


def latest_quotes(con: Connection, *, limit: int = 10) -> list[dict[str, Any]]:
    """Return the most recent quotes (by article date, newest first, then id)."""
    sql = f"SELECT {_QUOTE_COLS} FROM quotes ORDER BY date DESC NULLS LAST, id"
    sql, params = _page(sql, [], limit, 0)
    return [_quote(row) for row in con.execute(sql, params).fetchall()]


def article(con: Connection, article_id: str) -> dict[str, Any] | None:
    """Return one article with everything coded in it, or None when it is not stored.

    Returns:
        dict | None: the ``Article.to_dict()`` fields plus ``pipeline_version``,
        ``run_id``, ``coded_at`` (ISO, UTC), ``tone`` (-100..+100, GDELT's AvgTone
        scale; None if not scored) and the lists ``events`` (the article's own reports,
        each with its cluster's counts), ``quotes``, ``positions`` and ``actors``
        (actor mentions).
    """
    row = con.execute(
        "SELECT id, text, date_raw, source, url, title, origin, record, pipeline_version, "
        "run_id, coded_at, tone FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        return None
    keys = ("id", "text", "date", "source", "url", "title", "origin", "record")
    result: dict[str, Any] = dict(zip(keys, row[:8], strict=True))
    result["pipeline_version"] = row[8]
    result["run_id"] = row[9]
    result["coded_at"] = row[10].isoformat() if row[10] else None
    result["tone"] = row[11]
    result["events"] = events(con, doc_id=article_id)
    result["quotes"] = quotes(con, doc_id=article_id)
    result["positions"] = positions(con, doc_id=article_id)
    result["actors"] = actor_mentions(con, doc_id=article_id)
    return result


# -- aggregates -------------------------------------------------------------------------


def top_dyads(con: Connection, *, limit: int = 10) -> list[dict[str, Any]]:
    """Return the (source code, target code) pairs with the most unique events.

    An event with two sources (or targets) counts once for each pair; actors without a
    code are left out.

    Returns:
        list[dict]: ``{source, target, events, goldstein_mean, examples}``, most events
        first; ``examples`` holds up to 3 event records, newest first.
    """
    sql = (
        "SELECT s.code AS source, t.code AS target, count(*) AS n, avg(e.goldstein), "
        "list(e.id ORDER BY e.date DESC NULLS LAST, e.id)[1:3] "
        "FROM events e, unnest(list_distinct(e.source_codes)) AS s(code), "
        "unnest(list_distinct(e.target_codes)) AS t(code) "
        f"WHERE {_CANONICAL} GROUP BY s.code, t.code ORDER BY n DESC, source, target"
    )
    sql, params = _page(sql, [], limit, 0)
    rows = con.execute(sql, params).fetchall()
    by_id = _events_by_id(con, [eid for row in rows for eid in row[4]])
    return [
        {
            "source": source,
            "target": target,
            "events": n,
            "goldstein_mean": mean,
            "examples": [by_id[eid] for eid in example_ids],
        }
        for source, target, n, mean, example_ids in rows
    ]


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
        _page("", [], per_period, 0)  # validates it
    _page("", [], limit, offset)
    _page("", [], claims, 0)
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
    a_key, b_key = _actor_key(a), _actor_key(b)
    listed, listed_params = "d", []
    if per_period is not None:
        listed = (
            "(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY date_trunc(?, date) "
            "ORDER BY date, id) AS nth FROM d) WHERE nth <= ?)"
        )
        listed_params = [by, per_period]
    page_sql, page_params = _page(
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
            f"AND {_CANONICAL}"
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
    by_id = _events_by_id(con, page_ids)
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
    a_key, b_key = _actor_key(a), _actor_key(b)
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
    a_key, b_key = _actor_key(a), _actor_key(b)
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


def counts(con: Connection) -> dict[str, int]:
    """Return the number of rows in each table of :data:`TABLES`."""
    sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in TABLES)
    found = dict(con.execute(sql).fetchall())
    return {table: int(found[table]) for table in TABLES}


def summary(con: Connection) -> dict[str, Any]:
    """Return row counts and date ranges.

    Returns:
        dict: ``{counts, unique_events, date_range: {start, end}, article_date_range:
        {start, end}}``; ``counts["events"]`` counts event reports, ``unique_events``
        the events after cross-article deduplication; ``date_range`` spans the event
        dates, ``article_date_range`` the publication dates (ISO strings, None when
        nothing is dated).
    """
    ev = con.execute("SELECT min(date), max(date) FROM events").fetchone()
    ar = con.execute("SELECT min(date), max(date) FROM articles").fetchone()
    unique = con.execute(f"SELECT count(*) FROM events WHERE {_CANONICAL}").fetchone()
    return {
        "counts": counts(con),
        "unique_events": int(unique[0]) if unique else 0,
        "date_range": {"start": _iso(ev[0]), "end": _iso(ev[1])} if ev else None,
        "article_date_range": {"start": _iso(ar[0]), "end": _iso(ar[1])} if ar else None,
    }


# -- streaming, for exports -------------------------------------------------------------


def iter_records(
    con: Connection,
    what: str,
    *,
    page_size: int = 1000,
    unique: bool = True,
    stats: bool = True,
) -> Iterator[dict[str, Any]]:
    """Stream every record of one kind, a page of rows at a time.

    Events are the unique events (one canonical report per cluster); pass
    ``unique=False`` for every report. Mentions hold one row per report, so no article's
    evidence is lost either way. Event records carry the :data:`EVENT_STATS` keys, as in
    :func:`events`; ``stats=False`` gives the exact DESIGN.md §5 shape.

    Reads through a cursor of its own (``con.cursor()``), so memory stays flat however
    large the table is and the caller may use ``con`` meanwhile.

    Args:
        con (DuckDBPyConnection): a connection to a dyads database.
        what (str): one of :data:`EXPORTABLE`; ``actors`` streams actor mentions.
        page_size (int): rows fetched per round trip. Defaults to 1000.
        unique (bool): for events, only canonical reports. Defaults to True.
        stats (bool): for events, keep ``cluster_id`` and the cluster's counts.
            Defaults to True.

    Yields:
        dict: records in the shapes of :func:`events`, :func:`mentions`, :func:`quotes`,
        :func:`positions` and :func:`actor_mentions`, in their order.

    Raises:
        InvalidQuery: ``what`` is not exportable.
    """
    builders: dict[str, tuple[tuple[str, list[Any]], Callable[[Row], dict[str, Any]]]] = {
        "events": (
            _events_sql(unique=unique),
            _event if stats else _plain_event,
        ),
        "mentions": (_mentions_sql(), _mention),
        "quotes": (_quotes_sql(), _quote),
        "positions": (_positions_sql(), _position),
        "actors": (_actor_mentions_sql(), _actor_mention),
    }
    if what not in builders:
        raise InvalidQuery(
            message(f"--what {what!r}", f"one of {', '.join(EXPORTABLE)}", "Pick one of those.")
        )
    (sql, params), convert = builders[what]
    cursor = con.cursor()
    try:
        result = cursor.execute(sql, params)
        while rows := result.fetchmany(page_size):
            for row in rows:
                yield convert(row)
    finally:
        cursor.close()


# -- SQL builders -----------------------------------------------------------------------

_EVENT_COLS = (
    "id, doc_id, date_raw, date_text, source, target, cameo, plover, mode, goldstein, "
    "quad_class, negated, modality, location, sentence, span_start, span_end, evidence, "
    "cluster_id, num_mentions, num_articles, num_sources"
)
# A canonical report: the one row per unique event (store/dedup.py).
_CANONICAL = "id = cluster_id"
_QUOTE_COLS = (
    "id, doc_id, kind, text, span_start, span_end, speaker, speaker_text, cue, "
    "sentence_ids, evidence"
)
_POSITION_COLS = "id, doc_id, date_raw, actor, issue_id, issue_label, stance, claim_text, evidence"
_MENTION_COLS = "event_id, doc_id, date, event_date, sentence, span_start, span_end"
_ACTOR_MENTION_COLS = (
    "doc_id, text, name, country, sector, code, kb_id, span_start, span_end, sentence_id, evidence"
)


def _events_sql(
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc_id: str | None = None,
    unique: bool = True,
    root: str | None = None,
    plover: str | None = None,
    q: str | None = None,
    a: str | None = None,
    b: str | None = None,
) -> tuple[str, list[Any]]:
    """Events (unique, or every report), with their cluster counts."""
    where, params = _common_filters(since=since, until=until, doc_id=doc_id)
    if unique:
        where.append(_CANONICAL)
    if root is not None:
        where.append("root = ?")
        params.append(root)
    if plover is not None:
        where.append("upper(plover) = ?")
        params.append(plover.strip().upper())
    _contains(where, params, "sentence", q)
    if (a is None) != (b is None):
        raise InvalidQuery(message("One actor of a dyad", "both a and b, or neither", "Pass both."))
    if a is not None and b is not None:
        a_key, b_key = _actor_key(a), _actor_key(b)
        where.append(
            "((list_contains(source_keys, ?) AND list_contains(target_keys, ?)) "
            "OR (list_contains(source_keys, ?) AND list_contains(target_keys, ?)))"
        )
        params.extend([a_key, b_key, b_key, a_key])
    if actor is not None:
        key = _actor_key(actor)
        where.append("(list_contains(source_keys, ?) OR list_contains(target_keys, ?))")
        params.extend([key, key])
    sql = f"SELECT {_EVENT_COLS} FROM events{_where(where)} ORDER BY date NULLS LAST, id"
    return sql, params


def _quotes_sql(
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc_id: str | None = None,
    q: str | None = None,
) -> tuple[str, list[Any]]:
    where, params = _common_filters(since=since, until=until, doc_id=doc_id)
    _contains(where, params, "text", q)
    if actor is not None:
        sql, actor_params = _scalar_match("speaker_code", "speaker_country", actor)
        where.append(sql)
        params.extend(actor_params)
    return f"SELECT {_QUOTE_COLS} FROM quotes{_where(where)} ORDER BY date NULLS LAST, id", params


def _positions_sql(
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc_id: str | None = None,
    q: str | None = None,
) -> tuple[str, list[Any]]:
    where, params = _common_filters(since=since, until=until, doc_id=doc_id)
    _contains(where, params, "claim_text", q)
    if actor is not None:
        sql, actor_params = _keys_match("actor_keys", actor)
        where.append(sql)
        params.extend(actor_params)
    sql = f"SELECT {_POSITION_COLS} FROM positions{_where(where)} ORDER BY date NULLS LAST, id"
    return sql, params


def _mentions_sql(
    *, doc_id: str | None = None, event_id: str | None = None
) -> tuple[str, list[Any]]:
    where, params = _common_filters(doc_id=doc_id)
    if event_id is not None:
        # any report of the event names its cluster
        where.append("event_id = (SELECT cluster_id FROM events WHERE id = ?)")
        params.append(event_id)
    sql = (
        f"SELECT {_MENTION_COLS} FROM mentions{_where(where)} "
        "ORDER BY date NULLS LAST, event_id, doc_id, span_start"
    )
    return sql, params


def _actor_mentions_sql(*, doc_id: str | None = None) -> tuple[str, list[Any]]:
    where, params = _common_filters(doc_id=doc_id)
    sql = (
        f"SELECT {_ACTOR_MENTION_COLS} FROM actors{_where(where)} "
        "ORDER BY doc_id, span_start, span_end, code NULLS LAST, text"
    )
    return sql, params


def _common_filters(
    *, since: str | None = None, until: str | None = None, doc_id: str | None = None
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if since is not None:
        where.append("date >= ?")
        params.append(_parse_date(since, "since"))
    if until is not None:
        where.append("date <= ?")
        params.append(_parse_date(until, "until"))
    if doc_id is not None:
        where.append("doc_id = ?")
        params.append(doc_id)
    return where, params


def actor_keys(codes: Sequence[str | None], countries: Sequence[str | None]) -> list[str]:
    """The values that match one side of an event (module doc), stored in ``*_keys``.

    Upper-cased countries and codes, and the first three letters of longer codes, so
    that matching an actor is one ``list_contains`` (a columnar scan) rather than a
    lambda per list element. Written with every event row (``store/duckdb.py``) and by
    the schema 3 -> 4 migration.
    """
    keys = {value.upper() for value in (*codes, *countries) if value}
    keys.update(code.upper()[:3] for code in codes if code and len(code.upper()) > 3)
    return sorted(keys)


def _actor_key(actor: str) -> str:
    """The upper-cased actor value to look up in ``actor_keys``; InvalidQuery if blank."""
    key = actor.strip().upper() if isinstance(actor, str) else ""
    if not key:
        raise InvalidQuery(
            message(
                f"Actor {actor!r}", "a country or actor code such as RUS or RUSGOV", "Pass one."
            )
        )
    return key


def _keys_match(column: str, actor: str) -> tuple[str, list[Any]]:
    """SQL matching ``actor`` against a fixed ``actor_keys`` list column (module doc)."""
    return f"list_contains({column}, ?)", [_actor_key(actor)]


def _scalar_match(code: str, country: str, actor: str) -> tuple[str, list[Any]]:
    """SQL matching ``actor`` against one actor's code and country columns (module doc).

    ``code`` and ``country`` are fixed column names from this module, never user input;
    the actor value itself is a parameter.
    """
    key = _actor_key(actor)
    parts = [f"upper({country}) = ?", f"upper({code}) = ?"]
    params: list[Any] = [key, key]
    if len(key) == 3:
        parts.append(f"starts_with(upper({code}), ?)")
        params.append(key)
    return "coalesce(" + " OR ".join(parts) + ", false)", params


def _contains(where: list[str], params: list[Any], column: str, text: str | None) -> None:
    """Add a case-insensitive substring test of ``column`` (a fixed name) for ``text``."""
    if text is not None and text.strip():
        where.append(f"contains(lower({column}), ?)")
        params.append(text.strip().lower())


def _where(clauses: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def _page(sql: str, params: list[Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and (not isinstance(value, int) or value < 0):
            raise InvalidQuery(
                message(f"{name} {value!r}", "a whole number >= 0", f"Fix the {name}.")
            )
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    if offset:
        sql += " OFFSET ?"
        params = [*params, offset]
    return sql, params


def _parse_date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidQuery(
            message(f"--{name} {value!r}", "an ISO date YYYY-MM-DD", "Fix the date.")
        ) from None


def _events_by_id(con: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Event records (with their cluster counts) of a few ids, read through the index.

    ``IN (?, ?, ...)`` lets DuckDB look the ids up in the ART index of ``events.id`` (a
    few ms for a page) instead of scanning a million rows as a join would.
    """
    rows = _in(con, f"SELECT {_EVENT_COLS} FROM events WHERE id", sorted(set(ids)))
    return {row[0]: _event(row) for row in rows}


def _in(con: Connection, sql: str, values: list[Any]) -> list[Row]:
    """Run ``sql`` (ending in a column) filtered to ``values``.

    A few values go in ``IN (?, ...)``, which DuckDB answers from the ART index; many
    go in one list parameter, a scan, which beats thousands of index probes.
    """
    if not values:
        return []
    if len(values) <= _IN_INDEXED:
        return con.execute(f"{sql} IN ({', '.join('?' * len(values))})", values).fetchall()
    return con.execute(f"{sql} IN (SELECT unnest(?::VARCHAR[]))", [values]).fetchall()


_IN_INDEXED = 200  # measured at 1M rows: 100 ids ~5 ms by index; 240 ids 20-80 ms


# -- rows to records --------------------------------------------------------------------


def _event(row: Row) -> dict[str, Any]:
    (eid, doc_id, date_raw, date_text, source, target, cameo, plover, mode, goldstein) = row[:10]
    (quad_class, negated, modality, location, sentence, start, end, evidence) = row[10:18]
    cluster_id, num_mentions, num_articles, num_sources = row[18:22]
    return {
        "id": eid,
        "doc_id": doc_id,
        "date": date_raw,
        "date_text": date_text,
        "source": [_actor(a) for a in _loads(source, [])],
        "target": [_actor(a) for a in _loads(target, [])],
        "cameo": cameo,
        "plover": plover,
        "mode": mode,
        "goldstein": goldstein,
        "quad_class": quad_class,
        "negated": negated,
        "modality": modality,
        "location": _loads(location, None),
        "sentence": sentence,
        "span": [start, end],
        "evidence": _loads(evidence, {}),
        "cluster_id": cluster_id,
        "num_mentions": int(num_mentions),
        "num_articles": int(num_articles),
        "num_sources": int(num_sources),
    }


def _plain_event(row: Row) -> dict[str, Any]:
    """An event record in the exact DESIGN.md §5 shape (no cluster counts)."""
    record = _event(row)
    for key in EVENT_STATS:
        del record[key]
    return record


def _quote(row: Row) -> dict[str, Any]:
    qid, doc_id, kind, text, start, end, speaker, speaker_text, cue, sentence_ids, ev = row
    speaker_dict = _loads(speaker, None)
    return {
        "id": qid,
        "doc_id": doc_id,
        "kind": kind,
        "text": text,
        "span": [start, end],
        "speaker": _actor(speaker_dict) if speaker_dict is not None else None,
        "speaker_text": speaker_text,
        "cue": cue,
        "sentence_ids": list(sentence_ids or []),
        "evidence": _loads(ev, {}),
    }


def _position(row: Row) -> dict[str, Any]:
    pid, doc_id, date_raw, actor, issue_id, issue_label, stance, claim_text, evidence = row
    return {
        "id": pid,
        "doc_id": doc_id,
        "date": date_raw,
        "actor": _actor(_loads(actor, {})),
        "issue": {"id": issue_id, "label": issue_label},
        "stance": stance,
        "claim_text": claim_text,
        "evidence": _loads(evidence, {}),
    }


def _mention(row: Row) -> dict[str, Any]:
    event_id, doc_id, day, event_day, sentence, start, end = row
    return {
        "event_id": event_id,
        "doc_id": doc_id,
        "date": _iso(day),
        "event_date": _iso(event_day),
        "sentence": sentence,
        "span": [start, end],
    }


def _actor_mention(row: Row) -> dict[str, Any]:
    doc_id, text, name, country, sector, code, kb_id, start, end, sentence_id, evidence = row
    fields = {
        "text": text,
        "name": name,
        "country": country,
        "sector": sector,
        "code": code,
        "kb_id": kb_id,
    }
    return {
        "doc_id": doc_id,
        **_actor(fields),
        "span": [start, end],
        "sentence_id": sentence_id,
        "evidence": evidence,
    }


def _actor(stored: dict[str, Any]) -> dict[str, Any]:
    """The ``Actor.to_dict()`` shape of a stored actor (which also keeps its evidence)."""
    return {key: stored.get(key) for key in _ACTOR_KEYS}


def _loads(value: str | None, default: Any) -> Any:
    return default if value is None else json.loads(value)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
