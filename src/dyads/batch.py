"""Coding a stream of inputs into the store: batching, skipping and resuming.

Everything here wraps ``code_article``'s batch form. Articles are read lazily, cut
into batches, and each batch is written in one transaction, so a killed run loses at
most the batch in flight; the next run skips every article already coded with the
same pipeline version and carries on where it stopped.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dyads.knowledge import Knowledge
from dyads.records import Article, Coded, Reject
from dyads.store import Store
from dyads.store.duckdb import batch_rows

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)


@dataclass
class RunStats:
    """Counts of one run, shown in the CLI summary and stored in ``runs``."""

    read: int = 0
    coded: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    positions: int = 0
    rejects: int = 0
    seconds: float = 0.0
    startup_seconds: float = 0.0  # part of ``seconds``: loading models, starting workers
    shutdown_seconds: float = 0.0  # part of ``seconds``: stopping workers
    reject_reasons: list[str] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return self.coded / self.seconds if self.seconds > 0 else 0.0

    @property
    def coding_articles_per_second(self) -> float:
        """Articles per second once started and before stopping: what a longer run
        tends to."""
        coding = self.seconds - self.startup_seconds - self.shutdown_seconds
        return self.coded / coding if coding > 0 else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "read": self.read,
            "coded": self.coded,
            "skipped": self.skipped,
            "events": self.events,
            "quotes": self.quotes,
            "positions": self.positions,
            "rejects": self.rejects,
            "seconds": round(self.seconds, 3),
            "startup_seconds": round(self.startup_seconds, 3),
            "shutdown_seconds": round(self.shutdown_seconds, 3),
            "articles_per_second": round(self.articles_per_second, 3),
        }


Rows = dict[str, dict[str, list[Any]]]
"""Column lists per table, as ``dyads.store.duckdb.batch_rows`` builds them."""
Batch = tuple[list[Article], list[Reject]]
"""Articles still to code, and the input-level rejects read with them."""


@dataclass(frozen=True)
class Started:
    """What a runner yields, before its first rows, when it had to start up: load the
    model and knowledge, or start its workers. The run's stats keep the seconds apart
    (``RunStats.startup_seconds``), so coding speed can be told from start-up cost."""

    seconds: float


@dataclass(frozen=True)
class Stopped:
    """What a runner yields, after its last rows, when it had to stop its workers
    (``RunStats.shutdown_seconds``, kept apart from coding like start-up)."""

    seconds: float


Runner = Callable[[Iterator[Batch], str, str], Iterator[Rows | Started | Stopped]]
"""Codes batches into rows: ``runner(batches, run_id, version)`` yields one ``Rows``
per batch, in input order (and may yield ``Started`` first and ``Stopped`` last). The
in-process,
process-pool and Dask runners all do this, so the driver's reading, skipping and
writing is the same for all of them."""


def code_into_store(
    items: Iterable[Article | Reject],
    store: Store,
    nlp: Language | None,
    knowledge: Knowledge,
    *,
    inputs: list[str],
    batch_size: int = 32,
    on_batch: Callable[[RunStats], None] | None = None,
    runner: Runner | None = None,
    model: str | None = None,
) -> RunStats:
    """Code ``items`` (from ``dyads.read.read_inputs``) into ``store``.

    The driver (this function) reads lazily, drops articles already coded with this
    pipeline version, hands the rest to ``runner`` and writes each batch's rows in one
    transaction, in input order. Memory stays flat: runners keep only a few batches
    in flight.

    Args:
        items (Iterable[Article | Reject]): articles and input-level rejects.
        store (Store): an open, writable store.
        nlp (Language | None): the spaCy pipeline for the in-process runner; None
            when ``runner`` loads its own.
        knowledge (Knowledge): the loaded knowledge (its version decides skipping).
        inputs (list[str]): the input paths, recorded in ``runs``.
        batch_size (int): articles per transaction. Defaults to 32.
        on_batch (Callable | None): called with the running stats after each batch.
        runner (Runner | None): how batches are coded: ``local_runner`` (the
            default, in this process), ``process_runner`` or
            ``dyads.distributed.dask_runner``.
        model (str | None): the model name recorded in ``runs`` when ``nlp`` is None.

    RETURNS (RunStats): what the run did.
    """
    if runner is None:
        if nlp is None:
            raise ValueError("code_into_store needs nlp or a runner")
        runner = local_runner(nlp, knowledge)
    stats = RunStats()
    started = time.perf_counter()
    version = knowledge.version
    run_id = store.start_run(
        pipeline_version=version,
        config={
            "batch_size": batch_size,
            "model": nlp.meta.get("name") if nlp is not None else model,
            "lexicon": knowledge.lexicon.source,
        },
        inputs=inputs,
    )

    def todo_batches() -> Iterator[Batch]:
        for articles, rejects in _batches(items, batch_size):
            stats.read += len(articles)
            done = store.coded_ids([a.id for a in articles], version)
            todo = [a for a in articles if a.id not in done]
            stats.skipped += len(articles) - len(todo)
            yield todo, rejects

    with closing(runner(todo_batches(), run_id, version)) as results:
        for rows in results:
            if isinstance(rows, Started):
                stats.startup_seconds += rows.seconds
                continue
            if isinstance(rows, Stopped):
                stats.shutdown_seconds += rows.seconds
                continue
            store.write_rows(rows)
            _count(stats, rows)
            stats.seconds = time.perf_counter() - started
            if on_batch is not None:
                on_batch(stats)
    stats.seconds = time.perf_counter() - started
    store.finish_run(run_id, stats=stats.to_dict())
    return stats


def local_runner(nlp: Language, knowledge: Knowledge) -> Runner:
    """Code every batch in this process."""

    def run(batches: Iterator[Batch], run_id: str, version: str) -> Iterator[Rows]:
        for todo, rejects in batches:
            yield code_rows(todo, rejects, nlp, knowledge, run_id=run_id, version=version)

    return run


def code_rows(
    articles: list[Article],
    rejects: list[Reject],
    nlp: Language,
    knowledge: Knowledge,
    *,
    run_id: str,
    version: str,
) -> Rows:
    """Code one batch and build its rows; what every runner does per batch."""
    found = list(rejects)
    coded = list(_code_safely(articles, nlp, knowledge, found))
    return batch_rows(coded, found, run_id=run_id, version=version)


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker process needs to rebuild the coder: model name and data files."""

    model: str | None = None
    actors: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()  # PETRARCH verb dictionaries
    issues: str | None = None  # a replacement issue taxonomy


_LOADED: dict[WorkerSetup, tuple[Language, Knowledge]] = {}


def load_for_worker(setup: WorkerSetup) -> tuple[Language, Knowledge]:
    """The model and knowledge of ``setup``, loaded once per process and then reused."""
    if setup not in _LOADED:
        from dyads.knowledge import load_knowledge
        from dyads.nlp import load_nlp
        from dyads.pipeline import warm_up

        nlp = load_nlp(setup.model)
        knowledge = load_knowledge(actors=setup.actors, verbs=setup.verbs, issues=setup.issues)
        warm_up(nlp, knowledge)
        _LOADED[setup] = (nlp, knowledge)
    return _LOADED[setup]


def _code_batch_in_worker(setup: WorkerSetup, batch: Batch, run_id: str, version: str) -> Rows:
    nlp, knowledge = load_for_worker(setup)
    return code_rows(*batch, nlp, knowledge, run_id=run_id, version=version)


def process_runner(processes: int, setup: WorkerSetup) -> Runner:
    """Code batches in a local pool of ``processes`` processes (0 = one per core).

    Each batch is coded as tasks of :data:`CHUNK_ARTICLES` articles, and about two
    tasks per process are in flight, so memory does not grow with the input. Batches
    with nothing left to code never reach the pool, and the pool only starts when
    there is work, so re-running a coded corpus stays fast. Workers are
    started with "spawn": the driver holds an open DuckDB connection and its threads,
    which must not be forked.
    """
    size = processes or os.cpu_count() or 1

    def run(batches: Iterator[Batch], run_id: str, version: str) -> Iterator[Rows]:
        with ExitStack() as stack:
            pool: ProcessPoolExecutor | None = None
            pending: deque[list[Future[Rows]]] = deque()  # per batch, its tasks' futures
            for batch in batches:
                if not batch[0]:  # nothing to code: the driver writes its rejects itself
                    rows = batch_rows([], batch[1], run_id=run_id, version=version)
                    pending.append([_done(rows)])
                else:
                    if pool is None:
                        context = multiprocessing.get_context("spawn")
                        pool = stack.enter_context(ProcessPoolExecutor(size, mp_context=context))
                    pending.append(
                        [
                            pool.submit(_code_batch_in_worker, setup, part, run_id, version)
                            for part in chunks(batch)
                        ]
                    )
                while in_flight(pending, 2 * size):
                    yield merge_rows([task.result() for task in pending.popleft()])
            while pending:
                yield merge_rows([task.result() for task in pending.popleft()])

    return run


CHUNK_ARTICLES = 8
"""Articles per task of the parallel runners. A batch (one transaction, 32 articles by
default) is coded as several tasks whose rows are merged back, so two workers share
even a short run evenly: whole batches left one worker idle for a quarter of a
200-article run. Eight articles are still some hundreds of paragraphs per task."""


def chunks(batch: Batch, size: int | None = None) -> list[Batch]:
    """Cut a batch into tasks of ``size`` articles (default :data:`CHUNK_ARTICLES`);
    the input rejects go with the first."""
    size = size or CHUNK_ARTICLES
    articles, rejects = batch
    parts = [articles[i : i + size] for i in range(0, len(articles), size)] or [[]]
    return [(part, rejects if i == 0 else []) for i, part in enumerate(parts)]


def merge_rows(parts: list[Rows]) -> Rows:
    """The rows of a batch's tasks (:func:`chunks`) as one batch's rows, in order."""
    if len(parts) == 1:
        return parts[0]
    merged: Rows = {table: {name: [] for name in columns} for table, columns in parts[0].items()}
    for rows in parts:
        for table, columns in rows.items():
            for name, values in columns.items():
                merged[table].setdefault(name, []).extend(values)
    return merged


def in_flight(pending: deque[list[Any]], tasks: int) -> bool:
    """Whether a runner may wait for its oldest batch: more than ``tasks`` tasks are out."""
    return len(pending) > 1 and sum(len(entry) for entry in pending) > tasks


def _done(rows: Rows) -> Future[Rows]:
    future: Future[Rows] = Future()
    future.set_result(rows)
    return future


def _batches(
    items: Iterable[Article | Reject], size: int
) -> Iterator[tuple[list[Article], list[Reject]]]:
    articles: list[Article] = []
    rejects: list[Reject] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Reject):
            rejects.append(item)
            continue
        if item.id in seen:  # the same article twice in one input: code it once
            continue
        seen.add(item.id)
        articles.append(item)
        if len(articles) >= size:
            yield articles, rejects
            articles, rejects = [], []
    if articles or rejects:
        yield articles, rejects


def _code_safely(
    articles: list[Article], nlp: Language, knowledge: Knowledge, rejects: list[Reject]
) -> Iterator[Coded]:
    """Code each article; a bug on one article becomes a reject, not a stopped run."""
    # imported here: a run that skips every article never needs spaCy or the coders
    from dyads.nlp import parse_articles
    from dyads.pipeline import MAX_CHARS, code_doc

    docs = parse_articles(nlp, [a.text[:MAX_CHARS] for a in articles])
    for article, doc in zip(articles, docs, strict=True):
        try:
            yield code_doc(article, doc, knowledge)
        except Exception as err:  # one odd article must not stop a long run
            log.exception("coding failed for %s", article.id)
            rejects.append(
                Reject(
                    origin=article.origin,
                    record=article.record,
                    doc_id=article.id,
                    reason=f"internal error while coding ({type(err).__name__}: {err}); "
                    "please report it with this article",
                )
            )


def _count(stats: RunStats, rows: Rows) -> None:
    """Add one written batch to the stats; counted from its rows, as the store holds them."""
    stats.coded += len(rows["articles"]["id"])
    stats.events += len(rows["events"]["id"])
    stats.quotes += len(rows["quotes"]["id"])
    stats.positions += len(rows["positions"]["id"])
    rejects = rows["rejects"]
    stats.rejects += len(rejects["id"])
    for origin, record, doc_id, reason in zip(
        rejects["origin"], rejects["record"], rejects["doc_id"], rejects["reason"], strict=True
    ):
        where = origin or doc_id or "input"
        stats.reject_reasons.append(f"{where}{f':{record}' if record else ''}: {reason}")
