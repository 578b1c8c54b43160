"""Event dates from the time words of the trigger's own clause (events/when.py)."""

from __future__ import annotations

import pytest

from dyads.events.when import EventTime, clause_tokens, event_time
from dyads.nlp import parse_article

MONDAY = "2022-01-10"  # the seed story's date; a Monday


def _time(nlp, text: str, trigger: str, article_date: str | None = MONDAY) -> EventTime:
    doc = parse_article(nlp, text)
    token = next(t for t in doc if t.text == trigger)
    return event_time(token, article_date)


@pytest.mark.parametrize(
    ("text", "trigger", "date", "date_text", "precision"),
    [
        ("Turkey annexed the province in 2014.", "annexed", "2014-01-01", "in 2014", "year"),
        (
            "Greece and Turkey held talks in Ankara on January 10, 2021.",
            "held",
            "2021-01-10",
            "on January 10, 2021",
            "day",
        ),
        ("Chile recalled its envoy on March 3.", "recalled", "2021-03-03", "on March 3", "day"),
    ],
)
def test_when_explicit_dates(nlp, text, trigger, date, date_text, precision) -> None:
    found = _time(nlp, text, trigger)
    assert (found.date, found.date_text, found.precision) == (date, date_text, precision)
    assert not found.planned


@pytest.mark.parametrize(
    ("text", "trigger", "date", "planned"),
    [
        # the article's own weekday is the article date, not a week earlier
        ("The ministers met on Monday in Geneva.", "met", "2022-01-10", False),
        # a weekday in the past tense: the latest one before the article
        ("The ministers met on Wednesday.", "met", "2022-01-05", False),
        # ... and after it when the verb looks ahead
        ("The ministers will meet on Wednesday.", "meet", "2022-01-12", True),
        ("The president plans to visit Kyiv on Friday.", "visit", "2022-01-14", True),
        ("Israel launched air strikes last Monday.", "launched", "2022-01-03", False),
        ("Iran will sign the deal next Monday.", "sign", "2022-01-17", True),
    ],
)
def test_when_weekdays(nlp, text, trigger, date, planned) -> None:
    found = _time(nlp, text, trigger)
    assert (found.date, found.precision, found.planned) == (date, "day", planned)


@pytest.mark.parametrize(
    ("text", "trigger", "date", "date_text", "precision"),
    [
        (
            "Last month, Peru expelled two diplomats.",
            "expelled",
            "2021-12-01",
            "Last month",
            "month",
        ),
        ("Spain closed the border last week.", "closed", "2022-01-03", "last week", "week"),
        (
            "Germany expelled three diplomats yesterday.",
            "expelled",
            "2022-01-09",
            "yesterday",
            "day",
        ),
        (
            "Two days ago, France recalled its ambassador.",
            "recalled",
            "2022-01-08",
            "Two days ago",
            "day",
        ),
        ("Japan protested five years ago.", "protested", "2017-01-01", "five years ago", "year"),
    ],
)
def test_when_relative_past(nlp, text, trigger, date, date_text, precision) -> None:
    found = _time(nlp, text, trigger)
    assert (found.date, found.date_text, found.precision) == (date, date_text, precision)
    assert not found.planned


@pytest.mark.parametrize(
    ("text", "trigger", "date", "date_text", "precision"),
    [
        # "later this week": not before the day after the article
        ("Egypt meets Sudan later this week.", "meets", "2022-01-11", "later this week", "week"),
        ("Brazil will host the summit next week.", "host", "2022-01-17", "next week", "week"),
        (
            "The envoys agreed on Monday to meet again next month.",
            "meet",
            "2022-02-01",
            "next month",
            "month",
        ),
        # planned with no date to give: the words are kept
        ("The talks will resume in the coming days.", "resume", None, "in the coming days", None),
    ],
)
def test_when_planned_periods(nlp, text, trigger, date, date_text, precision) -> None:
    found = _time(nlp, text, trigger)
    assert (found.date, found.date_text, found.precision) == (date, date_text, precision)
    assert found.planned


@pytest.mark.parametrize(
    ("text", "trigger", "date", "date_text", "precision"),
    [
        # the subordinate event lies N units before the main clause (here: now)
        (
            "Rebels may attack again eight years after the army seized the town.",
            "seized",
            "2014-01-01",
            "eight years after",
            "year",
        ),
        (
            "The army seized the town two weeks after rebels attacked the base.",
            "attacked",
            "2021-12-27",
            "two weeks after",
            "week",
        ),
        # counted from the main clause's own date when it has one
        (
            "Last month, talks resumed three years after the army seized the town.",
            "seized",
            "2018-01-01",
            "three years after",
            "year",
        ),
        (
            "Ten years after the annexation of the island, the talks resumed.",
            "annexation",
            "2012-01-01",
            "Ten years after",
            "year",
        ),
    ],
)
def test_when_years_after(nlp, text, trigger, date, date_text, precision) -> None:
    found = _time(nlp, text, trigger)
    assert (found.date, found.date_text, found.precision) == (date, date_text, precision)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # the main clause takes the article date: the measure is the distance to the
        # seizure, not a date of its own
        ("Rebels may attack again eight years after the army seized the town.", "attack"),
        # a date said about the saying does not date what was said
        ("Turkey said on Tuesday that Greek jets had violated its airspace.", "violated"),
        # a duration does not move the event
        ("Russia has tried to show flexibility for the past 30 years.", "tried"),
        ("The war lasted two years.", "lasted"),
    ],
)
def test_when_no_leak_from_other_clauses(nlp, text, trigger) -> None:
    assert _time(nlp, text, trigger) == EventTime(MONDAY, None, None, False)


@pytest.mark.parametrize(
    ("text", "trigger", "date_text"),
    [
        ("Poland joined the alliance after 1999.", "joined", "after 1999"),
        (
            "Before Monday's meeting, the minister told reporters the plan was dead.",
            "told",
            "Before Monday's meeting",
        ),
        # a date dateparser cannot read is no reason to take the article's
        ("Talks collapsed in the 1990s.", "collapsed", "in the 1990s"),
    ],
)
def test_when_unknown_dates_keep_their_words(nlp, text, trigger, date_text) -> None:
    found = _time(nlp, text, trigger)
    assert (found.date, found.date_text, found.planned) == (None, date_text, False)


@pytest.mark.parametrize(
    ("text", "trigger", "date", "date_text"),
    [
        # an event noun with no time words takes those of its verb
        ("Last month, Russia presented sweeping demands.", "demands", "2021-12-01", "Last month"),
        # ... but its own come first
        ("Before Monday's meeting, the minister spoke.", "meeting", "2022-01-10", "Monday"),
    ],
)
def test_when_event_nouns(nlp, text, trigger, date, date_text) -> None:
    found = _time(nlp, text, trigger)
    assert (found.date, found.date_text) == (date, date_text)


@pytest.mark.parametrize(
    ("text", "trigger", "article_date"),
    [("Chile recalled its envoy.", "recalled", None), ("Peru met Chile today.", "met", None)],
)
def test_when_without_article_date(nlp, text, trigger, article_date) -> None:
    assert _time(nlp, text, trigger, article_date).date is None


@pytest.mark.parametrize(
    ("text", "head", "excluded"),
    [("Turkey said on Tuesday that Greek jets had violated its airspace.", "said", "violated")],
)
def test_when_clause_tokens_skip_nested_clauses(nlp, text, head, excluded) -> None:
    doc = parse_article(nlp, text)
    words = [t.text for t in clause_tokens(next(t for t in doc if t.text == head))]
    assert "Tuesday" in words and excluded not in words and "jets" not in words


def _seed_sentence(seed_path, fragment: str, nlp):
    doc = parse_article(nlp, seed_path.read_text(encoding="utf-8"))
    return next(s for s in doc.sents if fragment in s.text)


@pytest.mark.shared
@pytest.mark.parametrize(
    ("fragment", "trigger", "date", "date_text", "precision", "planned"),
    [
        ("seized the Crimean", "seized", "2014-01-01", "eight years after", "year", False),
        ("later this week", "talks", "2022-01-11", "later this week", "week", True),
        ("Last month, Russia", "demands", "2021-12-01", "Last month", "month", False),
        # the invasion being prepared is dated by nothing in its clause
        ("seized the Crimean", "invasion", MONDAY, None, None, False),
    ],
)
def test_when_seed_story(nlp, seed_path, fragment, trigger, date, date_text, precision, planned):
    sent = _seed_sentence(seed_path, fragment, nlp)
    token = next(t for t in sent if t.text == trigger)
    assert event_time(token, MONDAY) == EventTime(date, date_text, precision, planned)


def test_when_after_clause_with_no_measure_takes_the_main_clause_date(nlp) -> None:
    # earlier than the main clause by an unknown, usually short, span: the main
    # clause's day is the best date, and the words say it is relative
    found = _time(nlp, "The troops moved on Monday after the army seized the town.", "seized")
    moved = _time(nlp, "The troops moved on Monday after the army seized the town.", "moved")
    assert found.date == moved.date is not None
    assert found.date_text.startswith("after")
