"""Tests for dyads.read.detect: choosing a reader by extension or by content."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from dyads.read.detect import (
    JSON_ARRAY_REASON,
    JSON_DOCUMENT_REASON,
    Detected,
    detect_file,
    sniff,
    suffix_of,
    walk_directory,
)


@pytest.mark.parametrize(
    "name,suffix",
    [
        ("a.txt", ".txt"),
        ("A.TXT", ".txt"),
        ("a.jsonl.gz", ".jsonl"),
        ("a.tar.gz", ".tar"),
        ("README", ""),
        ("dir.v2/notes", ""),
    ],
)
def test_detect_suffix_of(name: str, suffix: str) -> None:
    assert suffix_of(name) == suffix


@pytest.mark.parametrize(
    "name,content,expected",
    [
        # The extension wins over the content.
        ("a.txt", '{"text": "json in a txt file"}', Detected("txt")),
        ("a.text", "Plain.", Detected("txt")),
        ("a.jsonl", "Plain text.", Detected("jsonl")),
        ("a.ndjson", '{"text": "t"}', Detected("jsonl")),
        ("a.csv", "Plain text.", Detected("csv")),
        ("a.tsv", "text\tid", Detected("csv", "\t")),
        ("a.CSV", "text", Detected("csv")),
        # .json is JSON lines unless it is an array or a pretty-printed document.
        ("a.json", '{"text": "a"}\n{"text": "b"}\n', Detected("jsonl")),
        (
            "a.json",
            '[{"text": "a"},\n {"text": "b"}]',
            Detected("jsonl", problem=JSON_ARRAY_REASON),
        ),
        ("a.json", '{\n  "text": "a"\n}\n', Detected("jsonl", problem=JSON_DOCUMENT_REASON)),
        # Other extensions are sniffed.
        ("feed.dat", '{"text": "a"}\n', Detected("jsonl")),
        ("export.out", "id,title,text\n1,t,x\n", Detected("csv")),
        ("story", "Talks fail\nRussia and the US met.", Detected("txt")),
    ],
)
def test_detect_file_by_extension_then_content(
    tmp_path: Path, name: str, content: str, expected: Detected
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_file(path) == expected


@pytest.mark.parametrize(
    "name,data,expected",
    [
        ("news.jsonl.gz", gzip.compress(b'{"text": "a"}\n'), "jsonl"),
        ("news.gz", gzip.compress(b'{"text": "a"}\n'), "jsonl"),
        ("news.bin", gzip.compress(b"Talks fail\nBody."), "txt"),
    ],
)
def test_detect_file_looks_inside_gzip(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert detect_file(path).format == expected


def test_detect_file_binary_has_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    problem = detect_file(path).problem
    assert problem is not None
    assert "looks binary" in problem


@pytest.mark.parametrize(
    "head,expected",
    [
        ('{"text": "a"}\n', Detected("jsonl")),
        ('\ufeff \n\n  {"text": "a"}\n', Detected("jsonl")),
        ("id,date,text\n1,2022-01-10,hello\n", Detected("csv")),
        ('"ID","Title","Body"\r\n', Detected("csv")),
        ("id\ttext\n1\thello\n", Detected("csv", "\t")),
        ("\ufefftitle,content\n", Detected("csv")),
        ("id,date,url\n1,2,3\n", Detected("txt")),  # no text column: not an article table
        ("Russia, Ukraine and the text of the treaty\nBody.", Detected("txt")),
        ("[Reuters] Moscow said on Monday...", Detected("txt")),
        ("Talks fail\nRussia and the US met.", Detected("txt")),
        ("", Detected("txt")),
        ('[\n  {"text": "a"}\n]', Detected("jsonl", problem=JSON_ARRAY_REASON)),
        ('{\n  "text": "a"\n}', Detected("jsonl", problem=JSON_DOCUMENT_REASON)),
    ],
)
def test_detect_sniff(head: str, expected: Detected) -> None:
    assert sniff(head) == expected


def test_detect_sniff_binary() -> None:
    problem = sniff("PK\x03\x04\x00\x00").problem
    assert problem is not None
    assert "looks binary" in problem


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in [
        "b.txt",
        "a.jsonl",
        "a/x.csv",
        "a/y/z.txt",
        "a.txt",
        "notes.md",
        "README",
        ".hidden.txt",
        ".git/config.txt",
        "c/d.TSV",
        "c/e.json.gz",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "every_file,expected",
    [
        (False, ["a/x.csv", "a/y/z.txt", "a.jsonl", "a.txt", "b.txt", "c/d.TSV", "c/e.json.gz"]),
        (
            True,
            [
                "README",
                "a/x.csv",
                "a/y/z.txt",
                "a.jsonl",
                "a.txt",
                "b.txt",
                "c/d.TSV",
                "c/e.json.gz",
                "notes.md",
            ],
        ),
    ],
)
def test_detect_walk_directory_order_and_filters(
    tree: Path, every_file: bool, expected: list[str]
) -> None:
    found = [
        path.relative_to(tree).as_posix() for path in walk_directory(tree, every_file=every_file)
    ]
    assert found == expected
