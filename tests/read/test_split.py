"""Splitting over-long articles and noting repaired text (``dyads.read.split``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyads.pipeline import MAX_CHARS
from dyads.read import read_inputs
from dyads.read.split import PART_CHARS, refine, split_text
from dyads.records import Article, Reject


def _squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_part_size_fits_the_pipeline_cap() -> None:
    assert PART_CHARS <= MAX_CHARS  # a part is never cut again by code_doc


@pytest.mark.parametrize(
    "text,limit,parts",
    [
        ("One. Two.\n\nThree four.", 100, ["One. Two.\n\nThree four."]),
        ("One two.\n\nThree four.", 12, ["One two.", "Three four."]),  # paragraph break
        ("Aa bb. Cc dd. Ee ff.", 14, ["Aa bb. Cc dd.", "Ee ff."]),  # sentence end
        ("aaaa bbbb cccc", 8, ["aaaa", "bbbb", "cccc"]),  # spaces
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # one giant word: a hard cut
        ("  \n\n  ", 3, []),
    ],
)
def test_split_text_cuts_at_the_best_boundary(text: str, limit: int, parts: list[str]) -> None:
    assert split_text(text, limit) == parts


def test_long_article_becomes_parts_with_stable_ids_and_a_note(tmp_path: Path) -> None:
    paragraph = "Russian officials met American diplomats in Geneva on Monday. " * 40
    text = "\n\n".join([paragraph.strip()] * 122)  # 302,800 characters: 4 parts
    path = tmp_path / "long.txt"
    path.write_text("Headline\n" + text, encoding="utf-8")
    items = list(read_inputs([path]))
    parts = [item for item in items if isinstance(item, Article)]
    (note,) = [item for item in items if isinstance(item, Reject)]
    assert len(parts) == 4 and all(len(p.text) <= PART_CHARS for p in parts)
    assert _squeeze("".join(p.text for p in parts)) == _squeeze("Headline\n" + text)
    base = Article.make_id("Headline\n" + text)
    assert [p.id for p in parts] == [f"{base}-part{n}" for n in range(1, 5)]
    assert parts[1].title == "Headline (part 2 of 4)"
    assert note.origin == str(path) and "split into 4 parts" in note.reason
    assert [p.id for p in read_inputs([path]) if isinstance(p, Article)] == [p.id for p in parts]


def test_refine_passes_rejects_and_short_articles_through() -> None:
    reject = Reject("a.jsonl", 3, "line 3: not valid JSON")
    article = Article(id="x", text="Short text.", origin="a.jsonl", record=4)
    assert list(refine(reject)) == [reject]
    assert list(refine(article)) == [article]
