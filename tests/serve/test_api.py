"""The JSON API: status codes, content types and the record shapes of DESIGN.md §5."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

# conftest.py imported the test client first, silencing Starlette's httpx warning.
from fastapi.testclient import TestClient

from dyads.errors import DyadsError
from dyads.serve import create_app
from dyads.serve.app import Database
from dyads.store import queries

EVENT_KEYS = {
    "id", "doc_id", "date", "source", "target", "cameo", "plover",
    "goldstein", "quad_class", "sentence", "span", "evidence",
}  # fmt: skip
QUOTE_KEYS = {"id", "doc_id", "kind", "text", "speaker", "speaker_text", "cue"}


@pytest.mark.parametrize("path", ["/api/events", "/api/quotes", "/api/positions", "/api/actors"])
def test_api_lists_answer_rows_limit_offset(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"rows", "limit", "offset"}
    assert body["limit"] == 100 and body["offset"] == 0
    assert body["rows"], f"{path} returned no rows from the fixture database"


def test_api_events_have_record_keys(client: TestClient) -> None:
    rows = client.get("/api/events").json()["rows"]
    assert len(rows) == 3
    for row in rows:
        assert set(row) >= EVENT_KEYS
        assert isinstance(row["source"], list) and row["source"][0]["code"]
        assert "trigger" in row["evidence"]


def test_api_quotes_have_record_keys(client: TestClient) -> None:
    rows = client.get("/api/quotes").json()["rows"]
    assert len(rows) == 2
    for row in rows:
        assert set(row) >= QUOTE_KEYS
    speakers = {(row["speaker"] or {}).get("name") for row in rows}
    assert "Sergei Ryabkov" in speakers


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"since": "2024-03-10"}, {"art2-e1"}),
        ({"until": "2024-03-10"}, {"art1-e1", "art1-e2"}),
        ({"limit": "1"}, 1),
        ({"limit": "2", "offset": "2"}, 1),
        ({"doc_id": "art2"}, {"art2-e1"}),
        ({"actor": "CHN"}, set()),
        ({"actor": "RUS"}, {"art1-e1", "art1-e2", "art2-e1"}),
        ({"actor": "usagov", "since": "2024-03-05"}, {"art2-e1"}),
        ({"actor": "  "}, {"art1-e1", "art1-e2", "art2-e1"}),  # a blank form field
        ({"root": "12"}, {"art2-e1"}),
        ({"root": "03", "plover": "consult"}, {"art1-e1"}),
        ({"plover": "ACCUSE"}, {"art1-e2"}),
        ({"q": "BAD FAITH"}, {"art1-e2"}),
        ({"q": "<script>"}, {"art1-e1"}),
        ({"q": "no such words"}, set()),
        ({"a": "USA", "b": "RUS"}, {"art1-e1", "art1-e2", "art2-e1"}),
        ({"a": "USA", "b": "RUS", "plover": "REJECT"}, {"art2-e1"}),
        ({"a": "USA", "b": "CHN"}, set()),
    ],
)
def test_api_events_filters(
    client: TestClient, params: dict[str, str], expected: set[str] | int
) -> None:
    body = client.get("/api/events", params=params).json()
    if isinstance(expected, int):
        assert len(body["rows"]) == expected
        assert body["limit"] == int(params["limit"])
        assert body["offset"] == int(params.get("offset", 0))
    else:
        assert {row["id"] for row in body["rows"]} == expected


@pytest.mark.parametrize(
    "path,params",
    [
        ("/api/events", {"limit": "0"}),
        ("/api/events", {"limit": "1001"}),
        ("/api/events", {"offset": "-1"}),
        ("/api/events", {"since": "last tuesday"}),
        ("/api/quotes", {"until": "2024-13-45"}),
        ("/api/actors", {"limit": "abc"}),
        ("/api/dyad", {"a": "USA"}),
        ("/api/dyad", {"a": "USA", "b": "RUS", "by": "fortnight"}),
        ("/api/dyad", {"a": " ", "b": "RUS"}),
        ("/api/dyad", {"a": "USA", "b": "RUS", "limit": "0"}),
        ("/api/events", {"a": "USA"}),
        ("/api/events", {"b": "RUS", "a": " "}),
        ("/api/events", {"root": "1"}),
        ("/api/events", {"root": "1; DROP TABLE events"}),
        ("/api/events", {"plover": "ACCUSE'--"}),
        ("/api/events", {"offset": "99999999999999999999"}),
        ("/api/quotes", {"q": "x" * 201}),
        ("/api/positions", {"limit": "1e3"}),
    ],
)
def test_api_bad_params_answer_4xx_json(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code in (400, 422)
    assert response.headers["content-type"].startswith("application/json")
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "path,params,expected",
    [
        ("/api/quotes", {"q": "no basis"}, {"art1-q1"}),
        ("/api/quotes", {"q": "SCRIPT"}, {"art1-q2"}),
        ("/api/positions", {"q": "rejected"}, {"art2-p1"}),
        ("/api/positions", {"q": "talks", "actor": "RUS"}, {"art1-p2"}),
    ],
)
def test_api_text_search(
    client: TestClient, path: str, params: dict[str, str], expected: set[str]
) -> None:
    assert {row["id"] for row in client.get(path, params=params).json()["rows"]} == expected


def test_api_sql_in_values_is_only_data(client: TestClient) -> None:
    for value in ("' OR 1=1 --", "%", "_", "RUS'); DROP TABLE events; --"):
        body = client.get("/api/events", params={"q": value, "actor": value}).json()
        assert body["rows"] == []
    assert client.get("/api/summary").json()["counts"]["events"] == 3


def test_api_article_has_its_records(client: TestClient) -> None:
    response = client.get("/api/articles/art1")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "art1" and body["date"] == "2024-03-04"
    assert {"title", "text", "source", "url", "events", "quotes", "positions"} <= set(body)
    assert {e["id"] for e in body["events"]} == {"art1-e1", "art1-e2"}
    assert len(body["quotes"]) == 2 and len(body["positions"]) == 2


def test_api_article_missing_is_404_json(client: TestClient) -> None:
    response = client.get("/api/articles/nope")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert "nope" in response.json()["detail"]


@pytest.mark.parametrize("by", ["day", "week", "month"])
def test_api_dyad_shape(client: TestClient, by: str) -> None:
    response = client.get("/api/dyad", params={"a": "USA", "b": "RUS", "by": by})
    assert response.status_code == 200
    body = response.json()
    assert {"a", "b", "by", "timeline", "issues", "distance", "events"} <= set(body)
    assert body["by"] == by
    assert sum(p["events"] for p in body["timeline"]) == len(body["events"]) == 3
    period = body["timeline"][0]
    assert {"period", "events", "goldstein_mean", "quad", "a_to_b", "b_to_a"} <= set(period)
    (issue,) = body["issues"]
    assert issue["issue"] == {"id": "arms_control", "label": "Arms control"}
    assert issue["a_stance"] == pytest.approx(0.8) and issue["b_stance"] == pytest.approx(-0.75)
    assert body["distance"] == pytest.approx(1.55)
    assert body["distance_series"] and {"period", "distance"} <= set(body["distance_series"][0])
    assert issue["series"] and "distance" in issue["series"][0]


def test_api_dyad_lists_latest_claims_but_counts_all(client: TestClient) -> None:
    params = {"a": "USA", "b": "RUS", "claims": 1}
    (issue,) = client.get("/api/dyad", params=params).json()["issues"]
    assert issue["positions_total"] == issue["claims"] == 3
    assert [p["id"] for p in issue["positions"]] == ["art2-p1"]  # the latest
    assert issue["b_stance"] == pytest.approx(-0.75)  # still from every claim


def test_api_dyad_answers_are_cached(client: TestClient) -> None:
    params = {"a": "RUS", "b": "USA", "by": "day"}
    first = client.get("/api/dyad", params=params)
    cache = client.app.state.json_cache
    hits = cache.hits
    second = client.get("/api/dyad", params=params)
    assert cache.hits == hits + 1
    assert second.json() == first.json()
    assert second.headers["content-type"] == "application/json"


def test_api_dyad_pages_its_events_not_its_timeline(client: TestClient) -> None:
    params = {"a": "USA", "b": "RUS", "by": "week"}
    first = client.get("/api/dyad", params={**params, "limit": 2}).json()
    rest = client.get("/api/dyad", params={**params, "limit": 2, "offset": 2}).json()
    assert (first["limit"], first["offset"], rest["offset"]) == (2, 0, 2)
    assert len(first["events"]) == 2 and len(rest["events"]) == 1
    ids = [e["id"] for e in first["events"] + rest["events"]]
    assert sorted(ids) == ["art1-e1", "art1-e2", "art2-e1"]
    assert sum(p["events"] for p in first["timeline"]) == 3
    assert first["timeline"] == rest["timeline"]


def test_api_summary_counts(client: TestClient) -> None:
    response = client.get("/api/summary")
    assert response.status_code == 200
    body = response.json()
    assert body["counts"]["articles"] == 2 and body["counts"]["events"] == 3
    assert body["date_range"] == {"start": "2024-03-04", "end": "2024-03-13"}


def test_api_actors_count_mentions(client: TestClient) -> None:
    rows = client.get("/api/actors", params={"limit": 1}).json()["rows"]
    assert rows == [
        {"code": "RUSGOV", "name": "Russia", "country": "RUS", "sector": "GOV", "mentions": 2}
    ]


def test_api_overview_is_the_index_data(client: TestClient) -> None:
    body = client.get("/api/overview").json()
    assert set(body) == {"summary", "top_dyads", "latest_quotes"}
    assert body["top_dyads"] and body["latest_quotes"]


def test_api_openapi_lists_routes(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/dyad", "/api/articles/{article_id}", "/api/summary"):
        assert path in paths
    assert "/events" not in paths  # HTML pages are not part of the API schema


def test_app_missing_database_raises(tmp_path: Path) -> None:
    with pytest.raises(DyadsError, match="no database"):
        create_app(tmp_path / "missing.duckdb")


def test_app_database_queries_from_many_threads(db_path: Path) -> None:
    database = Database(db_path)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda _: database.run(queries.events), range(64)))
        assert 1 <= len(database._cursors) <= 8  # one cursor per worker thread
        database.close()
        assert database.run(queries.events) == results[0]  # reopens after close
    finally:
        database.close()
    assert all(len(rows) == 3 for rows in results)


def test_app_closes_database_on_shutdown(db_path: Path) -> None:
    app = create_app(db_path)
    with TestClient(app) as test_client:
        assert test_client.get("/api/summary").status_code == 200
        assert app.state.db._store is not None
    assert app.state.db._store is None
