"""DuckDB storage: open or create a dyads database, write coded batches, track runs.

The store is the one place that writes (DESIGN.md §6). Reads for the CLI, the web API
and the exporters live in ``store/queries.py`` and take a plain DuckDB connection.

Writes are per batch, in one transaction. Rows are keyed by article id: writing a
``Coded`` first deletes every row of that article in every table, so coding an article
again (with a new pipeline version, say) replaces its rows and never duplicates them.
In the same transaction the store regroups the event reports of the keys the write
touches into clusters and points their mentions at them (``store/dedup.py``: GDELT's
one event, many mentions), so the result does not depend on the order of the writes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from ..errors import DyadsError, message
from ..records import Actor, Coded, Reject, content_hash
from . import dedup, pairs
from .migrate import MIGRATABLE, migrate
from .queries import TABLES, counts
from .sql import actor_keys

SCHEMA_VERSION = 5
"""Version of ``schema.sql``; bump it (and add a migration) when the schema changes."""

# Columns written by ``write_batch``, with the DuckDB type of each; must match
# schema.sql (tests/store/test_duckdb.py checks it). Rows are inserted column-wise, one
# list per column, unnested in SQL: executemany() is ~200x slower on 100k rows.
_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("id", "VARCHAR"),
        ("date", "DATE"),
        ("date_raw", "VARCHAR"),
        ("source", "VARCHAR"),
        ("url", "VARCHAR"),
        ("title", "VARCHAR"),
        ("text", "VARCHAR"),
        ("origin", "VARCHAR"),
        ("record", "BIGINT"),
        ("pipeline_version", "VARCHAR"),
        ("run_id", "VARCHAR"),
        ("coded_at", "TIMESTAMP"),
        ("tone", "DOUBLE"),
    ),
    "events": (
        ("id", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("date", "DATE"),
        ("date_raw", "VARCHAR"),
        ("date_text", "VARCHAR"),
        ("cameo", "VARCHAR"),
        ("root", "VARCHAR"),
        ("plover", "VARCHAR"),
        ("mode", "VARCHAR"),
        ("goldstein", "DOUBLE"),
        ("quad_class", "TINYINT"),
        ("negated", "BOOLEAN"),
        ("modality", "VARCHAR"),
        ("source_codes", "VARCHAR[]"),
        ("target_codes", "VARCHAR[]"),
        ("source_countries", "VARCHAR[]"),
        ("target_countries", "VARCHAR[]"),
        ("source", "JSON"),
        ("target", "JSON"),
        ("location", "JSON"),
        ("sentence", "VARCHAR"),
        ("span_start", "INTEGER"),
        ("span_end", "INTEGER"),
        ("evidence", "JSON"),
        ("cluster_id", "VARCHAR"),
        ("dedup_key", "BIGINT"),
        ("source_keys", "VARCHAR[]"),
        ("target_keys", "VARCHAR[]"),
        ("num_mentions", "INTEGER"),
        ("num_articles", "INTEGER"),
        ("num_sources", "INTEGER"),
    ),
    "mentions": (
        ("event_id", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("date", "DATE"),
        ("event_date", "DATE"),
        ("sentence", "VARCHAR"),
        ("span_start", "INTEGER"),
        ("span_end", "INTEGER"),
        ("report_id", "VARCHAR"),
    ),
    "quotes": (
        ("id", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("date", "DATE"),
        ("kind", "VARCHAR"),
        ("text", "VARCHAR"),
        ("span_start", "INTEGER"),
        ("span_end", "INTEGER"),
        ("speaker", "JSON"),
        ("speaker_code", "VARCHAR"),
        ("speaker_country", "VARCHAR"),
        ("speaker_name", "VARCHAR"),
        ("speaker_text", "VARCHAR"),
        ("cue", "VARCHAR"),
        ("sentence_ids", "INTEGER[]"),
        ("evidence", "JSON"),
    ),
    "positions": (
        ("id", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("date", "DATE"),
        ("date_raw", "VARCHAR"),
        ("actor", "JSON"),
        ("actor_code", "VARCHAR"),
        ("actor_country", "VARCHAR"),
        ("actor_name", "VARCHAR"),
        ("issue_id", "VARCHAR"),
        ("issue_label", "VARCHAR"),
        ("stance", "DOUBLE"),
        ("claim_text", "VARCHAR"),
        ("evidence", "JSON"),
        ("actor_keys", "VARCHAR[]"),
    ),
    "actors": (
        ("doc_id", "VARCHAR"),
        ("text", "VARCHAR"),
        ("name", "VARCHAR"),
        ("country", "VARCHAR"),
        ("sector", "VARCHAR"),
        ("code", "VARCHAR"),
        ("kb_id", "VARCHAR"),
        ("evidence", "VARCHAR"),
        ("span_start", "INTEGER"),
        ("span_end", "INTEGER"),
        ("sentence_id", "INTEGER"),
    ),
    "rejects": (
        ("id", "VARCHAR"),
        ("origin", "VARCHAR"),
        ("record", "BIGINT"),
        ("reason", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("run_id", "VARCHAR"),
        ("pipeline_version", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
    ),
}

# Tables whose rows belong to one article through ``doc_id``.
_DOC_TABLES = ("events", "mentions", "quotes", "positions", "actors", "rejects")

SHARD_FILES = "_shard_files"
"""A key of ``write_rows``' rows that names Parquet files holding whole tables:
``{table: [path, ...]}``, written like ``dyads.distributed.write_shards`` writes them.
Those tables are loaded by DuckDB straight from the files; their entries in the rows
need only the columns the driver reads (ids, dedup keys and dates)."""
# Where a new report's cluster goes, in the two tables that carry it.
_CLUSTER_COLUMNS = {"events": ("cluster_id", "id"), "mentions": ("event_id", "report_id")}


class Store:
    """A dyads DuckDB database: schema, batch writes, runs and resume.

    Args:
        path (str | Path): the database file; created with the schema on first use.
            ``":memory:"`` gives a throw-away database.
        read_only (bool): open without the right to write, and create nothing; the file
            must exist and hold a dyads schema. Defaults to False.
        dedup_window_days (int | None): reports of the same event whose dates differ by
            at most this many days are one event (``store/dedup.py``). The database keeps
            the window it was created with (``meta``); passing another one to a writable
            store stores it and regroups every event. None keeps the stored window
            (default for a new database: ``dedup.DEFAULT_WINDOW_DAYS``, 1).

    Raises:
        DyadsError: the file is missing (read-only), is not a DuckDB database, is locked
            by another process, or was written by a newer dyads (schema version); or the
            window is negative.

    Example:
        >>> with Store("dyads.duckdb") as store:
        ...     run = store.start_run(pipeline_version="0.1.0", config={}, inputs=["a.txt"])
        ...     store.write_batch(coded, run_id=run, pipeline_version="0.1.0")
        ...     store.finish_run(run, stats={"articles": len(coded)})
    """

    con: duckdb.DuckDBPyConnection

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        dedup_window_days: int | None = None,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        if dedup_window_days is not None and (
            not isinstance(dedup_window_days, int) or dedup_window_days < 0
        ):
            raise DyadsError(
                message(
                    f"Deduplication window {dedup_window_days!r}",
                    "a whole number of days >= 0",
                    "Pass 0 for same-day only, 1 for the day before or after.",
                )
            )
        self.dedup_window_days = dedup.DEFAULT_WINDOW_DAYS
        in_memory = self.path == ":memory:"
        if read_only and not in_memory and not Path(self.path).is_file():
            raise DyadsError(
                message(
                    f"Database {self.path!r} does not exist",
                    "an existing dyads DuckDB file",
                    "Check the --db path, or run `dyads code` first to create it.",
                )
            )
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise DyadsError(
                message(
                    f"Cannot open {self.path!r} as a DuckDB database ({_first_line(exc)})",
                    "a DuckDB database file that no other process is writing",
                    "Check the --db path; pass a new file name to create a fresh database.",
                )
            ) from exc
        try:
            self._ensure_schema()
            self._ensure_window(dedup_window_days)
        except BaseException:
            self.con.close()
            raise

    # -- lifecycle -----------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; calling it twice is harmless."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _ensure_schema(self) -> None:
        tables = {
            row[0]
            for row in self.con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' AND table_catalog = current_database()"
            ).fetchall()
        }
        if "meta" not in tables:
            self._create_schema(tables)
            return
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row and str(row[0]).isdigit() else None
        if version is None:
            raise DyadsError(
                message(
                    f"{self.path!r} has a `meta` table without a schema_version",
                    "a database created by dyads",
                    "Pass a new --db file name; dyads will create its schema there.",
                )
            )
        if version > SCHEMA_VERSION:
            raise DyadsError(
                message(
                    f"{self.path!r} has dyads schema version {version}, written by a newer dyads",
                    f"schema version {SCHEMA_VERSION} or older",
                    "Upgrade dyads (pip install -U dyads) to read it.",
                )
            )
        if version in MIGRATABLE and not self.read_only:
            migrate(self.con, version, self._stored_window() or dedup.DEFAULT_WINDOW_DAYS)
            return
        if version in MIGRATABLE:
            raise DyadsError(
                message(
                    f"{self.path!r} has dyads schema version {version}",
                    f"schema version {SCHEMA_VERSION}",
                    "Open it once without --read-only (e.g. run `dyads code` on it) to "
                    "upgrade it in place.",
                )
            )
        if version < SCHEMA_VERSION:
            raise DyadsError(
                message(
                    f"{self.path!r} has dyads schema version {version}",
                    f"schema version {SCHEMA_VERSION}",
                    "Re-code the input into a new --db file.",
                )
            )

    def _create_schema(self, existing: set[str]) -> None:
        if self.read_only:
            raise DyadsError(
                message(
                    f"{self.path!r} is a DuckDB database without a dyads schema",
                    "a database created by dyads",
                    "Check the --db path, or run `dyads code` first to create it.",
                )
            )
        clash = sorted(existing & set(TABLES))
        if clash:
            raise DyadsError(
                message(
                    f"{self.path!r} already has tables {', '.join(clash)} but no dyads schema",
                    "a new file or a database created by dyads",
                    "Pass a new --db file name.",
                )
            )
        sql = resources.files("dyads.store").joinpath("schema.sql").read_text(encoding="utf-8")
        self.con.begin()
        try:
            self.con.execute(sql)
            self.con.execute(
                "INSERT INTO meta VALUES ('schema_version', ?), ('created_at', ?), "
                "('dedup_window_days', ?), (?, '0'), (?, '0')",
                [
                    str(SCHEMA_VERSION),
                    _now().isoformat(),
                    str(dedup.DEFAULT_WINDOW_DAYS),
                    pairs.WRITES,
                    pairs.BUILT_AT,  # the empty index of no events is fresh
                ],
            )
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def _stored_window(self) -> int | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = 'dedup_window_days'").fetchone()
        return int(row[0]) if row and str(row[0]).isdigit() else None

    def _ensure_window(self, wanted: int | None) -> None:
        """Use the database's window; store and apply ``wanted`` when it differs."""
        stored = self._stored_window()
        self.dedup_window_days = stored if stored is not None else dedup.DEFAULT_WINDOW_DAYS
        if wanted is None or wanted == stored or self.read_only:
            return
        self.dedup_window_days = wanted
        self.con.begin()
        try:
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('dedup_window_days', ?)", [str(wanted)]
            )
            self._regroup_all()
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    # -- reads ---------------------------------------------------------------------

    def coded_ids(self, ids: Iterable[str], pipeline_version: str) -> set[str]:
        """Return which of ``ids`` are already coded by ``pipeline_version``.

        The caller skips these articles, so a re-run is cheap and a killed run resumes.

        Args:
            ids (Iterable[str]): article ids (content hashes).
            pipeline_version (str): the version the caller would code them with.

        Returns:
            set[str]: the subset of ``ids`` stored with that pipeline version.
        """
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for start in range(0, len(wanted), 10_000):
            rows = self.con.execute(
                "SELECT id FROM articles WHERE pipeline_version = ? "
                "AND id IN (SELECT unnest(?::VARCHAR[]))",
                [pipeline_version, wanted[start : start + 10_000]],
            ).fetchall()
            found.update(row[0] for row in rows)
        return found

    def counts(self) -> dict[str, int]:
        """Return the number of rows in each table (``meta`` excepted)."""
        return counts(self.con)

    # -- writes --------------------------------------------------------------------

    def start_run(self, *, pipeline_version: str, config: dict[str, Any], inputs: list[str]) -> str:
        """Record the start of a run and return its id.

        Args:
            pipeline_version (str): the version of the coding pipeline.
            config (dict): the resolved config, stored as JSON with the run.
            inputs (list[str]): the input paths or URLs.

        Returns:
            str: the run id (a random uuid4 hex: a run is an occurrence, not content).
        """
        self._check_writable()
        run_id = uuid.uuid4().hex
        self.con.execute(
            "INSERT INTO runs (id, pipeline_version, config, inputs, started_at) "
            "VALUES (?, ?, ?::JSON, ?::VARCHAR[], ?)",
            [run_id, pipeline_version, _json(config), [str(i) for i in inputs], _now()],
        )
        return run_id

    def finish_run(self, run_id: str, *, stats: dict[str, Any]) -> None:
        """Record the end of a run and its statistics; bring the dyad index up to date.

        The dyad index (``store/pairs.py``) is rebuilt here, once per run, when the
        run's writes left it stale; a re-run that wrote nothing leaves it alone.

        Args:
            run_id (str): the id returned by ``start_run``.
            stats (dict): counts and timings, stored as JSON.

        Raises:
            DyadsError: no run has that id.
        """
        self._check_writable()
        row = self.con.execute(
            "UPDATE runs SET finished_at = ?, stats = ?::JSON WHERE id = ? RETURNING id",
            [_now(), _json(stats), run_id],
        ).fetchone()
        if row is None:
            raise DyadsError(
                message(
                    f"No run with id {run_id!r} in {self.path!r}",
                    "an id returned by start_run",
                    "Call start_run first and pass its result.",
                )
            )
        pairs.refresh(self.con)

    def write_batch(
        self,
        coded: Sequence[Coded],
        *,
        run_id: str,
        pipeline_version: str,
        rejects: Sequence[Reject] = (),
    ) -> None:
        """Write coded articles and rejects in one transaction.

        Each article first loses every row it already has, in every table, so coding it
        again replaces its rows. Rejects are keyed by (origin, record, reason, doc_id) (see
        ``reject_id``), so the same reject from a re-run replaces the old one; an article's
        own rejects are stored with its id as ``doc_id``. On any error nothing is written and the
        error is raised again.

        Args:
            coded (Sequence[Coded]): results of ``code_article``; when an article id occurs
                twice, the later one wins.
            run_id (str): the id from ``start_run``.
            pipeline_version (str): the version that coded them (used by ``coded_ids``).
            rejects (Sequence[Reject]): input-level rejects that have no article.
        """
        self._check_writable()
        by_id = {c.article.id: c for c in coded}
        rows = batch_rows(by_id.values(), rejects, run_id=run_id, version=pipeline_version)
        self.write_rows(rows)

    def write_rows(self, rows: dict[str, dict[str, list[Any]]]) -> None:
        """Write rows built by :func:`batch_rows` in one transaction.

        This is ``write_batch`` without the row building, for runners that build rows
        elsewhere (a Dask worker builds them and ships them as Parquet shards). Every
        article in ``rows["articles"]`` first loses the rows it already has.

        Between the two, the event reports of every grouping key the write touches
        (keys of the deleted rows and of the new ones) are clustered again
        (``store/dedup.py``): new reports are inserted with their cluster, and stored
        reports whose cluster changed get it in ``events.cluster_id`` and in their
        mention's ``event_id``.

        Tables named under :data:`SHARD_FILES` are read by DuckDB from their Parquet
        files instead of from the rows (a Dask driver then moves no table through
        Python), with the same clusters.

        Args:
            rows (dict): table name -> column name -> values, as :func:`batch_rows` gives.
        """
        self._check_writable()
        doc_ids = list(dict.fromkeys(rows["articles"]["id"]))
        if not doc_ids and not rows["rejects"]["id"]:
            return
        files: dict[str, list[Any]] = rows.get(SHARD_FILES, {})
        self.con.begin()
        try:
            keys = self._delete(doc_ids, rows["rejects"]["id"])
            pending = dedup.pending_reports(rows)
            keys.update(report[1] for report in pending)
            clusters = dedup.regroup(self.con, keys, self.dedup_window_days, pending)
            in_rows = {t: c for t, c in rows.items() if t in _COLUMNS and t not in files}
            if "events" in in_rows and "mentions" in in_rows:
                in_rows = dedup.with_clusters(in_rows, clusters)
            if files and clusters:  # one table of the new clusters, for both joins
                self.con.execute(
                    "CREATE OR REPLACE TEMP TABLE new_clusters AS "
                    "SELECT unnest(?::VARCHAR[]) AS report, unnest(?::VARCHAR[]) AS cluster",
                    [list(clusters), list(clusters.values())],
                )
            for table in _COLUMNS:
                if table in files:
                    self._insert_files(table, files[table], clustered=bool(clusters))
                elif table in in_rows:
                    self._insert(table, in_rows[table])
            dedup.recount(self.con, keys)
            pairs.count_write(self.con)
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def index_dyads(self, *, force: bool = False) -> bool:
        """Rebuild the dyad index (``store/pairs.py``) unless it is fresh, or ``force``.

        Returns:
            bool: whether it was rebuilt.
        """
        self._check_writable()
        if force:
            pairs.build(self.con)
            return True
        return pairs.refresh(self.con)

    def regroup(self) -> None:
        """Cluster every event report again, in one transaction.

        Writes keep the clusters up to date by themselves; this is for repairs and for
        a changed window (see ``dedup_window_days``).
        """
        self._check_writable()
        self.con.begin()
        try:
            self._regroup_all()
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def _regroup_all(self) -> None:
        dedup.regroup(self.con, None, self.dedup_window_days)
        dedup.recount(self.con, None)
        pairs.count_write(self.con)

    def _delete(self, doc_ids: list[str], reject_ids: list[str]) -> set[int]:
        """Delete the rows of these articles and rejects; return the deleted reports' keys."""
        keys: set[int] = set()
        if doc_ids:
            self.con.execute(
                "DELETE FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]
            )
            for table in _DOC_TABLES:
                returning = " RETURNING dedup_key" if table == "events" else ""
                found = self.con.execute(
                    f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[])){returning}",
                    [doc_ids],
                ).fetchall()
                keys.update(row[0] for row in found if returning and row[0] is not None)
        if reject_ids:
            self.con.execute(
                "DELETE FROM rejects WHERE id IN (SELECT unnest(?::VARCHAR[]))", [reject_ids]
            )
        return keys

    def _insert(self, table: str, columns: dict[str, list[Any]]) -> None:
        """Insert one table's rows, given column-wise, with one statement."""
        spec = _COLUMNS[table]
        if not columns[spec[0][0]]:
            return
        selects = ", ".join(
            "unnest(?::VARCHAR[])::JSON" if kind == "JSON" else f"unnest(?::{kind}[])"
            for _, kind in spec
        )
        names = ", ".join(name for name, _ in spec)
        self.con.execute(
            f"INSERT INTO {table} ({names}) SELECT {selects}",
            [columns[name] for name, _ in spec],
        )

    def _insert_files(self, table: str, paths: list[Any], *, clustered: bool) -> None:
        """Insert one table's rows from Parquet files. When ``clustered``, new reports
        and their mentions get their clusters from the ``new_clusters`` temp table
        (``write_rows``), as ``dedup.with_clusters`` gives them."""
        spec = _COLUMNS[table]
        selects = [f's."{name}"' for name, _ in spec]
        join = ""
        if table in _CLUSTER_COLUMNS and clustered:
            column, report = _CLUSTER_COLUMNS[table]
            at = [name for name, _ in spec].index(column)
            selects[at] = f"coalesce(c.cluster, s.{column})"
            join = f" LEFT JOIN new_clusters c ON c.report = s.{report}"
        casts = ", ".join(
            f"{sql}::JSON" if kind == "JSON" else sql
            for sql, (_, kind) in zip(selects, spec, strict=True)
        )
        names = ", ".join(name for name, _ in spec)
        self.con.execute(
            f"INSERT INTO {table} ({names}) SELECT {casts} FROM read_parquet(?) s{join}",
            [[str(path) for path in paths]],
        )

    def _check_writable(self) -> None:
        if self.read_only:
            raise DyadsError(
                message(
                    f"{self.path!r} was opened read-only",
                    "a store opened with read_only=False",
                    "Open the store without read_only to write.",
                )
            )


# -- row building (pure) -------------------------------------------------------------


def batch_rows(
    coded: Iterable[Coded], input_rejects: Sequence[Reject], *, run_id: str, version: str
) -> dict[str, dict[str, list[Any]]]:
    """Turn a batch into column lists per table, deduplicating ids within the batch.

    Pure: no database is touched, so a worker process can build the rows and the
    driver write them with :meth:`Store.write_rows`.
    """
    rows: dict[str, dict[str, list[Any]]] = {
        table: {name: [] for name, _ in spec} for table, spec in _COLUMNS.items()
    }
    now = _now()
    rejects: dict[str, tuple[Reject, str | None]] = {}
    for item in coded:
        art = item.article
        art_date = _as_date(art.date)
        _add(
            rows["articles"],
            id=art.id,
            date=art_date,
            date_raw=art.date,
            source=art.source,
            url=art.url,
            title=art.title,
            text=art.text,
            origin=art.origin,
            record=art.record,
            pipeline_version=version,
            run_id=run_id,
            coded_at=now,
            tone=item.tone,
        )
        _add_events(rows, item, art_date)
        for quote in {q.id: q for q in item.quotes}.values():
            speaker = quote.speaker
            _add(
                rows["quotes"],
                id=quote.id,
                doc_id=quote.doc_id,
                date=art_date,
                kind=quote.kind,
                text=quote.text,
                span_start=quote.span[0],
                span_end=quote.span[1],
                speaker=_json(_actor(speaker)) if speaker else None,
                speaker_code=speaker.code if speaker else None,
                speaker_country=speaker.country if speaker else None,
                speaker_name=speaker.name if speaker else None,
                speaker_text=quote.speaker_text,
                cue=quote.cue,
                sentence_ids=list(quote.sentence_ids),
                evidence=_json(quote.evidence),
            )
        for pos in {p.id: p for p in item.positions}.values():
            _add(
                rows["positions"],
                id=pos.id,
                doc_id=pos.doc_id,
                date=_as_date(pos.date),
                date_raw=pos.date,
                actor=_json(_actor(pos.actor)),
                actor_code=pos.actor.code,
                actor_country=pos.actor.country,
                actor_name=pos.actor.name,
                issue_id=pos.issue.id,
                issue_label=pos.issue.label,
                stance=pos.stance,
                claim_text=pos.claim_text,
                evidence=_json(pos.evidence),
                actor_keys=actor_keys([pos.actor.code], [pos.actor.country]),
            )
        for mention in item.mentions:
            actor = mention.actor
            _add(
                rows["actors"],
                doc_id=mention.doc_id,
                text=actor.text,
                name=actor.name,
                country=actor.country,
                sector=actor.sector,
                code=actor.code,
                kb_id=actor.kb_id,
                evidence=actor.evidence,
                span_start=mention.start,
                span_end=mention.end,
                sentence_id=mention.sentence_id,
            )
        for reject in item.rejects:
            owned = replace(reject, doc_id=reject.doc_id or art.id)
            rejects.setdefault(reject_id(owned), (owned, owned.doc_id))
    for reject in input_rejects:
        rejects.setdefault(reject_id(reject), (reject, reject.doc_id))
    for rid, (reject, doc_id) in rejects.items():
        _add(
            rows["rejects"],
            id=rid,
            origin=reject.origin,
            record=reject.record,
            reason=reject.reason,
            doc_id=doc_id,
            run_id=run_id,
            pipeline_version=version,
            created_at=now,
        )
    return rows


def _add_events(rows: dict[str, dict[str, list[Any]]], item: Coded, art_date: date | None) -> None:
    for event in {e.id: e for e in item.events}.values():
        event_date = _as_date(event.date)
        _add(
            rows["events"],
            id=event.id,
            doc_id=event.doc_id,
            date=event_date,
            date_raw=event.date,
            date_text=event.date_text,
            cameo=event.cameo,
            root=event.cameo[:2] if event.cameo else None,
            plover=event.plover,
            mode=event.mode,
            goldstein=event.goldstein,
            quad_class=event.quad_class,
            negated=bool(event.negated),
            modality=event.modality,
            source_codes=[a.code for a in event.source],
            target_codes=[a.code for a in event.target],
            source_countries=[a.country for a in event.source],
            target_countries=[a.country for a in event.target],
            source=_json([_actor(a) for a in event.source]),
            target=_json([_actor(a) for a in event.target]),
            location=_json(event.location.to_dict()) if event.location else None,
            sentence=event.sentence,
            span_start=event.span[0],
            span_end=event.span[1],
            evidence=_json(event.evidence),
            cluster_id=event.id,  # provisional: the store regroups on write
            dedup_key=dedup.dedup_key(event),
            source_keys=_keys(event.source),
            target_keys=_keys(event.target),
            # a cluster of one until Store.write_rows counts its cluster (dedup.recount)
            num_mentions=1,
            num_articles=1,
            num_sources=1,
        )
        # one mention per report; event_id is provisional (the report's own id) until
        # Store.write_rows regroups the report's key
        _add(
            rows["mentions"],
            event_id=event.id,
            doc_id=item.article.id,
            date=art_date,
            event_date=event_date,
            sentence=event.sentence,
            span_start=event.span[0],
            span_end=event.span[1],
            report_id=event.id,
        )


def _keys(side: Sequence[Actor]) -> list[str]:
    """The match keys of one side of an event (``queries.actor_keys``)."""
    return actor_keys([a.code for a in side], [a.country for a in side])


def _add(columns: dict[str, list[Any]], **values: Any) -> None:
    for name, column in columns.items():
        column.append(values.get(name))


def reject_id(reject: Reject) -> str:
    """Return the deterministic key of a reject: a hash of (origin, record, reason, doc_id).

    The same input rejected for the same reason gets the same key on every run, so a
    re-run replaces its reject. ``doc_id`` (empty for input-level rejects) keeps apart
    article rejects whose input gives no origin, such as articles passed in by a caller.
    """
    record = "" if reject.record is None else str(reject.record)
    return content_hash("reject", reject.origin or "", record, reject.reason, reject.doc_id or "")


def _actor(actor: Actor) -> dict[str, Any]:
    """The stored form of an actor: its ``to_dict()`` plus the evidence it leaves out."""
    return {**actor.to_dict(), "evidence": actor.evidence}


def _as_date(value: str | None) -> date | None:
    """Parse an ISO date (or date-time) string; anything else gives None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def _json_default(value: Any) -> Any:
    # numpy scalars (from a learned coder's scores) have .item(); sets become lists.
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return str(value)


def _now() -> datetime:
    """The current UTC time, naive (DuckDB TIMESTAMP)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
