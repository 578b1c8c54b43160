"""The write endpoint (``POST /api/articles``) and the request size limit.

Writes are off by default and need a bearer token when on; bodies beyond the limit get
413 whether or not they declare their length. Most tests code with a stand-in coder (no
spaCy model needed); one slow test runs the real pipeline end to end.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

# conftest.py imported the test client first, silencing Starlette's httpx warning.
from fastapi.testclient import TestClient

from dyads.cli import serve as serve_cli
from dyads.errors import DyadsError, UsageError
from dyads.records import Article, Coded
from dyads.serve import create_app, limits, write
from dyads.serve.app import Database
from dyads.store import Store

from .conftest import CODED, RUS, USA, _event

TOKEN = "test-token-0123456789abcdef"
ARTICLE = {
    "text": "France offered aid to Ukraine on Tuesday.",
    "date": "2024-05-07",
    "source": "Test Wire",
    "url": "https://example.org/1",
    "title": "<b>Aid</b>",
}


def aid_event(article: Article) -> Any:
    """A USA -> RUS event in ``article``, as the fake coder finds in every article."""
    return _event(
        article, 1, source=(USA,), target=(RUS,), cameo="071", plover="AID", goldstein=7.4,
        quad_class=2, sentence=article.text, span=(0, len(article.text)),
        evidence={"rule": "fake", "trigger": "offered"},
    )  # fmt: skip


def fake_coder(articles: Sequence[Article], store: Store) -> dict[str, Any]:
    """Store each article with one event, as a run, like the real coder does."""
    coded = [Coded(article=a, events=(aid_event(a),)) for a in articles]
    run_id = store.start_run(pipeline_version="fake", config={}, inputs=[write.ORIGIN])
    store.write_batch(coded, run_id=run_id, pipeline_version="fake")
    store.finish_run(run_id, stats={"coded": len(articles)})
    return {"coded": len(articles), "skipped": 0, "events": len(articles)}


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    path = tmp_path / "write.duckdb"
    with Store(path) as store:
        run_id = store.start_run(pipeline_version="test", config={}, inputs=["tests/serve"])
        store.write_batch(CODED, run_id=run_id, pipeline_version="test")
    return path


@pytest.fixture
def writer(fresh_db: Path) -> Iterator[TestClient]:
    app = create_app(fresh_db, allow_writes=True, write_token=TOKEN, max_body_bytes=4096)
    app.state.article_coder = fake_coder
    with TestClient(app) as client:
        yield client


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_writes_are_off_by_default(client: TestClient) -> None:
    response = client.post("/api/articles", json=ARTICLE, headers=_auth())
    assert response.status_code in (404, 405)
    assert "post" not in client.get("/openapi.json").json()["paths"].get("/api/articles", {})


@pytest.mark.parametrize("token", [None, "", "short"])
def test_writes_need_a_real_token(fresh_db: Path, token: str | None) -> None:
    with pytest.raises(UsageError, match=write.TOKEN_ENV):
        create_app(fresh_db, allow_writes=True, write_token=token)


def test_write_without_token_is_401(writer: TestClient) -> None:
    response = writer.post("/api/articles", json=ARTICLE)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Bearer" in response.json()["detail"]


@pytest.mark.parametrize("token", ["wrong-token-0123456789abcdef", TOKEN + "x", TOKEN[:-1]])
def test_write_with_wrong_token_is_403(writer: TestClient, token: str) -> None:
    response = writer.post("/api/articles", json=ARTICLE, headers=_auth(token))
    assert response.status_code == 403
    assert TOKEN not in response.text


def test_write_codes_and_stores_the_article(writer: TestClient) -> None:
    response = writer.post("/api/articles", json=ARTICLE, headers=_auth())
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] == Article.make_id(ARTICLE["text"]) and body["coded"] == 1
    stored = writer.get(body["url"]).json()
    assert stored["text"] == ARTICLE["text"] and stored["date"] == "2024-05-07"
    assert stored["title"] == "<b>Aid</b>"  # JSON carries text as is; pages escape it
    assert writer.get("/api/summary").json()["counts"]["articles"] == 3
    paths = writer.get("/openapi.json").json()["paths"]
    assert "post" in paths["/api/articles"]


def test_write_invalidates_cached_answers(writer: TestClient) -> None:
    params = {"a": "USA", "b": "RUS", "by": "month"}
    before = writer.get("/api/dyad", params=params).json()
    assert writer.get("/api/dyad", params=params).json() == before  # served from the cache
    assert writer.post("/api/articles", json=ARTICLE, headers=_auth()).status_code == 201
    after = writer.get("/api/dyad", params=params).json()
    count = sum(p["events"] for p in before["timeline"])
    assert sum(p["events"] for p in after["timeline"]) == count + 1
    assert "2024-05-01" in {p["period"] for p in after["timeline"]}


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": "x", "date": "yesterday"},
        {"text": "x", "extra": 1},
        {"text": 5},
        [ARTICLE],
    ],
)
def test_write_bad_body_is_422(writer: TestClient, body: Any) -> None:
    response = writer.post("/api/articles", json=body, headers=_auth())
    assert response.status_code == 422
    assert "detail" in response.json() and "Traceback" not in response.text


def test_write_malformed_json_is_4xx_without_trace(writer: TestClient) -> None:
    response = writer.post(
        "/api/articles",
        content=b'{"text": "unterminated',
        headers={**_auth(), "Content-Type": "application/json"},
    )
    assert response.status_code in (400, 422)
    assert "Traceback" not in response.text and "File " not in response.text


def test_body_over_the_limit_is_413(writer: TestClient) -> None:
    big = {**ARTICLE, "text": "x" * 5000}
    response = writer.post("/api/articles", json=big, headers=_auth())
    assert response.status_code == 413
    assert "4096" in response.json()["detail"]


def test_chunked_body_over_the_limit_is_413(writer: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the bytes must be counted
        yield b'{"text": "'
        for _ in range(10):
            yield b"y" * 1000
        yield b'"}'

    response = writer.post(
        "/api/articles",
        content=chunks(),
        headers={**_auth(), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/json")


def test_body_limit_applies_to_every_route(fresh_db: Path) -> None:
    with TestClient(create_app(fresh_db, max_body_bytes=10)) as client:
        response = client.request("GET", "/api/summary", content=b"z" * 11)
    assert response.status_code == 413


def test_read_only_database_refuses_writes(fresh_db: Path) -> None:
    database = Database(fresh_db)
    try:
        with pytest.raises(DyadsError, match="read-only"):
            database.write(lambda store: None)
    finally:
        database.close()


def test_cli_copies_agree_with_the_server() -> None:
    assert serve_cli.TOKEN_ENV == write.TOKEN_ENV
    assert serve_cli.DEFAULT_MAX_BODY == limits.DEFAULT_MAX_BODY


@pytest.mark.slow
def test_write_with_the_real_pipeline(fresh_db: Path) -> None:
    app = create_app(fresh_db, allow_writes=True, write_token=TOKEN)
    article = {**ARTICLE, "text": "Russian forces attacked Ukrainian positions near Kharkiv."}
    with TestClient(app) as client:
        response = client.post("/api/articles", json=article, headers=_auth())
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["coded"] == 1 and body["events"] >= 1
        again = client.post("/api/articles", json=article, headers=_auth()).json()
        assert again["skipped"] == 1 and again["coded"] == 0
        stored = client.get(body["url"]).json()
        assert len(stored["events"]) == body["events"]
