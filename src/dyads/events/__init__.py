"""Events: predicate frames from the parse, coded in CAMEO/PLOVER with a lexicon.

``frames`` reads who/what/whom off the dependency parse, ``lexicon`` maps predicates
to CAMEO codes, and ``extract`` turns both into ``Event`` records with evidence.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dyads.events.extract import extract_events
    from dyads.events.lexicon import Lexicon, load_lexicon

# Names are imported on first use (PEP 562), so that reading the knowledge files, as a
# re-run that skips every article does, does not import spaCy and the coders.
_EXPORTS = {
    "extract_events": "dyads.events.extract",
    "Lexicon": "dyads.events.lexicon",
    "load_lexicon": "dyads.events.lexicon",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = ["Lexicon", "extract_events", "load_lexicon"]
