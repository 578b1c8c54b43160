"""Tests for dyads.read.jsonl: one JSON object per line, streamed."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from dyads.read.jsonl import read_jsonl
from dyads.records import Article, Reject

GOOD = {
    "id": "a1",
    "date": "2022-01-10",
    "source": "Reuters",
    "url": "https://example.org/a1",
    "title": "Talks in Geneva",
    "text": "Russia and the United States met in Geneva.",
}


def _write_lines(tmp_path: Path, lines: list[str], name: str = "news.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _read_one(tmp_path: Path, record: dict[str, Any], **kwargs: Any) -> Article | Reject:
    path = _write_lines(tmp_path, [json.dumps(record)])
    (item,) = list(read_jsonl(path, **kwargs))
    return item


@pytest.mark.parametrize("record", [GOOD])
def test_jsonl_reads_all_fields(tmp_path: Path, record: dict[str, Any]) -> None:
    path = _write_lines(tmp_path, [json.dumps(record)])
    assert list(read_jsonl(path)) == [
        Article(
            id="a1",
            text="Russia and the United States met in Geneva.",
            date="2022-01-10",
            source="Reuters",
            url="https://example.org/a1",
            title="Talks in Geneva",
            origin=str(path),
            record=1,
        )
    ]


@pytest.mark.parametrize(
    "line,reason",
    [
        ('{"text": "a", }', "not valid JSON (Expecting property name enclosed in double quotes"),
        ('{"text": "a" "b"}', "not valid JSON (Expecting ',' delimiter at column 14)"),
        ("not json", "not valid JSON (Expecting value at column 1)"),
        ('{"title": "t", "url": "u"}', "no 'text' field (found keys: title, url)"),
        ("{}", "no 'text' field (found keys: none)"),
        ('{"text": "   \\n "}', "'text' is empty"),
        ('{"body": ""}', "'body' is empty"),
        ('{"text": 5}', "'text' is a number, expected a string"),
        ('{"text": null}', "'text' is null, expected a string"),
        ('{"text": ["a", "b"]}', "'text' is an array, expected a string"),
        ("[1, 2]", "expected a JSON object per line, found an array"),
        ('"just a string"', "expected a JSON object per line, found a string"),
    ],
)
def test_jsonl_bad_line_is_rejected_with_line_number(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = _write_lines(tmp_path, [json.dumps(GOOD), "", line, json.dumps(GOOD)])
    items = list(read_jsonl(path))
    assert [type(item) for item in items] == [Article, Reject, Article]
    reject = items[1]
    assert isinstance(reject, Reject)
    assert (reject.origin, reject.record) == (str(path), 3)
    assert reject.reason.startswith(f"line 3: {reason}")
    assert [items[0].record, items[2].record] == [1, 4]


@pytest.mark.parametrize(
    "record,field,value",
    [
        ({"body": "Body text."}, "text", "Body text."),
        ({"content": "Content text."}, "text", "Content text."),
        ({"Text": "Capital key."}, "text", "Capital key."),
        ({"text": None, "body": "Fallback."}, "text", "Fallback."),
        ({"text": "a\r\nb\rc"}, "text", "a\nb\nc"),
        ({"text": "t", "published": "2022-01-10"}, "date", "2022-01-10"),
        ({"text": "t", "publish_date": "2022-01-10"}, "date", "2022-01-10"),
        ({"text": "t", "date": "", "date_iso": "2022-01-10"}, "date", "2022-01-10"),
        ({"text": "t", "headline": "Head"}, "title", "Head"),
        ({"text": "t", "id": 42}, "id", "42"),
        ({"text": "t", "id": "  "}, "id", Article.make_id("t")),
        ({"text": "t", "source": "  AP "}, "source", "AP"),
    ],
)
def test_jsonl_field_names_and_synonyms(
    tmp_path: Path, record: dict[str, Any], field: str, value: str
) -> None:
    article = _read_one(tmp_path, record)
    assert isinstance(article, Article)
    assert getattr(article, field) == value


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2022-01-10", "2022-01-10"),
        ("2022-01-10T08:00:00Z", "2022-01-10"),
        ("2022-01-10T23:30:00-05:00", "2022-01-10"),
        ("2022-01-10 08:00", "2022-01-10"),
        ("January 10, 2022", "2022-01-10"),
        ("10 Jan 2022", "2022-01-10"),
        ("Mon, 10 Jan 2022 08:00:00 GMT", "2022-01-10"),
        ("January 2022", "2022-01-01"),
        ("yesterday", None),
        ("3 days ago", None),
        ("Monday", None),
        ("2022", None),
        ("2022-13-45", None),
        ("", None),
        (20220110, None),
    ],
)
@pytest.mark.parametrize("fallback", [None, "2021-12-31"])
def test_jsonl_date_is_normalised_or_falls_back(
    tmp_path: Path, value: object, expected: str | None, fallback: str | None
) -> None:
    article = _read_one(tmp_path, {"text": "t", "date": value}, date=fallback)
    assert isinstance(article, Article)
    assert article.date == (expected or fallback)


@pytest.mark.parametrize(
    "record,expected",
    [
        ({"text": "t"}, ("2021-12-31", "Argument Source")),
        ({"text": "t", "date": "2022-01-10"}, ("2022-01-10", "Argument Source")),
        ({"text": "t", "source": "AP"}, ("2021-12-31", "AP")),
        ({"text": "t", "date": "2022-01-10", "source": "AP"}, ("2022-01-10", "AP")),
    ],
)
def test_jsonl_arguments_fill_only_missing_metadata(
    tmp_path: Path, record: dict[str, Any], expected: tuple[str, str]
) -> None:
    article = _read_one(tmp_path, record, date="2021-12-31", source="Argument Source")
    assert isinstance(article, Article)
    assert (article.date, article.source) == expected


@pytest.mark.parametrize("text", ["Russia and the United States met in Geneva."])
def test_jsonl_id_without_id_field_is_stable(tmp_path: Path, text: str) -> None:
    path = _write_lines(tmp_path, [json.dumps({"text": text})] * 2)
    ids = {item.id for _ in range(2) for item in read_jsonl(path)}
    assert ids == {Article.make_id(text)}


@pytest.mark.parametrize("lines", [[], ["", "  ", ""]])
def test_jsonl_empty_file_is_rejected(tmp_path: Path, lines: list[str]) -> None:
    path = _write_lines(tmp_path, lines)
    assert list(read_jsonl(path)) == [Reject(str(path), None, "empty file: no JSON lines to read")]


@pytest.mark.parametrize(
    "data",
    [
        b'\xef\xbb\xbf{"text": "with BOM"}\r\n{"text": "crlf"}\r\n',
        b'{"text": "with BOM"}\n{"text": "crlf"}',
    ],
)
def test_jsonl_bom_and_crlf(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(data)
    assert [item.text for item in read_jsonl(path)] == ["with BOM", "crlf"]


def test_jsonl_invalid_utf8_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(b'{"text": "Caf\xe9 talks"}\n')
    article, note = list(read_jsonl(path))
    assert isinstance(article, Article)
    assert article.text == "Caf\ufffd talks"
    assert isinstance(note, Reject) and note.record == 1
    assert note.reason.startswith("record 1: 1 invalid UTF-8 byte sequence(s) replaced")


def test_jsonl_reads_gzip_and_rejects_truncation(tmp_path: Path) -> None:
    data = "".join(json.dumps({"text": f"article {n}"}) + "\n" for n in range(2000))
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(data.encode("utf-8")))
    assert sum(isinstance(item, Article) for item in read_jsonl(path)) == 2000
    path.write_bytes(gzip.compress(data.encode("utf-8"))[:-100])
    items = list(read_jsonl(path))
    assert all(isinstance(item, Article) for item in items[:-1])
    assert isinstance(items[-1], Reject)
    assert items[-1].reason.startswith("cannot read the file after record")


def test_jsonl_streams_without_reading_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": "x" * 1000, "date": "2022-01-10"}) + "\n"
    with path.open("w", encoding="utf-8") as out:
        for _ in range(20_000):  # about 20 MB
            out.write(line)
    records = read_jsonl(path)
    tracemalloc.start()
    try:
        first = next(records)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        records.close()
    assert isinstance(first, Article)
    assert first.record == 1
    assert peak < 2_000_000, f"reading one record allocated {peak} bytes"
