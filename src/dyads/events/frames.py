"""Predicate frames from the dependency parse: who (subjects), what (trigger), to whom.

A frame is read off spaCy's parse with a handful of rules, each after the way English
marks roles: ``nsubj`` for the doer, ``nsubjpass`` + ``agent`` for the passive ("was
attacked by"), inherited subjects for control chains ("agreed to meet") and
participle clauses ("while demanding"), and objects from direct objects, datives and
prepositional phrases, following the chain into controlled verbs ("threatened to
impose sanctions on Russia"). Frames hold tokens; turning them into actors and codes
is the job of ``events.extract``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from dyads.events.words import frame_words

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "attr", "oprd"})
#: Prepositions whose object can be the target of an event.
TARGET_PREPS = frozenset(
    {
        "with",
        "to",
        "against",
        "on",
        "toward",
        "towards",
        "from",
        "near",
        "into",
        "at",
        "over",
        "for",
        "of",
        "upon",
        "onto",
        "in",
        "between",
        "among",
        "across",
        "along",
        "around",
    }
)
#: Clause links through which a verb borrows the subject of the verb it hangs on.
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp"})
CONTROLLED_DEPS = frozenset({"xcomp", "ccomp"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should"})
FUTURE_AUX = frozenset({"will", "shall"})
NOBODY = frozenset({"nobody", "nothing", "none", "noone"})


@dataclass(frozen=True)
class Frame:
    """One predicate with its argument heads (tokens), in priority order."""

    trigger: Token
    kind: str  # "verb" | "noun"
    subjects: tuple[Token, ...]
    objects: tuple[Token, ...]
    addressees: tuple[Token, ...]  # subjects of a that-clause: "demanded that NATO rule out"
    dependents: frozenset[str]  # lemmas/words of direct dependents (particles, preps, ...)
    object_lemmas: frozenset[str]  # lemmas of objects, also those of controlled verbs
    before_words: frozenset[str]  # forms and lemmas before the verb in its sentence
    phrase_words: frozenset[str]  # forms and lemmas of the verb's phrase after it
    phrase_seq: tuple[frozenset[str], ...]  # the same, token by token, in order
    negated: bool
    modality: str  # asserted | conditional | hypothetical | planned | reported


def verb_frames(sent: Span) -> list[Frame]:
    """A frame for every verb of ``sent`` (textacy style: the Span is not modified)."""
    frames = []
    # each token's forms, once per sentence: a verb's "before" words are a prefix of it
    forms = [(t.lower_, t.lemma_.lower()) for t in sent]
    for tok in sent:
        if not (tok.pos_ == "VERB" or _copula(tok)) or tok.dep_ in (
            "amod",
            "compound",
            "aux",
            "auxpass",
        ):
            continue
        if _going_to(tok):
            continue  # "is going to attack": a future tense, the event is "attack"
        # the verb's phrase after it, token by token (each token: its form and lemma)
        # ... without a clause it reports: in "allowed that Mordor isn't the neatest
        # place", "the neatest place" is said of Mordor, not how Gollum allowed
        said = {t.i for c in tok.children if c.dep_ == "ccomp" for t in c.subtree}
        phrase = tuple(
            frozenset((t.lower_, t.lemma_.lower()))
            for t in tok.subtree
            if t.i > tok.i and t.i not in said
        )
        frames.append(
            Frame(
                trigger=tok,
                kind="verb",
                subjects=tuple(subjects_of(tok)),
                objects=tuple(objects_of(tok)),
                addressees=tuple(addressees_of(tok)),
                dependents=frozenset(_dependent_words(tok)),
                object_lemmas=frozenset(_object_lemmas(tok)),
                before_words=frozenset(f for pair in forms[: tok.i - sent.start] for f in pair),
                phrase_words=frozenset().union(*phrase),
                phrase_seq=phrase,
                negated=is_negated(tok),
                modality=modality_of(tok),
            )
        )
    return frames


def subjects_of(verb: Token) -> list[Token]:
    """Heads of the doers of ``verb``: the subject, the passive agent, or an inherited one."""
    passive = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if passive and _adjectival_passive(verb):
        return _with_conjuncts(passive)  # "Serb forces were engaged in ethnic cleansing"
    if passive:
        agents = [
            p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
        ]
        return _with_conjuncts(agents)
    direct = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if direct:
        if verb.dep_ == "relcl" and direct[0].lower_ in RELATIVE_PRONOUNS:
            return [verb.head]  # "Ukraine, which aspires ...": the noun, not its partners
        return _with_conjuncts(direct)
    head = verb.head
    if verb.dep_ == "xcomp" and _raising_passive(head):
        # "Gollum was seen to break into ...", "Iran is said to have attacked ...": the
        # passive subject of the raising verb does the act
        return _with_conjuncts([c for c in head.children if c.dep_ in PASSIVE_SUBJECT_DEPS])
    if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL_VERBS:
        controller = _controller(head)
        if controller is not None:
            return _with_conjuncts([controller])  # "urged the EU to support": the EU
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
        head = head.head  # "firm in pushing back": the gerund's doer is the phrase's
    if verb.dep_ == "acl" and head.lemma_.lower() in MESSAGE_NOUNS:
        # "issued a declaration demanding that ...": the declaration's sender demands
        above = governing_verb(head)
        return subjects_of(above) if above is not None else []
    if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBD") and head.pos_ in ("NOUN", "PROPN"):
        return _with_conjuncts([head])  # "youths throwing stones": the noun acts
    if verb.dep_ == "pcomp" and head.pos_ == "NOUN":
        # "began the process of returning ...": the doer of the verb that has the noun
        # (participles on a noun, "a declaration demanding ...", are left alone: taking
        # the main doer for them cost more precision than it gained recall)
        above = governing_verb(head)
        return subjects_of(above) if above is not None else []
    if head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head  # "is about to restore", "is ready to talk": the adjective's subject
    if verb.dep_ in INHERIT_SUBJECT_DEPS and head.i != verb.i and head.pos_ in ("VERB", "AUX"):
        return subjects_of(head)
    return []


def objects_of(verb: Token) -> list[Token]:
    """Candidate target heads of ``verb``, best first; follows controlled verbs.

    Each candidate is followed by its possessor and name modifiers, so that "near
    Ukraine's border" and "U.S. attempts" offer Ukraine and the U.S. as targets.
    """
    found: list[Token] = []
    if not _adjectival_passive(verb):
        found = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            found.append(child)
            found.extend(_prep_objects(child))
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            found.extend(p for p in child.children if p.dep_ == "pobj")
    for child in verb.children:
        if child.dep_ == "xcomp":
            found.extend(objects_of(child))
    with_owners = []
    for tok in found:
        with_owners.append(tok)
        with_owners.extend(c for c in tok.children if c.dep_ in ("poss", "compound"))
    return _with_conjuncts(with_owners)


def recipients_of(verb: Token) -> list[Token]:
    """Who receives what ``verb`` gives: "gave [the Ivory Coast] aid", "sent aid [to Syria]"."""
    found = [c for c in verb.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"]
    for child in verb.children:
        if child.dep_ in ("dative", "prep") and child.lower_ == "to":
            found.extend(p for p in child.children if p.dep_ == "pobj")
    return _with_conjuncts(found)


def addressees_of(verb: Token) -> list[Token]:
    """Subjects of ``verb``'s that-clause: "demanded that NATO rule out ..." -> NATO, also
    of a clause on its object: "insisted on its demands that Burundi's government ..."."""
    holders = [verb]
    for child in verb.children:
        if child.dep_ in ("dobj", "attr"):
            holders.append(child)
        elif child.dep_ == "prep":
            holders.extend(p for p in child.children if p.dep_ == "pobj")
    found = [
        c
        for holder in holders
        for child in holder.children
        if child.dep_ == "ccomp" or (holder.i != verb.i and child.dep_ == "acl")
        for c in child.children
        if c.dep_ in SUBJECT_DEPS
    ]
    return _with_conjuncts(found)


# "not only criticised ... but also": a "not" on these adverbs negates nothing
NOT_ONLY = frozenset({"only", "just", "merely", "simply"})


def is_negated(verb: Token) -> bool:
    """True when ``verb`` or its auxiliaries carry a negation ("did not", "never"), also
    through a "going to" future ("are not going to fight")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(
        c.dep_ == "advmod"
        and c.i < verb.i
        and c.lower_ not in NOT_ONLY
        and any(d.dep_ == "neg" for d in c.children)
        for c in verb.children
    ):
        return True  # "did not even ever clash": the parser hangs "not" on "ever"
    if any(c.dep_ == "dobj" and c.lower_ in NOBODY for c in verb.children) or any(
        c.dep_ == "dobj" and c.lower_ == "one" and any(d.lower_ == "no" for d in c.children)
        for c in verb.children
    ):
        return True  # "threaten no one", "attacked nobody"
    head = verb.head
    return verb.dep_ == "xcomp" and _going_to(head) and any(c.dep_ == "neg" for c in head.children)


def modality_of(verb: Token) -> str:
    """How real the event is: conditional, hypothetical, planned, reported or asserted."""
    children = list(verb.children)
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
        return "conditional"  # the verb of an if-clause: "if Russia invaded"
    if any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children)
        for c in children
    ):
        return "conditional"
    auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if auxes & HYPOTHETICAL_AUX:
        return "hypothetical"
    if auxes & FUTURE_AUX or _intended(verb):
        return "planned"
    if verb.dep_ == "ccomp":
        return "reported"
    return "asserted"


#: Verbs and adjectives that put the verb they govern in the future: "plans to visit",
#: "is ready to contribute troops", "is going to impose".
INTENT_HEADS = frame_words("intent_heads")


#: Heads of partitive and quantity phrases whose "of" object is what is meant:
#: "thousands of students", "a group of diplomats", "700 kg of medicine".
PARTITIVE_HEADS = frame_words("partitive_heads")


def partitive_member(tok: Token) -> Token | None:
    """What a partitive phrase is made of: "thousands of Iraqi Kurds" -> "Kurds"."""
    named = tok.lower_ in PARTITIVE_HEADS or tok.lemma_.lower() in PARTITIVE_HEADS
    if not named and tok.pos_ != "NUM":
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return partitive_member(pobj) or pobj
    return None


def _copula(tok: Token) -> bool:
    """A "be" that carries a clause's judgement: "the proposals are non-starters"."""
    return (
        tok.pos_ == "AUX"
        and tok.lemma_.lower() == "be"
        and tok.dep_ in ("ROOT", "ccomp", "conj")
        and any(c.dep_ in ("attr", "acomp") for c in tok.children)
    )


#: Passives that describe the subject's own doing: "were engaged in", "is committed to".
ADJECTIVAL_PASSIVES = frame_words("adjectival_passives")
#: Verbs whose object, not subject, does what their "to" clause says: "urged the EU to
#: support", "called on Arabs to mobilize", "forced Russia to withdraw".
OBJECT_CONTROL_VERBS = frame_words("object_control_verbs")
#: Nouns of a message whose participle says what the sender does.
MESSAGE_NOUNS = frame_words("message_nouns")


def _raising_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children) and not any(
        c.dep_ == "agent" for c in verb.children
    )


def _adjectival_passive(verb: Token) -> bool:
    return verb.lemma_.lower() in ADJECTIVAL_PASSIVES and not any(
        c.dep_ == "agent" for c in verb.children
    )


def _controller(verb: Token) -> Token | None:
    """The object that controls ``verb``'s "to" clause: "urged [the EU]", "called on [Arabs]"."""
    for child in verb.children:
        if child.dep_ == "dobj":
            return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    return None


def _going_to(verb: Token) -> bool:
    return (
        verb.lemma_.lower() == "go"
        and verb.tag_ == "VBG"
        and any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children)
    )


def _intended(verb: Token) -> bool:
    head = verb.head
    if verb.dep_ != "xcomp" or head.i == verb.i:
        return False
    if head.lemma_.lower() == "go" and head.tag_ != "VBG":
        return False  # "went to meet" happened; "is going to meet" is planned
    return head.lemma_.lower() in INTENT_HEADS or head.lower_ in INTENT_HEADS


#: Words that make a clause an obligation: "must", "should", "has to", "needs to".
OBLIGATION_AUX = frozenset({"must", "should", "ought"})


def is_obligation(verb: Token) -> bool:
    """True for "China must drop barriers", "NATO should withdraw", "Iran has to stop"."""
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in OBLIGATION_AUX for c in verb.children):
        return True
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in ("have", "need")
        and not any(c.dep_ == "neg" for c in head.children)
    )


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb above ``tok`` in the tree (for nouns: the verb they hang on)."""
    node = tok
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _prep_objects(tok: Token) -> list[Token]:
    # an object's own "by" phrase names its doer: "condemned an attack by X" targets X
    return [
        pobj
        for prep in tok.children
        if prep.dep_ in ("prep", "agent") and (prep.lower_ in TARGET_PREPS or prep.lower_ == "by")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _dependent_words(verb: Token) -> list[str]:
    words = []
    for child in verb.children:
        if child.dep_ in ("prt", "prep", "advmod", "acomp", "agent", "dative"):
            words.append(child.lower_)
        elif child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            words.extend(("to", child.lemma_.lower()))
    return words


def _object_lemmas(verb: Token, depth: int = 0) -> list[str]:
    lemmas = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ in PASSIVE_SUBJECT_DEPS:
            member = partitive_member(child)
            for obj in (child, member) if member is not None else (child,):
                lemmas.append(obj.lemma_.lower())
                lemmas.extend(
                    c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")
                )
        elif child.dep_ == "prep":
            lemmas.extend(p.lemma_.lower() for p in child.children if p.dep_ == "pobj")
        elif child.dep_ in CONTROLLED_DEPS and depth < 2:
            lemmas.extend(_object_lemmas(child, depth + 1))
    return lemmas


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    seen: set[int] = set()
    # "thousands of students protested": the students are the doers
    tokens = [m if (m := partitive_member(t)) is not None else t for t in tokens]
    for tok in tokens:
        for t in (tok, *tok.conjuncts, *_list_partners(tok)):
            if t.i not in seen:
                seen.add(t.i)
                out.append(t)
    return out


def _list_partners(tok: Token) -> list[Token]:
    """Members of a list the parser split off: in "Mordor, the Shire, Arnor and Bree"
    the small model makes "the Shire" an apposition (with its own conjuncts), and in
    "Arnor, Calenardhon and Gondor" it hangs "Arnor" on "Gondor" as a modifier. A name
    attached so that *has conjuncts of its own* is a list member, not a description."""
    found = []
    for child in tok.children:
        if child.dep_ in ("appos", "nmod", "npadvmod") and child.pos_ == "PROPN":
            partners = list(child.conjuncts)
            if partners:
                found.extend([child, *partners])
            elif child.dep_ == "appos" and _after_conjunct(child, tok):
                found.append(child)  # "Arnor and the evil awful Gondor": "awful" is conj
            elif child.dep_ == "appos" and _inside_list(child, tok):
                found.append(child)  # "Mordor, the awful Arnor, and Gondor"
    return found


def _inside_list(name: Token, head: Token) -> bool:
    """``name`` follows a comma and comes before a conjunct of ``head``: a middle
    member of "A, B, and C" the parser read as an apposition of A."""
    start = name.left_edge.i
    return (
        start > 0
        and name.doc[start - 1].text == ","
        and any(c.dep_ == "conj" and c.i > name.i for c in head.children)
    )


def _after_conjunct(name: Token, head: Token) -> bool:
    """``name`` stands right after a conjunct of ``head`` (the parser's misread list)."""
    before = name.doc[name.i - 1] if name.i > 0 else None
    return before is not None and before.dep_ == "conj" and before.head.i == head.i
