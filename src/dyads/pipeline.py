"""``code_article``: one article in, everything dyads finds in it out. No I/O.

This is the function every runner wraps: the local batch loop, the store's resume
logic and (later) the Dask path all call it, so they give the same records. It reads
no files, calls no clock and keeps no state: ids are hashes of content, and the
article's own date stands in for "now".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from dyads import time_place
from dyads.actors.recognise import actor_mentions
from dyads.events.extract import extract_events
from dyads.knowledge import Knowledge
from dyads.nlp import parse_articles
from dyads.positions import positions_from_events, positions_from_quotes
from dyads.quotes import QuoteGuess, find_quotes
from dyads.quotes.link import link_quotes
from dyads.records import ActorMention, Article, Coded, Quote, Reject, content_hash
from dyads.tone import article_tone

#: Longest article coded in one piece (characters); longer text is cut, and the reject
#: table says so, because spaCy's parser memory grows with document length.
MAX_CHARS = 200_000
#: Quote notes are joined with "; "; a note's own "; it was skipped" stays with it.
_NOTE_SEP = re.compile(r"; (?!it was)")


def code_article(article: Article, nlp: Language, knowledge: Knowledge) -> Coded:
    """Code one article.

    Args:
        article (Article): the article.
        nlp (Language): the loaded spaCy pipeline (read-only).
        knowledge (Knowledge): actors, lexicon, cues and issues (read-only).

    RETURNS (Coded): events, quotes, positions, actor mentions and rejects.
    """
    return next(code_articles([article], nlp, knowledge))


def code_articles(
    articles: Iterable[Article], nlp: Language, knowledge: Knowledge
) -> Iterator[Coded]:
    """Code many articles, parsing them together (faster than one by one)."""
    batch = list(articles)
    texts = [a.text[:MAX_CHARS] for a in batch]
    for article, doc in zip(batch, parse_articles(nlp, texts), strict=True):
        yield code_doc(article, doc, knowledge)


# Made up for warm_up: a date, places, countries, an act, a direct and an indirect quote.
_WARM_UP_TEXT = (
    "Ministers from Norway and Chile met in Lisbon on 3 March 2021.\n"
    '"We will not accept new tariffs," the Chilean trade minister told reporters, '
    "and officials in Oslo said they had rejected the proposal."
)


def warm_up(nlp: Language, knowledge: Knowledge) -> None:
    """Code one small made-up article, so that the tables the coders load on first use
    (places, country names, date formats, the tone lexicon) are loaded now, while the
    model loads, and not during the first real article; and build the gazetteer's
    lookup tables that this article does not reach."""
    time_place.load_tables()
    code_article(Article(id="warm-up", text=_WARM_UP_TEXT, date="2021-03-04"), nlp, knowledge)


def code_doc(article: Article, doc: Doc, knowledge: Knowledge) -> Coded:
    """Code an article whose text has already been parsed into ``doc``."""
    rejects = []
    if len(article.text) > MAX_CHARS:
        rejects.append(
            Reject(
                origin=article.origin,
                record=article.record,
                doc_id=article.id,
                reason=f"article is {len(article.text):,} characters; only the first "
                f"{MAX_CHARS:,} were coded",
            )
        )
    mentions = actor_mentions(doc, knowledge.actors, doc_id=article.id, day=article.date)
    events = extract_events(doc, mentions, knowledge.lexicon, doc_id=article.id, date=article.date)
    guesses = find_quotes(doc, cues=knowledge.cues)
    quotes = [_quote(article, g, mentions) for g in guesses]
    positions = positions_from_events(doc, events, knowledge.issues)
    events, quotes, positions = link_quotes(events, quotes, positions)
    positions += positions_from_quotes(doc, quotes, positions, knowledge.issues, date=article.date)
    # Quote-mark trouble (a quote skipped or a mark ignored) is reported as a reject of
    # that part of the article; informative notes stay in the quote's evidence.
    problems = sorted(
        {part for g in guesses if g.note for part in _NOTE_SEP.split(g.note) if _is_problem(part)}
    )
    rejects.extend(
        Reject(origin=article.origin, record=article.record, doc_id=article.id, reason=p)
        for p in problems
    )
    return Coded(
        article=article,
        events=tuple(events),
        quotes=tuple(quotes),
        positions=tuple(positions),
        mentions=tuple(mentions.values()),
        rejects=tuple(rejects),
        tone=article_tone(article.text),
    )


def _is_problem(note: str) -> bool:
    return "skipped" in note or "ignored" in note or "dropped" in note


def _quote(article: Article, guess: QuoteGuess, mentions: dict[int, ActorMention]) -> Quote:
    speaker = None
    if guess.speaker is not None:
        start, end = guess.speaker
        inside = [
            m for m in mentions.values() if start <= m.start < end or m.start <= start < m.end
        ]
        # the phrase's own head mention covers it best: take the longest one inside
        if inside:
            speaker = max(inside, key=lambda m: m.end - m.start).actor
    return Quote(
        id=content_hash(article.id, str(guess.content[0]), str(guess.content[1]), guess.kind),
        doc_id=article.id,
        kind=guess.kind,
        # a quote split by its cue ("We were firm …," Sherman said, "in …") reads as its
        # quoted words only; the span (and evidence.parts) keep where each part stands
        text=" … ".join(article.text[s:e] for s, e in guess.parts) if guess.parts else guess.text,
        span=guess.content,
        speaker=speaker,
        speaker_text=guess.speaker_text,
        cue=guess.cue_text,
        sentence_ids=guess.sentence_ids,
        evidence={
            "rule": guess.rule,
            **({"speaker_span": list(guess.speaker)} if guess.speaker else {}),
            **({"cue_span": list(guess.cue)} if guess.cue else {}),
            **({"parts": [list(p) for p in guess.parts]} if guess.parts else {}),
            **({"note": guess.note} if guess.note else {}),
        },
    )
