"""Dashboard-only reads and their JSON routes: country dyads, quotes by speaker, positions matrix.

``dyads.store.queries`` answers the questions the CLI and the export share; the
dashboard asks three more, aggregated for browsing, and they live here so the store
module stays the CLI's contract. Each has a ``*_data`` function that the HTML page in
``pages.py`` and the JSON route below both call, so the page and its twin agree (see
``app.py``). All user values reach SQL as parameters. Records are built with the store's
own column lists (``store/sql.py``) and row converters (``store/shapes.py``), so they
keep the shapes of DESIGN.md §5.

Actor keys. The dyad list and the positions matrix group actors by country (``RUS``,
``NATO``), falling back to the CAMEO code and then the name for actors without one, so
``USA`` and ``USAGOV`` claims land in the same row, as ``dyads dyad USA RUS`` counts them.
Quotes group by speaker: CAMEO code plus canonical name (``RUSGOV`` "Sergei Ryabkov").
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query

from dyads.serve.api import DB, DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from dyads.serve.app import Database
from dyads.store import shapes, sql
from dyads.store.sql import Connection

router = APIRouter(prefix="/api", tags=["dashboard"])

ACTOR_KEY = "coalesce(actor_country, actor_code, actor_name)"
"""SQL for a position's matrix row (see the module doc)."""

Key = Annotated[str | None, Query(max_length=200)]


# --- SQL ----------------------------------------------------------------------------------


def country_dyads(con: Connection, *, limit: int = 10) -> list[dict[str, Any]]:
    """Unordered pairs of countries with the most events between them (either direction).

    An event counts once per pair however many of its actors share a country; events
    within one country are left out. ``a`` is the side that initiated more of them.

    Returns:
        list[dict]: ``{a, b, events, a_to_b, b_to_a, goldstein_mean, cooperation,
        conflict, first, last}``, most events first.
    """
    rows = con.execute(
        "WITH p AS (SELECT DISTINCT e.id, s.c AS src, t.c AS tgt, e.goldstein, e.quad_class, "
        "e.date FROM events e, unnest(list_distinct(e.source_countries)) AS s(c), "
        "unnest(list_distinct(e.target_countries)) AS t(c) "
        "WHERE s.c IS NOT NULL AND t.c IS NOT NULL AND s.c <> t.c) "
        "SELECT least(src, tgt) AS x, greatest(src, tgt) AS y, count(DISTINCT id) AS n, "
        "count(DISTINCT id) FILTER (WHERE src < tgt), count(DISTINCT id) FILTER (WHERE src > tgt), "
        "avg(goldstein), count(DISTINCT id) FILTER (WHERE quad_class IN (1, 2)), "
        "count(DISTINCT id) FILTER (WHERE quad_class IN (3, 4)), min(date), max(date) "
        "FROM p GROUP BY x, y ORDER BY n DESC, x, y LIMIT ?",
        [limit],
    ).fetchall()
    out = []
    for x, y, n, x_to_y, y_to_x, mean, coop, conflict, first, last in rows:
        flip = y_to_x > x_to_y  # name first the side that initiated more
        a, b, a_to_b, b_to_a = (y, x, y_to_x, x_to_y) if flip else (x, y, x_to_y, y_to_x)
        out.append(
            {
                "a": a,
                "b": b,
                "events": n,
                "a_to_b": a_to_b,
                "b_to_a": b_to_a,
                "goldstein_mean": mean,
                "cooperation": coop,
                "conflict": conflict,
                "first": first.isoformat() if first else None,
                "last": last.isoformat() if last else None,
            }
        )
    return out


def speakers(con: Connection) -> list[dict[str, Any]]:
    """Every speaker with their number of quotes, most quoted first.

    Returns:
        list[dict]: ``{code, country, name, quotes}``; ``code`` and ``name`` are ``""``
        when unknown (a quote without a coded speaker has both empty).
    """
    rows = con.execute(
        "SELECT coalesce(speaker_code, '') AS code, any_value(speaker_country), "
        "coalesce(speaker_name, '') AS name, count(*) AS n FROM quotes "
        "GROUP BY code, name ORDER BY n DESC, code, name"
    ).fetchall()
    return [{"code": c, "country": k, "name": m, "quotes": n} for c, k, m, n in rows]


def speaker_quotes(
    con: Connection, code: str | None, name: str | None, *, limit: int, offset: int
) -> list[dict[str, Any]]:
    """Quotes of one speaker (``code`` and/or ``name``; ``""`` means unknown), newest first."""
    clauses, params = [], []
    if code is not None:
        clauses.append("coalesce(speaker_code, '') = ?")
        params.append(code)
    if name is not None:
        clauses.append("coalesce(speaker_name, '') = ?")
        params.append(name)
    rows = con.execute(
        f"SELECT {sql.QUOTE_COLS} FROM quotes{sql.where_clause(clauses)} "
        "ORDER BY date DESC NULLS LAST, doc_id, span_start, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [shapes.quote_record(row) for row in rows]


def stance_cells(con: Connection) -> list[dict[str, Any]]:
    """Mean stance of each actor (country key) on each issue.

    Returns:
        list[dict]: ``{actor, issue, label, stance, claims, min, max}``.
    """
    rows = con.execute(
        f"SELECT {ACTOR_KEY} AS k, issue_id, any_value(issue_label), avg(stance), count(*), "
        "min(stance), max(stance) FROM positions WHERE k IS NOT NULL "
        "GROUP BY k, issue_id ORDER BY k, issue_id"
    ).fetchall()
    keys = ("actor", "issue", "label", "stance", "claims", "min", "max")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def cell_positions(con: Connection, actor: str | None, issue: str | None) -> list[dict[str, Any]]:
    """The positions behind one matrix cell, row or column, oldest first."""
    clauses, params = [], []
    if actor is not None:
        clauses.append(f"{ACTOR_KEY} = ?")
        params.append(actor)
    if issue is not None:
        clauses.append("issue_id = ?")
        params.append(issue)
    rows = con.execute(
        f"SELECT {sql.POSITION_COLS} FROM positions{sql.where_clause(clauses)} "
        "ORDER BY date NULLS LAST, id LIMIT 500",
        params,
    ).fetchall()
    return [shapes.position_record(row) for row in rows]


# --- data functions shared with pages.py --------------------------------------------------


def dyads_data(db: Database, *, limit: int = 10) -> dict[str, Any]:
    """The busiest country pairs: ``{"rows": [...], "limit": n, "offset": 0}``."""
    return {"rows": db.run(country_dyads, limit=limit), "limit": limit, "offset": 0}


def quotes_by_speaker_data(
    db: Database, code: str | None, name: str | None, *, limit: int, offset: int
) -> dict[str, Any]:
    """Speakers with counts, and the quotes of the chosen one (all quotes if none)."""
    return {
        "speakers": db.run(speakers),
        "code": code,
        "name": name,
        "rows": db.run(speaker_quotes, code, name, limit=limit, offset=offset),
        "limit": limit,
        "offset": offset,
    }


def matrix_data(db: Database, actor: str | None, issue: str | None) -> dict[str, Any]:
    """Actors x issues: the cells, the row and column headers, and the chosen cell's claims.

    Rows (actors) and columns (issues) are ordered by number of claims, so the busiest
    corner of the matrix is top left.
    """
    cells = db.run(stance_cells)
    actors: dict[str, int] = {}
    issues: dict[str, dict[str, Any]] = {}
    for cell in cells:
        actors[cell["actor"]] = actors.get(cell["actor"], 0) + cell["claims"]
        blank = {"id": cell["issue"], "label": cell["label"], "claims": 0}
        entry = issues.setdefault(cell["issue"], blank)
        entry["claims"] += cell["claims"]
    chosen = actor is not None or issue is not None
    return {
        "actors": [{"actor": k, "claims": n} for k, n in sorted(actors.items(), key=_busiest)],
        "issues": sorted(issues.values(), key=lambda i: (-i["claims"], i["id"])),
        "cells": cells,
        "actor": actor,
        "issue": issue,
        "positions": db.run(cell_positions, actor, issue) if chosen else [],
    }


def _busiest(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


# --- routes -------------------------------------------------------------------------------


@router.get("/dyads")
def dyads(db: DB, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10) -> dict[str, Any]:
    """Country pairs with the most events between them, in either direction."""
    return dyads_data(db, limit=limit)


@router.get("/quotes/by-speaker")
def quotes_by_speaker(
    db: DB,
    code: Key = None,
    name: Key = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """Speakers with their quote counts, and the quotes of speaker ``code``/``name``."""
    return quotes_by_speaker_data(db, code, name, limit=limit, offset=offset)


@router.get("/positions/matrix")
def positions_matrix(db: DB, actor: Key = None, issue: Key = None) -> dict[str, Any]:
    """Mean stance of each actor on each issue, and the claims of one cell if chosen."""
    return matrix_data(db, actor, issue)


def featured_dyad_path(db_path: str | Path) -> str | None:
    """The dashboard path of the busiest country dyad, e.g. ``/dyad?a=USA&b=RUS&by=week``.

    ``dyads demo`` prints it so the demo ends on a dyad page; None for a database
    without any event between two countries.
    """
    from urllib.parse import urlencode

    from dyads.store import Store

    with Store(Path(db_path), read_only=True) as store:
        top = country_dyads(store.con, limit=1)
    if not top:
        return None
    return "/dyad?" + urlencode({"a": top[0]["a"], "b": top[0]["b"], "by": "week"})
