"""HTML reader: one web page per file, its markup, scripts and styles dropped.

A saved news page is mostly not the article: scripts, style sheets, menus, forms and
footers. The page is parsed with the standard library's forgiving ``html.parser`` (no
network, no dependency); the content of ``script``, ``style`` and similar elements is
dropped, every block element ends a paragraph, and when the page has real paragraphs
(``<p>`` elements with most of the text) only those and the headline are kept, which
removes most navigation. The ``<title>`` (else the first ``<h1>``) becomes the title.
Text from a page is never executed or rendered, so a hostile page can only make a bad
article, never run code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from dyads.read._common import (
    STDIN,
    check_date_argument,
    guarded,
    open_text,
    origin_of,
)
from dyads.records import Article, Reject
from dyads.registry import readers

# Elements whose content is never article text (not <form>: ASP.NET wraps whole pages in one).
DROPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "textarea",
        "button",
        "nav",
        "footer",
        "aside",
        "head",
    }
)
# Elements that end a paragraph.
BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "figure",
        "figcaption",
        "hr",
        "main",
        "body",
        "html",
    }
)
VOID = frozenset(
    {
        "br",
        "hr",
        "img",
        "input",
        "meta",
        "link",
        "area",
        "base",
        "col",
        "wbr",
        "source",
        "track",
        "param",
        "embed",
    }
)
MIN_PARAGRAPH_CHARS = 40
"""A ``<p>`` shorter than this (a byline, a caption) does not count as article prose."""

PROSE_CHARS = 500
"""With this much text in ``<p>`` paragraphs, the rest of the page is taken as boilerplate."""

_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def looks_like_html(text: str) -> bool:
    """Say whether ``text`` is an HTML document (it starts with a doctype or ``<html>``)."""
    return bool(_HTML_START.match(text[:4096].removeprefix("\ufeff")))


class _Extractor(HTMLParser):
    """Collect text blocks, noting which came from ``<p>`` and ``<h1>`` elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind: p | h1 | other, text)
        self.title: str | None = None
        self._dropped: list[str] = []  # open dropped elements, innermost last
        self._in_title = False
        self._title_parts: list[str] = []
        self._parts: list[str] = []
        self._kind: list[str] = []  # open p / h1 elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in DROPPED and tag not in VOID:
            self._dropped.append(tag)
        if tag in BLOCKS:
            self._flush()
            if tag in ("p", "h1"):
                self._kind.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self._dropped:  # close it and anything left open inside it
            while self._dropped and self._dropped.pop() != tag:
                pass
        if tag in BLOCKS:
            self._flush()
            if tag in ("p", "h1") and tag in self._kind:
                while self._kind and self._kind.pop() != tag:
                    pass

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        if not self._dropped:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()
        title = " ".join("".join(self._title_parts).split())
        self.title = title or None

    def _flush(self) -> None:
        text = " ".join(_SPACES.sub(" ", "".join(self._parts)).split())
        self._parts = []
        if text:
            self.blocks.append((self._kind[-1] if self._kind else "other", text))


def html_to_text(markup: str) -> tuple[str | None, str]:
    """Return the title and the article text of an HTML page.

    Args:
        markup (str): the page.

    RETURNS (tuple[str | None, str]): the title (``<title>``, else the first ``<h1>``)
        and the text, one paragraph per block separated by blank lines; ``""`` when the
        page holds no text.
    """
    parser = _Extractor()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    blocks = parser.blocks
    prose = [t for kind, t in blocks if kind == "p" and len(t) >= MIN_PARAGRAPH_CHARS]
    prose_chars = sum(len(t) for t in prose)
    first_h1 = next((t for kind, t in blocks if kind == "h1"), None)
    if prose_chars >= PROSE_CHARS or prose_chars * 2 >= sum(len(t) for _, t in blocks):
        kept = ([first_h1] if first_h1 else []) + prose
    else:  # no real paragraphs: keep every block rather than lose the article
        kept = [t for _, t in blocks]
    return parser.title or first_h1, "\n\n".join(kept)


@readers("dyads.html.v1")
def read_html(
    path: str | Path, *, date: str | None = None, source: str | None = None
) -> Iterator[Article | Reject]:
    """Read one HTML page (or standard input for ``-``) as one article.

    Args:
        path (str | Path): the file, or ``-`` for standard input.
        date (str | None): publication date for the article.
        source (str | None): outlet name for the article.

    Yields:
        Article | Reject: the article, or a reject for a page without text or a binary
        file, then a note saying the markup was removed.

    Raises:
        UsageError: ``date`` is not a date.
    """
    date = check_date_argument(date)
    origin = origin_of(path)
    yield from guarded(origin, _read(path, origin=origin, date=date, source=source))


def _read(
    path: str | Path, *, origin: str, date: str | None, source: str | None
) -> Iterator[Article | Reject]:
    with open_text(path) as stream:
        markup = stream.read()
    record = 1 if str(path) == STDIN else None
    yield from html_records(markup, origin=origin, record=record, date=date, source=source)


def html_records(
    markup: str, *, origin: str, record: int | None, date: str | None, source: str | None
) -> Iterator[Article | Reject]:
    """Turn one page into an ``Article`` and a note, or into one ``Reject``.

    Args:
        markup (str): the decoded page.
        origin (str): the input path, or ``"<stdin>"``.
        record (int | None): None for a file, 1 for standard input.
        date (str | None): ISO publication date, if known.
        source (str | None): outlet name, if known.

    Yields:
        Article | Reject: the article and a note, or one reject for a page without text.
    """
    title, text = html_to_text(markup)
    if not text.strip():
        yield Reject(origin, record, "HTML page without text (only markup or scripts)")
        return
    yield Article(
        id=Article.make_id(text),
        text=text,
        date=date,
        source=source,
        title=title,
        origin=origin,
        record=record,
    )
    yield Reject(
        origin,
        record,
        f"HTML page: markup, scripts and styles removed; {len(text):,} of "
        f"{len(markup):,} characters kept as article text",
    )
