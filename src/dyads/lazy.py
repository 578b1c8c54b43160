"""Package exports imported on first use (PEP 562).

A package ``__init__`` that re-exports its coders would import spaCy with them. With
``__getattr__ = exports(__name__, {...})``, ``from dyads.quotes import load_cues`` imports
only ``dyads.quotes.cues``, so reading the knowledge files (as a re-run that skips every
article does) stays free of spaCy.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def exports(package: str, where: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports each name of ``where`` from its module.

    Args:
        package (str): the package's ``__name__``, for the error message.
        where (dict[str, str]): exported name -> module that defines it.

    RETURNS (Callable[[str], Any]): assign it to the package's ``__getattr__``.
    """

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)

    return __getattr__
