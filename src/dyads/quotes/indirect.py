"""Reported clauses: indirect and mixed quotes.

A reporting verb's ``ccomp`` clause is an *indirect* quote when it holds no quoted
text, and a *mixed* quote when the reporter's words and quoted words share it
(``Sherman said the U.S. would "not allow ..."``): the quote marks then belong to the
mixed quote's content and give no direct quote. A clause whose own words all lie
inside the marks (leading ``that`` and words only after the closing mark aside) is a
direct quote, attributed in :mod:`dyads.quotes.direct`. The ``direct_only`` verbs
(``go on``, ``smile``) make no indirect quotes. A cue's reported dependents are one
content (``called the plan a disaster``); a verb of saying set into its content
(``The talks, he said, were useful``) reports the clause around it; nouns
(``his claim that ...``) and documents (``In the poll, ...``) report content too.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from dyads.quotes.context import Context, char_span
from dyads.quotes.guess import Draft
from dyads.quotes.marks import region_index
from dyads.quotes.speakers import Cue

__all__ = ["Clause", "absorbed_quotes", "clause_draft", "reported_clauses"]

_PREP_OBJECT_DEPS = frozenset({"pobj", "pcomp"})
_CLAUSE_LABELS = frozenset({"ccomp", "xcomp"})
_PARENTHETICAL_DEPS = frozenset({"parataxis"})


@dataclass(frozen=True)
class Clause:
    """What a reporting cue introduces: a clause, and the quotes inside it."""

    cue: Cue
    span: tuple[int, int]
    quotes: tuple[int, ...]  # indexes of the quote regions inside
    owned: bool  # wholly quoted: a direct quote, not an indirect or mixed one
    label: str = "ccomp"  # how the content hangs from the cue, for the rule name


def reported_clauses(cue_list: Iterable[Cue], regions: Sequence[tuple[int, int]]) -> list[Clause]:
    found = []
    for cue in cue_list:
        if not cue.reporting:
            continue  # "add" and the other direct-only verbs report no clause
        clauses = [
            _clause(cue, head, skip, label, regions) for head, skip, label in _clause_heads(cue)
        ]
        found += _join_clauses([c for c in clauses if c is not None])
    return _outermost(found)


def _join_clauses(clauses: list[Clause]) -> list[Clause]:
    """One cue, one attribution: the reported (not wholly quoted) dependents of a cue
    are one content from the first one's start to the last one's end ("called the
    plan a disaster", "told X that A and that B")."""
    reported = [c for c in clauses if not c.owned]
    if len(reported) < 2:
        return clauses
    first = min(reported, key=lambda c: c.span[0])
    joined = Clause(
        first.cue,
        (first.span[0], max(c.span[1] for c in reported)),
        tuple(sorted({q for c in reported for q in c.quotes})),
        owned=False,
        label=first.label,
    )
    return [c for c in clauses if c.owned] + [joined]


def _outermost(clauses: list[Clause]) -> list[Clause]:
    """Drop the clauses whose cue lies inside another cue's reported content: an
    attribution inside reported words belongs to them ("he said Russia had tried to
    show flexibility" is one attribution, not two). One sort and a binary search per
    clause: for the spans starting at or before a cue, the largest end of any owner and
    the largest end of any other owner are kept as running maxima."""
    spans = sorted((c.span[0], c.span[1], id(c.cue)) for c in clauses)
    starts = [lo for lo, _, _ in spans]
    best: list[tuple[int, int | None, int]] = []  # (max end, its owner, max end of others)
    top, owner, other = -1, None, -1
    for _, hi, who in spans:
        if who == owner:
            top = max(top, hi)
        elif hi > top:
            top, owner, other = hi, who, top
        else:
            other = max(other, hi)
        best.append((top, owner, other))
    kept = []
    for clause in clauses:
        at = clause.cue.span[0]
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0:
            top, owner, other = best[k]
            end = other if owner == id(clause.cue) else top
            if end > at:
                continue
        kept.append(clause)
    return kept


def _clause_heads(cue: Cue) -> list[tuple[Token, Token | None, str]]:
    """Clause heads a cue reports, each with a subtree to leave out of the clause and
    the relation that names the rule (``"ccomp"``, ``"dobj"``, ``"prep_for"``)."""
    if cue.kind in ("verb", "noun"):
        heads = []
        for child in cue.token.children:
            if child.dep_ in cue.deps and (child.dep_ != "acl" or _is_content_clause(child)):
                heads.append((child, None, child.dep_))
            elif child.dep_ == "prep" and f"prep:{child.lower_}" in cue.deps:
                label = f"prep_{child.lower_}"
                heads += [(c, None, label) for c in child.children if c.dep_ in _PREP_OBJECT_DEPS]
        if any(label in _CLAUSE_LABELS for _, _, label in heads):
            # "urged the allies to lift ...": the object is the addressee, not content
            heads = [h for h in heads if h[2] != "dobj"]
        if not heads and cue.speech and cue.token.dep_ in _PARENTHETICAL_DEPS:
            # "This campaign, he says, is different": the cue is inserted into its content
            return [(cue.token.head, cue.token, "parataxis")]
        return heads
    head = cue.token.head
    if cue.kind == "object" and head.i != cue.token.i:
        return [(head, cue.token, cue.name.replace(" ", "_"))]  # "according to X, <clause>"
    return []


def _clause(
    cue: Cue, head: Token, skip: Token | None, label: str, regions: Sequence[tuple[int, int]]
) -> Clause | None:
    skipped = {t.i for t in skip.subtree} if skip is not None else set()
    subtree = sorted(head.subtree, key=lambda t: t.i)  # non-projective trees are out of order
    words = [t for t in subtree if t.i not in skipped and not (t.is_punct or t.is_space)]
    words = [t for t in words if not _is_that(t)] or words
    where = [region_index(t.idx, regions) for t in words]
    inside = sorted({q for q in where if q is not None})
    outside = [t for t, q in zip(words, where, strict=True) if q is None]
    if not inside and not outside:
        return None
    # the reporter's own words must come before (or between) the quoted ones for a
    # mixed quote; words only after them are usually attachment noise ("on Monday")
    last_close = max((regions[q][1] for q in inside), default=-1)
    owned = bool(inside) and not any(t.idx < last_close for t in outside)
    start = min([words[0].idx] + [regions[q][0] for q in inside])
    end = max([words[-1].idx + len(words[-1])] + [regions[q][1] for q in inside])
    return Clause(cue, (start, end), tuple(inside), owned, label)


def _is_content_clause(head: Token) -> bool:
    """A clause that states what a noun holds: "(the claim) that ...", "(a pledge) to
    ...", not a participle ("the statement released on Monday")."""
    return any(c.dep_ in ("mark", "aux") and c.lower_ in ("that", "to") for c in head.children)


def _is_that(tok: Token) -> bool:
    return tok.dep_ == "mark" and tok.lower_ == "that"


def absorbed_quotes(clauses: Iterable[Clause]) -> set[int]:
    """Quotes that are part of a mixed quote and not a direct quote of their own."""
    clauses = list(clauses)
    owned = {q for c in clauses if c.owned for q in c.quotes}
    return {q for c in clauses if not c.owned for q in c.quotes} - owned


def clause_draft(clause: Clause, ctx: Context) -> Draft:
    kind = "mixed" if clause.quotes else "indirect"
    start, end = clause.span
    speaker = clause.cue.speaker
    return Draft(
        kind=kind,
        start=start,
        end=end,
        para=ctx.para_of(start),
        rule=f"{kind}.{clause.label}",
        frame=clause.span,
        cue=clause.cue.span,
        speaker=char_span(speaker) if speaker is not None else None,
    )
