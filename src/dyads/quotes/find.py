"""Quote finding: direct, indirect and mixed quotations and who said them.

The functions here read a parsed article (one spaCy ``Doc`` for the whole text, with
paragraphs separated by ``"\\n"`` and a sentence boundary at every newline) and return
:class:`QuoteGuess` records. They never modify the Doc.

The recipe, in order:

1. **Pair the quote marks** paragraph by paragraph (straight ``"``, curly ``“ ”`` and
   ``« »``; apostrophes are never quote marks). A straight mark is read as opening or
   closing from the characters around it, so one stray mark costs one quote, never
   the pairing of the quotes after it. An unclosed quote whose next paragraph opens
   with a quote mark is the newswire multi-paragraph quote and is kept; any other
   unclosed quote is dropped with a ``note`` (notes ride on the guesses of the same
   paragraph). Direct content is what lies inside the marks, less the comma newswire
   puts before a closing mark (``"...," he said``).
2. **Find the cues** outside all quote marks: reporting verbs (``said``, ``told``) and
   phrases (``according to``, ``in a statement``) from :func:`load_cues`. The speaker
   is the verb's nominal subject (or the object of ``according to``), expanded to its
   noun phrase with titles and appositions; pronouns are kept as written.
3. **Reported clauses**: a reporting verb's ``ccomp`` clause is an *indirect* quote
   when it holds no quoted text, and a *mixed* quote when the reporter's words and
   quoted words share it (``Sherman said the U.S. would "not allow ..."``): the quote
   marks then belong to the mixed quote's content and give no direct quote. A clause
   whose own words all lie inside the marks (leading ``that`` and words only after the
   closing mark aside) is a direct quote, attributed in step 4. ``add`` and the other
   ``direct_only`` verbs make no indirect quotes, and cues without a subject none.
4. **Attribute direct quotes**: a cue in the quote's own sentences (one governing the
   quote first, then the nearest after it, then the nearest before), else the nearest
   cue within ``max_gap_sentences`` sentences of the same paragraph, else (for a quote
   opening a paragraph) a previous paragraph that ends with a colon.
5. **Conventions**: parts of a multi-paragraph quote share a speaker, and a paragraph
   that is entirely a quote, with no cue in reach, continues the speaker of the
   previous quote when that quote is at most two paragraphs back.
6. **Filter**: quoted content under three words is kept only when a cue sits right
   next to it (``"No," he said.``); otherwise it is a scare quote or title and is
   dropped. Unattributed quotes are kept only when they read like speech.

An interrupted quote (``"Part one," she told reporters, "part two."``) gives two
guesses with the same cue and speaker: the first ``direct.cue_after``, the second
``direct.interrupted``. Likewise each paragraph of a multi-paragraph quote is its own
guess (``note`` names the paragraphs). Separate guesses keep every ``content`` span
contiguous and inside one paragraph.

Rule names (``QuoteGuess.rule``): ``direct.cue_after``, ``direct.cue_before``,
``direct.colon_before``, ``direct.interrupted``, ``direct.adjacent``,
``direct.multi_paragraph``, ``direct.continuation``, ``direct.unattributed``,
``mixed.ccomp``, ``indirect.ccomp``, and ``mixed.<phrase>``/``indirect.<phrase>`` for an
object-role phrase (``indirect.according_to``).

Paragraphs in notes are counted from 1, skipping blank lines; sentence ids index
``list(doc.sents)``. See textacy's ``direct_quotations`` for the original recipe,
which this extends with recovery from odd marks, indirect and mixed quotes and the
newswire conventions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from dyads.errors import DyadsError, message

__all__ = ["Cues", "QuoteGuess", "find_quotes", "load_cues"]

_OPENING_MARKS = frozenset("“«")
_CLOSING_MARKS = frozenset("”»")
_MARK_RE = re.compile('["“”«»]')
_BEFORE_OPENING = "([{—–-/"  # characters that may sit right before an opening mark
_AFTER_CLOSING = ".,;:!?)]}—–-…"  # characters that may sit right after a closing mark
_WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
_MIN_WORDS = 3
_CONTINUATION_PARAGRAPHS = 2
_PHRASE_ROLES = frozenset({"object", "subject"})
# dependency labels that start a new clause: a token under one of these is not part of
# the cue's own phrase ("told reporters") but of what is reported
_CLAUSE_DEPS = frozenset(
    {"ccomp", "xcomp", "advcl", "csubj", "conj", "parataxis", "relcl", "acl", "pcomp"}
)
# children dropped when a subject is expanded to the speaker phrase
_SPEAKER_DROP_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis"})
_REPORTED_DEPS = frozenset({"ccomp"})
# a cue may borrow its subject from the verb it hangs from ("he said, noting ...")
_SUBJECT_CLIMB_DEPS = frozenset({"conj", "pcomp", "prep"})
_PASSIVE_SOURCE_LEMMAS = frozenset({"quote", "cite"})  # "X was quoted as saying"
_RELATIVE_TAGS = frozenset({"WP", "WDT"})
_SENTENCE_END = frozenset(".?!…")
_SAME_SENTENCE_RULES = frozenset(
    {"direct.cue_after", "direct.cue_before", "direct.colon_before", "direct.interrupted"}
)


@dataclass(frozen=True)
class QuoteGuess:
    """One quotation found in an article, with the evidence for its attribution.

    Attributes:
        kind (str): ``"direct"``, ``"indirect"`` or ``"mixed"``.
        content (tuple[int, int]): character span of the quoted content in ``doc.text``:
            inside the marks for a direct quote, the reported clause otherwise.
        text (str): the content text.
        cue (tuple[int, int] | None): character span of the cue word(s).
        cue_text (str | None): the cue as written (``"said"``, ``"according to"``).
        speaker (tuple[int, int] | None): character span of the speaker phrase.
        speaker_text (str | None): the speaker as written (``"he"``, ``"Sherman"``).
        sentence_ids (tuple[int, ...]): indexes into ``list(doc.sents)`` of the
            sentences holding the content, the cue and the speaker.
        rule (str): the rule that made the guess, e.g. ``"direct.cue_after"``.
        note (str | None): what looked odd on the way, e.g. an unclosed quote mark.
    """

    kind: str
    content: tuple[int, int]
    text: str
    cue: tuple[int, int] | None
    cue_text: str | None
    speaker: tuple[int, int] | None
    speaker_text: str | None
    sentence_ids: tuple[int, ...]
    rule: str
    note: str | None = None


@dataclass(frozen=True)
class Cues:
    """The cue lexicon: which words and phrases attribute a quotation.

    Attributes:
        verbs (frozenset[str]): lemmas of reporting verbs; ``"point out"`` is a verb
            lemma plus a particle.
        direct_only (frozenset[str]): verbs that attribute direct quotes only.
        phrases (tuple[tuple[tuple[str, ...], str], ...]): multi-word cues as lower-case
            words with the role of the speaker, ``"object"`` or ``"subject"``.
    """

    verbs: frozenset[str]
    direct_only: frozenset[str] = frozenset()
    phrases: tuple[tuple[tuple[str, ...], str], ...] = ()


# ---------------------------------------------------------------------------- cues


def load_cues(path: Path | None = None) -> Cues:
    """Load a cue lexicon from YAML.

    Args:
        path (Path | None): a YAML file with ``verbs``, ``direct_only`` and ``phrases``
            (see the packaged ``dyads/quotes/data/cues.yaml``). Defaults to that file.

    Returns:
        Cues: the lexicon.

    Raises:
        DyadsError: the file is missing or does not have the expected shape.
    """
    if path is None:
        text = resources.files("dyads.quotes").joinpath("data/cues.yaml").read_text("utf-8")
        where = "packaged cues.yaml"
    else:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            found = f"cannot read cue file {path} ({exc.strerror})"
            raise DyadsError(message(found, "a readable YAML file", "Check the path.")) from exc
        where = str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        found = f"{where} is not valid YAML ({exc})"
        raise DyadsError(message(found, "a YAML mapping", "Fix the file.")) from exc
    return _parse_cues(data, where)


def _parse_cues(data: Any, where: str) -> Cues:
    todo = "See dyads/quotes/data/cues.yaml for the format."
    if not isinstance(data, dict) or not isinstance(data.get("verbs"), list):
        raise DyadsError(message(f"{where} has no 'verbs' list", "a mapping with 'verbs'", todo))
    verbs = frozenset(_norm(v) for v in data["verbs"])
    direct_only = frozenset(_norm(v) for v in data.get("direct_only") or [])
    if not direct_only <= verbs:
        extra = ", ".join(sorted(direct_only - verbs))
        raise DyadsError(message(f"{where}: direct_only lists {extra}", "verbs only", todo))
    raw_phrases = data.get("phrases") or {}
    if not isinstance(raw_phrases, dict):
        raise DyadsError(message(f"{where}: 'phrases' is not a mapping", "phrase: role", todo))
    phrases = []
    for phrase, role in raw_phrases.items():
        if role not in _PHRASE_ROLES:
            found = f"{where}: phrase {phrase!r} has role {role!r}"
            raise DyadsError(message(found, "'object' or 'subject'", todo))
        phrases.append((tuple(_norm(phrase).split()), role))
    return Cues(verbs=verbs, direct_only=direct_only, phrases=tuple(phrases))


def _norm(value: Any) -> str:
    return " ".join(str(value).lower().split())


@lru_cache(maxsize=1)
def _default_cues() -> Cues:
    return load_cues()


# ------------------------------------------------------------------- find_quotes


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
    if not doc.text.strip() or len(doc) == 0:
        return []
    cues = cues if cues is not None else _default_cues()
    ctx = _context(doc)
    marked, para_notes = _pair_marks(doc.text, ctx.paras)
    regions = [q.region for q in marked]
    cue_list = _find_cues(doc, cues, regions)
    clauses = _reported_clauses(cue_list, regions)
    drafts = [_clause_draft(c, ctx) for c in clauses if not c.owned]
    whole = _whole_quote_paragraphs(doc.text, ctx.paras, regions)
    absorbed = _absorbed(clauses)
    drafts += _direct_drafts(marked, absorbed, cue_list, ctx, whole, max_gap_sentences)
    drafts.sort(key=lambda d: (d.start, -d.end))
    _share_chain_speakers(drafts)
    _continue_speakers(drafts)
    return [_finish(d, ctx, para_notes) for d in drafts if _keep(d, ctx)]


# ----------------------------------------------------------------------- context


@dataclass(frozen=True)
class _Context:
    """Lookups over one Doc: tokens by character, sentences, paragraphs."""

    doc: Doc
    starts: list[int]
    token_sent: list[int]
    paras: list[tuple[int, int]]
    para_starts: list[int]
    real_sents: dict[int, list[int]]
    text: str  # doc.text, kept once: spaCy rebuilds it from the tokens on every access

    def tokens(self, start: int, end: int) -> Span:
        """The tokens that start inside ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return self.doc[i:j]

    def sent_of(self, char: int) -> int:
        i = max(bisect.bisect_right(self.starts, char) - 1, 0)
        return self.token_sent[i]

    def sent_ids(self, start: int, end: int) -> set[int]:
        found = {self.token_sent[t.i] for t in self.tokens(start, end)}
        found.discard(-1)
        return found

    def para_of(self, char: int) -> int:
        return _para_index(self.para_starts, char)


def _context(doc: Doc) -> _Context:
    starts = [t.idx for t in doc]
    sents = _sentences(doc)
    token_sent = [-1] * len(doc)
    for k, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            token_sent[i] = k
    paras = _paragraphs(doc.text)
    para_starts = [lo for lo, _ in paras]
    real: dict[int, list[int]] = {}
    for k, sent in enumerate(sents):
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if words:
            real.setdefault(_para_index(para_starts, words[0].idx), []).append(k)
    return _Context(doc, starts, token_sent, paras, para_starts, real, doc.text)


def _sentences(doc: Doc) -> list[Span]:
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return []
    try:
        return list(doc.sents)
    except ValueError:  # no sentence boundaries after all
        return []


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the non-blank lines of ``text``."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _para_index(para_starts: Sequence[int], char: int) -> int:
    return max(bisect.bisect_right(para_starts, char) - 1, 0)


# -------------------------------------------------------------- quote-mark pairing


@dataclass(frozen=True)
class _Marked:
    """A paired quotation: marks at ``open``/``close``, content ``[start, end)``."""

    para: int
    open: int
    close: int | None  # None: runs on into the next paragraph
    start: int
    end: int
    chain: int  # ``open`` of the first part of a multi-paragraph quote
    continues: bool = False

    @property
    def region(self) -> tuple[int, int]:
        """From the opening mark to just after the closing mark (or the content end)."""
        return (self.open, self.close + 1 if self.close is not None else self.end)

    @property
    def in_chain(self) -> bool:
        return self.continues or self.chain != self.open


def _pair_marks(
    text: str, paras: Sequence[tuple[int, int]]
) -> tuple[list[_Marked], dict[int, list[str]]]:
    """Pair the quote marks of every paragraph; return the quotes and notes by paragraph."""
    marked: list[_Marked] = []
    notes: dict[int, list[str]] = {}
    carry: int | None = None  # chain id of a quote running on into this paragraph
    for p, (lo, hi) in enumerate(paras):
        pairs, unclosed, found = _pair_paragraph(text, lo, hi, p)
        quotes = [q for o, c in pairs if (q := _marked(text, p, o, c, hi)) is not None]
        if unclosed is not None:
            if p + 1 < len(paras) and _opens_with_mark(text, *paras[p + 1]):
                part = _marked(text, p, unclosed, None, hi)
                quotes += [replace(part, continues=True)] if part is not None else []
            else:
                found.append(
                    f"paragraph {p + 1}: the quote opened at char {unclosed} is never "
                    "closed and the next paragraph does not continue it; it was skipped"
                )
        first = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())
        if carry is not None and quotes and quotes[0].open == first:
            quotes[0] = replace(quotes[0], chain=carry)
        carry = quotes[-1].chain if quotes and quotes[-1].continues else None
        marked += quotes
        if found:
            notes[p] = found
    return marked, notes


def _pair_paragraph(
    text: str, lo: int, hi: int, para: int
) -> tuple[list[tuple[int, int]], int | None, list[str]]:
    """Pair the marks in ``text[lo:hi]``; an opening mark met while a quote is open
    means that quote was never closed: it is given up, the new one starts."""
    pairs: list[tuple[int, int]] = []
    notes: list[str] = []
    open_at: int | None = None
    for match in _MARK_RE.finditer(text, lo, hi):
        i = match.start()
        kind = _mark_kind(text, i, lo, hi)
        if kind == "either":
            kind = "open" if open_at is None else "close"
        if kind == "open":
            if open_at is not None:
                notes.append(
                    f"paragraph {para + 1}: the quote opened at char {open_at} is never "
                    f"closed (another opens at char {i}); it was skipped"
                )
            open_at = i
        elif open_at is None:
            notes.append(
                f"paragraph {para + 1}: the closing quote mark at char {i} has no "
                "opening mark; it was ignored"
            )
        else:
            pairs.append((open_at, i))
            open_at = None
    return pairs, open_at, notes


def _mark_kind(text: str, i: int, lo: int, hi: int) -> str:
    """Read a quote mark as ``"open"``, ``"close"`` or ``"either"`` from its neighbours.

    Curly and angle marks say which they are, unless their neighbours say clearly
    otherwise (typesetting slips such as ``Hello,“ he said``).
    """
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    open_like = (prev.isspace() or prev in _BEFORE_OPENING) and not nxt.isspace()
    close_like = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSING)
    char = text[i]
    if char in _OPENING_MARKS:
        return "close" if close_like and not open_like else "open"
    if char in _CLOSING_MARKS:
        return "open" if open_like and not close_like else "close"
    if open_like != close_like:
        return "open" if open_like else "close"
    return "either"


def _marked(text: str, para: int, open_: int, close: int | None, hi: int) -> _Marked | None:
    """The quote between two marks, with its content trimmed of spaces and of the comma
    that newswire puts before a closing mark (``"...," he said``); None if no words."""
    start, end = open_ + 1, close if close is not None else hi
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if not _WORD_RE.search(text, start, end):
        return None
    return _Marked(para, open_, close, start, end, chain=open_)


def _opens_with_mark(text: str, lo: int, hi: int) -> bool:
    stripped = text[lo:hi].lstrip()
    return bool(stripped) and stripped[0] in {'"', "“", "«"}


def _region_index(char: int, regions: Sequence[tuple[int, int]]) -> int | None:
    """Index of the quote region holding ``char`` (regions are sorted), else None."""
    i = bisect.bisect_right(regions, char, key=lambda r: r[0]) - 1
    if i >= 0 and regions[i][0] <= char < regions[i][1]:
        return i
    return None


def _whole_quote_paragraphs(
    text: str, paras: Sequence[tuple[int, int]], regions: Sequence[tuple[int, int]]
) -> set[int]:
    """Paragraphs with nothing but quotes, punctuation and spaces."""
    chars = [list(text[lo:hi]) for lo, hi in paras]
    para_starts = [lo for lo, _ in paras]
    touched: set[int] = set()
    for a, b in regions:
        p = _para_index(para_starts, a)
        lo = paras[p][0]
        for k in range(a - lo, min(b - lo, len(chars[p]))):
            chars[p][k] = " "
        touched.add(p)
    return {p for p in touched if not _WORD_RE.search("".join(chars[p]))}


# --------------------------------------------------------------------------- cues


@dataclass(frozen=True)
class _Cue:
    """A cue outside all quote marks, with its speaker when one could be found."""

    token: Token
    span: tuple[int, int]
    speaker: Span | None
    kind: str  # "verb", "object" (speaker after the phrase), "subject"
    name: str  # the lemma or phrase matched
    reporting: bool  # may introduce indirect and mixed quotes


def _find_cues(doc: Doc, cues: Cues, regions: Sequence[tuple[int, int]]) -> list[_Cue]:
    if not doc.has_annotation("DEP"):
        return []
    first_words = {words[0] for words, _ in cues.phrases}
    found = []
    for tok in doc:
        if _region_index(tok.idx, regions) is not None:
            continue  # cue verbs must occur outside any quotation content
        cue = _verb_cue(tok, cues)
        if cue is None and tok.lower_ in first_words:
            cue = _phrase_cue(tok, cues)
        if cue is not None:
            found.append(cue)
    return found


def _verb_cue(tok: Token, cues: Cues) -> _Cue | None:
    if tok.pos_ != "VERB" and not tok.tag_.startswith("VB"):
        return None
    lemma = (tok.lemma_ or tok.lower_).lower()
    last, name = tok, lemma
    if lemma not in cues.verbs:
        particles = [c for c in tok.children if c.dep_ == "prt"]
        last = next((c for c in particles if f"{lemma} {c.lower_}" in cues.verbs), None)
        if last is None:
            return None
        name = f"{lemma} {last.lower_}"
    lo, hi = min(tok, last, key=lambda t: t.i), max(tok, last, key=lambda t: t.i)
    subject = _subject(tok)
    return _Cue(
        token=tok,
        span=(lo.idx, hi.idx + len(hi)),
        speaker=_speaker_span(subject) if subject is not None else None,
        kind="verb",
        name=name,
        reporting=name not in cues.direct_only,
    )


def _phrase_cue(tok: Token, cues: Cues) -> _Cue | None:
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
            speaker = _speaker_span(obj) if obj is not None else None
            return _Cue(tok, span, speaker, "object", name, reporting=True)
        verb = _governing_verb(tok)
        if verb is None or _verb_cue(verb, cues) is not None:
            return None  # the verb itself is the cue ("said in a statement")
        subject = _subject(verb)
        speaker = _speaker_span(subject) if subject is not None else None
        return _Cue(tok, span, speaker, "subject", name, reporting=False)
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


def _subject(verb: Token) -> Token | None:
    """The nominal subject of a cue verb, borrowed from the verb it hangs from when it
    has none of its own ("he said, noting ...", "was quoted as saying")."""
    current = verb
    for step in range(4):
        for child in current.children:
            passive = step > 0 and current.lemma_ in _PASSIVE_SOURCE_LEMMAS
            if child.dep_ == "nsubj" or (passive and child.dep_ == "nsubjpass"):
                if child.tag_ in _RELATIVE_TAGS and current.dep_ == "relcl":
                    return current.head  # "officials who said ..."
                return child
        participle = current.dep_ == "advcl" and current.tag_ == "VBG"
        if current.head.i == current.i or not (participle or current.dep_ in _SUBJECT_CLIMB_DEPS):
            return None
        current = current.head
    return None


def _speaker_span(tok: Token) -> Span:
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


# --------------------------------------------------------------- reported clauses


@dataclass(frozen=True)
class _Clause:
    """What a reporting cue introduces: a clause, and the quotes inside it."""

    cue: _Cue
    span: tuple[int, int]
    quotes: tuple[int, ...]  # indexes of the quote regions inside
    owned: bool  # wholly quoted: a direct quote, not an indirect or mixed one


def _reported_clauses(
    cue_list: Iterable[_Cue], regions: Sequence[tuple[int, int]]
) -> list[_Clause]:
    found = []
    for cue in cue_list:
        if cue.speaker is None or not cue.reporting:
            continue  # skip cues whose subject is absent
        for head, skip in _clause_heads(cue):
            clause = _clause(cue, head, skip, regions)
            if clause is not None:
                found.append(clause)
    return found


def _clause_heads(cue: _Cue) -> list[tuple[Token, Token | None]]:
    """Clause heads a cue reports, each with a subtree to leave out of the clause."""
    if cue.kind == "verb":
        return [(c, None) for c in cue.token.children if c.dep_ in _REPORTED_DEPS]
    head = cue.token.head
    if cue.kind == "object" and head.i != cue.token.i:
        return [(head, cue.token)]  # "according to X, <clause>"
    return []


def _clause(
    cue: _Cue, head: Token, skip: Token | None, regions: Sequence[tuple[int, int]]
) -> _Clause | None:
    skipped = {t.i for t in skip.subtree} if skip is not None else set()
    subtree = sorted(head.subtree, key=lambda t: t.i)  # non-projective trees are out of order
    words = [t for t in subtree if t.i not in skipped and not (t.is_punct or t.is_space)]
    words = [t for t in words if not _is_that(t)] or words
    where = [_region_index(t.idx, regions) for t in words]
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
    return _Clause(cue, (start, end), tuple(inside), owned)


def _is_that(tok: Token) -> bool:
    return tok.dep_ == "mark" and tok.lower_ == "that"


def _absorbed(clauses: Iterable[_Clause]) -> set[int]:
    """Quotes that are part of a mixed quote and not a direct quote of their own."""
    clauses = list(clauses)
    owned = {q for c in clauses if c.owned for q in c.quotes}
    return {q for c in clauses if not c.owned for q in c.quotes} - owned


# ------------------------------------------------------------------------ drafts


@dataclass
class _Draft:
    """A quote being assembled; becomes a QuoteGuess in :func:`_finish`."""

    kind: str
    start: int
    end: int
    para: int
    rule: str
    frame: tuple[int, int]  # the characters whose sentences are involved
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    whole: bool = False  # the paragraph is nothing but quotes
    chain: int | None = None
    notes: list[str] = field(default_factory=list)


def _clause_draft(clause: _Clause, ctx: _Context) -> _Draft:
    kind = "mixed" if clause.quotes else "indirect"
    tail = "ccomp" if clause.cue.kind == "verb" else clause.cue.name.replace(" ", "_")
    start, end = clause.span
    speaker = clause.cue.speaker
    return _Draft(
        kind=kind,
        start=start,
        end=end,
        para=ctx.para_of(start),
        rule=f"{kind}.{tail}",
        frame=clause.span,
        cue=clause.cue.span,
        speaker=_char_span(speaker) if speaker is not None else None,
    )


def _direct_drafts(
    marked: Sequence[_Marked],
    absorbed: set[int],
    cue_list: Sequence[_Cue],
    ctx: _Context,
    whole: set[int],
    max_gap: int,
) -> list[_Draft]:
    text = ctx.text
    by_para: dict[int, list[_Cue]] = {}
    for cue in cue_list:
        if cue.speaker is not None:
            by_para.setdefault(ctx.para_of(cue.span[0]), []).append(cue)
    frames = [ctx.sent_ids(*q.region) for q in marked]
    drafts = []
    for qi, q in enumerate(marked):
        if qi in absorbed:
            continue
        found = _attribute(qi, marked, frames, by_para, ctx, max_gap)
        short = len(_WORD_RE.findall(text, q.start, q.end)) < _MIN_WORDS
        if short and q.para not in whole and not q.in_chain and not _next_to(q, found, ctx):
            continue  # scare quotes and titles
        draft = _Draft("direct", q.start, q.end, q.para, "direct.unattributed", q.region)
        draft.whole = q.para in whole
        draft.chain = q.chain if q.in_chain else None
        if found is not None:
            cue, draft.rule = found
            draft.cue = cue.span
            draft.speaker = _char_span(cue.speaker) if cue.speaker is not None else None
        drafts.append(draft)
    return drafts


def _char_span(span: Span) -> tuple[int, int]:
    return (span.start_char, span.end_char)


# ------------------------------------------------------------ direct attribution


def _attribute(
    qi: int,
    marked: Sequence[_Marked],
    frames: Sequence[set[int]],
    by_para: dict[int, list[_Cue]],
    ctx: _Context,
    max_gap: int,
) -> tuple[_Cue, str] | None:
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


def _same_sentence_cue(q: _Marked, same: Sequence[_Cue], ctx: _Context) -> _Cue | None:
    """A cue that governs the quote if any, else the nearest after it, else before it."""
    linked = [c for c in same if _governs(c, q, ctx)]
    pool = linked or same
    after = [c for c in pool if c.span[0] >= q.region[1]]
    if after:
        return min(after, key=lambda c: c.span[0])
    before = [c for c in pool if c.span[1] <= q.region[0]]
    return max(before, key=lambda c: c.span[1]) if before else None


def _governs(cue: _Cue, q: _Marked, ctx: _Context) -> bool:
    """The cue is syntactically tied to the quote: a quoted word hangs from it, or
    it hangs from a quoted word (``"...," he said`` parsed as parataxis)."""
    content = ctx.tokens(q.start, q.end)
    if any(t.head.i == cue.token.i and not t.is_punct for t in content):
        return True
    return q.start <= cue.token.head.idx < q.end


def _position_rule(
    qi: int, cue: _Cue, marked: Sequence[_Marked], frames: Sequence[set[int]], ctx: _Context
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
    candidates: Sequence[_Cue],
    marked: Sequence[_Marked],
    frames: Sequence[set[int]],
    ctx: _Context,
    max_gap: int,
) -> _Cue | None:
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


def _colon_paragraph_cue(q: _Marked, by_para: dict[int, list[_Cue]], ctx: _Context) -> _Cue | None:
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


def _next_to(q: _Marked, found: tuple[_Cue, str] | None, ctx: _Context) -> bool:
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


# ------------------------------------------------------------------- conventions


def _share_chain_speakers(drafts: Sequence[_Draft]) -> None:
    """Parts of a multi-paragraph quote share the speaker of the nearest part that
    has one (earlier parts first on a tie)."""
    chains: dict[int, list[_Draft]] = {}
    for d in drafts:
        if d.chain is not None:
            chains.setdefault(d.chain, []).append(d)
    for parts in chains.values():
        first, last = parts[0].para + 1, parts[-1].para + 1
        for k, part in enumerate(parts):
            part.notes.append(f"one quote over paragraphs {first}-{last}")
            if part.speaker is not None:
                continue
            donors = [(abs(j - k), j) for j, p in enumerate(parts) if p.speaker is not None]
            if donors:
                donor = parts[min(donors)[1]]
                part.cue, part.speaker = donor.cue, donor.speaker
                part.rule = "direct.multi_paragraph"


def _continue_speakers(drafts: Sequence[_Draft]) -> None:
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


# ------------------------------------------------------------------------ output


def _keep(d: _Draft, ctx: _Context) -> bool:
    """Attributed quotes stay; an unattributed one only if it reads like speech."""
    if d.kind != "direct" or d.speaker is not None:
        return True
    text = ctx.text[d.start : d.end]
    words = _WORD_RE.findall(text)
    if len(words) < _MIN_WORDS or _looks_like_title(text, words):
        return False
    if d.whole or text.rstrip("\"'’”»)")[-1:] in _SENTENCE_END:
        return True
    if not ctx.doc.has_annotation("POS"):
        return True
    return any(t.pos_ in ("VERB", "AUX") for t in ctx.tokens(d.start, d.end))


def _looks_like_title(text: str, words: Sequence[str]) -> bool:
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    ends_sentence = text.rstrip()[-1:] in _SENTENCE_END
    return bool(long_words) and all(w[0].isupper() for w in long_words) and not ends_sentence


def _finish(d: _Draft, ctx: _Context, para_notes: dict[int, list[str]]) -> QuoteGuess:
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
    )
