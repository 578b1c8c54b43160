"""Coding a short text that names one actor ("Russian Deputy Foreign Minister ...").

Used by the actor evaluation and by anyone who has actor strings rather than
articles (a CSV of speakers, a column of source names). The text is parsed and its
mentions found exactly as in an article; the actor is the mention that covers the
phrase's syntactic head, else the longest one.
"""

from __future__ import annotations

from spacy.language import Language

from dyads.actors.recognise import actor_mentions
from dyads.knowledge import Knowledge
from dyads.nlp import parse_article
from dyads.records import Actor


def code_actor_text(
    nlp: Language, knowledge: Knowledge, text: str, *, day: str | None
) -> Actor | None:
    """The actor a short text names, or None.

    Args:
        nlp (Language): the spaCy pipeline.
        knowledge (Knowledge): the knowledge base and lexicons.
        text (str): the actor phrase.
        day (str | None): ISO date the phrase refers to (office holders are dated).

    RETURNS (Actor | None): the coded actor, with its evidence.
    """
    doc = parse_article(nlp, text)
    mentions = actor_mentions(doc, knowledge.actors, doc_id="phrase", day=day)
    if not mentions:
        return None
    roots = [sent.root.i for sent in doc.sents]
    for i in roots:
        if i in mentions:
            return mentions[i].actor
    return max(mentions.values(), key=lambda m: (m.end - m.start, -m.start)).actor
