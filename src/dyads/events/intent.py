"""Announced and demanded acts: a cooperative act said to come is an intent, a hostile one
a threat, and one a speaker says another party must do is a demand.

CAMEO codes "Portugal will support Turkey" as an expression of intent (03) and "would
impose sanctions if Russia invaded" as a threat (13), not as the support or the
sanctions themselves. ``announced_code`` applies that rule from the table in
``events/data/intent.yaml``; the event keeps its modality so the reader still sees
that it is planned, hypothetical or conditional.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from dyads import yaml_data

#: Modalities under which an act is announced rather than done.
ANNOUNCED = frozenset({"planned", "hypothetical", "conditional"})


def announced_code(code: str, modality: str) -> tuple[str, str] | None:
    """The code of ``code`` announced with ``modality``, and the kind ("intent" or
    "threat"), or None when the act keeps its code (it happened, or its root has no
    announced form: statements, demands, threats themselves)."""
    if modality not in ANNOUNCED:
        return None
    for kind in ("intent", "threat"):
        found = _lookup(kind, code)
        if found is not None:
            return found, kind
    return None


def demanded_code(code: str) -> str:
    """The demand (CAMEO 10) for a cooperative act someone says another party must do:
    "China must drop barriers" -> 1011; any other act -> 100 (a demand)."""
    return _lookup("demand", code) or "100"


def _lookup(kind: str, code: str) -> str | None:
    table = _tables()[kind]
    for length in (4, 3, 2):
        if len(code) >= length and code[:length] in table:
            return table[code[:length]]
    return None


@cache
def _tables() -> dict[str, dict[str, str]]:
    resource = resources.files("dyads") / "events" / "data" / "intent.yaml"
    data = yaml_data.safe_load(resource.read_text(encoding="utf-8"))
    return {
        kind: {str(k): str(v) for k, v in data[kind].items()}
        for kind in ("intent", "threat", "demand")
    }
