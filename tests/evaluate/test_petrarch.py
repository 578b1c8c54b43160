"""The ``petrarch-xml`` gold reader, on small hand-written records files."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.errors import DyadsError
from dyads.evaluate.gold import GoldActor
from dyads.evaluate.petrarch import KIND, gold_actors, read_petrarch

SHARED = Path(__file__).resolve().parents[3] / "shared"
UDP_RECORDS = SHARED / "dev/petrarch_validation/udp_validate_2_02/PETR_Validate_records_2_02.xml"

# Deliberately not well-formed in the ways the real files are not: a nested comment in
# the header, a <PLEvent {json}> line, a parse tree with "<" in it, a bare "&".
RECORDS = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
<!--
#  Header. Use <Sentence ... evaluate="false"> and add a comment in <!-- ... --> to say why.
#  The lines beginning with <PLEvent... are ignored.
-->
<Environment>
    <Actorfile>Toy_actors.txt</Actorfile>
    <Include>DEMO COMPOUND</Include>
</Environment>
<Sentences>

<Sentence category="DEMO" date="19950103" id="DEMO-1" evaluate="true">
<!-- a plain case -->
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GONGOV" />
<Text>
Arnor  will restore ties
   with the Gondor government & its allies.
</Text>
<Parse>
1	Arnor	Arnor	PROPN	NNP	_	2	nsubj	_	_
2	<	<	SYM	SYM	_	0	root	_	_
</Parse></Sentence>

<Sentence category="DEMO" date="19950104" id="DEMO-2" evaluate="true">
<EventCoding noevents="True" />
<Text>Nothing at all happened in Arnor.</Text>
</Sentence>

<Sentence category="COMPOUND" date="20000423" id="COMPOUND-1" evaluate="false">
<!-- disabled for now: -->
<!-- <EventCoding eventcode="010" sourcecode="ARN" targetcode="GON" /> -->
<EventCoding eventcode="012" sourcecode="---REL" targetcode="DAG/OSG" />
<EventCoding eventcode="012" sourcecode="+++" targetcode="---" />
<PLEvent {"event": "012", "source": [{"code": "---", "sector": "REL"}], "target": []}>
<Text>Clerics doubt Dagolath and Osgiliath.</Text>
</Sentence>

<Sentence category="ACTOR" date="19950105" id="ACTOR-1" evaluate="true">
<EventCoding eventcode="040" sourcecode="&quot;THE TOWN COUNCIL&quot;" targetcode="GON" />
<Text>The town council met Gondor.</Text>
</Sentence>

<Sentence category="DEMO" date="19950106" id="ERROR-1">
<EventCoding error="storydiscard" />
<Text>A typhoon hit Arnor.</Text>
</Sentence>

<!--
<Sentence category="DEMO" date="19950107" id="DEMO-3" evaluate="true">
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<Text>A whole disabled record.</Text>
</Sentence>
-->
</Sentences>
</Validation>
"""


@pytest.fixture
def gold_path(tmp_path: Path) -> Path:
    path = tmp_path / "Toy_records.xml"
    path.write_text(RECORDS, encoding="utf-8")
    (tmp_path / "Toy_actors.txt").write_text("ARNOR [ARN]\n", encoding="utf-8")
    (tmp_path / "Toy_agents.txt").write_text("PRESIDENT [~GOV]\n", encoding="utf-8")
    (tmp_path / "Toy_verbs.txt").write_text("--- RESTORE [050] ---\n", encoding="utf-8")
    return path


def _by_id(gold_path: Path) -> dict:
    return {r.id: r for r in read_petrarch(gold_path)}


def test_reads_records_and_fields(gold_path: Path) -> None:
    gold = read_petrarch(gold_path)
    assert gold.kind == KIND
    assert [r.id for r in gold] == ["DEMO-1", "DEMO-2", "COMPOUND-1", "ACTOR-1", "ERROR-1"]
    first = gold.records[0]
    assert first.text == "Arnor will restore ties with the Gondor government & its allies."
    assert first.date == "1995-01-03"
    assert first.category == "DEMO"
    assert first.evaluate is True and first.no_event is False
    (event,) = first.events
    assert event.cameo == "050"
    assert event.source == (GoldActor(code="ARN", country="ARN", sector=None),)
    assert event.target == (GoldActor(code="GONGOV", country="GON", sector="GOV"),)


def test_no_event_record(gold_path: Path) -> None:
    record = _by_id(gold_path)["DEMO-2"]
    assert record.no_event is True
    assert record.events == ()
    assert record.date == "1995-01-04"


def test_disabled_codings_and_odd_codes(gold_path: Path) -> None:
    record = _by_id(gold_path)["COMPOUND-1"]
    assert record.evaluate is False
    assert len(record.events) == 2  # the commented-out coding is not read
    null_country, discard = record.events
    assert null_country.source == (GoldActor(code="REL", country=None, sector="REL"),)
    assert [a.code for a in null_country.target] == ["DAG", "OSG"]
    assert discard.source == (GoldActor(code="+++"),)
    assert discard.target == (GoldActor(),)


def test_noun_phrase_actor_and_include_list(gold_path: Path) -> None:
    record = _by_id(gold_path)["ACTOR-1"]
    assert record.events[0].source == (GoldActor(text="THE TOWN COUNCIL"),)
    assert record.evaluate is False  # ACTOR is not in <Include>


def test_expected_error_is_not_evaluated(gold_path: Path) -> None:
    record = _by_id(gold_path)["ERROR-1"]
    assert record.events == ()
    assert record.evaluate is False


def test_notes_and_dictionaries(gold_path: Path) -> None:
    gold = read_petrarch(gold_path)
    notes = "\n".join(gold.notes)
    assert "<PLEvent> lines skipped" in notes and ": 1" in notes
    assert "EventCodings inside XML comments (disabled) not read: 2" in notes
    assert "Sentences inside XML comments (disabled) not read: 1" in notes
    assert "'---' actor codes read as an empty actor: 1" in notes
    assert "'---XXX' codes read as code XXX with no country: 1" in notes
    assert "'A/B/C' codes split" in notes
    assert "quoted noun-phrase actors" in notes
    assert [p.name for p in gold.actor_files] == ["Toy_actors.txt", "Toy_agents.txt"]


def test_duplicate_ids_are_renamed(tmp_path: Path) -> None:
    sentence = '<Sentence date="20010101" id="X-1" category="DEMO"><Text>t</Text></Sentence>'
    path = tmp_path / "dup.xml"
    path.write_text(f"<Validation><Sentences>{sentence}{sentence}</Sentences></Validation>")
    gold = read_petrarch(path)
    assert [r.id for r in gold] == ["X-1", "X-1#2"]
    assert gold.records[0].date == "2001-01-01"
    assert gold.records[0].evaluate is True  # no <Include>: every category counts


def test_unreadable_xml_raises(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text("<Validation><Sentences><Sentence id='a'>", encoding="utf-8")
    with pytest.raises(DyadsError, match="not readable"):
        read_petrarch(path)


def test_gold_actors_forms() -> None:
    assert gold_actors("tunjud") == (GoldActor(code="TUNJUD", country="TUN", sector="JUD"),)
    assert gold_actors(None) == (GoldActor(),)
    assert gold_actors("###") == (GoldActor(code="###"),)


@pytest.mark.shared
def test_udp_validation_counts() -> None:
    if not UDP_RECORDS.is_file():
        pytest.skip(f"UD-PETRARCH validation records not found at {UDP_RECORDS}")
    gold = read_petrarch(UDP_RECORDS)
    assert len(gold.records) == 274
    assert sum(len(r.events) for r in gold) == 322
    assert sum(r.no_event for r in gold) == 20
    # evaluate="false" (10) and categories outside <Include> (19) leave 245 to score
    assert sum(r.evaluate for r in gold) == 245
    assert [p.name for p in gold.actor_files] == [
        "PETR_Validate_actors_2_02.txt",
        "PETR_Validate_agents_2_02.txt",
    ]
    assert all("\n" not in r.text for r in gold)


ONTOLOGY = """# a toy coding ontology, in the suite's format
010:0x1000#Make Public Statement
011:0x1000-0xFFFF
050:0x0080#DiplomaticCoop
057:0x0087
110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove
120:-0xFFFF#Reject
170:0x10086#0x0087+0xFFFF#0x9000#Coerce
190:0x9000
---:0
"""


def test_negations_from_the_coding_ontology(tmp_path: Path) -> None:
    from dyads.evaluate.petrarch import find_ontology, read_negations

    records = tmp_path / "Toy_records.xml"
    records.write_text(RECORDS, encoding="utf-8")
    assert find_ontology(records) is None
    assert read_petrarch(records).negations == {}
    (tmp_path / "Toy_Internal_Coding_Ontology.txt").write_text(ONTOLOGY, encoding="utf-8")
    negations = read_negations(tmp_path / "Toy_Internal_Coding_Ontology.txt")
    # 0xFFFF below first, else above; "---" (0) is no event; 190 has no negation
    assert negations == {
        "010": "011", "011": "010", "050": "110", "110": "050", "057": "170", "170": "057",
        "120": "---", "---": "120",
    }  # fmt: skip
    gold = read_petrarch(records)
    assert gold.negations == negations
    assert any("negated events scored" in note for note in gold.notes)
