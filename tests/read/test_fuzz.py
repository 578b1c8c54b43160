"""Property-based fuzzing of every reader: no input makes a reader raise.

Each property feeds arbitrary bytes (or JSON values, CSV rows, HTML) to one reader and
checks the contract of ``dyads.read``: it yields only ``Article`` and ``Reject`` values,
every reject names its input and (when it has one) its record, and every article has an
id and non-blank text no longer than ``PART_CHARS``. Bounded by ``max_examples`` so the
file runs in a few seconds inside ``make test``; set ``DYADS_FUZZ_EXAMPLES=2000`` to
search harder.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads.read import read_csv, read_html, read_inputs, read_jsonl, read_txt
from dyads.read.detect import detect_file, sniff
from dyads.read.split import PART_CHARS, split_text
from dyads.records import Article, Reject

FUZZ = settings(
    max_examples=int(os.environ.get("DYADS_FUZZ_EXAMPLES", "60")),  # raise it to hunt bugs
    deadline=None,
    database=None,  # no .hypothesis/ folder in the checkout
    suppress_health_check=[HealthCheck.too_slow],
)

# Bytes that tend to break decoders and parsers, mixed into random ones.
NASTY = st.sampled_from(
    [
        b"\x00",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\xef\xbb\xbf",
        b"\x1f\x8b",
        b"\r",
        b"\n",
        b'"',
        b",",
        b"\t",
        b"{",
        b"[",
        b"<html>",
        b"<script>",
        b"\xe9",
        b"\xc3",
        b"\xf0\x9f",
    ]
)
RAW = st.lists(st.one_of(st.binary(max_size=64), NASTY), max_size=30).map(b"".join)
KEYS = st.sampled_from(["text", "TEXT", "body", "content", "id", "date", "title", "url", "x"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


@contextmanager
def _file(data: bytes, name: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_bytes(data)
        yield path


def _check(items: Iterable[object], origin: str) -> list[Article | Reject]:
    """Assert the reader contract for every record and return them."""
    found = list(items)
    for item in found:
        assert isinstance(item, Article | Reject), item
        if isinstance(item, Reject):
            assert item.origin == origin
            assert item.record is None or (isinstance(item.record, int) and item.record >= 1)
            assert isinstance(item.reason, str) and item.reason.strip()
        else:
            assert item.origin == origin and item.id
            assert item.text.strip() and len(item.text) <= PART_CHARS
    return found


@FUZZ
@given(data=RAW)
def test_txt_reader_never_raises(data: bytes) -> None:
    with _file(data, "a.txt") as path:
        items = _check(read_txt(path), str(path))
    assert items  # one record at least: the article or why there is none


@FUZZ
@given(data=RAW)
def test_jsonl_reader_never_raises_on_bytes(data: bytes) -> None:
    with _file(data, "a.jsonl") as path:
        assert _check(read_jsonl(path), str(path))


@FUZZ
@given(rows=st.lists(st.one_of(JSON_VALUES, st.dictionaries(KEYS, JSON_VALUES)), max_size=8))
def test_jsonl_reader_never_raises_on_json_values(rows: list[object]) -> None:
    data = "\n".join(json.dumps(row) for row in rows).encode("utf-8")
    with _file(data, "a.jsonl") as path:
        items = _check(read_jsonl(path), str(path))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) <= len(rows)


@FUZZ
@given(data=RAW, tab=st.booleans())
def test_csv_reader_never_raises_on_bytes(data: bytes, tab: bool) -> None:
    with _file(data, "a.tsv" if tab else "a.csv") as path:
        assert _check(read_csv(path, delimiter="\t" if tab else ","), str(path))


@FUZZ
@given(
    header=st.lists(KEYS, min_size=1, max_size=4),
    rows=st.lists(st.lists(st.text(max_size=30), max_size=5), max_size=6),
)
def test_csv_reader_never_raises_on_rows(header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    with _file(buffer.getvalue().encode("utf-8", "surrogatepass"), "a.csv") as path:
        items = _check(read_csv(path), str(path))
    assert len([i for i in items if isinstance(i, Article)]) <= len(rows)


TAGS = st.sampled_from(["p", "div", "script", "style", "h1", "title", "head", "nav", "br", "x"])
HTML = st.lists(
    st.one_of(
        st.text(max_size=30),
        TAGS.map(lambda t: f"<{t}>"),
        TAGS.map(lambda t: f"</{t}>"),
        st.sampled_from(["<!--", "-->", "<!doctype html>", "&amp;", "&#0;", "<![CDATA[", "<"]),
    ),
    max_size=40,
).map("".join)


@FUZZ
@given(markup=HTML)
def test_html_reader_never_raises(markup: str) -> None:
    data = markup.encode("utf-8", "surrogatepass")
    with _file(data, "a.html") as path:
        assert _check(read_html(path), str(path))


@FUZZ
@given(data=RAW, name=st.sampled_from(["a.json", "a.dat", "a.gz", "noext"]))
def test_detection_and_read_inputs_never_raise(data: bytes, name: str) -> None:
    with _file(data, name) as path:
        assert detect_file(path).format in ("txt", "jsonl", "csv", "html")
        assert _check(read_inputs([path], format="auto"), str(path))
    assert sniff(data.decode("utf-8", "replace")).format in ("txt", "jsonl", "csv", "html")


@FUZZ
@given(data=RAW)
def test_stdin_never_raises(data: bytes) -> None:
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="ascii")
    try:
        _check(read_inputs(["-"]), "<stdin>")
    finally:
        sys.stdin = saved


@FUZZ
@given(text=st.text(max_size=400), limit=st.integers(min_value=1, max_value=60))
def test_split_text_keeps_every_character(text: str, limit: int) -> None:
    parts = split_text(text, limit)
    assert all(part.strip() and len(part) <= limit for part in parts)
    assert "".join("".join(p.split()) for p in parts) == "".join(text.split())
