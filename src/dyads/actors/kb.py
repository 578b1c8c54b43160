"""The actor knowledge base: who is who, read from the YAML files in ``actors/data``.

Country *names* come from ``country_converter`` (a library keeps that table); the
YAML files hold what no library keeps: demonyms, seats of power used as metonyms,
organisations with their CAMEO codes, role words mapped to sectors, and a dated list
of office holders. Users extend or override any of it with their own YAML
(``--actors FILE``), loaded after the packaged files so that later entries win.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from datetime import date as Date
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyads import yaml_data
from dyads.errors import DyadsError
from dyads.time_place import country_patterns

_DATA = resources.files("dyads") / "actors" / "data"


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    country: str
    sector: str
    cameo: str | None
    aliases: tuple[str, ...] = ()
    anaphors: tuple[str, ...] = ()
    # date-restricted codes of an imported PETRARCH entry: (code, since, until), ISO
    # days, "since" inclusive and "until" exclusive; the first that holds wins
    dated: tuple[tuple[str, str | None, str | None], ...] = ()
    # a PETRARCH prefix agent ("MSF [NGO~]"): written before a country, its code goes
    # in front of that country's ("MSF Arnor" -> NGOARN)
    prefix: bool = False

    def on(self, day: str | None) -> Organization:
        """This organisation as coded on ``day`` (itself when no restriction holds)."""
        if not day or not self.dated:
            return self
        for code, since, until in self.dated:
            if (since is None or day >= since) and (until is None or day < until):
                return replace(self, cameo=code, country=code[:3], sector=code[3:6] or None)  # type: ignore[arg-type]
        return self


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    sector: str
    role: str | None
    start: str | None  # ISO date the office began
    end: str | None  # ISO date it ended; None = still in office
    aliases: tuple[str, ...] = ()

    def holds_office_on(self, day: str | None) -> bool:
        """True when ``day`` (ISO) falls in the term; an unknown day matches any term."""
        if not day:
            return True
        return (self.start or "") <= day and (self.end is None or day < self.end)


@dataclass
class ActorKB:
    """Lookup tables built from the YAML files; read-only once built."""

    demonyms: dict[str, str] = field(default_factory=dict)  # surface form -> ISO3
    metonyms: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # lower text -> (country, sector)
    organizations: dict[str, Organization] = field(default_factory=dict)  # lower alias -> org
    anaphors: dict[str, Organization] = field(default_factory=dict)  # "the alliance" -> org
    sectors: dict[str, str] = field(default_factory=dict)  # lower role phrase -> sector
    # lower vehicle/weapon word -> sector it stands for when a country owns it
    platforms: dict[str, str] = field(default_factory=dict)
    people: dict[str, list[Person]] = field(default_factory=dict)  # lower name/alias -> terms
    max_sector_words: int = 1
    sources: list[str] = field(default_factory=list)

    # -- lookups ---------------------------------------------------------------
    def country(self, text: str) -> str | None:
        """ISO3 (or IGO short name) for a country name, demonym or abbreviation."""
        text = text.strip()
        if text in self.demonyms:
            return self.demonyms[text]
        bare = _strip_article(text)
        if bare in self.demonyms:
            return self.demonyms[bare]
        return _coco_iso3(bare)

    def metonym(self, text: str) -> tuple[str, str] | None:
        return self.metonyms.get(_strip_article(text).lower())

    def organization(self, text: str) -> Organization | None:
        return self.organizations.get(_strip_article(text).lower())

    def sector(self, phrase: str) -> str | None:
        return self.sectors.get(phrase.lower())

    def platform(self, word: str) -> str | None:
        """Sector a vehicle or weapon stands for when a country owns it ("aircraft")."""
        return self.platforms.get(word.lower())

    def misspelled_country(self, text: str) -> str | None:
        """ISO3 of a country name or demonym ``text`` misspells by one letter, or None.

        Conservative: ``text`` is one capitalised word of at least 6 letters that is
        no country, place, organisation or person; the candidates within one edit
        (insertion, deletion, substitution or swap of neighbours) share the first
        letter and all name the same country ("Ethopia", "Afganistan", "Isreal").
        """
        if len(text) < 6 or not text.isalpha() or not text[0].isupper():
            return None
        if text not in self._misspellings:  # the same names recur in every article
            self._misspellings[text] = self._misspelled(text)
        return self._misspellings[text]

    def _misspelled(self, text: str) -> str | None:
        if self.country(text) or self.organization(text) or self.people.get(text.lower()):
            return None
        found = {
            iso
            for name, iso in self._country_words.get(text[0], {}).items()
            if _one_edit(name, text)
        }
        return found.pop() if len(found) == 1 else None

    @cached_property
    def _country_words(self) -> dict[str, dict[str, str]]:
        """:func:`_country_words` by first letter, built once (the KB is read-only)."""
        by_letter: dict[str, dict[str, str]] = {}
        for name, iso in _country_words(self).items():
            by_letter.setdefault(name[0], {})[name] = iso
        return by_letter

    @cached_property
    def _misspellings(self) -> dict[str, str | None]:
        return {}

    def person(self, name: str, day: str | None) -> Person | None:
        """The office holder known by ``name`` on ``day``; the latest term if several match.

        On a day after every term has ended (and none is current) the person is a
        former office holder: the last term is returned with sector ELI.
        """
        terms = self.people.get(name.lower())
        if not terms:
            return None
        current = [p for p in terms if p.holds_office_on(day)]
        if not day and all(p.end is not None and p.end <= Date.today().isoformat() for p in terms):
            current = []  # undated, and every term is over: a former office holder
        if current:
            return max(current, key=lambda p: p.start or "")
        # undated: a person whose every term has ended is a former office holder today
        on = day or Date.today().isoformat()
        ended = [p for p in terms if p.end is not None and p.end <= on]
        if not day and len(ended) < len(terms):
            ended = []
        if ended:
            last = max(ended, key=lambda p: p.end or "")
            return replace(last, sector="ELI", role=f"former {last.role or 'office holder'}")
        return max(terms, key=lambda p: p.start or "")

    # -- building --------------------------------------------------------------
    def add_file(self, path: Path | Any) -> None:
        """Merge one YAML file; its kind is taken from its top-level keys or file name."""
        name = getattr(path, "name", str(path))
        if name.lower().endswith(".txt"):  # a PETRARCH actors/agents dictionary
            from dyads.actors import petrarch_dict

            kind = petrarch_dict.is_petrarch_dictionary(path)
            if kind is None:
                raise DyadsError(
                    f"{path}: not a PETRARCH actors or agents dictionary; "
                    "give a YAML actor file or a PETRARCH .txt actors/agents file."
                )
            if kind == "actors":
                petrarch_dict.load_petrarch_actors(path, self)
            else:
                petrarch_dict.load_petrarch_agents(path, self)
            self.sources.append(str(path))
            return
        try:
            data = yaml_data.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as err:
            raise DyadsError(
                f"{path}: cannot read actor file ({err}); check its YAML syntax."
            ) from err
        self.sources.append(str(path))
        if data is None:
            return
        if isinstance(data, dict) and any(k in data for k in _SECTIONS):
            for key, section in data.items():
                if key in _SECTIONS:
                    _SECTIONS[key](self, section)
            return
        stem = name.rsplit(".", 1)[0]
        if stem not in _SECTIONS:
            raise DyadsError(
                f"{path}: unknown actor file kind; expected a file named one of "
                f"{sorted(_SECTIONS)} or a mapping with those keys."
            )
        _SECTIONS[stem](self, data)


def _add_demonyms(kb: ActorKB, data: dict[str, list[str]]) -> None:
    for iso3, forms in data.items():
        for form in forms or []:
            kb.demonyms[str(form)] = str(iso3)


def _add_metonyms(kb: ActorKB, data: list[dict[str, str]]) -> None:
    for row in data:
        kb.metonyms[_strip_article(row["text"]).lower()] = (row["country"], row["sector"])


def _add_organizations(kb: ActorKB, data: list[dict[str, Any]]) -> None:
    for row in data:
        org = Organization(
            id=str(row["id"]),
            name=row["name"],
            country=row["country"],
            sector=row["sector"],
            cameo=row.get("cameo"),
            aliases=tuple(row.get("aliases") or ()),
            anaphors=tuple(row.get("anaphors") or ()),
        )
        for alias in (org.name, *org.aliases):
            kb.organizations[_strip_article(alias).lower()] = org
        for anaphor in org.anaphors:
            kb.anaphors[anaphor.lower()] = org


def _add_sectors(kb: ActorKB, data: dict[str, list[str]]) -> None:
    for sector, words in data.items():
        for word in words or []:
            kb.sectors[str(word).lower()] = str(sector)
            kb.max_sector_words = max(kb.max_sector_words, len(str(word).split()))


def _add_platforms(kb: ActorKB, data: dict[str, list[str]]) -> None:
    for sector, words in data.items():
        for word in words or []:
            kb.platforms[str(word).lower()] = str(sector)


def _add_people(kb: ActorKB, data: list[dict[str, Any]]) -> None:
    for row in data:
        person = Person(
            name=row["name"],
            country=row["country"],
            sector=row["sector"],
            role=row.get("role"),
            start=_iso(row.get("from")),
            end=_iso(row.get("to")),
            aliases=tuple(row.get("aliases") or ()),
        )
        for alias in (person.name, *person.aliases):
            kb.people.setdefault(alias.lower(), []).append(person)


_SECTIONS = {
    "demonyms": _add_demonyms,
    "metonyms": _add_metonyms,
    "organizations": _add_organizations,
    "sectors": _add_sectors,
    "people": _add_people,
    "platforms": _add_platforms,
}


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Date):
        return value.isoformat()
    return str(value)


def _strip_article(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


@cache
def _coco_iso3(text: str) -> str | None:
    # country_converter matches by regex; it logs every miss, which we do not want.
    if not text or not text[0].isupper() or len(text) > 60:
        return None
    if len(text.replace(".", "")) <= 3 and not text.isupper():
        return None  # "Al", "Lt", "Jam": not abbreviations of country names
    if len(text) > 3 and not text.isdigit() and not _EXCLUDING.search(text):
        # coco's own reading of a name (its "regex" format), without its per-call
        # pandas work (3 ms): the one country whose pattern matches, else none.
        # Most capitalised phrases in news are no country: one combined search first.
        if not _any_country_pattern().search(text):
            return None
        found_iso = [iso for regex, iso in country_patterns() if regex.search(text)]
        return found_iso[0] if len(found_iso) == 1 and found_iso[0] in _iso3_codes() else None
    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    found = _converter().convert(text, to="ISO3", not_found=None)
    # with not_found=None coco hands back the input itself, so check it is a real code
    return found if isinstance(found, str) and found in _iso3_codes() else None


# coco reads these words as "excluding ..." and splits the name there
_EXCLUDING = re.compile(r"excl|without|w/o", re.IGNORECASE)


@cache
def _any_country_pattern() -> re.Pattern[str]:
    """One regex matching wherever any of coco's country patterns matches.

    coco reads a name of four or more characters by searching each country's pattern
    in turn; a name none of them matches is not found. Most capitalised phrases in news
    are no country, so one combined search first answers them at a fraction of the cost.
    """
    return re.compile("|".join(f"(?:{r.pattern})" for r, _ in country_patterns()), re.IGNORECASE)


def _country_words(kb: ActorKB) -> dict[str, str]:
    """One-word country names and demonyms of 6+ letters -> ISO3 (misspelling targets)."""
    words = {w: iso for w, iso in kb.demonyms.items() if len(w) >= 6 and w.isalpha()}
    for iso, name in _short_names().items():
        if len(name) >= 6 and name.isalpha():
            words.setdefault(name, iso)
    return words


@cache
def _short_names() -> dict[str, str]:
    data = _converter().data
    return {str(i): str(n) for i, n in zip(data["ISO3"], data["name_short"], strict=True)}


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one insertion, deletion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i, j = diff[0], diff[-1]
        return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i:] == long[i + 1 :]


@cache
def _iso3_codes() -> frozenset[str]:
    return frozenset(str(code) for code in _converter().data["ISO3"])


@cache
def country_name(iso3: str) -> str | None:
    """Short English name of a country code ("RUS" -> "Russia"); None for non-countries."""
    if len(iso3) != 3 or not iso3.isupper():
        return None
    return _short_names().get(iso3)


@cache
def _converter() -> Any:
    import country_converter as coco

    return coco.CountryConverter()


def load_kb(extra: tuple[Path, ...] = (), *, dictionary_roles_only: bool = False) -> ActorKB:
    """Build the knowledge base from the packaged YAML plus the user's files.

    Args:
        extra (tuple[Path, ...]): user YAML files (``--actors``), applied last.
        dictionary_roles_only (bool): when a PETRARCH agents dictionary is among
            ``extra``, use its role words instead of the packaged ones (the PETRARCH
            convention: a suite's agents are exactly the ones its dictionary lists).

    RETURNS (ActorKB): the lookup tables.
    """
    if not extra:
        return _packaged_kb()
    return _build(extra, dictionary_roles_only=dictionary_roles_only)


@cache
def _packaged_kb() -> ActorKB:
    return _build(())


def _build(extra: tuple[Path, ...], *, dictionary_roles_only: bool = False) -> ActorKB:
    from dyads.actors.petrarch_dict import is_petrarch_dictionary

    kb = ActorKB()
    for stem in ("demonyms", "metonyms", "organizations", "sectors", "platforms", "people"):
        resource = _DATA / f"{stem}.yaml"
        if resource.is_file():
            kb.add_file(resource)
    if dictionary_roles_only and any(is_petrarch_dictionary(Path(p)) == "agents" for p in extra):
        kb.sectors.clear()
    for path in extra:
        kb.add_file(Path(path))
    return kb
