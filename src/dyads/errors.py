"""Errors dyads raises, and the shape of their messages.

Only bad configuration, unusable command-line input and bugs raise. Bad *records*
become ``Reject`` values instead, so one odd article never stops a run.
A message says what was found, what was expected and what to do next.
"""

from __future__ import annotations


class DyadsError(Exception):
    """An error the user can fix; the CLI prints it as one line and exits 1."""


class UsageError(DyadsError):
    """The command line asked for something impossible; the CLI exits 2."""


class ModelNotFound(DyadsError):
    """No spaCy English pipeline could be loaded."""


def message(found: str, expected: str, todo: str) -> str:
    """Compose an error message from its three parts."""
    return f"{found}; expected {expected}. {todo}"
