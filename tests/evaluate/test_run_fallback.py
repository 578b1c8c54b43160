"""PLV scoring falls back to the fallback classifier when no event matches the dyad."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dyads.evaluate.run import classify_dyad
from dyads.nlp import parse_article
from dyads.records import Article, Coded

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "dyad", "expected"),
    [
        ("Ruritania shelled villages in Freedonia.", ("Ruritania", "Freedonia"), "ASSAULT"),
        (
            "Officials said the Sylvanian army had lashed out at Kravonia over the dam.",
            ("the Sylvanian army", "Kravonia"),
            "ACCUSE",
        ),
        ("Latveria did not help Borduria after the floods.", ("Latveria", "Borduria"), "REJECT"),
    ],
)
def test_run_classify_dyad_falls_back_to_the_linking_predicate(
    nlp: Language, text: str, dyad: tuple[str, str], expected: str
) -> None:
    coded = Coded(article=Article(id="d", text=text), events=())
    plover_type, how = classify_dyad(coded, dyad, doc=parse_article(nlp, text))
    assert plover_type == expected
    assert how.startswith("fallback (")


def test_run_classify_dyad_without_doc_keeps_no_event() -> None:
    coded = Coded(article=Article(id="d", text="t"), events=())
    assert classify_dyad(coded, ("Ruritania", "Freedonia")) == (None, "no event")


def test_run_classify_dyad_dyad_absent_from_the_text(nlp: Language) -> None:
    text = "Ruritania shelled villages in Freedonia."
    coded = Coded(article=Article(id="d", text=text), events=())
    assert classify_dyad(coded, ("Atlantis", "Lemuria"), doc=parse_article(nlp, text)) == (
        None,
        "no event",
    )
