"""The pure helpers of the benchmark scripts (benchmarks/ is not a package)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_prefilter_finds_the_paragraphs_spans_fall_in() -> None:
    prefilter = _load("prefilter")
    text = "Title\n\nFirst paragraph here.\nSecond one."
    starts = prefilter.paragraph_starts(text)
    assert starts == [0, 6, 7, 29]
    assert [text[s] for s in starts] == ["T", "\n", "F", "S"]
    assert prefilter.touched(starts, [(8, 13)]) == {2}  # inside one paragraph
    assert prefilter.touched(starts, [(0, 5), (30, 35)]) == {0, 3}
    assert prefilter.touched(starts, [(20, 33)]) == {2, 3}  # a quote across two lines
    assert prefilter.touched(starts, [(29, 29)]) == {3}  # an empty span stays put
    assert prefilter.touched(starts, []) == set()
