"""Tests for dyads.read.read_inputs: paths, directories, stdin, auto detection."""

from __future__ import annotations

import io
import itertools
import json
import sys
from pathlib import Path

import pytest

from dyads import registry
from dyads.errors import UsageError
from dyads.read import (
    FORMATS,
    STDIN_ORIGIN,
    read_csv,
    read_html,
    read_inputs,
    read_jsonl,
    read_txt,
)
from dyads.records import Article, Reject

ALLSIDES = Path("/work/shared/corpora/allsides/allsides_international.jsonl.gz")


def _write(root: Path, name: str, content: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _texts(items: list[Article | Reject]) -> list[str]:
    return [item.text if isinstance(item, Article) else f"REJECT {item.reason}" for item in items]


def test_inputs_formats_and_registered_readers() -> None:
    assert FORMATS == ("auto", "txt", "jsonl", "csv", "html")
    assert registry.readers.get("dyads.html.v1") is read_html
    assert registry.readers.get("dyads.txt.v1") is read_txt
    assert registry.readers.get("dyads.jsonl.v1") is read_jsonl
    assert registry.readers.get("dyads.csv.v1") is read_csv


def test_inputs_directory_is_walked_in_path_order_by_extension(tmp_path: Path) -> None:
    _write(tmp_path, "b.txt", "B text")
    _write(tmp_path, "a.jsonl", '{"text": "A1"}\n{"text": "A2"}\n')
    _write(tmp_path, "a/x.csv", "id,text\n1,X1\n")
    _write(tmp_path, "a/y.tsv", "text\tid\nY1\t2\n")
    _write(tmp_path, "c/d.json", '{"text": "D1"}\n')
    _write(tmp_path, "notes.md", "skipped: unknown extension")
    _write(tmp_path, ".hidden.txt", "skipped: hidden")
    items = list(read_inputs([tmp_path]))
    assert _texts(items) == ["X1", "Y1", "A1", "A2", "B text", "D1"]
    assert [item.origin for item in items] == [
        str(tmp_path / name)
        for name in ["a/x.csv", "a/y.tsv", "a.jsonl", "a.jsonl", "b.txt", "c/d.json"]
    ]


def test_inputs_paths_are_read_in_the_order_given(tmp_path: Path) -> None:
    first = _write(tmp_path, "z.txt", "Z text")
    second = _write(tmp_path, "a.txt", "A text")
    assert _texts(list(read_inputs([first, str(second)]))) == ["Z text", "A text"]


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("feed.dat", '{"text": "J1"}\n{"text": "J2"}\n', ["J1", "J2"]),
        ("export", "id,title,text\n1,t,C1\n", ["C1"]),
        ("export.out", "id\ttext\n1\tT1\n", ["T1"]),
        ("story", "Talks fail\nBody.", ["Talks fail\nBody."]),
    ],
)
def test_inputs_explicit_file_with_unknown_extension_is_sniffed(
    tmp_path: Path, name: str, content: str, expected: list[str]
) -> None:
    path = _write(tmp_path, name, content)
    assert _texts(list(read_inputs([path]))) == expected


@pytest.mark.parametrize(
    "format,name,content,expected",
    [
        ("txt", "a.jsonl", '{"text": "J1"}\n', ['{"text": "J1"}\n']),
        ("jsonl", "a.txt", '{"text": "J1"}\n', ["J1"]),
        ("csv", "a.txt", "text\nC1\n", ["C1"]),
        ("csv", "a.tsv", "text\tid\nT1\t1\n", ["T1"]),
    ],
)
def test_inputs_explicit_format_applies_to_every_file(
    tmp_path: Path, format: str, name: str, content: str, expected: list[str]
) -> None:
    path = _write(tmp_path, name, content)
    assert _texts(list(read_inputs([path], format=format))) == expected


def test_inputs_explicit_format_reads_every_file_of_a_directory(tmp_path: Path) -> None:
    _write(tmp_path, "one.story", "First story.")
    _write(tmp_path, "two", "Second story.")
    _write(tmp_path, ".DS_Store", "hidden")
    assert _texts(list(read_inputs([tmp_path], format="txt"))) == [
        "First story.",
        "Second story.",
    ]


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("list.json", '[{"text": "a"}]', "a JSON array, not JSON lines"),
        ("doc.json", '{\n  "text": "a"\n}\n', "one JSON document spread over several lines"),
        ("image.bin", b"\x89PNG\r\n\x1a\n\x00\x00", "looks binary"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "looks binary"),
        ("empty.txt", "", "empty file: no text to code"),
    ],
)
def test_inputs_unusable_file_is_one_reject(
    tmp_path: Path, name: str, content: str | bytes, reason: str
) -> None:
    path = _write(tmp_path, name, content)
    (reject,) = list(read_inputs([path]))
    assert isinstance(reject, Reject)
    assert (reject.origin, reject.record) == (str(path), None)
    assert reject.reason.startswith(reason)


def test_inputs_missing_path_raises_before_reading(tmp_path: Path) -> None:
    good = _write(tmp_path, "a.txt", "A text")
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(UsageError) as raised:
        read_inputs([good, missing])  # raises at the call, not on iteration
    assert str(raised.value) == f"{missing}: no such file or directory"


@pytest.mark.parametrize(
    "kwargs,match",
    [({"format": "xml"}, "unknown input format 'xml'"), ({"date": "someday"}, "not a date")],
)
def test_inputs_bad_arguments_raise(tmp_path: Path, kwargs: dict[str, str], match: str) -> None:
    good = _write(tmp_path, "a.txt", "A text")
    with pytest.raises(UsageError, match=match):
        read_inputs([good], **kwargs)


def test_inputs_date_and_source_arguments(tmp_path: Path) -> None:
    txt = _write(tmp_path, "a.txt", "A text")
    jsonl = _write(tmp_path, "b.jsonl", '{"text": "B", "date": "2020-05-01", "source": "AP"}\n')
    items = list(read_inputs([txt, jsonl], date="January 10, 2022", source="Reuters"))
    assert [(item.date, item.source) for item in items] == [
        ("2022-01-10", "Reuters"),
        ("2020-05-01", "AP"),
    ]


def test_inputs_single_path_string_is_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", "A text")
    assert _texts(list(read_inputs(str(path)))) == ["A text"]  # type: ignore[arg-type]


def test_inputs_are_lazy(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.jsonl", '{"text": "A1"}\nnot json\n')
    items = read_inputs([path])
    first = next(items)
    assert isinstance(first, Article)
    path.unlink()  # the generator already holds the open file and keeps reading it
    assert _texts(list(items)) == ["REJECT line 2: not valid JSON (Expecting value at column 1)"]


@pytest.mark.parametrize(
    "stdin,format,expected",
    [
        ('{"text": "J1"}\n\n{"text": "J2"}\n', "auto", [("J1", 1), ("J2", 3)]),
        ('  \n{"text": "J1"}\n', "auto", [("J1", 2)]),
        ("Talks fail\nBody.\n", "auto", [("Talks fail\nBody.\n", 1)]),
        ("id,text\n1,C1\n2,C2\n", "auto", [("C1", 1), ("C2", 2)]),
        ('{"text": "J1"}\n', "txt", [('{"text": "J1"}\n', 1)]),
        ("text\nC1\n", "csv", [("C1", 1)]),
        ('{"text": "J1"}\n', "jsonl", [("J1", 1)]),
    ],
)
def test_inputs_stdin_is_sniffed(
    monkeypatch: pytest.MonkeyPatch, stdin: str, format: str, expected: list[tuple[str, int]]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    items = list(read_inputs(["-"], format=format))
    assert all(isinstance(item, Article) for item in items)
    assert [(item.text, item.record) for item in items] == expected
    assert {item.origin for item in items} == {STDIN_ORIGIN}


def test_inputs_stdin_long_first_line_is_rejoined(monkeypatch: pytest.MonkeyPatch) -> None:
    # The first line is longer than the sniffed head, so it is split across the peek.
    text = "y" * 20_000
    lines = [json.dumps({"text": text}), json.dumps({"text": "second"})]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines)))
    assert _texts(list(read_inputs(["-"]))) == [text, "second"]


@pytest.mark.parametrize(
    "data,expected",
    [
        (
            b"\xef\xbb\xbfCaf\xe9 talks\nBody.",
            ["Caf\ufffd talks\nBody.", "REJECT record 1: 1 invalid"],
        ),
        (b'{"text": "Caf\xe9"}\n', ["Caf\ufffd", "REJECT record 1: 1 invalid UTF-8"]),
        (b"", ["REJECT empty file: no text to code"]),
        (b"\x00\x01\x02", ["REJECT looks binary (NUL bytes in the first 8 KB), not text"]),
    ],
)
def test_inputs_stdin_bytes_are_decoded_with_replacement(
    monkeypatch: pytest.MonkeyPatch, data: bytes, expected: list[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="ascii")  # strict: must not be used
    monkeypatch.setattr(sys, "stdin", stdin)
    found = _texts(list(read_inputs(["-"])))
    assert [text[: len(want)] for text, want in zip(found, expected, strict=True)] == expected
    assert not stdin.buffer.closed  # stdin stays usable


@pytest.mark.shared
def test_inputs_reads_the_allsides_corpus() -> None:
    if not ALLSIDES.exists():
        pytest.skip(f"shared corpus not found: {ALLSIDES}")
    items = list(itertools.islice(read_inputs([ALLSIDES.parent]), 50))
    assert len(items) == 50
    assert all(isinstance(item, Article) for item in items)
    articles = [item for item in items if isinstance(item, Article)]
    assert [item.record for item in articles] == list(range(1, 51))
    assert all(item.text.strip() and item.title and item.source for item in articles)
    assert all(item.date is None or len(item.date) == 10 for item in articles)
    assert len({item.id for item in articles}) == 50
