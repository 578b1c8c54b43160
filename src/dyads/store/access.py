"""Sharing one DuckDB file between a writer (``dyads code``) and readers (``dyads serve``).

DuckDB locks a database file per process: while one process has it open read-write, no
other process can open it at all, not even read-only. So both sides hold the file only
briefly, and wait for each other:

* the writer (:class:`SharedStore`) opens the file for each step of a run (start the run,
  look up coded ids, write one batch, finish the run) and closes it straight after, so the
  file is free while the next batch is being coded, which is nearly all the time;
* a reader (``dyads.serve.app.Database``) opens the file read-only when a request
  comes, keeps it while requests keep coming, and lets it go soon after they stop;
* whoever finds the file locked retries with a short, growing pause
  (:func:`open_store`) for up to ``DYADS_LOCK_TIMEOUT`` seconds (default 60), then
  fails with one clear message.

Each batch is one transaction, and closing the writer's connection checkpoints it into
the file, so a reader only ever sees whole batches. Opening costs some tens of
milliseconds (see docs/how-it-works.md), small next to coding a batch.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from dyads.errors import DyadsError, message
from dyads.store.duckdb import Store

DEFAULT_LOCK_TIMEOUT = 60.0
"""Seconds to wait for a locked file, unless ``DYADS_LOCK_TIMEOUT`` says otherwise."""

READER_LINGER = 0.5
"""Seconds a reader keeps the file after its last query (a page makes several)."""
READER_MAX_HOLD = 2.0
"""Seconds of continuous reading after which a reader lets the file go at its next idle
moment, so that a waiting writer is not starved by a busy dashboard."""
READER_GAP = 0.15
"""Seconds a reader waits before reopening after such a release: the writer's turn
(longer than the writer's longest pause between attempts)."""

_FIRST_PAUSE = 0.01
_LONGEST_PAUSE = 0.1  # short, so a waiting writer catches a reader's idle moment


def lock_timeout() -> float:
    """The lock wait in seconds: ``DYADS_LOCK_TIMEOUT`` when set to a number, else 60."""
    try:
        return max(0.0, float(os.environ.get("DYADS_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT)))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


def is_lock_conflict(error: BaseException) -> bool:
    """Say whether opening failed only because another process holds the file."""
    text = f"{error} {error.__cause__ or ''}".lower()
    return "could not set lock" in text or "conflicting lock" in text


def open_store(path: str | Path, *, read_only: bool = False, timeout: float | None = None) -> Store:
    """Open a :class:`Store`, waiting while another process holds the file.

    Args:
        path (str | Path): the database file.
        read_only (bool): open read-only (a reader). Defaults to False.
        timeout (float | None): longest wait in seconds; None for :func:`lock_timeout`.

    RETURNS (Store): the open store; the caller closes it.

    Raises:
        DyadsError: the file is not a dyads database, or stayed locked for ``timeout``.
    """
    limit = lock_timeout() if timeout is None else timeout
    deadline = time.monotonic() + limit
    pause = _FIRST_PAUSE
    while True:
        try:
            return Store(path, read_only=read_only)
        except DyadsError as error:
            if not is_lock_conflict(error):
                raise
            if time.monotonic() + pause > deadline:
                raise DyadsError(
                    message(
                        f"{str(path)!r} stayed locked by another process for {limit:g} s",
                        "a database that 'dyads code' or 'dyads serve' releases between "
                        "batches and requests",
                        "Check for another program holding it (a notebook, the duckdb "
                        "shell), or raise DYADS_LOCK_TIMEOUT.",
                    )
                ) from None
        time.sleep(pause)
        pause = min(pause * 2, _LONGEST_PAUSE)


@contextmanager
def briefly(
    path: str | Path, *, read_only: bool = False, timeout: float | None = None
) -> Iterator[Store]:
    """Open the store for one step and close it after, releasing the file lock."""
    store = open_store(path, read_only=read_only, timeout=timeout)
    try:
        yield store
    finally:
        store.close()


class SharedStore:
    """A writable store that holds the database file only while it reads or writes.

    It has the methods of :class:`Store` that ``dyads.batch.code_into_store`` uses, and
    each call opens the file, does its work in a transaction and closes it, so
    ``dyads serve`` can read the same file between batches.

    Args:
        path (str | Path): the database file; created with the schema when new.
        timeout (float | None): longest lock wait per step; None for :func:`lock_timeout`.

    Raises:
        DyadsError: the file is not a dyads database, or is locked for too long.
    """

    read_only = False

    def __init__(self, path: str | Path, *, timeout: float | None = None) -> None:
        self.path = str(path)
        self.timeout = timeout
        with self._open():  # create or check the schema now: fail before any coding
            pass

    def _open(self) -> Any:
        return briefly(self.path, timeout=self.timeout)

    def start_run(self, **kwargs: Any) -> str:
        """See :meth:`Store.start_run`."""
        with self._open() as store:
            return store.start_run(**kwargs)

    def finish_run(self, run_id: str, **kwargs: Any) -> None:
        """See :meth:`Store.finish_run`."""
        with self._open() as store:
            store.finish_run(run_id, **kwargs)

    def coded_ids(self, ids: Iterable[str], pipeline_version: str) -> set[str]:
        """See :meth:`Store.coded_ids`."""
        with self._open() as store:
            return store.coded_ids(ids, pipeline_version)

    def write_rows(self, rows: dict[str, dict[str, list[Any]]]) -> None:
        """See :meth:`Store.write_rows`: one batch, one transaction, then the file is free."""
        with self._open() as store:
            store.write_rows(rows)

    def write_batch(self, coded: Any, **kwargs: Any) -> None:
        """See :meth:`Store.write_batch`."""
        with self._open() as store:
            store.write_batch(coded, **kwargs)

    def counts(self) -> dict[str, int]:
        """See :meth:`Store.counts`."""
        with self._open() as store:
            return store.counts()

    def close(self) -> None:
        """Nothing to close: the file is only open inside a call."""

    def __enter__(self) -> SharedStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
