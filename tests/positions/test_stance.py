"""Stance reading: act sign per family, harm causes, quote cues, subsumed issues."""

from __future__ import annotations

import pytest

from dyads.positions.issues import load_taxonomy
from dyads.positions.stance import ACT_FAMILIES, event_act, issue_hits, quote_act


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def _hits(nlp, taxonomy, text):
    doc = nlp(text)
    return doc, {h.entry.issue.id: h for h in issue_hits(doc[:], taxonomy)}


@pytest.mark.parametrize(
    ("root", "family", "sign"),
    [
        ("02", "appeal", 1),
        ("05", "support", 1),
        ("08", "agree", 1),
        ("10", "demand", 1),
        ("12", "reject", -1),
        ("13", "threaten", 1),
    ],
)
def test_stance_act_families(root, family, sign) -> None:
    assert ACT_FAMILIES[root] == (family, sign)


def test_stance_consult_is_no_claim() -> None:
    assert "04" not in ACT_FAMILIES


@pytest.mark.parametrize(
    ("text", "trigger", "act"),
    [
        ("Biden threatened tough sanctions on Russia.", "threatened", 1),
        ("Biden warned that the allies would impose sanctions.", "warned", 1),
        ("Putin said new sanctions could lead to a complete breakdown in ties.", "lead", -1),
        ("Moscow warned that sanctions would hurt Europe more than Russia.", "warned", -1),
    ],
)
def test_stance_threat_of_sanctions_or_warning_against_them(nlp, taxonomy, text, trigger, act):
    doc, hits = _hits(nlp, taxonomy, text)
    token = next(t for t in doc if t.text == trigger)
    assert event_act("threaten", 1, hits["sanctions_russia"], token)[0] == act


@pytest.mark.parametrize(
    ("text", "issue", "stance"),
    [
        ("We need legal guarantees of the non-expansion of NATO.", "nato_enlargement", -1),
        ("We need legal guarantees of the non-expansion of NATO.", "russian_security_proposals", 1),
        ("It is mandatory to ensure that Ukraine never becomes a NATO member.",
         "nato_enlargement", -1),
        ("We will not allow anyone to slam closed NATO's open-door policy.",
         "nato_enlargement", 1),
        ("We reject any ban on NATO expansion.", "nato_enlargement", 1),
        ("We will never accept a ceasefire.", "ceasefire", -1),
        ("New sanctions could lead to a complete breakdown in ties.", "sanctions_russia", -1),
    ],
)  # fmt: skip
def test_stance_quote_cue_times_content(nlp, taxonomy, text, issue, stance) -> None:
    doc, hits = _hits(nlp, taxonomy, text)
    act = quote_act(hits[issue], doc[:])
    assert act is not None and act[0] * hits[issue].content == stance, act


def test_stance_quote_mention_without_cue_is_no_claim(nlp, taxonomy) -> None:
    doc, hits = _hits(nlp, taxonomy, "The ceasefire held overnight in the east.")
    assert quote_act(hits["ceasefire"], doc[:]) is None


def test_stance_agenda_subsumes_its_topics(nlp, taxonomy) -> None:
    _, hits = _hits(
        nlp, taxonomy, "attempts to limit the agenda to discussion of military exercises"
    )
    assert set(hits) == {"agenda_limits"}
