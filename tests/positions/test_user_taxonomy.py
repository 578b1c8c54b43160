"""A user's taxonomy file, end to end: ``dyads code --issues`` then ``dyads issues cluster``."""

from __future__ import annotations

import json

import duckdb
import pytest
from typer.testing import CliRunner

from dyads.cli import app

pytestmark = pytest.mark.slow

MINE = """
extends: dyads
issues:
  - id: troop_withdrawal
    label: Withdrawal of troops
    direction: troops are pulled back
    keywords: [withdrawal of troops, withdraw its troops]
"""
STORY = (
    "Russia demanded the withdrawal of troops. "
    "France urged Russia to withdraw its troops. "
    "Russia urged NATO to lift the blockade of Kaliningrad."
)


def _positions(db) -> dict[tuple[str, str], tuple[str, float, dict]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT actor_country, issue_id, issue_label, stance, evidence FROM positions"
        ).fetchall()
    return {(c, i): (label, s, json.loads(ev)) for c, i, label, s, ev in rows}


@pytest.mark.parametrize("with_file", [True, False])
def test_user_taxonomy_wins_over_auto_issues(tmp_path, with_file) -> None:
    story, mine, db = tmp_path / "story.txt", tmp_path / "mine.yaml", tmp_path / "t.duckdb"
    story.write_text(STORY, encoding="utf-8")
    mine.write_text(MINE, encoding="utf-8")
    args = ["code", str(story), "--date", "2022-06-20", "--db", str(db)]
    result = CliRunner().invoke(app, args + (["--issues", str(mine)] if with_file else []))
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["issues", "cluster", "--db", str(db)])
    assert result.exit_code == 0, result.output
    found = _positions(db)
    issue = "troop_withdrawal" if with_file else "auto:troop+withdraw"
    assert found["RUS", issue][1] == 1.0 and found["FRA", issue][1] == 1.0, found
    # the blockade is no issue of the file: it stays automatic and gets one label
    label, stance, evidence = found["RUS", "auto:blockad+kaliningrad"]
    assert (label, stance) == ("blockade of Kaliningrad", -1.0)
    assert evidence["auto_cluster"]["id"] == "auto:blockad+kaliningrad"
