"""Discourse networks from positions, in the data model of the Discourse Network Analyzer.

DNA codes statements as actor x concept x agree/disagree; dyads' positions are the same
thing with a graded stance in [-1, +1] on an issue. This module builds DNA's standard
networks from position records (the dicts :func:`dyads.store.queries.positions` returns)
and writes them as GraphML (Gephi, visone, networkx, igraph) or as a CSV edge list.

- :func:`bipartite`: the two-mode actor-issue network. One undirected edge per actor and
  issue the actor took a position on. ``weight`` and ``count`` are the number of
  statements, ``stance`` their mean, ``agree``/``disagree``/``neutral`` the number of
  statements with a stance above, below or at 0, and ``kind`` the sign of the mean
  (``agree``, ``disagree`` or ``neutral``).
- :func:`actor_network`: the one-mode actor-actor projections. Each actor's position on
  an issue is the sign of its mean stance there. Two actors are *congruent* on an issue
  when both agree or both disagree, in *conflict* when one agrees and the other
  disagrees. An edge's ``weight`` is the number of such issues, ``issues`` lists them
  (``;``-joined) and ``pairs`` counts the statement pairs behind them (the sum over those
  issues of the two actors' statement counts multiplied).

A mean stance of exactly 0 (within :data:`NEUTRAL_EPSILON`, e.g. one statement at +0.5
and one at -0.5) is *neutral*: the actor-issue edge is kept, with ``kind="neutral"``, but
the actor counts neither for congruence nor for conflict on that issue.

Node ids are actor codes (else the actor's canonical name, else the text it was found
as) and issue ids; an issue id equal to an actor id becomes ``issue:<id>``. Nodes carry
``label`` (an actor's most frequent canonical name, else its id; an issue's label),
``type`` (``actor`` or ``issue``), ``country`` and ``sector`` (the most frequent value
among the actor's positions) and ``statements`` (how many positions mention the node).
Actors without any code, name or text, and positions without an issue id or a stance,
are skipped. Output is deterministic: nodes and edges are sorted by id.

Example:
    >>> nodes, edges = actor_network(queries.positions(con), kind="conflict")
    >>> write_graphml(nodes, edges, Path("conflict.graphml"))
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any, NamedTuple, TextIO

import duckdb

from ..errors import UsageError, message
from . import output

NETWORK_WHAT = ("actor-issue", "actor-actor")
"""The networks :func:`write` exports: two-mode actor-issue, one-mode actor-actor."""

NETWORK_FORMATS = ("graphml", "csv")
"""The file formats of a network: GraphML, or a CSV edge list."""

NETWORK_KINDS = ("congruence", "conflict", "both")
"""The actor-actor edges to keep; ``both`` gives two edges to a pair that has both."""

NEUTRAL_EPSILON = 1e-9
"""A mean stance closer to 0 than this is neutral (guards against float rounding)."""

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

NODE_ATTRIBUTES: dict[str, str] = {
    "label": "string",
    "type": "string",
    "country": "string",
    "sector": "string",
    "statements": "int",
}
"""Node attributes and their GraphML types."""

EDGE_ATTRIBUTES: dict[str, dict[str, str]] = {
    "actor-issue": {
        "weight": "double",
        "kind": "string",
        "stance": "double",
        "count": "int",
        "agree": "int",
        "disagree": "int",
        "neutral": "int",
    },
    "actor-actor": {
        "weight": "double",
        "kind": "string",
        "issues": "string",
        "pairs": "int",
    },
}
"""Edge attributes of each network and their GraphML types (also the CSV columns)."""


class Node(NamedTuple):
    """A network node: an actor or an issue."""

    id: str
    type: str
    label: str
    country: str | None = None
    sector: str | None = None
    statements: int = 0


class Edge(NamedTuple):
    """An undirected edge; ``attributes`` holds the network's other edge attributes."""

    source: str
    target: str
    weight: float
    kind: str
    attributes: Mapping[str, Any]


# -- building ---------------------------------------------------------------------------


class _Held(NamedTuple):
    """One actor's statements on one issue."""

    stances: list[float]

    @property
    def mean(self) -> float:
        return sum(self.stances) / len(self.stances)


def bipartite(positions: Iterable[Mapping[str, Any]]) -> tuple[list[Node], list[Edge]]:
    """Build the two-mode actor-issue network.

    Args:
        positions (Iterable[Mapping]): position records (``actor``, ``issue``, ``stance``).

    Returns:
        tuple[list[Node], list[Edge]]: actor nodes then issue nodes, each sorted by id;
        one edge per actor and issue (``source`` the actor, ``target`` the issue),
        sorted, with ``weight`` = ``count`` = the number of statements, ``stance`` their
        mean, ``agree``/``disagree``/``neutral`` counts and ``kind`` the mean's sign.
    """
    actors, issues, held = _collect(positions)
    edges = []
    for (actor, issue), statements in sorted(held.items()):
        stances = statements.stances
        mean = statements.mean
        edges.append(
            Edge(
                source=actor,
                target=issues.node_id(issue),
                weight=float(len(stances)),
                kind=_KIND_OF_SIGN[_sign(mean)],
                attributes={
                    "stance": round(mean, 6),
                    "count": len(stances),
                    "agree": sum(1 for s in stances if _sign(s) > 0),
                    "disagree": sum(1 for s in stances if _sign(s) < 0),
                    "neutral": sum(1 for s in stances if _sign(s) == 0),
                },
            )
        )
    return actors.nodes() + issues.nodes(), edges


def actor_network(
    positions: Iterable[Mapping[str, Any]], kind: str = "both"
) -> tuple[list[Node], list[Edge]]:
    """Build the one-mode actor-actor congruence and/or conflict network.

    Every actor with a position is a node, so actors sharing no issue show as isolates.

    Args:
        positions (Iterable[Mapping]): position records (``actor``, ``issue``, ``stance``).
        kind (str): ``congruence`` (same sign on an issue), ``conflict`` (opposite signs)
            or ``both`` (a pair may then have one edge of each kind). Defaults to both.

    Returns:
        tuple[list[Node], list[Edge]]: actor nodes sorted by id; edges with
        ``source < target``, sorted, ``weight`` the number of issues, ``kind``,
        ``issues`` (``;``-joined ids) and ``pairs`` (statement pairs).

    Raises:
        UsageError: ``kind`` is not one of :data:`NETWORK_KINDS`.
    """
    _check("--kind", kind, NETWORK_KINDS)
    actors, _, held = _collect(positions)
    by_issue: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for (actor, issue), statements in held.items():
        sign = _sign(statements.mean)
        if sign != 0:  # neutral: neither congruent nor in conflict with anyone
            by_issue[issue].append((actor, sign, len(statements.stances)))
    shared: dict[tuple[str, str, str], list[tuple[str, int]]] = defaultdict(list)
    for issue, held_by in by_issue.items():
        for (a, sign_a, n_a), (b, sign_b, n_b) in combinations(sorted(held_by), 2):
            edge_kind = "congruence" if sign_a == sign_b else "conflict"
            if kind in (edge_kind, "both"):
                shared[(a, b, edge_kind)].append((issue, n_a * n_b))
    edges = [
        Edge(
            source=a,
            target=b,
            weight=float(len(found)),
            kind=edge_kind,
            attributes={
                "issues": ";".join(sorted(issue for issue, _ in found)),
                "pairs": sum(pairs for _, pairs in found),
            },
        )
        for (a, b, edge_kind), found in sorted(shared.items())
    ]
    return actors.nodes(), edges


_KIND_OF_SIGN = {1: "agree", -1: "disagree", 0: "neutral"}


def _sign(stance: float) -> int:
    if abs(stance) < NEUTRAL_EPSILON:
        return 0
    return 1 if stance > 0 else -1


class _Nodes:
    """Accumulates nodes of one type, with the most frequent attribute values."""

    def __init__(self, type: str) -> None:
        self.type = type
        self.count: Counter[str] = Counter()
        self.values: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
        self.renamed: dict[str, str] = {}

    def add(self, node_id: str, **values: Any) -> None:
        self.count[node_id] += 1
        for name, value in values.items():
            if value not in (None, ""):
                self.values[node_id][name][str(value)] += 1

    def node_id(self, key: str) -> str:
        return self.renamed.get(key, key)

    def nodes(self) -> list[Node]:
        found = []
        for key in sorted(self.count):
            values = {name: c.most_common(1)[0][0] for name, c in self.values[key].items()}
            found.append(
                Node(
                    id=self.node_id(key),
                    type=self.type,
                    label=values.get("label", key),
                    country=values.get("country"),
                    sector=values.get("sector"),
                    statements=self.count[key],
                )
            )
        return found


def _collect(
    positions: Iterable[Mapping[str, Any]],
) -> tuple[_Nodes, _Nodes, dict[tuple[str, str], _Held]]:
    actors, issues = _Nodes("actor"), _Nodes("issue")
    held: dict[tuple[str, str], _Held] = {}
    for position in positions:
        actor = position.get("actor") or {}
        issue = position.get("issue") or {}
        stance = position.get("stance")
        actor_id = actor.get("code") or actor.get("name") or actor.get("text")
        issue_id = issue.get("id")
        if not actor_id or not issue_id or stance is None:
            continue
        actors.add(
            actor_id,
            label=actor.get("name"),
            country=actor.get("country"),
            sector=actor.get("sector"),
        )
        issues.add(issue_id, label=issue.get("label"))
        held.setdefault((actor_id, issue_id), _Held([])).stances.append(float(stance))
    for issue_id in issues.count:
        if issue_id in actors.count:
            issues.renamed[issue_id] = f"issue:{issue_id}"
    return actors, issues, held


# -- writing ----------------------------------------------------------------------------


def write_graphml(
    nodes: Sequence[Node], edges: Sequence[Edge], out: Path | TextIO, *, network: str
) -> int:
    """Write a network as undirected GraphML (UTF-8), with typed attribute keys.

    Missing values (an actor without a country) are left out of the node, as GraphML
    allows. Key ids are ``n_<name>`` and ``e_<name>``; tools read ``attr.name``.

    Args:
        nodes (Sequence[Node]): the nodes.
        edges (Sequence[Edge]): the edges, between ids of ``nodes``.
        out (Path | TextIO): a file path (written atomically), ``-`` or an open stream.
        network (str): ``actor-issue`` or ``actor-actor``: picks the edge attributes.

    Returns:
        int: the number of edges written.
    """
    _check("--what", network, NETWORK_WHAT)
    edge_attributes = EDGE_ATTRIBUTES[network]
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
    for prefix, domain, attributes in (
        ("n", "node", NODE_ATTRIBUTES),
        ("e", "edge", edge_attributes),
    ):
        for name, type_ in attributes.items():
            ET.SubElement(
                root,
                "key",
                {
                    "id": f"{prefix}_{name}",
                    "for": domain,
                    "attr.name": name,
                    "attr.type": type_,
                },
            )
    graph = ET.SubElement(root, "graph", {"id": network, "edgedefault": "undirected"})
    for node in nodes:
        element = ET.SubElement(graph, "node", {"id": _xml_text(node.id)})
        _data(element, "n", NODE_ATTRIBUTES, node._asdict())
    for number, edge in enumerate(edges):
        element = ET.SubElement(
            graph,
            "edge",
            {
                "id": f"e{number}",
                "source": _xml_text(edge.source),
                "target": _xml_text(edge.target),
            },
        )
        _data(element, "e", edge_attributes, _edge_values(edge))
    ET.indent(root)
    with output(out) as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        ET.ElementTree(root).write(handle, encoding="unicode")
        handle.write("\n")
    return len(edges)


def write_edges_csv(edges: Sequence[Edge], out: Path | TextIO, *, network: str) -> int:
    """Write a CSV edge list: ``source,target,weight,kind`` then the network's attributes.

    Gephi's spreadsheet import reads it as an edge table (choose "undirected"). Empty
    cells are missing values.

    Args:
        edges (Sequence[Edge]): the edges.
        out (Path | TextIO): a file path (written atomically), ``-`` or an open stream.
        network (str): ``actor-issue`` or ``actor-actor``: picks the columns.

    Returns:
        int: the number of data rows written.
    """
    _check("--what", network, NETWORK_WHAT)
    header = edge_columns(network)
    with output(out, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for edge in edges:
            values = _edge_values(edge)
            writer.writerow(["" if values.get(c) is None else values[c] for c in header])
    return len(edges)


def edge_columns(network: str) -> tuple[str, ...]:
    """Return the CSV header of a network's edge list."""
    return ("source", "target", *EDGE_ATTRIBUTES[network])


def write(
    con: duckdb.DuckDBPyConnection,
    what: str,
    out: Path | TextIO,
    *,
    format: str = "graphml",
    kind: str = "both",
    since: str | None = None,
    until: str | None = None,
) -> int:
    """Build a network from the stored positions and write it.

    Args:
        con (DuckDBPyConnection): a connection to a dyads database.
        what (str): ``actor-issue`` or ``actor-actor`` (see :data:`NETWORK_WHAT`).
        out (Path | TextIO): a file path (written atomically), ``-`` or an open stream.
        format (str): ``graphml`` or ``csv``. Defaults to graphml.
        kind (str): for ``actor-actor``: congruence, conflict or both. Defaults to both.
        since (str | None): only positions dated on or after this YYYY-MM-DD.
        until (str | None): only positions dated on or before this YYYY-MM-DD.

    Returns:
        int: the number of edges written.

    Raises:
        UsageError: ``what``, ``format`` or ``kind`` is not a valid choice.
        DyadsError: a date is invalid, or the output file cannot be written.
    """
    from ..store import queries

    _check("--what", what, NETWORK_WHAT)
    _check("--format", format, NETWORK_FORMATS)
    _check("--kind", kind, NETWORK_KINDS)
    positions = queries.positions(con, since=since, until=until)
    if what == "actor-issue":
        nodes, edges = bipartite(positions)
    else:
        nodes, edges = actor_network(positions, kind=kind)
    if format == "graphml":
        return write_graphml(nodes, edges, out, network=what)
    return write_edges_csv(edges, out, network=what)


def _edge_values(edge: Edge) -> dict[str, Any]:
    return {
        "source": edge.source,
        "target": edge.target,
        "weight": edge.weight,
        "kind": edge.kind,
        **edge.attributes,
    }


def _data(
    element: ET.Element, prefix: str, attributes: Mapping[str, str], values: Mapping[str, Any]
) -> None:
    for name in attributes:
        value = values.get(name)
        if value is None:
            continue
        data = ET.SubElement(element, "data", {"key": f"{prefix}_{name}"})
        data.text = _xml_text(str(value))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Drop the characters XML 1.0 cannot hold (control characters)."""
    return _NOT_XML.sub("", text)


def _check(option: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        raise UsageError(
            message(f"{option} {value!r}", f"one of {', '.join(choices)}", "Pick one of those.")
        )
