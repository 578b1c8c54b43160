"""Quote finding: direct, indirect and mixed quotations and who said them.

``find_quotes`` reads a parsed article (one spaCy ``Doc`` for the whole text, with
paragraphs separated by ``"\\n"`` and a sentence boundary at every newline) and return
:class:`QuoteGuess` records. They never modify the Doc.

The recipe, in order (one module per step):

1. **Pair the quote marks** paragraph by paragraph (:mod:`dyads.quotes.marks`):
   straight, curly and angle marks; apostrophes never count; one stray mark costs one
   quote, never the pairing of the quotes after it. Unpaired marks become ``note``s.
2. **Find the cues** outside all quote marks (:mod:`dyads.quotes.speakers`, lexicon in
   :mod:`dyads.quotes.cues`): verbs of saying (``said``, ``told``), verbs that report
   content (``urged``, ``criticized``, ``called for``) and phrases (``according to``,
   ``in a statement``). The speaker is the verb's nominal subject (or the object of
   ``according to``) as written, pronouns included.
3. **Reported content** (:mod:`dyads.quotes.indirect`): the dependents a cue reports
   (``ccomp`` of a verb of saying; the ``xcomp``, object or prepositional object the
   lexicon's ``content`` frames name) are *indirect* quotes, or *mixed* quotes when
   they hold quoted words. A cue with no subject gives a quote without a speaker; a
   cue inside another cue's content gives none (one attribution, not two).
4. **Attribute direct quotes** to a verb of saying or a phrase
   (:mod:`dyads.quotes.direct`): a cue in the quote's own sentences, else within
   ``max_gap_sentences`` of the same paragraph, else a colon-ended paragraph before.
5. **Conventions** (here): parts of a multi-paragraph quote share a speaker, and a
   paragraph that is all quote, with no cue in reach, continues the speaker of the
   previous quote when that quote is at most two paragraphs back.
6. **Filter** (here and in :mod:`dyads.quotes.direct`): quoted content under three
   words is kept only when a cue sits right next to it (``"No," he said.``); an
   unattributed quote is kept only when it reads like speech.

An interrupted quote (``"Part one," she told reporters, "part two."``), or quoted
sentences of one paragraph sharing a cue (``"A," he said. "B."``), is one guess: its
``content`` runs from the first part's start to the last part's end, cue included,
as PolNeAR merges discontinuous content, and ``parts`` lists the quoted fragments.
Each paragraph of a multi-paragraph quote stays its own guess (``note`` names the
paragraphs), so every ``content`` span is contiguous and inside one paragraph.

Rule names (``QuoteGuess.rule``): ``direct.cue_after``, ``direct.cue_before``,
``direct.colon_before``, ``direct.interrupted``, ``direct.adjacent``,
``direct.multi_paragraph``, ``direct.continuation``, ``direct.unattributed``,
``mixed.<relation>``/``indirect.<relation>`` with the relation of the content to its cue
(``ccomp``, ``xcomp``, ``dobj``, ``prep_for``...) or the object-role phrase
(``indirect.according_to``).

Paragraphs in notes are counted from 1, skipping blank lines; sentence ids index
``list(doc.sents)``. See textacy's ``direct_quotations`` for the original recipe,
which this extends with recovery from odd marks, indirect and mixed quotes and the
newswire conventions.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from dyads.quotes.context import MIN_WORDS, SENTENCE_END, WORD_RE, Context, build_context
from dyads.quotes.cues import Cues, default_cues, load_cues
from dyads.quotes.direct import direct_drafts
from dyads.quotes.guess import Draft, QuoteGuess
from dyads.quotes.indirect import absorbed_quotes, clause_draft, reported_clauses
from dyads.quotes.marks import pair_marks, whole_quote_paragraphs
from dyads.quotes.speakers import find_cues

__all__ = ["Cues", "QuoteGuess", "find_quotes", "load_cues"]

_CONTINUATION_PARAGRAPHS = 2


def find_quotes(
    doc: Doc, *, cues: Cues | None = None, max_gap_sentences: int = 1
) -> list[QuoteGuess]:
    """Find the direct, indirect and mixed quotations in an article and their speakers.

    Args:
        doc (Doc): the whole article, parsed, with ``"\\n"`` between paragraphs and a
            sentence boundary at every newline. It is not modified.
        cues (Cues | None): the cue lexicon. Defaults to the packaged ``cues.yaml``.
        max_gap_sentences (int): how many sentences away, in the same paragraph, a
            cue may be for a direct quote with no cue in its own sentences.
            Defaults to 1; 0 turns the search off.

    Returns:
        list[QuoteGuess]: the quotes in text order. Nothing raises on odd input
        (unbalanced marks, empty quotes, no parse, no sentences): what cannot be
        decided is left out and, for quote marks, explained in ``note``.

    Note:
        The rules are described in the module docstring of ``dyads.quotes.find``.
    """
    if len(doc) == 0:
        return []
    ctx = build_context(doc)
    if not ctx.text.strip():
        return []
    cues = cues if cues is not None else default_cues()
    marked, para_notes = pair_marks(ctx.text, ctx.paras)
    regions = [q.region for q in marked]
    cue_list = find_cues(doc, cues, regions)
    clauses = reported_clauses(cue_list, regions)
    drafts = [clause_draft(c, ctx) for c in clauses if not c.owned]
    whole = whole_quote_paragraphs(ctx.text, ctx.paras, regions)
    absorbed = absorbed_quotes(clauses)
    drafts += direct_drafts(marked, absorbed, cue_list, ctx, whole, max_gap_sentences)
    drafts.sort(key=lambda d: (d.start, -d.end))
    drafts = _join_parts(drafts)
    _share_chain_speakers(drafts)
    _continue_speakers(drafts)
    return [_finish(d, ctx, para_notes) for d in drafts if _keep(d, ctx)]


def _join_parts(drafts: Sequence[Draft]) -> list[Draft]:
    """Direct quotes next to each other in one paragraph with the same cue are one
    quotation interrupted by its cue (``"Part one," she said, "part two."``): one
    draft from the first part's start to the last part's end, the parts listed in
    ``parts``. Quotes of other paragraphs stay apart (every content is inside one
    paragraph)."""
    joined: list[Draft] = []
    for d in drafts:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and d.kind == prev.kind == "direct"
            and d.cue is not None
            and d.cue == prev.cue
            and d.para == prev.para
        ):
            prev.parts = (prev.parts or ((prev.start, prev.end),)) + ((d.start, d.end),)
            prev.end = max(prev.end, d.end)
            prev.frame = (min(prev.frame[0], d.frame[0]), max(prev.frame[1], d.frame[1]))
            prev.whole = prev.whole and d.whole
            if d.chain is not None:
                prev.chain = d.chain
            continue
        joined.append(d)
    return joined


def _share_chain_speakers(drafts: Sequence[Draft]) -> None:
    """Parts of a multi-paragraph quote share the speaker of the nearest part that
    has one (earlier parts first on a tie)."""
    chains: dict[int, list[Draft]] = {}
    for d in drafts:
        if d.chain is not None:
            chains.setdefault(d.chain, []).append(d)
    for members in chains.values():
        first, last = members[0].para + 1, members[-1].para + 1
        for k, part in enumerate(members):
            part.notes.append(f"one quote over paragraphs {first}-{last}")
            if part.speaker is not None:
                continue
            donors = [(abs(j - k), j) for j, p in enumerate(members) if p.speaker is not None]
            if donors:
                donor = members[min(donors)[1]]
                part.cue, part.speaker = donor.cue, donor.speaker
                part.rule = "direct.multi_paragraph"


def _continue_speakers(drafts: Sequence[Draft]) -> None:
    """A paragraph that is all quote, with no cue in reach, continues the speaker of
    the previous quote if that quote is at most two paragraphs back (newswire style)."""
    for k, d in enumerate(drafts):
        if d.kind != "direct" or d.speaker is not None or not d.whole or k == 0:
            continue
        prev = drafts[k - 1]
        if prev.speaker is None or prev.para < d.para - _CONTINUATION_PARAGRAPHS:
            continue
        d.cue, d.speaker, d.rule = prev.cue, prev.speaker, "direct.continuation"
        d.notes.append(f"continues the speaker of the quote at chars {prev.start}-{prev.end}")


def _keep(d: Draft, ctx: Context) -> bool:
    """Attributed quotes stay; an unattributed one only if it reads like speech."""
    if d.kind != "direct" or d.speaker is not None:
        return True
    text = ctx.text[d.start : d.end]
    words = WORD_RE.findall(text)
    if len(words) < MIN_WORDS or _looks_like_title(text, words):
        return False
    if d.whole or text.rstrip("\"'’”»)")[-1:] in SENTENCE_END:
        return True
    if not ctx.doc.has_annotation("POS"):
        return True
    return any(t.pos_ in ("VERB", "AUX") for t in ctx.tokens(d.start, d.end))


def _looks_like_title(text: str, words: Sequence[str]) -> bool:
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    ends_sentence = text.rstrip()[-1:] in SENTENCE_END
    return bool(long_words) and all(w[0].isupper() for w in long_words) and not ends_sentence


def _finish(d: Draft, ctx: Context, para_notes: dict[int, list[str]]) -> QuoteGuess:
    text = ctx.text
    sents = ctx.sent_ids(*d.frame)
    for span in (d.cue, d.speaker):
        if span is not None:
            sents |= ctx.sent_ids(*span)
    notes = d.notes + para_notes.get(d.para, [])
    return QuoteGuess(
        kind=d.kind,
        content=(d.start, d.end),
        text=text[d.start : d.end],
        cue=d.cue,
        cue_text=text[d.cue[0] : d.cue[1]] if d.cue is not None else None,
        speaker=d.speaker,
        speaker_text=text[d.speaker[0] : d.speaker[1]] if d.speaker is not None else None,
        sentence_ids=tuple(sorted(sents)),
        rule=d.rule,
        note="; ".join(notes) if notes else None,
        parts=d.parts or ((d.start, d.end),),
    )
