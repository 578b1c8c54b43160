"""Tests for dyads.evaluate.metrics: every expected number is worked out by hand below."""

from __future__ import annotations

import pytest

from dyads.evaluate.gold import GoldActor, GoldEvent, GoldQuote, split_code
from dyads.evaluate.metrics import (
    LEVELS,
    PRF,
    EventAtom,
    atoms_from_event,
    atoms_from_gold,
    normalise_span,
    petrarch_counts,
    score_events,
    score_labels,
    score_quotes,
)
from dyads.records import Actor, Event, Quote


# -- builders ------------------------------------------------------------------------------
def actor(code: str) -> Actor:
    """A predicted actor from a CAMEO actor string: "RUSGOV" -> country RUS, sector GOV."""
    return Actor(text=code, country=code[:3], sector=code[3:6] or None, code=code)


def event(src: tuple[str, ...], tgt: tuple[str, ...], cameo: str, plover: str | None) -> Event:
    return Event(
        id="e",
        doc_id="d",
        date=None,
        date_text=None,
        source=tuple(actor(c) for c in src),
        target=tuple(actor(c) for c in tgt),
        cameo=cameo,
        plover=plover,
        mode=None,
        goldstein=None,
        quad_class=None,
        negated=False,
        modality="asserted",
        location=None,
        sentence="",
        span=(0, 0),
    )


def gold(
    src: tuple[str, ...], tgt: tuple[str, ...], cameo: str | None, plover: str | None = None
) -> GoldEvent:
    return GoldEvent(
        source=tuple(split_code(c) for c in src),
        target=tuple(split_code(c) for c in tgt),
        cameo=cameo,
        plover=plover,
    )


def quote(
    span: tuple[int, int],
    kind: str = "direct",
    speaker: tuple[int, int] | None = None,
    cue: tuple[int, int] | None = None,
) -> Quote:
    evidence: dict[str, list[int]] = {}
    if speaker is not None:
        evidence["speaker_span"] = list(speaker)
    if cue is not None:
        evidence["cue_span"] = list(cue)
    return Quote(
        id="q",
        doc_id="d",
        kind=kind,
        text="",
        span=span,
        speaker=None,
        speaker_text=None,
        cue=None,
        sentence_ids=(0,),
        evidence=evidence,
    )


def at(text: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    """The span of the ``occurrence``-th ``part`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return (start, start + len(part))


def counts(prf: PRF) -> tuple[int, int, int]:
    return (prf.tp, prf.fp, prf.fn)


# -- PRF -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("prf", "precision", "recall", "f1"),
    [
        # Nothing at all: every ratio undefined -> 0.0.
        (PRF(), 0.0, 0.0, 0.0),
        # Only false positives: P = 0/3, R undefined (no gold) -> 0.0, F1 -> 0.0.
        (PRF(0, 3, 0), 0.0, 0.0, 0.0),
        # Only misses: P undefined -> 0.0, R = 0/2.
        (PRF(0, 0, 2), 0.0, 0.0, 0.0),
        # P = 2/4 = .5, R = 2/2 = 1, F1 = 2*.5*1/1.5 = 2/3.
        (PRF(2, 2, 0), 0.5, 1.0, 2 / 3),
        # P = 1/1, R = 1/4 = .25, F1 = 2*.25/1.25 = .4.
        (PRF(1, 0, 3), 1.0, 0.25, 0.4),
        # P = 3/4, R = 3/5, F1 = 2*.45/1.35 = 2/3.
        (PRF(3, 1, 2), 0.75, 0.6, 2 / 3),
        # Perfect.
        (PRF(5, 0, 0), 1.0, 1.0, 1.0),
    ],
)
def test_metrics_prf_ratios(prf: PRF, precision: float, recall: float, f1: float) -> None:
    assert prf.precision == pytest.approx(precision)
    assert prf.recall == pytest.approx(recall)
    assert prf.f1 == pytest.approx(f1)


def test_metrics_prf_add_and_to_dict() -> None:
    total = PRF(1, 2, 3) + PRF(4, 5, 6)
    assert total == PRF(5, 7, 9)
    # P = 1/3 -> .3333, R = 1/1, F1 = 2*(1/3)/(4/3) = .5.
    assert PRF(1, 2, 0).to_dict() == {
        "tp": 1,
        "fp": 2,
        "fn": 0,
        "precision": 0.3333,
        "recall": 1.0,
        "f1": 0.5,
    }
    assert sum([PRF(1, 0, 0), PRF(0, 1, 0)], PRF()) == PRF(1, 1, 0)


# -- flattening ----------------------------------------------------------------------------
def test_metrics_flatten_gold_cross_product() -> None:
    ev = gold(("FRAGOV", "DEUGOV"), ("IRN", "SYRMIL", "ISR"), "130")
    atoms = atoms_from_gold(ev)
    # 2 sources x 3 targets = 6 atoms, sources outermost; PLOVER derived from 130.
    assert len(atoms) == 6
    assert [(a.source_code, a.target_code) for a in atoms] == [
        ("FRAGOV", "IRN"),
        ("FRAGOV", "SYRMIL"),
        ("FRAGOV", "ISR"),
        ("DEUGOV", "IRN"),
        ("DEUGOV", "SYRMIL"),
        ("DEUGOV", "ISR"),
    ]
    assert atoms[1] == EventAtom("FRAGOV", "FRA", "GOV", "SYRMIL", "SYR", "MIL", "130", "THREATEN")
    assert {a.plover for a in atoms} == {"THREATEN"}


@pytest.mark.parametrize(
    ("ev", "expected"),
    [
        # No target: one atom with empty target fields.
        (
            gold(("USAGOV",), (), "042"),
            [EventAtom("USAGOV", "USA", "GOV", None, None, None, "042", "CONSULT")],
        ),
        # No actors at all: still one atom.
        (gold((), (), "190"), [EventAtom(None, None, None, None, None, None, "190", "ASSAULT")]),
        # Given PLOVER type wins over the derived one (and is upper-cased).
        (
            gold(("USA",), ("RUS",), "042", "agree"),
            [EventAtom("USA", "USA", None, "RUS", "RUS", None, "042", "AGREE")],
        ),
        # CAMEO 01x has no PLOVER type.
        (gold(("USA",), (), "010"), [EventAtom("USA", "USA", None, None, None, None, "010", None)]),
        # PLOVER-only gold: cameo None.
        (
            gold(("IRNGOV",), (), None, "REJECT"),
            [EventAtom("IRNGOV", "IRN", "GOV", None, None, None, None, "REJECT")],
        ),
        # A gold actor known only by its text has no code, country or sector.
        (
            GoldEvent(source=(GoldActor(text="the rebels"),), cameo="173"),
            [EventAtom(None, None, None, None, None, None, "173", "COERCE")],
        ),
    ],
)
def test_metrics_flatten_gold_edge_cases(ev: GoldEvent, expected: list[EventAtom]) -> None:
    assert atoms_from_gold(ev) == expected


def test_metrics_flatten_predicted_cross_product() -> None:
    ev = event(("FRAGOV", "DEU"), ("IRN",), "138", "THREATEN")
    assert atoms_from_event(ev) == [
        EventAtom("FRAGOV", "FRA", "GOV", "IRN", "IRN", None, "138", "THREATEN"),
        EventAtom("DEU", "DEU", None, "IRN", "IRN", None, "138", "THREATEN"),
    ]
    # The predicted PLOVER type is the record's, not re-derived from the code.
    assert atoms_from_event(event(("USA",), (), "042", None))[0].plover is None


# -- event levels --------------------------------------------------------------------------
# Record 1
#   gold  G1 USAGOV -> RUSGOV 042 (CONSULT, derived)      a1
#         G2 RUSMIL -> UKR    190 (ASSAULT, given)        a2
#   pred  P1 USAGOV -> RUSGOV 043 CONSULT                 b1
#         P2 RUS    -> UKRMIL 193 ASSAULT                 b2
#         P3 UKRGOV -> RUSGOV 111 ACCUSE                  b3
# Record 2
#   gold  G3 FRAGOV, DEUGOV -> IRN 130 (THREATEN derived) c1 (FRA), c2 (DEU)
#         G4 IRNGOV -> FRA, PLOVER-only REJECT            c3 (cameo None)
#   pred  P4 FRAGOV -> IRN 130 THREATEN                   d1
#         P5 DEU    -> IRN 138 THREATEN                   d2
#         P6 IRNGOV -> FRAGOV 010 (no PLOVER)             d3
#
# level          record 1: G vs P -> tp fp fn          record 2: G vs P -> tp fp fn   total
# cameo          {042,190} vs {043,193,111} -> 0 3 2   {130,130} vs {130,138,010}     1 5 3
#                                                        -> 1 2 1 (c3 skipped)
# cameo3         same as cameo -> 0 3 2                 same -> 1 2 1                  1 5 3
# root           {04,19} vs {04,19,11} -> 2 1 0         {13,13} vs {13,13,01} -> 2 1 0 4 2 0
# quad           {1,4} vs {1,4,3} -> 2 1 0              {3,3} vs {3,3,1} -> 2 1 0      4 2 0
# plover         {CON,ASS} vs {CON,ASS,ACC} -> 2 1 0    {THR,THR,REJ} vs {THR,THR}     4 1 1
#                                                        -> 2 0 1 (d3 has none)
# root_dyad      {(04,USA,RUS),(19,RUS,UKR)} vs same    {(13,FRA,IRN),(13,DEU,IRN)} vs 4 2 0
#                + (11,UKR,RUS) -> 2 1 0                 same + (01,IRN,FRA) -> 2 1 0
# actor_country  {(USA,RUS),(RUS,UKR)} vs same          {(FRA,IRN),(DEU,IRN),(IRN,FRA)} 5 1 0
#                + (UKR,RUS) -> 2 1 0                    vs same -> 3 0 0
# actor_sector   {(GOV,GOV),(MIL,-)} vs {(GOV,GOV),     {(GOV,-) x3} vs {(GOV,-),(-,-), 2 4 3
#                (-,MIL),(GOV,GOV)} -> 1 2 1             (GOV,GOV)} -> 1 2 2
EVENT_PAIRS = [
    (
        [gold(("USAGOV",), ("RUSGOV",), "042"), gold(("RUSMIL",), ("UKR",), "190", "ASSAULT")],
        [
            event(("USAGOV",), ("RUSGOV",), "043", "CONSULT"),
            event(("RUS",), ("UKRMIL",), "193", "ASSAULT"),
            event(("UKRGOV",), ("RUSGOV",), "111", "ACCUSE"),
        ],
    ),
    (
        [gold(("FRAGOV", "DEUGOV"), ("IRN",), "130"), gold(("IRNGOV",), ("FRA",), None, "REJECT")],
        [
            event(("FRAGOV",), ("IRN",), "130", "THREATEN"),
            event(("DEU",), ("IRN",), "138", "THREATEN"),
            event(("IRNGOV",), ("FRAGOV",), "010", None),
        ],
    ),
]

EVENT_EXPECTED = {
    "cameo": (1, 5, 3),
    "cameo3": (1, 5, 3),
    "root": (4, 2, 0),
    "quad": (4, 2, 0),
    "plover": (4, 1, 1),
    "root_dyad": (4, 2, 0),
    "actor_country": (5, 1, 0),
    "actor_sector": (2, 4, 3),
}


def test_metrics_event_levels_cover_all_levels() -> None:
    assert tuple(EVENT_EXPECTED) == LEVELS
    assert tuple(score_events(EVENT_PAIRS)) == LEVELS


@pytest.mark.parametrize(("level", "expected"), list(EVENT_EXPECTED.items()))
def test_metrics_event_levels_by_hand(level: str, expected: tuple[int, int, int]) -> None:
    assert counts(score_events(EVENT_PAIRS)[level]) == expected


def test_metrics_event_levels_ratios() -> None:
    scored = score_events(EVENT_PAIRS)
    # cameo: P = 1/6, R = 1/4, F1 = 2/(6+4) = .2
    assert scored["cameo"].f1 == pytest.approx(0.2)
    # plover: P = 4/5, R = 4/5, F1 = .8
    assert scored["plover"].f1 == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("pairs", "level", "expected"),
    [
        # No-event record: every defined prediction is a false positive.
        ([([], [event(("USA",), ("RUS",), "042", "CONSULT")])], "cameo", (0, 1, 0)),
        ([([], [event(("USA",), ("RUS",), "042", "CONSULT")])], "actor_country", (0, 1, 0)),
        # ... but a prediction without a PLOVER type adds nothing at the plover level.
        ([([], [event(("USA",), ("RUS",), "010", None)])], "plover", (0, 0, 0)),
        # PLOVER-only gold: the record is skipped at CAMEO levels (no fp for the prediction)
        # and scored at the plover level (REJECT vs ACCUSE -> 0 1 1).
        (
            [([gold(("IRN",), (), None, "REJECT")], [event(("IRN",), (), "111", "ACCUSE")])],
            "cameo",
            (0, 0, 0),
        ),
        (
            [([gold(("IRN",), (), None, "REJECT")], [event(("IRN",), (), "111", "ACCUSE")])],
            "root_dyad",
            (0, 0, 0),
        ),
        (
            [([gold(("IRN",), (), None, "REJECT")], [event(("IRN",), (), "111", "ACCUSE")])],
            "plover",
            (0, 1, 1),
        ),
        # Gold without actors: skipped at actor levels, scored at code levels.
        (
            [([gold((), (), "190")], [event(("RUS",), ("UKR",), "190", "ASSAULT")])],
            "actor_country",
            (0, 0, 0),
        ),
        (
            [([gold((), (), "190")], [event(("RUS",), ("UKR",), "190", "ASSAULT")])],
            "cameo",
            (1, 0, 0),
        ),
        # Gold 010 has no PLOVER type and no other gold: plover level skips the record.
        (
            [([gold(("USA",), (), "010")], [event(("USA",), (), "042", "CONSULT")])],
            "plover",
            (0, 0, 0),
        ),
        # Duplicate predictions: multiset, so two predicted 042 match one gold 042 once.
        (
            [
                (
                    [gold(("USA",), (), "042")],
                    [event(("USA",), (), "042", "CONSULT"), event(("USA",), (), "042", "CONSULT")],
                )
            ],
            "cameo",
            (1, 1, 0),
        ),
        # A malformed predicted code has no quad class: nothing at that level (fn only).
        ([([gold(("USA",), (), "042")], [event(("USA",), (), "xx", None)])], "quad", (0, 0, 1)),
    ],
)
def test_metrics_event_skip_rules(
    pairs: list[tuple[list[GoldEvent], list[Event]]], level: str, expected: tuple[int, int, int]
) -> None:
    assert counts(score_events(pairs)[level]) == expected


def test_metrics_event_unknown_level_rejected() -> None:
    from dyads.evaluate.metrics import level_key

    with pytest.raises(ValueError, match="unknown event level"):
        level_key(atoms_from_gold(gold(("USA",), (), "042"))[0], "goldstein")


# -- PETRARCH counts -----------------------------------------------------------------------
# Record A: gold G1 USAGOV -> (RUSGOV, UKRGOV) 042 = 2 atoms; G2 RUS -> UKR 190 = 1 atom.
#           pred USAGOV->RUSGOV 042 twice, RUS->UKR 193.
#           correct 1 (the duplicate matches nothing), uncoded 2, extra 2; events hit: G1.
# Record B: no event; 2 predictions -> extra 2.
# Record C: gold G3 (FRAGOV, DEUGOV) -> IRN 130 = 2 atoms; G4 DEUGOV -> IRN 130 = 1 atom.
#           pred FRAGOV->IRN 130, DEUGOV->IRN 130: correct 2, uncoded 1, extra 0.
#           Both events can be hit at once (G3 by FRAGOV, G4 by DEUGOV): events hit 2.
# Totals: records 3, gold 6, predicted 7, correct 3, uncoded 3, extra 4,
#         correct_rate 3/6 = .5, extra_rate 4/3 = 1.3333, recall_once 3/4 = .75.
PETRARCH_PAIRS = [
    (
        [gold(("USAGOV",), ("RUSGOV", "UKRGOV"), "042"), gold(("RUS",), ("UKR",), "190")],
        [
            event(("USAGOV",), ("RUSGOV",), "042", "CONSULT"),
            event(("USAGOV",), ("RUSGOV",), "042", "CONSULT"),
            event(("RUS",), ("UKR",), "193", "ASSAULT"),
        ],
    ),
    (
        [],
        [event(("FRA",), ("IRN",), "130", "THREATEN"), event(("IRN",), (), "010", None)],
    ),
    (
        [gold(("FRAGOV", "DEUGOV"), ("IRN",), "130"), gold(("DEUGOV",), ("IRN",), "130")],
        [
            event(("FRAGOV",), ("IRN",), "130", "THREATEN"),
            event(("DEUGOV",), ("IRN",), "130", "THREATEN"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("records", 3),
        ("gold", 6),
        ("predicted", 7),
        ("correct", 3),
        ("uncoded", 3),
        ("extra", 4),
        ("correct_rate", 0.5),
        ("extra_rate", 1.3333),
        ("recall_once", 0.75),
    ],
)
def test_metrics_petrarch_counts_by_hand(key: str, expected: float) -> None:
    assert petrarch_counts(PETRARCH_PAIRS)[key] == expected


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # Nothing to evaluate: all zero, rates 0.0.
        ([], {"records": 0, "correct_rate": 0.0, "extra_rate": 0.0, "recall_once": 0.0}),
        # Source code must match exactly: USAGOV vs USA -> uncoded 1, extra 1.
        (
            [([gold(("USAGOV",), (), "042")], [event(("USA",), (), "042", "CONSULT")])],
            {"correct": 0, "uncoded": 1, "extra": 1, "recall_once": 0.0},
        ),
        # PLOVER-only gold cannot be matched and is left out.
        (
            [([gold(("USA",), (), None, "REJECT")], [])],
            {"gold": 0, "uncoded": 0, "recall_once": 0.0},
        ),
    ],
)
def test_metrics_petrarch_counts_edge_cases(
    pairs: list[tuple[list[GoldEvent], list[Event]]], expected: dict[str, float]
) -> None:
    got = petrarch_counts(pairs)
    assert {k: got[k] for k in expected} == expected


# -- quotes --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        # '  "Hello, world."  ': H at 3, "Hello, world" ends at 15; '.', '"', spaces trimmed.
        ('  "Hello, world."  ', (0, 19), (3, 15)),
        # Curly quotes and a comma: “=0 Y=1 e=2 s=3 ,=4 ”=5 -> "Yes" = (1, 4).
        ("“Yes,” he said", (0, 6), (1, 4)),
        # Inner punctuation stays.
        ("a, b", (0, 4), (0, 4)),
        # Only strippable characters: an empty span.
        ("...", (0, 3), (3, 3)),
        # Clamped to the text.
        ("abc", (1, 10), (1, 3)),
        # Single quotes.
        ("'ok'", (0, 4), (1, 3)),
    ],
)
def test_metrics_normalise_span(
    text: str, span: tuple[int, int], expected: tuple[int, int]
) -> None:
    assert normalise_span(text, span) == expected


TEXT = (
    'Smith said: "We will win." Jones argued the talks had failed. '
    '"No deal," Brown added. It was cold.'
)
# Gold  Q1 direct   content '"We will win."'   source Smith  cue said
#       Q2 indirect content 'the talks had failed' source Jones cue argued
#       Q3 direct   content '"No deal,"'       source Brown  cue added
# Pred  p1 direct   'We will win' (exact after trimming), speaker Smith, cue said
#       p2 indirect 'talks had failed' (overlap only), speaker Brown (a speaker miss), cue argued
#       p4 direct   'It was cold' (no gold), speaker Jones, no cue
# content_exact:   Q1=p1 tp; Q2, Q3 fn; p2, p4 fp           -> 1 2 2, F1 1/3
# content_overlap: Q1-p1, Q2-p2 tp; Q3 fn; p4 fp            -> 2 1 1, F1 2/3
# source_overlap:  Q1 tp (Smith/Smith); Q2 fn + p2 fp (Brown vs Jones); Q3 fn (unmatched);
#                  p4 fp (unmatched with a speaker)          -> 1 2 2, F1 1/3
# cue_exact:       said, argued tp; added fn                 -> 2 0 1, P 1 R 2/3 F1 .8
# speaker_accuracy: matched pairs with gold source (Q1,p1),(Q2,p2): 1 hit of 2 -> .5
# by kind (gold kind; p4 by its own kind "direct"):
#   direct   exact Q1 tp, Q3 fn, p4 fp -> 1 1 1 (.5); overlap same 1 1 1 (.5);
#            source Q1 tp, Q3 fn, p4 fp -> 1 1 1 (.5); cue Q1 tp, Q3 fn -> 1 0 1 (2/3);
#            speaker 1/1
#   indirect exact Q2 fn, p2 fp -> 0 1 1 (0); overlap Q2-p2 -> 1 0 0 (1.0);
#            source Q2 fn, p2 fp -> 0 1 1 (0); cue Q2 tp -> 1 0 0 (1.0); speaker 0/1
#   mixed    nothing
QUOTE_GOLD = [
    GoldQuote(
        content=at(TEXT, '"We will win."'),
        source=at(TEXT, "Smith"),
        cue=at(TEXT, "said"),
        kind="direct",
    ),
    GoldQuote(
        content=at(TEXT, "the talks had failed"),
        source=at(TEXT, "Jones"),
        cue=at(TEXT, "argued"),
        kind="indirect",
    ),
    GoldQuote(
        content=at(TEXT, '"No deal,"'),
        source=at(TEXT, "Brown"),
        cue=at(TEXT, "added"),
        kind="direct",
    ),
]
QUOTE_PRED = [
    quote(at(TEXT, "We will win"), "direct", at(TEXT, "Smith"), at(TEXT, "said")),
    quote(at(TEXT, "talks had failed"), "indirect", at(TEXT, "Brown"), at(TEXT, "argued")),
    quote(at(TEXT, "It was cold"), "direct", at(TEXT, "Jones")),
]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("content_exact_f1",), 0.3333),
        (("content_overlap_f1",), 0.6667),
        (("source_overlap_f1",), 0.3333),
        (("cue_exact_f1",), 0.8),
        (("speaker_accuracy",), 0.5),
        (("speaker_pairs",), 2),
        (("detail", "content_exact"), {"tp": 1, "fp": 2, "fn": 2}),
        (("detail", "content_overlap"), {"tp": 2, "fp": 1, "fn": 1}),
        (("detail", "source_overlap"), {"tp": 1, "fp": 2, "fn": 2}),
        (("detail", "cue_exact"), {"tp": 2, "fp": 0, "fn": 1}),
        (("by_kind", "direct", "content_exact_f1"), 0.5),
        (("by_kind", "direct", "content_overlap_f1"), 0.5),
        (("by_kind", "direct", "source_overlap_f1"), 0.5),
        (("by_kind", "direct", "cue_exact_f1"), 0.6667),
        (("by_kind", "direct", "speaker_accuracy"), 1.0),
        (("by_kind", "indirect", "content_exact_f1"), 0.0),
        (("by_kind", "indirect", "content_overlap_f1"), 1.0),
        (("by_kind", "indirect", "source_overlap_f1"), 0.0),
        (("by_kind", "indirect", "cue_exact_f1"), 1.0),
        (("by_kind", "indirect", "speaker_accuracy"), 0.0),
        (("by_kind", "indirect", "detail", "source_overlap"), {"tp": 0, "fp": 1, "fn": 1}),
        (("by_kind", "mixed", "detail", "content_overlap"), {"tp": 0, "fp": 0, "fn": 0}),
    ],
)
def test_metrics_quotes_by_hand(path: tuple[str, ...], expected: object) -> None:
    got: object = score_quotes([(TEXT, QUOTE_GOLD, QUOTE_PRED)])
    for key in path:
        assert isinstance(got, dict)
        got = got[key]
    if isinstance(expected, dict):
        assert isinstance(got, dict)
        got = {k: got[k] for k in expected}
    assert got == expected


def test_metrics_quotes_by_kind_has_the_three_kinds() -> None:
    assert set(score_quotes([])["by_kind"]) == {"direct", "indirect", "mixed"}


OVERLAP_TEXT = "abcdefghijklmnopqrst"


@pytest.mark.parametrize(
    ("gold_quotes", "pred_quotes", "expected"),
    [
        # Gold A (0,10), B (10,20); pred X (3,18) overlaps A by 7, B by 8; Y (0,5) overlaps A
        # by 5. Largest overlap first: X-B (8), X-A skipped, Y-A (5) -> 2 0 0. (Pairing
        # gold in order would give A-X and leave B and Y: 1 1 1.)
        ([(0, 10), (10, 20)], [(3, 18), (0, 5)], (2, 0, 0)),
        # One prediction over two gold quotes matches one of them only -> 1 0 1.
        ([(0, 10), (10, 20)], [(0, 20)], (1, 0, 1)),
        # Touching spans share no character: (0,10) vs (10,20) -> 0 1 1.
        ([(0, 10)], [(10, 20)], (0, 1, 1)),
        # No gold: predictions are false positives.
        ([], [(0, 3)], (0, 1, 0)),
    ],
)
def test_metrics_quotes_overlap_matching(
    gold_quotes: list[tuple[int, int]],
    pred_quotes: list[tuple[int, int]],
    expected: tuple[int, int, int],
) -> None:
    scored = score_quotes(
        [
            (
                OVERLAP_TEXT,
                [GoldQuote(content=s) for s in gold_quotes],
                [quote(s) for s in pred_quotes],
            )
        ]
    )
    d = scored["detail"]["content_overlap"]
    assert (d["tp"], d["fp"], d["fn"]) == expected


@pytest.mark.parametrize(
    ("gold_quote", "pred_quote", "metric", "expected"),
    [
        # Matched, gold has a source, prediction gives no speaker span: a miss, not an fp.
        (
            GoldQuote(content=(0, 10), source=(12, 15)),
            quote((0, 10)),
            "source_overlap",
            (0, 0, 1),
        ),
        # Gold without any source span: the record is not scored for sources.
        (GoldQuote(content=(0, 10)), quote((0, 10), speaker=(12, 15)), "source_overlap", (0, 0, 0)),
        # Gold without any cue span: the record is not scored for cues.
        (GoldQuote(content=(0, 10)), quote((0, 10), cue=(12, 15)), "cue_exact", (0, 0, 0)),
        # Cue spans must be equal, not just overlap: (11,15) vs (12,15) -> 0 1 1.
        (
            GoldQuote(content=(0, 10), cue=(11, 15)),
            quote((0, 10), cue=(12, 15)),
            "cue_exact",
            (0, 1, 1),
        ),
        # A speaker span sharing one character is enough: (12,15) vs (14,18) -> tp.
        (
            GoldQuote(content=(0, 10), source=(12, 15)),
            quote((0, 10), speaker=(14, 18)),
            "source_overlap",
            (1, 0, 0),
        ),
    ],
)
def test_metrics_quotes_speaker_and_cue_rules(
    gold_quote: GoldQuote, pred_quote: Quote, metric: str, expected: tuple[int, int, int]
) -> None:
    d = score_quotes([(OVERLAP_TEXT, [gold_quote], [pred_quote])])["detail"][metric]
    assert (d["tp"], d["fp"], d["fn"]) == expected


def test_metrics_quotes_kind_falls_back_to_predicted() -> None:
    # Gold A (0,5) has no kind and is matched by a "mixed" prediction: counted as mixed.
    # Gold B (10,15) has no kind and is missed: counted overall only.
    scored = score_quotes(
        [
            (
                OVERLAP_TEXT,
                [GoldQuote(content=(0, 5)), GoldQuote(content=(10, 15))],
                [quote((0, 5), "mixed")],
            )
        ]
    )
    assert scored["detail"]["content_exact"] == PRF(1, 0, 1).to_dict()
    assert scored["by_kind"]["mixed"]["detail"]["content_exact"] == PRF(1, 0, 0).to_dict()
    assert scored["by_kind"]["direct"]["detail"]["content_exact"] == PRF().to_dict()


# -- labels --------------------------------------------------------------------------------
# gold -> predicted: ASSAULT->ASSAULT x2, ASSAULT->COERCE, COERCE->COERCE, COERCE->None,
#                    REQUEST->ASSAULT
# accuracy 3/6 = .5
# ASSAULT tp 2 fp 1 (REQUEST->ASSAULT) fn 1 -> P 2/3 R 2/3 F1 2/3
# COERCE  tp 1 fp 1 (ASSAULT->COERCE) fn 1 -> F1 .5
# REQUEST tp 0 fp 0 fn 1 -> F1 0;  NONE tp 0 fp 1 fn 0 (not in gold, not averaged)
# macro F1 = (2/3 + 1/2 + 0) / 3 = 7/18 = .3889
LABEL_PAIRS: list[tuple[str, str | None]] = [
    ("ASSAULT", "ASSAULT"),
    ("ASSAULT", "ASSAULT"),
    ("ASSAULT", "COERCE"),
    ("COERCE", "COERCE"),
    ("COERCE", None),
    ("REQUEST", "ASSAULT"),
]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("n", 6),
        ("accuracy", 0.5),
        ("macro_f1", 0.3889),
        (
            "confusion",
            {
                "ASSAULT": {"ASSAULT": 2, "COERCE": 1},
                "COERCE": {"COERCE": 1, "NONE": 1},
                "REQUEST": {"ASSAULT": 1},
            },
        ),
    ],
)
def test_metrics_labels_by_hand(key: str, expected: object) -> None:
    assert score_labels(LABEL_PAIRS)[key] == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("ASSAULT", PRF(2, 1, 1)),
        ("COERCE", PRF(1, 1, 1)),
        ("REQUEST", PRF(0, 0, 1)),
        ("NONE", PRF(0, 1, 0)),
    ],
)
def test_metrics_labels_per_label(label: str, expected: PRF) -> None:
    assert score_labels(LABEL_PAIRS)["per_label"][label] == expected.to_dict()


def test_metrics_labels_empty() -> None:
    assert score_labels([]) == {
        "n": 0,
        "accuracy": 0.0,
        "macro_f1": 0.0,
        "per_label": {},
        "confusion": {},
    }


def test_metrics_quotes_overlap_prefers_largest_overlap() -> None:
    # Gold A (0,10) with source (12,15). X (0,10) overlaps A by 10, speaker (12,15);
    # Y (9,12) overlaps A by 1, speaker (16,18). Largest first pairs A-X: source tp 1,
    # Y unmatched with a speaker fp 1 -> 1 1 0. (Pairing A-Y would give 0 2 1.)
    scored = score_quotes(
        [
            (
                OVERLAP_TEXT,
                [GoldQuote(content=(0, 10), source=(12, 15))],
                [quote((9, 12), speaker=(16, 18)), quote((0, 10), speaker=(12, 15))],
            )
        ]
    )
    assert scored["detail"]["source_overlap"] == PRF(1, 1, 0).to_dict()
    assert scored["speaker_accuracy"] == 1.0
