"""Article text with its coded records marked, built as escaped HTML on the server.

Article text is untrusted input. :func:`highlight` cuts the text at every mark boundary
and paragraph break, escapes every piece with ``markupsafe.escape`` and only then wraps
the marked pieces in ``<mark>``; nothing from the article is ever passed through
unescaped, so ``<script>`` in an article shows as text.

Marks may overlap (an event trigger inside a quote): the text is split into flat
segments, and a segment covered by several marks carries all their classes. Each mark
links to its record's row on the page (``#e-<id>`` for events, ``#q-<id>`` for quotes),
and the first segment of a mark carries an anchor ``t-<id>`` so rows can link back.
Marks with a span outside the text (a stale or foreign offset) are dropped, not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

_BLANK_LINE = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Mark:
    """One highlighted span of the text: ``[start, end)`` character offsets."""

    start: int
    end: int
    kind: str  # "event" or "quote": the CSS class and the row-id prefix
    ref: str  # the record id
    label: str  # a tooltip saying what was coded here
    css: str = ""  # extra classes, e.g. "quad3"


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each paragraph, stripped of surrounding whitespace.

    Paragraphs are split on blank lines, or on single newlines when there are none (as
    :func:`dyads.serve.pages.paragraphs` does), keeping offsets into the original text.
    """
    breaker = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    ranges, start = [], 0
    for found in [*breaker.finditer(text), None]:
        end = found.start() if found else len(text)
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if chunk.strip():
            ranges.append((start + lead, start + trail))
        if found:
            start = found.end()
    return ranges


def highlight(text: str | None, marks: Iterable[Mark]) -> list[Markup]:
    """The paragraphs of ``text`` as safe HTML, with ``marks`` wrapped in ``<mark>``.

    Returns:
        list[Markup]: one entry per paragraph, for ``<p>{{ para }}</p>``.
    """
    text = text or ""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({p for m in valid for p in (m.start, m.end)})
    out = []
    for p_start, p_end in paragraph_ranges(text):
        points = [p_start, *(c for c in cuts if p_start < c < p_end), p_end]
        html = [_segment(text, a, b, valid) for a, b in pairwise(points)]
        out.append(Markup("").join(html))
    return out


def _segment(text: str, start: int, end: int, marks: Sequence[Mark]) -> Markup:
    piece = escape(text[start:end])
    covering = [m for m in marks if m.start < end and m.end > start]
    if not covering:
        return piece
    covering.sort(key=lambda m: (m.end - m.start, m.kind))  # the innermost mark leads
    lead = covering[0]
    classes = sorted({m.kind for m in covering} | {c for m in covering for c in m.css.split()})
    anchors = Markup("").join(
        Markup('<span class="anchor" id="t-{}"></span>').format(m.ref)
        for m in covering
        if m.start == start
    )
    title = " | ".join(m.label for m in covering)
    return Markup('{}<mark class="hl {}" title="{}"><a href="#{}-{}">{}</a></mark>').format(
        anchors, " ".join(classes), title, lead.kind[0], lead.ref, piece
    )


def article_marks(article: Mapping[str, Any]) -> list[Mark]:
    """Marks for an article dict of ``queries.article``: its event triggers and quotes.

    An event's ``span`` is where its trigger stands in the text; a quote's is the quoted
    words.
    """
    marks = []
    for ev in article.get("events") or []:
        start, end = _span(ev.get("span"))
        if start is None or end is None:
            continue
        sources = ", ".join(a.get("code") or a.get("text") or "?" for a in ev.get("source") or [])
        targets = ", ".join(a.get("code") or a.get("text") or "?" for a in ev.get("target") or [])
        what = f"{ev.get('cameo')} {ev.get('plover') or ''}".strip()
        label = f"event {what}: {sources or '?'} → {targets or '?'}"
        css = f"quad{ev['quad_class']}" if ev.get("quad_class") else ""
        marks.append(Mark(start, end, "event", str(ev["id"]), label, css))
    for q in article.get("quotes") or []:
        start, end = _span(q.get("span"))
        if start is None or end is None:
            continue
        speaker = (q.get("speaker") or {}).get("name") or q.get("speaker_text") or "unattributed"
        marks.append(Mark(start, end, "quote", str(q["id"]), f"{q.get('kind')} quote: {speaker}"))
    return marks


def _span(value: Any) -> tuple[int | None, int | None]:
    if isinstance(value, list | tuple) and len(value) == 2:
        start, end = value
        if isinstance(start, int) and isinstance(end, int):
            return start, end
    return None, None
