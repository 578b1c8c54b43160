"""API latency over a million stored events (issue 9): a benchmark script, not a test.

Builds (once; reused while the file exists) a synthetic database of ``--events`` events
(``synthetic.py``: real schema through ``dyads.store.Store``), serves it with uvicorn on
loopback, and times requests with ``httpx``:

* ``/api/dyad`` cold: the first request for each of several dyads (nothing cached);
* ``/api/dyad`` warm: the same request repeated (answers are cached per parameters until
  the data changes, ``serve/cache.py``);
* ``/api/events`` listings with filters (never cached).

Writes ``benchmarks/results/api_dyad.json`` and prints a markdown table. The target of
issue 9 is a median under 100 ms for a dyad timeline.

Example:
    .venv/bin/python benchmarks/api_dyad.py --db /tmp/dyads-bench-1m.duckdb
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from _server import machine, percentile, serve
from synthetic import build

from dyads.store import Store

TARGET_MS = 100.0
RESULTS = Path(__file__).parent / "results" / "api_dyad.json"
COLD_DYADS = [
    ("USA", "RUS"), ("CHN", "USA"), ("UKR", "RUS"), ("GBR", "FRA"), ("IRN", "ISR"),
    ("IND", "PAK"), ("DEU", "TUR"), ("PRK", "KOR"), ("JPN", "CHN"), ("SAU", "EGY"),
]  # fmt: skip
LISTINGS = [
    ("events, first page", "/api/events?limit=100"),
    ("events, actor", "/api/events?actor=USA&limit=100"),
    ("events, dyad + PLOVER + dates", "/api/events?a=USA&b=RUS&plover=ASSAULT"
     "&since=2020-01-01&until=2020-12-31&limit=100"),
    ("events, CAMEO root + text", "/api/events?root=17&q=sanction&limit=100"),
    ("events, deep page", "/api/events?limit=100&offset=500000"),
]  # fmt: skip


def timed(client: httpx.Client, url: str) -> tuple[float, int]:
    """Milliseconds for one GET (the body fully read) and the body size; fails on non-200."""
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.text[:300]}")
    return elapsed, len(response.content)


def summarise(name: str, url: str, times: list[float], size: int, cached: bool) -> dict[str, Any]:
    return {
        "name": name,
        "url": url,
        "n": len(times),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "bytes": size,
        "cached": cached,
    }


def run(base: str, repeats: int) -> list[dict[str, Any]]:
    results = []
    with httpx.Client(base_url=base, timeout=120) as client:
        cold, size = [], 0
        for a, b in COLD_DYADS:
            elapsed, size = timed(client, f"/api/dyad?a={a}&b={b}&by=week")
            cold.append(elapsed)
        results.append(
            summarise("dyad by week, cold (10 dyads, first request each)",
                      "/api/dyad?a=*&b=*&by=week", cold, size, False)
        )  # fmt: skip
        for by in ("week", "month", "day"):
            url = f"/api/dyad?a=USA&b=RUS&by={by}"
            warm = [timed(client, url) for _ in range(repeats)]
            results.append(
                summarise(f"dyad USA-RUS by {by}, warm", url,
                          [t for t, _ in warm[1:] or warm], warm[-1][1], True)
            )  # fmt: skip
        for name, url in LISTINGS:
            runs = [timed(client, url) for _ in range(repeats)]
            results.append(summarise(name, url, [t for t, _ in runs], runs[-1][1], False))
    return results


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| request | n | median ms | p95 ms | max ms | KB | cached |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['name']} | {r['n']} | {r['median_ms']} | {r['p95_ms']} | {r['max_ms']} "
            f"| {r['bytes'] // 1024} | {'yes' if r['cached'] else 'no'} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/dyads-bench-1m.duckdb"))
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not args.db.exists():
        started = time.perf_counter()
        counts = build(args.db, args.events)
        print(f"built {args.db} in {time.perf_counter() - started:.0f} s: {counts}")
    with Store(args.db) as store:  # upgrades an older file; the index as `dyads code` leaves it
        store.index_dyads()
    before = machine()
    with serve(args.db) as base:
        counts = httpx.get(f"{base}/api/summary", timeout=120).json()["counts"]
        results = run(base, args.repeats)
    report = {
        "benchmark": "api_dyad",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {**before, "load_average_after": machine()["load_average"]},
        "database": {"path": str(args.db), "counts": counts},
        "target_median_ms": TARGET_MS,
        "results": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nmachine: {report['machine']}\nwritten: {args.out}")


if __name__ == "__main__":
    main()
