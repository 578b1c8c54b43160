"""Reader for the CAMEO manual's example sentences (``--kind cameo-manual``).

The CAMEO codebook gives one example sentence per event code. The shared derived file
``cameo_manual_examples.jsonl`` holds them one per line as ``{cameo_code, root_code,
text, plover_2021, note, ...}`` without actor codes, so the set tests the event code
alone: does dyads code the sentence with the code it illustrates? Each line becomes one
record with one ``GoldEvent`` that has a ``cameo`` code (and the PLOVER type when the
file gives one) but no source or target; the root code goes to ``category``.

Placeholder lines (the manual has no example for a few codes and writes "NEED
EXAMPLE.") are kept but not evaluated, and are counted in the notes.

Example:
    >>> gold = read_cameo_manual(Path("../shared/dev/codebooks"))  # doctest: +SKIP
    >>> gold.records[0].events[0].cameo  # doctest: +SKIP
    '010'
"""

from __future__ import annotations

from pathlib import Path

from dyads.errors import DyadsError
from dyads.evaluate.gold import GoldEvent, GoldRecord, GoldSet, json_lines

__all__ = ["EXAMPLES_FILE", "KIND", "read_cameo_manual"]

KIND = "cameo-manual"
EXAMPLES_FILE = "cameo_manual_examples.jsonl"

_PLACEHOLDERS = ("need example",)


def read_cameo_manual(path: Path) -> GoldSet:
    """Read the examples file (or the folder holding it) into one record per example.

    Args:
        path (Path): ``cameo_manual_examples.jsonl`` or its folder.

    RETURNS (GoldSet): kind ``"cameo-manual"``; records with ``text``, one actor-less
        event carrying the gold ``cameo`` code (and ``plover`` when given), ``category``
        = the root code. Records are numbered ``cameo-<code>`` (``#2`` on a repeat).

    Raises:
        DyadsError: when a line is not JSON or has no usable ``cameo_code``/``text``.
    """
    if path.is_dir():
        path = path / EXAMPLES_FILE
    records: list[GoldRecord] = []
    placeholders = 0
    seen: dict[str, int] = {}
    for n, row in json_lines(path):
        record = _record(row, path, n, seen)
        placeholders += not record.evaluate
        records.append(record)
    notes = ["no actors in this gold: only the event code is scored"]
    if placeholders:
        notes.append(f"skipped {placeholders} placeholder examples ('NEED EXAMPLE.')")
    return GoldSet(KIND, path, records, notes=notes)


def _record(row: dict, path: Path, line: int, seen: dict[str, int]) -> GoldRecord:
    code = str(row.get("cameo_code") or "").strip()
    text = str(row.get("text") or "").strip()
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise DyadsError(f"{path}:{line}: 'cameo_code' must be 2-4 digits (found {code!r}).")
    if not text:
        raise DyadsError(f"{path}:{line}: the example for {code} has no 'text'.")
    seen[code] = seen.get(code, 0) + 1
    record_id = f"cameo-{code}" + (f"#{seen[code]}" if seen[code] > 1 else "")
    return GoldRecord(
        id=record_id,
        text=text,
        events=(GoldEvent(cameo=code, plover=row.get("plover_2021") or None),),
        category=str(row.get("root_code") or code[:2]),
        evaluate=not text.lower().rstrip(".").startswith(_PLACEHOLDERS),
    )
