"""The HTML reader: scripts, styles and boilerplate are dropped (``dyads.read.html``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import SHARED

from dyads.read import read_inputs
from dyads.read.detect import detect_file
from dyads.read.html import html_to_text, looks_like_html, read_html
from dyads.records import Article, Reject

PAGES = SHARED / "corpora" / "news_html_pages"
PROSE = "NATO criticised Russia for the troop build-up near the border of Ukraine. "

PAGE = f"""<!DOCTYPE html><html><head><title>Talks fail</title>
<style>body {{ color: red }}</style><script>var stolen = document.cookie;</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<h1>Talks in Geneva fail</h1><p>{PROSE * 4}</p><p>{PROSE * 3}</p>
<script type="text/javascript">if (a < b) {{ alert("</p>"); }}</script>
<p>Short byline</p><footer>Copyright 2022</footer></body></html>"""


def test_scripts_styles_and_boilerplate_are_dropped() -> None:
    title, text = html_to_text(PAGE)
    assert title == "Talks fail"
    assert text.startswith("Talks in Geneva fail\n\nNATO criticised")
    for junk in ("stolen", "color", "alert", "Home", "Copyright", "byline"):
        assert junk not in text


def test_page_without_paragraphs_keeps_every_block() -> None:
    _, text = html_to_text("<html><body><div>Russia &amp; Ukraine</div><td>talk</td></body>")
    assert text == "Russia & Ukraine\n\ntalk"


@pytest.mark.parametrize(
    "head,expected",
    [
        ("<!doctype html><p>x", True),
        ("\ufeff  <!-- saved --> <HTML lang=en>", True),
        ("<html>", True),
        ("The <html> tag is old.", False),
        ('{"text": "<html>"}', False),
    ],
)
def test_looks_like_html(head: str, expected: bool) -> None:
    assert looks_like_html(head) is expected


def test_html_in_a_txt_file_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"  # saved pages often carry .txt (the Goose pages do)
    path.write_text(PAGE, encoding="utf-8")
    article, note = list(read_inputs([path]))
    assert isinstance(article, Article) and "stolen" not in article.text
    assert isinstance(note, Reject) and note.reason.startswith("HTML page: markup, scripts")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    assert detect_file(tmp_path / "page.html").format == "html"
    assert next(read_html(tmp_path / "page.html")) == Article(
        **{**article.to_dict(), "origin": str(tmp_path / "page.html")}
    )


def test_page_with_only_scripts_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><script>var a = 1;</script></html>", encoding="utf-8")
    assert list(read_html(path)) == [
        Reject(str(path), None, "HTML page without text (only markup or scripts)")
    ]


@pytest.mark.shared
def test_news_pages_give_article_text_without_scripts() -> None:
    if not PAGES.is_dir():
        pytest.skip(f"shared corpus not found: {PAGES}")
    for path in sorted(PAGES.glob("*[0-9].txt")):
        title, text = html_to_text(path.read_text(encoding="utf-8", errors="replace"))
        assert title, path
        assert len(text) > 1000, path
        assert "function(" not in text.replace(" ", "") and "<script" not in text, path
    _, text = html_to_text((PAGES / "cnn1.txt").read_text(encoding="utf-8", errors="replace"))
    assert "Democrats pledged Friday" in text
