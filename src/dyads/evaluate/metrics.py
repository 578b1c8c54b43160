"""Scoring: compare what ``code_article`` found with the gold, as pure functions.

Nothing here reads files, loads spaCy or knows gold formats: the runner hands over
``(gold, predicted)`` pairs, one per evaluated record, and gets numbers back.

* ``PRF`` — true/false positive and false negative counts with precision, recall, F1.
* ``score_events`` — events flattened into ``EventAtom`` values (one per source ×
  target pair) and scored at the levels of ``LEVELS``, from the exact CAMEO code
  down to the quad class, the PLOVER type and the actor pair.
* ``petrarch_counts`` — the PETRARCH validation convention (correct, uncoded, extra).
* ``score_quotes`` — quote content, speaker and cue spans; ``normalise_span`` trims
  quote marks and punctuation so that ``“Yes,”`` and ``Yes`` are the same span.
* ``score_labels`` — accuracy, macro F1 and a confusion table for one label per item
  (PLV dyads: the PLOVER type of a given source/target pair).

Undefined ratios (nothing to divide by) are 0.0 throughout, never NaN, so results can
be written to JSON and compared.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dyads.evaluate.gold import GoldActor, GoldEvent, GoldQuote
from dyads.ontology import UnknownCode, from_cameo, quad_class_of
from dyads.records import Actor, Event, Quote

__all__ = [
    "LEVELS",
    "PRF",
    "QUOTE_KINDS",
    "EventAtom",
    "atoms_from_event",
    "atoms_from_gold",
    "level_key",
    "normalise_span",
    "petrarch_counts",
    "score_events",
    "score_labels",
    "score_quotes",
]

LEVELS: tuple[str, ...] = (
    "cameo",
    "cameo3",
    "root",
    "quad",
    "plover",
    "root_dyad",
    "actor_country",
    "actor_sector",
)
"""Event scoring levels, from the strictest (exact CAMEO code) to the loosest."""

_CAMEO_LEVELS = frozenset({"cameo", "cameo3", "root", "quad", "root_dyad"})
_ACTOR_LEVELS = frozenset({"root_dyad", "actor_country", "actor_sector"})

QUOTE_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed")
"""Quote kinds always present in ``score_quotes(...)["by_kind"]``."""

_SPAN_STRIP = frozenset("\"“”'‘’,.")


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass
class PRF:
    """Counts of true positives, false positives and false negatives.

    ``precision`` is tp / (tp + fp), ``recall`` is tp / (tp + fn) and ``f1`` their
    harmonic mean. Each is 0.0 when undefined: no predictions (precision), no gold
    (recall), or precision + recall == 0 (F1). So an empty ``PRF()`` scores 0.0 on all
    three, even though nothing was wrong: read the counts alongside the ratios.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 0.0 when nothing was predicted."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 0.0 when there is no gold."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """2PR / (P + R); 0.0 when precision and recall are both 0.0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        if not isinstance(other, PRF):
            return NotImplemented
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        """Return ``{tp, fp, fn, precision, recall, f1}``, ratios rounded to 4 places."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _multiset_prf(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> PRF:
    """tp = size of the multiset intersection; fp and fn are the leftovers."""
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    return PRF(tp, sum(p.values()) - tp, sum(g.values()) - tp)


# ---------------------------------------------------------------------------------------
# Events


@dataclass(frozen=True)
class EventAtom:
    """One (source actor, target actor, event type) triple of an event.

    A missing source or target has all three of its fields None; ``cameo`` is None
    only for gold events given as a PLOVER type alone.
    """

    source_code: str | None
    source_country: str | None
    source_sector: str | None
    target_code: str | None
    target_country: str | None
    target_sector: str | None
    cameo: str | None
    plover: str | None


_NO_ACTOR: tuple[None, None, None] = (None, None, None)


def _clean(value: str | None) -> str | None:
    """Strip; an empty string is None."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def _actor_fields(actor: GoldActor | Actor) -> tuple[str | None, str | None, str | None]:
    return (_clean(actor.code), _clean(actor.country), _clean(actor.sector))


def _cross(
    sources: Sequence[GoldActor | Actor],
    targets: Sequence[GoldActor | Actor],
    cameo: str | None,
    plover: str | None,
) -> list[EventAtom]:
    src = [_actor_fields(a) for a in sources] or [_NO_ACTOR]
    tgt = [_actor_fields(a) for a in targets] or [_NO_ACTOR]
    return [EventAtom(*s, *t, cameo, plover) for s in src for t in tgt]


def _upper(value: str | None) -> str | None:
    value = _clean(value)
    return value.upper() if value else None


def atoms_from_gold(ev: GoldEvent) -> list[EventAtom]:
    """Flatten a gold event into one atom per (source × target) pair.

    The PLOVER type is the gold's own when given, else derived from the CAMEO code
    with ``dyads.ontology.from_cameo`` (None for CAMEO 01x and for unknown codes).

    Args:
        ev (GoldEvent): the gold event.

    RETURNS (list[EventAtom]): len(source) × len(target) atoms, at least one; a missing
        side counts as one empty actor.
    """
    cameo = _clean(ev.cameo)
    plover = _upper(ev.plover)
    if plover is None and cameo is not None:
        try:
            plover = from_cameo(cameo)[0]
        except UnknownCode:
            plover = None
    return _cross(ev.source, ev.target, cameo, plover)


def atoms_from_event(ev: Event) -> list[EventAtom]:
    """Flatten a predicted event into one atom per (source × target) pair.

    Actors give ``code``, ``country`` and ``sector``; the PLOVER type is the record's.

    Args:
        ev (Event): the predicted event.

    RETURNS (list[EventAtom]): len(source) × len(target) atoms, at least one.
    """
    return _cross(ev.source, ev.target, _clean(ev.cameo), _upper(ev.plover))


def _quad(cameo: str) -> int | None:
    try:
        return quad_class_of(cameo[:2])
    except UnknownCode:
        return None


def _has_actor(atom: EventAtom) -> bool:
    return any(
        v is not None
        for v in (atom.source_code, atom.source_country, atom.target_code, atom.target_country)
    )


def level_key(atom: EventAtom, level: str, *, gold: bool = False) -> Hashable | None:
    """The value an atom is compared on at one level; None when undefined.

    * ``cameo`` exact code, ``cameo3`` its first 3 characters, ``root`` its first 2,
      ``quad`` the quad class of the root (ICEWS convention): undefined when the atom
      has no CAMEO code (and ``quad`` when the root is not "01"…"20").
    * ``plover``: the PLOVER type; undefined when None (CAMEO 01x, PLOVER-less codes).
    * ``root_dyad`` (root, source country, target country), ``actor_country``
      (source country, target country), ``actor_sector`` (source sector, target
      sector); None countries/sectors are compared as values. For a *gold* atom these
      are undefined when it names no actor at all (no code or country on either side),
      since such gold says nothing about actors; a predicted atom always defines them
      (``root_dyad`` needs a CAMEO code on both sides).

    Args:
        atom (EventAtom): the atom.
        level (str): one of ``LEVELS``.
        gold (bool): True for a gold atom (enables the no-actor rule). Defaults to False.

    RETURNS (Hashable | None): the key, or None when the level does not apply.

    Raises:
        ValueError: ``level`` is not one of ``LEVELS``.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown event level {level!r}; expected one of {', '.join(LEVELS)}")
    if level in _CAMEO_LEVELS and atom.cameo is None:
        return None
    if level in _ACTOR_LEVELS and gold and not _has_actor(atom):
        return None
    cameo = atom.cameo or ""
    if level == "cameo":
        return cameo
    if level == "cameo3":
        return cameo[:3]
    if level == "root":
        return cameo[:2]
    if level == "quad":
        return _quad(cameo)
    if level == "plover":
        return atom.plover
    if level == "root_dyad":
        return (cameo[:2], atom.source_country, atom.target_country)
    if level == "actor_country":
        return (atom.source_country, atom.target_country)
    return (atom.source_sector, atom.target_sector)


def score_events(pairs: Iterable[tuple[list[GoldEvent], list[Event]]]) -> dict[str, PRF]:
    """Score predicted events against gold events at every level of ``LEVELS``.

    Both sides are flattened into atoms (``atoms_from_gold``, ``atoms_from_event``).
    Per record and level: G = multiset of the defined ``level_key`` of the gold atoms,
    P = the same for the predicted atoms (an atom whose key is undefined, e.g. a CAMEO
    01x prediction at the ``plover`` level, contributes nothing); tp = |G ∩ P|
    (multiset intersection), fp = |P| - tp, fn = |G| - tp. Counts are summed over
    records (micro average).

    A record counts at a level only when its gold defines that level: it has no gold
    atoms at all (a no-event record, where every prediction is a false positive) or at
    least one gold atom with a defined key. So PLOVER-only gold is skipped entirely at
    the CAMEO levels, and gold without actors at the actor levels. In a record that
    counts, gold atoms with an undefined key are skipped and all predictions count.

    Args:
        pairs (Iterable[tuple[list[GoldEvent], list[Event]]]): per record, the gold
            events and the predicted events (an empty gold list for a no-event record).

    RETURNS (dict[str, PRF]): one PRF per level, keyed and ordered as ``LEVELS``.
    """
    totals = {level: PRF() for level in LEVELS}
    for gold_events, predicted in pairs:
        gold_atoms = [a for ev in gold_events for a in atoms_from_gold(ev)]
        pred_atoms = [a for ev in predicted for a in atoms_from_event(ev)]
        for level in LEVELS:
            g = [level_key(a, level, gold=True) for a in gold_atoms]
            g = [k for k in g if k is not None]
            if gold_atoms and not g:
                continue
            p = [level_key(a, level) for a in pred_atoms]
            totals[level] += _multiset_prf(g, [k for k in p if k is not None])
    return totals


def _petrarch_key(atom: EventAtom) -> tuple[str | None, str | None, str | None]:
    return (atom.source_code, atom.target_code, atom.cameo)


def _max_events_matched(gold_keys: list[set[Hashable]], available: Counter[Hashable]) -> int:
    """Largest number of gold events that can each get one distinct predicted atom.

    Bipartite matching (augmenting paths) between gold events and predicted atoms,
    an event being joined to every predicted atom whose key one of its atoms has.
    """
    slots = [key for key, n in available.items() for _ in range(n)]
    owner: list[int | None] = [None] * len(slots)

    def augment(event: int, seen: set[int]) -> bool:
        for j, key in enumerate(slots):
            if key in gold_keys[event] and j not in seen:
                seen.add(j)
                holder = owner[j]
                if holder is None or augment(holder, seen):
                    owner[j] = event
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(gold_keys)))


def petrarch_counts(pairs: Iterable[tuple[list[GoldEvent], list[Event]]]) -> dict[str, Any]:
    """Count events the way PETRARCH's validation suites do.

    Atoms are compared on (source_code, target_code, cameo) exactly; within a record
    one predicted atom matches at most one gold atom (multiset intersection). Gold
    atoms without a CAMEO code cannot be matched and are left out (as are their
    events from ``recall_once``).

    * ``records``: evaluated records, no-event records included.
    * ``gold``, ``predicted``: atom counts.
    * ``correct``: matched gold atoms; ``uncoded`` = gold - correct;
      ``extra`` = predicted - correct (all predictions of a no-event record are extra).
    * ``correct_rate`` = correct / (correct + uncoded); ``extra_rate`` = extra / records.
    * ``recall_once``: gold events with at least one matched atom / gold events; the
      matching maximises this number among the maximal atom matchings.

    Args:
        pairs (Iterable[tuple[list[GoldEvent], list[Event]]]): per record, the gold
            events (empty for a no-event record) and the predicted events.

    RETURNS (dict[str, Any]): the counts above; rates rounded to 4 places, 0.0 when
        undefined.
    """
    records = gold_n = pred_n = correct = events = events_hit = 0
    for gold_events, predicted in pairs:
        records += 1
        gold_sets: list[set[Hashable]] = []
        gold_keys: list[Hashable] = []
        for ev in gold_events:
            keys = [_petrarch_key(a) for a in atoms_from_gold(ev) if a.cameo is not None]
            if keys:
                gold_sets.append(set(keys))
                gold_keys.extend(keys)
        pred_keys = Counter(_petrarch_key(a) for ev in predicted for a in atoms_from_event(ev))
        hit = sum((Counter(gold_keys) & pred_keys).values())
        gold_n += len(gold_keys)
        pred_n += sum(pred_keys.values())
        correct += hit
        events += len(gold_sets)
        if hit:
            events_hit += _max_events_matched(gold_sets, pred_keys)
    uncoded, extra = gold_n - correct, pred_n - correct
    return {
        "records": records,
        "gold": gold_n,
        "predicted": pred_n,
        "correct": correct,
        "uncoded": uncoded,
        "extra": extra,
        "correct_rate": round(_ratio(correct, correct + uncoded), 4),
        "extra_rate": round(_ratio(extra, records), 4),
        "recall_once": round(_ratio(events_hit, events), 4),
    }


# ---------------------------------------------------------------------------------------
# Quotes


def normalise_span(text: str, span: Sequence[int]) -> tuple[int, int]:
    """Trim whitespace and the characters ``"“”'‘’,.`` from both ends of a span.

    Args:
        text (str): the record text the span points into.
        span (Sequence[int]): ``(start, end)`` character offsets, end exclusive; they
            are first clamped to the text.

    RETURNS (tuple[int, int]): the trimmed span; an empty span (start == end) when
        nothing is left.
    """
    start = max(0, min(int(span[0]), len(text)))
    end = max(start, min(int(span[1]), len(text)))
    while start < end and (text[start].isspace() or text[start] in _SPAN_STRIP):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _SPAN_STRIP):
        end -= 1
    return (start, end)


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    """Number of shared characters of two spans (0 when either is None)."""
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _evidence_span(quote: Quote, name: str) -> tuple[int, int] | None:
    value = quote.evidence.get(name) if quote.evidence else None
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    try:
        return (int(value[0]), int(value[1]))
    except (TypeError, ValueError):
        return None


class _Tally:
    """PRF counts overall and per quote kind (kind None counts overall only)."""

    def __init__(self) -> None:
        self.total = PRF()
        self.kinds: dict[str, PRF] = defaultdict(PRF)

    def add(self, kind: str | None, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        counts = PRF(tp, fp, fn)
        self.total += counts
        if kind:
            self.kinds[kind] += counts


def _kind(gold: GoldQuote | None, pred: Quote | None) -> str | None:
    """The gold kind when present, else the predicted kind."""
    if gold is not None and gold.kind:
        return gold.kind.strip().lower()
    if pred is not None and pred.kind:
        return pred.kind.strip().lower()
    return None


def _match_overlap(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """Greedy one-to-one matching by overlap size: {gold index: predicted index}.

    All pairs sharing at least one character are taken largest overlap first (ties:
    lower gold index, then lower predicted index), skipping pairs whose gold or
    predicted quote is already matched.
    """
    candidates = sorted(
        (-_overlap(g, p), i, j)
        for i, g in enumerate(gold)
        for j, p in enumerate(pred)
        if _overlap(g, p) > 0
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in candidates:
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


def _match_exact(
    gold: list[tuple[int, int] | None], pred: list[tuple[int, int] | None]
) -> dict[int, int]:
    """One-to-one equal-span matching in order: {gold index: predicted index}."""
    matched: dict[int, int] = {}
    used: set[int] = set()
    for i, g in enumerate(gold):
        if g is None:
            continue
        for j, p in enumerate(pred):
            if j not in used and p == g:
                matched[i] = j
                used.add(j)
                break
    return matched


def score_quotes(pairs: Iterable[tuple[str, list[GoldQuote], list[Quote]]]) -> dict[str, Any]:
    """Score predicted quotes against gold quotes.

    Content spans (gold ``content``, predicted ``Quote.span``) and cue spans are first
    trimmed with ``normalise_span``; speaker and source spans are compared raw. Spans
    "overlap" when they share at least one character. Per record:

    * ``content_exact``: gold and predicted quotes paired one-to-one on equal content
      span; tp = pairs, fp = unpaired predicted, fn = unpaired gold.
    * ``content_overlap``: greedy one-to-one pairing by overlap size (largest first)
      of quotes whose content spans overlap; tp/fp/fn as above. These pairs are the
      "matched pairs" below.
    * ``source_overlap``: tp = matched pairs whose gold has a ``source`` span and whose
      predicted speaker span (``Quote.evidence["speaker_span"]``, ``[start, end]``)
      overlaps it; fn = gold quotes with a source span that are not tp (unmatched, no
      predicted speaker span, or no overlap); fp = predicted quotes with a speaker span
      that are unmatched, or matched to a gold source span they do not overlap (a
      match to gold without a source span is not counted).
    * ``cue_exact``: gold quotes with a ``cue`` span and predicted quotes with
      ``evidence["cue_span"]`` paired one-to-one on equal (trimmed) span.
    * ``speaker_accuracy``: source_overlap tp / matched pairs whose gold has a source
      span (``speaker_pairs``); 0.0 when there are none.

    ``source_overlap`` and ``cue_exact`` count a record only when it has no gold quotes
    or at least one gold quote with a source (resp. cue) span, as ``score_events`` does.
    Counts are summed over records (micro average).

    ``by_kind`` splits every count by quote kind: the gold kind when present, else the
    predicted kind (a tp pair or an fp by its gold quote's kind, falling back to the
    predicted kind; an fn by its gold kind; an unmatched prediction by its own kind).
    Gold without a kind that stays unmatched is counted only overall.

    Args:
        pairs (Iterable[tuple[str, list[GoldQuote], list[Quote]]]): per record, its
            text, the gold quotes and the predicted quotes.

    RETURNS (dict[str, Any]): ``content_exact_f1``, ``content_overlap_f1``,
        ``source_overlap_f1``, ``cue_exact_f1``, ``speaker_accuracy``,
        ``speaker_pairs``, ``detail`` {metric name: ``PRF.to_dict()``} and ``by_kind``
        {kind: the same keys without ``by_kind``}; ``by_kind`` always has the keys
        "direct", "indirect" and "mixed", plus any other kind met.
    """
    exact, overlap, source, cue = _Tally(), _Tally(), _Tally(), _Tally()
    speaker_pairs: Counter[str | None] = Counter()
    speaker_hits: Counter[str | None] = Counter()
    for text, gold, predicted in pairs:
        g_content = [normalise_span(text, q.content) for q in gold]
        p_content = [normalise_span(text, q.span) for q in predicted]

        matched = _match_exact(list(g_content), list(p_content))
        _tally_matching(exact, gold, predicted, matched, range(len(gold)), range(len(predicted)))

        matched = _match_overlap(g_content, p_content)
        _tally_matching(overlap, gold, predicted, matched, range(len(gold)), range(len(predicted)))

        # Speakers, over the content-overlap pairs.
        speakers = [_evidence_span(q, "speaker_span") for q in predicted]
        with_source = [i for i, q in enumerate(gold) if q.source is not None]
        if not gold or with_source:
            paired = {j: i for i, j in matched.items()}
            for i in with_source:
                j = matched.get(i)
                kind = _kind(gold[i], predicted[j] if j is not None else None)
                hit = j is not None and _overlap(speakers[j], gold[i].source) > 0
                source.add(kind, tp=int(hit), fn=int(not hit))
                if j is not None:
                    speaker_pairs[kind] += 1
                    speaker_hits[kind] += int(hit)
                    if not hit and speakers[j] is not None:
                        source.add(kind, fp=1)
            for j, span in enumerate(speakers):
                if span is not None and j not in paired:
                    source.add(_kind(None, predicted[j]), fp=1)

        # Cues, on their own.
        with_cue = [i for i, q in enumerate(gold) if q.cue is not None]
        if not gold or with_cue:
            g_cue = [normalise_span(text, q.cue) if q.cue is not None else None for q in gold]
            p_cue = [_evidence_span(q, "cue_span") for q in predicted]
            p_cue = [normalise_span(text, s) if s is not None else None for s in p_cue]
            matched = _match_exact(g_cue, p_cue)
            _tally_matching(
                cue,
                gold,
                predicted,
                matched,
                with_cue,
                [j for j, s in enumerate(p_cue) if s is not None],
            )

    def block(kind: str | None) -> dict[str, Any]:
        prfs = {
            name: (tally.total if kind is None else tally.kinds.get(kind, PRF()))
            for name, tally in (
                ("content_exact", exact),
                ("content_overlap", overlap),
                ("source_overlap", source),
                ("cue_exact", cue),
            )
        }
        pairs_n = sum(speaker_pairs.values()) if kind is None else speaker_pairs[kind]
        hits_n = sum(speaker_hits.values()) if kind is None else speaker_hits[kind]
        out: dict[str, Any] = {f"{name}_f1": round(prf.f1, 4) for name, prf in prfs.items()}
        out["speaker_accuracy"] = round(_ratio(hits_n, pairs_n), 4)
        out["speaker_pairs"] = pairs_n
        out["detail"] = {name: prf.to_dict() for name, prf in prfs.items()}
        return out

    kinds = list(QUOTE_KINDS)
    for tally in (exact, overlap, source, cue):
        kinds += [k for k in tally.kinds if k not in kinds]
    kinds += [k for k in speaker_pairs if k is not None and k not in kinds]
    result = block(None)
    result["by_kind"] = {kind: block(kind) for kind in kinds}
    return result


def _tally_matching(
    tally: _Tally,
    gold: list[GoldQuote],
    predicted: list[Quote],
    matched: dict[int, int],
    gold_idx: Iterable[int],
    pred_idx: Iterable[int],
) -> None:
    """Add a matching's tp (pairs), fn (unpaired gold) and fp (unpaired predicted)."""
    paired = set(matched.values())
    for i in gold_idx:
        j = matched.get(i)
        if j is None:
            tally.add(_kind(gold[i], None), fn=1)
        else:
            tally.add(_kind(gold[i], predicted[j]), tp=1)
    for j in pred_idx:
        if j not in paired:
            tally.add(_kind(None, predicted[j]), fp=1)


# ---------------------------------------------------------------------------------------
# Labels


def score_labels(pairs: Iterable[tuple[str, str | None]]) -> dict[str, Any]:
    """Score one predicted label per item (PLV: the PLOVER type of a given dyad).

    A None prediction is the label "NONE". For a label L: tp = items with gold L and
    prediction L, fp = prediction L but gold not L, fn = gold L but prediction not L.

    Args:
        pairs (Iterable[tuple[str, str | None]]): per item, (gold label, predicted
            label or None).

    RETURNS (dict[str, Any]): ``n`` items; ``accuracy`` = items with prediction ==
        gold / n; ``macro_f1`` = unweighted mean of the per-label F1 over the labels
        that occur in the gold (labels only ever predicted lower precision elsewhere but
        are not averaged); ``per_label`` {label: ``PRF.to_dict()``} for every gold or
        predicted label; ``confusion`` {gold: {predicted: count}}. Ratios are rounded to
        4 places and 0.0 when there are no items.
    """
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    per_label: dict[str, PRF] = defaultdict(PRF)
    n = correct = 0
    for gold, pred in pairs:
        pred_label = "NONE" if pred is None else pred
        n += 1
        confusion[gold][pred_label] += 1
        if pred_label == gold:
            correct += 1
            per_label[gold].tp += 1
        else:
            per_label[gold].fn += 1
            per_label[pred_label].fp += 1
    gold_labels = sorted(confusion)
    macro = sum(per_label[label].f1 for label in gold_labels) / len(gold_labels) if n else 0.0
    return {
        "n": n,
        "accuracy": round(_ratio(correct, n), 4),
        "macro_f1": round(macro, 4),
        "per_label": {label: per_label[label].to_dict() for label in sorted(per_label)},
        "confusion": {g: dict(sorted(confusion[g].items())) for g in gold_labels},
    }
