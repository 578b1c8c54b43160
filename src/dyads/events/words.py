"""Word lists of the frame and role rules, read from ``events/data/frame_words.yaml``."""

from __future__ import annotations

from functools import cache
from importlib import resources

from dyads import yaml_data
from dyads.errors import DyadsError


def frame_words(name: str) -> frozenset[str]:
    """The word list ``name`` of ``frame_words.yaml`` (lower-case lemmas or forms)."""
    lists = _lists()
    if name not in lists:
        raise DyadsError(f"events/data/frame_words.yaml has no list {name!r}")
    return lists[name]


@cache
def _lists() -> dict[str, frozenset[str]]:
    resource = resources.files("dyads") / "events" / "data" / "frame_words.yaml"
    data = yaml_data.safe_load(resource.read_text(encoding="utf-8")) or {}
    return {
        str(k): frozenset(str(w).lower() for w in v) for k, v in data.items() if isinstance(v, list)
    }
