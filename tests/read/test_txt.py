"""Tests for dyads.read.txt: one plain-text file is one article."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from dyads.errors import UsageError
from dyads.read.txt import date_from_name, guess_title, read_txt
from dyads.records import Article, Reject

SEED = "U.S., Russia still poles apart\n\nRussia and the United States met in Geneva.\n"


def _write(tmp_path: Path, data: bytes | str, name: str = "story.txt") -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("text", [SEED])
def test_txt_reads_one_article(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, text)
    (article,) = list(read_txt(path, date="2022-01-10", source="Reuters"))
    assert isinstance(article, Article)
    assert article.text == text
    assert article.title == "U.S., Russia still poles apart"
    assert article.date == "2022-01-10"
    assert article.source == "Reuters"
    assert article.url is None
    assert article.origin == str(path)
    assert article.record is None


@pytest.mark.parametrize("text", [SEED])
def test_txt_id_is_a_stable_content_hash(tmp_path: Path, text: str) -> None:
    first = _write(tmp_path, text, "a.txt")
    second = _write(tmp_path, text, "b.txt")
    ids = {item.id for path in (first, second, first) for item in read_txt(path)}
    expected = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]
    assert ids == {expected}


@pytest.mark.parametrize(
    "text,title",
    [
        ("Talks fail in Geneva\nRussia and the US met.", "Talks fail in Geneva"),
        ("\n\n  Talks fail in Geneva  \n\nBody.", "Talks fail in Geneva"),
        ("Will Russia invade?\nBody.", "Will Russia invade?"),
        ("Russia and the US met in Geneva.\nMore text.", None),
        ("x" * 199 + "\nBody.", "x" * 199),
        ("x" * 200 + "\nBody.", None),
        ("Only one line without a period", None),
        ("Only one line\n\n   \n", None),
    ],
)
def test_txt_title_is_a_headline_like_first_line(text: str, title: str | None) -> None:
    assert guess_title(text) == title


@pytest.mark.parametrize(
    "data,text",
    [
        (b"Title\r\nBody one.\r\nBody two.\r\n", "Title\nBody one.\nBody two.\n"),
        (b"Title\rBody.\r", "Title\nBody.\n"),
        (b"\xef\xbb\xbfTitle\nBody.", "Title\nBody."),
        ("\ufeffTitle\nBody.".encode("utf-16"), "Title\nBody."),
    ],
)
def test_txt_normalises_newlines_and_bom(tmp_path: Path, data: bytes, text: str) -> None:
    (article,) = list(read_txt(_write(tmp_path, data)))
    assert isinstance(article, Article)
    assert article.text == text
    assert article.title == "Title"


@pytest.mark.parametrize("data", [b"Caf\xe9 talks\nThe caf\xe9 closed \xff\xfe."])
def test_txt_invalid_utf8_is_replaced_not_rejected(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, data)
    article, note = list(read_txt(path))
    assert isinstance(article, Article)
    assert note == Reject(
        str(path),
        None,
        "4 invalid UTF-8 byte sequence(s) replaced by U+FFFD; the article was coded with them",
    )
    assert article.text == "Caf\ufffd talks\nThe caf\ufffd closed \ufffd\ufffd."
    assert article.title == "Caf\ufffd talks"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf\n"])
def test_txt_empty_file_is_rejected(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, data)
    assert list(read_txt(path)) == [Reject(str(path), None, "empty file: no text to code")]


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"text" * 100 + b"\x00"])
def test_txt_binary_file_is_rejected(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, data, "image.txt")
    (reject,) = list(read_txt(path))
    assert isinstance(reject, Reject)
    assert reject.origin == str(path)
    assert reject.record is None
    assert "looks binary" in reject.reason


@pytest.mark.parametrize("text", [SEED])
def test_txt_reads_gzip(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, gzip.compress(text.encode("utf-8")), "story.txt.gz")
    (article,) = list(read_txt(path))
    assert isinstance(article, Article)
    assert article.text == text


@pytest.mark.parametrize(
    "date,expected",
    [("2022-01-10", "2022-01-10"), ("January 10, 2022", "2022-01-10"), (None, None)],
)
def test_txt_date_argument_is_normalised(tmp_path: Path, date: str | None, expected: str) -> None:
    (article,) = list(read_txt(_write(tmp_path, SEED), date=date))
    assert isinstance(article, Article)
    assert article.date == expected


@pytest.mark.parametrize("date", ["yesterday", "not a date", "2022-13-45"])
def test_txt_bad_date_argument_raises(tmp_path: Path, date: str) -> None:
    with pytest.raises(UsageError, match="is not a date"):
        list(read_txt(_write(tmp_path, SEED), date=date))


def test_txt_unreadable_file_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, gzip.compress(SEED.encode("utf-8"))[:-12], "cut.txt.gz")
    (reject,) = list(read_txt(path))
    assert isinstance(reject, Reject)
    assert reject.reason.startswith("cannot read the file (")


@pytest.mark.parametrize(
    "name,expected",
    [
        ("geneva-talks-2022-01-10.txt", "2022-01-10"),
        ("2021-12-31_story.txt.gz", "2021-12-31"),
        ("story.txt", None),
        ("scan-20220110.txt", None),  # no dashes: not read as a date
        ("report-2022-13-45.txt", None),  # not a calendar day
        ("id12022-01-10.txt", None),  # part of a longer run of digits
    ],
)
def test_txt_date_from_file_name(name: str, expected: str | None) -> None:
    assert date_from_name(name) == expected


@pytest.mark.parametrize("name", ["geneva-talks-2022-01-10.txt"])
def test_txt_file_name_dates_the_article_without_date_argument(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, SEED, name)
    (article,) = list(read_txt(path))
    assert isinstance(article, Article)
    assert article.date == "2022-01-10"
    # an explicit date wins over the file name
    (article,) = list(read_txt(path, date="2022-02-01"))
    assert isinstance(article, Article)
    assert article.date == "2022-02-01"


def test_txt_stdin_has_no_file_name_date() -> None:
    assert date_from_name("-") is None
