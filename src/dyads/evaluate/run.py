"""Running an evaluation: read a gold set, code its texts, score, explain the errors.

``evaluate`` is what ``dyads eval`` and ``make eval`` call. It codes every gold text
with the same ``code_doc`` that ``dyads code`` uses (so the numbers measure the
product, not a special path), then scores events, quotes or dyad labels depending on
what the gold holds, and can write every false positive and negative with the
sentence and dyads' evidence.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.errors import UsageError
from dyads.evaluate import metrics
from dyads.evaluate.gold import KINDS, GoldActor, GoldRecord, GoldSet
from dyads.knowledge import Knowledge
from dyads.nlp import parse_articles
from dyads.pipeline import code_doc
from dyads.records import Actor, Article, Coded, Event


def read_gold(path: Path, kind: str) -> GoldSet:
    """Read a gold file with the reader for ``kind``."""
    if kind not in KINDS:
        raise UsageError(f"--kind {kind!r} is unknown; expected one of {', '.join(KINDS)}.")
    if not path.exists():
        raise UsageError(f"{path}: no such file or directory")
    if kind == "petrarch-xml":
        from dyads.evaluate.petrarch import read_petrarch

        return read_petrarch(path)
    if kind == "plover-gsr":
        from dyads.evaluate.plover_gsr import read_plover_gsr

        return read_plover_gsr(path)
    if kind == "plv":
        from dyads.evaluate.plv import read_plv

        return read_plv(path)
    if kind == "ngec-actors":
        from dyads.evaluate.ngec import read_ngec_actors

        return read_ngec_actors(path)
    if kind == "cameo-manual":
        from dyads.evaluate.cameo_manual import read_cameo_manual

        return read_cameo_manual(path)
    if kind == "event-location":
        from dyads.evaluate.event_location import read_event_location

        return read_event_location(path)
    if kind == "polnear":
        from dyads.evaluate.polnear import read_polnear

        return read_polnear(path)
    from dyads.evaluate.jsonl_gold import read_jsonl_gold

    return read_jsonl_gold(path)


@dataclass
class Outcome:
    """One gold record with what dyads made of it."""

    record: GoldRecord
    doc: Doc
    coded: Coded
    predicted_label: str | None = None


@dataclass
class Report:
    kind: str
    gold: str
    values: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "gold_path": self.gold, **self.values}


def evaluate(
    gold: GoldSet,
    nlp: Language,
    knowledge: Knowledge,
    *,
    limit: int | None = None,
    errors: TextIO | None = None,
    on_record: Callable[[int], None] | None = None,
) -> Report:
    """Code every evaluated gold record and score it.

    Args:
        gold (GoldSet): the gold set (its ``actor_files`` must already be in ``knowledge``).
        nlp (Language): the spaCy pipeline.
        knowledge (Knowledge): the knowledge to code with.
        limit (int | None): score only the first N evaluated records.
        errors (TextIO | None): where to write one JSON line per error.
        on_record (Callable | None): progress callback, called with records done.

    RETURNS (Report): the metrics, keyed as documented in docs/EVALUATION.md.
    """
    records = [r for r in gold.records if r.evaluate][:limit]
    if gold.kind == "ngec-actors":
        outcomes: list[Outcome] = []
        values = _score_actor_cases(records, nlp, knowledge, errors)
    elif gold.kind == "event-location":
        from dyads.evaluate.event_location import score_event_locations

        outcomes = []  # the place chooser is scored on the gold verb, nothing is coded
        values = score_event_locations(records, nlp, errors)
    else:
        outcomes = list(_code(records, nlp, knowledge, on_record))
        if gold.negations:
            outcomes = [_negations_as_gold(o, gold.negations) for o in outcomes]
        values = {}
    values |= {
        "records": len(records),
        "skipped_records": len(gold.records) - len([r for r in gold.records if r.evaluate]),
        "pipeline_version": knowledge.version,
        "date": date.today().isoformat(),
        "notes": list(gold.notes),
    }
    if gold.kind == "plv":
        values.update(_score_plv(outcomes, knowledge))
    if gold.kind in ("petrarch-xml", "plover-gsr", "jsonl"):
        values.update(_score_events(outcomes, petrarch=gold.kind == "petrarch-xml"))
    if gold.kind == "plover-gsr":
        values.update(_score_actor_slots(outcomes, nlp, knowledge))
    if gold.kind == "cameo-manual":
        values.update(_score_code_examples(outcomes))
    if gold.kind in ("polnear", "jsonl") and any(o.record.quotes for o in outcomes):
        values.update(_score_quotes(outcomes))
    if errors is not None:
        _write_errors(outcomes, errors, gold.kind)
    return Report(gold.kind, str(gold.path), values)


def _code(
    records: list[GoldRecord],
    nlp: Language,
    knowledge: Knowledge,
    on_record: Callable[[int], None] | None,
) -> Iterable[Outcome]:
    articles = [Article(id=r.id, text=r.text, date=r.date) for r in records]
    docs = parse_articles(nlp, (a.text for a in articles))
    for i, (record, article, doc) in enumerate(zip(records, articles, docs, strict=True)):
        yield Outcome(record, doc, code_doc(article, doc, knowledge))
        if on_record is not None:
            on_record(i + 1)


def _negations_as_gold(outcome: Outcome, negations: dict[str, str]) -> Outcome:
    """Score negated events as the gold codes negation (``GoldSet.negations``).

    dyads keeps a negated event's code and marks it ``negated``; the PETRARCH suites
    code "did not clash" as the negation of clashing (050, not 110). A negated event
    whose code has a negation takes that code (and the evidence says so); one whose
    negation is ``---`` is no event; the others stay as coded.
    """
    events = []
    for event in outcome.coded.events:
        negation = negations.get(event.cameo) if event.negated else None
        if negation is None:
            events.append(event)
        elif negation != "---":
            evidence = {**event.evidence, "scored_as_negation_of": event.cameo}
            events.append(replace(event, cameo=negation, negated=False, evidence=evidence))
    return replace(outcome, coded=replace(outcome.coded, events=tuple(events)))


def _score_events(outcomes: list[Outcome], *, petrarch: bool) -> dict[str, Any]:
    pairs = [(list(o.record.events), list(o.coded.events)) for o in outcomes]
    levels = metrics.score_events(pairs)
    out: dict[str, Any] = {
        "gold": sum(len(metrics.atoms_from_gold(g)) for gs, _ in pairs for g in gs),
        "predicted": sum(len(metrics.atoms_from_event(p)) for _, ps in pairs for p in ps),
        "f1": {k: round(v.f1, 4) for k, v in levels.items()},
        "precision": {k: round(v.precision, 4) for k, v in levels.items()},
        "recall": {k: round(v.recall, 4) for k, v in levels.items()},
        "counts": {k: v.to_dict() for k, v in levels.items()},
    }
    if petrarch:
        counts = metrics.petrarch_counts(pairs)
        out.update(
            {
                "correct_rate": counts["correct_rate"],
                "extra_rate": counts["extra_rate"],
                "recall_once": counts["recall_once"],
                "petrarch": counts,
            }
        )
    return out


def _score_quotes(outcomes: list[Outcome]) -> dict[str, Any]:
    triples = [(o.record.text, list(o.record.quotes), list(o.coded.quotes)) for o in outcomes]
    scored = metrics.score_quotes(triples)
    scored["gold_quotes"] = sum(len(q) for _, q, _ in triples)
    scored["predicted_quotes"] = sum(len(p) for _, _, p in triples)
    return scored


# -- CAMEO manual: the code of an actor-less example sentence ----------------------------
#: How far a predicted CAMEO code must agree with the gold one at each level: the
#: whole code, its first three digits, its first two (the root).
CODE_LEVELS = {"cameo": 4, "cameo3": 3, "root": 2}


def code_agrees(gold: str, predicted: str | None, level: str) -> bool:
    """Whether ``predicted`` carries ``gold`` at ``level`` (a key of ``CODE_LEVELS``)."""
    if not predicted:
        return False
    width = CODE_LEVELS[level]
    return gold[:width] == predicted[:width]


def _score_code_examples(outcomes: list[Outcome]) -> dict[str, Any]:
    """Score examples whose gold is one code and no actors (``--kind cameo-manual``).

    An example is right at a level when any event coded in it agrees with the gold code
    there (the best-matching event counts); an example with no event is a miss. The
    events coded per example, and the share whose root is the gold root, show how many
    extra events the hits cost.
    """
    hits = dict.fromkeys(CODE_LEVELS, 0)
    plover_hits = plover_cases = events = root_right_events = with_event = 0
    for o in outcomes:
        gold = o.record.events[0]
        codes = [e.cameo for e in o.coded.events]
        events += len(codes)
        with_event += bool(codes)
        root_right_events += sum(code_agrees(gold.cameo or "", c, "root") for c in codes)
        for level in CODE_LEVELS:
            hits[level] += any(code_agrees(gold.cameo or "", c, level) for c in codes)
        if gold.plover:
            plover_cases += 1
            plover_hits += any(e.plover == gold.plover for e in o.coded.events)
    n = len(outcomes)
    return {
        "gold": n,
        "predicted": events,
        "code_accuracy": {k: round(v / n, 4) if n else 0.0 for k, v in hits.items()}
        | {"plover": round(plover_hits / plover_cases, 4) if plover_cases else 0.0},
        "code_hits": hits | {"plover": plover_hits},
        "plover_cases": plover_cases,
        "examples_with_event": with_event,
        "events_per_example": round(events / n, 4) if n else 0.0,
        "event_root_precision": round(root_right_events / events, 4) if events else 0.0,
    }


def _code_example_errors(o: Outcome, base: dict[str, Any]) -> list[dict[str, Any]]:
    """One row for a CAMEO manual example whose exact code no event carries."""
    gold = o.record.events[0].cameo or ""
    if any(code_agrees(gold, e.cameo, "cameo") for e in o.coded.events):
        return []
    codes = [e.cameo for e in o.coded.events]
    right = [lvl for lvl in ("cameo3", "root") if any(code_agrees(gold, c, lvl) for c in codes)]
    error = f"{right[0]} only" if right else "wrong code" if codes else "no event"
    return [
        {
            **base,
            "error": error,
            "gold": gold,
            "predicted": codes,
            "predicted_events": [_explain(e) for e in o.coded.events],
        }
    ]


# -- actors: the coding of actor strings ---------------------------------------------------
#: NGEC/PLOVER sector names that dyads writes with a CAMEO code of the same meaning
#: ("" = no sector expected; NGEC's MED is medical, CAMEO's health sector is HLH).
SECTOR_SYNONYMS: dict[str, set[str | None]] = {
    "": {None, ""},
    "PRM": {"PRM", "UAF"},
    "UNK": {None, "UNK"},
    "MED": {"MED", "HLH"},
    "SOC": {"SOC", "NGO", "HRI"},
}


#: NGEC writes UN and EU bodies with their CAMEO family code; dyads with the body's own
#: short name (the UN Security Council is "UN", the ICJ "ICJ").
IGO_FAMILIES: dict[str, set[str | None]] = {
    "UNO": {"UNO", "UN", "ICJ", "WHO", "UNHCR", "UNICEF", "WFP", "IAEA", "UNSC", "UNGA"},
    "EUR": {"EUR", "EU"},
}


def actor_matches(expected: GoldActor, predicted: Actor | None) -> tuple[bool | None, bool | None]:
    """(country right?, sector right?); None where the gold has no expectation.

    An expected country "" means "no country": right when dyads gives none. "IGO" means
    an international organisation: right when dyads codes sector IGO.
    """
    country = sector = None
    got_country = predicted.country if predicted else None
    got_sector = predicted.sector if predicted else None
    if expected.country is not None:
        if expected.country == "":
            country = got_country is None
        elif expected.country == "IGO":
            country = got_sector == "IGO"
        elif expected.country in IGO_FAMILIES:
            country = got_country in IGO_FAMILIES[expected.country]
        else:
            country = got_country == expected.country
    if expected.sector is not None:
        sector = got_sector in SECTOR_SYNONYMS.get(expected.sector, {expected.sector})
    return country, sector


def _accuracy(results: list[tuple[bool | None, bool | None]]) -> dict[str, Any]:
    countries = [c for c, _ in results if c is not None]
    sectors = [s for _, s in results if s is not None]
    return {
        "actor_country_accuracy": round(sum(countries) / len(countries), 4) if countries else None,
        "actor_sector_accuracy": round(sum(sectors) / len(sectors), 4) if sectors else None,
        "actor_country_cases": len(countries),
        "actor_sector_cases": len(sectors),
    }


def _score_actor_cases(
    records: list[GoldRecord], nlp: Language, knowledge: Knowledge, errors: TextIO | None
) -> dict[str, Any]:
    from dyads.actors.phrase import code_actor_text

    results = []
    for record in records:
        assert record.actor is not None
        actor = code_actor_text(nlp, knowledge, record.text, day=record.date)
        verdict = actor_matches(record.actor, actor)
        results.append(verdict)
        if errors is not None and False in verdict:
            errors.write(
                json.dumps(
                    {
                        "id": record.id,
                        "text": record.text,
                        "error": "wrong actor",
                        "gold": {"country": record.actor.country, "sector": record.actor.sector},
                        "predicted": actor.to_dict() | {"evidence": actor.evidence}
                        if actor
                        else None,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return _accuracy(results)


def _score_actor_slots(
    outcomes: list[Outcome], nlp: Language, knowledge: Knowledge
) -> dict[str, Any]:
    """Code each gold actor string of the PLOVER records on its own and score it."""
    from dyads.actors.phrase import code_actor_text

    results = []
    for o in outcomes:
        for event in o.record.events:
            for gold_actor in (*event.source, *event.target):
                if not gold_actor.text:
                    continue
                actor = code_actor_text(nlp, knowledge, gold_actor.text, day=o.record.date)
                results.append(actor_matches(gold_actor, actor))
    return {f"slot_{k}": v for k, v in _accuracy(results).items()}


# -- PLV: classify the relation of a given dyad -------------------------------------------
def _score_plv(outcomes: list[Outcome], knowledge: Knowledge) -> dict[str, Any]:
    from dyads.evaluate.plv import PLV_LABEL_OF

    pairs = []
    how_counts: dict[str, int] = {}
    for o in outcomes:
        plover_type, how = classify_dyad(o.coded, o.record.dyad, doc=o.doc)
        o.predicted_label = PLV_LABEL_OF.get(plover_type, plover_type) if plover_type else None
        pairs.append((o.record.label or "NONE", o.predicted_label))
        kind = how.split(" (")[0]  # "fallback (194 0.81)" counts as "fallback"
        how_counts[kind] = how_counts.get(kind, 0) + 1
    scored = metrics.score_labels(pairs)
    scored["gold"] = len(pairs)
    scored["predicted"] = sum(1 for _, p in pairs if p is not None)
    scored["decided_by"] = how_counts
    return scored


def classify_dyad(
    coded: Coded, dyad: tuple[str, str] | None, *, doc: Doc | None = None
) -> tuple[str | None, str]:
    """The PLOVER type dyads gives the relation from ``dyad[0]`` to ``dyad[1]``.

    Preference: an event whose source and target texts overlap the given ones, then
    one whose source overlaps, then the sentence's first event with a PLOVER type.
    When no event has a PLOVER type and ``doc`` is given, the fallback classifier
    codes the predicate that links the dyad in the parse (``_fallback_type``).

    RETURNS (tuple[str | None, str]): the type (None when nothing was coded) and how.
    """
    typed = [e for e in coded.events if e.plover]
    if not typed:
        if doc is not None and dyad is not None:
            return _fallback_type(doc, dyad)
        return None, "no event"
    if dyad is not None:
        src, tgt = dyad
        both = [e for e in typed if _overlaps(e.source, src) and _overlaps(e.target, tgt)]
        if both:
            return both[0].plover, "dyad"
        reverse = [e for e in typed if _overlaps(e.source, tgt) and _overlaps(e.target, src)]
        src_only = [e for e in typed if _overlaps(e.source, src)]
        if src_only:
            return src_only[0].plover, "source"
        if reverse:
            return reverse[0].plover, "reversed dyad"
    return typed[0].plover, "sentence"


#: Cooperative PLOVER types that a negated predicate turns into a rejection ("did not
#: accept", "refused to meet" is coded by the lexicon): the rule events.extract applies.
_NEGATABLE_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE"})


def _fallback_type(doc: Doc, dyad: tuple[str, str]) -> tuple[str | None, str]:
    """The PLOVER type the fallback classifier gives the predicate linking the dyad.

    PLV asks for the relation of a dyad it knows exists, so the classifier does not
    abstain here: the best-scored code that has a PLOVER type wins (statements, CAMEO
    01, have none and are skipped).
    """
    from dyads.events.fallback import rank_predicate
    from dyads.ontology.plover import from_cameo

    trigger = _linking_predicate(doc, *dyad)
    if trigger is None:
        return None, "no event"
    for prediction in rank_predicate(trigger):
        plover_type = from_cameo(prediction.code)[0] if prediction.code[0].isdigit() else None
        if plover_type is None:
            continue
        if plover_type in _NEGATABLE_TYPES and any(c.dep_ == "neg" for c in trigger.children):
            plover_type = "REJECT"
        return plover_type, f"fallback ({prediction.code} {prediction.score:.2f})"
    return None, "no event"


def _linking_predicate(doc: Doc, source: str, target: str) -> Token | None:
    """The lowest verb that governs both the source's and the target's words.

    Falls back to the nearest verb above the meeting point, and then to the meeting
    point itself (a headline without a verb); None when neither text is in ``doc``.
    """
    src, tgt = _find_span(doc, source), _find_span(doc, target)
    if src is None and tgt is None:
        return None
    src, tgt = src or tgt, tgt or src
    assert src is not None and tgt is not None
    above_src = {t.i for t in (src.root, *src.root.ancestors)}
    path = [tgt.root, *tgt.root.ancestors]
    meet = next((t for t in path if t.i in above_src), path[-1])
    for tok in (meet, *meet.ancestors):
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
            return tok
    below = [t for t in path[: path.index(meet)] if t.pos_ == "VERB" and t not in tgt]
    return below[-1] if below else meet


def _find_span(doc: Doc, text: str) -> Span | None:
    text = text.strip()
    if not text:
        return None
    start = doc.text.find(text)
    if start < 0:
        start = doc.text.lower().find(text.lower())
    if start < 0:
        return None
    return doc.char_span(start, start + len(text), alignment_mode="expand")


def _overlaps(actors: Iterable[Any], text: str) -> bool:
    text = text.lower()
    return any(a.text and (a.text.lower() in text or text in a.text.lower()) for a in actors)


# -- error analysis -----------------------------------------------------------------------
def _write_errors(outcomes: list[Outcome], out: TextIO, kind: str) -> None:
    for o in outcomes:
        for row in _record_errors(o, kind):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _record_errors(o: Outcome, kind: str) -> list[dict[str, Any]]:
    rec = o.record
    base = {"id": rec.id, "text": rec.text}
    if kind == "cameo-manual":
        return _code_example_errors(o, base)
    if kind == "plv":
        if o.predicted_label == rec.label:
            return []
        return [
            {
                **base,
                "error": "wrong label",
                "dyad": rec.dyad,
                "gold": rec.label,
                "predicted": o.predicted_label,
                "events": [_explain(e) for e in o.coded.events],
            }
        ]
    rows = []
    gold_keys = [_exact(a) for g in rec.events for a in metrics.atoms_from_gold(g)]
    pred = [(_exact(a), e) for e in o.coded.events for a in metrics.atoms_from_event(e)]
    remaining = list(gold_keys)
    for key, event in pred:
        if key in remaining:
            remaining.remove(key)
        else:
            rows.append({**base, "error": "false positive", "predicted": key, **_explain(event)})
    for key in remaining:
        rows.append(
            {
                **base,
                "error": "false negative",
                "gold": key,
                "predicted_events": [_explain(e) for e in o.coded.events],
            }
        )
    return rows


def _explain(event: Event) -> dict[str, Any]:
    return {
        "cameo": event.cameo,
        "source": [a.code for a in event.source],
        "target": [a.code for a in event.target],
        "evidence": event.evidence,
        "sentence": event.sentence,
    }


def _exact(atom: Any) -> list[str | None]:
    """The PETRARCH identity of an event atom: source code, target code, CAMEO code."""
    return [atom.source_code, atom.target_code, atom.cameo]
