"""Word classes the phrase coder reads: dependency labels, title heads, member nouns,
prepositions and hyphen suffixes (grammar, not knowledge; the knowledge is in data/).
"""

from __future__ import annotations

#: Dependents that belong to a noun phrase's name or title (not clauses, not PPs);
#: ``npadvmod`` brings in the country of "a Somalia-based group".
PHRASE_DEPS = frozenset(
    {"compound", "amod", "nmod", "det", "nummod", "poss", "case", "punct", "npadvmod"}
)
#: Titles whose "of" phrase is part of the title ("Secretary of State").
TITLE_OF_HEADS = frozenset({"secretary", "minister", "ministry", "department", "chief", "head"})
#: Generic heads that take the name of the organisation in front of them ("NATO alliance").
ORG_NOUNS = frozenset({"alliance", "bloc", "organization", "organisation", "union", "agency"})
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
#: Words that make an office holder a former one ("former president" -> ELI).
FORMER_WORDS = frozenset(
    {"former", "ex", "retired", "ousted", "deposed", "onetime", "one-time", "erstwhile"}
)
#: Sectors of an office: held in the past, they make the holder one of the elites (ELI).
OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "IGO", "PTY", "OPP"})
#: Head words of capitalised multiword names that give the named body's sector
#: ("Islamic Consultative Assembly" -> LEG); used when no role word covers the head.
NAME_HEAD_SECTORS = {
    "assembly": "LEG",
    "parliament": "LEG",
    "congress": "LEG",
    "senate": "LEG",
    "party": "PTY",
    "ministry": "GOV",
    "department": "GOV",
    "commission": "GOV",
    "bureau": "GOV",
    "agency": "GOV",
    "government": "GOV",
    "police": "COP",
    "court": "JUD",
    "tribunal": "JUD",
    "university": "EDU",
    "college": "EDU",
    "institute": "EDU",
    "school": "EDU",
    "army": "MIL",
    "navy": "MIL",
    "fleet": "MIL",
    "force": "MIL",
    "forces": "MIL",
    "guard": "MIL",
    "cartel": "CRM",
    "society": "NGO",
    "association": "NGO",
    "foundation": "NGO",
    "bank": "BUS",
    "company": "BUS",
    "corporation": "BUS",
}
#: Heads whose "of" phrase names the body they belong to ("members of SANDF",
#: "president of the Riigikogu"): the body's sector is theirs.
MEMBER_HEADS = frozenset(
    {
        "member",
        "members",
        "president",
        "chairman",
        "chairwoman",
        "chair",
        "speaker",
        "head",
        "leader",
        "leaders",
        "officials",
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "representatives",
        "director",
    }
)
#: Generic nouns for the people of a body named by a modifier ("army accountant").
MEMBER_NOUNS = frozenset(
    {
        "accountant",
        "officer",
        "member",
        "staff",
        "employee",
        "personnel",
        "agent",
        "worker",
        "staffer",
        "force",
        "group",
        "unit",
        "faction",
        "wing",
        "outfit",
        "network",
        "cell",
        "brigade",
        "organization",
        "organisation",
        "confederation",
        "coalition",
        "aide",
        "representative",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    }
)
#: Prepositions whose object gives the country of the phrase ("rebels in Darfur").
COUNTRY_PREPS = frozenset({"of", "in", "from", "throughout"})
#: Prepositions that make a place name a location, not an actor ("talks in Geneva").
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "across",
        "outside",
        "inside",
        "around",
        "throughout",
        "within",
        "toward",
        "towards",
        "through",
        "between",
        "on",
        "via",
        "over",
    }
)
#: Second halves of hyphenated forms whose first half is a country ("U.S.-led").
HYPHEN_SUFFIXES = frozenset(
    {
        "led",
        "based",
        "backed",
        "born",
        "allied",
        "run",
        "owned",
        "funded",
        "sponsored",
        "supported",
        "trained",
        "armed",
        "made",
        "brokered",
        "controlled",
        "held",
    }
)
