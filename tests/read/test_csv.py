"""Tests for dyads.read.csv: a header row, then one article per row, streamed."""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from dyads.read.csv import read_csv
from dyads.records import Article, Reject

HEADER = "ID,Date,Source,URL,Title,Text\n"


def _write(tmp_path: Path, content: str, name: str = "news.csv") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize(
    "content",
    [
        HEADER + 'a1,2022-01-10,Reuters,https://example.org/a1,Talks,"Russia met, the US."\n'
        "\n"
        'a2,,,,,"Two\nlines"\n',
    ],
)
def test_csv_reads_rows_with_case_insensitive_header(tmp_path: Path, content: str) -> None:
    path = _write(tmp_path, content)
    assert list(read_csv(path, source="Fallback")) == [
        Article(
            id="a1",
            text="Russia met, the US.",
            date="2022-01-10",
            source="Reuters",
            url="https://example.org/a1",
            title="Talks",
            origin=str(path),
            record=1,
        ),
        Article(id="a2", text="Two\nlines", source="Fallback", origin=str(path), record=2),
    ]


@pytest.mark.parametrize("content", ["title\ttext\nHead\tTab separated body.\n"])
def test_csv_tab_delimiter(tmp_path: Path, content: str) -> None:
    path = _write(tmp_path, content, "news.tsv")
    (article,) = list(read_csv(path, delimiter="\t"))
    assert isinstance(article, Article)
    assert (article.title, article.text) == ("Head", "Tab separated body.")


@pytest.mark.parametrize(
    "rows,reason",
    [
        ("a2,,,,,\n", "row 2 (line 5): 'text' is empty"),
        ("a2,,,,,   \n", "row 2 (line 5): 'text' is empty"),
        ("a2,2022-01-10,AP\n", "row 2 (line 5): 3 fields, the header has 6"),
        ("a2,,,,,text,surplus\n", "row 2 (line 5): 7 fields, the header has 6"),
    ],
)
def test_csv_bad_row_is_rejected_with_row_and_line(tmp_path: Path, rows: str, reason: str) -> None:
    # Row 1 spans lines 2-3 and a blank line 4 is skipped, so row 2 starts on line 5.
    path = _write(tmp_path, HEADER + 'a1,,,,,"first\nrow"\n\n' + rows + "a3,,,,,last\n")
    items = list(read_csv(path))
    assert [type(item) for item in items] == [Article, Reject, Article]
    reject = items[1]
    assert isinstance(reject, Reject)
    assert (reject.origin, reject.record) == (str(path), 2)
    assert reject.reason.startswith(reason)
    assert items[2].record == 3


@pytest.mark.parametrize("content", [HEADER + "a1,,,,,text,,\n"])
def test_csv_empty_surplus_fields_are_accepted(tmp_path: Path, content: str) -> None:
    (article,) = list(read_csv(_write(tmp_path, content)))
    assert isinstance(article, Article)
    assert article.text == "text"


@pytest.mark.parametrize(
    "content,reason",
    [
        (
            "id,title,url\n1,t,u\n",
            "no 'text' column in the CSV header (found columns: id, title, url)",
        ),
        ("", "empty file: no header row"),
        (HEADER, "no data rows: the file has only a header"),
        (HEADER + "\n\n", "no data rows: the file has only a header"),
    ],
)
def test_csv_file_level_problem_is_one_reject(tmp_path: Path, content: str, reason: str) -> None:
    path = _write(tmp_path, content)
    (reject,) = list(read_csv(path))
    assert isinstance(reject, Reject)
    assert (reject.origin, reject.record) == (str(path), None)
    assert reject.reason.startswith(reason)


@pytest.mark.parametrize(
    "header,row,field,value",
    [
        ("id,body", "1,Body text.", "text", "Body text."),
        ("id,CONTENT", "1,Content text.", "text", "Content text."),
        ("text,published", 't,"January 10, 2022"', "date", "2022-01-10"),
        ("text,date", "t,not a date", "date", "2021-12-31"),
        ("text,date", "t,", "date", "2021-12-31"),
        ("text,source", "t,", "source", "Argument Source"),
        ("text,source", "t,AP", "source", "AP"),
        ("text,id", "t,", "id", Article.make_id("t")),
        ("text,headline", "t,Head", "title", "Head"),
        ("\ufefftext,title", "t,Head", "title", "Head"),
    ],
)
def test_csv_columns_and_metadata_filling(
    tmp_path: Path, header: str, row: str, field: str, value: Any
) -> None:
    path = _write(tmp_path, f"{header}\n{row}\n")
    (article,) = list(read_csv(path, date="2021-12-31", source="Argument Source"))
    assert isinstance(article, Article)
    assert getattr(article, field) == value


def test_csv_reads_fields_larger_than_the_default_limit(tmp_path: Path) -> None:
    text = "word " * 100_000  # 500,000 characters; the csv module's default limit is 131,072
    *parts, note = list(read_csv(_write(tmp_path, f'id,text\n1,"{text}"\n')))
    assert all(isinstance(part, Article) for part in parts)
    assert " ".join(part.text for part in parts) == text.strip()  # read whole, then split
    assert isinstance(note, Reject) and "split into" in note.reason


def test_csv_invalid_utf8_is_noted(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_bytes(b"text\nCaf\xe9 talks\n")
    article, note = list(read_csv(path))
    assert isinstance(article, Article) and isinstance(note, Reject)
    assert (note.origin, note.record) == (str(path), 1)
    assert "invalid UTF-8" in note.reason


def test_csv_invalid_utf8_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_bytes(b"text\nCaf\xe9 talks\n")
    article = next(read_csv(path))
    assert isinstance(article, Article)
    assert article.text == "Caf\ufffd talks"


def test_csv_streams_without_reading_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("id,text\n")
        for number in range(20_000):  # about 20 MB
            out.write(f'{number},"{"x" * 1000}"\n')
    records = read_csv(path)
    tracemalloc.start()
    try:
        first = next(records)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        records.close()
    assert isinstance(first, Article)
    assert (first.id, first.record) == ("0", 1)
    assert peak < 2_000_000, f"reading one row allocated {peak} bytes"


def test_csv_bad_quoting_rejects_the_row_not_the_rest(tmp_path: Path) -> None:
    path = _write(tmp_path, 'id,text\n1,"stray" quote\n2,ok\n3,"open\n4,swallowed\n')
    items = list(read_csv(path))
    assert [type(item).__name__ for item in items] == ["Reject", "Article", "Reject"]
    assert items[0].reason.startswith("row 1 (line 2): not valid CSV")
    assert items[0].reason.endswith("row skipped")
    assert items[2].record == 3 and "runs to the end of the file" in items[2].reason
