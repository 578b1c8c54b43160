"""Cues and speakers: the reporting words outside the quote marks and who they name.

A cue is a reporting verb (``said``, ``told``, ``point out``) or phrase (``according
to``, ``in a statement``) from the lexicon. Its speaker is the verb's nominal subject
(or the object of ``according to``), expanded to its noun phrase with titles and
appositions; pronouns are kept as written (``"he"``), and the pipeline maps the span
to the actor mention it corefers with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyads.quotes.cues import Cues
from dyads.quotes.marks import region_index

__all__ = ["Cue", "find_cues", "speaker_of", "speaker_span", "subject_of", "verb_cue"]

# children dropped when a subject is expanded to the speaker phrase
_SPEAKER_DROP_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis"})
# a cue may borrow its subject from the verb it hangs from ("he said, noting ...")
_SUBJECT_CLIMB_DEPS = frozenset({"conj", "pcomp", "prep", "xcomp", "advcl"})
_NOMINAL_POS = frozenset({"NOUN", "PROPN"})
_PASSIVE_SOURCE_LEMMAS = frozenset({"quote", "cite"})  # "X was quoted as saying"
_RELATIVE_TAGS = frozenset({"WP", "WDT"})


@dataclass(frozen=True)
class Cue:
    """A cue outside all quote marks, with its speaker when one could be found."""

    token: Token
    span: tuple[int, int]
    speaker: Span | None
    kind: str  # "verb", "noun", "object" (speaker after the phrase), "subject"
    name: str  # the lemma or phrase matched
    reporting: bool  # may introduce indirect and mixed quotes
    speech: bool = True  # may attribute a direct quote (a verb of saying, not "urge")
    deps: frozenset[str] = frozenset()  # the verb's dependencies that hold content


def find_cues(doc: Doc, cues: Cues, regions: Sequence[tuple[int, int]]) -> list[Cue]:
    if not doc.has_annotation("DEP"):
        return []
    first_words = {words[0] for words, _ in cues.phrases}
    found = []
    for tok in doc:
        if region_index(tok.idx, regions) is not None:
            continue  # cue verbs must occur outside any quotation content
        cue = verb_cue(tok, cues) if tok.pos_ != "NOUN" else _noun_cue(tok, cues)
        if cue is None and tok.lower_ in first_words:
            cue = _phrase_cue(tok, cues)
        if cue is None and tok.lower_ == "in" and cues.sources:
            cue = _source_cue(tok, cues)
        if cue is not None:
            found.append(cue)
    return found


def verb_cue(tok: Token, cues: Cues) -> Cue | None:
    if tok.pos_ != "VERB" and not tok.tag_.startswith("VB"):
        return None
    lemma = (tok.lemma_ or tok.lower_).lower()
    last: Token | None = tok
    name = lemma
    if lemma not in cues.verbs:
        particles = [c for c in tok.children if c.dep_ == "prt"]
        last = next((c for c in particles if f"{lemma} {c.lower_}" in cues.verbs), None)
        if last is not None:
            name = f"{lemma} {last.lower_}"
    speech = name in cues.verbs
    deps = cues.content_deps(name)
    if last is None:
        if not deps:
            return None
        last = tok  # a verb that reports content but is no verb of saying ("urged")
    lo, hi = min(tok, last, key=lambda t: t.i), max(tok, last, key=lambda t: t.i)
    return Cue(
        token=tok,
        span=(lo.idx, hi.idx + len(hi)),
        speaker=speaker_of(tok),
        kind="verb",
        name=name,
        reporting=bool(deps),
        speech=speech,
        deps=deps,
    )


def _noun_cue(tok: Token, cues: Cues) -> Cue | None:
    """A noun that attributes content ("his claim that ...", "questions about ...")."""
    deps = cues.noun_deps((tok.lemma_ or tok.lower_).lower())
    if not deps:
        return None
    return Cue(
        token=tok,
        span=(tok.idx, tok.idx + len(tok)),
        speaker=_holder(tok),
        kind="noun",
        name=tok.lemma_.lower(),
        reporting=True,
        speech=False,
        deps=deps,
    )


def _holder(noun: Token) -> Span | None:
    """Whose claim: the possessor ("his claim", "Trump's view"), the object of "by"
    ("suggestions by the news media"), else the subject of the verb the noun is the
    object of ("he voiced concern about ...")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return speaker_span(child)
        if child.dep_ == "prep" and child.lower_ == "by":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return speaker_span(obj)
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return speaker_of(noun.head)
    return None


def _source_cue(tok: Token, cues: Cues) -> Cue | None:
    """ "In the poll, 50 percent chose ...": a document that reports the clause the
    preposition modifies; the document is the speaker, as with "according to"."""
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lemma_.lower() not in cues.sources:
        return None
    if tok.head.i == tok.i or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    return Cue(tok, (tok.idx, tok.idx + len(tok)), speaker_span(obj), "object", "in", True)


def _phrase_cue(tok: Token, cues: Cues) -> Cue | None:
    doc = tok.doc
    for words, role in cues.phrases:
        end = tok.i + len(words)
        if end > len(doc) or tuple(t.lower_ for t in doc[tok.i : end]) != words:
            continue
        last = doc[end - 1]
        span = (tok.idx, last.idx + len(last))
        name = " ".join(words)
        if role == "object":
            obj = next((c for c in last.children if c.dep_ in ("pobj", "pcomp")), None)
            speaker = speaker_span(obj) if obj is not None else None
            return Cue(tok, span, speaker, "object", name, reporting=True)
        verb = _governing_verb(tok)
        verb_as_cue = verb_cue(verb, cues) if verb is not None else None
        if verb is None or (verb_as_cue is not None and verb_as_cue.speech):
            return None  # the verb itself is the cue ("said in a statement")
        return Cue(tok, span, speaker_of(verb), "subject", name, reporting=False)
    return None


def _governing_verb(tok: Token) -> Token | None:
    current = tok
    for _ in range(3):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def subject_of(verb: Token) -> Token | None:
    """The nominal subject of a cue verb, borrowed from the verb it hangs from when it
    has none of its own ("he said, noting ...", "was quoted as saying", "took to
    Twitter to say", "wants to know"); for a relative clause, the relative pronoun."""
    current = verb
    for step in range(4):
        for child in current.children:
            passive = step > 0 and current.lemma_ in _PASSIVE_SOURCE_LEMMAS
            if child.dep_ == "nsubj" or (passive and child.dep_ == "nsubjpass"):
                return child
        if current.head.i == current.i or current.dep_ not in _SUBJECT_CLIMB_DEPS:
            return None
        if current.dep_ == "xcomp":
            # "urged Moscow to say": the object controls the clause, if there is one
            obj = next((c for c in current.head.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.i < current.i:
                return obj
        current = current.head
    return None


def speaker_of(verb: Token) -> Span | None:
    """The speaker phrase of a cue verb: its subject (``subject_of``), else the agent of
    a passive ("was urged by X"), else the noun a participle modifies ("a gunman
    claiming ..."). A relative pronoun is given with its antecedent ("the voters
    who"), so the phrase names someone and still holds the pronoun as written."""
    subject = subject_of(verb)
    if subject is not None:
        relcl = subject.head if subject.tag_ in _RELATIVE_TAGS else None
        if relcl is not None and relcl.dep_ == "relcl" and relcl.head.i < subject.i:
            antecedent = speaker_span(relcl.head)
            return subject.doc[antecedent.start : subject.i + 1]
        return speaker_span(subject)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return speaker_span(obj)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in _NOMINAL_POS:
        return speaker_span(verb.head)
    return None


def speaker_span(tok: Token) -> Span:
    """The speaker phrase as written: the subject with its titles, compounds and
    appositions, without relative or participial clauses; pronouns alone."""
    doc = tok.doc
    if tok.pos_ == "PRON":
        return doc[tok.i : tok.i + 1]
    dropped = {t.i for c in tok.children if c.dep_ in _SPEAKER_DROP_DEPS for t in c.subtree}
    kept = [t.i for t in tok.subtree if t.i not in dropped]
    lo, hi = min(kept), max(kept)
    while lo < tok.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > tok.i and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return doc[lo : hi + 1]
