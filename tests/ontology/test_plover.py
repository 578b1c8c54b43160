"""Tests for PLOVER types, modes and the CAMEO → PLOVER mapping (``dyads.ontology.plover``)."""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import pytest

from dyads.ontology import (
    PLOVER_TYPES,
    PloverType,
    UnknownCode,
    all_codes,
    cameo_mapping,
    from_cameo,
    modes,
    quad_class_of,
    quad_class_of_type,
    type_info,
)

CODEBOOKS = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "codebooks"
CAMEO2PLOVER = CODEBOOKS / "plover" / "CAMEO2PLOVER-2021.txt"

# Mode slots of the 2021 source that the table corrects (see the plover module docstring).
MODE_FIXES = {
    "085": ("ease", None),
    "1321": ("political", "rights"),
    "1712": ("seize", "destroy"),
    "175": ("pro_autocracy", None),
}


def test_plover_types_are_the_sixteen_in_quad_order() -> None:
    assert PLOVER_TYPES == (
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    )
    assert [quad_class_of_type(t) for t in PLOVER_TYPES] == sorted(
        quad_class_of_type(t) for t in PLOVER_TYPES
    )


@pytest.mark.parametrize(
    ("plover_type", "quad_class"),
    [
        ("AGREE", 1),
        ("CONSULT", 1),
        ("SUPPORT", 1),
        ("CONCEDE", 1),
        ("COOPERATE", 2),
        ("AID", 2),
        ("RETREAT", 2),
        ("REQUEST", 3),
        ("ACCUSE", 3),
        ("REJECT", 3),
        ("THREATEN", 3),
        ("PROTEST", 4),
        ("SANCTION", 4),
        ("MOBILIZE", 4),
        ("COERCE", 4),
        ("ASSAULT", 4),
    ],
)
def test_plover_quad_class_of_type(plover_type: str, quad_class: int) -> None:
    assert quad_class_of_type(plover_type) == quad_class
    info = type_info(plover_type)
    assert isinstance(info, PloverType)
    assert info.type == plover_type
    assert info.description.endswith(".")


@pytest.mark.parametrize(
    ("plover_type", "expected"),
    [
        ("CONSULT", ("visit", "third-party", "multilateral", "phone")),
        ("REQUEST", ("assist", "change", "yield", "meet")),
        ("REJECT", ("assist", "change", "yield", "meet")),
        ("ACCUSE", ("disapprove", "investigate", "allege")),
        ("PROTEST", ("demo", "riot", "strike", "hunger", "boycott", "obstruct")),
        ("SANCTION", ("convict", "expel", "withdraw", "discontinue")),
        ("MOBILIZE", ("troops", "weapons", "police", "militia")),
        ("RETREAT", ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign")),
        ("AGREE", ()),
        ("SUPPORT", ()),
        ("CONCEDE", ()),
        ("COOPERATE", ()),
        ("AID", ()),
    ],
)
def test_plover_modes_exact(plover_type: str, expected: tuple[str, ...]) -> None:
    assert modes(plover_type) == expected


@pytest.mark.parametrize(
    ("plover_type", "mode"),
    [
        ("ASSAULT", "firearms"),
        ("ASSAULT", "suicide-attack"),
        ("ASSAULT", "massacre"),
        ("ASSAULT", "targeted"),
        ("COERCE", "arrest"),
        ("COERCE", "martial-law"),
        ("THREATEN", "violence"),
        ("THREATEN", "rights"),
    ],
)
def test_plover_modes_include(plover_type: str, mode: str) -> None:
    assert mode in modes(plover_type)


def test_plover_type_names_are_case_insensitive() -> None:
    assert modes("assault") == modes("ASSAULT")
    assert quad_class_of_type(" Request ") == 3


@pytest.mark.parametrize("plover_type", ["FIGHT", "DEMAND", "INVESTIGATE", "CRIME", "", "ASSAULTS"])
def test_plover_unknown_type_raises_keyerror(plover_type: str) -> None:
    with pytest.raises(KeyError):
        modes(plover_type)
    with pytest.raises(UnknownCode):
        quad_class_of_type(plover_type)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("190", ("ASSAULT", None)),
        ("193", ("ASSAULT", "firearms")),
        ("195", ("ASSAULT", "heavy-weapons")),
        ("1823", ("ASSAULT", None)),
        ("186", ("ASSAULT", "assassinate")),
        ("1712", ("ASSAULT", "destroy")),
        ("2041", ("ASSAULT", "unconventional")),
        ("163", ("COERCE", "restrict")),
        ("173", ("COERCE", "arrest")),
        ("192", ("COERCE", "seize")),
        ("161", ("SANCTION", "withdraw")),
        ("1621", ("SANCTION", "discontinue")),
        ("1661", ("SANCTION", "expel")),
        ("154", ("MOBILIZE", "troops")),
        ("145", ("PROTEST", "riot")),
        ("1413", ("PROTEST", "demo")),
        ("1321", ("THREATEN", "rights")),
        ("1382", ("THREATEN", "territory")),
        ("125", ("REJECT", "meet")),
        ("1121", ("ACCUSE", "allege")),
        ("091", ("ACCUSE", "investigate")),
        ("1011", ("REQUEST", "assist")),
        ("0211", ("REQUEST", "assist")),
        ("026", ("REQUEST", "meet")),
        ("0841", ("RETREAT", "release")),
        ("0871", ("RETREAT", "ceasefire")),
        ("085", ("RETREAT", None)),
        ("083", ("CONCEDE", None)),
        ("073", ("AID", None)),
        ("062", ("COOPERATE", None)),
        ("057", ("SUPPORT", None)),
        ("042", ("CONSULT", "visit")),
        ("041", ("CONSULT", "phone")),
        ("036", ("AGREE", None)),
        ("010", (None, None)),
        ("019", (None, None)),
        ("01", (None, None)),
        ("02", ("REQUEST", None)),
        ("08", ("CONCEDE", None)),
        ("19", ("ASSAULT", None)),
    ],
)
def test_plover_from_cameo(code: str, expected: tuple[str | None, str | None]) -> None:
    assert from_cameo(code) == expected


@pytest.mark.parametrize(
    ("code", "matched", "expected"),
    [
        ("1214", "121", ("REJECT", "assist")),
        ("1951", "195", ("ASSAULT", "heavy-weapons")),
        ("1952", "195", ("ASSAULT", "heavy-weapons")),
        ("0999", "09", ("ACCUSE", None)),
        ("0199", "019", (None, None)),  # unmapped parent: no further fallback
        ("0211", "0211", ("REQUEST", "assist")),
    ],
)
def test_plover_from_cameo_falls_back_to_parent_then_root(
    code: str, matched: str, expected: tuple[str | None, str | None]
) -> None:
    assert from_cameo(code) == expected
    assert cameo_mapping(code).matched == matched
    assert cameo_mapping(code).cameo == code


@pytest.mark.parametrize("code", ["999", "00", "21", "2199", "abc", "", "12345"])
def test_plover_from_cameo_unknown_code_raises_keyerror(code: str) -> None:
    with pytest.raises(KeyError):
        from_cameo(code)


def test_plover_every_cameo_code_maps_to_known_type_or_is_unmapped() -> None:
    for c in all_codes():
        found = cameo_mapping(c.code)
        assert found.matched == c.code, c.code
        if found.plover is None:
            assert c.root == "01", c.code
            assert found.mode is None and found.basis == "unmapped", c.code
        else:
            assert found.plover in PLOVER_TYPES, c.code
            assert found.mode is None or found.mode in modes(found.plover), c.code


def test_plover_only_statements_are_unmapped() -> None:
    unmapped = {c.code for c in all_codes() if from_cameo(c.code)[0] is None}
    assert unmapped == {c.code for c in all_codes() if c.root == "01"}
    assert len(unmapped) == 11


def test_plover_appeals_mirror_demands() -> None:
    appeals = [c.code for c in all_codes() if c.root == "02" and not c.is_root]
    assert len(appeals) == 27
    for code in appeals:
        twin = "10" + code[2:]
        assert cameo_mapping(code).basis == f"derived from {twin}"
        assert from_cameo(code) == from_cameo(twin), code
        assert cameo_mapping(code).context == cameo_mapping(twin).context, code


def test_plover_roots_follow_their_residual_code() -> None:
    for c in all_codes():
        if c.is_root and c.code != "01":
            assert from_cameo(c.code)[0] == from_cameo(c.code + "0")[0], c.code
            assert cameo_mapping(c.code).basis == f"root, as {c.code}0"


def test_plover_mapping_keeps_cooperation_and_conflict_apart() -> None:
    # CAMEO 02 APPEAL is verbal cooperation in CAMEO but PLOVER's REQUEST is verbal conflict.
    for c in all_codes():
        plover = from_cameo(c.code)[0]
        if plover is None or c.root == "02":
            continue
        cameo_side = quad_class_of(c.code) <= 2
        plover_side = quad_class_of_type(plover) <= 2
        assert cameo_side == plover_side, (c.code, plover)


def test_plover_basis_values_are_documented() -> None:
    allowed = re.compile(r"source(; .+)?|derived from 10\d{1,2}|root, as \d{3}|unmapped")
    for c in all_codes():
        assert allowed.fullmatch(cameo_mapping(c.code).basis), c.code
    fixed = {c.code for c in all_codes() if cameo_mapping(c.code).basis.startswith("source;")}
    assert fixed == set(MODE_FIXES)


@pytest.mark.parametrize(
    ("code", "context"),
    [
        ("094", ("military", "legal")),
        ("1121", ("crime", "corruption")),
        ("175", ("pro_autocracy", "military")),
        ("190", ("military",)),
        ("180", ()),
    ],
)
def test_plover_mapping_context(code: str, context: tuple[str, ...]) -> None:
    assert cameo_mapping(code).context == context


@pytest.mark.shared
def test_plover_mapping_agrees_with_cameo2plover_2021() -> None:
    if not CAMEO2PLOVER.exists():
        pytest.skip(f"shared codebook absent: {CAMEO2PLOVER}")
    checked: set[str] = set()
    for line in CAMEO2PLOVER.read_text(encoding="utf-8").splitlines():
        match = re.match(r"(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if not match or match.group(1) == "1214":  # 1214 is not a CAMEO 1.1b3 code
            continue
        code, plover, mode = match.group(1), match.group(2), match.group(3).strip() or None
        if code in MODE_FIXES:
            assert mode == MODE_FIXES[code][0]
            mode = MODE_FIXES[code][1]
        assert from_cameo(code) == (plover, mode), code
        checked.add(code)
    # every 3/4-digit code except the 01x and 02x families, which the source leaves out
    assert checked == {c.code for c in all_codes() if not c.is_root and c.root not in ("01", "02")}


def test_plover_table_lists_exactly_the_sixteen_types() -> None:
    path = resources.files("dyads") / "ontology" / "data" / "plover.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(row["type"] for row in rows) == PLOVER_TYPES
