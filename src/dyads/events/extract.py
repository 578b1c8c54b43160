"""Events from a parsed article: frames + actors + lexicon -> coded ``Event`` records.

``extract_events`` is a pure function over a Doc: it reads the predicate frames of
each sentence, codes the predicate with the lexicon, maps argument heads to the
actor mentions found earlier, and writes an ``Event`` with its evidence. Rules that
shape the result (each cited where it is applied):

- a verb under another coded verb ("threatened to impose sanctions") is part of that
  event, not a second one, unless the outer verb is a mere statement ("said");
- negated cooperation ("would not accept", "cannot allow") is a rejection (CAMEO 12);
- an event noun ("talks", "demands", "sanctions") is coded when no verb already took
  it, with its doer from its own modifiers or from the verb it hangs on;
- an event between coordinated subjects with no object ("Russia and the United
  States held talks") is mutual: the first conjunct is the source, the rest targets;
- an event needs at least one side with a country or a name ("crowds trashed its
  embassy" names nobody a reader could look up).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dyads.events.fallback import classify_predicate
from dyads.events.frames import (
    CONDITIONAL_MARKS,
    Frame,
    governing_verb,
    is_obligation,
    modality_of,
    recipients_of,
    subjects_of,
    verb_frames,
)
from dyads.events.intent import announced_code, demanded_code
from dyads.events.lexicon import Lexicon, Pattern
from dyads.events.negation import denied_or_negated
from dyads.events.roles import (
    actors_of,
    condition_actors,
    first_actor_group,
    is_instrument,
    judged_owner,
    owners_of,
    phrase_tokens,
    previous_doer,
    reporter_of,
)
from dyads.events.when import event_time
from dyads.events.where import event_place
from dyads.events.words import frame_words
from dyads.ontology import cameo, plover
from dyads.records import Actor, ActorMention, Event, content_hash

#: Roots whose events are symmetric when the doers are coordinated with no object.
MUTUAL_ROOTS = frozenset({"03", "04", "05", "06", "08"})
#: Cooperative roots that turn into a rejection when negated.
NEGATABLE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
REJECT_CODE = "120"
#: Probability the learned fallback needs before its code makes an event.
FALLBACK_THRESHOLD = 0.5
#: Verbs the learned fallback is never asked about: they carry no act of their own.
NOT_PREDICATES = frame_words("not_predicates")
#: Verbal conflict whose target, when the sentence names none, is the other side just
#: quoted or reported ("In response, Sherman said ... would not allow anyone to ...").
DISCOURSE_TARGET_ROOTS = frozenset({"10", "11", "12", "13"})
#: Violent acts coded at their root level, refined by a means the sentence names.
GENERIC_VIOLENCE = frozenset({"180", "190", "200"})
#: Visits and their intent: the place visited is the target, not the venue.
VISIT_CODES = frozenset({"042", "043", "036"})
#: Roots coded with a doer and no target when the sentence names none ("Kurds demonstrated
#: in Ankara", "APEC agreed to set up a centre"); statements, appeals and diplomatic
#: cooperation (05) need a partner.
ONE_SIDED_ROOTS = frozenset(
    {"03", "04", "06", "07", "08", "09", "14", "15", "16", "17", "18", "19", "20"}
)
STATEMENT_ROOT = "01"
SYMBOLIC_ACT = "017"  # a 01 code that is an act, not a statement that reports one
#: Statements that judge someone ("is pessimistic about", "is optimistic about"):
#: unlike a bare "said" (010), they are aimed at the subject of what is said
#: ("Arnor believes Dagolath can cope" -> 012 toward Dagolath).
JUDGING_COMMENTS = frozenset({"012", "013", "014", "015", "016", "017", "018", "019"})
THREAT_ROOT = "13"
#: Modifiers of an event noun that name its doer ("Russia's invasion", "Russian demands");
#: compounds are left out: "Ukraine talks" are talks *about* Ukraine.
NOUN_SOURCE_DEPS = frozenset({"poss", "amod"})
#: Roots whose target may be the owner of what is rejected or demanded ("cannot accept
#: [Moscow's] demands", "rejected [Russia's] proposals").
OWNER_TARGET_ROOTS = frozenset({"10", "11", "12"})


def extract_events(
    doc: Doc,
    mentions: dict[int, ActorMention],
    lexicon: Lexicon,
    *,
    doc_id: str,
    date: str | None,
) -> list[Event]:
    """Code every event of ``doc``.

    Args:
        doc (Doc): the parsed article.
        mentions (dict[int, ActorMention]): actor mentions by head token index.
        lexicon (Lexicon): the pattern lexicon.
        doc_id (str): article id.
        date (str | None): article date (ISO), used as the event date for now.

    RETURNS (list[Event]): events in reading order.
    """
    events: list[Event] = []
    for sent in doc.sents:
        events.extend(_sentence_events(sent, mentions, lexicon, doc_id=doc_id, date=date))
    return events


def _sentence_events(
    sent: Span,
    mentions: dict[int, ActorMention],
    lexicon: Lexicon,
    *,
    doc_id: str,
    date: str | None,
) -> list[Event]:
    coded: dict[int, tuple[Frame, Pattern]] = {}
    for frame in verb_frames(sent):
        if _is_condition(frame.trigger):
            continue  # "... if Russia invaded Ukraine": a condition, not an event
        pattern = lexicon.match_verb(
            _verb_key(frame.trigger, lexicon),
            dependents=frame.dependents,
            objects=frame.object_lemmas,
            before=frame.before_words,
            phrase=frame.phrase_words,
            compound_subject=len(frame.subjects) > 1,
            phrase_seq=frame.phrase_seq,
        )
        if pattern is None and lexicon.learned_fallback:
            pattern = _learned_pattern(frame, mentions)
        # a pattern with no code is a dictionary's "no event here" ([---] in PETRARCH)
        if pattern is not None and pattern.code:
            coded[frame.trigger.i] = (frame, pattern)
    _yield_to_decided_acts(coded)
    events = []
    for frame, pattern in coded.values():
        if _inside_coded_verb(frame.trigger, coded):
            continue
        event = _verb_event(frame, pattern, mentions, lexicon, doc_id=doc_id, date=date)
        events.extend(event)
    taken = {t.i for f, _ in coded.values() for t in _object_subtree(f.trigger)}
    # "a declaration demanding ...": a message noun whose own participle made the event
    taken |= {f.trigger.head.i for f, _ in coded.values() if f.trigger.dep_ == "acl"}
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.i in taken or tok.i in mentions:
            continue
        modifiers = [c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")]
        pattern = lexicon.match_noun(tok.lemma_.lower(), modifiers=modifiers)
        if pattern is not None:
            events.extend(_noun_event(tok, pattern, mentions, doc_id=doc_id, date=date))
    return events


#: Roots of acts that, once agreed or decided, are coded as the act itself.
DECIDED_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})


def _yield_to_decided_acts(coded: dict[int, tuple[Frame, Pattern]]) -> None:
    """ "The EU agreed to sanction the lawmakers": a generic intent ("agree to", 030)
    over a hostile act it decides is that act, not an intent to cooperate."""
    for i, (frame, pattern) in list(coded.items()):
        if pattern.code != "030" or not pattern.announce:
            continue
        decided = [
            c
            for c in frame.trigger.children
            if c.dep_ == "xcomp" and c.i in coded and coded[c.i][1].code[:2] in DECIDED_ROOTS
        ]
        if decided:
            del coded[i]


def _learned_pattern(frame: Frame, mentions: dict[int, ActorMention]) -> Pattern | None:
    """The learned fallback's code for a predicate the lexicon does not know, as a pattern.

    Asked only for a verb between two actors (a doer and an object or addressee that are
    actor mentions), so that recall goes past the lexicon's edge without coding every
    verb of the article.
    """
    trigger = frame.trigger
    if trigger.lemma_.lower() in NOT_PREDICATES or trigger.pos_ != "VERB":
        return None
    if not any(t.i in mentions for t in frame.subjects):
        return None
    if not any(t.i in mentions for t in (*frame.objects, *frame.addressees)):
        return None
    found = classify_predicate(trigger, threshold=FALLBACK_THRESHOLD)
    if found is None or found.code[:2] == STATEMENT_ROOT:
        return None
    return Pattern(
        code=found.code,
        kind="model",
        head=trigger.lemma_.lower(),
        words=(),
        objects=(),
        text=f"{found.model} p={found.score:.2f}",
        score=round(found.score, 3),
    )


def _verb_key(verb: Token, lexicon: Lexicon) -> str:
    """The lexicon key of a verb: its lemma, or its own form when the lexicon lists that
    form as a verb of its own (PETRARCH dictionaries code "left" apart from "leave")."""
    lemma = verb.lemma_.lower()
    form = verb.lower_
    if form != lemma and form in lexicon.verbs:
        return form
    if lemma not in lexicon.verbs and form in lexicon.aliases:
        return lexicon.aliases[form]  # a listed form the model lemmatised oddly
    return lemma


def _inside_coded_verb(verb: Token, coded: dict[int, tuple[Frame, Pattern]]) -> bool:
    """True when a verb above ``verb`` (through clause links) already made an event."""
    node = verb
    through_clause = False  # passed through an adverbial clause of its own
    while node.head.i != node.i:
        if node.dep_ in INNER_LINKS or _condition(node) or _purpose(node) or _consequence(node):
            pass
        elif node.dep_ == "conj" and node.head.dep_ in INNER_LINKS:
            pass  # "urged Putin to ease tensions and pull back the troops"
        elif node.dep_ == "advcl":
            through_clause = True
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep":
            through_clause = True  # "celebrated Iftar ... after leaving Eriador"
            node = node.head  # the preposition; the verb above it is checked next
        else:
            break
        node = node.head
        if node.i in coded:
            _, outer = coded[node.i]
            if through_clause and outer.announce:
                return False  # "massed troops while demanding ...": two events
            # a PETRARCH dictionary codes one event per verb phrase, adverbial clauses
            # included ("celebrated Iftar ... after leaving Eriador")
            # a statement keeps what it reports; a symbolic act (017) reports nothing
            return outer.code[:2] != STATEMENT_ROOT or outer.code[:3] == SYMBOLIC_ACT
    return False


#: Links through which a verb is part of the act above it: its complement ("threatened
#: to impose"), or a clause inside that act's object ("rejected a proposal for signing
#: a trade deal", "approved a plan that will not allow ...").
INNER_LINKS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "acl", "relcl"})


def _purpose(clause: Token) -> bool:
    """A purpose clause ("sent personnel to Bosnia to investigate") belongs to the act."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    )


def _consequence(clause: Token) -> bool:
    """ "shelled the town, killing 12 people": a bare participle is the act's outcome (one
    with its own marker, "while demanding ...", is an act of its own)."""
    return (
        clause.dep_ == "advcl"
        and clause.tag_ == "VBG"
        and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in clause.children)
    )


def _is_condition(verb: Token) -> bool:
    """The verb of an if-clause, or a verb it controls ("if NATO tried to put pressure")."""
    node = verb
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _condition(clause: Token) -> bool:
    """An if-clause belongs to the act it conditions; other adverbial clauses ("while
    demanding that NATO ...", "after seizing Crimea") are events of their own."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in clause.children
    )


def _object_subtree(verb: Token) -> list[Token]:
    return [t for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass") for t in c.subtree]


def _verb_event(
    frame: Frame,
    pattern: Pattern,
    mentions: dict[int, ActorMention],
    lexicon: Lexicon,
    *,
    doc_id: str,
    date: str | None,
) -> list[Event]:
    code, rule = pattern.code, f"lexicon.verb '{pattern.text}' -> {pattern.code}"
    if pattern.kind == "model":
        rule = f"model {pattern.text} -> {pattern.code}"
    negated = frame.negated
    if negated and code[:2] in NEGATABLE_ROOTS:
        code, rule, negated = REJECT_CODE, f"{rule}; negated cooperation -> {REJECT_CODE}", False
    demand = _reported_demand(frame, pattern, mentions) if not negated else None
    if demand is not None:
        # "The US said China must drop barriers": the speaker demands it of China
        sayers, obliged = demand
        code = demanded_code(code)
        return _make_events(
            frame.trigger,
            code,
            f"{rule}; what the speaker says another must do -> demand {code}",
            sayers,
            obliged,
            False,
            frame.modality,
            doc_id=doc_id,
            date=date,
        )
    means = _named_means(frame.trigger, code, lexicon) if pattern.announce else None
    if means is not None:
        # "killed one soldier in a roadside bombing": the means names the precise code
        code, rule = means.code, f"{rule}; means '{means.text}' -> {means.code}"
    announced = announced_code(code, frame.modality) if pattern.announce and not negated else None
    if announced is not None:
        # "will visit", "would impose sanctions if ...": CAMEO codes the intent or threat
        code, kind = announced
        rule += f"; {frame.modality} act -> {kind} {code}"
    sources = actors_of(frame.subjects, mentions, frame.trigger)
    if not sources and not pattern.announce:
        # PETRARCH reads a passive with no agent as done by the actor after the verb
        # ("Eriadorian was shot dead in Osgiliath" -> Osgiliath shot the Eriadorian)
        swapped = _agentless_passive(frame, mentions)
        if swapped is not None:
            sources, passive_targets = swapped
            events = _make_events(
                frame.trigger,
                code,
                f"{rule}; agentless passive: source = first actor after the verb",
                sources,
                passive_targets,
                negated,
                frame.modality,
                doc_id=doc_id,
                date=date,
            )
            return events
    judged: list[Actor] = []
    # only a judgement (a demand, disapproval, rejection or threat) is read this way;
    # "sanctions that he said would hit banks" is no attack by the speaker
    judgement = pattern.code[:2] in DISCOURSE_TARGET_ROOTS
    reporter = reporter_of(frame.trigger) if frame.subjects and not sources and judgement else None
    if reporter is not None:
        # "The US says [the Russian proposals] are non-starters": a judgement reported of
        # a thing is the speaker's act toward the thing's owner
        sources = actors_of(subjects_of(reporter), mentions, reporter)
        judged = judged_owner(frame.subjects, mentions, exclude=sources)
        rule += "; source = the speaker of a reported judgement" if sources else ""
    targets, how = _verb_targets(frame, pattern, code, mentions, sources)
    rule += how
    if not targets and judged:
        targets, rule = judged, rule + "; target = owner of the judged thing"
    if not targets and sources and pattern.announce and code[:2] in DISCOURSE_TARGET_ROOTS:
        targets = previous_doer(frame.trigger, mentions, exclude=sources)
        rule += "; target = the other side's doer in the sentence before" if targets else ""
    if not targets and code[:2] == THREAT_ROOT:
        # "would impose sanctions if Russia invaded": the threat is aimed at Russia
        targets = condition_actors(frame.trigger, mentions, exclude=sources)
        rule += "; target = doer of the condition" if targets else ""
    if pattern.swapped:
        sources, targets = targets, sources
        rule += "; pattern names the target first"
    events = _make_events(
        frame.trigger,
        code,
        rule,
        sources,
        targets,
        negated,
        frame.modality,
        doc_id=doc_id,
        date=date,
        mutual=pattern.mutual,
        # PETRARCH dictionaries and the learned model code dyads only
        one_sided=pattern.announce and pattern.kind != "model",
        announce=pattern.announce,
        model_score=pattern.score,
    )
    mutual = any("mutual event" in e.evidence["rule"] for e in events)
    if events and pattern.reverse_code and events[0].target and not mutual:
        # a paired code ("visit" / "receive a visit"): the same act seen from the target
        events += _make_events(
            frame.trigger,
            pattern.reverse_code,
            f"{rule}; paired event from the target",
            list(events[0].target),
            list(events[0].source),
            negated,
            frame.modality,
            doc_id=doc_id,
            date=date,
        )
    return events


def _named_means(trigger: Token, code: str, lexicon: Lexicon) -> Pattern | None:
    """A more precise violent code named by an event noun in the act's own phrase or
    subject ("a roadside bombing killed ...", "wounded two soldiers in a bomb attack"),
    for a generic violent act (180, 190, 200)."""
    if code not in GENERIC_VIOLENCE:
        return None
    for tok in trigger.subtree:
        if tok.pos_ != "NOUN" or tok.i == trigger.i:
            continue
        mods = [c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")]
        found = lexicon.match_noun(tok.lemma_.lower(), modifiers=mods)
        if found is not None and found.code[:2] in ("18", "19", "20") and found.code != code:
            return found
    return None


def _agentless_passive(
    frame: Frame, mentions: dict[int, ActorMention]
) -> tuple[list[Actor], list[Actor]] | None:
    trigger = frame.trigger
    passive = [c for c in trigger.children if c.dep_ in ("nsubjpass", "csubjpass")]
    if not passive or any(c.dep_ == "agent" for c in trigger.children):
        return None
    targets = actors_of(passive, mentions, trigger)
    if not targets:
        return None
    later = [t for t in phrase_tokens(trigger) if t.i not in {p.i for p in passive}]
    sources = first_actor_group(later, mentions, exclude=targets)
    return (sources, targets) if sources else None


def _reported_demand(
    frame: Frame, pattern: Pattern, mentions: dict[int, ActorMention]
) -> tuple[list[Actor], list[Actor]] | None:
    """(speakers, obliged parties) when ``frame`` is what a speaker says another party
    must or should do; None otherwise (or when the speaker obliges itself)."""
    if not pattern.announce or not is_obligation(frame.trigger):
        return None
    reporter = reporter_of(frame.trigger)
    if reporter is None:
        return None
    obliged = actors_of(frame.subjects, mentions, frame.trigger)
    sayers = actors_of(subjects_of(reporter), mentions, reporter)
    if not obliged or not sayers or {a.country for a in sayers} & {a.country for a in obliged}:
        return None
    return sayers, obliged


def _verb_targets(
    frame: Frame,
    pattern: Pattern,
    code: str,
    mentions: dict[int, ActorMention],
    sources: list[Actor],
) -> tuple[list[Actor], str]:
    """The target actors of a verb event, and a note on how they were found."""
    if pattern.target_after:
        # "warned their people about X": the pattern says where the target is
        phrase = phrase_tokens(frame.trigger)
        anchor = [t for t in phrase if t.lower_ == pattern.target_after]
        after = [t for t in phrase if anchor and t.i > anchor[0].i]
        targets = first_actor_group(after, mentions, exclude=sources)
        for _ in range(pattern.target_skips if targets else 0):
            # "(IN ^) +": the first actor after the anchor is the venue; take the next
            skipped = first_actor_group(after, mentions, exclude=sources)
            targets = first_actor_group(after, mentions, exclude=[*sources, *skipped])
        if targets:
            return targets, ""
    # an object the pattern itself names is the instrument, not the target:
    # "massed troops near Ukraine's border" -> the target is Ukraine, not the troops
    objects = [t for t in frame.objects if not is_instrument(t, pattern, mentions, sources)]
    visit = code[:3] in VISIT_CODES
    targets = first_actor_group(objects, mentions, exclude=sources, venues=visit)
    if targets:
        return targets, ""
    if code[:2] != STATEMENT_ROOT or code[:3] in JUDGING_COMMENTS:
        targets = first_actor_group(frame.addressees, mentions, exclude=sources)
        if targets:
            return targets, ""
    if code[:2] == STATEMENT_ROOT and pattern.petrarch:
        # a PETRARCH dictionary codes "X said that an embargo against Y would not work"
        # as X's statement toward Y: the first actor of what is said
        said = [
            t
            for c in frame.trigger.children
            if c.dep_ == "ccomp" and c.i > frame.trigger.i  # not "..., an official said"
            for t in c.subtree
        ]
        targets = first_actor_group(sorted(said, key=lambda t: t.i), mentions, exclude=sources)
        if targets:
            return targets, "; target = first actor of what is said (PETRARCH dictionary)"
    if code[:3] in JUDGING_COMMENTS:
        # "expressed hopes that Osgiliath could be drawn in": the hope is about Osgiliath
        judged = [
            s
            for o in frame.objects
            for clause in o.children
            if clause.dep_ in ("acl", "ccomp")
            for s in clause.children
            if s.dep_ in ("nsubj", "nsubjpass")
        ]
        targets = first_actor_group(judged, mentions, exclude=sources)
        if targets:
            return targets, "; target = subject of the clause commented on"
    if code[:2] in OWNER_TARGET_ROOTS:
        targets = owners_of(frame.trigger, mentions, exclude=sources)
        if targets:
            return targets, "; target = owner of the rejected/demanded thing"
    if pattern.mutual and len(sources) > 1:
        return [], ""
    # "welcomed a resumption of ties with Osgiliath": the first actor deeper in the
    # verb's own phrase, when no object or addressee is one
    phrase = [
        t for t in phrase_tokens(frame.trigger) if not is_instrument(t, pattern, mentions, sources)
    ]
    targets = first_actor_group(phrase, mentions, exclude=sources, venues=visit)
    if targets:
        return targets, "; target = first actor in the verb's phrase"
    if pattern.petrarch and code[:2] != STATEMENT_ROOT:
        # a PETRARCH dictionary's act with no target in its own phrase takes the first
        # actor of the clauses below it ("began to question whether he has a future
        # with the Morgul Orcs")
        below = [t for t in frame.trigger.subtree if t.i > frame.trigger.i]
        targets = first_actor_group(below, mentions, exclude=sources, venues=visit)
        if targets:
            return targets, "; target = first actor below the verb (PETRARCH dictionary)"
    return [], ""


def _noun_event(
    noun: Token,
    pattern: Pattern,
    mentions: dict[int, ActorMention],
    *,
    doc_id: str,
    date: str | None,
) -> list[Event]:
    own = [c for c in noun.children if c.dep_ in NOUN_SOURCE_DEPS and c.i in mentions]
    own += [p for c in noun.children if c.dep_ == "agent" or c.lower_ == "by" for p in c.children]
    verb = governing_verb(noun)
    if own:
        sources = actors_of(own, mentions, noun)
    elif verb is not None:
        sources = actors_of(subjects_of(verb), mentions, verb)
    else:
        sources = []
    used = {t for t in own}
    topics = {c for c in noun.children if c.dep_ == "compound"}  # "Ukraine talks": a topic
    inside = [
        t for t in noun.subtree if t.i in mentions and t.i != noun.i and t not in used | topics
    ]
    targets = first_actor_group(inside, mentions, exclude=sources)
    rule = f"lexicon.noun '{pattern.text}' -> {pattern.code}"
    if not targets and verb is not None and not own:
        # "gave the Ivory Coast 5.1 million dollars of aid", "sent aid to Syria": the
        # verb's recipient (only that: other objects are topics, "talks on Ukraine")
        targets = first_actor_group(recipients_of(verb), mentions, exclude=sources)
        rule += "; target = the recipient of the verb it hangs on" if targets else ""
    modality = modality_of(verb) if verb is not None else "asserted"
    return _make_events(
        noun,
        pattern.code,
        rule,
        sources,
        targets,
        False,
        modality,
        doc_id=doc_id,
        date=date,
        announce=pattern.announce,
    )


def _make_events(
    trigger: Token,
    code: str,
    rule: str,
    sources: list[Actor],
    targets: list[Actor],
    negated: bool,
    modality: str,
    *,
    doc_id: str,
    date: str | None,
    mutual: bool = False,
    one_sided: bool = False,
    announce: bool = False,
    model_score: float | None = None,
) -> list[Event]:
    if len(sources) > 1 and not targets and (mutual or code[:2] in MUTUAL_ROOTS):
        # "Russia and the United States held talks": each side acts toward the others
        rule += "; coordinated doers with no object -> mutual event"
        return [
            event
            for doer in sources
            for event in _make_events(
                trigger,
                code,
                rule,
                [doer],
                [a for a in sources if a is not doer],
                negated,
                modality,
                doc_id=doc_id,
                date=date,
                announce=announce,
            )
        ]
    if code[:2] == STATEMENT_ROOT:
        # "told AFP", "told reporters": the press is the channel, not the other side
        targets = [a for a in targets if a.sector != "MED"]
    if targets and {a.code for a in sources} == {a.code for a in targets}:
        targets = []  # "RUSGOV demanded RUSGOV": one side talking to itself is no dyad
    if not sources or not (targets or (one_sided and code[:2] in ONE_SIDED_ROOTS)):
        return []
    if not any(a.country or a.name for a in (*sources, *targets)):
        return []  # "crowds trashed its embassy": nobody the reader could look up
    if denied_or_negated(trigger) == "denied":
        return []  # "Russia denies any such plans": the text asserts no such event
    when = event_time(trigger, date)
    if when.planned and modality == "asserted":
        modality = "planned"  # "NATO talks with Russia later this week"
        found = announced_code(code, modality) if announce and not negated else None
        if found is not None:
            code = found[0]
            rule += f"; planned ('{when.date_text}') -> {found[1]} {code}"
    evidence: dict[str, object] = {"rule": rule, "trigger": _trigger_text(trigger)}
    if model_score is not None:
        evidence["model_score"] = model_score  # the learned fallback's probability
    if when.precision:
        evidence["date_precision"] = when.precision
    place = event_place(trigger)  # "talks in Geneva"; never an actor phrase's place
    if place is not None:
        evidence.update(place.evidence())
    info = _cameo_info(code)
    # an imported dictionary's code outside CAMEO (PETRARCH's internal "212") keeps its
    # code but has no Goldstein score, QuadClass or PLOVER type
    plover_type, mode = plover.from_cameo(info.code) if info is not None else (None, None)
    sent = trigger.sent
    start, end = trigger.idx, trigger.idx + len(trigger.text)
    return [
        Event(
            id=content_hash(
                doc_id,
                str(start),
                str(end),
                code,
                ",".join(str(a.code) for a in sources),
                ",".join(str(a.code) for a in targets),
            ),
            doc_id=doc_id,
            date=when.date,
            date_text=when.date_text,
            source=tuple(sources),
            target=tuple(targets),
            cameo=code,
            plover=plover_type,
            mode=mode,
            goldstein=info.goldstein if info is not None else None,
            quad_class=info.quad_class if info is not None else None,
            negated=negated,
            modality=modality,
            location=place.location if place is not None else None,
            sentence=sent.text.strip(),
            span=(start, end),
            evidence=evidence,
        )
    ]


def _cameo_info(code: str) -> cameo.CameoCode | None:
    """The CAMEO record of ``code``, or of its nearest parent for an imported dictionary's
    local codes (PETRARCH suites use codes such as 1951 that CAMEO does not define)."""
    for length in (len(code), 3, 2):
        try:
            return cameo.lookup(code[:length])
        except KeyError:
            continue
    return None


def _trigger_text(trigger: Token) -> str:
    parts = [trigger, *(c for c in trigger.children if c.dep_ in ("prt", "neg"))]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
