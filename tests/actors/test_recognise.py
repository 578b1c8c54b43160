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
