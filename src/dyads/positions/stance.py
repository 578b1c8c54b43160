"""Stance reading: act sign x content sign, on the issue's canonical direction.

A claim's stance is the product of two signs:

* the **act** sign says whether the actor wants the claim's content or refuses it. For
  events it comes from the CAMEO family (``ACT_FAMILIES``); for quotes, from the
  nearest stance cue above the issue keyword (``FOR_CUES``, ``AGAINST_CUES``), flipped
  when the cue itself is negated ("will not allow").
* the **content** sign says whether the content points along the issue's canonical
  direction (+1) or against it (-1): a negator just before the keyword flips it
  ("a ban on NATO expansion", "non-expansion", "slam closed NATO's open door").

Threats and warnings are read by where the issue stands: "threaten sanctions" or
"would impose sanctions" wants them (+1), but when the issue is the active subject of
a harm verb ("new sanctions could lead to a breakdown in ties") the speaker names it
as the cause of harm and so warns against it (-1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dyads.positions.issues import IssueEntry, Taxonomy
from dyads.positions.objects import ClaimObject


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: CAMEO root -> (family, act sign). Families not listed state no claim (consult,
#: material cooperation, force ...). The threaten family's sign may flip (see module).
ACT_FAMILIES: dict[str, tuple[str, int]] = {
    "02": ("appeal", 1),
    "03": ("intend", 1),
    "05": ("support", 1),
    "08": ("agree", 1),
    "10": ("demand", 1),
    "11": ("disapprove", -1),
    "12": ("reject", -1),
    "13": ("threaten", 1),
}
#: Verbs whose active subject is named as the cause of harm ("X could lead to ...").
HARM_VERBS = _words(
    "lead cause result hurt harm damage destroy undermine trigger provoke backfire ruin "
    "jeopardize jeopardise endanger wreck worsen derail escalate threaten poison"
)
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
#: Quote cues (lemmas) that make the content below them wanted (+1) or refused (-1).
FOR_CUES = _words(
    "need want demand insist urge ensure must should support back welcome endorse favour "
    "favor mandatory necessary essential vital central allow accept agree commit committed "
    "seek keep"
)
AGAINST_CUES = _words(
    "reject oppose refuse condemn denounce unacceptable forgo resist block veto non-starter starter"
)
#: Nouns that attribute their content to their owner: "U.S. attempts to limit the agenda".
ATTEMPT_NOUNS = _words(
    "attempt effort bid push plan proposal offer initiative demand request insistence"
)
NEGATOR_WINDOW = 40  # characters before a keyword in which a negator flips it


@dataclass(frozen=True)
class Hit:
    """An issue named in a claim: where, by which keyword, and the content's sign."""

    token: Token
    keyword: str
    entry: IssueEntry
    content: int
    negator: int | None = None  # doc character offset of the word that flipped the content
    auto: ClaimObject | None = None  # the object behind an automatic issue (``objects``)


def issue_hits(clause: Span, taxonomy: Taxonomy) -> list[Hit]:
    """The issues a claim names, first keyword per issue, in text order.

    An issue whose entry ``subsumes`` another drops that one's hits: in "limit the
    agenda to military exercises" the exercises are the agenda, not a claim of their own.
    """
    doc = clause.doc
    text = clause.text
    hits: dict[str, Hit] = {}
    for offset, keyword, entry in taxonomy.find(text):
        if entry.issue.id in hits:
            continue
        start = clause.start_char + offset
        span = doc.char_span(start, start + len(keyword), alignment_mode="expand")
        if span is None:
            continue
        at = negator_offset(text.lower(), offset, keyword, taxonomy.negators)
        content, negator = (1, None) if at is None else (-1, clause.start_char + at)
        hits[entry.issue.id] = Hit(span.root, keyword, entry, content, negator)
    dropped = {s for h in hits.values() for s in h.entry.subsumes}
    return [h for issue, h in hits.items() if issue not in dropped]


def content_negated(text: str, offset: int, keyword: str, negators: tuple[str, ...]) -> bool:
    """Whether a negator in the five words before ``keyword`` turns the content around."""
    return negator_offset(text, offset, keyword, negators) is not None


def negator_offset(text: str, offset: int, keyword: str, negators: tuple[str, ...]) -> int | None:
    """Where in ``text`` the negator that flips ``keyword`` starts, or None."""
    if keyword.startswith("non"):
        return offset
    start = max(0, offset - NEGATOR_WINDOW)
    before = text[start:offset].lower()
    if before.endswith("non-"):
        return offset - 4
    words = list(re.finditer(r"[^\s-]+", before))[-5:]
    if not words:
        return None
    window = before[words[0].start() :].replace("-", " ")
    found = [
        m.start() for n in negators for m in re.finditer(rf"(?<!\w){re.escape(n)}(?!\w)", window)
    ]
    return start + words[0].start() + max(found) if found else None


def _counted(hit: Hit, cue: Token) -> bool:
    """Whether the cue's own negation is the one already read as the content's negator."""
    return hit.negator is not None and any(
        c.dep_ == "neg" and c.idx == hit.negator for c in cue.children
    )


def harm_cause(token: Token, stop: Token | None = None) -> Token | None:
    """The harm verb whose active subject holds ``token`` ("sanctions could lead to")."""
    for tok in (token, *token.ancestors):
        if tok.dep_ in _SUBJECT_DEPS and tok.head.lemma_.lower() in HARM_VERBS:
            return tok.head
        if stop is not None and tok.i == stop.i:  # spaCy Tokens: compare positions
            return None
    return None


def event_act(family: str, sign: int, hit: Hit, trigger: Token) -> tuple[int, str]:
    """The act sign of an event's claim on one issue, with the rule that decided it."""
    if family == "threaten":
        verb = harm_cause(hit.token)
        if verb is not None:
            return -1, f"threaten: '{hit.keyword}' is the cause of harm ('{verb.text}') (-1)"
    if _counted(hit, trigger):
        # "would never accept X" is coded as a rejection: its "never" is the act's, not X's
        return -sign, f"{family}, negator is the trigger's ({-sign:+d})"
    return sign, f"{family} ({sign:+d})"


def quote_act(hit: Hit, limit: Span) -> tuple[int, str] | None:
    """The act sign of a quote's claim on one issue: the nearest cue above the keyword.

    RETURNS (tuple | None): (sign, rule), or None when the quote only mentions the issue.
    """
    verb = harm_cause(hit.token)
    if verb is not None and limit.start <= verb.i < limit.end:
        return -1, f"'{hit.keyword}' is the cause of harm ('{verb.text}') (-1)"
    for tok in (hit.token, *hit.token.ancestors):
        if not limit.start <= tok.i < limit.end:
            break
        lemma = tok.lemma_.lower()
        if lemma in AGAINST_CUES or tok.lower_.startswith("non-start"):
            sign = -1
        elif lemma in FOR_CUES and tok.i != hit.token.i:
            sign = 1
        else:
            continue
        if any(c.dep_ == "neg" for c in tok.children) and not _counted(hit, tok):
            return -sign, f"cue 'not {tok.text}' ({-sign:+d})"
        return sign, f"cue '{tok.text}' ({sign:+d})"
    return None


def attributed_owner(hit: Hit, stop: Token) -> Span | None:
    """The owner of an attempt or proposal holding the keyword ("U.S. attempts to ...")."""
    for tok in (hit.token, *hit.token.ancestors):
        if stop is not None and tok.i == stop.i:  # spaCy Tokens: compare positions
            return None
        if tok.lemma_.lower() in ATTEMPT_NOUNS:
            for child in tok.children:
                if child.dep_ in {"compound", "poss", "amod"} and child.pos_ in {"PROPN", "ADJ"}:
                    sub = list(child.subtree)
                    return tok.doc[sub[0].i : sub[-1].i + 1]
            return None
    return None
