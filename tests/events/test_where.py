"""Event places: the place linked to the predicate (events/where.py) and the gazetteer
(time_place.py)."""

from __future__ import annotations

import pytest

from dyads.events.where import event_place, place_mentions
from dyads.nlp import parse_article
from dyads.pipeline import code_article
from dyads.read.txt import read_txt
from dyads.records import Article, Location
from dyads.time_place import geocode, locate


def _place(nlp, text: str, trigger: str) -> str | None:
    doc = parse_article(nlp, text)
    token = next(t for t in doc if t.text == trigger)
    found = event_place(token)
    return found.span.text if found is not None else None


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # a locative phrase on the verb or event noun
        ("The foreign ministers met in Vienna on Monday.", "met", "Vienna"),
        ("Russia and the United States held talks in Geneva.", "talks", "Geneva"),
        ("Heavy fighting broke out near Donetsk overnight.", "fighting", "Donetsk"),
        # ... on the verb's object, or through a noun phrase that names the place
        ("Russia and the United States held talks in Geneva.", "held", "Geneva"),
        ("Israeli soldiers shot two men in the West Bank town of Tulkarm.", "shot", "Tulkarm"),
        # a city the verb acts on is where it happened
        ("Rebels shelled Mosul overnight.", "shelled", "Mosul"),
        # a bare participle shares its verb's place
        ("A bomb hit a bus in Jerusalem, killing eleven people.", "killing", "Jerusalem"),
        # the more specific of two places wins
        ("Police arrested four men in Nablus in the West Bank.", "arrested", "Nablus"),
    ],
)
def test_where_place_linked_to_the_predicate(nlp, text, trigger, place) -> None:
    assert _place(nlp, text, trigger) == place


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # places in actor phrases are not where the event happened
        ("Ukraine's president criticised the decision.", "criticised"),
        ("Refugees from Sudan demonstrated against the delay.", "demonstrated"),
        # a country as the object is the other side, not the place
        ("Russia warned Ukraine against joining the alliance.", "warned"),
        # "talks on Ukraine": a topic, not a place
        ("The envoys began talks on Ukraine.", "talks"),
        # a reference point is not a place the event is in
        ("Russia massed troops near Ukraine's border.", "massed"),
        # a place said about another clause's event stays there
        ("Putin said that troops had withdrawn from positions in Crimea.", "said"),
        # no place at all
        ("The minister resigned.", "resigned"),
    ],
)
def test_where_no_place_from_actors_topics_or_other_clauses(nlp, text, trigger) -> None:
    assert _place(nlp, text, trigger) is None


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [("Russia and the United States held talks in Geneva.", "talks", "Geneva")],
)
def test_where_place_is_geocoded_with_evidence(nlp, text, trigger, place) -> None:
    doc = parse_article(nlp, text)
    found = event_place(next(t for t in doc if t.text == trigger))
    assert found is not None
    assert found.location.country == "CHE"
    assert found.location.lat is not None and found.location.lon is not None
    assert found.location.geonameid is not None
    assert found.evidence() == {"place_text": place, "place_rule": "prep"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a name the tagger misses is kept when its noun phrase says it is a place
        ("Shells fell on the towns of Maharada and Kafr Nabudah.", {"Maharada"}),
    ],
)
def test_where_mentions_include_names_called_places(nlp, text, names) -> None:
    doc = parse_article(nlp, text)
    found = {s.text for s in place_mentions(next(doc.sents))}
    assert names <= found


@pytest.mark.parametrize(
    ("name", "country", "admin1", "has_coordinates"),
    [
        ("Geneva", "CHE", "GE", True),
        ("Kiev", "UKR", None, True),  # an English alternate name of Kyiv
        ("Idlib province", "SYR", None, True),  # a kind word after the name
        ("Britain", "GBR", None, False),  # a country as people write it
        ("California", "USA", "CA", False),  # a US state, with its name
    ],
)
def test_where_geocode(name, country, admin1, has_coordinates) -> None:
    found = geocode(name)
    assert isinstance(found, Location)
    assert found.country == country
    assert found.geonameid is not None
    assert (found.lat is not None) == has_coordinates
    if admin1 is not None:
        assert found.admin1_code == admin1


@pytest.mark.parametrize("name", ["Monday", "Reuters", "the Crimean peninsula", ""])
def test_where_geocode_unknown_names(name) -> None:
    assert geocode(name) is None


@pytest.mark.parametrize(("name", "strict"), [("Kiev", None), ("Idlib province", None)])
def test_where_locate_stays_strict(name, strict) -> None:
    # the actor coder asks locate whether a word is a place: no alternate names there
    assert locate(name) == strict


def test_where_us_state_region_name() -> None:
    found = geocode("Los Angeles")
    assert found is not None
    assert (found.country, found.admin1_code, found.admin1_name) == ("USA", "CA", "California")


def test_where_location_to_dict_keeps_old_keys() -> None:
    data = Location(name="Geneva", country="CHE", lat=46.2, lon=6.1).to_dict()
    assert {"name", "country", "lat", "lon"} <= data.keys()
    assert data["admin1_code"] is None and data["geonameid"] is None


@pytest.mark.shared
def test_where_seed_story_end_to_end(nlp, knowledge, seed_path) -> None:
    """The seed acceptance: read without --date, the file name dates the article; the
    talks are on 2022-01-10 in Geneva, the Crimea seizure in 2014, Russia's demands of
    "last month" in 2021-12; no event is placed in Ukraine by "Ukraine's border"."""
    (article,) = list(read_txt(seed_path))
    assert isinstance(article, Article) and article.date == "2022-01-10"
    events = code_article(article, nlp, knowledge).events
    talks = [e for e in events if "in talks in Geneva" in e.sentence and e.date_text]
    assert talks and all(e.date == "2022-01-10" for e in talks)
    geneva = [e.location for e in talks if e.location is not None]
    assert geneva and geneva[0].name == "Geneva" and geneva[0].country == "CHE"
    assert geneva[0].lat is not None and geneva[0].lon is not None
    seized = [e for e in events if "seized the Crimean" in e.sentence and e.date_text]
    assert any(e.date == "2014-01-01" for e in seized)
    demands = [e for e in events if e.sentence.startswith("Last month, Russia presented")]
    assert demands and all(e.date and e.date.startswith("2021-12") for e in demands)
    border = [e for e in events if "near Ukraine's border" in e.sentence]
    assert all(e.location is None or e.location.country != "UKR" for e in border)
    # events with no time words take the article date
    undated = [e for e in events if e.date_text is None]
    assert undated and all(e.date == "2022-01-10" for e in undated)
