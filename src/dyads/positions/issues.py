"""The issue taxonomy (YAML): issues with a canonical direction and keywords."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from dyads import yaml_data
from dyads.errors import DyadsError
from dyads.records import Issue


@dataclass(frozen=True)
class IssueEntry:
    issue: Issue
    direction: str
    keywords: tuple[str, ...]
    subsumes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    issues: tuple[IssueEntry, ...]
    negators: tuple[str, ...]
    keyword_pattern: re.Pattern[str]
    by_keyword: dict[str, IssueEntry]
    auto: bool = True  # claims naming no issue get an automatic one (positions/objects.py)

    def find(self, text: str) -> list[tuple[int, str, IssueEntry]]:
        """(offset, keyword, issue) for each keyword in ``text``, longest keyword first."""
        return [
            (m.start(), m.group(0), self.by_keyword[m.group(0)])
            for m in self.keyword_pattern.finditer(text.lower())
        ]


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Read an issue taxonomy (the packaged one by default).

    A user's file replaces the packaged taxonomy, unless it says ``extends: dyads``:
    then its issues and negators are added to the packaged ones, and an issue with a
    packaged id replaces that issue.

    Args:
        path (Path | None): a taxonomy YAML file (see ``positions/data/issues.yaml``).

    RETURNS (Taxonomy): the taxonomy.
    """
    if path is None:
        return _packaged()
    return _parse(Path(path).read_text(encoding="utf-8"), str(path))


@cache
def _packaged() -> Taxonomy:
    resource = resources.files("dyads") / "positions" / "data" / "issues.yaml"
    return _parse(resource.read_text(encoding="utf-8"), "dyads:positions/data/issues.yaml")


def _parse(text: str, source: str) -> Taxonomy:
    try:
        data = yaml_data.safe_load(text) or {}
        entries = tuple(
            IssueEntry(
                issue=Issue(id=str(row["id"]), label=str(row["label"])),
                direction=str(row.get("direction", "")),
                keywords=tuple(str(k).lower() for k in row.get("keywords", [])),
                subsumes=tuple(str(s) for s in row.get("subsumes", [])),
            )
            for row in data.get("issues", [])
        )
        negators = tuple(str(n).lower() for n in data.get("negators", []))
        extends = data.get("extends")
        auto = data.get("auto_issues", True)
        if not isinstance(auto, bool):
            raise TypeError(f"auto_issues must be true or false, not {auto!r}")
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as err:
        raise DyadsError(f"{source}: not a valid issue taxonomy ({err!r}).") from err
    if extends is not None:
        if extends != "dyads":
            raise DyadsError(
                f"{source}: 'extends: {extends}' is not known; use 'extends: dyads' to add "
                "to the packaged taxonomy, or leave it out to replace it."
            )
        base = _packaged()
        own = {e.issue.id for e in entries}
        entries = tuple(e for e in base.issues if e.issue.id not in own) + entries
        negators = base.negators + tuple(n for n in negators if n not in base.negators)
    by_keyword = {k: e for e in entries for k in e.keywords}
    words = sorted(by_keyword, key=len, reverse=True)
    pattern = (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
        if words
        else re.compile(r"(?!)")
    )
    return Taxonomy(entries, negators, pattern, by_keyword, auto)
