"""Tests for dyads.tone: article tone on GDELT's AvgTone scale (VADER)."""

from __future__ import annotations

import pytest

from dyads.tone import MAX_SENTENCES, article_tone, sentences


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The talks were a great success and both sides praised the friendly agreement.", 1),
        ("Troops killed dozens of civilians in a brutal attack; the war crimes horrified.", -1),
        ("The minister will travel to Geneva on Monday.", 0),
        ("", 0),
        ("... --- ...", 0),
    ],
)
def test_tone_sign(text: str, sign: int) -> None:
    tone = article_tone(text)
    assert -100.0 <= tone <= 100.0
    assert (tone > 0) - (tone < 0) == sign


def test_tone_is_a_word_weighted_share() -> None:
    # one positive sentence among long neutral ones weighs less than on its own
    good = "Both sides praised the excellent agreement."
    neutral = "The delegation will travel to Geneva on Monday and meet officials there. "
    assert 0 < article_tone(good + " " + neutral * 5) < article_tone(good)


def test_tone_scores_at_most_max_sentences() -> None:
    head = "Both sides praised the excellent agreement. " * MAX_SENTENCES
    tail = "Troops killed civilians in a brutal attack. " * 50
    assert article_tone(head + tail) == article_tone(head)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ('"We will respond." Lavrov said.', ['"We will respond."', "Lavrov said."]),
        ("A line\n\nAnother line", ["A line", "Another line"]),
        ("", []),
    ],
)
def test_tone_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
