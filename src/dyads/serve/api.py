"""The JSON API under ``/api``: the contract behind every HTML page.

Each route is a thin wrapper around one ``*_data`` function, and the HTML pages in
``pages.py`` call the same functions, so a page and its JSON twin cannot disagree. Lists
answer ``{"rows": [...], "limit": n, "offset": n}``; records keep the shapes of DESIGN.md §5.

Errors: parameters FastAPI can check (types, ranges, dates) answer 422; values only the
store can judge (an unknown ``by`` period, a blank actor) raise ``dyads.errors.UsageError``
there and answer 400; a missing article answers 404. Each carries ``{"detail": ...}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from dyads.serve.app import Database
from dyads.store import queries

router = APIRouter(prefix="/api", tags=["api"])

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


def get_db(request: Request) -> Database:
    """The app's read-only database (a FastAPI dependency)."""
    return request.app.state.db


DB = Annotated[Database, Depends(get_db)]


@dataclass(frozen=True)
class Filters:
    """The filters every listing takes (the web twin of the CLI's shared options)."""

    actor: str | None = None
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def query_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for a ``queries.events``-style function."""
        return {
            "actor": self.actor,
            "since": self.since,
            "until": self.until,
            "doc_id": self.doc_id,
            "limit": self.limit,
            "offset": self.offset,
        }


def get_filters(
    actor: Annotated[
        str | None, Query(description="Actor code, e.g. RUS or RUSGOV.", max_length=100)
    ] = None,
    since: Annotated[date | None, Query(description="First date, YYYY-MM-DD.")] = None,
    until: Annotated[date | None, Query(description="Last date, YYYY-MM-DD.")] = None,
    doc_id: Annotated[
        str | None, Query(description="Only rows from this article.", max_length=100)
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Filters:
    """Parse and check the listing filters (a FastAPI dependency); bad values answer 422."""
    return Filters(
        actor=actor or None,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        doc_id=doc_id or None,
        limit=limit,
        offset=offset,
    )


FiltersDep = Annotated[Filters, Depends(get_filters)]


# --- data functions shared with pages.py -------------------------------------------------


def listing_data(db: Database, what: str, filters: Filters) -> dict[str, Any]:
    """Rows of ``events``, ``quotes`` or ``positions`` with the paging that produced them.

    Args:
        db (Database): the app's database.
        what (str): ``"events"``, ``"quotes"`` or ``"positions"``.
        filters (Filters): actor, dates, article, limit and offset.

    Returns:
        dict: ``{"rows": [...], "limit": n, "offset": n}``.
    """
    query = {"events": queries.events, "quotes": queries.quotes, "positions": queries.positions}
    rows = db.run(query[what], **filters.query_kwargs())
    return {"rows": rows, "limit": filters.limit, "offset": filters.offset}


def overview_data(db: Database, *, top: int = 10) -> dict[str, Any]:
    """Counts, the busiest dyads and the latest quotes: the data of the overview page."""
    return {
        "summary": db.run(queries.summary),
        "top_dyads": db.run(queries.top_dyads, limit=top),
        "latest_quotes": db.run(queries.latest_quotes, limit=top),
    }


def article_data(db: Database, article_id: str) -> dict[str, Any]:
    """One article with its events, quotes and positions.

    Raises:
        HTTPException: 404 when no article has this id.
    """
    found = db.run(queries.article, article_id)
    if found is None:
        raise HTTPException(
            status_code=404,
            detail=f"No article with id {article_id!r}; ids are listed in the doc_id "
            "field of /api/events.",
        )
    return found


def dyad_data(db: Database, a: str, b: str, by: str) -> dict[str, Any]:
    """Timeline, issue distance and events between two actors.

    A ``by`` other than day, week or month makes the store raise ``InvalidQuery`` (a
    ``UsageError``), which the app answers with 400.
    """
    return db.run(queries.dyad, a, b, by=by)


# --- routes -------------------------------------------------------------------------------


@router.get("/summary")
def summary(db: DB) -> dict[str, Any]:
    """Row counts per table and the range of event dates."""
    return db.run(queries.summary)


@router.get("/overview")
def overview(db: DB) -> dict[str, Any]:
    """The JSON twin of the overview page ``/``: summary, top dyads, latest quotes."""
    return overview_data(db)


@router.get("/events")
def events(db: DB, filters: FiltersDep) -> dict[str, Any]:
    """Coded events (who did what to whom), newest first, with their evidence."""
    return listing_data(db, "events", filters)


@router.get("/quotes")
def quotes(db: DB, filters: FiltersDep) -> dict[str, Any]:
    """Direct, indirect and mixed quotes with their speakers."""
    return listing_data(db, "quotes", filters)


@router.get("/positions")
def positions(db: DB, filters: FiltersDep) -> dict[str, Any]:
    """Actors' stances on issues, from -1 (against) to +1 (for)."""
    return listing_data(db, "positions", filters)


@router.get("/actors")
def actors(
    db: DB, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT
) -> dict[str, Any]:
    """Coded actors with their number of mentions."""
    return {"rows": db.run(queries.actors, limit=limit), "limit": limit, "offset": 0}


@router.get("/articles/{article_id}", responses={404: {"description": "No such article"}})
def article(db: DB, article_id: str) -> dict[str, Any]:
    """One article: its metadata, text, events, quotes and positions."""
    return article_data(db, article_id)


@router.get("/dyad", responses={400: {"description": "Unknown period"}})
def dyad(
    db: DB,
    a: Annotated[str, Query(min_length=1, max_length=100, description="First actor, e.g. USA.")],
    b: Annotated[str, Query(min_length=1, max_length=100, description="Second actor, e.g. RUS.")],
    by: Annotated[str, Query(description="Period of the timeline: day, week or month.")] = "week",
) -> dict[str, Any]:
    """Timeline, issue distance and events between actors ``a`` and ``b``."""
    return dyad_data(db, a, b, by)
