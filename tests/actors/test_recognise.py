"""Actor recognition, coding and in-document coreference, on short texts."""

from __future__ import annotations

import pytest

from dyads.actors.kb import load_kb
from dyads.actors.recognise import actor_mentions
from dyads.nlp import parse_article


def _mentions(nlp, text: str, day: str | None = "2022-01-10"):
    doc = parse_article(nlp, text)
    found = actor_mentions(doc, load_kb(), doc_id="t", day=day)
    return {text[m.start : m.end]: m.actor for m in found.values()}, list(found.values())


@pytest.mark.parametrize(
    ("text", "phrase", "code", "name"),
    [
        (
            "Russian Deputy Foreign Minister Sergei Ryabkov spoke.",
            "Russian Deputy Foreign Minister Sergei Ryabkov",
            "RUSGOV",
            "Sergei Ryabkov",
        ),
        (
            "U.S. President Joe Biden spoke on Monday.",
            "U.S. President Joe Biden",
            "USAGOV",
            "Joe Biden",
        ),
        ("Russian troops moved to the border.", "Russian troops", "RUSMIL", None),
        ("The Kremlin rejected the plan.", "The Kremlin", "RUSGOV", None),
        ("Washington rejected the plan.", "Washington", "USAGOV", None),
        ("NATO rejected the plan.", "NATO", "IGOWSTNAT", "North Atlantic Treaty Organization"),
        ("Russia rejected the plan.", "Russia", "RUS", "Russia"),
    ],
)
def test_recognise_codes_titles_metonyms_and_organisations(nlp, text, phrase, code, name) -> None:
    by_text, _ = _mentions(nlp, text)
    assert phrase in by_text, by_text
    assert by_text[phrase].code == code
    if name is not None:
        assert by_text[phrase].name == name
    assert by_text[phrase].evidence  # every coded actor says why


def test_recognise_person_without_title_is_coded_by_date(nlp) -> None:
    by_text, _ = _mentions(nlp, "Putin said the talks had failed.", day="2022-01-10")
    assert by_text["Putin"].code == "RUSGOV"
    assert "people/" in by_text["Putin"].evidence


@pytest.mark.parametrize(
    ("text", "later", "code"),
    [
        (
            "Russian Deputy Foreign Minister Ivan Orlovsky spoke in Geneva.\n"
            "Orlovsky repeated the demands.",
            "Orlovsky",
            "RUSGOV",
        ),
        (
            "Deputy U.S. Secretary of State Wendy Sherman met him.\n"
            "She said the talks were useful.",
            "She",
            "USAGOV",
        ),
        ("NATO met on Monday.\nThe alliance rejected the plan.", "The alliance", "IGOWSTNAT"),
    ],
)
def test_recognise_resolves_later_mentions(nlp, text, later, code) -> None:
    _, mentions = _mentions(nlp, text)
    last = [m for m in mentions if text[m.start : m.end] == later]
    assert last, [text[m.start : m.end] for m in mentions]
    assert last[-1].actor.code == code
    assert last[-1].actor.evidence.startswith(("coref:", "anaphor:"))


def test_recognise_alliance_without_antecedent_is_not_nato(nlp) -> None:
    by_text, _ = _mentions(nlp, "The alliance met on Monday.")
    assert "The alliance" not in by_text


def test_recognise_mentions_carry_offsets_and_sentences(nlp) -> None:
    text = "Russia met Ukraine.\nFrance met Germany."
    _, mentions = _mentions(nlp, text)
    assert [(text[m.start : m.end], m.sentence_id) for m in mentions] == [
        ("Russia", 0),
        ("Ukraine", 0),
        ("France", 1),
        ("Germany", 1),
    ]


@pytest.mark.parametrize(
    ("text", "later", "code", "name"),
    [
        (
            "Russian Deputy Foreign Minister Ivan Orlovsky arrived.\n"
            "The minister said talks failed.",
            "The minister",
            "RUSGOV",
            "Ivan Orlovsky",
        ),
        ("NATO met on Monday.\nBrussels rejected the plan.", "Brussels", "IGOWSTNAT", None),
    ],
)
def test_recognise_titles_and_seats_follow_the_article(nlp, text, later, code, name) -> None:
    _, mentions = _mentions(nlp, text)
    found = [m for m in mentions if text[m.start : m.end] == later]
    assert found, [text[m.start : m.end] for m in mentions]
    assert found[-1].actor.code == code
    if name:
        assert found[-1].actor.name == name
    assert found[-1].actor.evidence.startswith(("coref:", "metonym:"))


def test_recognise_seed_actors(nlp, knowledge, seed_path) -> None:
    """Issue 4 acceptance: every actor of the seed story coded right."""
    from dyads.pipeline import code_article
    from dyads.records import Article

    text = seed_path.read_text(encoding="utf-8")
    coded = code_article(Article(id="seed", text=text, date="2022-01-10"), nlp, knowledge)
    by_text: dict[str, set[str | None]] = {}
    for m in coded.mentions:
        by_text.setdefault(text[m.start : m.end], set()).add(m.actor.code)
    expected = {
        "Russian Deputy Foreign Minister Sergei Ryabkov": "RUSGOV",
        "Ryabkov": "RUSGOV",
        "Deputy U.S. Secretary of State Wendy Sherman": "USAGOV",
        "Sherman": "USAGOV",
        "U.S. President Joe Biden": "USAGOV",
        "Russian President Vladimir Putin": "RUSGOV",
        "Putin": "RUSGOV",
        "NATO": "IGOWSTNAT",
        "Washington": "USAGOV",
        "Moscow": "RUSGOV",
        "Kyiv": "UKRGOV",
        "RIA news agency": "RUSMED",
    }
    for phrase, code in expected.items():
        assert by_text.get(phrase) == {code}, (phrase, by_text.get(phrase))
    troops = [c for t, cs in by_text.items() if "Russian troops" in t for c in cs]
    assert troops and set(troops) == {"RUSMIL"}, troops


def test_recognise_known_name_before_a_common_noun(nlp, tmp_path) -> None:
    """ "the affected Ithilen villages": the NER types the made-up name as a person, but
    the knowledge base knows it as an actor, so the name is coded on its own."""
    actors = tmp_path / "toy_actors.txt"
    actors.write_text("ITHILEN  [ITH]\nCALENARDHON  [CAL]\n", encoding="utf-8")
    text = "Calenardhon promised aid to the affected Ithilen villages."
    doc = parse_article(nlp, text)
    found = actor_mentions(doc, load_kb((actors,)), doc_id="t", day=None)
    coded = {text[m.start : m.end]: m.actor.code for m in found.values()}
    assert coded.get("Ithilen") == "ITH"
    # an unknown name in the same place stays uncoded
    plain = actor_mentions(parse_article(nlp, text), load_kb(), doc_id="t", day=None)
    assert "ITH" not in {m.actor.code for m in plain.values()}
