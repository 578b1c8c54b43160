"""The dyad index: each unique event filed under every pair of actors it joins.

A dyad's events are the unique events with one actor among the sources and the other
among the targets (``queries.dyad``). Finding them means testing the actor keys of
every event: over a million events that scan alone costs 25-40 ms on a laptop, most of
the dyad timeline's budget (issue 9). ``dyad_events`` holds, for every unique event and
every unordered pair of its actor keys ``{lo, hi}`` (one a source key, the other a
target key, ``lo < hi``), one row with what the timeline needs, **sorted by (lo, hi,
date, id)**. A dyad's rows are then a few consecutive row groups, which DuckDB finds
from each row group's min/max (zone maps) without reading the rest: ~6 ms instead of
~35 ms for the busiest dyad of a million events.

``lo_to_hi`` says ``lo`` is among the sources and ``hi`` among the targets;
``hi_to_lo`` the reverse; both can hold (``[USA, RUS] -> [RUS, USA]``). An event is
filed once per pair, so it is counted once, as the scan counts it. A pair of equal keys
(``USA`` with ``USA``) is not filed: that dyad takes the scan.

**Freshness.** The table is derived, and rebuilt whole (:func:`build`, about 6 s per
million events) rather than kept up to date by every write, so that writes stay cheap
and the rows stay sorted. Every write of events counts itself in ``meta`` (``writes``,
:func:`count_write`, inside the write's transaction); the build records the count it
saw (``dyad_index_writes``). Queries use the index only when the two are equal
(:func:`is_fresh`), and scan ``events`` otherwise, so an answer never depends on
whether the index is fresh, only its speed does. Finishing a run (``Store.finish_run``,
so every ``dyads code``) rebuilds it when stale (:func:`refresh`); ``dyads index`` does
it on demand.
"""

from __future__ import annotations

import duckdb

WRITES = "writes"
"""``meta`` key: how many writes have changed events (a counter, as text)."""

BUILT_AT = "dyad_index_writes"
"""``meta`` key: the ``writes`` count the dyad index was built from."""

_BUILD = """
CREATE OR REPLACE TABLE dyad_events AS
WITH e AS (
    SELECT id, date, goldstein, quad_class, num_mentions, source_keys, target_keys
    FROM events WHERE id = cluster_id
), p AS (
    SELECT DISTINCT id, least(s.k, t.k) AS lo, greatest(s.k, t.k) AS hi
    FROM e, unnest(e.source_keys) AS s(k), unnest(e.target_keys) AS t(k)
    WHERE s.k <> t.k
)
SELECT p.lo, p.hi, e.date, e.id, e.goldstein, e.quad_class, e.num_mentions,
       list_contains(e.source_keys, p.lo) AND list_contains(e.target_keys, p.hi) AS lo_to_hi,
       list_contains(e.source_keys, p.hi) AND list_contains(e.target_keys, p.lo) AS hi_to_lo
FROM p JOIN e USING (id)
ORDER BY p.lo, p.hi, e.date NULLS LAST, e.id
"""


def count_write(con: duckdb.DuckDBPyConnection) -> None:
    """Count one write of events in ``meta``; call inside the write's transaction."""
    con.execute(
        "INSERT OR REPLACE INTO meta SELECT ?, CAST(coalesce(max(CAST(value AS BIGINT)), 0) + 1 "
        "AS VARCHAR) FROM meta WHERE key = ?",
        [WRITES, WRITES],
    )


def is_fresh(con: duckdb.DuckDBPyConnection) -> bool:
    """Say whether ``dyad_events`` was built from the events as they are now."""
    found = dict(
        con.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", [WRITES, BUILT_AT])
        .fetchall()
    )  # fmt: skip
    return BUILT_AT in found and found[BUILT_AT] == found.get(WRITES, "0")


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild ``dyad_events`` from the unique events, in one transaction."""
    con.begin()
    try:
        build_in_transaction(con)
        con.commit()
    except BaseException:
        con.rollback()
        raise


def build_in_transaction(con: duckdb.DuckDBPyConnection) -> None:
    """:func:`build` inside the caller's transaction (a migration's)."""
    con.execute(_BUILD)
    con.execute(
        "INSERT OR REPLACE INTO meta SELECT ?, coalesce(max(value), '0') FROM meta WHERE key = ?",
        [BUILT_AT, WRITES],
    )


def refresh(con: duckdb.DuckDBPyConnection) -> bool:
    """Rebuild the index when it is not fresh; return whether it was rebuilt."""
    if is_fresh(con):
        return False
    build(con)
    return True
