"""``code_article``: purity, stable ids, evidence, and the seed story."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dyads.pipeline import MAX_CHARS, code_article
from dyads.records import Article

TEXT = (
    "Russia accuses NATO of provocations\n"
    'Russian Foreign Minister Sergei Lavrov accused NATO of provocations on Monday. "We will '
    'respond," Lavrov told reporters in Moscow.\n'
    "U.S. President Joe Biden warned Russian President Vladimir Putin that Washington would "
    "impose sanctions if Russia invaded Ukraine.\n"
)


@pytest.fixture(scope="module")
def coded(nlp, knowledge):
    return code_article(Article(id="a1", text=TEXT, date="2022-01-10"), nlp, knowledge)


def test_pipeline_is_deterministic(nlp, knowledge, coded) -> None:
    again = code_article(Article(id="a1", text=TEXT, date="2022-01-10"), nlp, knowledge)
    assert [e.to_dict() for e in again.events] == [e.to_dict() for e in coded.events]
    assert [q.to_dict() for q in again.quotes] == [q.to_dict() for q in coded.quotes]


def test_pipeline_events_carry_evidence(coded) -> None:
    assert coded.events
    for event in coded.events:
        start, end = event.span
        assert TEXT[start:end] in event.sentence
        assert event.evidence.get("rule") and event.evidence.get("trigger")
        assert event.doc_id == "a1" and event.date == "2022-01-10"


def test_pipeline_codes_accusation_and_threat(coded) -> None:
    found = {(e.source[0].code, e.cameo[:2], e.target[0].code) for e in coded.events}
    assert ("RUSGOV", "11", "IGOWSTNAT") in found, found
    assert any(s == "USAGOV" and root == "13" and t.startswith("RUS") for s, root, t in found), (
        found
    )
    # "would impose sanctions if Russia invaded" is part of the threat, not a sanction
    assert not any(root in ("16", "17") for _, root, _ in found), found


def test_pipeline_quotes_have_speakers(coded) -> None:
    quote = next(q for q in coded.quotes if q.text.startswith("We will respond"))
    assert quote.speaker is not None and quote.speaker.name == "Sergei Lavrov"
    assert quote.speaker.code == "RUSGOV"


def test_pipeline_cuts_overlong_articles(nlp, knowledge) -> None:
    text = ("Russia accused NATO of provocations. " * (MAX_CHARS // 30))[: MAX_CHARS + 500]
    coded = code_article(Article(id="big", text=text), nlp, knowledge)
    assert any("characters" in r.reason for r in coded.rejects)


def test_pipeline_seed_story(nlp, knowledge, seed_path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    coded = code_article(
        replace(Article(id=Article.make_id(text), text=text), date="2022-01-10"), nlp, knowledge
    )

    def has(root: str, src: str, tgt: tuple[str, ...]) -> bool:
        return any(
            e.cameo.startswith(root)
            and any(a.country == src for a in e.source)
            and any(a.country in tgt for a in e.target)
            for e in coded.events
        )

    assert has("04", "RUS", ("USA",)) or has("04", "USA", ("RUS",))
    assert has("10", "RUS", ("NATO", "USA"))
    assert has("12", "USA", ("RUS",))
    assert has("13", "USA", ("RUS",))
    talks = next(e for e in coded.events if e.cameo.startswith("04") and e.location)
    assert talks.location.name == "Geneva" and talks.location.country == "CHE"
    speakers = {q.speaker.name for q in coded.quotes if q.speaker}
    assert {"Sergei Ryabkov", "Wendy Sherman", "Vladimir Putin"} <= speakers
    # "Russia denies any such plans" must not become an invasion
    assert not any(e.cameo.startswith(("19", "20")) for e in coded.events if "denies" in e.sentence)


def test_warm_up_loads_what_coding_reads_lazily(nlp, knowledge) -> None:
    from dyads import time_place
    from dyads.pipeline import warm_up

    time_place._cities_by_alias.cache_clear()
    time_place.geocode.cache_clear()
    warm_up(nlp, knowledge)
    # the made-up article finds its city by name; the alias index is built all the same
    assert time_place._cities_by_alias.cache_info().currsize == 1
    assert time_place.geocode("Kiev") is not None  # an English alias, from that index
    assert time_place._cities_by_alias.cache_info().misses == 1
