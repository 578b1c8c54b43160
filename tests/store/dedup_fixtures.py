"""Hand-built event reports and articles for the deduplication tests (no spaCy needed)."""

from __future__ import annotations

from typing import Any

import duckdb

from dyads.records import Actor, Article, Coded, Event, Location, content_hash
from dyads.store import Store

RUS_MIL = Actor(text="Russian troops", country="RUS", sector="MIL", code="RUSMIL")
RUS_GOV = Actor(text="Moscow", country="RUS", sector="GOV", code="RUSGOV")
UKR = Actor(text="Ukraine", country="UKR", code="UKR")
NOBODY = Actor(text="gunmen")  # recognised as an actor, but with no code
DONETSK = Location(name="Donetsk", country="UKR")


def report(
    doc: str,
    *,
    day: str | None = "2022-03-14",
    source: tuple[Actor, ...] = (RUS_MIL,),
    target: tuple[Actor, ...] = (UKR,),
    cameo: str = "190",
    negated: bool = False,
    location: Location | None = DONETSK,
    start: int = 0,
) -> Event:
    """One event report of an attack, in article ``doc``."""
    return Event(
        id=content_hash(doc, str(start), cameo, ",".join(str(a.code) for a in source)),
        doc_id=doc,
        date=day,
        date_text=None,
        source=source,
        target=target,
        cameo=cameo,
        plover="ASSAULT",
        mode=None,
        goldstein=-10.0,
        quad_class=4,
        negated=negated,
        modality="asserted",
        location=location,
        sentence=f"Sentence of {doc} at {start}.",
        span=(start, start + 10),
        evidence={"rule": "test", "trigger": "attacked"},
    )


def article(doc: str, *events: Event, day: str | None = "2022-03-15", source: str = "") -> Coded:
    """A coded article holding ``events`` (its source defaults to one per article)."""
    art = Article(id=doc, text=f"Text of {doc}.", date=day, source=source or f"Wire {doc}")
    return Coded(article=art, events=events)


def write(store: Store, *coded: Coded) -> None:
    run = store.start_run(pipeline_version="t", config={}, inputs=[])
    store.write_batch(list(coded), run_id=run, pipeline_version="t")


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """Full, ordered contents of the tables a re-code must leave unchanged."""
    return {
        "events": con.execute("SELECT * FROM events ORDER BY id").fetchall(),
        "mentions": con.execute("SELECT * FROM mentions ORDER BY ALL").fetchall(),
        "articles": con.execute(
            "SELECT * EXCLUDE (coded_at, run_id) FROM articles ORDER BY id"
        ).fetchall(),
    }


def clusters(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT id, cluster_id FROM events").fetchall())


def assert_consistent(store: Store) -> None:
    """Check the cluster invariants: one mention per report, pointing at its cluster;
    every cluster has its canonical report; the canonical report is the earliest."""
    con = store.con
    assert con.execute(
        "SELECT count(*) FROM events e FULL JOIN mentions m ON m.report_id = e.id "
        "WHERE e.id IS NULL OR m.report_id IS NULL OR m.event_id <> e.cluster_id"
    ).fetchone() == (0,)
    assert con.execute(
        "SELECT count(*) FROM events WHERE cluster_id NOT IN (SELECT id FROM events)"
    ).fetchone() == (0,)
    assert con.execute(
        "SELECT count(*) FROM events e JOIN events c ON c.id = e.cluster_id "
        "WHERE e.dedup_key IS DISTINCT FROM c.dedup_key OR e.date < c.date"
    ).fetchone() == (0,)
    # every report carries its cluster's counts, as counting the mentions gives them
    assert con.execute(
        "WITH c AS (SELECT m.event_id, count(*) AS n, count(DISTINCT m.doc_id) AS a, "
        "count(DISTINCT coalesce(ar.source, m.doc_id)) AS s FROM mentions m "
        "LEFT JOIN articles ar ON ar.id = m.doc_id GROUP BY m.event_id) "
        "SELECT count(*) FROM events e JOIN c ON c.event_id = e.cluster_id "
        "WHERE (e.num_mentions, e.num_articles, e.num_sources) <> (c.n, c.a, c.s)"
    ).fetchone() == (0,)
