"""``dyads code``: the seed story end to end, re-runs, bad records and usage errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from . import (
    ACTOR_KEYS,
    ALL,
    LOCATION_KEYS,
    SEED_DATE,
    STORED_EVENT_KEYS,
    assert_exit,
    code_seed,
    db_counts,
    db_rows,
    invoke,
    json_lines,
    summary_value,
)

pytestmark = pytest.mark.slow

Event = dict[str, Any]


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> tuple[Path, Result]:
    """The seed story coded once for this module: (database, result of `dyads code`)."""
    db = tmp_path_factory.mktemp("code") / "seed.duckdb"
    return db, code_seed(seed_path, db)


@pytest.fixture(scope="module")
def seed_db(seed_run: tuple[Path, Result]) -> Path:
    return seed_run[0]


@pytest.fixture(scope="module")
def seed_events(seed_db: Path) -> list[Event]:
    """Every event of the seed database, as `dyads events --json` prints them."""
    result = invoke("events", "--db", seed_db, "--json", "--limit", ALL)
    assert_exit(result, 0)
    return json_lines(result.stdout)


# -- the summary and the JSON shape ------------------------------------------------------


@pytest.mark.shared
def test_code_leaves_a_fresh_dyad_index(seed_db: Path) -> None:
    import duckdb

    from dyads.store import pairs

    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        assert pairs.is_fresh(con)
        assert con.execute("SELECT count(*) FROM dyad_events").fetchone()[0] > 0
    finally:
        con.close()


@pytest.mark.shared
def test_code_seed_prints_summary(seed_run: tuple[Path, Result]) -> None:
    db, result = seed_run
    assert db.is_file()
    assert summary_value(result.stdout, "articles read") == 1
    assert summary_value(result.stdout, "articles coded") == 1
    assert summary_value(result.stdout, "already coded (skipped)") == 0
    counts = db_counts(db)
    # the run summary counts what this run coded: every report, before deduplication
    assert summary_value(result.stdout, "events") == counts["event_reports"] > 0
    assert summary_value(result.stdout, "quotes") == counts["quotes"] > 0


@pytest.mark.shared
def test_code_events_json_has_design_keys(seed_db: Path, seed_events: list[Event]) -> None:
    assert len(seed_events) == db_counts(seed_db)["events"]
    for event in seed_events:
        assert set(event) == STORED_EVENT_KEYS
        for actor in [*event["source"], *event["target"]]:
            assert set(actor) == ACTOR_KEYS
        assert event["location"] is None or set(event["location"]) == LOCATION_KEYS
        assert len(event["span"]) == 2
        assert {"rule", "model"} & set(event["evidence"])


# -- issue acceptance: what the seed story must give ---------------------------------------


def _countries(actors: list[dict[str, Any]]) -> set[str]:
    return {a["country"] for a in actors if a["country"]}


def _consult_usa_rus_in_geneva(e: Event) -> bool:
    pair = (_countries(e["source"]), _countries(e["target"]))
    usa_rus = ("USA" in pair[0] and "RUS" in pair[1]) or ("RUS" in pair[0] and "USA" in pair[1])
    return e["cameo"].startswith("04") and usa_rus and (e["location"] or {}).get("name") == "Geneva"


def _rus_demands_of_nato_or_usa(e: Event) -> bool:
    return (
        e["cameo"].startswith("10")
        and "RUS" in _countries(e["source"])
        and bool({"NATO", "USA"} & _countries(e["target"]))
    )


def _usa_rejects_rus(e: Event) -> bool:
    return (
        e["cameo"].startswith("12")
        and "USA" in _countries(e["source"])
        and "RUS" in _countries(e["target"])
    )


def _usa_threatens_rus_with_sanctions(e: Event) -> bool:
    return (
        e["cameo"].startswith("13")
        and "USA" in _countries(e["source"])
        and "RUS" in _countries(e["target"])
        and (e["cameo"] == "1312" or "sanction" in e["sentence"].lower())
    )


@pytest.mark.shared
@pytest.mark.parametrize(
    "wanted",
    [
        pytest.param(_consult_usa_rus_in_geneva, id="04-consult-USA-RUS-in-Geneva"),
        pytest.param(_rus_demands_of_nato_or_usa, id="10-demand-RUS-to-NATO-or-USA"),
        pytest.param(_usa_rejects_rus, id="12-reject-USA-to-RUS"),
        pytest.param(_usa_threatens_rus_with_sanctions, id="13-threaten-sanctions-USA-to-RUS"),
    ],
)
def test_code_seed_acceptance_events(
    seed_events: list[Event], wanted: Callable[[Event], bool]
) -> None:
    found = [e for e in seed_events if wanted(e)]
    coded = "\n".join(
        f"  {e['cameo']} {sorted(_countries(e['source']))} -> {sorted(_countries(e['target']))}"
        f" @ {(e['location'] or {}).get('name')}: {e['sentence'][:90]}"
        for e in seed_events
    )
    assert found, f"no event matches {wanted.__name__}; coded events:\n{coded}"


@pytest.mark.shared
@pytest.mark.parametrize("speaker", ["Sergei Ryabkov", "Wendy Sherman"])
def test_code_seed_acceptance_quote_speakers(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, speaker: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(
        "export", "--db", seed_db, "--what", "quotes", "--format", "jsonl", "--out", "q.jsonl"
    )
    assert_exit(result, 0)
    quotes = json_lines(Path("q.jsonl").read_text(encoding="utf-8"))
    names = {(q["speaker"] or {}).get("name") for q in quotes}
    assert speaker in names, f"speakers found: {sorted(map(str, names))}"


# -- re-runs, the default database, bad input ---------------------------------------------


@pytest.mark.shared
def test_code_rerun_skips_everything(seed_db: Path, seed_path: Path) -> None:
    before = db_counts(seed_db)
    result = code_seed(seed_path, seed_db)
    assert summary_value(result.stdout, "articles coded") == 0
    assert summary_value(result.stdout, "already coded (skipped)") == 1
    after = db_counts(seed_db)
    assert after["runs"] == before["runs"] + 1
    assert {k: v for k, v in after.items() if k != "runs"} == {
        k: v for k, v in before.items() if k != "runs"
    }


@pytest.mark.shared
def test_code_default_db_is_in_working_directory(
    seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("code", seed_path, "--date", SEED_DATE)
    assert_exit(result, 0)
    assert (tmp_path / "dyads.duckdb").is_file()
    assert db_counts(tmp_path / "dyads.duckdb")["articles"] == 1


GOOD_TXT = (
    "Russia accuses Ukraine of shelling\n"
    "Russia accused Ukraine on Monday of shelling villages near the border.\n"
)
GOOD_JSON = {
    "text": "China and India held talks in Beijing on Tuesday about their disputed border.",
    "date": "2022-01-11",
    "source": "Example Wire",
}


@pytest.fixture
def messy_folder(tmp_path: Path) -> Path:
    """A folder with a good .txt, an empty .txt and a .jsonl with one bad and one good line."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        '{"text": "this line is not JSON\n' + json.dumps(GOOD_JSON) + "\n", encoding="utf-8"
    )
    return folder


def test_code_bad_records_are_rejected_not_fatal(messy_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "messy.duckdb"
    result = invoke("code", messy_folder, "--date", SEED_DATE, "--db", db)
    assert_exit(result, 0)
    assert summary_value(result.stdout, "articles coded") == 2
    assert summary_value(result.stdout, "rejects") >= 2
    rejects = db_rows(db, "SELECT origin, record, reason FROM rejects WHERE doc_id IS NULL")
    by_file = {(Path(origin).name, record): reason for origin, record, reason in rejects}
    assert ("empty.txt", None) in by_file, rejects
    assert ("feed.jsonl", 1) in by_file, rejects
    assert "JSON" in by_file[("feed.jsonl", 1)]
    articles = db_rows(db, "SELECT origin, record FROM articles ORDER BY origin")
    assert sorted((Path(o).name, r) for o, r in articles) == [
        ("feed.jsonl", 2),
        ("good.txt", None),
    ]


# -- usage errors exit 2 ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        pytest.param(["--format", "gdelt"], "--format", id="unknown-format"),
        pytest.param(["--date", "2022-13-45"], "--date", id="bad-date"),
        pytest.param(["--date", "last monday"], "--date", id="date-not-iso"),
        pytest.param(["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler", id="scheduler"),
    ],
)
def test_code_usage_errors_exit_2(
    tmp_path: Path, args: list[str], mentions: str, seed_like: Path
) -> None:
    db = tmp_path / "x.duckdb"
    result = invoke("code", seed_like, "--db", db, *args)
    assert_exit(result, 2)
    assert mentions in result.stderr
    assert not db.exists()


def test_code_missing_input_exits_2(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    result = invoke("code", tmp_path / "no-such-file.txt", "--db", db)
    assert_exit(result, 2)
    assert "no-such-file.txt" in result.stderr
    assert not db.exists()


@pytest.fixture
def seed_like(tmp_path: Path) -> Path:
    """A small plain-text article (usage errors must come before any coding)."""
    path = tmp_path / "story.txt"
    path.write_text(GOOD_TXT, encoding="utf-8")
    return path


@pytest.mark.slow
def test_code_workers_give_the_same_records_as_one_process(tmp_path: Path) -> None:
    """Two worker processes produce exactly the rows of the in-process run."""
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        {"id": f"a{i}", "date": "2022-01-10", "text": f"Russia accused NATO of provocations {i}."}
        for i in range(6)
    ]
    corpus.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    assert_exit(invoke("code", corpus, "--db", one, "--batch-size", "2"), 0)
    assert_exit(invoke("code", corpus, "--db", two, "--batch-size", "2", "--workers", "2"), 0)
    sql = "SELECT id, cameo, doc_id FROM events ORDER BY id"
    assert db_rows(one, sql) == db_rows(two, sql)
    assert len(db_rows(one, sql)) == 6


@pytest.mark.slow
def test_code_with_a_petrarch_verb_dictionary(tmp_path: Path) -> None:
    """`--verbs` codes the dictionary's verbs and cites the entry that decided."""
    verbs = Path(__file__).parents[1] / "events" / "data" / "sample_verbs.txt"
    story = tmp_path / "story.txt"
    story.write_text("Russia mended ties with Ukraine on Monday.\n", encoding="utf-8")
    db = tmp_path / "v.duckdb"
    assert_exit(invoke("code", story, "--db", db, "--date", "2022-01-10", "--verbs", verbs), 0)
    rows = db_rows(db, "SELECT cameo, evidence FROM events")
    assert [r[0] for r in rows] == ["051"]
    assert "sample_verbs.txt:" in str(rows[0][1])
    missing = invoke("code", story, "--db", tmp_path / "w.duckdb", "--verbs", tmp_path / "no.txt")
    assert_exit(missing, 2)
    assert "no.txt" in missing.stderr
