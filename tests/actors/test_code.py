"""Coding single actor phrases: titles, metonyms, adjectives + roles, former office
holders, dated roles, organisations and places (texts written for these tests)."""

from __future__ import annotations

import pytest

from dyads.actors.kb import load_kb
from dyads.actors.phrase import code_actor_text
from dyads.actors.recognise import actor_mentions
from dyads.nlp import parse_article


def _code(nlp, knowledge, text: str, day: str | None = "2022-06-01"):
    actor = code_actor_text(nlp, knowledge, text, day=day)
    assert actor is not None, text
    assert actor.evidence, text  # every coded actor says why
    return actor.country, actor.sector


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        # titles, with or without a known name
        ("Brazilian Defence Minister Jose Mucio", "BRA", "GOV"),
        ("Kenyan police officers", "KEN", "COP"),
        ("the president of Kenya", "KEN", "GOV"),
        ("members of the Bundestag", "DEU", "LEG"),
        # metonymy
        ("the Kremlin", "RUS", "GOV"),
        ("Beijing", "CHN", "GOV"),
        # adjective or hyphenated country + role word, plural role nouns
        ("Turkish warplanes", "TUR", "MIL"),
        ("three Egyptian destroyers", "EGY", "MIL"),
        ("U.S.-led forces", "USA", "MIL"),
        ("a Sudan-based militia group", "SDN", "UAF"),
        ("Peru's riot police", "PER", "COP"),
        ("rebels in Mali", "MLI", "REB"),
        ("an army accountant", None, "MIL"),
        ("immigration inspectors", None, "COP"),
        # former office holders
        ("former Mexican President Vicente Fox", "MEX", "ELI"),
        ("a retired army general", None, "ELI"),
        ("an ex-minister", None, "ELI"),
        ("a former FBI agent", "USA", "ELI"),
        # organisations by acronym and by the head word of their name
        ("the FBI", "USA", "COP"),
        ("the Tatmadaw", "MMR", "MIL"),
        ("FARC guerrillas", "COL", "REB"),
        ("Zambian Electoral Commission", "ZMB", "GOV"),
        ("the Sri Lankan Supreme Court", "LKA", "JUD"),
        ("Kenyan Parliament", "KEN", "LEG"),
        # bare names the tagger does not take for nouns; places acting as actors
        ("Mozambique", "MOZ", None),
        ("Hungarian", "HUN", None),
        ("Kharkiv", "UKR", "CVL"),
        ("Lagos police", "NGA", "COP"),
        ("Transnistria", "MDA", None),
    ],
)
def test_code_phrase(nlp, knowledge, text, country, sector) -> None:
    assert _code(nlp, knowledge, text) == (country, sector)


@pytest.mark.parametrize(
    ("text", "day", "country", "sector"),
    [
        ("Trump", "2019-04-01", "USA", "GOV"),
        ("Trump", "2022-04-01", "USA", "ELI"),  # between terms: a former president
        ("Trump", "2025-06-01", "USA", "GOV"),
        ("Angela Merkel", "2017-04-01", "DEU", "GOV"),
        ("Angela Merkel", "2023-04-01", "DEU", "ELI"),
        ("Vladimir Putin", "1999-01-01", "RUS", "SPY"),  # FSB director then
        ("Vladimir Putin", "2009-01-01", "RUS", "GOV"),
        ("Scott Morrison", "2022-10-01", "AUS", "LEG"),  # back on the back bench
        ("Tony Blair", None, "GBR", "ELI"),  # undated: every term is over
        ("Kassym-Jomart Tokayev", "2022-01-05", "KAZ", "GOV"),
        ("Aleksandr Lukashenko", "2022-01-05", "BLR", "GOV"),
    ],
)
def test_dated_people(nlp, knowledge, text, day, country, sector) -> None:
    assert _code(nlp, knowledge, text, day) == (country, sector)


def test_former_title_overrides_the_current_term(nlp, knowledge) -> None:
    assert _code(nlp, knowledge, "former President Donald Trump", "2019-04-01")[1] == "ELI"


def test_person_names_are_not_read_as_countries(nlp, knowledge) -> None:
    # the country converter matches inside names ("Kenyatta", "Gbagbo"): people win
    assert _code(nlp, knowledge, "Uhuru Kenyatta", "2020-01-01") == ("KEN", "GOV")
    assert _code(nlp, knowledge, "Laurent Gbagbo", "2005-01-01") == ("CIV", "GOV")


def test_compound_actors_are_two_mentions(nlp) -> None:
    text = "Washington and Kyiv signed a security agreement."
    doc = parse_article(nlp, text)
    found = actor_mentions(doc, load_kb(), doc_id="t", day="2024-06-13")
    by_text = {text[m.start : m.end]: m.actor.code for m in found.values()}
    assert by_text["Washington"] == "USAGOV"
    assert by_text["Kyiv"] == "UKRGOV"


def test_a_place_after_a_locative_preposition_is_no_actor(nlp) -> None:
    text = "Diplomats met in Kharkiv on Monday."
    doc = parse_article(nlp, text)
    found = actor_mentions(doc, load_kb(), doc_id="t", day="2022-06-01")
    assert "Kharkiv" not in {text[m.start : m.end] for m in found.values()}
