"""Importing PETRARCH actor and agent dictionaries, on small hand-written files."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.actors.kb import ActorKB
from dyads.actors.petrarch_dict import (
    is_petrarch_dictionary,
    load_petrarch_actors,
    load_petrarch_agents,
    parse_actors,
    parse_agents,
    plural,
)

SHARED = Path(__file__).resolve().parents[3] / "shared"
UDP = SHARED / "dev/petrarch_validation/udp_validate_2_02"

ACTORS = """<!-- TOY ACTORS -->
<!--
# a comment block
# over several lines -->
GONDOR_ [GON]   # trailing comment
+MINAS_TIRITH
+WHITE_CITY_  # another

ARNOR  [ARN]
THE_NORTH_KINGDOM [ARNGOV >19900101]
OLD_FORD
\t[FRD < 950601]
\t[FRDGOV 19950601 - 19990815]
#\t[FRDXXX]  a commented-out code
\t[FRDREB >990816]
LONE_TOWER
\t[---]
HILL_FOLK [HIL/DAL]
QUIET_VALLEY [qvl]
SECOND_NAME
\t[SNDGOV 20100101-20101231]
\t[SND]
"""

AGENTS = """<!-- TOY AGENTS -->
!FOLK! = MAN, MEN, WOMAN, WOMEN
PRESIDENT [~GOV] # ab 1 Jan 2000
FOREIGN_MINISTER [~GOVFRM]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
POLICE {} [ ~COP]
CHURCH!FOLK! [~REL]
MINISTER_OF_SPORT [~GOV]
# OLD_AGENT [~OLD]
RELIEF_BODY [NGO~]
"""


@pytest.fixture
def actors_file(tmp_path: Path) -> Path:
    path = tmp_path / "toy.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    return path


@pytest.fixture
def agents_file(tmp_path: Path) -> Path:
    path = tmp_path / "toy.agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    return path


def test_parse_actors_names_synonyms_and_codes() -> None:
    entries, skipped = parse_actors(ACTORS)
    assert skipped == []
    by_name = {e.names[0]: e for e in entries}
    assert by_name["GONDOR"].names == ["GONDOR", "MINAS TIRITH", "WHITE CITY"]
    assert by_name["GONDOR"].code_on() == "GON"
    assert by_name["QUIET VALLEY"].code_on() == "QVL"
    assert len(by_name["OLD FORD"].codes) == 3  # the '#' line is a comment


def test_date_restricted_codes() -> None:
    entries, _ = parse_actors(ACTORS)
    ford = next(e for e in entries if e.names[0] == "OLD FORD")
    assert ford.code_on(19940101) == "FRD"  # YYMMDD dates: 950601 is 1995-06-01
    assert ford.code_on(19950601) == "FRDGOV"
    assert ford.code_on(19990815) == "FRDGOV"  # ranges include their last day
    assert ford.code_on(20050101) == "FRDREB"
    assert ford.code_on(None) == "FRD"  # no undated code: the first one
    second = next(e for e in entries if e.names[0] == "SECOND NAME")
    assert second.code_on(20100601) == "SNDGOV"
    assert second.code_on(20110101) == "SND"
    assert second.code_on(None) == "SND"  # undated code is the default


def test_load_actors_into_kb(actors_file: Path) -> None:
    kb = ActorKB()
    added = load_petrarch_actors(actors_file, kb)
    assert added == 7  # LONE_TOWER [---] adds nothing
    gondor = kb.organization("gondor")
    assert gondor is not None
    assert gondor.cameo == "GON" and gondor.country == "GON" and gondor.sector is None
    assert gondor.id == "petrarch:GON" and gondor.name == "Gondor"
    assert gondor.aliases == ("Minas Tirith", "White City")
    assert kb.organization("Minas Tirith") is gondor
    north = kb.organization("the north kingdom")
    assert north is not None and (north.country, north.sector) == ("ARN", "GOV")
    assert kb.organization("lone tower") is None
    assert kb.organization("hill folk").cameo == "HIL"  # compound code: its first part


def test_load_actors_with_a_day(actors_file: Path) -> None:
    kb = ActorKB()
    load_petrarch_actors(actors_file, kb, day="1997-03-01")
    assert kb.organization("old ford").cameo == "FRDGOV"


def test_parse_agents_plurals_and_substitutions() -> None:
    entries, skipped = parse_agents(AGENTS)
    assert skipped == []
    phrases = {p: e.code for e in entries for p in e.phrases}
    assert phrases["PRESIDENT"] == phrases["PRESIDENTS"] == "GOV"
    assert phrases["FOREIGN MINISTERS"] == "GOVFRM"
    assert phrases["ATTORNEYS GENERAL"] == "JUD" and "ATTORNEY GENERALS" not in phrases
    assert phrases["POLICE"] == "COP" and "POLICES" not in phrases  # {} = no plural
    assert phrases["CHURCHWOMEN"] == "REL" and "CHURCHMANS" not in phrases
    assert phrases["MINISTERS OF SPORT"] == "GOV"
    assert "OLD AGENT" not in phrases
    assert [e.prefix for e in entries if e.code == "NGO"] == [True]


def test_load_agents_into_kb(agents_file: Path) -> None:
    kb = ActorKB()
    assert load_petrarch_agents(agents_file, kb) == 7
    assert kb.sector("president") == "GOV"
    assert kb.sector("Foreign Minister") == "GOVFRM"
    assert kb.sector("churchmen") == "REL"
    assert kb.max_sector_words == 3
    body = kb.organization("relief body")
    assert body is not None and body.cameo == "NGO"


def test_plural() -> None:
    assert plural("judge") == "judges"
    assert plural("SECURITY SERVICE") == "SECURITY SERVICES"
    assert plural("congress") == "congresses"
    assert plural("authority") == "authorities"
    assert plural("chairman") == "chairmen"
    assert plural("envoy") == "envoys"


def test_is_petrarch_dictionary(tmp_path: Path, actors_file: Path, agents_file: Path) -> None:
    assert is_petrarch_dictionary(actors_file) == "actors"
    assert is_petrarch_dictionary(agents_file) == "agents"
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("&SYN\n+WORD\n--- RESTORE  [050] ---\n- * TIES [051]\n")
    discards = tmp_path / "discards.txt"
    discards.write_text("# discards\n+TYPHOON\nBASEBALL\n")
    prose = tmp_path / "notes.txt"
    prose.write_text("Just some notes.\n")
    for path in (verbs, discards, prose, tmp_path / "missing.txt"):
        assert is_petrarch_dictionary(path) is None


@pytest.mark.shared
def test_udp_dictionaries_load() -> None:
    actors, agents = UDP / "PETR_Validate_actors_2_02.txt", UDP / "PETR_Validate_agents_2_02.txt"
    if not actors.is_file() or not agents.is_file():
        pytest.skip(f"UD-PETRARCH validation dictionaries not found in {UDP}")
    assert is_petrarch_dictionary(actors) == "actors"
    assert is_petrarch_dictionary(agents) == "agents"
    kb = ActorKB()
    assert load_petrarch_actors(actors, kb) > 100
    assert load_petrarch_agents(agents, kb) > 80
    assert kb.organization("gondor").cameo == "GON"
    assert kb.sector("president") == "GOV"


def test_dictionary_entry_replaces_the_packaged_organisation_under_all_its_names(
    tmp_path: Path,
) -> None:
    from dyads.actors.kb import load_kb

    actors = tmp_path / "toy_actors.txt"
    actors.write_text("EUROPEAN_UNION [IGOEEU]\n", encoding="utf-8")
    packaged = load_kb()
    assert packaged.organization("EU") is packaged.organization("European Union")
    kb = load_kb((actors,))
    assert kb.organization("European Union").cameo == "IGOEEU"
    assert kb.organization("EU").cameo == "IGOEEU"  # the packaged alias follows it
    assert load_kb().organization("EU").cameo != "IGOEEU"  # the packaged KB is unchanged
