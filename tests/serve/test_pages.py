"""HTML pages: rendering, JSON twins, escaping of untrusted text and links between pages."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from dyads.serve.pages import paragraphs, split_trigger, web_url

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

PAGES = [
    "/",
    "/events",
    "/dyad?a=USA&b=RUS",
    "/dyad?a=USA&b=RUS&by=month",
    "/articles/art1",
    "/quotes",
    "/quotes?code=RUSGOV&name=Sergei+Ryabkov",
    "/positions",
    "/positions?actor=RUS&issue=arms_control",
]


class _Links(HTMLParser):
    """Collect the ``href`` of every ``<a>`` and the attributes of every ``<script>``."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)
        if tag == "script":
            self.scripts.append(dict(attrs))


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


@pytest.mark.parametrize(
    "path",
    ["/articles/art1", "/events", "/", "/dyad?a=USA&b=RUS", "/quotes"],
)
def test_pages_escape_untrusted_text(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert "&lt;script&gt;" in html
    assert "<script>alert" not in html
    parser = _Links()
    parser.feed(html)
    # The only scripts are ours: local files and never-executed JSON data blocks.
    assert html.lower().count("<script") == len(parser.scripts)
    for attrs in parser.scripts:
        assert (attrs.get("src") or "").startswith("/static/") or attrs.get(
            "type"
        ) == "application/json", attrs


@pytest.mark.parametrize("path", PAGES)
def test_pages_forbid_inline_scripts(client: TestClient, path: str) -> None:
    policy = client.get(path).headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


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
    assert any(href.startswith("/articles/art2#") for href in _links(html))


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
        ("/events?a=USA", 400),  # a dyad needs both actors
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


# --- dashboard pages -----------------------------------------------------------------------


def _chart(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="dyad-chart">(.*?)</script>', html, re.S)
    assert found, "no chart data on the dyad page"
    assert "<" not in found.group(1)  # tojson escapes <, so article text cannot end the block
    return json.loads(found.group(1))


def test_pages_dyad_chart_data_is_the_api_timeline(client: TestClient) -> None:
    html = client.get("/dyad", params={"a": "USA", "b": "RUS"}).text
    chart = _chart(html)
    api = client.get("/api/dyad", params={"a": "USA", "b": "RUS"}).json()
    assert chart["timeline"]["periods"] == [row["period"] for row in api["timeline"]]
    assert chart["timeline"]["quad"]["3"] == [row["quad"]["3"] for row in api["timeline"]]
    assert chart["timeline"]["events"] == [1 + 1, 1]  # week of 03-04: two events; 03-11: one
    issue = chart["distance"]["issues"][0]
    assert issue["label"] == "Arms control" and issue["periods"] == ["2024-03-04", "2024-03-11"]
    assert issue["carried"] == [False, True]  # USA's week-10 stance carried into week 11
    assert issue["fresh"] == [True, True]  # ... while RUS spoke that week


def test_pages_dyad_lists_evidence_by_period(client: TestClient) -> None:
    html = client.get("/dyad", params={"a": "USA", "b": "RUS"}).text
    first = html[html.index('id="p-2024-03-04"') : html.index('id="p-2024-03-11"')]
    assert 'id="e-art1-e1"' in first and 'id="e-art1-e2"' in first
    assert "art2-e1" not in first
    second = html[html.index('id="p-2024-03-11"') :]
    assert 'id="e-art2-e1"' in second and "Russia rejected the American proposal" in second
    assert 'href="#p-2024-03-04"' in html  # the timeline table links to the same anchors


def test_pages_dyad_issue_table_has_verdict_and_trend(client: TestClient) -> None:
    html = client.get("/dyad", params={"a": "USA", "b": "RUS"}).text
    table = html[html.index('<table class="issues">') :]
    table = table[: table.index("</table>")]
    assert "poles apart" in table  # |0.8 - (-0.75)| = 1.55 >= 1.5
    assert "+0.80" in table and "-0.75" in table and "1.55" in table
    assert "t-converging" in table or "t-diverging" in table or "t-flat" in table


def test_pages_dyad_loads_plotly_from_this_server(client: TestClient) -> None:
    html = client.get("/dyad", params={"a": "USA", "b": "RUS"}).text
    parser = _Links()
    parser.feed(html)
    sources = [attrs["src"] for attrs in parser.scripts if attrs.get("src")]
    assert any(src.startswith("/static/plotly.min.js?v=") for src in sources)
    assert "/static/dashboard.js" in sources
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # no CDN, no remote asset
    for src in sources:
        assert client.get(src).status_code == 200


def test_pages_serve_plotly_with_long_cache(client: TestClient) -> None:
    response = client.get("/static/plotly.min.js", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["content-encoding"] == "gzip"
    assert "immutable" in response.headers["cache-control"]
    assert response.content.startswith(b"/**") and b"plotly.js" in response.content[:400]
    plain = client.get("/static/plotly.min.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == response.content


def test_pages_overview_features_the_busiest_country_dyad(client: TestClient) -> None:
    html = client.get("/").text
    featured = html[html.index('class="featured"') : html.index("</section>")]
    links = [href for href in _links(featured) if href.startswith("/dyad?")]
    assert links and all(("a=RUS" in h and "b=USA" in h) for h in links)  # RUS started 2 of 3


def test_pages_quotes_by_speaker(client: TestClient) -> None:
    everyone = client.get("/quotes").text
    assert "/quotes?code=RUSGOV&amp;name=Sergei+Ryabkov" in everyone
    assert "talks were possible" in everyone
    one = client.get("/quotes", params={"code": "RUSGOV", "name": "Sergei Ryabkov"}).text
    assert "We see no basis for talks" in one
    assert "talks were possible" not in one
    nobody = client.get("/quotes", params={"code": "", "name": ""}).text
    assert "talks were possible" in nobody and "We see no basis for talks" not in nobody


def test_pages_positions_matrix_colours_cells_by_stance(client: TestClient) -> None:
    html = client.get("/positions").text
    cells = dict(re.findall(r'<td class="cell (st-?\d)[^"]*">\s*<a href="([^"]+)"', html))
    by_link = {link: css for css, link in cells.items()}
    assert by_link["/positions?actor=USA&amp;issue=arms_control"] == "st3"  # +0.8
    assert by_link["/positions?actor=RUS&amp;issue=arms_control"] == "st-3"  # mean -0.75


def test_pages_positions_cell_lists_its_claims(client: TestClient) -> None:
    html = client.get("/positions", params={"actor": "RUS", "issue": "arms_control"}).text
    claims = html[html.index('id="claims"') :]
    assert "We see no basis for talks" in claims
    assert "Russia rejected the American proposal" in claims
    assert "The United States proposed talks" not in claims


def test_pages_article_marks_records_in_escaped_text(client: TestClient) -> None:
    html = client.get("/articles/art1").text
    text = html[html.index('<div class="text">') :]
    text = text[: text.index("</div>")]
    assert '<span class="anchor" id="t-art1-e1"></span>' in text
    assert 'href="#e-art1-e1"' in text and 'href="#q-art1-q1"' in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script" not in text


def test_pages_dyad_period_links_to_its_events(client: TestClient) -> None:
    html = client.get("/dyad", params={"a": "USA", "b": "RUS"}).text
    link = "/events?a=USA&amp;b=RUS&amp;since=2024-03-04&amp;until=2024-03-10"
    assert link in html
    events = client.get(link.replace("&amp;", "&")).text
    assert 'id="e-art1-e1"' in events and 'id="e-art1-e2"' in events
    assert "art2-e1" not in events
