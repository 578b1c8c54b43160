"""Positions from quotes: what a speaker says they want, on the issue's direction.

A quote whose content names an issue gives its speaker a stance when a cue above the
keyword says whether the speaker wants the content ("We need legal guarantees of the
non-expansion of NATO") or refuses it; a bare mention gives none. The content's sign
is read as for events (``stance``). A quote already stating an event that gave a
position on the same issue (``position.evidence["quote_ids"]``) is not read again.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from dyads.positions.issues import Taxonomy
from dyads.positions.stance import issue_hits, quote_act
from dyads.records import Position, Quote, content_hash


def positions_from_quotes(
    doc: Doc,
    quotes: Sequence[Quote],
    positions: Sequence[Position],
    taxonomy: Taxonomy,
    *,
    date: str | None = None,
) -> list[Position]:
    """One position per (quote, issue) with a speaker and a stance cue.

    Args:
        doc (Doc): the parsed article.
        quotes (Sequence[Quote]): the article's quotes, already linked to events.
        positions (Sequence[Position]): positions from events, linked to quotes.
        taxonomy (Taxonomy): the issue taxonomy.
        date (str | None): the article's date. Defaults to None.

    RETURNS (list[Position]): new positions with the quote as evidence.
    """
    done = {
        (quote_id, p.issue.id) for p in positions for quote_id in p.evidence.get("quote_ids", [])
    }
    found = []
    for quote in quotes:
        if quote.speaker is None:
            continue
        for start, end in quote.evidence.get("parts") or [quote.span]:
            part = doc.char_span(start, end, alignment_mode="expand")
            if part is None:
                continue
            for hit in issue_hits(part, taxonomy):
                issue = hit.entry.issue
                if (quote.id, issue.id) in done:
                    continue
                act = quote_act(hit, part)
                if act is None:
                    continue
                done.add((quote.id, issue.id))
                sign, rule = act
                found.append(
                    Position(
                        id=content_hash(quote.id, issue.id, quote.speaker.code or "", "quote"),
                        doc_id=quote.doc_id,
                        date=date,
                        actor=quote.speaker,
                        issue=issue,
                        stance=float(sign * hit.content),
                        claim_text=quote.text,
                        evidence={
                            "quote_id": quote.id,
                            "quote_ids": [quote.id],
                            "rule": f"quote {rule} x content '{hit.keyword}' ({hit.content:+d})",
                        },
                    )
                )
    return found
