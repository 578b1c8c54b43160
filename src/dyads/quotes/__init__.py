"""Quotes: who said what, found in a parsed article.

>>> from dyads.quotes import find_quotes
>>> for quote in find_quotes(doc):
...     print(quote.kind, quote.speaker_text, quote.text)
"""

from typing import TYPE_CHECKING

from dyads.lazy import exports

if TYPE_CHECKING:
    from dyads.quotes.cues import Cues, load_cues
    from dyads.quotes.find import QuoteGuess, find_quotes

# imported on first use (dyads.lazy): reading the knowledge files needs no spaCy
__getattr__ = exports(
    __name__,
    {
        "Cues": "dyads.quotes.cues",
        "QuoteGuess": "dyads.quotes.find",
        "find_quotes": "dyads.quotes.find",
        "load_cues": "dyads.quotes.cues",
    },
)

__all__ = ["Cues", "QuoteGuess", "find_quotes", "load_cues"]
