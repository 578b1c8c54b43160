"""Tests for dyads.store.pairs: the dyad index gives the scan's answers, and only when fresh."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from dyads.records import Actor
from dyads.store import Store, pairs, queries

from .dedup_fixtures import RUS_GOV, RUS_MIL, UKR, article, report, write

USA = Actor(text="Washington", country="USA", sector="GOV", code="USAGOV")
NATO = Actor(text="NATO", country="NATO", code="NATO")
EU = Actor(text="the EU", code="IGOEUREEC")
DYADS = [
    ("USA", "RUS"), ("RUS", "USA"), ("rus", "ukr"), ("RUSMIL", "UKR"), ("RUSGOV", "USAGOV"),
    ("NATO", "RUS"), ("IGO", "RUS"), ("IGOEUREEC", "USA"), ("RUS", "RUS"), ("USA", "CHN"),
]  # fmt: skip


def _random_store(path: Path, seed: int, articles: int = 30) -> Store:
    """A store of events between random actor lists (several sources or targets, both
    directions, the same actor on both sides), on random days, some repeated (clusters)."""
    rng = random.Random(seed)
    actors = [USA, NATO, EU, RUS_GOV, RUS_MIL, UKR]
    store = Store(path)
    for n in range(articles):
        events = []
        for k in range(rng.randint(1, 4)):
            source = tuple(rng.sample(actors, rng.choice((1, 1, 2))))
            target = tuple(rng.sample(actors, rng.choice((1, 1, 2))))
            day = rng.choice([None, *[f"2022-0{m}-1{d}" for m in (1, 2, 3) for d in (0, 1, 5)]])
            cameo = rng.choice(("190", "036", "112"))
            events.append(
                report(f"d{n}", day=day, source=source, target=target, cameo=cameo, start=k * 40)
            )
        write(store, article(f"d{n}", *events))
    return store


def _both_ways(store: Store, a: str, b: str, **kwargs: Any) -> tuple[dict, dict]:
    """The dyad answer through the index and through the scan."""
    assert pairs.is_fresh(store.con)
    fast = queries.dyad(store.con, a, b, **kwargs)
    store.con.execute("UPDATE meta SET value = 'stale' WHERE key = ?", [pairs.BUILT_AT])
    assert not pairs.is_fresh(store.con)
    slow = queries.dyad(store.con, a, b, **kwargs)
    store.index_dyads()
    return fast, slow


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pairs_index_answers_as_the_scan(tmp_path: Path, seed: int) -> None:
    with _random_store(tmp_path / "r.duckdb", seed) as store:
        assert not pairs.is_fresh(store.con)  # written since the (empty) index was built
        assert store.index_dyads() is True
        assert store.index_dyads() is False  # fresh: nothing to do
        seen = 0
        for a, b in DYADS:
            for kwargs in ({"by": "week"}, {"by": "day", "limit": 3, "offset": 1},
                           {"by": "month", "per_period": 1}):  # fmt: skip
                fast, slow = _both_ways(store, a, b, **kwargs)
                assert fast == slow, (a, b, kwargs)
                seen += len(fast["events"])
        assert seen > 0


def test_pairs_index_files_each_event_once_per_pair(tmp_path: Path) -> None:
    both_ways = report("x", source=(USA, RUS_GOV), target=(RUS_GOV, USA))
    with Store(tmp_path / "p.duckdb") as store:
        write(store, article("x", both_ways))
        store.index_dyads()
        rows = store.con.execute(
            "SELECT lo, hi, lo_to_hi, hi_to_lo FROM dyad_events WHERE lo = 'RUS' AND hi = 'USA'"
        ).fetchall()
        got = queries.dyad(store.con, "USA", "RUS")
    assert rows == [("RUS", "USA", True, True)]
    assert [(t["events"], t["a_to_b"], t["b_to_a"]) for t in got["timeline"]] == [(1, 1, 1)]


def test_pairs_index_goes_stale_with_each_write(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert pairs.is_fresh(store.con)  # a new database: no events, an empty index
        write(store, article("a", report("a")))
        assert not pairs.is_fresh(store.con)
        # a stale index is never read: the new event is found by the scan
        assert len(queries.dyad(store.con, "RUS", "UKR")["events"]) == 1
        store.index_dyads()
        assert pairs.is_fresh(store.con)
        write(store, article("b", report("b", day="2022-03-20")))
        assert len(queries.dyad(store.con, "RUS", "UKR")["events"]) == 2
        assert store.index_dyads(force=True) is True
        assert len(queries.dyad(store.con, "RUS", "UKR")["events"]) == 2
