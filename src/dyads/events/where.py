"""Where an event happened: the place linked to its predicate, not any place in the sentence.

``event_place`` is a pure function over a parsed trigger. A sentence often names several
places and only one is where the event happened: in "Russia has massed troops near
Ukraine's border while demanding that NATO rule out Ukraine", the second Ukraine is what
is demanded about. The candidates are the place names of the trigger's sentence
(``place_mentions``); each is ranked by how it hangs on the trigger (``place_rank``):

1. ``prep``: in a locative phrase of the trigger ("met in Vienna", "fighting near
   Donetsk", "talks in Geneva"), of one of its objects ("held talks in Geneva", "killed
   in the bombardment of Aziziyah"), or of its verb for an event noun; a name on the
   event noun ("the Geneva talks"); ``object``: a town or named area that is the
   trigger's object ("shelled Mosul", "stormed the districts of Halwaniyah"), or any
   place after a verb of going, taking or striking ("entered Syria", "attacked Bama");
2. ``governor``: in a locative phrase of the verb the trigger's clause hangs on
   ("Shelling hit a trolleybus in Donetsk, killing 8 people") or of a conjunct verb
   ("nine were killed and 24 wounded in the bombardment of ...");
3. ``clause``: in a locative phrase elsewhere in the trigger's own clause (the clauses
   of other verbs excluded, as for dates: ``when.clause_tokens``).

Never the location: a place that is a subject, or hangs on the subject ("refugees from
Sudan demonstrated"), a source ("according to Washington"), a country that is an object
("warned Ukraine"), a country after "on", "over", "from" or "to" ("talks on Ukraine" is
a topic, "seized Crimea from Ukraine" names the loser; "air strikes on Mosul" is a
place), a reference point ("near Ukraine's border"). Within a rank the place that is not a
country wins, then one that is not a container or reference point ("Mogadishu's
Yaqshid district", "south of Mogadishu", "in al-Tijara in central Damascus"), then the
nearer one. The name is geocoded with ``time_place.geocode``; one the gazetteer does
not know keeps its name only (it is most often a district or village).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from dyads.events.frames import governing_verb
from dyads.events.when import clause_tokens
from dyads.nlp import entities_starting_in
from dyads.records import Location
from dyads.time_place import geocode

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity labels the tagger gives place names it does not know ("Aziziyah": PERSON).
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
#: Abstract nouns of set phrases that are no place: "in support of Ukraine".
ABSTRACT_HEADS = frozenset(
    {
        "support", "favour", "favor", "name", "response", "light", "view", "spite", "terms",
        "case", "honour", "honor", "solidarity", "memory", "protest", "defence", "defense",
        "violation", "interests", "sovereignty", "independence", "behalf",
    }
)  # fmt: skip
#: Prepositions that put an event somewhere ("in", "near", "outside", "across" ...).
LOCATIVE_PREPS = frozenset(
    {
        "in", "at", "near", "outside", "inside", "across", "around", "into", "throughout",
        "within", "along", "through", "off", "beyond", "towards", "toward",
        "between", "among", "nearby", "onto", "upon", "beside", "behind", "under",
    }
)  # fmt: skip
#: Prepositions that are locative only before a place that is not a country: "air
#: strikes on Mosul", "rockets fired from Gaza", but "talks on Ukraine" (a topic),
#: "seized Crimea from Ukraine" (the loser), "handed them to the United States" (the
#: recipient).
AREA_ONLY_PREPS = frozenset({"on", "over", "against", "from", "to"})
#: Nouns whose owner is a reference point, not the place: "troops near Ukraine's border"
#: are not in Ukraine.
REFERENCE_NOUNS = frozenset({"border", "borders", "frontier", "frontiers", "doorstep"})
#: Prepositions a locative phrase may hang through on its way up to the trigger
#: ("killed in an ambush in Biskra", "killed during raids over Palmyra").
PASS_PREPS = LOCATIVE_PREPS | AREA_ONLY_PREPS | {"during", "amid", "of", "with", "after"}
#: Nouns that name a kind of place: "the city of X" is X, "X district" is a place.
PLACE_KINDS = frozenset(
    {
        "outskirts", "vicinity", "vicinities", "edge", "heart", "centre", "center", "part",
        "parts", "coast", "countryside", "suburbs", "suburb", "area", "areas",
        "region", "province", "city", "town", "village", "district", "districts",
        "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "towns",
        "villages", "cities", "capital", "port", "camp", "governorate", "localities",
        "locality", "county", "state", "municipality", "island", "streets", "street",
    }
)  # fmt: skip
#: "X of Y" with these makes Y a reference point, not the place: "south of Mogadishu".
DIRECTIONS = frozenset(
    {
        "north", "south", "east", "west", "northeast", "northwest", "southeast",
        "southwest", "outside",
    }
)  # fmt: skip
#: Verbs whose object is a place even when the gazetteer does not call it a town
#: ("entered Syria", "attacked Bama Town").
PLACE_OBJECT_VERBS = frozenset(
    {
        "enter", "invade", "occupy", "seize", "capture", "annex", "bomb", "shell", "raid",
        "storm", "liberate", "visit", "leave", "tour", "reach", "cross", "overrun", "besiege",
        "attack", "target", "strike", "hit", "bombard", "surround", "encircle", "recapture",
        "retake", "patrol", "control", "evacuate", "infiltrate",
    }
)  # fmt: skip
#: Links that keep a word inside the noun phrase of the name it modifies.
NOMINAL_DEPS = frozenset({"compound", "appos", "conj", "poss", "nmod", "amod", "npadvmod"})
#: Links of a trigger's dependents whose locative phrases place the event too.
ARGUMENT_DEPS = frozenset({"dobj", "attr", "pobj", "dative", "oprd", "npadvmod", "advmod", "prep"})
#: Clause links through which a trigger takes the place of the verb it hangs on.
GOVERNOR_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl"})
RANKS = ("prep", "object", "governor", "clause")
_RANK_ORDER = {"prep": 0, "object": 0, "governor": 1, "clause": 2}


@dataclass(frozen=True)
class EventPlace:
    """The place chosen for one event, with why.

    ``span`` is the place as written; ``location`` its gazetteer entry (a name-only
    ``Location`` when the gazetteer does not know it); ``rank`` one of ``RANKS``.
    """

    span: Span
    location: Location
    rank: str

    def evidence(self) -> dict[str, object]:
        """What to keep with the event: the words and the rule that chose them."""
        return {"place_text": self.span.text, "place_rule": self.rank}


def event_place(trigger: Token) -> EventPlace | None:
    """The place where the event of ``trigger`` (verb or event noun) happened, or None.

    Args:
        trigger (Token): the event's predicate verb or event noun.

    RETURNS (EventPlace | None): the best-ranked place linked to the trigger.
    """
    found = []
    for span in place_mentions(trigger.sent):
        rank = place_rank(span, trigger)
        if rank is None:
            continue
        key = (_RANK_ORDER[rank], _is_country(span), _is_container(span), _distance(span, trigger))
        found.append((key, span, rank))
    if not found:
        return None
    _, span, rank = min(found, key=lambda f: f[0])
    location = geocode(span.text) or Location(name=_bare(span))
    return EventPlace(span, location, rank)


def place_mentions(sent: Span) -> list[Span]:
    """The place names of a sentence, in text order: its GPE, LOC and FAC entities, and
    names the tagger got wrong that the words show to be places ("Aziziyah district",
    "the towns of Khan Touman and Aleis")."""
    # the sentence's entities, as Span.ents gives them, without its whole-Doc scan
    ents = [e for e in entities_starting_in(sent) if e.end <= sent.end]
    spans = [ent for ent in ents if ent.label_ in PLACE_LABELS]
    for ent in ents:
        if ent.label_ in PLACE_LABELS or ent.label_ not in NAME_LABELS:
            continue
        if _named_place(ent) or (ent.label_ != "PERSON" and _known_city_after_prep(ent)):
            spans.append(ent)
    spans += _untagged_places(sent)
    return sorted(spans, key=lambda s: s.start)


def _known_city_after_prep(ent: Span) -> bool:
    """A name tagged ORG or the like that a locative phrase holds and the gazetteer
    knows as a city ("at their Inglewood home", "at Bethlehem's Church")."""
    if _locative_head(ent).prep is None:
        return False
    found = geocode(ent.text)
    return found is not None and found.lat is not None


def _untagged_places(sent: Span) -> list[Span]:
    """Capitalised proper nouns with no entity tag after a locative preposition that
    the gazetteer knows ("fighting near Donetsk" when the tagger missed Donetsk)."""
    out = []
    for tok in sent:
        if tok.ent_type_ or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        if tok.dep_ != "pobj" or tok.head.lower_ not in LOCATIVE_PREPS | AREA_ONLY_PREPS:
            continue
        start = tok.i
        while start > sent.start and tok.doc[start - 1].dep_ == "compound":
            start -= 1
        span = tok.doc[start : tok.i + 1]
        if geocode(span.text) is not None:
            out.append(span)
    return out


def _named_place(ent: Span) -> bool:
    """The noun phrase calls ``ent`` a place: "X district", "the village of X"."""
    node = ent.root
    while node.dep_ in ("conj", "appos") and node.head.i != node.i:
        node = node.head
    head = node.head
    if node.dep_ == "compound":
        return head.lower_ in PLACE_KINDS and head.i >= ent.end
    return node.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_KINDS


def place_rank(span: Span, trigger: Token) -> str | None:
    """How the place ``span`` hangs on ``trigger`` (one of ``RANKS``), or None when it
    is not the event's location (an actor, a topic, another event's place)."""
    if span.start <= trigger.i < span.end:
        return None  # "Geneva" as the trigger's own word
    phrase = _locative_head(span)
    area_only = phrase.prep is not None and phrase.prep.lower_ in AREA_ONLY_PREPS
    if area_only and (phrase.modifier or _is_country(span)):
        return None  # "talks on Ukraine", "protested against the Geneva initiative"
    if phrase.prep is None and _is_name_on(phrase.node, trigger):
        return "prep"  # "the Geneva talks"
    rank = _link(span, phrase, trigger)
    if rank is not None:
        return rank
    if any(_link(span, phrase, other) is not None for other in _governors(trigger)):
        return "governor"
    if phrase.prep is None:
        return None
    attach = phrase.prep.head
    if attach.i in {t.i for t in clause_tokens(trigger)} and not _on_subject(attach, trigger):
        return "clause"
    return None


@dataclass(frozen=True)
class _Phrase:
    """Where a place name's noun phrase ends: ``node`` its head, ``prep`` the locative
    preposition it is the object of (None: no such preposition); ``modifier`` True when
    the name only modifies another noun ("US soldiers", "the Geneva initiative")."""

    node: Token
    prep: Token | None
    modifier: bool


def _link(span: Span, phrase: _Phrase, head: Token) -> str | None:
    """``prep`` when the place's locative phrase hangs on ``head``; ``object`` when the
    place is ``head``'s object (a town or area, or a country a verb of taking takes)."""
    if phrase.prep is not None:
        return "prep" if _reaches(phrase.prep.head, head) else None
    node = phrase.node
    if phrase.modifier or node.head.i != head.i:
        return None
    takes_place = head.lemma_.lower() in PLACE_OBJECT_VERBS
    if node.dep_ == "dobj" and (takes_place or _is_area(span)):
        return "object"
    if node.dep_ == "nsubjpass" and takes_place and _is_area(span):
        return "object"  # "Kisangani was captured"
    return None


def _locative_head(span: Span) -> _Phrase:
    """Climb from the name through its noun phrase ("the city of X", "X's border",
    "Mosul and Baquba", "the jungles of Colombia") to the preposition that places it."""
    node = span.root
    modifier = False
    for _ in range(8):
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
            word = head.lower_
            if word == "of" and head.head.pos_ in ("NOUN", "PROPN", "ADV", "ADJ"):
                if head.head.lower_ in ABSTRACT_HEADS | REFERENCE_NOUNS:
                    return _Phrase(node, None, True)  # "in support of X", "the border of X"
                modifier = modifier or not _is_place_noun(head.head)
                node = head.head  # "the city of Nablus", "west of Aleppo"
                continue
            if head.head.lower_ == "according":
                return _Phrase(node, None, True)  # "according to Washington": a source
            if word in LOCATIVE_PREPS or word in AREA_ONLY_PREPS:
                return _Phrase(node, head, modifier)
            return _Phrase(node, None, modifier)
        if head.lower_ in REFERENCE_NOUNS:
            return _Phrase(node, None, True)  # "near Ukraine's border"
        if node.dep_ in NOMINAL_DEPS and head.pos_ in ("NOUN", "PROPN", "ADV", "ADJ"):
            if node.dep_ not in ("conj", "appos") and not _is_place_noun(head):
                modifier = True
            node = head
            continue
        break
    return _Phrase(node, None, modifier)


def _is_place_noun(tok: Token) -> bool:
    return tok.lower_ in PLACE_KINDS or tok.lower_ in DIRECTIONS or tok.ent_type_ in PLACE_LABELS


def _reaches(attach: Token, head: Token) -> bool:
    """The locative phrase hangs on ``head``, on one of its objects or phrases (not its
    subject, which an origin describes: "refugees from Sudan"), or (for an event noun)
    on the verb it hangs on."""
    node = attach
    for _ in range(4):  # "killed in the bombardment of X": via the object's own phrase
        if node.i == head.i:
            return True
        if node.dep_ not in ARGUMENT_DEPS or node.head.i == node.i:
            break
        if node.dep_ == "prep" and node.lower_ not in PASS_PREPS:
            break  # "according to a source in X"
        node = node.head
    if head.pos_ in ("NOUN", "PROPN"):
        verb = governing_verb(head)
        return verb is not None and attach.i == verb.i
    return False


def _governors(trigger: Token) -> list[Token]:
    """The verb the trigger's clause hangs on, and the trigger's conjunct verbs."""
    out = [c for c in trigger.conjuncts if c.pos_ in ("VERB", "AUX")]
    # a clause with its own "while", "as", "after" is an event of its own ("massed
    # troops near X while demanding ..."); a bare participle shares the place ("hit a
    # bus in Donetsk, killing 8 people")
    own_mark = any(c.dep_ == "mark" for c in trigger.children)
    if trigger.dep_ in GOVERNOR_DEPS and trigger.head.i != trigger.i and not own_mark:
        out.append(trigger.head)
    return out


def _on_subject(attach: Token, trigger: Token) -> bool:
    """True when the phrase sits inside the subject of the trigger's clause."""
    node = attach
    while node.i != trigger.i and node.head.i != node.i:
        if node.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
            return True
        node = node.head
    return False


def _is_name_on(node: Token, trigger: Token) -> bool:
    return (
        trigger.pos_ in ("NOUN", "PROPN")
        and node.head.i == trigger.i
        and node.dep_ in ("compound", "nmod", "amod")
    )


def _is_country(span: Span) -> bool:
    """A country or US state by the gazetteer (no coordinates): usually an actor or a
    container; a name the gazetteer does not know is most often a district or village."""
    found = geocode(span.text)
    return found is not None and found.lat is None


def _is_area(span: Span) -> bool:
    """A town, district or named area: tagged LOC/FAC, a city of the gazetteer, or called
    a place by its noun phrase ("the village of Mainok")."""
    if span.label_ in ("LOC", "FAC") or _named_place(span):
        return True
    found = geocode(span.text)
    return found is not None and found.lat is not None


def _is_container(span: Span) -> bool:
    """A place that holds or locates another: "Mogadishu's Yaqshid district", "south of
    Mogadishu", "in al-Tijara neighbourhood in central Damascus"."""
    root = span.root
    if root.dep_ == "poss":
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in DIRECTIONS:
        return True
    prep = root.head if root.dep_ == "pobj" else None
    return prep is not None and prep.lower_ != "of" and _is_place_noun(prep.head)


def _distance(span: Span, trigger: Token) -> int:
    return min(abs(span.start - trigger.i), abs(span.end - 1 - trigger.i))


def _bare(span: Span) -> str:
    text = span.text
    return text[4:] if text.lower().startswith("the ") else text
