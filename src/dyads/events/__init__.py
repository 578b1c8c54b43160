"""Events: predicate frames from the parse, coded in CAMEO/PLOVER with a lexicon.

``frames`` reads who/what/whom off the dependency parse, ``lexicon`` maps predicates
to CAMEO codes, and ``extract`` turns both into ``Event`` records with evidence.
"""

from typing import TYPE_CHECKING

from dyads.lazy import exports

if TYPE_CHECKING:
    from dyads.events.extract import extract_events
    from dyads.events.lexicon import Lexicon, load_lexicon

# imported on first use (dyads.lazy): reading the knowledge files needs no spaCy
__getattr__ = exports(
    __name__,
    {
        "extract_events": "dyads.events.extract",
        "Lexicon": "dyads.events.lexicon",
        "load_lexicon": "dyads.events.lexicon",
    },
)

__all__ = ["Lexicon", "extract_events", "load_lexicon"]
