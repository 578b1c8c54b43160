"""Direct quotes: attributing each quoted region to a cue, nearest first.

A cue in the quote's own sentences (one governing the quote first, then the nearest
after it, then the nearest before), else the nearest cue within ``max_gap``
sentences of the same paragraph, else (for a quote opening a paragraph) a previous
paragraph that ends with a colon. Quoted content under three words is kept only when
a cue sits right next to it (``"No," he said.``); otherwise it is a scare quote or a
title and is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from dyads.quotes.context import MIN_WORDS, WORD_RE, Context, char_span
from dyads.quotes.guess import Draft
from dyads.quotes.marks import Marked
from dyads.quotes.speakers import Cue

__all__ = ["direct_drafts"]

# dependency labels that start a new clause: a token under one of these is not part of
# the cue's own phrase ("told reporters") but of what is reported
_CLAUSE_DEPS = frozenset(
    {"ccomp", "xcomp", "advcl", "csubj", "conj", "parataxis", "relcl", "acl", "pcomp"}
)
_SAME_SENTENCE_RULES = frozenset(
    {"direct.cue_after", "direct.cue_before", "direct.colon_before", "direct.interrupted"}
)


def direct_drafts(
    marked: Sequence[Marked],
    absorbed: set[int],
    cue_list: Sequence[Cue],
    ctx: Context,
    whole: set[int],
    max_gap: int,
) -> list[Draft]:
    text = ctx.text
    by_para: dict[int, list[Cue]] = {}
    for cue in cue_list:
        if cue.speaker is not None and cue.speech:
            by_para.setdefault(ctx.para_of(cue.span[0]), []).append(cue)
    frames = [ctx.sent_ids(*q.region) for q in marked]
    drafts = []
    for qi, q in enumerate(marked):
        if qi in absorbed:
            continue
        found = _attribute(qi, marked, frames, by_para, ctx, max_gap)
        short = len(WORD_RE.findall(text, q.start, q.end)) < MIN_WORDS
        if short and q.para not in whole and not q.in_chain and not _next_to(q, found, ctx):
            continue  # scare quotes and titles
        draft = Draft("direct", q.start, q.end, q.para, "direct.unattributed", q.region)
        draft.whole = q.para in whole
        draft.chain = q.chain if q.in_chain else None
        if found is not None:
            cue, draft.rule = found
            draft.cue = cue.span
            draft.speaker = char_span(cue.speaker) if cue.speaker is not None else None
        drafts.append(draft)
    return drafts


def _attribute(
    qi: int,
    marked: Sequence[Marked],
    frames: Sequence[set[int]],
    by_para: dict[int, list[Cue]],
    ctx: Context,
    max_gap: int,
) -> tuple[Cue, str] | None:
    """The cue of a direct quote and the rule that found it, nearest first."""
    q, frame = marked[qi], frames[qi]
    candidates = by_para.get(q.para, [])
    same = [c for c in candidates if ctx.sent_of(c.span[0]) in frame]
    cue = _same_sentence_cue(q, same, ctx)
    if cue is not None:
        return cue, _position_rule(qi, cue, marked, frames, ctx)
    cue = _adjacent_cue(qi, candidates, marked, frames, ctx, max_gap)
    if cue is not None:
        return cue, "direct.adjacent"
    cue = _colon_paragraph_cue(q, by_para, ctx)
    return (cue, "direct.colon_before") if cue is not None else None


def _same_sentence_cue(q: Marked, same: Sequence[Cue], ctx: Context) -> Cue | None:
    """A cue that governs the quote if any, else the nearest after it, else before it."""
    linked = [c for c in same if _governs(c, q, ctx)]
    pool = linked or same
    after = [c for c in pool if c.span[0] >= q.region[1]]
    if after:
        return min(after, key=lambda c: c.span[0])
    before = [c for c in pool if c.span[1] <= q.region[0]]
    return max(before, key=lambda c: c.span[1]) if before else None


def _governs(cue: Cue, q: Marked, ctx: Context) -> bool:
    """The cue is syntactically tied to the quote: a quoted word hangs from it, or
    it hangs from a quoted word (``"...," he said`` parsed as parataxis)."""
    content = ctx.tokens(q.start, q.end)
    if any(t.head.i == cue.token.i and not t.is_punct for t in content):
        return True
    return q.start <= cue.token.head.idx < q.end


def _position_rule(
    qi: int, cue: Cue, marked: Sequence[Marked], frames: Sequence[set[int]], ctx: Context
) -> str:
    q = marked[qi]
    if cue.span[0] >= q.region[1]:
        return "direct.cue_after"
    cue_sent = ctx.sent_of(cue.span[0])
    for k, other in enumerate(marked):
        ends_before = other.region[1] <= cue.span[0]
        if k != qi and other.para == q.para and ends_before and cue_sent in frames[k]:
            return "direct.interrupted"  # "Part one," she said, "part two."
    if ctx.text[cue.span[1] : q.open].rstrip().endswith(":"):
        return "direct.colon_before"
    return "direct.cue_before"


def _adjacent_cue(
    qi: int,
    candidates: Sequence[Cue],
    marked: Sequence[Marked],
    frames: Sequence[set[int]],
    ctx: Context,
    max_gap: int,
) -> Cue | None:
    """The nearest cue within ``max_gap`` sentences of the same paragraph: in the
    sentences before (the last cue), then after (the first cue, unless that sentence
    has a quote of its own, which the cue more likely attributes)."""
    q, frame = marked[qi], frames[qi]
    if max_gap < 1 or not frame:
        return None
    real = ctx.real_sents.get(q.para, [])
    before = [s for s in real if s < min(frame)][-max_gap:]
    after = [s for s in real if s > max(frame)][:max_gap]
    for sent in reversed(before):
        found = [c for c in candidates if ctx.sent_of(c.span[0]) == sent]
        if found:
            return found[-1]
    for sent in after:
        if any(sent in frames[k] for k in range(len(marked)) if k != qi):
            return None
        found = [c for c in candidates if ctx.sent_of(c.span[0]) == sent]
        if found:
            return found[0]
    return None


def _colon_paragraph_cue(q: Marked, by_para: dict[int, list[Cue]], ctx: Context) -> Cue | None:
    """``Sherman told reporters:`` ending the paragraph before a quote that opens one."""
    lo = ctx.paras[q.para][0]
    text = ctx.text
    if q.para == 0 or text[lo : q.open].strip():
        return None
    plo, phi = ctx.paras[q.para - 1]
    if not text[plo:phi].rstrip().endswith(":"):
        return None
    found = by_para.get(q.para - 1, [])
    return found[-1] if found else None


def _next_to(q: Marked, found: tuple[Cue, str] | None, ctx: Context) -> bool:
    """A cue right next to the quote: only punctuation, the speaker and the cue's own
    words (``told reporters``) between them, no reported clause."""
    if found is None or found[1] not in _SAME_SENTENCE_RULES:
        return False
    cue = found[0]
    a, b = q.region
    lo, hi = (b, cue.span[0]) if cue.span[0] >= b else (cue.span[1], a)
    for tok in ctx.tokens(lo, hi):
        if tok.is_punct or tok.is_space:
            continue
        if cue.speaker is not None and cue.speaker.start <= tok.i < cue.speaker.end:
            continue
        if not _hangs_from(tok, cue.token):
            return False
    return True


def _hangs_from(tok: Token, anchor: Token) -> bool:
    """``tok`` is in ``anchor``'s subtree without crossing into another clause."""
    while tok.i != anchor.i:
        if tok.dep_ in _CLAUSE_DEPS or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True
