"""``dyads export --what actor-issue|actor-actor``: discourse networks from a database."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from . import assert_exit, invoke

try:  # tests/ is a package only if someone adds tests/__init__.py
    from tests.store.fixtures import build_store
except ImportError:
    from store.fixtures import build_store  # type: ignore[no-redef]

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


@pytest.fixture
def positions_db(tmp_path: Path) -> Path:
    """Four positions: RUSGOV vs USAGOV on NATO expansion, USAGOV and NATO on sanctions."""
    db = tmp_path / "positions.duckdb"
    build_store(db).close()
    return db


def _graph(path: Path) -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", NS)}
    graph = root.find("g:graph", NS)
    assert graph is not None

    def data(element: ET.Element) -> dict[str, str]:
        return {str(keys[d.get("key")]): d.text or "" for d in element.findall("g:data", NS)}

    nodes = {str(n.get("id")): data(n) for n in graph.findall("g:node", NS)}
    edges = [
        {"source": str(e.get("source")), "target": str(e.get("target")), **data(e)}
        for e in graph.findall("g:edge", NS)
    ]
    return nodes, edges


def test_export_network_actor_issue_graphml(positions_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "actor-issue.graphml"
    result = invoke(
        "export", "--db", positions_db, "--what", "actor-issue", "--format", "graphml",
        "--out", out,
    )  # fmt: skip
    assert_exit(result, 0)
    assert f"wrote 4 actor-issue edges to {out}" in result.stdout.replace("\n", "")
    nodes, edges = _graph(out)
    assert {i: n["type"] for i, n in nodes.items()} == {
        "RUSGOV": "actor", "USAGOV": "actor", "IGOWSTNAT": "actor",
        "nato_expansion": "issue", "sanctions": "issue",
    }  # fmt: skip
    assert nodes["RUSGOV"]["country"] == "RUS"
    assert nodes["nato_expansion"]["label"] == "NATO expansion"
    kinds = {(e["source"], e["target"]): (e["kind"], float(e["stance"])) for e in edges}
    assert kinds == {
        ("RUSGOV", "nato_expansion"): ("disagree", -1.0),
        ("USAGOV", "nato_expansion"): ("agree", 0.5),
        ("USAGOV", "sanctions"): ("agree", 1.0),
        ("IGOWSTNAT", "sanctions"): ("agree", 0.5),
    }


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (None, {("IGOWSTNAT", "USAGOV", "congruence"), ("RUSGOV", "USAGOV", "conflict")}),
        ("conflict", {("RUSGOV", "USAGOV", "conflict")}),
    ],
)
def test_export_network_actor_actor_csv(
    positions_db: Path, tmp_path: Path, kind: str | None, expected: set[tuple[str, ...]]
) -> None:
    out = tmp_path / "actor-actor.csv"
    options = ["--kind", kind] if kind else []
    result = invoke(
        "export", "--db", positions_db, "--what", "actor-actor", "--format", "csv",
        "--out", out, *options,
    )  # fmt: skip
    assert_exit(result, 0)
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == ["source", "target", "weight", "kind", "issues", "pairs"]
    assert {(r["source"], r["target"], r["kind"]) for r in rows} == expected


def test_export_network_empty_db(empty_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty.graphml"
    result = invoke(
        "export", "--db", empty_db, "--what", "actor-actor", "--format", "graphml", "--out", out
    )
    assert_exit(result, 0)
    assert _graph(out) == ({}, [])


@pytest.mark.parametrize(
    "args",
    [
        ["--what", "actor-issue", "--format", "jsonl"],
        ["--what", "actor-issue", "--format", "graphml", "--kind", "conflict"],
        ["--what", "actor-actor", "--format", "graphml", "--kind", "agreement"],
        ["--what", "actor-actor", "--format", "graphml", "--since", "last week"],
        ["--what", "events", "--format", "jsonl", "--kind", "conflict"],
        ["--what", "events", "--format", "csv", "--since", "2022-01-01"],
        ["--what", "events", "--format", "graphml"],
    ],
)
def test_export_network_bad_options_exit_2(
    positions_db: Path, tmp_path: Path, args: list[str]
) -> None:
    out = tmp_path / "x.out"
    result = invoke("export", "--db", positions_db, "--out", out, *args)
    assert_exit(result, 2)
    assert not out.exists()


def test_export_network_unknown_what_lists_networks(empty_db: Path, tmp_path: Path) -> None:
    result = invoke(
        "export", "--db", empty_db, "--what", "network", "--format", "graphml",
        "--out", tmp_path / "x",
    )  # fmt: skip
    assert_exit(result, 2)
    assert "actor-issue" in result.stderr
    assert "events" in result.stderr


def test_export_network_help_documents_networks() -> None:
    result = invoke("export", "--help")
    assert_exit(result, 0)
    for word in ("actor-issue", "actor-actor", "graphml", "congruence", "--kind"):
        assert word in result.stdout
