"""A bounded load test of ``/api/dyad`` on loopback (issue 11): a script, not a test.

``--clients`` concurrent clients (asyncio + httpx, one connection each) request
``/api/dyad`` for ``--seconds`` against a uvicorn server over ``--db``, cycling through
ten dyads and the ``--periods`` (default week and month: 20 distinct answers, the first
of each computed cold while the others wait for it; see ``serve/cache.py``). Daily
answers over ten years are some megabytes each; add ``day`` to include them. Any non-200
answer or transport error counts as an error; the script exits 1 if there was one. With
``--warm`` every URL is fetched once before the clock starts (cached answers only).

Writes ``benchmarks/results/load_dyad.json`` (requests, requests/s, latency p50/p90/
p99/max, errors) and prints a markdown table.

Example:
    .venv/bin/python benchmarks/load_dyad.py --db /tmp/dyads-bench-1m.duckdb
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from _server import machine, percentile, serve
from api_dyad import COLD_DYADS

RESULTS = Path(__file__).parent / "results" / "load_dyad.json"


async def client_loop(
    base: str, urls: list[str], start: int, stop_at: float, latencies: list[float],
    errors: Counter[str],
) -> None:  # fmt: skip
    """One client: request the next URL as soon as the last answer arrived, until stop_at."""
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        for url in itertools.islice(itertools.cycle(urls), start, None):
            if time.monotonic() >= stop_at:
                return
            started = time.perf_counter()
            try:
                response = await client.get(url)
                await response.aread()
                if response.status_code != 200:
                    errors[f"HTTP {response.status_code}"] += 1
                    continue
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] += 1
                continue
            latencies.append((time.perf_counter() - started) * 1000)


async def load(
    base: str, clients: int, seconds: float, warm: bool, periods: list[str]
) -> dict[str, Any]:
    urls = [f"/api/dyad?a={a}&b={b}&by={by}" for a, b in COLD_DYADS for by in periods]
    if warm:
        async with httpx.AsyncClient(base_url=base, timeout=300) as client:
            for url in urls:
                (await client.get(url)).raise_for_status()
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    started = time.monotonic()
    stop_at = started + seconds
    await asyncio.gather(
        *(client_loop(base, urls, i, stop_at, latencies, errors) for i in range(clients))
    )
    elapsed = time.monotonic() - started
    ok = len(latencies)
    return {
        "warm": warm,
        "periods": periods,
        "clients": clients,
        "seconds": round(elapsed, 1),
        "distinct_urls": len(urls),
        "requests": ok + sum(errors.values()),
        "ok": ok,
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "requests_per_second": round(ok / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50), 1) if ok else None,
        "p90_ms": round(percentile(latencies, 90), 1) if ok else None,
        "p99_ms": round(percentile(latencies, 99), 1) if ok else None,
        "max_ms": round(max(latencies), 1) if ok else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/dyads-bench-1m.duckdb"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warm", action="store_true", help="fetch every URL once first")
    parser.add_argument("--periods", default="week,month", help="comma-separated by= values")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"no database at {args.db}; run benchmarks/api_dyad.py first")
    before = machine()
    with serve(args.db) as base:
        counts = httpx.get(f"{base}/api/summary", timeout=120).json()["counts"]
        periods = [p.strip() for p in args.periods.split(",") if p.strip()]
        result = asyncio.run(load(base, args.clients, args.seconds, args.warm, periods))
    report = {
        "benchmark": "load_dyad",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {**before, "load_average_after": machine()["load_average"]},
        "database": {"path": str(args.db), "counts": counts},
        **result,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print("| cache | clients | seconds | requests | errors | req/s | p50 | p90 | p99 | max (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {'warm' if args.warm else 'cold start'} | {result['clients']} | "
        f"{result['seconds']} | {result['requests']} | "
        f"{result['errors']} | {result['requests_per_second']} | {result['p50_ms']} | "
        f"{result['p90_ms']} | {result['p99_ms']} | {result['max_ms']} |"
    )
    print(f"\nmachine: {report['machine']}\nwritten: {args.out}")
    if result["errors"]:
        raise SystemExit(f"{result['errors']} errors: {result['error_kinds']}")


if __name__ == "__main__":
    main()
