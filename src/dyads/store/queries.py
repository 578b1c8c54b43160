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

The parts: the SQL the readers share is in ``store/sql.py``, the row-to-record shapes in
``store/shapes.py``, and :func:`dyad` (timeline and distance of two actors) in
``store/dyad.py``; this module re-exports what callers use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..errors import message
from .dyad import PERIODS, dyad
from .shapes import (
    EVENT_STATS,
    Row,
    actor_mention_record,
    event_record,
    iso,
    mention_record,
    plain_event_record,
    position_record,
    quote_record,
)
from .sql import (
    CANONICAL,
    QUOTE_COLS,
    Connection,
    InvalidQuery,
    actor_keys,
    actor_mentions_sql,
    events_by_id,
    events_sql,
    mentions_sql,
    page,
    positions_sql,
    quotes_sql,
)

TABLES = ("articles", "events", "mentions", "quotes", "positions", "actors", "rejects", "runs")
"""The tables counted by :func:`counts` (every table but ``meta``)."""

EXPORTABLE = ("events", "mentions", "quotes", "positions", "actors")
"""What :func:`iter_records` (and so ``dyads export --what``) can stream."""

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
    sql, params = events_sql(
        actor=actor, since=since, until=until, doc_id=doc_id, unique=unique,
        root=root, plover=plover, q=q, a=a, b=b,
    )  # fmt: skip
    sql, params = page(sql, params, limit, offset)
    return [event_record(row) for row in con.execute(sql, params).fetchall()]


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
    found = events_by_id(con, [cluster]).get(cluster)
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
    sql, params = quotes_sql(actor=actor, since=since, until=until, doc_id=doc_id, q=q)
    sql, params = page(sql, params, limit, offset)
    return [quote_record(row) for row in con.execute(sql, params).fetchall()]


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
    sql, params = positions_sql(actor=actor, since=since, until=until, doc_id=doc_id, q=q)
    sql, params = page(sql, params, limit, offset)
    return [position_record(row) for row in con.execute(sql, params).fetchall()]


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
    sql, params = mentions_sql(doc_id=doc_id, event_id=event_id)
    sql, params = page(sql, params, limit, offset)
    return [mention_record(row) for row in con.execute(sql, params).fetchall()]


def actor_mentions(
    con: Connection, *, doc_id: str | None = None, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """List actor mentions (the ``actors`` table), in the ``ActorMention.to_dict()`` shape.

    Ordered by article id, then position in the article.
    """
    sql, params = actor_mentions_sql(doc_id=doc_id)
    sql, params = page(sql, params, limit, offset)
    return [actor_mention_record(row) for row in con.execute(sql, params).fetchall()]


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
    sql, params = page(sql, [], limit, 0)
    keys = ("code", "name", "country", "sector", "mentions")
    return [dict(zip(keys, row, strict=True)) for row in con.execute(sql, params).fetchall()]


def latest_quotes(con: Connection, *, limit: int = 10) -> list[dict[str, Any]]:
    """Return the most recent quotes (by article date, newest first, then id)."""
    sql = f"SELECT {QUOTE_COLS} FROM quotes ORDER BY date DESC NULLS LAST, id"
    sql, params = page(sql, [], limit, 0)
    return [quote_record(row) for row in con.execute(sql, params).fetchall()]


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
        f"WHERE {CANONICAL} GROUP BY s.code, t.code ORDER BY n DESC, source, target"
    )
    sql, params = page(sql, [], limit, 0)
    rows = con.execute(sql, params).fetchall()
    by_id = events_by_id(con, [eid for row in rows for eid in row[4]])
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
    unique = con.execute(f"SELECT count(*) FROM events WHERE {CANONICAL}").fetchone()
    return {
        "counts": counts(con),
        "unique_events": int(unique[0]) if unique else 0,
        "date_range": {"start": iso(ev[0]), "end": iso(ev[1])} if ev else None,
        "article_date_range": {"start": iso(ar[0]), "end": iso(ar[1])} if ar else None,
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
            events_sql(unique=unique),
            event_record if stats else plain_event_record,
        ),
        "mentions": (mentions_sql(), mention_record),
        "quotes": (quotes_sql(), quote_record),
        "positions": (positions_sql(), position_record),
        "actors": (actor_mentions_sql(), actor_mention_record),
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


__all__ = [
    "EVENT_STATS",
    "EXPORTABLE",
    "PERIODS",
    "TABLES",
    "Connection",
    "InvalidQuery",
    "actor_keys",
    "actor_mentions",
    "actors",
    "article",
    "counts",
    "dyad",
    "event",
    "events",
    "iter_records",
    "latest_quotes",
    "mentions",
    "positions",
    "quotes",
    "summary",
    "top_dyads",
]
