"""HTML pages: each renders the data of one ``/api`` route and names it as its JSON twin.

A page calls the same ``*_data`` function as its API route and sends
``Link: </api/...>; rel="alternate"; type="application/json"``, so anything a page shows
can be fetched as JSON from the URL in that header (and in the page's "JSON" link).
Templates autoescape everything; article text is untrusted and is never marked safe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from dyads.serve.api import DB, FiltersDep, article_data, dyad_data, listing_data, overview_data

router = APIRouter(include_in_schema=False)

QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
_BAR_WIDTH = 160  # pixels of the longest timeline bar

Actor = Annotated[str, Query(min_length=1, max_length=100)]


def _render(
    request: Request, template: str, json_url: str, context: dict[str, Any]
) -> HTMLResponse:
    """Render ``template`` and point at its JSON twin in a ``Link`` header."""
    templates: Jinja2Templates = request.app.state.templates
    headers = {"Link": f'<{json_url}>; rel="alternate"; type="application/json"'}
    return templates.TemplateResponse(
        request, template, {**context, "json_url": json_url}, headers=headers
    )


def _with_query(path: str, params: Sequence[tuple[str, str]]) -> str:
    """``path`` with ``params`` re-encoded, so a URL built from a request is always valid."""
    return f"{path}?{urlencode(params)}" if params else path


@router.get("/", response_class=HTMLResponse)
def index(request: Request, db: DB) -> Response:
    """Overview: counts, the busiest dyads and the latest quotes."""
    return _render(request, "index.html", "/api/overview", overview_data(db))


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, db: DB, filters: FiltersDep) -> Response:
    """Events table with the evidence for each code."""
    data = listing_data(db, "events", filters)
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    pages: dict[str, str] = {}
    if filters.offset > 0:
        previous = max(filters.offset - filters.limit, 0)
        pages["previous"] = _with_query("/events", [*params, ("offset", str(previous))])
    if len(data["rows"]) == filters.limit:
        following = filters.offset + filters.limit
        pages["next"] = _with_query("/events", [*params, ("offset", str(following))])
    context = {"title": "Events", "filters": filters, "pages": pages, **data}
    json_url = _with_query("/api/events", request.query_params.multi_items())
    return _render(request, "events.html", json_url, context)


@router.get("/dyad", response_class=HTMLResponse)
def dyad(request: Request, db: DB, a: Actor, b: Actor, by: str = "week") -> Response:
    """A pair of actors: timeline by period, issue distance and their events."""
    data = dyad_data(db, a, b, by)
    context = {
        "title": f"{a} – {b}",
        "dyad": data,
        "bars": [_bar(period, data.get("timeline", [])) for period in data.get("timeline", [])],
        "quad_classes": QUAD_CLASSES,
        "periods": ("day", "week", "month"),
    }
    json_url = _with_query("/api/dyad", [("a", a), ("b", b), ("by", by)])
    return _render(request, "dyad.html", json_url, context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, db: DB, article_id: str) -> Response:
    """One article: metadata, text, and the events and quotes coded from it."""
    data = article_data(db, article_id)
    context = {"title": data.get("title") or article_id, "article": data}
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


TEMPLATE_FILTERS: dict[str, Callable[..., Any]] = {
    "actor_label": actor_label,
    "split_trigger": split_trigger,
    "paragraphs": paragraphs,
    "number": number,
    "how_many": how_many,
    "quad_count": quad_count,
    "web_url": web_url,
}
