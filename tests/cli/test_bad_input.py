"""Bad input never stops ``dyads code``; usage errors exit non-zero with one line.

One folder mixes good articles with every kind of bad input the readers know: empty
files, a binary file, invalid UTF-8, malformed JSON lines and CSV rows, records without
text, an over-long article and web pages full of scripts. Every good article must be
coded, every bad record listed in ``rejects`` with its file and record, and the run must
exit 0. Then the command-line errors: each exits non-zero with one line, no traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dyads.read import split

from . import assert_exit, db_rows, invoke, summary_value

pytestmark = pytest.mark.slow

GOOD = [
    "Russia accused Ukraine on Monday of shelling villages near the border.",
    "China and India held talks in Beijing on Tuesday about their disputed border.",
    "NATO criticised Russia for moving troops closer to Ukraine, officials said.",
    "France signed an energy agreement with Germany in Paris on Wednesday.",
]
SCRIPT = "var stolen = document.cookie; alert('pwned');"
PART_CHARS = 2_000  # lowered for the test, so the long article stays cheap to code


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.jsonl").write_text(
        "".join(json.dumps({"text": t, "date": "2022-01-10"}) + "\n" for t in GOOD[:2]),
        encoding="utf-8",
    )
    (folder / "good.txt").write_text(GOOD[2], encoding="utf-8")
    for name in ("empty.txt", "empty.jsonl", "empty.csv"):
        (folder / name).write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(GOOD[3].encode("utf-8") + b" Caf\xe9 \xff.")
    (folder / "broken.jsonl").write_text(
        "\n".join(
            [
                '{"text": "no closing quote',
                "[1, 2, 3]",
                json.dumps({"title": "no text field"}),
                json.dumps({"text": "   "}),
                json.dumps({"text": 42}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    (folder / "broken.csv").write_text(
        'id,text\n1,"stray" quote\n2,too,many,fields\n3,\n4,"unterminated\n', encoding="utf-8"
    )
    paragraph = "Iran met France in Vienna to discuss the nuclear deal, diplomats said. " * 6
    (folder / "long.txt").write_text("\n\n".join([paragraph.strip()] * 10), encoding="utf-8")
    page = (
        f"<!DOCTYPE html><html><head><title>Talks</title><script>{SCRIPT}</script>"
        "<style>p { color: red }</style></head><body><nav>Home | World</nav>"
        "<p>Germany criticised Iran on Thursday for expanding its nuclear programme, "
        "the foreign ministry in Berlin said.</p>"
        f"<script>{SCRIPT}</script></body></html>"
    )
    (folder / "page.html").write_text(page, encoding="utf-8")
    (folder / "saved-page.txt").write_text(page, encoding="utf-8")  # HTML named .txt
    (folder / "scripts-only.html").write_text(
        f"<html><script>{SCRIPT}</script></html>", encoding="utf-8"
    )
    return folder


def test_mixed_folder_codes_good_articles_and_lists_every_bad_one(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(split, "PART_CHARS", PART_CHARS)
    db = tmp_path / "mixed.duckdb"
    result = invoke("code", mixed, "--db", db)
    assert_exit(result, 0)
    texts = {text for (text,) in db_rows(db, "SELECT text FROM articles")}
    for good in GOOD:
        assert any(good in text for text in texts), good
    assert not any("stolen" in text or "color" in text for text in texts)
    parts = db_rows(db, "SELECT id FROM articles WHERE origin LIKE '%long.txt' ORDER BY id")
    assert len(parts) >= 3 and all(pid.endswith(f"-part{n}") for n, (pid,) in enumerate(parts, 1))

    rejects = db_rows(db, "SELECT origin, record, reason FROM rejects")
    listed = {(Path(origin).name, record) for origin, record, _ in rejects}
    expected = {
        ("empty.txt", None),
        ("empty.jsonl", None),
        ("empty.csv", None),
        ("binary.txt", None),
        ("latin1.txt", None),  # coded, with a note about the replaced bytes
        ("long.txt", None),  # coded in parts, with a note
        ("page.html", None),  # coded without its markup, with a note
        ("saved-page.txt", None),
        ("scripts-only.html", None),
        *(("broken.jsonl", line) for line in range(1, 6)),
        *(("broken.csv", row) for row in range(1, 5)),
    }
    assert expected <= listed, sorted(expected - listed)
    reasons = {Path(o).name: r for o, _, r in rejects}
    assert "invalid UTF-8" in reasons["latin1.txt"]
    assert "split into" in reasons["long.txt"]
    assert "binary" in reasons["binary.txt"]
    assert summary_value(result.stdout, "rejects") == len(rejects)


def test_csv_row_errors_are_listed_by_row(tmp_path: Path) -> None:
    folder = tmp_path / "rows"
    folder.mkdir()
    (folder / "rows.csv").write_text(
        f"id,text\n1,{GOOD[0]}\n2,too,many,fields\n3,\n", encoding="utf-8"
    )
    db = tmp_path / "rows.duckdb"
    assert_exit(invoke("code", folder, "--db", db), 0)
    rejects = db_rows(db, "SELECT record, reason FROM rejects ORDER BY record")
    assert [record for record, _ in rejects] == [2, 3]
    assert db_rows(db, "SELECT record FROM articles") == [(1,)]


# -- command-line errors: non-zero, one line, no traceback -----------------------------


def _one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize(
    ("make_db", "code", "says"),
    [
        pytest.param(lambda p: p.write_text("not a database"), 1, "not a valid", id="text"),
        pytest.param(lambda p: p.mkdir(), 1, "directory", id="directory"),
    ],
)
def test_unusable_database_exits_1_with_one_line(
    tmp_path: Path, make_db: object, code: int, says: str
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(GOOD[0], encoding="utf-8")
    db = tmp_path / "bad.duckdb"
    make_db(db)  # type: ignore[operator]
    result = invoke("code", story, "--db", db)
    assert_exit(result, code)
    assert says in _one_line_error(result.stderr)


def test_serve_on_a_file_that_is_no_database_exits_1_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "junk.duckdb"
    db.write_text("not a database")
    result = invoke("serve", "--db", db, "--port", "1")  # fails before it would listen
    assert_exit(result, 1)
    assert "not a valid" in _one_line_error(result.stderr)


def test_locked_database_exits_1_after_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(GOOD[0], encoding="utf-8")
    db = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(  # another program keeps the file open read-write
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "print('open', flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"open"
        monkeypatch.setenv("DYADS_LOCK_TIMEOUT", "0.5")
        result = invoke("code", story, "--db", db)
    finally:
        holder.kill()
        holder.communicate()
    assert_exit(result, 1)
    assert "stayed locked" in _one_line_error(result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--no-such-option"], id="bad-option"),
        pytest.param(["--batch-size", "0"], id="bad-value"),
        pytest.param(["--format", "pdf"], id="bad-format"),
    ],
)
def test_usage_errors_exit_2_without_traceback(tmp_path: Path, args: list[str]) -> None:
    story = tmp_path / "story.txt"
    story.write_text(GOOD[0], encoding="utf-8")
    db = tmp_path / "x.duckdb"
    result = invoke("code", story, "--db", db, *args)
    assert_exit(result, 2)
    assert result.stderr.strip()
    assert not db.exists()
