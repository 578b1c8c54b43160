"""HTML pages: rendering, JSON twins, escaping of untrusted text and links between pages."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from dyads.serve.pages import paragraphs, split_trigger, web_url

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

PAGES = ["/", "/events", "/dyad?a=USA&b=RUS", "/dyad?a=USA&b=RUS&by=month", "/articles/art1"]


class _Links(HTMLParser):
    """Collect the ``href`` of every ``<a>`` in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_html(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.lstrip().startswith("<!DOCTYPE html>")
    assert '<link rel="stylesheet" href="/static/style.css">' in response.text


@pytest.mark.parametrize("path", PAGES)
def test_pages_link_to_their_json_twin(client: TestClient, path: str) -> None:
    link = client.get(path).headers["link"]
    assert link.endswith('>; rel="alternate"; type="application/json"')
    twin = link[1 : link.index(">")]
    assert twin.startswith("/api/")
    response = client.get(twin)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")


def test_pages_events_twin_keeps_filters(client: TestClient) -> None:
    link = client.get("/events", params={"actor": "RUS", "limit": "5"}).headers["link"]
    assert link.startswith("</api/events?actor=RUS&limit=5>")


@pytest.mark.parametrize("path", ["/articles/art1", "/events", "/"])
def test_pages_escape_untrusted_text(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert "&lt;script&gt;" in html
    assert "<script>alert" not in html
    assert "<script" not in html.lower()


def test_pages_article_does_not_link_javascript_url(client: TestClient) -> None:
    html = client.get("/articles/art1").text
    assert not any(href.lower().startswith("javascript:") for href in _links(html))
    other = client.get("/articles/art2").text
    assert "https://example.org/news/2" in _links(other)


def test_pages_article_shows_paragraphs_events_and_quotes(client: TestClient) -> None:
    html = client.get("/articles/art1").text
    assert html.count("<p>") >= 3
    assert "<mark>proposed</mark>" in html
    assert "We see no basis for talks" in html and "Sergei Ryabkov" in html


def test_pages_events_show_trigger_and_evidence(client: TestClient) -> None:
    html = client.get("/events").text
    for text in ("<mark>accused</mark>", "lexicon:112/accuse", "dyads.embedding.v1", "CONSULT"):
        assert text in html
    assert "/articles/art2" in _links(html)


def test_pages_overview_links_to_dyad_page(client: TestClient) -> None:
    dyad_links = [href for href in _links(client.get("/").text) if href.startswith("/dyad?")]
    assert dyad_links
    response = client.get(dyad_links[0])
    assert response.status_code == 200
    assert "Timeline" in response.text and "<svg" in response.text


def test_pages_dyad_shows_timeline_and_distance(client: TestClient) -> None:
    html = client.get("/dyad", params={"a": "USA", "b": "RUS", "by": "week"}).text
    for text in ("2024-03-04", "2024-03-11", "Arms control", "-0.75", "1.55", "quad3"):
        assert text in html
    assert html.count("<mark>") == 3  # the three events, each with its trigger marked


@pytest.mark.parametrize(
    "path,status",
    [
        ("/articles/nope", 404),
        ("/no-such-page", 404),
        ("/events?limit=0", 422),
        ("/events?since=yesterday", 422),
        ("/dyad?a=USA", 422),
        ("/dyad?a=USA&b=RUS&by=fortnight", 400),
        ("/events?actor=%20", 400),
    ],
)
def test_pages_errors_are_html(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert 'class="error"' in response.text


def test_pages_serve_stylesheet(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")


@pytest.mark.parametrize(
    "sentence,trigger,expected",
    [
        ("Moscow accused Washington.", "accused", ("Moscow ", "accused", " Washington.")),
        ("Moscow Accused Washington.", "accused", ("Moscow ", "Accused", " Washington.")),
        ("Moscow accused Washington.", "rejected", ("Moscow accused Washington.", "", "")),
        ("a (b) c", "(b)", ("a ", "(b)", " c")),
        (None, None, ("", "", "")),
    ],
)
def test_pages_split_trigger(
    sentence: str | None, trigger: str | None, expected: tuple[str, str, str]
) -> None:
    assert split_trigger(sentence, trigger) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("One.\n\nTwo.\n\n\nThree.", ["One.", "Two.", "Three."]),
        ("One.\nTwo.", ["One.", "Two."]),
        ("One line\nwrapped.\n\nTwo.", ["One line\nwrapped.", "Two."]),
        ("", []),
        (None, []),
    ],
)
def test_pages_paragraphs(text: str | None, expected: list[str]) -> None:
    assert paragraphs(text) == expected


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org/a", "http://example.org/a"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,hi", None),
        (None, None),
    ],
)
def test_pages_web_url(url: str | None, expected: str | None) -> None:
    assert web_url(url) == expected
