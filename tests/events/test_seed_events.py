"""Acceptance list for the seed story (Geneva talks, 2022-01-10): one test per event.

The story is read from the shared folder at test time (never copied into the repo);
the tests skip when it is absent. Sentences are found by a few of their words. A test
marked ``xfail(strict=True)`` names what the coder still gets wrong, so the list of
xfails is the list of work left; when one starts to pass, pytest says so and the
marker must go.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest

from dyads.pipeline import code_article
from dyads.records import Article, Coded, Event

pytestmark = pytest.mark.shared

DATE = "2022-01-10"


@pytest.fixture(scope="module")
def coded(nlp, knowledge, seed_path) -> Coded:
    text = seed_path.read_text(encoding="utf-8")
    article = replace(Article(id=Article.make_id(text), text=text), date=DATE)
    return code_article(article, nlp, knowledge)


def _in(coded: Coded, fragment: str) -> list[Event]:
    """Events of the sentence that holds ``fragment``; fails when no sentence does."""
    assert fragment in coded.article.text, f"the seed story no longer says {fragment!r}"
    return [e for e in coded.events if fragment in e.sentence]


def _from(events: Iterable[Event], roots: tuple[str, ...], src: str, tgt: tuple[str, ...]):
    """Events with a CAMEO root in ``roots`` from country ``src`` to one of ``tgt``."""
    return [
        e
        for e in events
        if e.cameo.startswith(roots)
        and any(a.country == src for a in e.source)
        and any(a.country in tgt for a in e.target)
    ]


def _show(events: Iterable[Event]) -> list[str]:
    return [
        f"{e.cameo} {[a.code for a in e.source]}->{[a.code for a in e.target]} "
        f"{e.evidence.get('trigger')} {e.modality} {e.date}"
        for e in events
    ]


# --- consultations ----------------------------------------------------------------


def test_seed_geneva_talks_are_a_consultation(coded) -> None:
    events = _in(coded, "talks in Geneva on Monday")
    found = _from(events, ("04",), "RUS", ("USA",)) + _from(events, ("04",), "USA", ("RUS",))
    assert found, _show(events)


def test_seed_nato_talks_later_this_week_are_planned(coded) -> None:
    # planned talks are an intent to meet (036) in CAMEO; either root is right
    events = _from(_in(coded, "later this week"), ("04", "03"), "NATO", ("RUS",))
    assert events, _show(coded.events)
    assert all(e.modality == "planned" and (e.date or "") > DATE for e in events), _show(events)


# --- the troop build-up -----------------------------------------------------------


def test_seed_troop_buildup_is_a_force_posture_against_ukraine(coded) -> None:
    events = _in(coded, "massed troops")
    assert _from(events, ("15",), "RUS", ("UKR",)), _show(events)


# --- Russian demands --------------------------------------------------------------


def test_seed_demand_repeated_in_geneva(coded) -> None:
    events = _in(coded, "repeated demands")
    assert _from(events, ("10",), "RUS", ("NATO", "USA")), _show(events)


def test_seed_demand_that_nato_rule_out_expansion(coded) -> None:
    events = _in(coded, "while demanding")
    assert _from(events, ("10",), "RUS", ("NATO", "USA")), _show(events)


def test_seed_demand_set_repeated_by_ryabkov(coded) -> None:
    events = _in(coded, "set of sweeping demands")
    assert _from(events, ("10",), "RUS", ("NATO", "USA")), _show(events)


def test_seed_demands_presented_last_month(coded) -> None:
    events = _from(_in(coded, "Last month, Russia presented"), ("10",), "RUS", ("NATO", "USA"))
    assert events, _show(coded.events)
    assert all((e.date or "").startswith("2021-12") for e in events), _show(events)


# --- US and NATO rejections -------------------------------------------------------


def test_seed_rejection_washington_cannot_accept(coded) -> None:
    events = _in(coded, "cannot accept")
    assert _from(events, ("12",), "USA", ("RUS",)), _show(events)


def test_seed_rejection_sherman_pushing_back(coded) -> None:
    events = _in(coded, "pushing back on security proposals")
    assert _from(events, ("12",), "USA", ("RUS",)), _show(events)


def test_seed_rejection_not_allow_slam_closed(coded) -> None:
    events = _in(coded, "slam closed")
    found = _from(events, ("12",), "USA", ("RUS",)) + _from(events, ("12",), "NATO", ("RUS",))
    assert found, _show(events)


def test_seed_rejection_proposals_are_non_starters(coded) -> None:
    events = _in(coded, "proposals are non-starters")
    found = _from(events, ("12",), "USA", ("RUS",)) + _from(events, ("12",), "NATO", ("RUS",))
    assert found, _show(events)


# --- threats ----------------------------------------------------------------------


def test_seed_sanctions_warning_is_a_threat(coded) -> None:
    events = _in(coded, "would impose tough sanctions")
    assert _from(events, ("13",), "USA", ("RUS",)), _show(events)


def test_seed_sanctions_warning_is_a_sanctions_threat(coded) -> None:
    events = _in(coded, "would impose tough sanctions")
    assert _from(events, ("1312",), "USA", ("RUS",)), _show(events)


def test_seed_sanctions_warning_codes_no_sanctions(coded) -> None:
    # "would impose sanctions if Russia chose to invade" is the threat, not a sanction
    events = _in(coded, "would impose tough sanctions")
    assert not [e for e in events if e.cameo.startswith("16")], _show(events)


def test_seed_putin_counter_warning(coded) -> None:
    events = _in(coded, "complete breakdown in ties")
    assert _from(events, ("13",), "RUS", ("USA",)), _show(events)


# --- accusations ------------------------------------------------------------------


@pytest.mark.parametrize("target", ["NATO", "UKR"])
def test_seed_accusation_of_aggressive_behaviour(coded, target: str) -> None:
    events = _in(coded, "aggressive behaviour")
    assert _from(events, ("11",), "RUS", (target,)), _show(events)


# --- the seizure of Crimea --------------------------------------------------------


def test_seed_crimea_seizure_is_an_occupation(coded) -> None:
    events = _in(coded, "seized the Crimean peninsula")
    assert _from(events, ("192",), "RUS", ("UKR",)), _show(events)


def test_seed_crimea_seizure_is_dated_2014(coded) -> None:
    events = _from(_in(coded, "seized the Crimean peninsula"), ("19",), "RUS", ("UKR",))
    assert events, _show(coded.events)
    assert all((e.date or "").startswith("2014") for e in events), _show(events)
    assert all(e.date_text == "eight years after" for e in events), _show(events)


# --- what must not be coded -------------------------------------------------------


def test_seed_denial_codes_no_invasion(coded) -> None:
    events = _in(coded, "Russia denies any such plans")
    assert not [e for e in events if e.cameo.startswith(("19", "20"))], _show(events)


def test_seed_feared_invasions_are_not_asserted(coded) -> None:
    # "could be preparing a new invasion", "if Russia chose to invade Ukraine"
    feared = [
        e
        for e in coded.events
        if e.cameo.startswith(("19", "20")) and "seized" not in (e.evidence.get("trigger") or "")
    ]
    assert all(e.modality != "asserted" or e.negated for e in feared), _show(feared)
