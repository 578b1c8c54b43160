"""The Dask runner: the same per-batch coding, mapped over a Dask cluster.

``dyads code --workers N`` starts a local cluster of N single-threaded worker
processes; ``--scheduler tcp://HOST:PORT`` uses a running cluster (on Slurm or PBS,
start one with dask-jobqueue). Each worker loads the model and knowledge once
(``dyads.batch.load_for_worker``), codes a batch with ``dyads.batch.code_rows`` -- the
function the in-process runner calls -- and writes the rows as Parquet shards, one
file per table. The driver keeps reading, skipping and writing: it loads each
batch's shards into DuckDB in one transaction, in input order, then deletes them.
DuckDB reads the tables from the files itself; of them the driver sees only the ids,
dates and deduplication keys that each worker sends back (``shard_rows``).
So the distributed path gives the same records as the local one, and a killed run
resumes the same way.

Shards are written next to the database (``<db>.shards/<run id>/``): workers on other
machines must see that folder (a shared file system), as they must have dyads and
the model installed. Dask is imported only here, and only when this runner is used.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import duckdb

from dyads.batch import (
    Batch,
    Rows,
    Runner,
    Started,
    Stopped,
    WorkerSetup,
    chunks,
    code_rows,
    in_flight,
    load_for_worker,
    merge_rows,
)
from dyads.errors import UsageError
from dyads.store.duckdb import _COLUMNS, SHARD_FILES, batch_rows

log = logging.getLogger(__name__)

#: Seconds to wait for a scheduler given with ``--scheduler``.
CONNECT_TIMEOUT = 10


def dask_runner(
    setup: WorkerSetup,
    shard_dir: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Runner:
    """A runner that codes batches on Dask and hands back their rows via Parquet.

    Args:
        setup (WorkerSetup): what each worker loads (model, actor and verb files).
        shard_dir (Path): folder for the shards; made when needed, removed at the end
            when empty.
        workers (int | None): start a local cluster of this many processes.
        scheduler (str | None): or connect to the scheduler at this address.

    RETURNS (Runner): for ``dyads.batch.code_into_store``.
    """
    if (workers is None) == (scheduler is None):
        raise ValueError("give exactly one of workers and scheduler")

    def run(
        batches: Iterator[Batch], run_id: str, version: str
    ) -> Iterator[Rows | Started | Stopped]:
        folder = shard_dir / run_id
        with ExitStack() as stack:
            client: Any = None
            tasks = 2
            pending: deque[list[Any]] = deque()  # per batch, its tasks (batch.chunks)
            for n, batch in enumerate(batches):
                if not batch[0]:  # nothing to code: no need to bother the cluster
                    pending.append([batch_rows([], batch[1], run_id=run_id, version=version)])
                else:
                    if client is None:  # start the cluster only when there is work
                        started = time.perf_counter()
                        client = stack.enter_context(_client(workers, scheduler))
                        stack.callback(_remove_empty, folder)
                        tasks = 2 * max(1, len(client.scheduler_info()["workers"]))
                        folder.mkdir(parents=True, exist_ok=True)
                        client.run(_load, setup)  # load the model on every worker now
                        yield Started(time.perf_counter() - started)
                    pending.append(
                        [
                            client.submit(
                                code_to_shards,
                                setup,
                                part,
                                run_id,
                                version,
                                str(folder / f"{n:07d}-{k:03d}"),
                                pure=False,
                            )
                            for k, part in enumerate(chunks(batch))
                        ]
                    )
                while in_flight(pending, tasks):
                    yield from _written(pending.popleft())
            while pending:
                yield from _written(pending.popleft())
            stopping = time.perf_counter()
        if client is not None:  # closing a local cluster takes about a second
            yield Stopped(time.perf_counter() - stopping)

    return run


def check_scheduler(address: str) -> None:
    """Fail early, before any database is touched, when ``address`` has no scheduler."""
    with _client(None, address):
        pass


def code_to_shards(
    setup: WorkerSetup, batch: Batch, run_id: str, version: str, prefix: str
) -> Rows:
    """Code one batch on a worker and write its rows as Parquet, one file per table.

    RETURNS (Rows): what the driver needs to load them (``shard_rows``).
    """
    nlp, knowledge = load_for_worker(setup)
    rows = code_rows(*batch, nlp, knowledge, run_id=run_id, version=version)
    return shard_rows(rows, write_shards(rows, prefix))


def write_shards(rows: Rows, prefix: str) -> dict[str, str]:
    """Write each non-empty table of ``rows`` to ``<prefix>-<table>.parquet``.

    Columns keep the store's types (JSON travels as text), so reading a shard back
    gives the values ``batch_rows`` made.
    """
    paths: dict[str, str] = {}
    con = duckdb.connect()
    try:
        for table, columns in rows.items():
            spec = _COLUMNS[table]
            if not columns[spec[0][0]]:
                continue
            selects = ", ".join(
                f'unnest(?::{"VARCHAR" if kind == "JSON" else kind}[]) AS "{name}"'
                for name, kind in spec
            )
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE shard AS SELECT {selects}",
                [columns[name] for name, _ in spec],
            )
            path = f"{prefix}-{table}.parquet"
            con.execute(f"COPY shard TO '{_quoted(path)}' (FORMAT parquet)")
            paths[table] = path
    finally:
        con.close()
    return paths


# What the driver reads of each table: ids to delete and count, what deduplication
# keys on; every other column goes from the shard to DuckDB directly. Rejects are few,
# and counted with their reasons: they travel whole (and load from their file).
_DRIVER_COLUMNS = {
    "articles": ("id", "date"),
    "events": ("id", "dedup_key", "date", "doc_id"),
    "mentions": (),
    "quotes": ("id",),
    "positions": ("id",),
    "actors": (),
}


def shard_rows(rows: Rows, paths: dict[str, str]) -> Rows:
    """The rows of a batch whose shards are ``paths``, as ``Store.write_rows`` takes
    them: every table's file under ``SHARD_FILES``, and of the tables only the columns
    the driver reads. A worker sends this small part back with its task's result, so
    the driver reads no shard itself."""
    kept: Rows = {
        table: {name: columns[name] for name in _DRIVER_COLUMNS.get(table, columns)}
        for table, columns in rows.items()
    }
    return {**kept, SHARD_FILES: {table: [path] for table, path in paths.items()}}


def _load(setup: WorkerSetup) -> None:
    """Load the model and knowledge on a worker, returning nothing: ``client.run``
    sends each worker's result back, and a whole pipeline would travel to the driver."""
    load_for_worker(setup)


def _written(tasks: list[Any]) -> Iterator[Rows]:
    """Yield the rows of a batch's finished tasks, then, once the caller has written
    them, remove their shards (a crash before that re-codes the batch)."""
    rows = merge_rows([_rows(task) for task in tasks])
    yield rows
    for paths in rows.get(SHARD_FILES, {}).values():
        for path in paths:
            Path(path).unlink(missing_ok=True)


def _rows(item: Any) -> Rows:
    """The rows of a finished task: built by the driver, or sent by a worker."""
    if isinstance(item, dict):
        return item
    rows: Rows = item.result()
    return rows


def _client(workers: int | None, scheduler: str | None) -> Any:
    """A Dask client for a new local cluster or an existing scheduler (imported lazily)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:  # pragma: no cover - dask is a dependency
        raise UsageError(
            "--workers and --scheduler need Dask: pip install 'dask[distributed]'"
        ) from err
    if scheduler is not None:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT)
        except OSError as err:
            raise UsageError(
                f"--scheduler {scheduler}: could not reach a Dask scheduler there ({err})."
            ) from err
    import dask

    # Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536 so that they hand memory
    # back; that also pins glibc's mmap threshold, so every activation array spaCy
    # makes is a fresh mapping: a tenth more user time and 4 s of system time per 100
    # articles here, against the same code in one process. Our workers keep a steady
    # model in memory and need no trimming.
    environ = {
        key: value
        for key, value in dask.config.get("distributed.nanny.pre-spawn-environ").items()
        if key != "MALLOC_TRIM_THRESHOLD_"
    }
    # Each worker's statistical profiler wakes every 10 ms to walk the coding thread's
    # stack, taking the GIL from it: about 4% of a worker's time, for a profile only
    # the dashboard shows.
    settings = {
        "distributed.nanny.pre-spawn-environ": environ,
        "distributed.worker.profile.enabled": False,
    }
    with dask.config.set(settings):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: never clashes with a running cluster
            scheduler_port=0,
            silence_logs=logging.ERROR,
        )
    return _OwnedClient(Client(cluster), cluster)


class _OwnedClient:
    """A client that also shuts its local cluster down when the context ends."""

    def __init__(self, client: Any, cluster: Any) -> None:
        self.client, self.cluster = client, cluster

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()


def _remove_empty(folder: Path) -> None:
    """Remove the run's shard folder (and its parent) once the shards are loaded."""
    for path in (folder, folder.parent):
        try:
            path.rmdir()
        except OSError:  # not empty (a failed batch left shards) or already gone
            log.debug("kept %s", path)


def _quoted(path: str) -> str:
    return path.replace("'", "''")


def shard_dir_for(db: Path) -> Path:
    """Where the shards of a run into ``db`` go: ``<db>.shards`` beside it."""
    return db.with_name(db.name + ".shards")


__all__ = [
    "check_scheduler",
    "code_to_shards",
    "dask_runner",
    "shard_dir_for",
    "shard_rows",
    "write_shards",
]
