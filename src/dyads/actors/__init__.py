"""Actors: recognise who acts in an article and code them (country + sector + name).

``kb`` loads the knowledge base (YAML), ``code`` codes one noun phrase, and
``recognise`` finds every mention in a Doc and resolves in-document coreference.
"""

from typing import TYPE_CHECKING

from dyads.lazy import exports

if TYPE_CHECKING:
    from dyads.actors.kb import ActorKB, load_kb
    from dyads.actors.recognise import actor_mentions

# imported on first use (dyads.lazy): reading the knowledge files needs no spaCy
__getattr__ = exports(
    __name__,
    {
        "ActorKB": "dyads.actors.kb",
        "load_kb": "dyads.actors.kb",
        "actor_mentions": "dyads.actors.recognise",
    },
)

__all__ = ["ActorKB", "actor_mentions", "load_kb"]
