"""Positions: who wants what, on issues with a canonical direction (see issues.yaml)."""

from dyads.positions.claims import positions_from_events
from dyads.positions.from_quotes import positions_from_quotes
from dyads.positions.issues import Taxonomy, load_taxonomy

__all__ = ["Taxonomy", "load_taxonomy", "positions_from_events", "positions_from_quotes"]
