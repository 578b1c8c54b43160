"""Tests for the PLV reader (``dyads.evaluate.plv``).

The small files are written here in our own words, with the real files' header.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.errors import DyadsError
from dyads.evaluate.plv import PLV_LABEL_OF, PLV_LABELS, read_plv
from dyads.ontology import PLOVER_TYPES

SHARED_PLV = Path(__file__).resolve().parents[3] / "shared" / "dev" / "plv"

HEADER = [
    "",
    "sentence_id",
    "sentence",
    "marked_sentence",
    "source",
    "target",
    "gold_penta",
    "silver_penta",
    "silver_root",
    "gold_root",
    "root_L1",
]

ROWS = [
    ["", "7", "The mayor thanked the volunteers for their help.", "<s>The mayor</s> thanked",
     "The mayor", "the volunteers", "1", "1", "SUPPORT", "SUPPORT", "AGREE"],
    ["", "9", "The rebels freed two hostages and left the town.", "<s>The rebels</s> freed",
     "The rebels", "two hostages", "2", "2", "YIELD", "YIELD", "ASSAULT"],
    ["", "9", "The rebels freed two hostages and left the town.", "<s>The rebels</s> left",
     "The rebels", "the town", "2", "2", "YIELD", "yield", "RETREAT"],
    ["", "12", "Police fired tear gas at the marchers.", "<s>Police</s> fired",
     "Police", "the marchers", "4", "4", "COERCE", "ASSAULT", "COERCE"],
]  # fmt: skip


def _write(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    lines = ["\t".join(header), *("\t".join(r) for r in rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


# -- labels --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("plover", "label"),
    [("CONCEDE", "YIELD"), ("RETREAT", "YIELD"), ("ASSAULT", "ASSAULT"), ("REQUEST", "REQUEST")],
)
def test_plv_label_of_merges_yield(plover: str, label: str) -> None:
    assert PLV_LABEL_OF[plover] == label


@pytest.mark.parametrize("plover", PLOVER_TYPES)
def test_plv_label_of_covers_every_plover_type(plover: str) -> None:
    assert PLV_LABEL_OF[plover] in PLV_LABELS


def test_plv_labels_are_fifteen() -> None:
    assert len(PLV_LABELS) == 15
    assert "YIELD" in PLV_LABELS
    assert not {"CONCEDE", "RETREAT"} & set(PLV_LABELS)


# -- rows ----------------------------------------------------------------------------------
def test_plv_reads_rows(tmp_path: Path) -> None:
    gold = read_plv(_write(tmp_path / "PLV_test.tsv", ROWS))
    assert gold.kind == "plv"
    assert [r.label for r in gold] == ["SUPPORT", "YIELD", "YIELD", "ASSAULT"]
    assert [r.dyad for r in gold] == [
        ("The mayor", "the volunteers"),
        ("The rebels", "two hostages"),
        ("The rebels", "the town"),
        ("Police", "the marchers"),
    ]
    assert [r.id for r in gold] == ["s7-r1", "s9-r2", "s9-r3", "s12-r4"]
    assert [r.category for r in gold] == ["1", "2", "2", "4"]
    assert gold.records[0].text == ROWS[0][2]
    assert all(not r.events and r.date is None for r in gold)
    notes = " ".join(gold.notes)
    assert "4 dyads in 3 sentences" in notes
    assert "root_L1" in notes  # auxiliary columns are named as ignored


@pytest.mark.parametrize(
    ("uid", "expected"), [("row-a", "row-a"), ("", "s7-r1")]
)  # fmt: skip
def test_plv_id_from_uid(tmp_path: Path, uid: str, expected: str) -> None:
    header = ["uid", *HEADER[1:]]
    gold = read_plv(_write(tmp_path / "plv.tsv", [[uid, *ROWS[0][1:]]], header))
    assert gold.records[0].id == expected


def test_plv_reads_long_fields(tmp_path: Path) -> None:
    long = "The council met again. " * 8000  # longer than csv's default 131,072 limit
    row = ["", "1", long, long, "The council", "again", "1", "1", "CONSULT", "CONSULT", "x"]
    gold = read_plv(_write(tmp_path / "plv.tsv", [row]))
    assert gold.records[0].text == long


# -- folders -------------------------------------------------------------------------------
def test_plv_folder_with_one_tsv(tmp_path: Path) -> None:
    _write(tmp_path / "PLV_train.tsv", ROWS)
    assert read_plv(tmp_path).path == tmp_path / "PLV_train.tsv"


@pytest.mark.parametrize("names", [[], ["PLV_train.tsv", "PLV_test.tsv"]])
def test_plv_folder_needs_exactly_one_tsv(tmp_path: Path, names: list[str]) -> None:
    for name in names:
        _write(tmp_path / name, ROWS)
    with pytest.raises(DyadsError, match="expected exactly one"):
        read_plv(tmp_path)


# -- errors --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("column", "value", "pattern"),
    [
        ("gold_root", "CONCEDE", r"plv\.tsv:3: field 'gold_root': 'CONCEDE'"),
        ("gold_root", "", r"plv\.tsv:3: field 'gold_root'"),
        ("sentence", "  ", r"plv\.tsv:3: field 'sentence': empty"),
    ],
)
def test_plv_bad_row_names_line(tmp_path: Path, column: str, value: str, pattern: str) -> None:
    bad = list(ROWS[1])
    bad[HEADER.index(column)] = value
    with pytest.raises(DyadsError, match=pattern):
        read_plv(_write(tmp_path / "plv.tsv", [ROWS[0], bad, ROWS[2]]))


@pytest.mark.parametrize("dropped", ["gold_root", "sentence", "source", "target"])
def test_plv_missing_column_fails(tmp_path: Path, dropped: str) -> None:
    keep = [i for i, name in enumerate(HEADER) if name != dropped]
    header = [HEADER[i] for i in keep]
    rows = [[r[i] for i in keep] for r in ROWS]
    with pytest.raises(DyadsError, match=rf"plv\.tsv:1: header lacks {dropped}"):
        read_plv(_write(tmp_path / "plv.tsv", rows, header))


@pytest.mark.parametrize(
    ("rows", "pattern"),
    [([], "no rows"), ([[*ROWS[0], "extra"]], r"plv\.tsv:2: more cells")],
)
def test_plv_bad_file_fails(tmp_path: Path, rows: list[list[str]], pattern: str) -> None:
    with pytest.raises(DyadsError, match=pattern):
        read_plv(_write(tmp_path / "plv.tsv", rows))


def test_plv_missing_path_fails(tmp_path: Path) -> None:
    with pytest.raises(DyadsError, match="no such file"):
        read_plv(tmp_path / "absent.tsv")


# -- the real files ------------------------------------------------------------------------
@pytest.mark.shared
@pytest.mark.parametrize(("name", "rows"), [("PLV_train.tsv", 1050), ("PLV_test.tsv", 1033)])
def test_plv_shared_counts(name: str, rows: int) -> None:
    path = SHARED_PLV / name
    if not path.is_file():
        pytest.skip(f"PLV file absent: {path}")
    gold = read_plv(path)
    assert len(gold.records) == rows
    assert len({r.id for r in gold}) == rows
    labels = {r.label for r in gold}
    assert 13 <= len(labels) <= 15
    assert labels <= set(PLV_LABELS)
    assert all(r.dyad and r.text for r in gold)
