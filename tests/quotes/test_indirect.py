"""Tests for dyads.quotes.indirect and the ``content`` frames of dyads.quotes.cues."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from dyads.errors import DyadsError
from dyads.quotes import find_quotes, load_cues


def _rows(nlp: Language, text: str, **kwargs: object) -> list[tuple[str, str | None, str, str]]:
    doc = nlp(text)
    return [
        (q.kind, q.speaker_text, q.text, q.rule)
        for q in find_quotes(doc, **kwargs)  # type: ignore[arg-type]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The minister urged the allies to lift the sanctions.",
            [("indirect", "The minister", "to lift the sanctions", "indirect.xcomp")],
        ),
        (
            "The senator criticized the new border plan.",
            [("indirect", "The senator", "the new border plan", "indirect.dobj")],
        ),
        (
            "The union called for a general strike.",
            [("indirect", "The union", "a general strike", "indirect.prep_for")],
        ),
    ],
)
def test_indirect_content_frames(
    quotes_nlp: Language,
    text: str,
    expected: list[tuple[str, str | None, str, str]],
) -> None:
    assert _rows(quotes_nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    ['"The plan is a disaster for the farmers," the senator criticized.'],
)
def test_indirect_frame_verbs_do_not_attribute_direct_quotes(
    quotes_nlp: Language,
    text: str,
) -> None:
    rows = _rows(quotes_nlp, text)
    assert [(kind, speaker) for kind, speaker, _, _ in rows] == [("direct", None)]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The envoy said his government had urged the rebels to stop fighting.",
            "his government had urged the rebels to stop fighting",
        ),
        (
            "She told reporters the mayor criticized the budget cuts.",
            "the mayor criticized the budget cuts",
        ),
    ],
)
def test_indirect_nested_attribution_stays_inside_the_outer_one(
    quotes_nlp: Language,
    text: str,
    content: str,
) -> None:
    rows = _rows(quotes_nlp, text)
    assert [c for _, _, c, _ in rows] == [content]


def test_load_cues_content_frames(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text("verbs: [say]\ncontent:\n  dobj: [criticize]\n  prep: [call for]\n", "utf-8")
    cues = load_cues(path)
    assert cues.frames == frozenset({("criticize", "dobj"), ("call", "prep:for")})
    assert cues.content_deps("say") == frozenset({"ccomp"})
    assert cues.content_deps("call") == frozenset({"prep:for"})
    assert cues.content_deps("walk") == frozenset()


@pytest.mark.parametrize(
    "content",
    [
        "verbs: [say]\ncontent: [think]\n",
        "verbs: [say]\ncontent:\n  nsubj: [think]\n",
        "verbs: [say]\ncontent:\n  prep: [call]\n",
    ],
)
def test_load_cues_bad_content_raises(tmp_path: Path, content: str) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text(content, "utf-8")
    with pytest.raises(DyadsError):
        load_cues(path)


def test_load_cues_default_frames() -> None:
    cues = load_cues()
    assert {"dobj", "prep:for", "xcomp"} <= cues.content_deps("call")
    assert "ccomp" in cues.content_deps("warn")
    assert cues.content_deps("add") == frozenset({"ccomp"})
    assert cues.content_deps("go on") == frozenset()  # direct only
    assert "acl" in cues.noun_deps("claim")
    assert "poll" in cues.sources


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # beliefs and wishes are attributed too
            "The senator believes the plan will fail.",
            [("indirect", "The senator", "the plan will fail", "indirect.ccomp")],
        ),
        (
            "He wants to cut taxes.",
            [("indirect", "He", "to cut taxes", "indirect.xcomp")],
        ),
        (  # the object and its predicate are one content
            "The governor called the plan a disaster.",
            [("indirect", "The governor", "the plan a disaster", "indirect.dobj")],
        ),
        (  # the cue inside its content: the content runs over it
            "The talks, Ryabkov said, had been useful.",
            [
                (
                    "indirect",
                    "Ryabkov",
                    "The talks, Ryabkov said, had been useful",
                    "indirect.parataxis",
                )
            ],
        ),
        (  # a relative pronoun comes with its antecedent
            "The voters who supported the plan were disappointed.",
            [("indirect", "The voters who", "the plan", "indirect.dobj")],
        ),
        (  # the agent of a passive cue is its speaker
            "Russia was urged by NATO to withdraw its troops.",
            [("indirect", "NATO", "to withdraw its troops", "indirect.xcomp")],
        ),
        (  # nouns that attribute content, with their holder
            "His claim that the border was secure was wrong.",
            [("indirect", "His", "the border was secure", "indirect.acl")],
        ),
        (
            "In the poll, most voters backed the plan.",
            [("indirect", "the poll", "most voters backed the plan", "indirect.in")],
        ),
    ],
)
def test_indirect_wider_attributions(
    quotes_nlp: Language,
    text: str,
    expected: list[tuple[str, str | None, str, str]],
) -> None:
    assert _rows(quotes_nlp, text) == expected
