"""Tests for the CAMEO code table (``dyads.ontology.cameo``)."""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

import pytest

from dyads.ontology import (
    QUAD_CLASS_NAMES,
    CameoCode,
    UnknownCode,
    all_codes,
    is_code,
    lookup,
    quad_class_of,
    roots,
)

CODEBOOKS = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "codebooks"
ICEWS_TABLE = CODEBOOKS / "cameo_event_codes_icews.utf8.csv"

QUAD_BY_ROOT = {f"{r:02d}": 1 for r in range(1, 6)}
QUAD_BY_ROOT |= {f"{r:02d}": 2 for r in range(6, 9)}
QUAD_BY_ROOT |= {f"{r:02d}": 3 for r in range(9, 14)}
QUAD_BY_ROOT |= {f"{r:02d}": 4 for r in range(14, 21)}


def _icews_rows() -> list[dict[str, str]]:
    if not ICEWS_TABLE.exists():
        pytest.skip(f"shared codebook absent: {ICEWS_TABLE}")
    with ICEWS_TABLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("code", "name", "goldstein", "quad_class"),
    [
        ("01", "Make public statement", 0.0, 1),
        ("010", "Make statement", 0.0, 1),
        ("016", "Deny responsibility", -5.0, 1),
        ("0211", "Appeal for economic cooperation", 3.4, 1),
        ("024", "Appeal for political reform", -0.3, 1),
        ("036", "Express intent to meet or negotiate", 4.0, 1),
        ("057", "Sign formal agreement", 8.0, 1),
        ("062", "Cooperate militarily", 7.4, 2),
        ("0874", "Retreat or surrender militarily", 10.0, 2),
        ("094", "Investigate war crimes", -2.0, 3),
        ("112", "Accuse", -2.0, 3),
        ("130", "Threaten", -4.4, 3),
        ("1385", "Threaten attack with WMD", -7.0, 3),
        ("145", "Protest violently, riot", -7.5, 4),
        ("163", "Impose embargo, boycott, or sanctions", -8.0, 4),
        ("1712", "Destroy property", -9.2, 4),
        ("1823", "Kill by physical assault", -10.0, 4),
        ("19", "Fight", -10.0, 4),
        ("190", "Use conventional military force", -10.0, 4),
        ("2042", "Detonate nuclear weapons", -10.0, 4),
    ],
)
def test_cameo_lookup_returns_codebook_values(
    code: str, name: str, goldstein: float, quad_class: int
) -> None:
    found = lookup(code)
    assert found.code == code
    assert found.name == name
    assert found.goldstein == goldstein
    assert found.quad_class == quad_class


@pytest.mark.parametrize(
    ("code", "root"), [("01", "01"), ("036", "03"), ("0211", "02"), ("190", "19"), ("2041", "20")]
)
def test_cameo_root_is_first_two_digits(code: str, root: str) -> None:
    assert lookup(code).root == root
    assert lookup(code).is_root is (len(code) == 2)


def test_cameo_every_root_present_in_order() -> None:
    assert roots() == [f"{r:02d}" for r in range(1, 21)]
    assert all(lookup(root).is_root for root in roots())


def test_cameo_code_counts() -> None:
    lengths = [len(c.code) for c in all_codes()]
    assert len(lengths) == 312
    assert lengths.count(2) == 20
    assert lengths.count(3) == 147
    assert lengths.count(4) == 145


def test_cameo_codes_are_unique_zero_padded_strings() -> None:
    codes = [c.code for c in all_codes()]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert isinstance(code, str)
        assert re.fullmatch(r"\d{2,4}", code), code
        assert 1 <= int(code[:2]) <= 20, code


def test_cameo_every_code_has_its_parents() -> None:
    for c in all_codes():
        assert is_code(c.root), c.code
        if len(c.code) == 4:
            assert is_code(c.code[:3]), c.code


@pytest.mark.parametrize(("root", "quad_class"), sorted(QUAD_BY_ROOT.items()))
def test_cameo_quad_class_follows_root(root: str, quad_class: int) -> None:
    family = [c for c in all_codes() if c.root == root]
    assert family, root
    assert {c.quad_class for c in family} == {quad_class}
    assert quad_class_of(root) == quad_class


@pytest.mark.parametrize(
    ("code", "quad_class"),
    [
        ("036", 1),
        ("0211", 1),
        ("05", 1),
        ("073", 2),
        ("0841", 2),
        ("09", 3),
        ("1214", 3),
        ("139", 3),
        ("14", 4),
        ("1951", 4),
        ("204", 4),
    ],
)
def test_cameo_quad_class_of(code: str, quad_class: int) -> None:
    assert quad_class_of(code) == quad_class
    assert quad_class in QUAD_CLASS_NAMES


@pytest.mark.parametrize("code", ["00", "21", "99", "2100", "x19", ""])
def test_cameo_quad_class_of_unknown_root_raises(code: str) -> None:
    with pytest.raises(KeyError):
        quad_class_of(code)


def test_cameo_goldstein_in_range_and_signed_by_quad() -> None:
    for c in all_codes():
        assert -10.0 <= c.goldstein <= 10.0, c.code
        if c.quad_class == 4:
            assert c.goldstein < 0, c.code
        if c.quad_class == 2:
            assert c.goldstein > 0, c.code


@pytest.mark.parametrize("code", ["1214", "1951", "999", "0000", "00", "21", "215"])
def test_cameo_lookup_unknown_code_raises_keyerror(code: str) -> None:
    with pytest.raises(KeyError) as caught:
        lookup(code)
    assert isinstance(caught.value, UnknownCode)
    assert repr(code) in str(caught.value)


def test_cameo_lookup_unknown_code_names_closest_parent() -> None:
    with pytest.raises(UnknownCode, match=r"121 \(Reject material cooperation\)"):
        lookup("1214")


@pytest.mark.parametrize("code", ["", "1", "12345", "abc", "1 9", "19a", "-19", "1.9"])
def test_cameo_lookup_malformed_code_raises_keyerror(code: str) -> None:
    with pytest.raises(KeyError, match="malformed"):
        lookup(code)


def test_cameo_lookup_int_code_raises_keyerror() -> None:
    with pytest.raises(KeyError, match="string"):
        lookup(190)  # type: ignore[arg-type]


def test_cameo_lookup_ignores_surrounding_whitespace() -> None:
    assert lookup(" 042\n") == lookup("042")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("010", True),
        ("0211", True),
        ("19", True),
        (" 190 ", True),
        ("1214", False),
        ("10", True),
        ("100", True),
        ("1000", False),
        ("abc", False),
        ("", False),
        (190, False),
    ],
)
def test_cameo_is_code(code: str, expected: bool) -> None:
    assert is_code(code) is expected


def test_cameo_records_are_frozen() -> None:
    record = lookup("190")
    assert isinstance(record, CameoCode)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.goldstein = 0.0  # type: ignore[misc]


def test_cameo_all_codes_returns_a_fresh_list() -> None:
    first = all_codes()
    first.clear()
    assert len(all_codes()) == 312


def test_cameo_descriptions_are_one_short_sentence() -> None:
    for c in all_codes():
        text = c.description
        assert text and text == text.strip(), c.code
        assert "\n" not in text, c.code
        assert text[0].isupper() and text.endswith("."), c.code
        assert text.count(". ") == 0, c.code
        assert len(text) <= 160, c.code
        assert c.name and c.name[0].isupper(), c.code


def test_cameo_descriptions_are_distinct() -> None:
    texts = [c.description for c in all_codes()]
    assert len(set(texts)) == len(texts)


@pytest.mark.shared
def test_cameo_table_matches_icews_codebook() -> None:
    rows = _icews_rows()
    assert len(rows) == len(all_codes())
    for row in rows:
        record = lookup(row["code"])
        assert record.goldstein == pytest.approx(float(row["goldstein"])), row["code"]
        assert record.root == row["root_code"], row["code"]
    assert [r["code"] for r in rows] == [c.code for c in all_codes()]


@pytest.mark.shared
def test_cameo_descriptions_do_not_copy_codebook_text() -> None:
    def shingles(text: str, n: int = 6) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z]+", text.lower())
        return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}

    source: set[tuple[str, ...]] = set()
    for row in _icews_rows():
        for field in ("description", "usage_notes", "example"):
            source |= shingles(row[field])
    copied = {c.code: c.description for c in all_codes() if shingles(c.description) & source}
    assert copied == {}
