"""Coding a stream of inputs into the store: batching, skipping and resuming.

Everything here wraps ``code_article``'s batch form. Articles are read lazily, cut
into batches, and each batch is written in one transaction, so a killed run loses at
most the batch in flight; the next run skips every article already coded with the
same pipeline version and carries on where it stopped.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from spacy.language import Language

from dyads.knowledge import Knowledge
from dyads.nlp import parse_articles
from dyads.pipeline import MAX_CHARS, code_doc
from dyads.records import Article, Coded, Reject
from dyads.store import Store

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
    reject_reasons: list[str] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return self.coded / self.seconds if self.seconds > 0 else 0.0

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
            "articles_per_second": round(self.articles_per_second, 3),
        }


def code_into_store(
    items: Iterable[Article | Reject],
    store: Store,
    nlp: Language,
    knowledge: Knowledge,
    *,
    inputs: list[str],
    batch_size: int = 32,
    on_batch: Callable[[RunStats], None] | None = None,
    workers: int = 1,
    worker_setup: WorkerSetup | None = None,
) -> RunStats:
    """Code ``items`` (from ``dyads.read.read_inputs``) into ``store``.

    Args:
        items (Iterable[Article | Reject]): articles and input-level rejects.
        store (Store): an open, writable store.
        nlp (Language): the spaCy pipeline.
        knowledge (Knowledge): the loaded knowledge.
        inputs (list[str]): the input paths, recorded in ``runs``.
        batch_size (int): articles per transaction. Defaults to 32.
        on_batch (Callable | None): called with the running stats after each batch.
        workers (int): processes that code in parallel (1 = in this process). The
            driver keeps reading, skipping and writing; workers only run ``code_doc``.
        worker_setup (WorkerSetup | None): how a worker loads the model and
            knowledge; needed when ``workers > 1``.

    RETURNS (RunStats): what the run did.
    """
    stats = RunStats()
    started = time.perf_counter()
    run_id = store.start_run(
        pipeline_version=knowledge.version,
        config={
            "batch_size": batch_size,
            "model": nlp.meta.get("name"),
            "lexicon": knowledge.lexicon.source,
        },
        inputs=inputs,
    )

    def todo_batches() -> Iterator[tuple[list[Article], list[Reject]]]:
        for articles, rejects in _batches(items, batch_size):
            stats.read += len(articles)
            done = store.coded_ids([a.id for a in articles], knowledge.version)
            todo = [a for a in articles if a.id not in done]
            stats.skipped += len(articles) - len(todo)
            yield todo, rejects

    if workers > 1:
        if worker_setup is None:
            raise ValueError("workers > 1 needs a worker_setup")
        results = _code_in_processes(todo_batches(), workers, worker_setup)
    else:
        results = (
            (list(_code_safely(todo, nlp, knowledge, rejects)), rejects)
            for todo, rejects in todo_batches()
        )
    for coded, rejects in results:
        store.write_batch(coded, run_id=run_id, pipeline_version=knowledge.version, rejects=rejects)
        _count(stats, coded, rejects)
        stats.seconds = time.perf_counter() - started
        if on_batch is not None:
            on_batch(stats)
    stats.seconds = time.perf_counter() - started
    store.finish_run(run_id, stats=stats.to_dict())
    return stats


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker process needs to rebuild the coder: model name and data files."""

    model: str | None = None
    actors: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()  # PETRARCH verb dictionaries


_WORKER: tuple[Language, Knowledge] | None = None


def _init_worker(setup: WorkerSetup) -> None:
    """Load the model and knowledge once per worker process."""
    global _WORKER
    from dyads.knowledge import load_knowledge
    from dyads.nlp import load_nlp

    _WORKER = (load_nlp(setup.model), load_knowledge(actors=setup.actors, verbs=setup.verbs))


def _code_batch_in_worker(articles: list[Article]) -> tuple[list[Coded], list[Reject]]:
    assert _WORKER is not None, "worker not initialised"
    nlp, knowledge = _WORKER
    rejects: list[Reject] = []
    return list(_code_safely(articles, nlp, knowledge, rejects)), rejects


def _code_in_processes(
    batches: Iterator[tuple[list[Article], list[Reject]]], workers: int, setup: WorkerSetup
) -> Iterator[tuple[list[Coded], list[Reject]]]:
    """Code batches in a process pool, yielding results in input order.

    At most two batches per worker are in flight, so memory does not grow with the
    input. Workers are started with "spawn": the driver holds an open DuckDB
    connection and its threads, which must not be forked.
    """
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(setup,)
    ) as pool:
        pending: deque[tuple[Future[tuple[list[Coded], list[Reject]]], list[Reject]]] = deque()
        for todo, rejects in batches:
            pending.append((pool.submit(_code_batch_in_worker, todo), rejects))
            while len(pending) > 2 * workers:
                yield _collect(pending.popleft())
        while pending:
            yield _collect(pending.popleft())


def _collect(
    item: tuple[Future[tuple[list[Coded], list[Reject]]], list[Reject]],
) -> tuple[list[Coded], list[Reject]]:
    future, rejects = item
    coded, worker_rejects = future.result()
    return coded, rejects + worker_rejects


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


def _count(stats: RunStats, coded: list[Coded], rejects: list[Reject]) -> None:
    stats.coded += len(coded)
    for c in coded:
        stats.events += len(c.events)
        stats.quotes += len(c.quotes)
        stats.positions += len(c.positions)
        stats.rejects += len(c.rejects)
        stats.reject_reasons.extend(f"{r.origin or c.article.id}: {r.reason}" for r in c.rejects)
    stats.rejects += len(rejects)
    stats.reject_reasons.extend(
        f"{r.origin}{f':{r.record}' if r.record else ''}: {r.reason}" for r in rejects
    )
