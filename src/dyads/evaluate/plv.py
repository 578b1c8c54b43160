"""Reader for the PLV relation-classification set (``--kind plv``).

PLV (Hu et al., ACL 2024, "Zero-Shot-PLOVER") gives sentences with a marked source
and target and asks for the PLOVER type of the relation between them. The files are
tab-separated with a header; one row is one (sentence, source, target) triple, so a
sentence with several targets has several rows. The reader keeps only what is gold:

* ``sentence`` → ``GoldRecord.text``;
* ``source`` and ``target`` → ``GoldRecord.dyad``;
* ``gold_root`` → ``GoldRecord.label``;
* ``gold_penta`` (PLOVER quad class 1–4) → ``GoldRecord.category``, when present;
* ``uid`` → ``GoldRecord.id``; the released files leave that column unnamed and empty,
  so the id is then ``s<sentence_id>-r<row>`` (row counts data rows from 1).

The auxiliary columns (``marked_sentence``, ``silver_*``, ``penta_L*``, ``root_L*``,
``prompt_*``, ``modality_L2``) are the ZSP pipeline's intermediate output, not gold,
and are ignored.

**Labels.** PLV uses the current PLOVER names except that it merges CONCEDE and
RETREAT into one label, **YIELD**. Gold labels are kept as PLV writes them, so a
runner must map its predicted PLOVER type with ``PLV_LABEL_OF`` (CONCEDE and RETREAT
→ YIELD, every other type to itself) before comparing.

Example:
    >>> gold = read_plv(Path("../shared/dev/plv/PLV_train.tsv"))  # doctest: +SKIP
    >>> PLV_LABEL_OF["RETREAT"]
    'YIELD'
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from dyads.errors import DyadsError
from dyads.evaluate.gold import GoldRecord, GoldSet

__all__ = ["PLV_LABELS", "PLV_LABEL_OF", "read_plv"]

KIND = "plv"

PLV_LABEL_OF: dict[str, str] = {
    "AGREE": "AGREE",
    "CONSULT": "CONSULT",
    "SUPPORT": "SUPPORT",
    "CONCEDE": "YIELD",
    "COOPERATE": "COOPERATE",
    "AID": "AID",
    "RETREAT": "YIELD",
    "REQUEST": "REQUEST",
    "ACCUSE": "ACCUSE",
    "REJECT": "REJECT",
    "THREATEN": "THREATEN",
    "PROTEST": "PROTEST",
    "SANCTION": "SANCTION",
    "MOBILIZE": "MOBILIZE",
    "COERCE": "COERCE",
    "ASSAULT": "ASSAULT",
}
"""Each current PLOVER type to the PLV label that scores it: CONCEDE and RETREAT →
YIELD; the other 14 types keep their names."""

PLV_LABELS: tuple[str, ...] = tuple(dict.fromkeys(PLV_LABEL_OF.values()))
"""The 15 PLV labels, in PLOVER order (YIELD in CONCEDE's place)."""

_REQUIRED = ("sentence", "source", "target", "gold_root")
_ID_COLUMNS = ("uid", "")  # the released files name the id column "" (a pandas index)
_FIELD_LIMIT = 2**31 - 1


def read_plv(path: Path) -> GoldSet:
    """Read a PLV TSV file (``PLV_train.tsv``, ``PLV_test.tsv``).

    Args:
        path (Path): the TSV file, or a folder holding exactly one ``.tsv`` file.

    RETURNS (GoldSet): kind ``"plv"``; one record per row with ``text``, ``dyad``
        (source, target) and ``label`` (a PLV label, see ``PLV_LABELS``).

    Raises:
        DyadsError: the path is missing or ambiguous, a required column is missing,
            or a row has an empty sentence or an unknown label (the message names
            file, line and field).
    """
    file = _pick(Path(path))
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    records: list[GoldRecord] = []
    pairs: Counter[str] = Counter()
    absent = 0
    generated_ids = 0
    with file.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        columns = reader.fieldnames or []
        missing = [c for c in _REQUIRED if c not in columns]
        if missing:
            raise DyadsError(
                f"{file}:1: header lacks {', '.join(missing)}; expected a PLV TSV with "
                f"the columns {', '.join(_REQUIRED)}. Check the file and --kind."
            )
        id_column = next((c for c in _ID_COLUMNS if c in columns), None)
        for row_number, row in enumerate(reader, 1):
            line = reader.line_num
            if None in row:
                raise DyadsError(
                    _where(file, line, None, "more cells than header columns", "a PLV row")
                )
            text = row["sentence"] or ""
            if not text.strip():
                raise DyadsError(_where(file, line, "sentence", "empty", "the sentence text"))
            label = (row["gold_root"] or "").strip().upper()
            if label not in PLV_LABELS:
                raise DyadsError(
                    _where(
                        file,
                        line,
                        "gold_root",
                        f"{row['gold_root']!r}",
                        f"one of {', '.join(PLV_LABELS)}",
                    )
                )
            source, target = (row["source"] or "").strip(), (row["target"] or "").strip()
            if source not in text or target not in text:
                absent += 1
            pairs[text] += 1
            uid = (row.get(id_column) or "").strip() if id_column is not None else ""
            sentence_id = (row.get("sentence_id") or "").strip()
            record_id = uid or (
                f"s{sentence_id}-r{row_number}" if sentence_id else f"r{row_number}"
            )
            generated_ids += not uid
            penta = (row.get("gold_penta") or "").strip() or None
            records.append(
                GoldRecord(
                    id=record_id, text=text, dyad=(source, target), label=label, category=penta
                )
            )
    if not records:
        raise DyadsError(f"{file}: holds a header but no rows; expected PLV rows. Check the file.")
    notes = [
        f"read {file.name}: {len(records)} dyads in {len(pairs)} sentences",
        "labels are PLV's: YIELD = CONCEDE + RETREAT; predictions are mapped with PLV_LABEL_OF",
        "source and target are given: this scores classifying a known dyad, not finding it",
    ]
    if generated_ids:
        notes.append(f"{generated_ids} rows without a uid: their ids are s<sentence_id>-r<row>")
    if absent:
        notes.append(f"{absent} rows whose source or target text is not found in the sentence")
    ignored = [
        c for c in columns if c and c not in (*_REQUIRED, "uid", "sentence_id", "gold_penta")
    ]
    if ignored:
        notes.append("auxiliary columns ignored (not gold): " + ", ".join(ignored))
    return GoldSet(kind=KIND, path=file, records=records, notes=notes)


def _pick(path: Path) -> Path:
    """The TSV for ``path``: the path itself, or the one ``.tsv`` in a folder."""
    if path.is_file():
        return path
    if not path.is_dir():
        raise DyadsError(
            f"{path}: no such file or folder; expected a PLV .tsv file. Check the path."
        )
    found = sorted(path.glob("*.tsv"))
    if len(found) == 1:
        return found[0]
    listed = ", ".join(f.name for f in found) or "none"
    raise DyadsError(
        f"{path}: holds {len(found)} .tsv files ({listed}); expected exactly one. "
        "Pass the file itself, e.g. PLV_test.tsv."
    )


def _where(file: Path, line: int, field: str | None, found: str, expected: str) -> str:
    """An error message naming file, line and field."""
    name = f" field {field!r}:" if field else ""
    return f"{file}:{line}:{name} {found}; expected {expected}. Fix the row or pass another --kind."
