"""Evaluation: gold readers (one module per format), metrics, and the runner.

``dyads eval --gold PATH --kind KIND`` reads a gold set, codes its texts with the
same pipeline as ``dyads code``, and scores events, quotes or dyad labels.
"""

from dyads.evaluate.gold import GoldActor, GoldEvent, GoldQuote, GoldRecord, GoldSet

__all__ = ["GoldActor", "GoldEvent", "GoldQuote", "GoldRecord", "GoldSet"]
