"""Automatic issues over a store: merging bare heads, labels, determinism, idempotence."""

from __future__ import annotations

import json
import random

import duckdb
import pytest

from dyads.positions.cluster import AutoClaim, cluster_claims, cluster_store


def _claims(*rows: tuple[str, str, str, str, bool]) -> list[AutoClaim]:
    """(article, key "a+b", head stem, phrase, nominal) -> claims with ids c0, c1, ..."""
    return [
        AutoClaim(f"c{i}", doc, tuple(key.split("+")), head, phrase, nominal)
        for i, (doc, key, head, phrase, nominal) in enumerate(rows)
    ]


TROOPS = _claims(
    ("a", "troop+withdraw", "withdraw", "withdrawal of troops", True),
    ("b", "troop+withdraw", "withdraw", "withdraw troops", False),
    ("c", "troop+withdraw", "withdraw", "withdrawal of troops", True),
    ("a", "withdraw", "withdraw", "withdrawal", True),  # "rejected the withdrawal", same article
    ("d", "withdraw", "withdraw", "withdrawal", True),  # an article about another withdrawal
    ("a", "blockad+kaliningrad", "blockad", "blockade of Kaliningrad", True),
    ("e", "troop", "troop", "more troops", True),  # troop is a dependent above, not a head
)


def _by_id(issues) -> dict[str, tuple[str, list[str]]]:
    return {i.id: (i.label, sorted(i.claims)) for i in issues}


def test_cluster_bare_head_joins_its_articles_specific_issue() -> None:
    issues = _by_id(cluster_claims(TROOPS))
    assert issues["auto:troop+withdraw"] == ("withdrawal of troops", ["c0", "c1", "c2", "c3"])
    assert issues["auto:withdraw"] == ("withdrawal", ["c4"])
    assert issues["auto:troop"] == ("more troops", ["c6"])


def test_cluster_bare_head_with_two_candidates_stays_alone() -> None:
    claims = _claims(
        ("a", "troop+withdraw", "withdraw", "withdrawal of troops", True),
        ("a", "treaty+withdraw", "withdraw", "withdrawal from treaty", True),
        ("a", "withdraw", "withdraw", "withdrawal", True),
    )
    assert _by_id(cluster_claims(claims))["auto:withdraw"] == ("withdrawal", ["c2"])


@pytest.mark.parametrize(
    ("phrases", "label"),
    [
        ([("withdraw troops", False), ("withdrawal of troops", True)], "withdrawal of troops"),
        ([("withdraw troops", False)] * 2 + [("withdrawal of troops", True)], "withdraw troops"),
        ([("Blockade", True), ("blockade", True), ("blockade", True)], "blockade"),
    ],
)
def test_cluster_label_is_the_commonest_phrase(phrases, label) -> None:
    claims = [
        AutoClaim(f"c{i}", "a", ("troop", "withdraw"), "withdraw", p, n)
        for i, (p, n) in enumerate(phrases)
    ]
    (issue,) = cluster_claims(claims)
    assert issue.label == label


def test_cluster_is_order_independent() -> None:
    expected = _by_id(cluster_claims(TROOPS))
    for seed in range(5):
        shuffled = list(TROOPS)
        random.Random(seed).shuffle(shuffled)
        assert _by_id(cluster_claims(shuffled)) == expected


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE positions (id VARCHAR PRIMARY KEY, doc_id VARCHAR, issue_id VARCHAR,"
        " issue_label VARCHAR, evidence JSON)"
    )
    rows = [
        (
            c.id,
            c.doc_id,
            "auto:" + "+".join(c.key),
            c.phrase,
            json.dumps(
                {
                    "event_id": "e",
                    "auto_key": list(c.key),
                    "auto_head": c.head,
                    "auto_phrase": c.phrase,
                    "auto_nominal": c.nominal,
                }
            ),
        )
        for c in TROOPS
    ] + [("t", "a", "nato_enlargement", "NATO enlargement", json.dumps({"event_id": "e"}))]
    con.executemany("INSERT INTO positions VALUES (?, ?, ?, ?, ?)", rows)
    yield con
    con.close()


def test_cluster_store_rewrites_and_is_idempotent(con) -> None:
    cluster_store(con)
    first = con.execute("SELECT * FROM positions ORDER BY id").fetchall()
    cluster_store(con)
    assert con.execute("SELECT * FROM positions ORDER BY id").fetchall() == first
    rows = {pid: (issue, label, json.loads(ev)) for pid, _, issue, label, ev in first}
    assert rows["c1"][:2] == rows["c3"][:2] == ("auto:troop+withdraw", "withdrawal of troops")
    assert rows["c3"][2]["auto_cluster"]["claims"] == 4
    assert rows["c3"][2]["auto_cluster"]["merged_from"] == "withdraw"
    assert "merged_from" not in rows["c1"][2]["auto_cluster"]
    assert rows["c4"][:2] == ("auto:withdraw", "withdrawal")
    assert rows["t"][:2] == ("nato_enlargement", "NATO enlargement")  # taxonomy untouched
