"""Coding one noun phrase as an actor: country + sector + named entity.

The rules read the phrase the way a human coder would: a title or role word gives the
sector ("Deputy Foreign Minister" -> GOV, "troops" -> MIL), a demonym, country name or
possessor gives the country ("Russian", "U.S.", "Russia's"), a knowledge-base entry
gives both for known people and organisations, and a seat of power stands for its
government ("the Kremlin" -> RUS GOV). Every coded actor says which rule decided it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyads.actors.kb import ActorKB, Organization, Person, country_name
from dyads.records import Actor

#: Dependents that belong to a noun phrase's name or title (not clauses, not PPs).
PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "det", "nummod", "poss", "case", "punct"})
#: Titles whose "of" phrase is part of the title ("Secretary of State").
TITLE_OF_HEADS = frozenset({"secretary", "minister", "ministry", "department", "chief", "head"})
#: Generic heads that take the name of the organisation in front of them ("NATO alliance").
ORG_NOUNS = frozenset({"alliance", "bloc", "organization", "organisation", "union", "agency"})
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def phrase_tokens(head: Token) -> list[Token]:
    """The tokens of ``head``'s noun phrase: its name, title and modifiers, in order."""
    found = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in PHRASE_DEPS and child.dep_ != "punct":
                found.append(child)
                stack.append(child)
            elif child.dep_ == "prep" and child.lower_ == "of" and tok.lower_ in TITLE_OF_HEADS:
                found.append(child)
                stack.extend(c for c in child.children if c.dep_ == "pobj")
                found.extend(c for c in child.children if c.dep_ == "pobj")
    return sorted(set(found), key=lambda t: t.i)


def code_phrase(head: Token, kb: ActorKB, *, day: str | None) -> Actor | None:
    """Code the noun phrase headed by ``head``, or return None if it names no actor.

    Args:
        head (Token): the phrase's head token.
        kb (ActorKB): the knowledge base.
        day (str | None): ISO date of the article, for date-bounded office holders.

    RETURNS (Actor | None): the coded actor, with ``evidence`` naming the rules used.
    """
    tokens = phrase_tokens(head)
    text = _text(tokens)
    entity = _entity_of(head)
    label = entity.label_ if entity is not None else ""

    org = _organization(tokens, entity, kb)
    if org is not None:
        return _org_actor(text, org)
    metonym = kb.metonym(entity.text if entity is not None else head.text)
    if metonym is None:
        metonym = kb.metonym(_text([t for t in tokens if t.dep_ != "det"]))
    if metonym is not None and label not in ("PERSON", "NORP"):
        country, sector = metonym
        return _make(text, None, country, sector, kb_id=f"seat:{head.text}", rule="metonym")

    country, country_rule = _country_from_modifiers(tokens, head, kb)
    sector, sector_rule, covers_head = _sector(tokens, head, kb)
    rules = ", ".join(r for r in (country_rule, sector_rule) if r)
    if label == "PERSON":
        return _person_actor(text, entity, country, sector, rules, kb, day)
    if label in ("GPE", "NORP") and head.ent_type_ in ("GPE", "NORP") and not covers_head:
        iso = kb.country(entity.text)
        if iso is not None:
            return _make(text, country_name(iso), iso, None, kb_id=f"country:{iso}", rule="country")
    if sector is not None and covers_head:
        return _make(text, None, country, sector, kb_id=None, rule=rules)
    if label == "ORG" and head.ent_type_ == "ORG":
        return _make(text, entity.text, country, sector, kb_id=None, rule=rules or "ner:ORG")
    return None


def org_actor_from_anaphor(text: str, org: Organization) -> Actor:
    """The actor for a definite description ("the alliance") resolved to ``org``."""
    return _org_actor(text, org, rule=f"anaphor:{text.lower()}->{org.id}")


def make_code(country: str | None, sector: str | None) -> str | None:
    """CAMEO actor code string: country then sector ("RUS" + "GOV" -> "RUSGOV")."""
    if country is None and sector is None:
        return None
    return f"{country or ''}{sector or ''}"


# -- the rules ------------------------------------------------------------------
def _organization(tokens: list[Token], entity: Span | None, kb: ActorKB) -> Organization | None:
    if entity is not None and entity.label_ in ("ORG", "FAC", "GPE", "NORP"):
        org = kb.organization(entity.text)
        if org is not None:
            return org
    head = next((t for t in tokens if t.head not in tokens or t.head.i == t.i), None)
    for tok in tokens:
        if tok.pos_ != "PROPN" or not (head is None or tok.i == head.i or head.lemma_ in ORG_NOUNS):
            continue
        org = kb.organization(tok.text)
        if org is not None:
            return org
    # "RIA news agency": a known alias at the front of the phrase
    words = [t.text for t in tokens if t.dep_ != "det"]
    for size in range(len(words), 0, -1):
        org = kb.organization(" ".join(words[:size]))
        if org is not None:
            return org
    return None


def _country_from_modifiers(
    tokens: list[Token], head: Token, kb: ActorKB
) -> tuple[str | None, str | None]:
    for tok in tokens:
        if tok.i == head.i and tok.ent_type_ not in ("GPE", "NORP"):
            continue
        if tok.ent_type_ in ("GPE", "NORP") or tok.pos_ == "PROPN":
            iso = kb.country(tok.text)
            if iso is None:
                ent = _entity_of(tok)
                iso = kb.country(ent.text) if ent is not None else None
            if iso is not None:
                return iso, f"country:{tok.text}"
            org = kb.organization(tok.text)
            if org is not None and tok.i != head.i:
                return org.country, f"org:{org.id}"
            # "the Biden administration": a known office holder gives the country
            person = kb.person(tok.text, None) if tok.i != head.i else None
            if person is not None:
                return person.country, f"person:{person.name}"
    return None, None


def _sector(tokens: list[Token], head: Token, kb: ActorKB) -> tuple[str | None, str | None, bool]:
    """Longest role phrase among the phrase's words; also whether it includes the head."""
    words = [t for t in tokens if t.ent_type_ != "PERSON" and t.dep_ != "det"]
    lowered = [t.lower_ for t in words]
    best: tuple[int, str, str, bool] | None = None
    for i in range(len(words)):
        for j in range(min(len(words), i + kb.max_sector_words), i, -1):
            phrase = " ".join(lowered[i:j])
            sector = kb.sector(phrase)
            if sector is None and j - i == 1:
                phrase = words[i].lemma_.lower()
                sector = kb.sector(phrase)
            if sector is not None:
                covers = any(t.i == head.i for t in words[i:j])
                if best is None or (j - i, covers) > (best[0], best[3]):
                    best = (j - i, sector, phrase, covers)
                break
    if best is None:
        return None, None, False
    return best[1], f"role:{best[2]}", best[3]


def _person_actor(
    text: str,
    entity: Span,
    country: str | None,
    sector: str | None,
    rules: str,
    kb: ActorKB,
    day: str | None,
) -> Actor:
    name = entity.text
    known: Person | None = kb.person(name, day)
    if known is not None and country is None:
        return _make(
            text,
            known.name,
            known.country,
            sector or known.sector,
            kb_id=f"person:{known.name}",
            rule=f"kb:people/{known.name} ({known.role}, {known.start}..{known.end or ''})",
        )
    rule = rules or "ner:PERSON"
    kb_id = f"person:{known.name}" if known is not None else None
    return _make(text, known.name if known else name, country, sector, kb_id=kb_id, rule=rule)


def _org_actor(text: str, org: Organization, rule: str | None = None) -> Actor:
    return Actor(
        text=text,
        name=org.name,
        country=org.country,
        sector=org.sector,
        code=org.cameo or make_code(org.country, org.sector),
        kb_id=f"org:{org.id}",
        evidence=rule or f"kb:organizations/{org.id}",
    )


def _make(
    text: str,
    name: str | None,
    country: str | None,
    sector: str | None,
    *,
    kb_id: str | None,
    rule: str,
) -> Actor:
    return Actor(
        text=text,
        name=name,
        country=country,
        sector=sector,
        code=make_code(country, sector),
        kb_id=kb_id,
        evidence=rule,
    )


def _entity_of(tok: Token) -> Span | None:
    """The named entity around ``tok``, found from its IOB tags (cheap on long docs)."""
    if tok.ent_type_ not in ENTITY_LABELS:
        return None
    doc = tok.doc
    start = tok.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text
