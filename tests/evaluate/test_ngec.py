"""The NGEC actor-case reader and the actor scoring rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.evaluate.gold import GoldActor
from dyads.evaluate.ngec import read_ngec_actors
from dyads.evaluate.run import actor_matches
from dyads.records import Actor

CASES = [
    {"test": "t1", "method": "agent_to_code", "args": ["Ruritanian troops"], "kwargs": {},
     "expect": {"country": "RUR", "code_1": "MIL"}, "xfail": False},
    {"test": "t2", "method": "agent_to_code", "args": ["Ruritania"],
     "kwargs": {"query_date": "2019-05-01"}, "expect": {"country": "RUR", "code_1": ""},
     "xfail": False},
    {"test": "t3", "method": "query_wiki", "args": ["Ruritania"], "kwargs": {},
     "expect": {"wiki": "Ruritania"}, "xfail": False},
    {"test": "t4", "method": "agent_to_code", "args": ["a man", "", "today"], "kwargs": {},
     "expect": {"code_1": "UNK"}, "xfail": True},
]  # fmt: skip


@pytest.fixture
def cases_file(tmp_path: Path) -> Path:
    path = tmp_path / "ngec_actor_resolution_cases.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in CASES) + "\n", encoding="utf-8")
    return path


def test_ngec_reader_keeps_coding_cases_only(cases_file: Path) -> None:
    gold = read_ngec_actors(cases_file.parent)
    assert [r.text for r in gold.records] == ["Ruritanian troops", "Ruritania", "a man"]
    assert gold.records[0].actor == GoldActor(country="RUR", sector="MIL", text="Ruritanian troops")
    assert gold.records[1].date == "2019-05-01"
    assert gold.records[2].date is None and gold.records[2].evaluate is False
    assert any("query_wiki" in n for n in gold.notes)


@pytest.mark.parametrize(
    ("expected", "predicted", "verdict"),
    [
        (
            GoldActor(country="RUS", sector="GOV"),
            Actor("x", country="RUS", sector="GOV"),
            (True, True),
        ),
        (
            GoldActor(country="RUS", sector="GOV"),
            Actor("x", country="RUS", sector="MIL"),
            (True, False),
        ),
        (GoldActor(country="RUS", sector="GOV"), None, (False, False)),
        (GoldActor(country="", sector="CRM"), Actor("x", sector="CRM"), (True, True)),
        (
            GoldActor(country="", sector="CRM"),
            Actor("x", country="USA", sector="CRM"),
            (False, True),
        ),
        (GoldActor(country="IGO"), Actor("x", country="NATO", sector="IGO"), (True, None)),
        (GoldActor(country="USA", sector=""), Actor("x", country="USA"), (True, True)),
        (GoldActor(sector="MED"), Actor("x", sector="HLH"), (None, True)),
        (GoldActor(sector="PRM"), Actor("x", sector="UAF"), (None, True)),
    ],
)
def test_ngec_actor_matches(expected, predicted, verdict) -> None:
    assert actor_matches(expected, predicted) == verdict
