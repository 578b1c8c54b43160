"""Reader for the NGEC actor-resolution expectations (``--kind ngec-actors``).

Each case gives an actor string (and sometimes a date) with the country and sector
NGEC, the coder behind POLECAT, is expected to return. dyads codes the string with
``code_actor_text`` and is scored on country and sector. Cases that test NGEC's own
internals (Wikipedia look-ups, "must return None") are skipped and counted in notes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from dyads.evaluate.gold import GoldActor, GoldRecord, GoldSet, json_lines
from dyads.read._common import normalise_date

METHODS = ("agent_to_code", "short_text_to_agent")
CASES_FILE = "ngec_actor_resolution_cases.jsonl"


def read_ngec_actors(path: Path) -> GoldSet:
    """Read the cases file (or the folder holding it) into one record per case.

    Args:
        path (Path): ``ngec_actor_resolution_cases.jsonl`` or its folder.

    RETURNS (GoldSet): records with ``text`` = the actor string and ``actor`` = the
        expected country/sector (country "" = none expected; "IGO" = an organisation).
    """
    if path.is_dir():
        path = path / CASES_FILE
    records: list[GoldRecord] = []
    skipped: Counter[str] = Counter()
    for n, case in json_lines(path):
        record = _record(case, n)
        if record is None:
            skipped[case.get("method", "?")] += 1
            continue
        records.append(record)
    notes = [f"skipped {n} '{m}' cases (no country/sector expectation)" for m, n in skipped.items()]
    notes.append("'today' dates are read as undated: the latest known term of office wins")
    return GoldSet("ngec-actors", path, records, notes=notes)


def _record(case: dict, line: int) -> GoldRecord | None:
    expect = case.get("expect", {})
    if case.get("method") not in METHODS or not ({"country", "code_1"} & set(expect)):
        return None
    args = case.get("args") or []
    if not args or not isinstance(args[0], str) or not args[0].strip():
        return None
    day = case.get("kwargs", {}).get("query_date") or (args[2] if len(args) > 2 else None)
    day = normalise_date(day) if isinstance(day, str) and day.lower() != "today" else None
    return GoldRecord(
        id=f"{case.get('test', 'case')}@{line}",
        text=args[0],
        date=day,
        category=case.get("method"),
        evaluate=not case.get("xfail", False),
        actor=GoldActor(
            country=expect.get("country") if "country" in expect else None,
            sector=expect.get("code_1") if "code_1" in expect else None,
            text=args[0],
        ),
    )
