"""Actors: recognise who acts in an article and code them (country + sector + name).

``kb`` loads the knowledge base (YAML), ``code`` codes one noun phrase, and
``recognise`` finds every mention in a Doc and resolves in-document coreference.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dyads.actors.kb import ActorKB, load_kb
    from dyads.actors.recognise import actor_mentions

# Names are imported on first use (PEP 562), so that reading the knowledge files, as a
# re-run that skips every article does, does not import spaCy and the coders.
_EXPORTS = {
    "ActorKB": "dyads.actors.kb",
    "load_kb": "dyads.actors.kb",
    "actor_mentions": "dyads.actors.recognise",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = ["ActorKB", "actor_mentions", "load_kb"]
