"""Consistency checks for the actor knowledge-base YAML files in src/dyads/actors/data.

These test the data, not the loader: every code is a valid ISO3 country or a known
IGO short name, every sector is a CAMEO sector code, dates parse and are ordered, and
no surface form points at two different actors (the loader lower-cases aliases,
metonyms and role words, so collisions are checked the same way).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from datetime import date
from functools import cache
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parents[2] / "src/dyads/actors/data"

#: CAMEO actor-type (sector) codes the knowledge base may use. Primary roles (GOV ..
#: ELI), the CAMEO secondary types used as primary here (HRI, DEV, RAD, MOD, SET, PKO),
#: and the international types (IGO, NGO, IMG, MNC, NGM, UIS).
ALLOWED_SECTORS = frozenset(
    {
        "GOV", "MIL", "COP", "LEG", "JUD", "OPP", "REB", "SEP", "INS", "PTY", "UAF", "SPY",
        "MED", "BUS", "CVL", "EDU", "REL", "HLH", "LAB", "REF", "AGR", "ENV", "CRM", "ELI",
        "HRI", "DEV", "RAD", "MOD", "SET", "PKO",
        "IGO", "NGO", "IMG", "MNC", "NGM", "UIS",
    }
)  # fmt: skip
#: Sectors whose "country" is the organisation's own short name rather than an ISO3.
TRANSNATIONAL_SECTORS = frozenset({"IGO", "NGO", "IMG"})
NOT_FOUND = "<not found>"


def _load(name: str):
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demonyms() -> dict:
    return _load("demonyms")


@pytest.fixture(scope="module")
def metonyms() -> list:
    return _load("metonyms")


@pytest.fixture(scope="module")
def organizations() -> list:
    return _load("organizations")


@pytest.fixture(scope="module")
def sectors() -> dict:
    return _load("sectors")


@pytest.fixture(scope="module")
def people() -> list:
    return _load("people")


@pytest.fixture(scope="module")
def org_short_names(organizations) -> set[str]:
    return {o["country"] for o in organizations if o["sector"] in TRANSNATIONAL_SECTORS}


@cache
def _converter():
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    return coco.CountryConverter()


@cache
def is_iso3(code: str) -> bool:
    # Note: with not_found=None country_converter returns the input unchanged, so a
    # sentinel is needed to detect unknown codes.
    if not (isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code)):
        return False
    return _converter().convert(code, src="ISO3", to="ISO3", not_found=NOT_FOUND) == code


def _key(text: str) -> str:
    """How the loader keys metonyms and organisation aliases."""
    text = str(text).strip()
    return (text[4:] if text[:4].lower() == "the " else text).lower()


def _as_date(value) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


# -- demonyms ---------------------------------------------------------------------
def test_demonym_keys_are_iso3(demonyms):
    bad = [code for code in demonyms if not is_iso3(code)]
    assert not bad, f"not ISO3 codes: {bad}"


def test_demonym_forms_are_unique_and_clean(demonyms):
    owner: dict[str, str] = {}
    for code, forms in demonyms.items():
        assert forms, f"{code} has no forms"
        for form in forms:
            assert isinstance(form, str) and form.strip() == form and form, (code, form)
            assert not form.endswith(("'s", "’s")), f"possessive form {form!r} ({code})"
            assert form not in owner, f"{form!r} listed under {owner.get(form)} and {code}"
            owner[form] = code


def test_demonyms_cover_key_countries(demonyms):
    wanted = (
        "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA "  # G20
        "UKR BLR POL IRN ISR PSE SYR PRK TWN KAZ GEO ARM AZE MDA"
    )
    missing = [c for c in wanted.split(" ") if c not in demonyms]
    assert not missing
    assert len(demonyms) >= 120
    assert demonyms["RUS"][0] == "Russian"
    assert "U.S." in demonyms["USA"] and "UK" in demonyms["GBR"]


# -- sectors ----------------------------------------------------------------------
def test_sector_codes_allowed(sectors):
    assert set(sectors) <= ALLOWED_SECTORS, set(sectors) - ALLOWED_SECTORS


def test_sector_words_lowercase_unique_and_many(sectors):
    owner: dict[str, str] = {}
    for code, words in sectors.items():
        for word in words:
            assert isinstance(word, str) and word == word.lower() == word.strip(), (code, word)
            assert word not in owner, f"{word!r} under {owner.get(word)} and {code}"
            owner[word] = code
    assert len(owner) >= 400


@pytest.mark.parametrize(
    "word,code",
    [
        ("deputy foreign minister", "GOV"),
        ("troops", "MIL"),
        ("police", "COP"),
        ("lawmakers", "LEG"),
        ("prosecutor", "JUD"),
        ("separatists", "REB"),
        ("protesters", "CVL"),
        ("anti-government protesters", "OPP"),
        ("journalists", "MED"),
        ("refugees", "REF"),
        ("peacekeepers", "PKO"),
        ("spy agency", "SPY"),
    ],
)
def test_key_role_words(sectors, word, code):
    assert word in sectors[code]


# -- metonyms ---------------------------------------------------------------------
def test_metonyms_valid(metonyms, org_short_names):
    seen: dict[str, tuple[str, str]] = {}
    for row in metonyms:
        assert set(row) >= {"text", "country", "sector"}, row
        assert row["sector"] in ALLOWED_SECTORS, row
        assert is_iso3(row["country"]) or row["country"] in org_short_names, row
        key = _key(row["text"])
        value = (row["country"], row["sector"])
        assert seen.setdefault(key, value) == value, f"{row['text']!r} maps to two actors"
    assert len(metonyms) >= 80


def test_required_metonyms(metonyms):
    table = {_key(r["text"]): (r["country"], r["sector"]) for r in metonyms}
    assert table["kremlin"] == ("RUS", "GOV")
    assert table["white house"] == ("USA", "GOV")
    assert table["pentagon"] == ("USA", "MIL")
    assert table["brussels"] == ("EU", "IGO")
    assert table["kyiv"] == table["kiev"] == ("UKR", "GOV")
    assert table["verkhovna rada"] == ("UKR", "LEG")


# -- organizations ----------------------------------------------------------------
def test_organizations_fields(organizations):
    ids = [o["id"] for o in organizations]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for org in organizations:
        for field in ("id", "name", "country", "sector", "cameo", "aliases"):
            assert org.get(field), (org.get("id"), field)
        assert org["sector"] in ALLOWED_SECTORS, org["id"]
        assert re.fullmatch(r"[A-Z]{3,}", org["cameo"]), (org["id"], org["cameo"])
        if org["sector"] not in TRANSNATIONAL_SECTORS:
            assert is_iso3(org["country"]), (org["id"], org["country"])


def test_organization_aliases_do_not_collide(organizations):
    owner: dict[str, str] = {}
    for org in organizations:
        for alias in (org["name"], *org["aliases"]):
            key = _key(alias)
            assert owner.setdefault(key, org["id"]) == org["id"], (
                f"{alias!r} names both {owner[key]} and {org['id']}"
            )
    anaphor_owner: dict[str, str] = {}
    for org in organizations:
        for anaphor in org.get("anaphors") or []:
            key = anaphor.lower()
            assert anaphor_owner.setdefault(key, org["id"]) == org["id"], anaphor


def test_metonyms_and_org_aliases_agree(metonyms, organizations):
    orgs = {}
    for org in organizations:
        for alias in (org["name"], *org["aliases"]):
            orgs[_key(alias)] = (org["country"], org["sector"])
    for row in metonyms:
        key = _key(row["text"])
        if key in orgs:
            assert orgs[key] == (row["country"], row["sector"]), row["text"]


def test_required_organizations(organizations):
    by_id = {o["id"]: o for o in organizations}
    assert by_id["nato"]["cameo"] == "IGOWSTNAT"
    assert by_id["un"]["cameo"] == "IGOUNO"
    assert by_id["eu"]["cameo"] == "IGOEUREEC"
    for oid in (
        "unsc", "unga", "unhcr", "unicef", "wfp", "iaea", "who", "icc", "icj", "imf",
        "world_bank", "wto", "european_commission", "european_parliament",
        "european_council", "osce", "coe", "au", "ecowas", "sadc", "asean", "arab_league",
        "gcc", "opec", "oas", "csto", "sco", "brics", "commonwealth", "g7", "g20", "icrc",
        "msf", "amnesty", "hrw", "greenpeace", "hamas", "hezbollah", "taliban",
        "islamic_state", "al_qaeda",
    ):  # fmt: skip
        assert oid in by_id, oid
    media = {
        "reuters": "GBR", "ap": "USA", "afp": "FRA", "tass": "RUS", "ria": "RUS",
        "interfax": "RUS", "xinhua": "CHN", "yonhap": "KOR", "anadolu": "TUR",
        "bbc": "GBR", "cnn": "USA", "al_jazeera": "QAT",
    }  # fmt: skip
    for oid, country in media.items():
        assert (by_id[oid]["country"], by_id[oid]["sector"]) == (country, "MED"), oid


# -- people -----------------------------------------------------------------------
def test_people_fields_and_dates(people, org_short_names):
    assert len(people) >= 250
    seen = set()
    for person in people:
        label = f"{person.get('name')} ({person.get('role')})"
        for field in ("name", "country", "sector", "from"):
            assert person.get(field), (label, field)
        assert "to" in person, label
        assert person["sector"] in ALLOWED_SECTORS, label
        assert is_iso3(person["country"]) or person["country"] in org_short_names, label
        start = _as_date(person["from"])
        if person["to"] is not None:
            assert start < _as_date(person["to"]), label
        assert isinstance(person.get("aliases") or [], list), label
        key = (person["name"], person.get("role"), start)
        assert key not in seen, f"duplicate entry {label}"
        seen.add(key)


def test_people_aliases_unambiguous_in_time(people):
    """Two terms sharing a name/alias and overlapping in time must give the same code."""
    terms: dict[str, list[tuple[date, date, str, str, str]]] = defaultdict(list)
    for p in people:
        start = _as_date(p["from"])
        end = _as_date(p["to"]) if p["to"] is not None else date.max
        for alias in {p["name"], *(p.get("aliases") or [])}:
            terms[alias.lower()].append((start, end, p["country"], p["sector"], p["name"]))
    for alias, spans in terms.items():
        for i, (s1, e1, c1, k1, n1) in enumerate(spans):
            for s2, e2, c2, k2, n2 in spans[i + 1 :]:
                if s1 < e2 and s2 < e1:
                    assert (c1, k1) == (c2, k2), f"{alias!r}: {n1} {c1}{k1} vs {n2} {c2}{k2}"


def test_people_aliases_are_not_role_words(people, sectors):
    words = {w for ws in sectors.values() for w in ws}
    clashes = {a for p in people for a in p.get("aliases") or [] if a.lower() in words}
    assert not clashes, clashes


def test_required_people(people):
    def term(name: str, on: str):
        day = date.fromisoformat(on)
        for p in people:
            if (
                p["name"] == name
                and _as_date(p["from"]) <= day
                and (p["to"] is None or day < _as_date(p["to"]))
            ):
                return p
        raise AssertionError(f"{name} not in office on {on}")

    assert term("Vladimir Putin", "2022-02-24")["role"] == "president"
    assert term("Vladimir Putin", "2010-06-01")["role"] == "prime minister"
    assert term("Joe Biden", "2022-01-10")["country"] == "USA"
    assert "Zelensky" in term("Volodymyr Zelenskiy", "2022-03-01")["aliases"]
    assert term("Jens Stoltenberg", "2022-01-12")["country"] == "NATO"
    assert term("Josep Borrell", "2022-01-12")["country"] == "EU"
    for name in (
        "Sergei Lavrov", "Sergei Shoigu", "Dmitry Peskov", "Maria Zakharova",
        "Sergei Ryabkov", "Wendy Sherman", "Antony Blinken", "Lloyd Austin",
        "Jake Sullivan", "Dmytro Kuleba", "Oleksii Reznikov", "Alexander Lukashenko",
        "Emmanuel Macron", "Olaf Scholz", "Boris Johnson", "Liz Truss", "Xi Jinping",
        "Wang Yi", "Recep Tayyip Erdoğan", "Mevlüt Çavuşoğlu", "Naftali Bennett",
        "Ebrahim Raisi", "Ursula von der Leyen", "Charles Michel", "António Guterres",
    ):  # fmt: skip
        term(name, "2022-01-15")
