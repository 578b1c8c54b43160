"""What a pre-filter could save: how much news text holds nothing dyads records.

    python benchmarks/prefilter.py [--articles 200]

A pre-filter would skip parsing text that cannot hold an event, before the parse. This
script measures the most any such filter could gain, with an oracle instead of a
filter: it codes the first ``--articles`` AllSides articles fully, then asks, paragraph
by paragraph (dyads parses paragraph by paragraph), which paragraphs hold

- an event trigger or any part of a quote (its words, speaker or cue): the records;
- an actor mention (the ``actors`` table, stored for every sentence).

A real filter, which must decide from the raw text, can only skip less than the oracle
without losing records. The words of the paragraphs the oracle could skip, times the
share of coding time that goes to parsing (timed here in the same process), give the
best speed-up a pre-filter could bring. Writes ``benchmarks/results/prefilter.json``;
``speed.py`` includes it in ``docs/PERFORMANCE.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import time
from bisect import bisect_right
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "allsides" / "allsides_international.jsonl.gz"
RESULT = ROOT / "benchmarks" / "results" / "prefilter.json"


def paragraph_starts(text: str) -> list[int]:
    """The character offset where each paragraph (line) of ``text`` starts."""
    from dyads.nlp import paragraphs

    starts, at = [], 0
    for piece in paragraphs(text):
        starts.append(at)
        at += len(piece)
    return starts


def touched(starts: list[int], spans: Iterable[tuple[int, int]]) -> set[int]:
    """Indexes of the paragraphs that the character spans fall in (a span's first and
    last character; a span never crosses more than a quote's paragraphs)."""
    found: set[int] = set()
    for start, end in spans:
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, max(start, end - 1)) - 1
        found.update(range(first, last + 1))
    return found


def record_spans(coded: Any) -> list[tuple[int, int]]:
    """Where an article's records stand: event triggers, quotes with speakers and cues."""
    spans = [tuple(e.span) for e in coded.events]
    for quote in coded.quotes:
        spans.append(tuple(quote.span))
        for key in ("speaker_span", "cue_span"):
            if key in quote.evidence:
                spans.append(tuple(quote.evidence[key]))
        spans.extend(tuple(part) for part in quote.evidence.get("parts", ()))
    return spans


def measure(n: int) -> dict[str, Any]:
    from dyads.knowledge import load_knowledge
    from dyads.nlp import load_nlp, parse_articles
    from dyads.pipeline import code_doc, warm_up
    from dyads.records import Article

    with gzip.open(CORPUS, "rt", encoding="utf-8") as src:
        records = [json.loads(line) for _, line in zip(range(n), src, strict=False)]
    articles = [Article(id=r["id"], text=r["text"], date=r.get("date_iso")) for r in records]
    nlp, knowledge = load_nlp(), load_knowledge()
    warm_up(nlp, knowledge)
    started = time.process_time()
    docs = list(parse_articles(nlp, [a.text for a in articles]))
    parse_cpu = time.process_time() - started
    started = time.process_time()
    coded = [code_doc(a, d, knowledge) for a, d in zip(articles, docs, strict=True)]
    code_cpu = time.process_time() - started

    words = {"all": 0, "no_records": 0, "no_records_no_actors": 0}
    paragraphs = dict.fromkeys(words, 0)
    for article, found in zip(articles, coded, strict=True):
        starts = paragraph_starts(article.text)
        with_records = touched(starts, record_spans(found))
        with_actors = touched(starts, ((m.start, m.end) for m in found.mentions))
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(article.text)
            count = len(article.text[start:end].split())
            if not count:
                continue  # blank lines: parsed once and cached already
            words["all"] += count
            paragraphs["all"] += 1
            if i not in with_records:
                words["no_records"] += count
                paragraphs["no_records"] += 1
                if i not in with_actors:
                    words["no_records_no_actors"] += count
                    paragraphs["no_records_no_actors"] += 1
    parse_share = parse_cpu / (parse_cpu + code_cpu)

    def best_speedup(skipped_words: int) -> float:
        return 1 / (1 - parse_share * skipped_words / words["all"])

    return {
        "articles": n,
        "words": words["all"],
        "paragraphs": paragraphs["all"],
        "parse_cpu_s": round(parse_cpu, 2),
        "code_cpu_s": round(code_cpu, 2),
        "parse_share": round(parse_share, 3),
        "events": sum(len(c.events) for c in coded),
        "quotes": sum(len(c.quotes) for c in coded),
        "oracle_skips_losing_no_record": {
            "paragraphs": round(paragraphs["no_records"] / paragraphs["all"], 3),
            "words": round(words["no_records"] / words["all"], 3),
            "best_speedup": round(best_speedup(words["no_records"]), 3),
            "loses": "the actor mentions of the skipped paragraphs",
        },
        "oracle_skips_losing_nothing": {
            "paragraphs": round(paragraphs["no_records_no_actors"] / paragraphs["all"], 3),
            "words": round(words["no_records_no_actors"] / words["all"], 3),
            "best_speedup": round(best_speedup(words["no_records_no_actors"]), 3),
            "loses": "nothing",
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    if not CORPUS.is_file():
        raise SystemExit(f"corpus not found: {CORPUS}")
    result = {
        "benchmark": "prefilter",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        **measure(args.articles),
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
