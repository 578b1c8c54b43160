"""The JSON API under ``/api``: the contract behind every HTML page.

Each route is a thin wrapper around one ``*_data`` function, and the HTML pages in
``pages.py`` call the same functions, so a page and its JSON twin cannot disagree. Lists
answer ``{"rows": [...], "limit": n, "offset": n}``; records keep the shapes of DESIGN.md §5.

Filters. ``/api/events`` takes ``actor``, ``a`` + ``b`` (the events of a dyad),
``root`` (two-digit CAMEO root), ``plover`` (PLOVER type), ``since``/``until`` (ISO
dates, inclusive), ``doc_id``, and ``q`` (case-insensitive text in the sentence);
``/api/quotes`` and ``/api/positions`` take ``actor``, the dates, ``doc_id`` and ``q``
(in the quote or claim text). Every list pages with ``limit`` (1..1000, default 100) and
``offset`` (0..10,000,000); ``/api/dyad`` pages its ``events`` the same way while its
timeline and distance always cover every event and claim. Every value reaches SQL as a
parameter (``dyads.store.queries``).

Errors: parameters FastAPI can check (types, ranges, dates, patterns) answer 422; values
only the store can judge (a blank actor, one actor of a dyad) raise
``dyads.errors.UsageError`` there and answer 400; a missing article answers 404. Each
carries ``{"detail": ...}`` and never a stack trace.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from dyads.serve.app import Database
from dyads.serve.cache import JsonCache
from dyads.store import queries

router = APIRouter(prefix="/api", tags=["api"])

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
DEFAULT_CLAIMS = 20
"""Claims listed per issue in ``/api/dyad`` (the latest; all of them count in the numbers)."""
MAX_OFFSET = 10_000_000
"""Deeper pages are refused (422): an offset must fit DuckDB's integers, and no reader
pages ten million rows deep."""


def get_db(request: Request) -> Database:
    """The app's read-only database (a FastAPI dependency)."""
    return request.app.state.db


_cache_lock = threading.Lock()


def get_cache(request: Request) -> JsonCache:
    """The app's cache of expensive answers (``cache.py``), made on first use."""
    state = request.app.state
    with _cache_lock:
        if getattr(state, "json_cache", None) is None:
            state.json_cache = JsonCache()
        return state.json_cache


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
    q: str | None = None
    root: str | None = None
    plover: str | None = None
    a: str | None = None
    b: str | None = None

    def query_kwargs(self, what: str = "events") -> dict[str, Any]:
        """Keyword arguments for ``queries.events`` (or ``quotes``/``positions``)."""
        kwargs: dict[str, Any] = {
            "actor": self.actor,
            "since": self.since,
            "until": self.until,
            "doc_id": self.doc_id,
            "limit": self.limit,
            "offset": self.offset,
            "q": self.q,
        }
        if what == "events":
            kwargs.update(root=self.root, plover=self.plover, a=self.a, b=self.b)
        return kwargs


def get_filters(
    actor: Annotated[
        str | None, Query(description="Actor code, e.g. RUS or RUSGOV.", max_length=100)
    ] = None,
    since: Annotated[date | None, Query(description="First date, YYYY-MM-DD.")] = None,
    until: Annotated[date | None, Query(description="Last date, YYYY-MM-DD.")] = None,
    doc_id: Annotated[
        str | None, Query(description="Only rows from this article.", max_length=100)
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
    q: Annotated[
        str | None, Query(max_length=200, description="Text to search for (any case).")
    ] = None,
) -> Filters:
    """Parse and check the listing filters (a FastAPI dependency); bad values answer 422."""
    return Filters(
        actor=actor.strip() or None if actor else None,  # a blank form field: no filter
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        doc_id=doc_id or None,
        limit=limit,
        offset=offset,
        q=q or None,
    )


def get_event_filters(
    filters: Annotated[Filters, Depends(get_filters)],
    root: Annotated[
        str | None, Query(pattern=r"^[0-9]{2}$", description="CAMEO root, e.g. 19 (fight).")
    ] = None,
    plover: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z_]{1,30}$", description="PLOVER event type, e.g. ASSAULT."),
    ] = None,
    a: Annotated[
        str | None, Query(max_length=100, description="With b: the events of dyad a-b.")
    ] = None,
    b: Annotated[str | None, Query(max_length=100, description="The dyad's other actor.")] = None,
) -> Filters:
    """The listing filters plus the event-only ones (a FastAPI dependency)."""
    blank = {"a": (a or "").strip() or None, "b": (b or "").strip() or None}
    return replace(filters, root=root, plover=plover or None, **blank)


FiltersDep = Annotated[Filters, Depends(get_event_filters)]
"""The filters of ``/api/events`` and the events page."""
TextFiltersDep = Annotated[Filters, Depends(get_filters)]
"""The filters of ``/api/quotes`` and ``/api/positions``."""


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
    rows = db.run(query[what], **filters.query_kwargs(what))
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


def dyad_data(
    db: Database,
    a: str,
    b: str,
    by: str,
    *,
    limit: int | None = None,
    offset: int = 0,
    claims: int | None = None,
) -> dict[str, Any]:
    """Timeline, issue distance and events between two actors.

    ``limit``/``offset`` page the ``events`` list only (None: every event, as the dyad
    page shows them). A ``by`` other than day, week or month makes the store raise
    ``InvalidQuery`` (a ``UsageError``), which the app answers with 400.
    """
    # ``claims`` lets the store list only the latest claims per issue (the numbers still
    # use every claim): building tens of thousands of claim records was most of the time
    data = db.run(queries.dyad, a, b, by=by, limit=limit, offset=offset, claims=claims)
    if limit is not None:
        data = {**data, "limit": limit, "offset": offset}
    return data


def trim_claims(data: dict[str, Any], keep: int) -> dict[str, Any]:
    """Keep the latest ``keep`` claims listed under each issue; add ``positions_total``.

    Stances, distances and series still use every claim: only the evidence list is cut,
    so that a busy dyad (tens of thousands of claims) answers in kilobytes, not megabytes.
    """
    issues = []
    for issue in data.get("issues", []):
        listed = issue.get("positions", [])
        kept = listed[len(listed) - keep :] if keep else []
        total = issue.get("claims", len(listed))  # every claim, listed or not
        issues.append({**issue, "positions": kept, "positions_total": total})
    return {**data, "issues": issues}


# --- routes -------------------------------------------------------------------------------


@router.get("/summary")
def summary(db: DB) -> dict[str, Any]:
    """Row counts per table and the range of event dates."""
    return db.run(queries.summary)


@router.get("/overview")
def overview(db: DB) -> dict[str, Any]:
    """The JSON twin of the overview page ``/``: summary, top dyads, latest quotes."""
    return overview_data(db)


@router.get("/events", responses={400: {"description": "Only one of a and b"}})
def events(db: DB, filters: FiltersDep) -> dict[str, Any]:
    """Coded events (who did what to whom), newest first, with their evidence."""
    return listing_data(db, "events", filters)


@router.get("/quotes")
def quotes(db: DB, filters: TextFiltersDep) -> dict[str, Any]:
    """Direct, indirect and mixed quotes with their speakers."""
    return listing_data(db, "quotes", filters)


@router.get("/positions")
def positions(db: DB, filters: TextFiltersDep) -> dict[str, Any]:
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


@router.get(
    "/dyad",
    response_class=Response,
    responses={200: {"description": "The dyad", "content": {"application/json": {}}}},
)
def dyad(
    db: DB,
    cache: Annotated[JsonCache, Depends(get_cache)],
    a: Annotated[str, Query(max_length=100, pattern=r"\S", description="First actor, e.g. USA.")],
    b: Annotated[str, Query(max_length=100, pattern=r"\S", description="Second actor, e.g. RUS.")],
    by: Annotated[
        Literal["day", "week", "month"], Query(description="Period of the timeline.")
    ] = "week",
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Events per page (timeline: all).")
    ] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Events to skip.")] = 0,
    claims: Annotated[
        int, Query(ge=0, le=MAX_LIMIT, description="Latest claims listed per issue.")
    ] = DEFAULT_CLAIMS,
) -> Response:
    """Event timeline per period, position distance per issue and per period, and a page
    of the events between actors ``a`` and ``b``.

    Answers are cached per parameters until the data changes (``serve/cache.py``).
    """
    key = ("dyad", a, b, by, limit, offset, claims, db.version)
    body = cache.get_or_compute(
        key,
        lambda: trim_claims(
            dyad_data(db, a, b, by, limit=limit, offset=offset, claims=claims), claims
        ),
    )
    return Response(content=body, media_type="application/json")
