"""Quotes: who said what, found in a parsed article.

>>> from dyads.quotes import find_quotes
>>> for quote in find_quotes(doc):
...     print(quote.kind, quote.speaker_text, quote.text)
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dyads.quotes.cues import Cues, load_cues
    from dyads.quotes.find import QuoteGuess, find_quotes

# Names are imported on first use (PEP 562), so that reading the knowledge files, as a
# re-run that skips every article does, does not import spaCy and the coders.
_EXPORTS = {
    "Cues": "dyads.quotes.cues",
    "QuoteGuess": "dyads.quotes.find",
    "find_quotes": "dyads.quotes.find",
    "load_cues": "dyads.quotes.cues",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = ["Cues", "QuoteGuess", "find_quotes", "load_cues"]
