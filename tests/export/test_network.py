"""Tests for dyads.export.network: DNA-style actor-issue and actor-actor networks."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dyads.errors import UsageError
from dyads.export import available_formats, network
from dyads.store import Store

try:  # tests/ is a package only if someone adds tests/__init__.py
    from tests.store.fixtures import build_store
except ImportError:
    from store.fixtures import build_store  # type: ignore[no-redef]

NS = {"g": network.GRAPHML_NS}


def _pos(
    actor: str | None,
    issue: str,
    stance: float | None,
    *,
    name: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    text: str | None = None,
    label: str | None = None,
) -> dict[str, Any]:
    return {
        "id": f"{actor}-{issue}-{stance}",
        "doc_id": "d1",
        "date": "2022-01-10",
        "actor": {
            "text": text or name or actor,
            "name": name,
            "country": country,
            "sector": sector,
            "code": actor,
            "kb_id": None,
        },
        "issue": {"id": issue, "label": label or issue.upper()},
        "stance": stance,
        "claim_text": "",
        "evidence": {},
    }


def _positions() -> list[dict[str, Any]]:
    """Four actors, three issues; D is neutral on y, A is split (mean -0.25) on z."""
    return [
        _pos("A", "x", 1.0, name="Ann", country="AAA", sector="GOV"),
        _pos("B", "x", 0.5),
        _pos("C", "x", -1.0),
        _pos("A", "y", -1.0, name="Ann"),
        _pos("B", "y", -0.5),
        _pos("C", "y", -0.5),
        _pos("D", "y", 0.5),
        _pos("D", "y", -0.5),
        _pos("A", "z", 0.5, name="Annie"),
        _pos("A", "z", -1.0),
        _pos("C", "z", 1.0),
    ]


def _edges(edges: list[network.Edge]) -> dict[tuple[str, str, str], tuple[float, str, int]]:
    return {
        (e.source, e.target, e.kind): (e.weight, e.attributes["issues"], e.attributes["pairs"])
        for e in edges
    }


CONGRUENCE = {
    ("A", "B", "congruence"): (2.0, "x;y", 2),
    ("A", "C", "congruence"): (1.0, "y", 1),
    ("B", "C", "congruence"): (1.0, "y", 1),
}
CONFLICT = {
    ("A", "C", "conflict"): (2.0, "x;z", 3),  # z: A has 2 statements, C 1 -> 2 pairs
    ("B", "C", "conflict"): (1.0, "x", 1),
}


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("congruence", CONGRUENCE), ("conflict", CONFLICT), ("both", {**CONGRUENCE, **CONFLICT})],
)
def test_network_actor_network_weights(kind: str, expected: dict[Any, Any]) -> None:
    nodes, edges = network.actor_network(_positions(), kind=kind)
    assert _edges(edges) == expected
    assert [n.id for n in nodes] == ["A", "B", "C", "D"]  # D (neutral only) is an isolate
    assert all(e.source < e.target for e in edges)
    assert edges == sorted(edges, key=lambda e: (e.source, e.target, e.kind))


@pytest.mark.parametrize("stances", [[0.0], [0.5, -0.5], [0.1, 0.2, -0.3]])
def test_network_neutral_mean_counts_for_neither(stances: list[float]) -> None:
    positions = [_pos("A", "x", 1.0), _pos("B", "x", -1.0)]
    positions += [_pos("N", "x", s) for s in stances]
    _, edges = network.actor_network(positions)
    assert _edges(edges) == {("A", "B", "conflict"): (1.0, "x", 1)}
    _, two_mode = network.bipartite(positions)
    neutral = next(e for e in two_mode if e.source == "N")
    assert neutral.kind == "neutral"
    assert neutral.attributes["stance"] == pytest.approx(0.0)
    assert neutral.weight == len(stances)


def test_network_bipartite_edges() -> None:
    nodes, edges = network.bipartite(_positions())
    assert [(n.id, n.type) for n in nodes] == [
        ("A", "actor"), ("B", "actor"), ("C", "actor"), ("D", "actor"),
        ("x", "issue"), ("y", "issue"), ("z", "issue"),
    ]  # fmt: skip
    by_pair = {(e.source, e.target): e for e in edges}
    assert len(by_pair) == len(edges) == 9
    split = by_pair[("A", "z")]
    assert (split.weight, split.kind) == (2.0, "disagree")
    assert split.attributes == {
        "stance": -0.25,
        "count": 2,
        "agree": 1,
        "disagree": 1,
        "neutral": 0,
    }
    assert by_pair[("B", "x")].kind == "agree"
    assert by_pair[("D", "y")].kind == "neutral"
    assert by_pair[("D", "y")].attributes["agree"] == by_pair[("D", "y")].attributes["disagree"]


def test_network_node_attributes_and_ids() -> None:
    positions = [
        *_positions(),
        _pos(None, "x", 1.0, name="Bob Jones"),  # no code: the name is the id
        _pos(None, "x", 1.0, text="a spokesman"),  # no code, no name: the text
        _pos(None, "x", 1.0),  # nothing to name the actor: skipped
        _pos("E", "x", None),  # no stance: skipped
    ]
    nodes, _ = network.bipartite(positions)
    by_id = {n.id: n for n in nodes}
    assert "E" not in by_id
    assert by_id["A"] == network.Node("A", "actor", "Ann", "AAA", "GOV", 4)  # Ann twice
    assert by_id["B"].label == "B"  # no canonical name: the code
    assert by_id["Bob Jones"].type == "actor"
    assert by_id["a spokesman"].label == "a spokesman"
    assert by_id["x"] == network.Node("x", "issue", "X", None, None, 5)


def test_network_issue_id_equal_to_actor_id_is_prefixed() -> None:
    nodes, edges = network.bipartite([_pos("NATO", "NATO", 1.0), _pos("USA", "NATO", 1.0)])
    assert [n.id for n in nodes] == ["NATO", "USA", "issue:NATO"]
    assert {(e.source, e.target) for e in edges} == {("NATO", "issue:NATO"), ("USA", "issue:NATO")}


def test_network_unknown_kind_raises() -> None:
    with pytest.raises(UsageError, match="congruence"):
        network.actor_network(_positions(), kind="agreement")


def _graphml(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


def _data(element: ET.Element, keys: dict[str, str]) -> dict[str, str]:
    return {keys[d.get("key", "")]: d.text or "" for d in element.findall("g:data", NS)}


@pytest.mark.parametrize("what", ["actor-issue", "actor-actor"])
def test_network_graphml_parses_with_nodes_edges_attributes(what: str) -> None:
    build = network.bipartite if what == "actor-issue" else network.actor_network
    nodes, edges = build(_positions())
    stream = io.StringIO()
    assert network.write_graphml(nodes, edges, stream, network=what) == len(edges)
    root = _graphml(stream.getvalue())
    keys = {k.get("id", ""): k.get("attr.name", "") for k in root.findall("g:key", NS)}
    declared = {(k.get("for"), k.get("attr.name")) for k in root.findall("g:key", NS)}
    assert {("node", name) for name in network.NODE_ATTRIBUTES} <= declared
    assert {("edge", name) for name in network.EDGE_ATTRIBUTES[what]} <= declared
    graph = root.find("g:graph", NS)
    assert graph is not None
    assert graph.get("edgedefault") == "undirected"
    found_nodes = {n.get("id"): _data(n, keys) for n in graph.findall("g:node", NS)}
    assert set(found_nodes) == {n.id for n in nodes}
    assert found_nodes["A"] == {
        "label": "Ann",
        "type": "actor",
        "country": "AAA",
        "sector": "GOV",
        "statements": "4",
    }
    assert "country" not in found_nodes["B"]  # missing values are left out
    found_edges = graph.findall("g:edge", NS)
    assert len(found_edges) == len(edges)
    assert len({e.get("id") for e in found_edges}) == len(edges)
    for element, edge in zip(found_edges, edges, strict=True):
        assert (element.get("source"), element.get("target")) == (edge.source, edge.target)
        values = _data(element, keys)
        assert float(values["weight"]) == edge.weight
        assert values["kind"] == edge.kind


def test_network_graphml_drops_control_characters() -> None:
    nodes, edges = network.bipartite([_pos("A\x01", "x", 1.0, name="An\x0bn")])
    stream = io.StringIO()
    network.write_graphml(nodes, edges, stream, network="actor-issue")
    graph = _graphml(stream.getvalue()).find("g:graph", NS)
    assert graph is not None
    assert [n.get("id") for n in graph.findall("g:node", NS)] == ["A", "x"]


@pytest.mark.parametrize(
    ("what", "header"),
    [
        (
            "actor-issue",
            ["source", "target", "weight", "kind", "stance", "count", "agree", "disagree",
             "neutral"],
        ),
        ("actor-actor", ["source", "target", "weight", "kind", "issues", "pairs"]),
    ],
)  # fmt: skip
def test_network_csv_header_and_rows(what: str, header: list[str]) -> None:
    build = network.bipartite if what == "actor-issue" else network.actor_network
    _, edges = build(_positions())
    stream = io.StringIO()
    assert network.write_edges_csv(edges, stream, network=what) == len(edges)
    rows = list(csv.reader(io.StringIO(stream.getvalue())))
    assert rows[0] == header
    assert len(rows) == len(edges) + 1
    if what == "actor-actor":
        assert ["A", "C", "2.0", "conflict", "x;z", "3"] in rows


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with build_store(tmp_path / "db.duckdb") as built:
        yield built


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        (None, None, {("IGOWSTNAT", "USAGOV", "congruence"), ("RUSGOV", "USAGOV", "conflict")}),
        ("2022-01-15", None, {("IGOWSTNAT", "USAGOV", "congruence")}),
        (None, "2022-01-15", set()),
    ],
)
def test_network_write_from_store(
    store: Store, tmp_path: Path, since: str | None, until: str | None, expected: set[Any]
) -> None:
    out = tmp_path / "net.csv"
    n = network.write(store.con, "actor-actor", out, format="csv", since=since, until=until)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert n == len(rows) == len(expected)
    assert {(r["source"], r["target"], r["kind"]) for r in rows} == expected


@pytest.mark.parametrize(
    ("what", "format", "kind"),
    [("actors", "graphml", "both"), ("actor-issue", "jsonl", "both"),
     ("actor-actor", "csv", "agreement")],
)  # fmt: skip
def test_network_write_rejects_bad_choices(
    store: Store, tmp_path: Path, what: str, format: str, kind: str
) -> None:
    out = tmp_path / "net.out"
    with pytest.raises(UsageError):
        network.write(store.con, what, out, format=format, kind=kind)
    assert not out.exists()


def test_network_module_is_not_an_export_format() -> None:
    assert "network" not in available_formats()
