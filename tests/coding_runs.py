"""Helpers for the tests that run ``dyads code`` as a separate process.

``test_resume.py`` kills it with SIGKILL and ``test_concurrent.py`` reads the database
while it writes; both need a small corpus, a way to start the command and a way to watch
its progress from outside (possible because ``dyads code`` releases the database file
between batches, see ``dyads.store.access``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from dyads.store.access import briefly

DYADS = Path(sys.executable).with_name("dyads")
"""The ``dyads`` console script of the running environment."""

ACTORS = ["Russia", "Ukraine", "NATO", "China", "India", "France", "Germany", "Iran"]
VERBS = [
    ("accused", "of shelling villages near the border"),
    ("met", "in Geneva to discuss security guarantees"),
    ("criticised", "for moving troops closer to the frontier"),
    ("signed an agreement with", "on trade and energy"),
    ("threatened", "with new sanctions"),
]
EXCLUDED_COLUMNS = {"run_id", "coded_at", "created_at", "started_at", "finished_at"}
"""Columns that record when or in which run a row was written, not what was found."""


def write_corpus(folder: Path, articles: int = 40) -> Path:
    """Write ``articles`` short, distinct articles (and two bad lines) as one JSONL file."""
    lines = []
    for number in range(articles):
        source = ACTORS[number % len(ACTORS)]
        target = ACTORS[(number * 3 + 1) % len(ACTORS)]
        verb, rest = VERBS[number % len(VERBS)]
        day = 1 + number % 28
        text = (
            f"{source} {verb} {target} {rest} on Monday, officials said. "
            f"The talks were the {number + 1}th round this year."
        )
        lines.append(json.dumps({"text": text, "date": f"2022-02-{day:02d}"}))
        if number == 10:
            lines.append('{"text": "a line that is not JSON')
        if number == 20:
            lines.append(json.dumps({"title": "no text here"}))
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_code(corpus: Path, db: Path, *, batch_size: int = 4) -> subprocess.Popen[bytes]:
    """Start ``dyads code CORPUS --db DB --batch-size N`` in its own process."""
    return subprocess.Popen(
        [str(DYADS), "code", str(corpus), "--db", str(db), "--batch-size", str(batch_size)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def finish(process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    """Wait for a ``dyads code`` process and check it succeeded."""
    _, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err.decode("utf-8", "replace")


def run_code(corpus: Path, db: Path, *, batch_size: int = 4) -> None:
    """Run ``dyads code`` to the end."""
    finish(start_code(corpus, db, batch_size=batch_size))


def articles_coded(db: Path) -> int | None:
    """The number of coded articles, read between batches; None before the file exists."""
    if not db.exists():
        return None
    with briefly(db, read_only=True, timeout=30) as store:
        return int(store.con.execute("SELECT count(*) FROM articles").fetchone()[0])


def wait_for_articles(db: Path, at_least: int, process: subprocess.Popen[bytes]) -> int:
    """Poll until ``at_least`` articles are committed; return how many there are."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = articles_coded(db)
        if found is not None and found >= at_least:
            return found
        if process.poll() is not None:
            raise AssertionError(f"dyads code ended early with {found} articles")
        time.sleep(0.05)
    raise AssertionError(f"fewer than {at_least} articles after 120 s")


def content(db: Path) -> dict[str, Counter[tuple[Any, ...]]]:
    """Every table's rows as a multiset, without run ids and timestamps.

    A multiset, not a set, so that a duplicated row shows up as a difference.
    """
    found: dict[str, Counter[tuple[Any, ...]]] = {}
    with briefly(db, read_only=True, timeout=30) as store:
        con = store.con
        tables = [
            row[0]
            for row in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' "
                "ORDER BY table_name"
            ).fetchall()
        ]
        for table in tables:
            if table in ("runs", "meta"):
                continue
            columns = [
                row[0]
                for row in con.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
                if row[0] not in EXCLUDED_COLUMNS
            ]
            names = ", ".join(f'"{name}"' for name in columns)
            rows = con.execute(f'SELECT {names} FROM "{table}"').fetchall()
            found[table] = Counter(tuple(map(repr, row)) for row in rows)
    return found
