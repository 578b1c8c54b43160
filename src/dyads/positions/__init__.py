"""Positions: who wants what, on issues with a canonical direction (see issues.yaml)."""

from typing import TYPE_CHECKING

from dyads.lazy import exports

if TYPE_CHECKING:
    from dyads.positions.claims import positions_from_events
    from dyads.positions.from_quotes import positions_from_quotes
    from dyads.positions.issues import Taxonomy, load_taxonomy

# imported on first use (dyads.lazy): reading the knowledge files needs no spaCy
__getattr__ = exports(
    __name__,
    {
        "positions_from_events": "dyads.positions.claims",
        "positions_from_quotes": "dyads.positions.from_quotes",
        "Taxonomy": "dyads.positions.issues",
        "load_taxonomy": "dyads.positions.issues",
    },
)

__all__ = ["Taxonomy", "load_taxonomy", "positions_from_events", "positions_from_quotes"]
