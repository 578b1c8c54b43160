"""HTML pages: each renders the data of one ``/api`` route and names it as its JSON twin.

A page calls the same ``*_data`` function as its API route and sends
``Link: </api/...>; rel="alternate"; type="application/json"``, so anything a page shows
can be fetched as JSON from the URL in that header (and in the page's "JSON" link).
Templates autoescape everything; article text is untrusted and is never marked safe
(``highlight.py`` escapes each piece itself before wrapping it in ``<mark>``). As a second
line of defence every page sends a Content-Security-Policy that allows scripts only from
this server, so even markup that slipped through could not run.

Pages: ``/`` overview, ``/dyad`` (charts, issue table, evidence by period), ``/events``,
``/quotes`` (by speaker), ``/positions`` (actors x issues matrix), ``/articles/{id}``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from dyads.serve import dyad_view, views
from dyads.serve.api import (
    DB,
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_OFFSET,
    FiltersDep,
    article_data,
    listing_data,
    overview_data,
)
from dyads.serve.assets import plotly_url
from dyads.serve.dyad_view import QUAD_CLASSES
from dyads.serve.highlight import article_marks, highlight
from dyads.store import queries

router = APIRouter(include_in_schema=False)

_BAR_WIDTH = 160  # pixels of the longest timeline bar

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
"""Scripts only from this server: an article's ``<script>`` could not run even unescaped.
Inline styles stay allowed because plotly.js injects its own ``<style>``."""

Actor = Annotated[str, Query(min_length=1, max_length=100)]
Key = Annotated[str | None, Query(max_length=200)]


def _render(
    request: Request, template: str, json_url: str, context: dict[str, Any]
) -> HTMLResponse:
    """Render ``template``, point at its JSON twin in a ``Link`` header, forbid inline JS."""
    templates: Jinja2Templates = request.app.state.templates
    headers = {
        "Link": f'<{json_url}>; rel="alternate"; type="application/json"',
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
    }
    return templates.TemplateResponse(
        request,
        template,
        {**context, "json_url": json_url, "plotly_url": plotly_url()},
        headers=headers,
    )


def _with_query(path: str, params: Sequence[tuple[str, str]]) -> str:
    """``path`` with ``params`` re-encoded, so a URL built from a request is always valid."""
    return f"{path}?{urlencode(params)}" if params else path


def _pages(request: Request, path: str, offset: int, limit: int, shown: int) -> dict[str, str]:
    """Previous/next links of a listing, keeping the request's other parameters."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    pages: dict[str, str] = {}
    if offset > 0:
        pages["previous"] = _with_query(path, [*params, ("offset", str(max(offset - limit, 0)))])
    if shown == limit:
        pages["next"] = _with_query(path, [*params, ("offset", str(offset + limit))])
    return pages


@router.get("/", response_class=HTMLResponse)
def index(request: Request, db: DB) -> Response:
    """Overview: the busiest country dyads first, then counts, directed dyads and quotes."""
    context = {**overview_data(db), "dyads": views.dyads_data(db, limit=8)["rows"]}
    return _render(request, "index.html", "/api/overview", context)


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, db: DB, filters: FiltersDep) -> Response:
    """Events table with the evidence for each code."""
    data = listing_data(db, "events", filters)
    pages = _pages(request, "/events", filters.offset, filters.limit, len(data["rows"]))
    context = {"title": "Events", "filters": filters, "pages": pages, **data}
    json_url = _with_query("/api/events", request.query_params.multi_items())
    return _render(request, "events.html", json_url, context)


@router.get("/dyad", response_class=HTMLResponse)
def dyad(request: Request, db: DB, a: Actor, b: Actor, by: str = "week") -> Response:
    """A pair of actors: timeline and distance charts, the issue table, evidence by period."""
    data = db.run(
        queries.dyad,
        a,
        b,
        by=by,
        per_period=dyad_view.MAX_PER_PERIOD,
        claims=dyad_view.MAX_CLAIMS_PER_ISSUE,
    )
    timeline = data.get("timeline", [])
    context = {
        "title": f"{a} – {b}",
        "dyad": data,
        "bars": [_bar(period, timeline) for period in timeline],
        "chart": dyad_view.chart_data(data),
        "issues": dyad_view.issue_rows(data),
        "evidence": dyad_view.evidence_by_period(data),
        "quad_classes": QUAD_CLASSES,
        "periods": ("day", "week", "month"),
    }
    json_url = _with_query("/api/dyad", [("a", a), ("b", b), ("by", by)])
    return _render(request, "dyad.html", json_url, context)


@router.get("/quotes", response_class=HTMLResponse)
def quotes(
    request: Request,
    db: DB,
    code: Key = None,
    name: Key = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Response:
    """Quotes browsed by speaker: every speaker with a count, the chosen one's quotes."""
    data = views.quotes_by_speaker_data(db, code, name, limit=limit, offset=offset)
    pages = _pages(request, "/quotes", offset, limit, len(data["rows"]))
    context = {"title": "Quotes", "pages": pages, **data}
    json_url = _with_query("/api/quotes/by-speaker", request.query_params.multi_items())
    return _render(request, "quotes.html", json_url, context)


@router.get("/positions", response_class=HTMLResponse)
def positions(request: Request, db: DB, actor: Key = None, issue: Key = None) -> Response:
    """Actors x issues, each cell coloured by mean stance; a cell lists its claims."""
    data = views.matrix_data(db, actor, issue)
    cells = {(c["actor"], c["issue"]): c for c in data["cells"]}
    context = {"title": "Positions", "matrix": data, "cells": cells}
    json_url = _with_query("/api/positions/matrix", request.query_params.multi_items())
    return _render(request, "positions.html", json_url, context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, db: DB, article_id: str) -> Response:
    """One article: its text with every coded record marked, then the records."""
    data = article_data(db, article_id)
    context = {
        "title": data.get("title") or article_id,
        "article": data,
        "marked": highlight(data.get("text"), article_marks(data)),
    }
    json_url = f"/api/articles/{quote(article_id, safe='')}"
    return _render(request, "article.html", json_url, context)


# --- helpers for templates ----------------------------------------------------------------


def quad_count(quad: Mapping[Any, Any] | None, quad_class: int) -> int:
    """Events of ``quad_class`` in a timeline period, whether keys are ``"1"`` or ``1``."""
    if not quad:
        return 0
    return int(quad.get(str(quad_class), quad.get(quad_class, 0)) or 0)


def _bar(period: Mapping[str, Any], timeline: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Segments of one stacked SVG bar: one per QuadClass, scaled to the busiest period."""
    busiest = max((int(p.get("events") or 0) for p in timeline), default=0)
    if busiest == 0:
        return []
    scale = _BAR_WIDTH / busiest
    segments, x = [], 0.0
    for quad_class in QUAD_CLASSES:
        width = quad_count(period.get("quad"), quad_class) * scale
        if width:
            segments.append({"x": round(x, 1), "width": round(width, 1), "quad": quad_class})
            x += width
    return segments


def actor_label(actor: Mapping[str, Any] | None) -> str:
    """The shortest useful name of an actor dict: its code, else country, name or text."""
    if not actor:
        return "?"
    for key in ("code", "country", "name", "text"):
        if actor.get(key):
            return str(actor[key])
    return "?"


def split_trigger(sentence: str | None, trigger: str | None) -> tuple[str, str, str]:
    """Split ``sentence`` around the first case-insensitive match of ``trigger``.

    The template escapes all three parts and wraps the middle one in ``<mark>``, so the
    trigger is highlighted without ever marking article text as safe.

    Returns:
        tuple[str, str, str]: text before, the trigger as written, text after;
            ``(sentence, "", "")`` when the trigger is not found.
    """
    sentence = sentence or ""
    if trigger:
        found = re.search(re.escape(trigger), sentence, flags=re.IGNORECASE)
        if found:
            return sentence[: found.start()], found.group(0), sentence[found.end() :]
    return sentence, "", ""


def paragraphs(text: str | None) -> list[str]:
    """Paragraphs of an article: split on blank lines, or on newlines if it has none."""
    text = (text or "").strip()
    if not text:
        return []
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [part.strip() for part in parts if part.strip()]


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else ``None``.

    Autoescaping does not make an ``href`` safe: a stored ``javascript:`` URL would run when
    clicked, so only web addresses become links.
    """
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def number(value: Any, digits: int = 2) -> str:
    """A number rounded for display, or an en dash for a missing one."""
    if value is None:
        return "–"
    if isinstance(value, int | float):
        return f"{value:.{digits}f}"
    return str(value)


def how_many(value: Any) -> int:
    """A count given either as a number or as the list of the things counted."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    return len(value)


def stance_class(value: Any) -> str:
    """CSS class of a stance in -1..+1, in steps of 0.25: ``st-4`` (against) to ``st4``."""
    if not isinstance(value, int | float):
        return "st-none"
    return f"st{max(-4, min(4, round(value * 4)))}"


def signed(value: Any, digits: int = 2) -> str:
    """A stance with its sign (``+0.80``, ``-1.00``), or an en dash."""
    if not isinstance(value, int | float):
        return "–"
    return f"{value:+.{digits}f}"


TEMPLATE_FILTERS: dict[str, Callable[..., Any]] = {
    "stance_class": stance_class,
    "signed": signed,
    "period_label": dyad_view.period_label,
    "actor_label": actor_label,
    "split_trigger": split_trigger,
    "paragraphs": paragraphs,
    "number": number,
    "how_many": how_many,
    "quad_count": quad_count,
    "web_url": web_url,
}
