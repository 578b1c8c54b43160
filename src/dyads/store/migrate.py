"""Schema migrations: bring a database written by an older dyads up to date in place.

Only steps that can be done without the article text being coded again live here;
older schemas ask the user to re-code (``Store._ensure_schema``).
"""

from __future__ import annotations

import json

import duckdb

from . import dedup
from .queries import actor_keys

MIGRATABLE = {2, 3}
"""Schema versions :func:`migrate` can upgrade to the current one."""


def migrate(con: duckdb.DuckDBPyConnection, version: int, window_days: int) -> None:
    """Upgrade a database at ``version`` (in :data:`MIGRATABLE`), in one transaction.

    2 -> 3: adds ``events.dedup_key``, computed from the stored columns with the same
    rule as new rows (:func:`dedup.key_text`), and ``mentions.report_id``, then clusters
    every report.

    3 -> 4: adds ``events.source_keys`` and ``target_keys``, and ``positions.actor_keys``
    (:func:`queries.actor_keys`), computed from the stored codes and countries.
    """
    con.begin()
    try:
        if version == 2:
            _two_to_three(con, window_days)
        if version <= 3:
            _three_to_four(con)
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _two_to_three(con: duckdb.DuckDBPyConnection, window_days: int) -> None:
    con.execute("ALTER TABLE events ADD COLUMN dedup_key BIGINT")
    # schema 2 wrote one mention per event, pointing at the event itself
    con.execute("ALTER TABLE mentions ADD COLUMN report_id VARCHAR")
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
    con.execute("ALTER TABLE events ADD COLUMN source_keys VARCHAR[]")
    con.execute("ALTER TABLE events ADD COLUMN target_keys VARCHAR[]")
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
    con.execute("ALTER TABLE positions ADD COLUMN actor_keys VARCHAR[]")
    rows = con.execute("SELECT id, actor_code, actor_country FROM positions").fetchall()
    if rows:
        con.execute(
            "UPDATE positions SET actor_keys = k.keys FROM (SELECT unnest(?::VARCHAR[]) AS id, "
            "unnest(?::VARCHAR[][]) AS keys) k WHERE positions.id = k.id",
            [[r[0] for r in rows], [actor_keys([r[1]], [r[2]]) for r in rows]],
        )
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', '4')")
