"""End-to-end dashboard tests in headless Chromium (Debian's ``chromium`` via Playwright).

The database is coded by the real pipeline from the bundled demo corpus plus one hostile
article whose title, text and quote carry ``<script>`` and ``<img onerror>`` markup. The
app runs under uvicorn on a free loopback port in a background thread; the browser is
the system Chromium (``executable_path``), so nothing is downloaded. Skipped when
Chromium or Playwright is missing; ``make test`` installs Chromium first.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed"),
]

XSS_ID = "hostile-article"
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=2">'
XSS_ARTICLE = {
    "id": XSS_ID,
    "date": "2022-01-18",
    "source": "hostile wire",
    "url": "javascript:window.__xss=4",
    "title": "Moscow accuses Washington <script>window.__xss=3</script>",
    "text": (
        "Russia accused the United States of staging provocations near its border on "
        f"Tuesday. {XSS_SCRIPT}\n"
        f'"We reject these claims {XSS_IMG} entirely," Russian Deputy Foreign Minister '
        "Sergei Ryabkov told reporters in Moscow."
    ),
}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus plus the hostile article, coded by the real pipeline."""
    from dyads.cli.code import code

    folder = tmp_path_factory.mktemp("browser")
    corpus = folder / "articles.jsonl"
    demo = resources.files("dyads") / "data" / "demo" / "articles.jsonl"
    lines = demo.read_text(encoding="utf-8").strip().splitlines()
    corpus.write_text("\n".join([*lines, json.dumps(XSS_ARTICLE)]) + "\n", encoding="utf-8")
    db = folder / "browser.duckdb"
    code([str(corpus)], db=db, format="jsonl", show_progress=False)
    return db


@pytest.fixture(scope="module")
def base_url(coded_db: Path) -> Iterator[str]:
    """The app under uvicorn on a free loopback port, in a background thread."""
    import uvicorn

    from dyads.serve import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(coded_db), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def context() -> Iterator[Any]:
    """One browser context for the module, so plotly.js (cached a year) loads once."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        shared = chromium.new_context(viewport={"width": 1400, "height": 1000})
        yield shared
        shared.close()
        chromium.close()


class Page:
    """A fresh browser page that records console errors and uncaught exceptions."""

    def __init__(self, context: Any, base_url: str) -> None:
        self.page = context.new_page()
        self.base_url = base_url
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _console(self, msg: Any) -> None:
        if msg.type == "error":
            self.errors.append(f"console: {msg.text}")

    def open(self, path: str) -> Any:
        response = self.page.goto(self.base_url + path, wait_until="load")
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return self.page


@pytest.fixture
def tab(context: Any, base_url: str) -> Iterator[Page]:
    page = Page(context, base_url)
    yield page
    page.page.close()


def _dyad(base_url: str) -> dict[str, Any]:
    import httpx

    return httpx.get(f"{base_url}/api/dyad", params={"a": "USA", "b": "RUS"}).json()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/events",
        "/dyad?a=USA&b=RUS&by=week",
        "/dyad?a=USA&b=RUS&by=month",
        "/quotes",
        "/quotes?code=RUSGOV&name=Sergei+Ryabkov",
        "/positions",
        f"/articles/{XSS_ID}",
    ],
)
def test_browser_pages_load_without_errors(tab: Page, path: str) -> None:
    page = tab.open(path)
    if path.startswith("/dyad"):
        page.wait_for_selector("body[data-charts=ready]", timeout=10_000)
        assert page.locator("#timeline-chart .main-svg").count() > 0
    assert page.locator("main h1").count() >= 1
    assert tab.errors == []


def test_browser_overview_leads_to_us_russia_dyad(tab: Page) -> None:
    page = tab.open("/")
    page.locator("section.featured a.button").click()
    page.wait_for_selector("body[data-charts=ready]", timeout=10_000)
    assert "/dyad?a=USA&b=RUS" in page.url
    assert page.locator("table.issues .verdict").count() >= 1
    assert tab.errors == []


def test_browser_dyad_click_on_timeline_shows_that_periods_evidence(
    tab: Page, base_url: str
) -> None:
    timeline = _dyad(base_url)["timeline"]
    busiest = max(timeline, key=lambda row: row["events"])
    index = [row["period"] for row in timeline].index(busiest["period"])
    page = tab.open("/dyad?a=USA&b=RUS&by=week")
    page.wait_for_selector("body[data-charts=ready]", timeout=10_000)
    # The first QuadClass with events in that period: its bar segment is a clickable point.
    quad = next(q for q in ("1", "2", "3", "4") if busiest["quad"][q])
    bar = (
        page.locator("#timeline-chart .barlayer .trace")
        .nth(int(quad) - 1)
        .locator(".point")
        .nth(index)
    )
    box = bar.bounding_box()
    assert box is not None and box["height"] > 0
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.wait_for_timeout(150)  # let plotly register the hover it reports on click
    page.mouse.click(x, y)

    section = page.locator(f"#p-{busiest['period']}")
    page.wait_for_selector("#evidence.filtered", timeout=5_000)
    assert page.url.endswith(f"#p-{busiest['period']}")
    assert section.is_visible()
    assert section.locator("tr.event").count() == busiest["events"]
    others = page.locator("#evidence section.period:not(.selected)")
    assert all(not others.nth(i).is_visible() for i in range(others.count()))
    page.locator("#show-all").click()
    assert others.first.is_visible()
    assert tab.errors == []


def test_browser_hostile_article_is_shown_as_text(tab: Page) -> None:
    page = tab.open(f"/articles/{XSS_ID}")
    text = page.locator("article .text").inner_text()
    assert XSS_SCRIPT in text
    assert "<img src=x" in text
    assert "<script>window.__xss=3</script>" in page.locator("article h1").inner_text()
    assert page.locator("article .text mark.hl").count() >= 1  # coded records still marked
    assert page.locator("img").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert not any(
        (href or "").startswith("javascript:")
        for href in page.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    )
    for path in ("/events", "/quotes", "/dyad?a=RUS&b=USA"):
        tab.open(path)
        assert page.evaluate("typeof window.__xss") == "undefined", path
    assert tab.errors == []
