"""What the quote finder returns (:class:`QuoteGuess`) and what it builds on the way."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Draft", "QuoteGuess"]


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
        parts (tuple[tuple[int, int], ...]): the quoted fragments of ``content``, in
            text order: one for most quotes, several for a quote interrupted by its
            cue (``"Part one," she said, "part two."``), whose ``content`` runs from
            the first fragment's start to the last one's end, cue included (PolNeAR
            merges discontinuous content the same way).
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
    parts: tuple[tuple[int, int], ...] = ()


@dataclass
class Draft:
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
    parts: tuple[tuple[int, int], ...] = ()  # quoted fragments, when more than one
    notes: list[str] = field(default_factory=list)
