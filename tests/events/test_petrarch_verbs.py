"""Importing a PETRARCH verb dictionary (tests/events/data/sample_verbs.txt, own-written)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.errors import DyadsError
from dyads.events.lexicon import load_lexicon
from dyads.events.petrarch_verbs import read_petrarch_verbs
from dyads.knowledge import load_knowledge

SAMPLE = Path(__file__).parent / "data" / "sample_verbs.txt"
SHARED = Path(__file__).resolve().parents[3] / "shared"
UDP_VERBS = SHARED / "dev/petrarch_validation/udp_validate_2_02/PETR_Validate_verbs_2_02.txt"


def _match(lexicon, verb, *, phrase=(), before=(), compound=False, deps=()):
    """``phrase`` is the words after the verb, in order (a set when order is moot)."""
    return lexicon.match_verb(
        verb,
        dependents=deps,
        objects=(),
        before=before,
        phrase=phrase,
        compound_subject=compound,
        phrase_seq=tuple(frozenset({w}) for w in phrase) if isinstance(phrase, list) else (),
    )


def test_block_default_code_applies_to_every_verb_of_the_block() -> None:
    lexicon = read_petrarch_verbs(SAMPLE)
    assert _match(lexicon, "mend").code == "050"
    assert _match(lexicon, "repair").code == "050"


def test_synonym_set_members_each_make_a_pattern() -> None:
    lexicon = read_petrarch_verbs(SAMPLE)
    for word in ("ties", "relations", "links"):
        assert _match(lexicon, "mend", phrase={word}).code == "051", word


def test_nested_synonym_sets_are_expanded(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text(SAMPLE.read_text().replace("- * &BONDS  [051]", "- * &KINDS  [051]"))
    lexicon = read_petrarch_verbs(path)
    assert _match(lexicon, "mend", phrase={"trade"}).code == "051"
    assert _match(lexicon, "mend", phrase={"relations"}).code == "051"


def test_most_specific_pattern_wins() -> None:
    lexicon = read_petrarch_verbs(SAMPLE)
    found = _match(lexicon, "mend", phrase=["trade", "ties", "with", "china"])
    assert found.code == "0311"
    assert "sample_verbs.txt:" in found.text  # the entry is cited with its line


def test_words_before_the_verb() -> None:
    lexicon = read_petrarch_verbs(SAMPLE)
    # a loose word before the verb ("- NEVER *") is not imported: UD-PETRARCH never
    # applies one; a braced phrase ("- {FLATLY NEVER} *") is
    assert _match(lexicon, "mend", before={"never"}).code == "050"
    assert _match(lexicon, "mend", before={"flatly", "never"}).code == "125"
    assert _match(lexicon, "mend", phrase={"flatly", "never"}).code == "050"
    # read as TABARI and PETRARCH 1 do, the loose word applies
    tabari = read_petrarch_verbs(SAMPLE, loose_before=True)
    assert _match(tabari, "mend", before={"never"}).code == "120"


def test_compound_pattern_needs_coordinated_doers() -> None:
    lexicon = read_petrarch_verbs(SAMPLE)
    assert _match(lexicon, "mend", compound=True).code == "040"
    assert _match(lexicon, "mend", compound=True).mutual
    assert _match(lexicon, "mend").code == "050"


def test_paired_codes_and_verb_forms_of_their_own() -> None:
    lexicon = read_petrarch_verbs(SAMPLE)
    found = _match(lexicon, "departed")
    assert (found.code, found.reverse_code) == ("042", "043")


def test_multi_word_verbs_need_their_particle() -> None:
    lexicon = read_petrarch_verbs(SAMPLE)
    assert _match(lexicon, "pull", deps={"out"}).code == "042"
    assert _match(lexicon, "pull") is None


def test_discard_codes_mean_no_event() -> None:
    lexicon = read_petrarch_verbs(SAMPLE)
    assert _match(lexicon, "ignore").code == ""
    assert _match(lexicon, "ignore", phrase={"warnings"}).code == ""
    assert _match(lexicon, "ignore", phrase={"nonsense"}).code == ""


def test_target_first_patterns_swap_roles() -> None:
    lexicon = read_petrarch_verbs(SAMPLE)
    found = _match(lexicon, "ignore", phrase={"by"})
    assert found.code == "128" and found.swapped


def test_a_file_without_verb_blocks_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text("RUSSIA [RUS]\n")
    with pytest.raises(DyadsError, match="no verb blocks"):
        read_petrarch_verbs(path)


def test_imported_verbs_go_over_the_packaged_lexicon_or_replace_it() -> None:
    packaged = load_lexicon()
    imported = read_petrarch_verbs(SAMPLE)
    over = packaged.with_verbs(imported, replace=False)
    assert over.match_verb("mend", dependents=(), objects=()).code == "050"
    assert over.match_verb("attack", dependents=(), objects=()) is not None
    assert over.nouns
    alone = packaged.with_verbs(imported, replace=True)
    assert alone.match_verb("attack", dependents=(), objects=()) is None
    assert not alone.nouns


def test_knowledge_version_changes_with_a_verb_dictionary() -> None:
    plain = load_knowledge()
    with_verbs = load_knowledge(verbs=[SAMPLE])
    assert plain.version != with_verbs.version


@pytest.mark.shared
@pytest.mark.skipif(not UDP_VERBS.exists(), reason="../shared validation suite absent")
def test_reads_the_validation_suite_dictionary() -> None:
    lexicon = read_petrarch_verbs(UDP_VERBS)
    assert _match(lexicon, "restore", phrase={"ties"}).code == "050"
    assert _match(lexicon, "left").reverse_code == "043"
    assert len(lexicon) > 300


def test_phrase_words_must_be_adjacent_and_in_order() -> None:
    lexicon = read_petrarch_verbs(SAMPLE)
    # {TRADE TIES} with a word between, or the words swapped, is not that phrase
    assert _match(lexicon, "mend", phrase=["trade", "and", "ties", "with"]).code == "051"
    assert _match(lexicon, "mend", phrase=["with", "trade", "ties"]).code == "051"


def test_synsets_between_verb_blocks_and_underscore_phrases() -> None:
    lexicon = read_petrarch_verbs(SAMPLE)
    assert "&colors" not in lexicon.verbs  # a synonym set, not a verb
    assert _match(lexicon, "paint", phrase=["bright", "blue", "flags"]).code == "051"
    assert _match(lexicon, "paint", phrase=["bright", "big", "blue", "flags"]).code == "050"


def test_judging_comment_is_aimed_at_the_subject_of_what_is_said(nlp, tmp_path: Path) -> None:
    """ "Arnor believes Dagolath can cope": 012 toward Dagolath. A PETRARCH dictionary's
    "said" (010) is aimed at the first actor of what is said, when it comes after the
    verb ("Dagolath can cope, Arnor said" names no target)."""
    from dyads.nlp import parse_article
    from dyads.pipeline import code_doc
    from dyads.records import Article

    verbs = tmp_path / "toy_verbs.txt"
    verbs.write_text("--- BELIEVE [012] ---\nBELIEVE\n\n--- SAY [010] ---\nSAY\n", encoding="utf-8")
    actors = tmp_path / "toy_actors.txt"
    actors.write_text("ARNOR  [ARN]\nDAGOLATH  [DAG]\n", encoding="utf-8")
    knowledge = load_knowledge(actors=[actors], verbs=[verbs])

    def coded(text: str) -> list[tuple[str, list, list]]:
        doc = parse_article(nlp, text)
        events = code_doc(Article(id="t", text=text), doc, knowledge).events
        return [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in events]

    assert ("012", ["ARN"], ["DAG"]) in coded("Arnor believes Dagolath can cope with the drought.")
    assert ("010", ["ARN"], ["DAG"]) in coded("Arnor said Dagolath can cope with the drought.")
    assert not any(
        target
        for code, _, target in coded("Dagolath can cope with the drought, Arnor said.")
        if code == "010"
    )


@pytest.mark.parametrize(
    ("text", "skips"),
    [
        ("* IFTAR (IN ^) + [017]", 1),
        ("* IFTAR (AT ^ ^) + [017]", 1),
        ("* THEIR ^ ABOUT + [130]", 0),
        ("* (AT) ^ + [130]", 1),
        ("* AID [033]", 0),
    ],
)
def test_noun_phrases_skipped_before_the_target(text: str, skips: int) -> None:
    from dyads.events.petrarch_verbs import _skips_before_target

    assert _skips_before_target(text) == skips


def test_the_pattern_matched_first_in_the_text_wins() -> None:
    """ "signed an accord ... to supply Gondor": UD-PETRARCH codes the pattern whose
    words come first after the verb, not the one with more words."""
    lexicon = read_petrarch_verbs(SAMPLE)
    late = ["trade", "ties", "with", "china", "and", "links"]
    assert _match(lexicon, "mend", phrase=late).code == "0311"
    early = ["links", "and", "trade", "ties", "with", "china"]
    assert _match(lexicon, "mend", phrase=early).code == "051"


def test_act_with_no_target_in_its_phrase_takes_the_first_actor_below(nlp, tmp_path: Path) -> None:
    """A PETRARCH dictionary's act finds its target in the clauses below the verb when
    its own phrase names none ("question whether it has a future with Dagolath")."""
    from dyads.nlp import parse_article
    from dyads.pipeline import code_doc
    from dyads.records import Article

    verbs = tmp_path / "toy_verbs.txt"
    verbs.write_text("--- QUESTION [110] ---\nQUESTION\n", encoding="utf-8")
    actors = tmp_path / "toy_actors.txt"
    actors.write_text("ARNOR  [ARN]\nDAGOLATH  [DAG]\n", encoding="utf-8")
    knowledge = load_knowledge(actors=[actors], verbs=[verbs], verbs_only=True)
    text = "Arnor questioned whether it really has much of a future with Dagolath."
    events = code_doc(Article(id="t", text=text), parse_article(nlp, text), knowledge).events
    found = [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in events]
    assert ("110", ["ARN"], ["DAG"]) in found
