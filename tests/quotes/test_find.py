"""Tests for dyads.quotes.find: quote-mark pairing, cues, speakers and conventions."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from dyads.errors import DyadsError
from dyads.quotes import Cues, QuoteGuess, find_quotes, load_cues

SEED = Path("/work/shared/seed/geneva-talks-2022-01-10.txt")


def _quotes(nlp: Language, text: str, **kwargs: object) -> list[QuoteGuess]:
    doc = nlp(text)
    found = find_quotes(doc, **kwargs)  # type: ignore[arg-type]
    for q in found:  # every span is an offset into the article text
        assert doc.text[q.content[0] : q.content[1]] == q.text
        if q.cue is not None:
            assert doc.text[q.cue[0] : q.cue[1]] == q.cue_text
        if q.speaker is not None:
            assert doc.text[q.speaker[0] : q.speaker[1]] == q.speaker_text
    return found


def _rows(found: list[QuoteGuess]) -> list[tuple[str, str | None, str]]:
    return [(q.kind, q.speaker_text, q.text) for q in found]


# ----------------------------------------------------------------- direct quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We will not back down," Ryabkov said.',
            [("direct", "Ryabkov", "We will not back down", "direct.cue_after")],
        ),
        (
            "“We will not back down,” Ryabkov said.",
            [("direct", "Ryabkov", "We will not back down", "direct.cue_after")],
        ),
        (
            "«We will not back down», Ryabkov said.",
            [("direct", "Ryabkov", "We will not back down", "direct.cue_after")],
        ),
        (
            'Sherman said: "We were firm on the proposals."',
            [("direct", "Sherman", "We were firm on the proposals.", "direct.colon_before")],
        ),
        (
            'Sherman told reporters "the door is open" after the talks.',
            [("direct", "Sherman", "the door is open", "direct.cue_before")],
        ),
        (
            '"We need guarantees now," he said.',
            [("direct", "he", "We need guarantees now", "direct.cue_after")],
        ),
        (
            '"We need guarantees," Ryabkov, Russia\'s deputy foreign minister, said.',
            [
                (
                    "direct",
                    "Ryabkov, Russia's deputy foreign minister",
                    "We need guarantees",
                    "direct.cue_after",
                )
            ],
        ),
        (
            '"Unfortunately, we disagree," Russian Deputy Foreign Minister Sergei Ryabkov '
            "told reporters.",
            [
                (
                    "direct",
                    "Russian Deputy Foreign Minister Sergei Ryabkov",
                    "Unfortunately, we disagree",
                    "direct.cue_after",
                )
            ],
        ),
        (
            '"We will not accept this," according to Ryabkov.',
            [("direct", "Ryabkov", "We will not accept this", "direct.cue_after")],
        ),
        (
            "\"Russia's position hasn't changed,\" Ryabkov said.",
            [("direct", "Ryabkov", "Russia's position hasn't changed", "direct.cue_after")],
        ),
        (
            "\"They told us 'never' again,\" Ryabkov said.",
            [("direct", "Ryabkov", "They told us 'never' again", "direct.cue_after")],
        ),
        ('"No," Ryabkov said.', [("direct", "Ryabkov", "No", "direct.cue_after")]),
        (  # doubled apostrophes as quote marks
            "''We will not back down,'' Ryabkov said.",
            [("direct", "Ryabkov", "We will not back down", "direct.cue_after")],
        ),
        (
            "``We will not back down,'' Ryabkov said.",
            [("direct", "Ryabkov", "We will not back down", "direct.cue_after")],
        ),
        (
            'Ryabkov told reporters:\n"We need guarantees now."',
            [("direct", "Ryabkov", "We need guarantees now.", "direct.colon_before")],
        ),
    ],
)
def test_find_quotes_direct_speaker(
    quotes_nlp: Language, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    found = _quotes(quotes_nlp, text)
    assert [(q.kind, q.speaker_text, q.text, q.rule) for q in found] == expected


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "red lines" were discussed at length.',
        'He read "War And Peace" yesterday.',
        'He said "" and left.',
        'Sherman used the phrase "open door" twice.',
    ],
)
def test_find_quotes_direct_ignores_scare_quotes_and_titles(
    quotes_nlp: Language, text: str
) -> None:
    assert _quotes(quotes_nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"Russia must withdraw," she told reporters, "or face the consequences."',
            [
                (
                    "she",
                    "told",
                    'Russia must withdraw," she told reporters, "or face the consequences.',
                    "direct.cue_after",
                )
            ],
        ),
    ],
)
def test_find_quotes_interrupted_quote_is_one_quote_in_parts(
    quotes_nlp: Language, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    found = _quotes(quotes_nlp, text)
    assert [(q.speaker_text, q.cue_text, q.text, q.rule) for q in found] == expected
    assert [text[a:b] for a, b in found[0].parts] == [
        "Russia must withdraw",
        "or face the consequences.",
    ]


@pytest.mark.parametrize(
    ("text", "expected", "note"),
    [
        (  # an opening mark that never closes: only that quote is lost
            '"We are ready to talk. "The talks were useful," Sherman said. '
            '"We will meet again," Ryabkov said.',
            [
                ("Sherman", "The talks were useful"),
                ("Ryabkov", "We will meet again"),
            ],
            "never closed",
        ),
        (  # a closing mark with no opening mark
            'Ryabkov spoke briefly." "The talks were useful," Sherman said.',
            [("Sherman", "The talks were useful")],
            "no opening mark",
        ),
        (  # curly marks: a second opening mark before any closing one
            "“We are ready to talk. “The talks were useful,” Sherman said.",
            [("Sherman", "The talks were useful")],
            "never closed",
        ),
        (  # odd marks at the end of the paragraph
            '"The talks were useful," Sherman said. "',
            [("Sherman", "The talks were useful")],
            "never closed",
        ),
    ],
)
def test_find_quotes_odd_marks_recover(
    quotes_nlp: Language, text: str, expected: list[tuple[str, str]], note: str
) -> None:
    found = [q for q in _quotes(quotes_nlp, text) if q.kind == "direct"]
    assert [(q.speaker_text, q.text) for q in found] == expected
    assert all(q.note is not None and note in q.note for q in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We will not back down," Ryabkov said.\n"Russia needs guarantees now."',
            [
                ("Ryabkov", "We will not back down", "direct.cue_after"),
                ("Ryabkov", "Russia needs guarantees now.", "direct.continuation"),
            ],
        ),
        (  # one paragraph without quotes in between is still in reach
            '"We will not back down," Ryabkov said.\nNATO disagreed.\n'
            '"Russia needs guarantees now."',
            [
                ("Ryabkov", "We will not back down", "direct.cue_after"),
                ("Ryabkov", "Russia needs guarantees now.", "direct.continuation"),
            ],
        ),
        (  # three paragraphs back is too far
            '"We will not back down," Ryabkov said.\nNATO disagreed.\nTalks go on.\n'
            '"Russia needs guarantees now."',
            [
                ("Ryabkov", "We will not back down", "direct.cue_after"),
                (None, "Russia needs guarantees now.", "direct.unattributed"),
            ],
        ),
        (  # newswire multi-paragraph quote: no closing mark before the next paragraph
            '"We want peace," Putin said. "But we will defend ourselves.\n'
            '"We have no choice in this matter."',
            [
                (
                    "Putin",
                    'We want peace," Putin said. "But we will defend ourselves.',
                    "direct.cue_after",
                ),
                ("Putin", "We have no choice in this matter.", "direct.multi_paragraph"),
            ],
        ),
    ],
)
def test_find_quotes_paragraph_conventions(
    quotes_nlp: Language, text: str, expected: list[tuple[str | None, str, str]]
) -> None:
    found = _quotes(quotes_nlp, text)
    assert [(q.speaker_text, q.text, q.rule) for q in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We will not forgo co-operation," Sherman said. "And we will not decide '
            'about Ukraine without Ukraine."',
            [("Sherman", "direct.cue_after")],
        ),
    ],
)
def test_find_quotes_adjacent_sentence_cue(
    quotes_nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    found = _quotes(quotes_nlp, text)
    assert [(q.speaker_text, q.rule) for q in found] == expected
    assert len(found[0].parts) == 2  # one quote, two quoted sentences
    assert [(q.speaker_text, q.rule) for q in _quotes(quotes_nlp, text, max_gap_sentences=0)] == [
        ("Sherman", "direct.cue_after"),
        (None, "direct.unattributed"),
    ]


# ------------------------------------------------------------ indirect and mixed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ryabkov told RIA news agency Russia would not accept U.S. attempts to limit "
            "the agenda.",
            [
                (
                    "indirect",
                    "Ryabkov",
                    "Russia would not accept U.S. attempts to limit the agenda",
                )
            ],
        ),
        (
            "Sherman said that the United States would not negotiate.",
            [("indirect", "Sherman", "the United States would not negotiate")],
        ),
        (
            "According to Ryabkov, Russia would not accept the proposals.",
            [("indirect", "Ryabkov", "Russia would not accept the proposals")],
        ),
        (
            "Ryabkov was quoted as saying that Russia would not back down.",
            [("indirect", "Ryabkov", "Russia would not back down")],
        ),
        (
            "Russia had tried to show flexibility, he said, noting it was time for the "
            "other side to be flexible.",
            [
                ("indirect", "he", "Russia had tried to show flexibility"),
                ("indirect", "he", "it was time for the other side to be flexible"),
            ],
        ),
        (
            'He said it was absolutely "mandatory" for Russia to ensure that Ukraine '
            "never becomes a NATO member.",
            [
                (
                    "mixed",
                    "He",
                    'it was absolutely "mandatory" for Russia to ensure that Ukraine '
                    "never becomes a NATO member",
                )
            ],
        ),
        (
            "Sherman said the U.S. would \"not allow anyone to slam closed NATO's "
            'open-door policy."',
            [
                (
                    "mixed",
                    "Sherman",
                    'the U.S. would "not allow anyone to slam closed NATO\'s open-door policy."',
                )
            ],
        ),
        ("Ryabkov added that Russia was ready.", [("indirect", "Ryabkov", "Russia was ready")]),
        (
            "Ryabkov went on to say that Russia was ready.",
            [("indirect", "Ryabkov", "Russia was ready")],
        ),
        # no subject: an attribution without a source
        ("It was said that Russia was ready.", [("indirect", None, "Russia was ready")]),
    ],
)
def test_find_quotes_indirect_and_mixed(
    quotes_nlp: Language, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _rows(_quotes(quotes_nlp, text)) == expected


# -------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    ["", " \n\n ", '"', '""', "“”", '" "', '"a" "b" "c"', 'He said: "', '"Hello\n', "«»"],
)
def test_find_quotes_never_raises_on_odd_text(quotes_nlp: Language, text: str) -> None:
    assert isinstance(_quotes(quotes_nlp, text), list)


def test_find_quotes_without_parse_returns_unattributed_quotes() -> None:
    doc = spacy.blank("en")('"We are ready to talk now," he said. "Fine."')
    found = find_quotes(doc)
    assert [(q.kind, q.text, q.speaker, q.sentence_ids) for q in found] == [
        ("direct", "We are ready to talk now", None, ())
    ]


def test_find_quotes_does_not_modify_the_doc(quotes_nlp: Language) -> None:
    doc = quotes_nlp('"We will not back down," Ryabkov said. Sherman said talks went well.')
    before = doc.to_bytes()
    find_quotes(doc)
    assert doc.to_bytes() == before


# -------------------------------------------------------------------------- cues


def test_load_cues_default_lexicon() -> None:
    cues = load_cues()
    assert {"say", "tell", "warn", "according to"} <= cues.verbs | {
        " ".join(words) for words, _ in cues.phrases
    }
    assert len(cues.verbs) >= 80
    assert "go on" in cues.direct_only


def test_load_cues_custom_file_changes_attribution(quotes_nlp: Language, tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text("verbs: [tell]\nphrases:\n  according to: object\n", "utf-8")
    cues = load_cues(path)
    assert cues == Cues(verbs=frozenset({"tell"}), phrases=((("according", "to"), "object"),))
    found = _quotes(quotes_nlp, '"We will not back down now," Ryabkov said.', cues=cues)
    assert [(q.speaker, q.rule) for q in found] == [(None, "direct.unattributed")]


@pytest.mark.parametrize(
    "content",
    ["- just a list\n", "verbs: [say]\ndirect_only: [add]\n", "verbs: [say]\nphrases: [x]\n"],
)
def test_load_cues_bad_file_raises(tmp_path: Path, content: str) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text(content, "utf-8")
    with pytest.raises(DyadsError):
        load_cues(path)


def test_load_cues_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(DyadsError, match="cannot read"):
        load_cues(tmp_path / "absent.yaml")


# -------------------------------------------------------------------------- seed


@pytest.fixture(scope="module")
def seed_quotes(quotes_nlp: Language) -> list[QuoteGuess]:
    if not SEED.exists():
        pytest.skip(f"seed story {SEED} is not present")
    return _quotes(quotes_nlp, SEED.read_text("utf-8"))


def _find(found: list[QuoteGuess], fragment: str) -> QuoteGuess:
    matches = [q for q in found if fragment in q.text]
    assert len(matches) == 1, f"{fragment!r} found {len(matches)} times"
    return matches[0]


@pytest.mark.shared
@pytest.mark.parametrize(
    ("fragment", "speaker", "kind"),
    [
        ("Unfortunately, we have a great disparity", "Ryabkov", "direct"),
        ("We were firm", "Wendy Sherman", "direct"),
        ("We will not forgo", "Sherman", "direct"),
        ("And we will not make decisions", "Sherman", "direct"),
        ("We need legal guarantees", "Ryabkov", "direct"),
        ("complete breakdown in ties", "Putin", "mixed"),
        ("Russia would not accept U.S. attempts", "Ryabkov", "indirect"),
        ('absolutely "mandatory"', "He", "mixed"),
        ("not allow anyone to slam closed", "Sherman", "mixed"),
    ],
)
def test_find_quotes_seed_speakers(
    seed_quotes: list[QuoteGuess], fragment: str, speaker: str, kind: str
) -> None:
    quote = _find(seed_quotes, fragment)
    assert quote.speaker_text is not None and speaker in quote.speaker_text
    assert quote.kind == kind


@pytest.mark.shared
def test_find_quotes_seed_last_paragraph_continues(seed_quotes: list[QuoteGuess]) -> None:
    quote = _find(seed_quotes, "If they are unable to do this")
    assert quote.kind == "direct"
    assert quote.speaker_text is not None
    assert quote.rule == "direct.continuation"
