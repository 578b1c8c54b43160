"""The baseline of ``speed.py``: spaCy's full default pipeline over the texts, nothing else.

    python benchmarks/bare_spacy.py SAMPLE.jsonl [--openblas] [--processes N]

Prints one JSON line, ``{"seconds": ...}``: the seconds of the ``nlp.pipe`` loop, the
model load not counted.

The model is loaded with plain ``spacy.load``, not ``dyads.nlp.load_nlp``, so the
baseline has none of dyads' changes (the indexed attribute ruler, the lemma cache,
matrix products on OpenBLAS). ``--openblas`` gives it the last of these, for reference:
how much of dyads' speed is the faster matrix products alone.

``--processes N`` measures the machine rather than spaCy: N processes each load the
model, wait until all have, then parse every N-th text at once. Set against one process,
this is the most N processes can gain on this machine for this work, with no
coordination at all: the ceiling for dyads' own N-worker runs. (Two cores of a shared
virtual machine are not always two free cores.)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import time
from pathlib import Path
from typing import Any

LOAD_TIMEOUT = 300  # seconds for every part to load the model
PARSE_TIMEOUT = 3600  # seconds for a part to parse its share


def parse_share(path: str, openblas: bool, part: int, parts: int, ready: Any = None) -> float:
    """Load the model, then parse texts ``part``, ``part + parts``, ...; the pipe seconds.

    With ``ready`` (a barrier shared by every part and the parent) the parse starts only
    when every part has loaded its model.
    """
    import spacy

    from dyads.nlp import resolve_model
    from dyads.openblas_ops import building_with_openblas

    with building_with_openblas() if openblas else contextlib.nullcontext():
        nlp = spacy.load(resolve_model())
    lines = Path(path).read_text("utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines[part::parts]]
    if ready is not None:
        ready.wait(timeout=LOAD_TIMEOUT)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started


def _part(path: str, openblas: bool, part: int, parts: int, ready: Any, done: Any) -> None:
    parse_share(path, openblas, part, parts, ready)
    done.put(part)


def parse_at_once(path: str, openblas: bool, processes: int) -> float:
    """Seconds from the moment all ``processes`` have loaded until the last one is done."""
    context = multiprocessing.get_context("spawn")
    ready, done = context.Barrier(processes + 1), context.Queue()
    workers = [
        context.Process(target=_part, args=(path, openblas, k, processes, ready, done))
        for k in range(processes)
    ]
    for worker in workers:
        worker.start()
    ready.wait(timeout=LOAD_TIMEOUT)  # a part that died while loading breaks the barrier
    started = time.perf_counter()
    for _ in workers:
        done.get(timeout=PARSE_TIMEOUT)
    seconds = time.perf_counter() - started
    for worker in workers:
        worker.join()
        if worker.exitcode:
            raise SystemExit(f"a bare spaCy process failed (exit code {worker.exitcode})")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", help="a JSONL file of {'text': ...} records")
    parser.add_argument("--openblas", action="store_true", help="dyads' OpenBLAS products")
    parser.add_argument("--processes", type=int, default=1, help="parse in N processes at once")
    args = parser.parse_args()
    if args.processes > 1:
        seconds = parse_at_once(args.sample, args.openblas, args.processes)
    else:
        seconds = parse_share(args.sample, args.openblas, 0, 1)
    print(json.dumps({"seconds": seconds}))


if __name__ == "__main__":
    main()
