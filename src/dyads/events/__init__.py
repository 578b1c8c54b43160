"""Events: predicate frames from the parse, coded in CAMEO/PLOVER with a lexicon.

``frames`` reads who/what/whom off the dependency parse, ``lexicon`` maps predicates
to CAMEO codes, and ``extract`` turns both into ``Event`` records with evidence.
"""

from dyads.events.extract import extract_events
from dyads.events.lexicon import Lexicon, load_lexicon

__all__ = ["Lexicon", "extract_events", "load_lexicon"]
