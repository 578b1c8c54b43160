"""Head-word rules: people of a country, vehicles of its forces, full and misspelled
country names, organisations named before a collective head (texts written here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.actors.kb import ActorKB, _one_edit, load_kb
from dyads.actors.phrase import code_actor_text
from dyads.actors.recognise import actor_mentions
from dyads.nlp import parse_article


def _code(nlp, knowledge, text: str):
    actor = code_actor_text(nlp, knowledge, text, day="2021-03-01")
    assert actor is not None, text
    assert actor.evidence, text
    return actor.country, actor.sector


def _mentions(nlp, text: str, kb: ActorKB | None = None) -> dict[str, str | None]:
    doc = parse_article(nlp, text)
    found = actor_mentions(doc, kb or load_kb(), doc_id="t", day="2021-03-01")
    return {m.actor.text: m.actor.code for m in found.values()}


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        # people of a country with a modifier are its civilians
        ("young Moroccans", "MAR", "CVL"),
        ("some 3,000 Peruvians", "PER", "CVL"),
        ("Syrian Kurds", "SYR", "CVL"),
        # an ethnic group is not the country of its name: the place it lives in is
        ("ethnic Hungarians in northern Serbia", "SRB", "CVL"),
        # a bare plural demonym stands for the country
        ("Peruvians", "PER", None),
        # vehicles and weapons with an owning country are its forces
        ("Turkish aircraft", "TUR", "MIL"),
        ("Iran's drones", "IRN", "MIL"),
        ("Indian helicopter gunships", "IND", "MIL"),
        # full country names with their "of" part
        ("the Democratic People's Republic of Korea", "PRK", None),
        ("the People's Republic of China", "CHN", None),
        # misspelled countries: one edit from one country, nothing else fits
        ("Afganistan", "AFG", None),
        ("Isreal", "ISR", None),
        ("Phillippines army", "PHL", "MIL"),
        # a place after "from"/"in" gives the country
        ("a priest from Marseille", "FRA", "REL"),
        ("rebels in Darfur", "SDN", "REB"),
        ("students throughout Kenya", "KEN", "EDU"),
        # organisations: before a collective head, through an "of" phrase, old names
        ("Hamas's armed network", "PSE", "REB"),
        ("the Liberation Tigers of Tamil Eelam", "LKA", "REB"),
        ("the European Community", "EU", "IGO"),
        # a role word for a city's security chief
        ("Kabul's security chief", "AFG", "COP"),
    ],
)
def test_heads_code_phrase(nlp, knowledge, text, country, sector) -> None:
    assert _code(nlp, knowledge, text) == (country, sector)


@pytest.mark.parametrize("text", ["a civilian aircraft", "the helicopter", "two jets"])
def test_heads_platform_without_a_country_is_no_actor(nlp, knowledge, text) -> None:
    actor = code_actor_text(nlp, knowledge, text, day=None)
    assert actor is None or actor.sector != "MIL"


def test_heads_country_name_words_are_not_actors_of_their_own(nlp) -> None:
    found = _mentions(nlp, "The People's Republic of China protested on Monday.")
    assert list(found.values()) == ["CHN"]


def test_heads_short_title_case_name_is_not_an_acronym(nlp) -> None:
    found = _mentions(nlp, "Transport Minister Nguyen Van Gia met the press.")
    assert all(not (code or "").startswith("DZA") for code in found.values())


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("Ethiopia", "Ethopia", True),
        ("Israel", "Isreal", True),
        ("Qatar", "Quatar", True),
        ("Ghana", "Ghanaa", True),
        ("Israel", "Isrealy", False),
        ("Indian", "Indian", False),
    ],
)
def test_kb_one_edit(a, b, close) -> None:
    assert _one_edit(a, b) is close


@pytest.mark.parametrize(
    ("text", "iso"),
    [("Ethopia", "ETH"), ("Ghanians", "GHA"), ("Nigeria", None), ("Mazda", None)],
)
def test_kb_misspelled_country(text, iso) -> None:
    assert load_kb().misspelled_country(text) == iso


def test_kb_platforms_are_read_from_yaml() -> None:
    kb = load_kb()
    assert kb.platform("Aircraft") == "MIL"
    assert kb.sector("aircraft") is None  # not a role word on its own


AGENTS = """RELIEF_BODY [NGO~]
BORDER_GUARDS {} [~COP]
"""
ACTORS = """ERIADOR_ [ERI]
+FORN_OST
"""


def test_prefix_agent_goes_before_the_country(nlp, tmp_path: Path) -> None:
    (tmp_path / "toy.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "toy.agents.txt").write_text(AGENTS, encoding="utf-8")
    kb = load_kb((tmp_path / "toy.actors.txt", tmp_path / "toy.agents.txt"))
    found = _mentions(nlp, "Relief Body Eriador thanked the donors.", kb)
    assert "NGOERI" in found.values()
    found = _mentions(nlp, "Forn Ost border guards stopped the convoy.", kb)
    assert "ERICOP" in found.values()


def test_a_capital_tagged_as_a_person_is_still_the_capital(nlp, knowledge) -> None:
    from dyads.actors.recognise import actor_mentions

    doc = nlp("The Polish prime minister visited Kyiv on Tuesday.")
    found = actor_mentions(doc, knowledge.actors, doc_id="t", day="2022-02-01")
    assert any(m.actor.code == "UKRGOV" for m in found.values())


def test_an_organisation_name_before_a_role_gives_the_body_not_a_role(nlp, knowledge) -> None:
    from dyads.actors.recognise import actor_mentions

    doc = nlp("European Union leaders met in Brussels.")
    found = actor_mentions(doc, knowledge.actors, doc_id="t", day="2022-02-01")
    leaders = next(m.actor for i, m in found.items() if doc[i].text == "leaders")
    assert (leaders.country, leaders.sector) == ("EU", "GOV")
