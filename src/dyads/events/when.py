"""When an event happened: the time words of the trigger's own clause -> an ISO date.

``event_time`` is a pure function over a parsed trigger (the Doc is not modified). It
reads only the time expressions of the trigger's own clause, that is its subtree minus
the clauses of other verbs, so a date said about one event does not leak into another
("X said on Monday that Y had invaded" dates the saying, not the invasion). A noun
trigger with no time words of its own takes those of the verb it hangs on ("Last
month, Russia presented demands" dates the demands).

Representation. ``date`` is always a full calendar day (``YYYY-MM-DD``) so that the
store's DATE column can hold it: the *first* day of the period the words name, never
earlier than the words allow. ``precision`` names that period (day, week, month,
year), so "in 2014" is ``2014-01-01``/year, "last month" in an article of 2022-01-10
is ``2021-12-01``/month, and "later this week" is the day after the article date/week
(the earliest day "later" allows).
``date_text`` keeps the words that decided it. With no time words the article date
stands (``date_text`` None); when the words only bound the time ("after 1997",
"before Monday's meeting") the date is unknown (None) and ``date_text`` says why.

Rules, in the order they are tried:

- relative clauses: "eight years after Russia seized Crimea" -- the event of an
  ``after``/``before`` clause with a measure ("eight years") is that far before/after
  the time of the clause it hangs on; without a measure its date is unknown;
- weekdays: "on Monday" is the article's own day or the latest one before it, or
  the next one when the verb looks ahead ("will meet on Friday"); "last"/"next" say
  which explicitly;
- everything else that spaCy tags DATE ("in 2014", "January 10", "last month",
  "three days ago", "next week") is read by ``dateparser`` relative to the article
  date; words such as "later", "next", "coming" mark the event as planned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Span, Token

from dyads.events.frames import FUTURE_AUX, governing_verb
from dyads.nlp import entities_starting_in

#: Clause links: a child attached so heads a clause of its own when it is a verb.
CLAUSE_DEPS = frozenset(
    {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass", "pcomp"}
)
#: Prepositions and marks that only bound the time ("after 1997"): the date is unknown.
BOUND_WORDS = frozenset({"after", "before", "until", "till", "by", "ahead", "prior"})
#: Prepositions of a duration ("for the past 30 years"): the event still holds now.
DURATION_WORDS = frozenset({"for", "since", "over", "throughout"})
#: Words that put a time expression after the article date.
FUTURE_WORDS = frozenset({"next", "later", "coming", "upcoming", "tomorrow", "forthcoming"})
#: Verbs whose controlled verb lies ahead: "agreed to meet on Friday", "plans to visit".
FUTURE_CONTROLLERS = frozenset({"plan", "schedule", "agree", "intend", "expect", "due", "set"})
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Single words spaCy does not always tag DATE, read as time expressions all the same.
TIME_WORDS = frozenset({*WEEKDAYS, "yesterday", "today", "tomorrow"})
TIME_UNITS = frozenset({"day", "week", "month", "year", "decade"})
#: Words that anchor a unit in time; a unit without one is a duration ("for two years").
ANCHOR_WORDS = frozenset(
    {"ago", "last", "next", "this", "past", "coming", "later", "earlier", "previous", "following"}
)
PRECISIONS = frozenset({"day", "week", "month", "year"})
#: Leading words dateparser does not read; what they mean is kept apart.
_HEDGES = re.compile(r"^(?:the\s+)?(?:later|earlier|early|late)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class EventTime:
    """When an event happened, as far as the words of its clause tell.

    ``date`` is the first day of the period named (ISO ``YYYY-MM-DD``) or None when
    unknown; ``precision`` is day | week | month | year, or None when no words decided
    the date (article date) or the date is unknown; ``planned`` is True when the words
    put the event after the article date ("later this week", "next month").
    """

    date: str | None
    date_text: str | None
    precision: str | None
    planned: bool


def event_time(trigger: Token, article_date: str | None) -> EventTime:
    """The date of the event whose trigger (verb or event noun) is ``trigger``.

    Args:
        trigger (Token): the event's predicate verb or event noun.
        article_date (str | None): the article's ISO date, the "now" of the text.

    RETURNS (EventTime): date, the words that decided it, precision and planned flag.
    """
    anchor = _iso_day(article_date)
    found = _clause_time(trigger, anchor)
    if found is None:
        found = _relative_time(trigger, article_date)
    if found is None and trigger.pos_ in ("NOUN", "PROPN"):
        verb = governing_verb(trigger)
        if verb is not None:
            found = _clause_time(verb, anchor)
    if found is not None:
        return found
    return EventTime(
        date=article_date if anchor else None, date_text=None, precision=None, planned=False
    )


def clause_tokens(head: Token) -> list[Token]:
    """``head``'s subtree minus the clauses of other verbs it governs, in text order."""
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS and child.pos_ in ("VERB", "AUX"):
                continue  # another verb's clause: its times are its own
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _relative_time(trigger: Token, article_date: str | None) -> EventTime | None:
    """Date the event of a temporal clause from the clause it hangs on: "eight years
    after Russia seized Crimea" is eight years before the time of the main clause."""
    link = _relative_link(trigger)
    if link is None:
        return None
    word, measure, main = link
    base = event_time(main, article_date)
    if measure is None:
        # "imposed sanctions on Tuesday after Putin recognised ...": earlier than the
        # main clause, by an unknown but usually short time; the main clause's date is
        # the best day to give it (date_text says it is relative)
        return EventTime(
            date=base.date,
            date_text=f"{word} ({base.date_text or 'article date'})",
            precision=base.precision,
            planned=False,
        )
    text = _span_text(measure)
    words = f"{text} {word}"
    # "N years after X" counts back from the main clause, which is "now" by default;
    # "N years before X" counts forward, which only makes sense from a stated date
    if base.date is None or (word == "before" and base.date_text is None):
        return EventTime(date=None, date_text=words, precision=None, planned=False)
    # dateparser reads the number words ("eight") and the unit; "after" looks back
    phrase = f"{text} ago" if word == "after" else f"in {text}"
    parsed = _parse(phrase, base.date, prefer="past" if word == "after" else "future")
    if parsed is None:
        return EventTime(date=None, date_text=words, precision=None, planned=False)
    day, period = parsed
    return EventTime(
        date=day.isoformat(),
        date_text=words,
        precision=period,
        planned=base.planned or _after(day, article_date),
    )


def _relative_link(trigger: Token) -> tuple[str, Token | None, Token] | None:
    """(after/before, measure head or None, main clause head) when ``trigger`` is in a
    temporal clause: a verb with the mark "after", or the object of the preposition."""
    for child in trigger.children:
        if child.dep_ == "mark" and child.lower_ in ("after", "before"):
            if trigger.dep_ not in CLAUSE_DEPS or trigger.head.i == trigger.i:
                return None
            return child.lower_, _measure(trigger), trigger.head
    prep = trigger.head
    if (
        trigger.dep_ in ("pcomp", "pobj")
        and prep.lower_ in ("after", "before")
        and prep.head.i != prep.i
    ):
        return prep.lower_, _measure(prep), prep.head
    return None


def _measure(tok: Token) -> Token | None:
    """The "eight years" of "eight years after ...", attached to the verb or the "after"."""
    for child in tok.children:
        if child.dep_ == "npadvmod" and child.lemma_.lower() in TIME_UNITS:
            return child
    return None


def _clause_time(head: Token, anchor: date | None) -> EventTime | None:
    """The first point in time named in ``head``'s clause, else the first bound."""
    tokens = clause_tokens(head)
    bound: EventTime | None = None
    for expr in _expressions(head, tokens):
        if _is_measure(expr.root):
            continue  # "eight years after X": the distance to X, read from X's side
        word = _governing_word(expr, head)
        text = _span_text(word) if word is not None else expr.text
        if word is not None and word.lower_ in DURATION_WORDS:
            continue
        if word is not None and word.lower_ in BOUND_WORDS:
            bound = bound or EventTime(date=None, date_text=text, precision=None, planned=False)
            continue
        found = _read(expr, head, anchor)
        if found is not None:
            return EventTime(found.date, text, found.precision, found.planned)
    return bound


def _is_measure(tok: Token) -> bool:
    """True for the "eight years" of "eight years after ..." (on the verb or the "after")."""
    if tok.dep_ != "npadvmod" or tok.lemma_.lower() not in TIME_UNITS:
        return False
    head = tok.head
    if head.lower_ in ("after", "before"):
        return True
    return any(c.dep_ == "mark" and c.lower_ in ("after", "before") for c in head.children)


def _expressions(head: Token, tokens: list[Token]) -> list[Span]:
    """DATE entities and bare time words among ``tokens``, in text order."""
    inside = {t.i for t in tokens}
    doc = head.doc
    spans: list[Span] = []
    for ent in (e for e in entities_starting_in(tokens) if e.label_ == "DATE"):
        if ent.root.i in inside and _attaches(ent.root, head):
            spans.append(ent)
    covered = {i for s in spans for i in range(s.start, s.end)}
    for tok in tokens:
        if tok.lower_ in TIME_WORDS and tok.i not in covered and _attaches(tok, head):
            spans.append(doc[tok.i : tok.i + 1])
    return sorted(spans, key=lambda s: s.start)


def _attaches(tok: Token, head: Token) -> bool:
    """A possessive time ("Monday's meeting") dates its noun, not the clause, unless
    that noun is the trigger itself or sits in a prepositional phrase ("before ...")."""
    if tok.dep_ != "poss":
        return True
    owner = tok.head
    return owner.i == head.i or owner.dep_ == "pobj"


def _governing_word(expr: Span, head: Token) -> Token | None:
    """The preposition or mark that introduces ``expr`` ("in 2014", "after 1997")."""
    node = expr.root
    for _ in range(4):
        if node.i == head.i or node.head.i == node.i:
            return None
        if node.dep_ in ("prep", "mark") or (node.dep_ == "advmod" and node.lower_ == "ahead"):
            return node
        if node.dep_ not in ("pobj", "poss", "compound", "nmod", "npadvmod"):
            return None
        node = node.head
    return None


def _read(expr: Span, head: Token, anchor: date | None) -> EventTime | None:
    """Resolve one expression against the article date."""
    if anchor is None:
        return None
    text = expr.text
    lowered = text.lower()
    words = set(re.findall(r"[a-z]+", lowered))
    future = bool(words & FUTURE_WORDS)
    weekday = next((w for w in WEEKDAYS if w in words), None)
    if weekday is not None:
        ahead = "next" in words or ("last" not in words and (future or _looks_ahead(head)))
        day = _weekday(anchor, WEEKDAYS.index(weekday), ahead=ahead, last="last" in words)
        return EventTime(day.isoformat(), text, "day", day > anchor)
    if expr.root.lemma_.lower() in TIME_UNITS and not words & ANCHOR_WORDS:
        return None  # "lasted two years", "a week": a duration, not a date
    cleaned = _HEDGES.sub("", lowered)
    parsed = _parse(cleaned, anchor.isoformat(), prefer="future" if future else "past")
    if parsed is None:
        if future:  # "in the coming days": ahead, but no date to give
            return EventTime(None, text, None, True)
        if any(c.isdigit() for c in text):  # "in the 1990s": another time, but unread
            return EventTime(None, text, None, False)
        return None
    day, period = parsed
    if lowered.startswith(("later", "the later")) and day <= anchor:
        day = anchor + timedelta(days=1)  # "later this week": not before tomorrow
    return EventTime(day.isoformat(), text, period, future or day > anchor)


def _weekday(anchor: date, weekday: int, *, ahead: bool, last: bool) -> date:
    """The weekday nearest the article date: on or before it, or strictly after it."""
    if ahead:
        return anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
    back = (anchor.weekday() - weekday) % 7
    if last and back == 0:
        back = 7  # "last Monday" in a Monday article: a week ago
    return anchor - timedelta(days=back)


def _looks_ahead(head: Token) -> bool:
    """True when the verb of ``head``'s clause speaks of the future: "will meet",
    "agreed to meet", "plans to visit"."""
    verb = head if head.pos_ in ("VERB", "AUX") else governing_verb(head)
    if verb is None:
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in verb.children):
        return True
    going = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    controller = verb.head
    return (
        verb.dep_ == "xcomp"
        and going
        and (controller.lemma_.lower() in FUTURE_CONTROLLERS or controller.lower_ == "going")
    )


def _parse(text: str, base: str, *, prefer: str) -> tuple[date, str] | None:
    """Read ``text`` with dateparser relative to ``base`` (ISO); (first day, period)."""
    data = _parser(base, prefer).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    if period not in PRECISIONS:
        return None  # "the 1990s" comes back as a time of day: better unknown than wrong
    return _period_start(data.date_obj.date(), period), period


def _period_start(day: date, period: str) -> date:
    """The first day of the period: dateparser keeps the base's month ("eight years
    ago" -> January 2014 for a January base) and weekday ("last week")."""
    if period == "year":
        return day.replace(month=1, day=1)
    if period == "month":
        return day.replace(day=1)
    if period == "week":
        return day - timedelta(days=day.weekday())
    return day


@lru_cache(maxsize=64)
def _parser(base: str, prefer: str) -> DateDataParser:
    # one parser per (article date, direction): building one costs more than parsing
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.fromisoformat(base),
            "PREFER_DATES_FROM": prefer,
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )


def _iso_day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _after(day: date, article_date: str | None) -> bool:
    anchor = _iso_day(article_date)
    return anchor is not None and day > anchor


def _span_text(node: Token | Span) -> str:
    if isinstance(node, Token):
        return node.doc[node.left_edge.i : node.right_edge.i + 1].text
    return node.text
