"""Schema migrations: bring a database written by an older dyads up to date in place.

Only steps that can be done without the article text being coded again live here;
older schemas ask the user to re-code (``Store._ensure_schema``).
"""

from __future__ import annotations

import json

import duckdb

from . import dedup, pairs
from .sql import actor_keys

MIGRATABLE = {2, 3, 4}
"""Schema versions :func:`migrate` can upgrade to the current one."""


def migrate(con: duckdb.DuckDBPyConnection, version: int, window_days: int) -> None:
    """Upgrade a database at ``version`` (in :data:`MIGRATABLE`), in one transaction.

    2 -> 3: adds ``events.dedup_key``, computed from the stored columns with the same
    rule as new rows (:func:`dedup.key_text`), and ``mentions.report_id``, then clusters
    every report.

    3 -> 4: adds ``events.source_keys`` and ``target_keys``, and ``positions.actor_keys``
    (:func:`queries.actor_keys`), computed from the stored codes and countries.

    4 -> 5: adds the cluster counts ``events.num_mentions``, ``num_articles`` and
    ``num_sources`` (:func:`dedup.recount`), and builds the dyad index
    (``dyad_events``, :mod:`dyads.store.pairs`).
    """
    con.begin()
    try:
        if version == 2:
            _two_to_three(con, window_days)
        if version <= 3:
            _three_to_four(con)
        if version <= 4:
            _four_to_five(con)
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _two_to_three(con: duckdb.DuckDBPyConnection, window_days: int) -> None:
    _add_columns(con, "events", ["dedup_key BIGINT"])
    # schema 2 wrote one mention per event, pointing at the event itself
    _add_columns(con, "mentions", ["report_id VARCHAR"])
    con.execute("UPDATE mentions SET report_id = event_id")
    rows = con.execute(
        "SELECT id, source_codes, target_codes, cameo, negated, location FROM events"
    ).fetchall()
    ids, keys = [], []
    for eid, sources, targets, cameo, negated, location in rows:
        place = json.loads(location) if location else None
        text = dedup.key_text(sources or [], targets or [], cameo, bool(negated), place)
        ids.append(eid)
        keys.append(dedup.hash_key(text))
    if ids:
        con.execute(
            "UPDATE events SET dedup_key = k.key "
            "FROM (SELECT unnest(?::VARCHAR[]) AS id, unnest(?::BIGINT[]) AS key) k "
            "WHERE events.id = k.id",
            [ids, keys],
        )
    dedup.regroup(con, None, window_days)
    con.execute(
        "INSERT OR REPLACE INTO meta VALUES ('schema_version', '3'), ('dedup_window_days', ?)",
        [str(window_days)],
    )


def _three_to_four(con: duckdb.DuckDBPyConnection) -> None:
    _add_columns(con, "events", ["source_keys VARCHAR[]", "target_keys VARCHAR[]"])
    rows = con.execute(
        "SELECT id, source_codes, source_countries, target_codes, target_countries FROM events"
    ).fetchall()
    ids = [row[0] for row in rows]
    sources = [actor_keys(codes or [], countries or []) for _, codes, countries, _, _ in rows]
    targets = [actor_keys(codes or [], countries or []) for _, _, _, codes, countries in rows]
    if ids:
        con.execute(
            "UPDATE events SET source_keys = k.s, target_keys = k.t FROM (SELECT "
            "unnest(?::VARCHAR[]) AS id, unnest(?::VARCHAR[][]) AS s, "
            "unnest(?::VARCHAR[][]) AS t) k WHERE events.id = k.id",
            [ids, sources, targets],
        )
    _add_columns(con, "positions", ["actor_keys VARCHAR[]"])
    rows = con.execute("SELECT id, actor_code, actor_country FROM positions").fetchall()
    if rows:
        con.execute(
            "UPDATE positions SET actor_keys = k.keys FROM (SELECT unnest(?::VARCHAR[]) AS id, "
            "unnest(?::VARCHAR[][]) AS keys) k WHERE positions.id = k.id",
            [[r[0] for r in rows], [actor_keys([r[1]], [r[2]]) for r in rows]],
        )
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', '4')")


def _four_to_five(con: duckdb.DuckDBPyConnection) -> None:
    _add_columns(
        con,
        "events",
        [
            f"{name} INTEGER NOT NULL DEFAULT 1"
            for name in ("num_mentions", "num_articles", "num_sources")
        ],
    )
    dedup.recount(con, None)
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, '0')", [pairs.WRITES])
    pairs.build_in_transaction(con)  # creates dyad_events, fresh
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', '5')")


def _add_columns(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> None:
    """``ALTER TABLE table ADD COLUMN`` each of ``columns`` (``"name TYPE ..."``).

    DuckDB alters no table that has indexes (a DependencyException), so the table's
    indexes are dropped first and created again, from their own SQL, after.
    """
    indexes = con.execute(
        "SELECT index_name, sql FROM duckdb_indexes() WHERE table_name = ? "
        "AND schema_name = 'main' AND database_name = current_database()",
        [table],
    ).fetchall()
    for name, _ in indexes:
        con.execute(f'DROP INDEX "{name}"')
    for column in columns:
        con.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    for _, sql in indexes:
        con.execute(sql)
