"""Actors: recognise who acts in an article and code them (country + sector + name).

``kb`` loads the knowledge base (YAML), ``code`` codes one noun phrase, and
``recognise`` finds every mention in a Doc and resolves in-document coreference.
"""

from dyads.actors.kb import ActorKB, load_kb
from dyads.actors.recognise import actor_mentions

__all__ = ["ActorKB", "actor_mentions", "load_kb"]
