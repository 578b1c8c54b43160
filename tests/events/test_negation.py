"""Denied and negated events (events/negation.py) and the cue file it reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.errors import DyadsError
from dyads.events.negation import denied_or_negated, load_cues
from dyads.nlp import parse_article


def _status(nlp, text: str, trigger: str) -> str | None:
    doc = parse_article(nlp, text)
    return denied_or_negated(next(t for t in doc if t.text == trigger))


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Beijing denies any plans for an invasion.", "invasion"),
        ("Beijing denies any such plans.", "plans"),
        ("Moscow denied that its troops had crossed the border.", "crossed"),
        ("Beijing rejected claims that it planned an invasion of the island.", "invasion"),
        ("Ankara dismissed reports of an attack on the pipeline.", "attack"),
        ("Serbia ruled out sending troops to Kosovo.", "sending"),
    ],
)
def test_negation_denied(nlp, text, trigger) -> None:
    assert _status(nlp, text, trigger) == "denied"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # rejecting a proposal does not deny that it was made
        ("Washington rejected the demands.", "demands"),
        # what follows the denial is asserted on its own
        ("Hanoi denies the plans and says it is responding to provocations.", "responding"),
        ("Hanoi denied it, saying the troops were training.", "training"),
        # "did not deny" asserts nothing either way
        ("Tehran did not deny the attack.", "attack"),
        ("Peru and Chile held talks.", "talks"),
    ],
)
def test_negation_not_denied(nlp, text, trigger) -> None:
    assert _status(nlp, text, trigger) is None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [("The ministers held no talks.", "talks"), ("Chile did not attack Peru.", "attack")],
)
def test_negation_negated(nlp, text, trigger) -> None:
    assert _status(nlp, text, trigger) == "negated"


@pytest.mark.parametrize("missing", ["claim_nouns"])
def test_negation_cue_file_needs_all_lists(tmp_path: Path, missing: str) -> None:
    keys = {"denial_verbs": "[deny]", "claim_verbs": "[reject]", "claim_nouns": "[claim]"}
    del keys[missing]
    path = tmp_path / "cues.yaml"
    path.write_text("\n".join(f"{k}: {v}" for k, v in keys.items()), encoding="utf-8")
    with pytest.raises(DyadsError, match=missing):
        load_cues(path)


@pytest.mark.parametrize(("verb", "key"), [("rule out", ("rule", "out")), ("deny", ("deny", None))])
def test_negation_packaged_cues(verb: str, key: tuple[str, str | None]) -> None:
    assert key in load_cues().denial_verbs, verb
