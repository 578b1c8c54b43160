"""End-to-end tests of the ``dyads`` command line (DESIGN.md §4), and their helpers.

The helpers run the Typer app in-process with ``typer.testing.CliRunner``; stdout and
stderr are captured apart (``result.stdout``, ``result.stderr``).
"""

from __future__ import annotations

import json
import re
import signal
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from dyads.cli import app
from dyads.store import Store, queries

RUNNER = CliRunner()

SEED_DATE = "2022-01-10"

#: DESIGN.md §5: the keys of an event, an actor and a location, exactly.
EVENT_KEYS = {
    "id",
    "doc_id",
    "date",
    "date_text",
    "source",
    "target",
    "cameo",
    "plover",
    "mode",
    "goldstein",
    "quad_class",
    "negated",
    "modality",
    "location",
    "sentence",
    "span",
    "evidence",
}
#: what a stored event adds: its unique event and how often it was reported
STORED_EVENT_KEYS = EVENT_KEYS | set(queries.EVENT_STATS)
ACTOR_KEYS = {"text", "name", "country", "sector", "code", "kb_id"}
LOCATION_KEYS = {"name", "country", "lat", "lon", "admin1_code", "admin1_name", "geonameid"}
DYAD_KEYS = {"a", "b", "by", "timeline", "issues", "distance", "events"}

#: ``--limit`` large enough to list every record of the seed database.
ALL = "100000"


#: Longest a command may run before the test fails instead of hanging (seconds); the
#: slowest command, ``dyads demo``, takes 10-20 s.
DEADLINE = 120


class CommandTimeout(BaseException):
    """A command ran past its deadline (a hang in the coder, most likely).

    A ``BaseException``, so that the batch runner's per-article ``except Exception``
    does not turn it into a reject and carry on.
    """


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ``CommandTimeout`` inside the block once ``seconds`` have passed (POSIX only)."""

    def expire(signum: int, frame: object) -> None:
        raise CommandTimeout(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def invoke(*args: str | Path, timeout: float = DEADLINE) -> Result:
    """Run ``dyads ARGS...`` in-process and return the result.

    A command still running after ``timeout`` seconds is interrupted and the test fails,
    saying where the command was, instead of hanging the suite.
    """
    try:
        with deadline(timeout):
            return RUNNER.invoke(app, [str(a) for a in args])
    except CommandTimeout as err:
        where = "".join(traceback.format_tb(err.__traceback__)[-4:])
        pytest.fail(f"'dyads {' '.join(map(str, args))}' {err}; it was at:\n{where}")


def assert_exit(result: Result, code: int) -> None:
    """Check the exit code, and that it came from the CLI's own exit, not a crash."""
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout: {result.stdout}\n"
        f"stderr: {result.stderr}\nexception: {result.exception!r}"
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"the command crashed: {result.exception!r}"
    )
    assert "Traceback" not in result.output


def code_seed(seed: Path, db: Path) -> Result:
    """``dyads code SEED --date 2022-01-10 --db DB``, checked to succeed."""
    result = invoke("code", seed, "--date", SEED_DATE, "--db", db)
    assert_exit(result, 0)
    return result


def json_lines(text: str) -> list[dict[str, Any]]:
    """Parse ``--json`` output: every non-empty line must be one JSON object."""
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert all(isinstance(row, dict) for row in rows)
    return rows


def summary_value(output: str, label: str) -> int:
    """Read one count from the ``dyads code`` summary table (e.g. "articles coded")."""
    found = re.search(rf"{re.escape(label)}\W+(\d+)", output)
    assert found, f"no {label!r} row in the summary:\n{output}"
    return int(found[1])


def db_counts(db: Path) -> dict[str, int]:
    """Row counts of every table of a dyads database, as listings and exports count them:
    ``events`` is the number of unique events (reports of one event across articles are
    one event, DESIGN.md's events + mentions model); ``event_reports`` the table's rows."""
    with Store(db, read_only=True) as store:
        counts = store.counts()
        counts["event_reports"] = counts["events"]
        counts["events"] = queries.summary(store.con)["unique_events"]
        return counts


def db_rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    """Run one read-only SQL query on a dyads database."""
    with Store(db, read_only=True) as store:
        return store.con.execute(sql).fetchall()
