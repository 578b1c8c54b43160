"""The SQL the readers share: column lists, filtered listings, actor matching, paging.

Every builder returns ``(sql, params)``; user values only ever travel as parameters,
and only the fixed column names of this module are formatted into the SQL. Actor
matching and dates follow the rules in the ``dyads.store.queries`` module doc.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import duckdb

from ..errors import UsageError, message
from .shapes import Row, event_record

Connection = duckdb.DuckDBPyConnection


class InvalidQuery(UsageError, ValueError):
    """A query argument is malformed (a bad date, period, limit or actor).

    It is a ``UsageError`` (the CLI exits 2, the API answers 400) and a ``ValueError``.
    """


EVENT_COLS = (
    "id, doc_id, date_raw, date_text, source, target, cameo, plover, mode, goldstein, "
    "quad_class, negated, modality, location, sentence, span_start, span_end, evidence, "
    "cluster_id, num_mentions, num_articles, num_sources"
)
# A canonical report: the one row per unique event (store/dedup.py).
CANONICAL = "id = cluster_id"
QUOTE_COLS = (
    "id, doc_id, kind, text, span_start, span_end, speaker, speaker_text, cue, "
    "sentence_ids, evidence"
)
POSITION_COLS = "id, doc_id, date_raw, actor, issue_id, issue_label, stance, claim_text, evidence"
MENTION_COLS = "event_id, doc_id, date, event_date, sentence, span_start, span_end"
ACTOR_MENTION_COLS = (
    "doc_id, text, name, country, sector, code, kb_id, span_start, span_end, sentence_id, evidence"
)


def events_sql(
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
    where, params = common_filters(since=since, until=until, doc_id=doc_id)
    if unique:
        where.append(CANONICAL)
    if root is not None:
        where.append("root = ?")
        params.append(root)
    if plover is not None:
        where.append("upper(plover) = ?")
        params.append(plover.strip().upper())
    contains(where, params, "sentence", q)
    if (a is None) != (b is None):
        raise InvalidQuery(message("One actor of a dyad", "both a and b, or neither", "Pass both."))
    if a is not None and b is not None:
        a_key, b_key = actor_key(a), actor_key(b)
        where.append(
            "((list_contains(source_keys, ?) AND list_contains(target_keys, ?)) "
            "OR (list_contains(source_keys, ?) AND list_contains(target_keys, ?)))"
        )
        params.extend([a_key, b_key, b_key, a_key])
    if actor is not None:
        key = actor_key(actor)
        where.append("(list_contains(source_keys, ?) OR list_contains(target_keys, ?))")
        params.extend([key, key])
    sql = f"SELECT {EVENT_COLS} FROM events{where_clause(where)} ORDER BY date NULLS LAST, id"
    return sql, params


def quotes_sql(
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc_id: str | None = None,
    q: str | None = None,
) -> tuple[str, list[Any]]:
    """Quotes; ``actor`` matches the speaker, ``q`` the quoted text."""
    return _filtered(
        "quotes",
        QUOTE_COLS,
        "text",
        lambda value: scalar_match("speaker_code", "speaker_country", value),
        actor=actor, since=since, until=until, doc_id=doc_id, q=q,
    )  # fmt: skip


def positions_sql(
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc_id: str | None = None,
    q: str | None = None,
) -> tuple[str, list[Any]]:
    """Positions; ``actor`` matches the position's actor, ``q`` the claim text."""
    return _filtered(
        "positions",
        POSITION_COLS,
        "claim_text",
        lambda value: keys_match("actor_keys", value),
        actor=actor, since=since, until=until, doc_id=doc_id, q=q,
    )  # fmt: skip


def _filtered(
    table: str,
    columns: str,
    text_column: str,
    match: Callable[[str], tuple[str, list[Any]]],
    *,
    actor: str | None,
    since: str | None,
    until: str | None,
    doc_id: str | None,
    q: str | None,
) -> tuple[str, list[Any]]:
    """A listing of ``table`` (fixed names) by date then id, with the common filters,
    ``q`` searched in ``text_column`` and ``actor`` matched by ``match``."""
    where, params = common_filters(since=since, until=until, doc_id=doc_id)
    contains(where, params, text_column, q)
    if actor is not None:
        clause, actor_params = match(actor)
        where.append(clause)
        params.extend(actor_params)
    sql = f"SELECT {columns} FROM {table}{where_clause(where)} ORDER BY date NULLS LAST, id"
    return sql, params


def mentions_sql(
    *, doc_id: str | None = None, event_id: str | None = None
) -> tuple[str, list[Any]]:
    where, params = common_filters(doc_id=doc_id)
    if event_id is not None:
        # any report of the event names its cluster
        where.append("event_id = (SELECT cluster_id FROM events WHERE id = ?)")
        params.append(event_id)
    sql = (
        f"SELECT {MENTION_COLS} FROM mentions{where_clause(where)} "
        "ORDER BY date NULLS LAST, event_id, doc_id, span_start"
    )
    return sql, params


def actor_mentions_sql(*, doc_id: str | None = None) -> tuple[str, list[Any]]:
    where, params = common_filters(doc_id=doc_id)
    sql = (
        f"SELECT {ACTOR_MENTION_COLS} FROM actors{where_clause(where)} "
        "ORDER BY doc_id, span_start, span_end, code NULLS LAST, text"
    )
    return sql, params


def common_filters(
    *, since: str | None = None, until: str | None = None, doc_id: str | None = None
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if since is not None:
        where.append("date >= ?")
        params.append(parse_date(since, "since"))
    if until is not None:
        where.append("date <= ?")
        params.append(parse_date(until, "until"))
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


def actor_key(actor: str) -> str:
    """The upper-cased actor value to look up in ``actor_keys``; InvalidQuery if blank."""
    key = actor.strip().upper() if isinstance(actor, str) else ""
    if not key:
        raise InvalidQuery(
            message(
                f"Actor {actor!r}", "a country or actor code such as RUS or RUSGOV", "Pass one."
            )
        )
    return key


def keys_match(column: str, actor: str) -> tuple[str, list[Any]]:
    """SQL matching ``actor`` against a fixed ``actor_keys`` list column (module doc)."""
    return f"list_contains({column}, ?)", [actor_key(actor)]


def scalar_match(code: str, country: str, actor: str) -> tuple[str, list[Any]]:
    """SQL matching ``actor`` against one actor's code and country columns (module doc).

    ``code`` and ``country`` are fixed column names from this module, never user input;
    the actor value itself is a parameter.
    """
    key = actor_key(actor)
    parts = [f"upper({country}) = ?", f"upper({code}) = ?"]
    params: list[Any] = [key, key]
    if len(key) == 3:
        parts.append(f"starts_with(upper({code}), ?)")
        params.append(key)
    return "coalesce(" + " OR ".join(parts) + ", false)", params


def contains(where: list[str], params: list[Any], column: str, text: str | None) -> None:
    """Add a case-insensitive substring test of ``column`` (a fixed name) for ``text``."""
    if text is not None and text.strip():
        where.append(f"contains(lower({column}), ?)")
        params.append(text.strip().lower())


def where_clause(clauses: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def page(sql: str, params: list[Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
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


def parse_date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidQuery(
            message(f"--{name} {value!r}", "an ISO date YYYY-MM-DD", "Fix the date.")
        ) from None


def events_by_id(con: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Event records (with their cluster counts) of a few ids, read through the index.

    ``IN (?, ?, ...)`` lets DuckDB look the ids up in the ART index of ``events.id`` (a
    few ms for a page) instead of scanning a million rows as a join would.
    """
    rows = rows_in(con, f"SELECT {EVENT_COLS} FROM events WHERE id", sorted(set(ids)))
    return {row[0]: event_record(row) for row in rows}


def rows_in(con: Connection, sql: str, values: list[Any]) -> list[Row]:
    """Run ``sql`` (ending in a column) filtered to ``values``.

    A few values go in ``IN (?, ...)``, which DuckDB answers from the ART index; many
    go in one list parameter, a scan, which beats thousands of index probes.
    """
    if not values:
        return []
    if len(values) <= IN_INDEXED:
        return con.execute(f"{sql} IN ({', '.join('?' * len(values))})", values).fetchall()
    return con.execute(f"{sql} IN (SELECT unnest(?::VARCHAR[]))", [values]).fetchall()


IN_INDEXED = 200  # measured at 1M rows: 100 ids ~5 ms by index; 240 ids 20-80 ms
