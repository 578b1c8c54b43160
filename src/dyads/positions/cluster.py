"""Automatic issues over a whole store: merge claim keys and give each a readable label.

Coding gives each unmatched claim an issue from the stems of its object (``objects``:
"demanded the withdrawal of troops" -> ``auto:troop+withdraw``), which already groups
paraphrases across articles. Two rules refine it; the first is applied per article
while coding (``claims``) and again here, the second needs the whole store:

* **Merging.** A claim with a bare head ("rejected the withdrawal", ``auto:withdraw``)
  joins the more specific issue with that stem as head that its own article states
  ("demanded the withdrawal of troops", ``auto:troop+withdraw``): in the same article
  the bare phrase refers back to it. With no such issue, or two stated equally often,
  it stays on its own; across articles a bare "aid" may be anyone's aid, so it is never
  joined to "aid to Israel" on corpus counts alone.
* **Labels.** Each issue is labelled with the phrase its claims use most often, a noun
  phrase ("withdrawal of troops") before a verb phrase ("withdraw troops") on a tie.

The pass is a pure function of the claims' ``evidence`` (``auto_key``, ``auto_head``,
``auto_phrase``), never of the current issue ids, so it is deterministic, independent
of the order articles were coded in, and idempotent: running it again changes nothing,
and running it after more articles were coded re-groups everything from scratch.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dyads.positions.objects import AUTO_PREFIX


@dataclass(frozen=True)
class AutoClaim:
    """One position's automatic-issue evidence."""

    id: str
    doc_id: str
    key: tuple[str, ...]
    head: str
    phrase: str
    nominal: bool = True


@dataclass
class AutoIssue:
    """A cluster of claims: its id, label and the keys and phrases it was built from."""

    id: str
    label: str
    key: tuple[str, ...]
    claims: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # bare-head keys merged into it
    phrases: dict[str, int] = field(default_factory=dict)

    def evidence(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "claims": len(self.claims),
            "rule": "claims whose object has the stems "
            + " + ".join(self.key)
            + (f", and bare heads {', '.join(self.merged)}" if self.merged else ""),
        }


def cluster_claims(claims: Iterable[AutoClaim]) -> list[AutoIssue]:
    """Group automatic claims into issues (see module docstring).

    Args:
        claims (Iterable[AutoClaim]): every automatic claim of the corpus.

    RETURNS (list[AutoIssue]): the issues, most claims first, then by id.
    """
    claims = sorted(claims, key=lambda c: c.id)
    nearby = specific_keys(claims)
    issues: dict[tuple[str, ...], AutoIssue] = {}
    own: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for claim in claims:
        into = merged_key(claim, nearby)
        issue = issues.setdefault(
            into, AutoIssue(id=AUTO_PREFIX + "+".join(into), label="", key=into)
        )
        if into != claim.key and "+".join(claim.key) not in issue.merged:
            issue.merged.append("+".join(claim.key))
        issue.claims.append(claim.id)
        issue.phrases[claim.phrase] = issue.phrases.get(claim.phrase, 0) + 1
        if into == claim.key:
            own[into][claim.phrase] += 1
    nominal = {c.phrase for c in claims if c.nominal}
    for key, issue in issues.items():
        # the label names the whole key ("withdrawal of troops"), not a merged bare head
        issue.label = _label(dict(own[key] or issue.phrases), nominal)
        issue.merged.sort()
    return sorted(issues.values(), key=lambda i: (-len(i.claims), i.id))


Nearby = dict[tuple[str, str], Counter[tuple[str, ...]]]


def specific_keys(claims: Iterable[AutoClaim]) -> Nearby:
    """(article, head stem) -> how often the article states each specific key with it."""
    nearby: Nearby = defaultdict(Counter)
    for claim in claims:
        if len(claim.key) > 1:
            nearby[claim.doc_id, claim.head][claim.key] += 1
    return nearby


def merged_key(claim: AutoClaim, nearby: Nearby) -> tuple[str, ...]:
    """A bare head's one specific issue in the same article, else the claim's own key."""
    if len(claim.key) != 1:
        return claim.key
    options = nearby.get((claim.doc_id, claim.key[0]))
    if not options:
        return claim.key
    (best, n), *rest = sorted(options.items(), key=lambda kv: (-kv[1], kv[0]))
    return claim.key if rest and rest[0][1] == n else best  # a tie: no guess


def _label(phrases: dict[str, int], nominal: set[str]) -> str:
    """The most used phrase; a noun phrase, then the shorter, then A-Z on a tie."""
    counts = Counter({p.lower(): 0 for p in phrases})
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for phrase, n in phrases.items():
        counts[phrase.lower()] += n
        spelled[phrase.lower()][phrase] += n
    nouns = {p.lower() for p in nominal}
    best = min(counts, key=lambda p: (-counts[p], p not in nouns, len(p), p))
    return min(spelled[best], key=lambda p: (-spelled[best][p], p))


def read_claims(con: Any) -> list[AutoClaim]:
    """Every stored position that has automatic-issue evidence."""
    rows = con.execute(
        "SELECT id, doc_id, evidence FROM positions WHERE starts_with(issue_id, ?) ORDER BY id",
        [AUTO_PREFIX],
    ).fetchall()
    claims = []
    for pid, doc_id, raw in rows:
        ev = json.loads(raw) if isinstance(raw, str) else (raw or {})
        if not ev.get("auto_key"):
            continue
        claims.append(
            AutoClaim(
                id=pid,
                doc_id=str(doc_id),
                key=tuple(ev["auto_key"]),
                head=str(ev.get("auto_head", ev["auto_key"][0])),
                phrase=str(ev.get("auto_phrase", "+".join(ev["auto_key"]))),
                nominal=bool(ev.get("auto_nominal", True)),
            )
        )
    return claims


def cluster_store(con: Any) -> list[AutoIssue]:
    """Re-cluster the store's automatic claims and write ids, labels and evidence back.

    Args:
        con: a writable DuckDB connection (``Store.con``).

    RETURNS (list[AutoIssue]): the issues written.
    """
    claims = {c.id: c for c in read_claims(con)}
    issues = cluster_claims(claims.values())
    rows = con.execute(
        "SELECT id, evidence, issue_id, issue_label FROM positions WHERE starts_with(issue_id, ?)",
        [AUTO_PREFIX],
    ).fetchall()
    evidence = {
        pid: json.loads(raw) if isinstance(raw, str) else (raw or {}) for pid, raw, _, _ in rows
    }
    stored = {pid: (issue_id, label) for pid, _, issue_id, label in rows}
    updates = []
    for issue in issues:
        cluster = issue.evidence()
        for pid in issue.claims:
            mine = dict(cluster)
            if claims[pid].key != issue.key:
                mine["merged_from"] = "+".join(claims[pid].key)
            ev = {**evidence[pid], "auto_cluster": mine}
            if ev == evidence[pid] and stored[pid] == (issue.id, issue.label):
                continue  # unchanged: a re-run writes nothing
            text = json.dumps(ev, ensure_ascii=False, separators=(",", ":"))
            updates.append((issue.id, issue.label, text, pid))
    if not updates:
        return issues
    con.begin()
    try:
        con.executemany(
            "UPDATE positions SET issue_id = ?, issue_label = ?, evidence = ? WHERE id = ?",
            updates,
        )
        con.commit()
    except Exception:
        con.rollback()
        raise
    return issues
