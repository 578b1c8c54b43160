"""The issue taxonomy: packaged, replaced or extended by a user's file."""

from __future__ import annotations

import pytest

from dyads.errors import DyadsError
from dyads.positions.issues import load_taxonomy

USER = """
extends: dyads
negators: [veto]
issues:
  - id: fishing_rights
    label: Fishing rights
    direction: foreign fleets may fish in the waters
    keywords: [fishing rights, fishing quotas]
"""


@pytest.mark.parametrize(
    "issue", ["nato_enlargement", "russian_security_proposals", "agenda_limits"]
)
def test_issues_packaged_have_a_direction(issue) -> None:
    entry = next(e for e in load_taxonomy().issues if e.issue.id == issue)
    assert entry.direction and entry.keywords


@pytest.mark.parametrize(("extends", "packaged"), [("extends: dyads", True), ("", False)])
def test_issues_user_file_extends_or_replaces(tmp_path, extends, packaged) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER.replace("extends: dyads", extends), encoding="utf-8")
    taxonomy = load_taxonomy(path)
    ids = {e.issue.id for e in taxonomy.issues}
    assert "fishing_rights" in ids
    assert ("nato_enlargement" in ids) is packaged
    assert "veto" in taxonomy.negators


def test_issues_unknown_extends_is_an_error(tmp_path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER.replace("extends: dyads", "extends: other"), encoding="utf-8")
    with pytest.raises(DyadsError, match="extends"):
        load_taxonomy(path)


@pytest.mark.parametrize(("line", "auto"), [("", True), ("auto_issues: false", False)])
def test_issues_user_file_can_turn_auto_issues_off(tmp_path, line, auto) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(f"{line}\n{USER}", encoding="utf-8")
    assert load_taxonomy(path).auto is auto


def test_issues_auto_issues_must_be_a_boolean(tmp_path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(f"auto_issues: sometimes\n{USER}", encoding="utf-8")
    with pytest.raises(DyadsError, match="auto_issues"):
        load_taxonomy(path)
