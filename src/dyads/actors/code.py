"""Coding one noun phrase as an actor: country + sector + named entity.

The rules read the phrase the way a human coder would: a title or role word gives the
sector ("Deputy Foreign Minister" -> GOV, "troops" -> MIL), a demonym, country name or
possessor gives the country ("Russian", "U.S.", "Russia's"), a knowledge-base entry
gives both for known people and organisations, and a seat of power stands for its
government ("the Kremlin" -> RUS GOV). Every coded actor says which rule decided it.
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Span, Token

from dyads.actors.heads import (
    acronym_only,
    ethnic_marked,
    full_country_name,
    inside_country_name,
    misspelled_country,
    nationals,
    org_before_head,
    org_with_pp,
    platform_sector,
    with_prefix_agent,
)
from dyads.actors.kb import ActorKB, Organization, Person, country_name
from dyads.actors.words import (
    COUNTRY_PREPS,
    ENTITY_LABELS,
    FORMER_WORDS,
    HYPHEN_SUFFIXES,
    LOCATIVE_PREPS,
    MEMBER_HEADS,
    MEMBER_NOUNS,
    NAME_HEAD_SECTORS,
    OFFICE_SECTORS,
    ORG_NOUNS,
    PHRASE_DEPS,
    TITLE_OF_HEADS,
)
from dyads.records import Actor
from dyads.time_place import locate


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


def code_phrase(head: Token, kb: ActorKB, *, day: str | None, nested: bool = False) -> Actor | None:
    """Code the noun phrase headed by ``head``, or return None if it names no actor.

    Args:
        head (Token): the phrase's head token.
        kb (ActorKB): the knowledge base.
        day (str | None): ISO date of the article, for date-bounded office holders.
        nested (bool): True when coding a phrase inside another one ("of X"); such a
            phrase does not look further into its own prepositional phrases.

    RETURNS (Actor | None): the coded actor, with ``evidence`` naming the rules used.
    """
    actor = _code_phrase(head, kb, day=day, nested=nested)
    return with_prefix_agent(actor, phrase_tokens(head), head, kb) if actor else None


def _code_phrase(head: Token, kb: ActorKB, *, day: str | None, nested: bool) -> Actor | None:
    tokens = phrase_tokens(head)
    text = _text(tokens)
    entity = _entity_of(head)
    label = entity.label_ if entity is not None else ""
    full_name = full_country_name(head, kb)
    if full_name is not None:  # "the Democratic People's Republic of Korea"
        iso, last = full_name
        named = _text([*tokens, last])
        return _make(named, country_name(iso), iso, None, kb_id=f"country:{iso}", rule="country")
    if inside_country_name(head, kb):
        return None  # "People's", "Korea": words of that name, coded with it

    org = _organization(tokens, entity, kb)
    if org is not None:
        org = org.on(day)
        if not org.sector:
            # "Bree President Romendacil": a role word in the phrase gives the sector
            role, role_rule, _ = _sector(tokens, head, kb)
            if role is not None:
                return _make(
                    text,
                    org.name,
                    org.country,
                    role,
                    kb_id=f"org:{org.id}",
                    rule=f"kb:organizations/{org.id} + {role_rule}",
                )
        return _org_actor(text, org)
    metonym = kb.metonym(entity.text if entity is not None else head.text)
    if metonym is None:
        metonym = kb.metonym(_text([t for t in tokens if t.dep_ != "det"]))
    # the small model sometimes tags a capital or a country as a PERSON ("Kyiv",
    # "Sri Lanka"): a name the gazetteer knows and no person list does is the place
    mistagged = (
        label == "PERSON"
        and _known_person(entity.text if entity is not None else head.text, entity, head, kb, day)
        is None
    )
    if metonym is not None and (label not in ("PERSON", "NORP") or mistagged):
        country, sector = metonym
        return _make(text, None, country, sector, kb_id=f"seat:{head.text}", rule="metonym")

    ethnic = ethnic_marked(tokens)
    country, country_rule = _country_from_modifiers(tokens, head, kb, ethnic)
    sector, sector_rule, covers_head = _sector(tokens, head, kb)
    if sector is None and country is not None and (platform := platform_sector(head, kb)):
        # "Russian aircraft": a country's vehicles and weapons stand for its forces
        sector, sector_rule, covers_head = platform, f"platform:{head.lower_}", True
    if sector is None and (people := nationals(head, kb, country, ethnic)) is not None:
        # "Palestinians", "Iraqi Kurds": the people of a country are its civilians
        if country is None and people[0] is not None:
            country, country_rule = people[0], f"country:{head.text}"
        sector, sector_rule, covers_head = "CVL", people[1], True
    if not covers_head and head.lemma_.lower() in MEMBER_NOUNS:
        if sector is None:  # "an FBI agent": the body's own sector
            member_of = next(
                (o for t in tokens if t.i != head.i and (o := kb.organization(t.text))), None
            )
            if member_of is not None and member_of.sector != "IGO":
                sector, sector_rule = member_of.sector, f"member:{member_of.id}"
        covers_head = sector is not None  # "army accountant": a member of the army
    if not covers_head and _is_name_head(head, tokens):
        named = NAME_HEAD_SECTORS.get(head.lower_)
        if named is not None:
            sector, sector_rule, covers_head = named, f"name-head:{head.lower_}", True
    if not nested and (country is None or sector is None):
        extra = _from_attachments(head, kb, day)
        if extra is not None:
            e_country, e_sector, e_rule = extra
            if country is None and e_country is not None:
                country, country_rule = e_country, e_rule
            if e_sector is not None and (sector is None or head.lower_ in MEMBER_HEADS):
                sector, sector_rule, covers_head = e_sector, e_rule, True
    former = _is_former(tokens)
    rules = ", ".join(r for r in (country_rule, sector_rule) if r)

    name = _name_span(head, tokens, kb)
    known = _known_person(name, entity, head, kb, day)
    country_named = mistagged and kb.country(entity.text if entity is not None else head.text)
    if (
        known is not None
        or (label == "PERSON" and not country_named)
        or (name is not None and sector and not covers_head)
    ):
        return _person_actor(text, name, entity, known, country, sector, former, rules)
    if not covers_head and head.i not in ethnic:
        iso = _country_of_name(head, tokens, entity, kb)
        rule = "country"
        if iso is None and len([t for t in tokens if t.dep_ != "det"]) == 1:
            iso, rule = misspelled_country(head, kb), f"misspelled:{head.text}"
        if iso is not None:  # "Ethopia": a misspelling only when nothing else fits
            return _make(text, country_name(iso), iso, None, kb_id=f"country:{iso}", rule=rule)
    if sector is not None and covers_head:
        if former and sector in OFFICE_SECTORS:
            sector, rules = "ELI", f"{rules}, former"
        return _make(text, None, country, sector, kb_id=None, rule=rules)
    place = _place(head, tokens, entity, label) if sector is None else None
    if place is not None:
        return place
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
    head = next((t for t in tokens if t.head not in tokens or t.head.i == t.i), None)
    # "the Calenardhon government", "Osgiliath soldiers": a name in front of a role word
    # gives the country, the role the sector; the name alone is not the actor
    role_head = head is not None and _is_role(head, kb)
    if entity is not None and entity.label_ in ("ORG", "FAC", "GPE", "NORP"):
        org = kb.organization(entity.text)
        if org is not None and not (role_head and not entity.start <= head.i < entity.end):
            return org
    for tok in tokens:
        if tok.pos_ != "PROPN" or not (head is None or tok.i == head.i or head.lemma_ in ORG_NOUNS):
            continue
        org = kb.organization(tok.text)
        if org is not None and not acronym_only(tok.text, org):
            return org
    # "RIA news agency": a known alias at the front of the phrase
    words = [t for t in tokens if t.dep_ != "det"]
    for size in range(len(words), 0, -1):
        if role_head and head not in words[:size] and not kb.organization(_text(words)):
            break
        org = kb.organization(" ".join(t.text for t in words[:size]))
        if org is None and size > 1:  # "Ahlu Sunnah Wa-Jama": as written, with its hyphens
            org = kb.organization(_text(words[:size]))
        if org is not None:
            return org
    if head is not None:  # "the Liberation Tigers of Tamil Eelam", "al-Qaeda's network"
        return org_with_pp(head, tokens, kb) or org_before_head(tokens, head, kb)
    return None


def _is_role(tok: Token, kb: ActorKB) -> bool:
    return kb.sector(tok.lower_) is not None or kb.sector(tok.lemma_.lower()) is not None


def _country_from_modifiers(
    tokens: list[Token], head: Token, kb: ActorKB, ethnic: set[int] = frozenset()
) -> tuple[str | None, str | None]:
    for ent in {e for t in tokens if t.i != head.i and (e := _entity_of(t)) is not None}:
        # "European Union leaders": a known organisation's name in front of the head
        if ent.label_ == "ORG" and head.i not in range(ent.start, ent.end):
            org = kb.organization(ent.text)
            if org is not None:
                return org.country, f"org:{org.id}"
    for left, right in pairwise(tokens):  # "Sri Lankan", "Costa Rican"
        pair = f"{left.text} {right.text}"
        if right.i == left.i + 1 and left.text[:1].isupper() and pair in kb.demonyms:
            return kb.demonyms[pair], f"country:{pair}"
        # "White House officials": a two-word seat of power in front of the head
        seat = kb.metonym(pair) if left.text[:1].isupper() and right.i != head.i else None
        if right.i == left.i + 1 and seat is not None:
            return seat[0], f"seat:{pair}"
        # "Minas Tirith border police": a two-word country entry in front of the head
        named = kb.organization(pair) if left.text[:1].isupper() and right.i != head.i else None
        if right.i == left.i + 1 and named is not None and not named.sector and not named.prefix:
            return named.country, f"org:{named.id}"
    for tok in tokens:
        if (tok.i == head.i and tok.ent_type_ not in ("GPE", "NORP")) or tok.i in ethnic:
            continue
        if tok.ent_type_ in ("GPE", "NORP", "LOC") or tok.text[:1].isupper() or "-" in tok.text:
            iso = _country_of_token(tok, kb)
            if iso is not None:
                return iso, f"country:{tok.text}"
            if tok.i == head.i:
                continue
            iso = misspelled_country(tok, kb)  # "Quatar's emir", "Phillippines military"
            if iso is not None:
                return iso, f"misspelled:{tok.text}"

            org = kb.organization(tok.text)
            if org is not None and not org.prefix:
                return org.country, f"org:{org.id}"
            # "the Biden administration": a known office holder gives the country
            person = kb.person(tok.text, None)
            if person is not None:
                return person.country, f"person:{person.name}"
            # "Kyiv police": a capital stands for its country here
            seat = kb.metonym(tok.text)
            if seat is not None and tok.text[:1].isupper():
                return seat[0], f"seat:{tok.text}"
            # "Shanghai police", "Kano State government": a city gives its country
            if tok.ent_type_ in ("GPE", "LOC") or (
                tok.pos_ == "PROPN"
                and tok.dep_ == "compound"
                and tok.ent_type_ != "PERSON"
                and len(tok.text) >= 4
                and tok.text.isalpha()
            ):
                found = locate(tok.text)
                if found is not None and found.country:
                    return found.country, f"place:{tok.text}"
    return None, None


def _country_of_token(tok: Token, kb: ActorKB) -> str | None:
    """Country of one token: "Russian", "U.S.-led", "Russia's", or its GPE/NORP entity."""
    text = tok.text
    iso = kb.country(text) if text[:1].isupper() else None
    if iso is None and "-" in text:
        first, _, rest = text.rpartition("-")
        if rest.lower() in HYPHEN_SUFFIXES and first:
            iso = kb.country(first)
    if iso is None and tok.ent_type_ in ("GPE", "NORP"):
        ent = _entity_of(tok)
        iso = kb.country(ent.text) if ent is not None else None
    return iso


def _from_attachments(
    head: Token, kb: ActorKB, day: str | None
) -> tuple[str | None, str | None, str] | None:
    """Country and sector from "of/in/from X" and an apposition ("Tseng, Taiwan's envoy")."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in COUNTRY_PREPS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "appos":
            objects = [child]
        else:
            continue
        for obj in objects:
            actor = code_phrase(obj, kb, day=day, nested=True)
            if actor is None or (actor.country is None and actor.sector is None):
                if child.dep_ == "prep" and obj.text[:1].isupper():
                    place = locate((_entity_of(obj) or obj).text)  # "a nun from Calgary"
                    if place is not None and place.country:
                        return place.country, None, f"{child.lower_}:{obj.text}"
                continue
            sector = actor.sector
            if child.dep_ == "prep" and (
                head.lower_ not in MEMBER_HEADS
                or sector in ("IGO", "CVL")
                or (actor.kb_id or "").startswith(("country:", "seat:"))
            ):
                sector = None  # "rebels in Darfur": only the country comes from the place
            return actor.country, sector, f"{child.lower_}:{obj.text}"
    return None


def _is_former(tokens: list[Token]) -> bool:
    """'former', 'ex-', 'retired', 'ousted' in the phrase."""
    for tok in tokens:
        low = tok.lower_
        if low in FORMER_WORDS or low.startswith("ex-"):
            return True
    head = tokens[0] if tokens else None
    if head is not None:
        doc = head.doc
        # "ex-president": the tokenizer may leave "ex" outside the parsed phrase
        i = tokens[0].i
        if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "ex":
            return True
    return False


def _is_name_head(head: Token, tokens: list[Token]) -> bool:
    """A capitalised multiword name ends at ``head`` ("Islamic Consultative Assembly")."""
    if not head.text[:1].isupper() or len(tokens) < 2:
        return False
    return any(t.text[:1].isupper() and t.i < head.i and t.dep_ != "det" for t in tokens)


def _is_role_word(tok: Token, kb: ActorKB) -> bool:
    low = tok.lower_
    return kb.sector(low) is not None or kb.sector(tok.lemma_.lower()) is not None


def _name_span(head: Token, tokens: list[Token], kb: ActorKB) -> str | None:
    """The personal or proper name that ends the phrase at its head, without titles."""
    if not head.text[:1].isupper() or head.pos_ not in ("PROPN", "NOUN", "ADJ", "VERB", "X"):
        return None
    if _is_role_word(head, kb) or head.text in kb.demonyms:
        return None
    if head.ent_type_ in ("GPE", "NORP", "LOC") and kb.country(head.text) is not None:
        return None
    inside = {t.i for t in tokens}
    doc = head.doc
    start = head.i
    i = head.i - 1
    while i >= 0 and (i in inside or doc[i].text == "-"):
        tok = doc[i]
        if (
            tok.text == "-"
            or tok.text == "'"
            or tok.text.lower() in ("al", "el", "bin", "de", "van")
        ):
            i -= 1
            continue
        if not tok.text[:1].isupper() or _is_role_word(tok, kb) or tok.dep_ in ("poss", "det"):
            break
        if tok.text.endswith(".") and len(tok.text) <= 5:  # "Lt." "Gen."
            break
        if tok.ent_type_ in ("NORP", "GPE") and kb.country(tok.text) is not None:
            break
        start = i
        i -= 1
    while start < head.i and not doc[start].text[:1].isalnum():
        start += 1
    return doc[start : head.i + 1].text


def _known_person(
    name: str | None, entity: Span | None, head: Token, kb: ActorKB, day: str | None
) -> Person | None:
    candidates = []
    if name:
        candidates.append(name)
    if entity is not None and entity.label_ == "PERSON":
        candidates.append(entity.text)
    if name and " " in name:
        candidates.append(name.rsplit(" ", 1)[-1])
    for candidate in candidates:
        person = kb.person(candidate, day)
        if person is not None:
            return person
    return None


def _country_of_name(
    head: Token, tokens: list[Token], entity: Span | None, kb: ActorKB
) -> str | None:
    """The country a bare name is ("Mozambique", "the Democratic Republic of the Congo")."""
    if entity is not None and entity.label_ in ("GPE", "NORP", "LOC") and head.ent_type_:
        iso = kb.country(entity.text)
        if iso is not None:
            return iso
    if head.text[:1].isupper():
        for text in (_text([t for t in tokens if t.dep_ != "det"]), head.text):
            iso = kb.country(text)
            if iso is not None and (" " not in text or _names_country(text, iso, kb)):
                return iso
    return None


def _names_country(text: str, iso: str, kb: ActorKB) -> bool:
    """A multiword name really names ``iso`` (the converter also matches inside names)."""
    short = country_name(iso)
    if text in kb.demonyms or (short and short.lower() in text.lower()):
        return True
    words = [w for w in text.replace("'s", "").split() if w[:1].isupper()]
    return any(kb.demonyms.get(w) == iso or (short and w in short.split()) for w in words)


def _place(head: Token, tokens: list[Token], entity: Span | None, label: str) -> Actor | None:
    """A city acting as an actor ("Mariupol was shelled"): its people, CVL, in its country."""
    if label not in ("GPE", "LOC", "ORG", "") or not head.text[:1].isupper():
        return None
    if head.pos_ not in ("PROPN", "NOUN") and head.dep_ != "ROOT":
        return None
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
        return None  # "talks in Geneva": where, not who
    name = entity.text if entity is not None else _text([t for t in tokens if t.dep_ != "det"])
    found = locate(name)
    if found is None or not found.country:
        return None
    return _make(_text(tokens), found.name, found.country, "CVL", kb_id=None, rule=f"place:{name}")


def _sector(tokens: list[Token], head: Token, kb: ActorKB) -> tuple[str | None, str | None, bool]:
    """Longest role phrase among the phrase's words; also whether it includes the head."""
    # words of a known organisation's name are no role words: "European Union leaders"
    # are not union leaders (but "Foreign Ministry" keeps its role)
    words = [
        t
        for t in tokens
        if t.ent_type_ != "PERSON" and t.dep_ != "det" and not _in_known_org(t, head, kb)
    ]
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


def _in_known_org(tok: Token, head: Token, kb: ActorKB) -> bool:
    if tok.ent_type_ != "ORG" or tok.i == head.i:
        return False
    ent = _entity_of(tok)
    return (
        ent is not None
        and head.i not in range(ent.start, ent.end)
        and (kb.organization(ent.text) is not None)
    )


def _person_actor(
    text: str,
    name: str | None,
    entity: Span | None,
    known: Person | None,
    country: str | None,
    sector: str | None,
    former: bool,
    rules: str,
) -> Actor:
    """A person: a known office holder (dated), or a name with a title, or a bare name."""
    if former and (sector in OFFICE_SECTORS or (sector is None and known is not None)):
        sector, rules = "ELI", ", ".join(r for r in (rules, "former") if r)
    if known is not None:
        evidence = f"kb:people/{known.name} ({known.role}, {known.start}..{known.end or ''})"
        return _make(
            text,
            known.name,
            country or known.country,
            sector or known.sector,
            kb_id=f"person:{known.name}",
            rule=", ".join(r for r in (rules, evidence) if r),
        )
    shown = name or (entity.text if entity is not None else text)
    return _make(text, shown, country, sector, kb_id=None, rule=rules or "ner:PERSON")


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
