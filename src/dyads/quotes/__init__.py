"""Quotes: who said what, found in a parsed article.

>>> from dyads.quotes import find_quotes
>>> for quote in find_quotes(doc):
...     print(quote.kind, quote.speaker_text, quote.text)
"""

from dyads.quotes.find import Cues, QuoteGuess, find_quotes, load_cues

__all__ = ["Cues", "QuoteGuess", "find_quotes", "load_cues"]
