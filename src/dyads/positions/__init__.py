"""Positions: who wants what, on issues with a canonical direction (see issues.yaml)."""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dyads.positions.claims import positions_from_events
    from dyads.positions.from_quotes import positions_from_quotes
    from dyads.positions.issues import Taxonomy, load_taxonomy

# Names are imported on first use (PEP 562), so that reading the knowledge files, as a
# re-run that skips every article does, does not import spaCy and the coders.
_EXPORTS = {
    "positions_from_events": "dyads.positions.claims",
    "positions_from_quotes": "dyads.positions.from_quotes",
    "Taxonomy": "dyads.positions.issues",
    "load_taxonomy": "dyads.positions.issues",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = ["Taxonomy", "load_taxonomy", "positions_from_events", "positions_from_quotes"]
