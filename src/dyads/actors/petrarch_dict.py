"""Importing PETRARCH/TABARI actor and agent dictionaries into the ``ActorKB``.

PETRARCH (and TABARI before it) keep actors and agents in plain-text dictionaries.
This module reads the two formats and adds their entries to an ``ActorKB``, so that a
PETRARCH validation suite, or the Phoenix dictionaries, can be used with ``--actors``.

Actors file (one entry = a name line, optional synonym lines, one or more codes)::

    GONDOR_  [GON]          # a name and its code; text after '#' is a comment
    +MINAS_TIRITH           # a synonym of the entry above
    SMEAGOL                 # a name whose codes follow on indented lines
        [HOB <19950601]     # valid before that date
        [HOBGOV 19950601-19990815]
        [HOBREB >19990816]  # valid from that date on
        [HOB]               # undated: the default

Underscores stand for spaces, a trailing underscore marks a whole word (no stemming);
``<!-- ... -->`` blocks are comments. Dates are ``YYYYMMDD`` or ``YYMMDD``.

Agents file (role nouns; ``~`` shows where the agent goes relative to the country)::

    !PERSON! = MAN, MEN, WOMAN, WOMEN     # a substitution set used inside names
    PRESIDENT [~GOV]                      # suffix agent: "Gondor president" -> GONGOV
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   # explicit plural; {} = no plural
    RIGHTS_BODY [NGO~]                    # prefix agent: NGO + country

Simplifications (the ``ActorKB`` has no dates, stems or code prefixes):

* a date-restricted actor gets the code valid on ``day`` when a day is given (first
  matching restriction in file order), else its undated code, else its first code;
* names are matched as written: TABARI stems ("ARGENTIN" for "Argentina") are not
  expanded;
* a code "---" (a name known to have no code) adds nothing; a compound code
  "FRO/BIL/SAM" is entered under its first part;
* suffix agents go to ``kb.sectors`` (with regular plurals generated when the file
  gives none, as PETRARCH does); prefix agents ("NGO~") cannot be a sector, so they are
  entered as organisations with that code, marked ``prefix``: alone they are that code,
  in front of a country they go before its code ("MSF Arnor" -> NGOARN).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # kb.py imports this module lazily; keep the import one-way
    from dyads.actors.kb import ActorKB

ACTORS = "actors"
AGENTS = "agents"

#: How much of a file ``is_petrarch_dictionary`` reads: enough to get past long headers.
SNIFF_CHARS = 256_000

_XML_COMMENT = re.compile(r"<!\s*--.*?-->", re.DOTALL)
_BRACKET = re.compile(r"\[([^\]\}\[]*)[\]\}]")
_DATE = r"\d{8}|\d{6}"
_CODE = re.compile(
    r"^\s*(?P<code>[^\s<>\d][^\s<>]*)\s*"
    rf"(?:(?P<op>[<>])\s*(?P<day>{_DATE})|(?P<start>{_DATE})\s*-\s*(?P<end>{_DATE}))?\s*$"
)
_SUBSTITUTION = re.compile(r"^(?P<name>![A-Za-z0-9_]+!)\s*=\s*(?P<values>.+)$")
_AGENT = re.compile(
    r"^(?P<name>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]\}\[]*)[\]\}]"
)
_VERB_BLOCK = re.compile(r"^---\s*\S.*---$")
_SNIFF_CODE = re.compile(
    rf"^\s*[A-Za-z+\-#/]{{3,15}}\s*(?:[<>]\s*(?:{_DATE})|(?:{_DATE})\s*-\s*(?:{_DATE}))?\s*$"
)
_SNIFF_AGENT = re.compile(r"^\s*(?:~[A-Za-z]{3,}|[A-Za-z]{3,}~)\s*$")


@dataclass(frozen=True)
class DatedCode:
    """One code of an actor entry, with the dates it is valid for (``YYYYMMDD`` ints)."""

    code: str
    since: int | None = None  # valid on and after this day
    until: int | None = None  # valid before this day (exclusive)
    bad_dates: bool = False  # a restriction was given but could not be read

    @property
    def dated(self) -> bool:
        return self.bad_dates or self.since is not None or self.until is not None

    def valid_on(self, day: int) -> bool:
        """True when the code applies on ``day`` (an undated code applies on any day)."""
        if self.bad_dates:
            return False
        return (self.since is None or day >= self.since) and (
            self.until is None or day < self.until
        )


@dataclass
class ActorEntry:
    """One actors-file entry: its names (first is the main one) and its codes."""

    names: list[str] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)

    def code_on(self, day: int | None = None) -> str | None:
        """The code for ``day``: the first restriction that holds, else the default."""
        if day is not None:
            for dated in self.codes:
                if dated.dated and dated.valid_on(day):
                    return dated.code
        undated = [c for c in self.codes if not c.dated]
        chosen = undated[0] if undated else (self.codes[0] if self.codes else None)
        return chosen.code if chosen is not None else None


@dataclass(frozen=True)
class AgentEntry:
    """One agents-file entry: the phrases it covers and its code (without ``~``)."""

    phrases: tuple[str, ...]
    code: str
    prefix: bool  # "NGO~": the agent goes before the country code


# -- reading the files ----------------------------------------------------------------
def parse_actors(text: str) -> tuple[list[ActorEntry], list[str]]:
    """Parse the text of a PETRARCH actors dictionary.

    Args:
        text (str): the whole file.

    RETURNS (tuple[list[ActorEntry], list[str]]): the entries, and what was skipped.
    """
    entries: list[ActorEntry] = []
    skipped: list[str] = []
    current: ActorEntry | None = None
    for number, line in _content_lines(text):
        if line.startswith(("<", "&", "!")):
            skipped.append(f"line {number}: not an actor line: {line[:60]}")
            continue
        head = line.split("[", 1)[0]
        if line.startswith("["):
            if current is None:
                skipped.append(f"line {number}: code before any name: {line[:60]}")
                continue
        elif line.startswith("+"):
            if current is None:
                skipped.append(f"line {number}: synonym before any name: {line[:60]}")
                continue
            name = _phrase(head[1:])
            if name:
                current.names.append(name)
        else:
            name = _phrase(head)
            if not name:
                skipped.append(f"line {number}: no name: {line[:60]}")
                continue
            current = ActorEntry(names=[name])
            entries.append(current)
        for inside in _BRACKET.findall(line):
            dated = _dated_code(inside)
            if dated is None:
                skipped.append(f"line {number}: unreadable code [{inside}]")
                continue
            if dated.bad_dates:
                skipped.append(f"line {number}: unreadable dates in [{inside}]")
            current.codes.append(dated)
    return entries, skipped


def parse_agents(text: str) -> tuple[list[AgentEntry], list[str]]:
    """Parse the text of a PETRARCH agents dictionary.

    Substitution sets (``!PERSON! = MAN, MEN``) are expanded inside names; a name
    without a ``{...}`` plural and without a substitution also gets its regular
    plural ("minister" -> "ministers", "attorney general" keeps what the file says).

    Args:
        text (str): the whole file.

    RETURNS (tuple[list[AgentEntry], list[str]]): the entries, and what was skipped.
    """
    entries: list[AgentEntry] = []
    skipped: list[str] = []
    substitutions: dict[str, list[str]] = {}
    for number, line in _content_lines(text):
        sub = _SUBSTITUTION.match(line)
        if sub is not None:
            values = [v.strip() for v in sub["values"].split(",") if v.strip()]
            substitutions[sub["name"].upper()] = values
            continue
        match = _AGENT.match(line)
        if match is None:
            skipped.append(f"line {number}: not an agent line: {line[:60]}")
            continue
        raw_code = match["code"].strip().upper()
        prefix = raw_code.endswith("~") and not raw_code.startswith("~")
        code = raw_code.strip("~").split()[0] if raw_code.strip("~").strip() else ""
        if not code or not re.fullmatch(r"[A-Z0-9]+", code):
            skipped.append(f"line {number}: unreadable agent code [{match['code']}]")
            continue
        names = _expand(match["name"].strip(), substitutions)
        substituted = len(names) > 1 or names[0] != match["name"].strip()
        phrases = [_phrase(n) for n in names]
        if match["plural"] is not None:
            phrases += [_phrase(p) for p in re.split(r"[,\s]+", match["plural"]) if p.strip()]
        elif not substituted:
            phrases += [plural(p) for p in phrases]
        unique = tuple(dict.fromkeys(p for p in phrases if p))
        if unique:
            entries.append(AgentEntry(phrases=unique, code=code, prefix=prefix))
    return entries, skipped


# -- loading into the knowledge base ---------------------------------------------------
def load_petrarch_actors(path: Path, kb: ActorKB, *, day: str | None = None) -> int:
    """Add the entries of a PETRARCH actors dictionary to ``kb.organizations``.

    Each name and synonym becomes a lower-case key for one ``Organization`` whose
    ``cameo`` is the entry's code, ``country`` its first three letters and ``sector``
    the next three.

    Args:
        path (Path): the actors file.
        kb (ActorKB): the knowledge base to extend (changed in place).
        day (str | None): ISO or ``YYYYMMDD`` date used to pick among date-restricted
            codes; without it the undated (default) code is used.

    RETURNS (int): the number of entries added.
    """
    from dyads.actors.kb import Organization

    entries, _ = parse_actors(_read(path))
    when = _day_number(day)
    added = 0
    for entry in entries:
        code = entry.code_on(when)
        if code is None or code.startswith("---"):
            continue  # no code, or a name marked as having no actor code
        # "THE SHIRE [FRO/BIL/SAM]" stands for three actors: the first is the phrase's
        # code, the id keeps them all (events/roles.py splits the actor on it)
        full, code = code, code.split("/")[0]
        display = [_display(n) for n in entry.names]
        org = Organization(
            id=f"petrarch:{full}",
            name=display[0],
            country=code[:3],
            sector=code[3:6] or None,  # type: ignore[arg-type]  # no sector: a country
            cameo=code,
            aliases=tuple(display[1:]),
            dated=tuple(
                (c.code.split("/")[0], _iso(c.since), _iso(c.until))
                for c in entry.codes
                if c.dated and not c.bad_dates and not c.code.startswith("---")
            ),
        )
        replaced = {kb.organizations.get(_key(name)) for name in entry.names}
        for name in entry.names:
            kb.organizations[_key(name)] = org
        # the dictionary's entry replaces the packaged organisation it names, under all
        # of that one's names: "European Union" [IGOEEU] makes "EU" IGOEEU as well
        for old in replaced:
            if old is not None and not old.id.startswith("petrarch:"):
                for key, found in list(kb.organizations.items()):
                    if found is old:
                        kb.organizations[key] = org
        added += 1
    return added


def load_petrarch_agents(path: Path, kb: ActorKB) -> int:
    """Add the entries of a PETRARCH agents dictionary to ``kb.sectors``.

    A suffix agent ("PRESIDENT [~GOV]") maps each of its phrases (lower case, plurals
    included) to the code without ``~``; a prefix agent ("MSF [NGO~]") becomes an
    organisation with that code, since it stands in the country position.

    Args:
        path (Path): the agents file.
        kb (ActorKB): the knowledge base to extend (changed in place).

    RETURNS (int): the number of entries (file lines) added.
    """
    from dyads.actors.kb import Organization

    entries, _ = parse_agents(_read(path))
    for entry in entries:
        if entry.prefix:
            org = Organization(
                id=f"petrarch:{entry.code}",
                name=_display(entry.phrases[0]),
                country=entry.code[:3],
                sector=entry.code[3:6] or None,  # type: ignore[arg-type]
                cameo=entry.code,
                aliases=tuple(_display(p) for p in entry.phrases[1:]),
                prefix=True,
            )
            for phrase in entry.phrases:
                kb.organizations[_key(phrase)] = org
            continue
        for phrase in entry.phrases:
            kb.sectors[phrase.lower()] = entry.code
            kb.max_sector_words = max(kb.max_sector_words, len(phrase.split()))
    return len(entries)


def is_petrarch_dictionary(path: Path) -> str | None:
    """Tell a PETRARCH actors or agents dictionary from other text files.

    Verb, discard and issue dictionaries, and anything unreadable, give None.

    Args:
        path (Path): the file to look at (only its first ``SNIFF_CHARS`` are read).

    RETURNS (str | None): "actors", "agents" or None.
    """
    try:
        text = _read(path)[:SNIFF_CHARS]
    except OSError:
        return None
    codes = agents = 0
    for _, line in _content_lines(text):
        if line.upper().startswith("<ISSUE") or _VERB_BLOCK.match(line):
            return None  # an issues or verbs dictionary
        if _SUBSTITUTION.match(line):
            agents += 1
            continue
        for inside in _BRACKET.findall(line):
            if _SNIFF_AGENT.match(inside):
                agents += 1
            elif _SNIFF_CODE.match(inside):
                codes += 1
    if agents and agents * 2 >= codes:
        return AGENTS
    if codes:
        return ACTORS
    return None


# -- helpers ---------------------------------------------------------------------------
def plural(phrase: str) -> str:
    """The regular English plural of a role phrase: its head word takes the plural.

    The head is the last word, or the word before "of" ("minister of state" ->
    "ministers of state").

    Args:
        phrase (str): the singular phrase (lower or upper case).

    RETURNS (str): the plural phrase.
    """
    words = phrase.split()
    if not words:
        return phrase
    at = next((i - 1 for i, w in enumerate(words) if w.lower() == "of" and i > 0), len(words) - 1)
    words[at] = _plural_word(words[at])
    return " ".join(words)


def _plural_word(word: str) -> str:
    lower = word.lower()
    upper = word.isupper()
    if not lower[-1:].isalpha():
        return word
    if lower.endswith("man") and len(lower) > 3:
        form = word[:-3] + "men"
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        form = word + "es"
    elif lower.endswith("y") and lower[-2:-1] not in "aeiou":
        form = word[:-1] + "ies"
    else:
        form = word + "s"
    return form.upper() if upper else form


def _content_lines(text: str) -> list[tuple[int, str]]:
    """Non-empty lines with comments removed, numbered as in the original text."""
    # blank out comment blocks but keep their newlines so line numbers stay true
    text = _XML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _drop_hash_comment(raw).strip()
        if line:
            lines.append((number, line))
    return lines


def _drop_hash_comment(line: str) -> str:
    """The line up to its first '#' outside brackets ("[###]" is a code, not a comment)."""
    depth = 0
    for i, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char in "]}" and depth:
            depth -= 1
        elif char == "#" and not depth:
            return line[:i]
    return line


def _dated_code(inside: str) -> DatedCode | None:
    """A bracket's code and dates; a code with unreadable dates is kept but never chosen
    by date nor taken as the default ("[ARMUNR 9008223-911221]")."""
    match = _CODE.match(inside)
    if match is None:
        words = inside.split()
        if words and re.fullmatch(r"[A-Za-z+\-#/]{3,}", words[0]) and len(words) > 1:
            return DatedCode(words[0].upper(), bad_dates=True)
        return None
    code = match["code"].upper()
    if match["op"] == "<":
        return DatedCode(code, until=_date_number(match["day"]))
    if match["op"] == ">":
        return DatedCode(code, since=_date_number(match["day"]))
    if match["start"]:
        return DatedCode(
            code, since=_date_number(match["start"]), until=_date_number(match["end"]) + 1
        )
    return DatedCode(code)


def _iso(day: int | None) -> str | None:
    """``19950601`` -> ``"1995-06-01"``."""
    if day is None:
        return None
    text = f"{day:08d}"
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def _date_number(digits: str) -> int:
    """``YYYYMMDD`` or ``YYMMDD`` as an int; two-digit years below 30 are 20xx."""
    if len(digits) == 6:
        year = int(digits[:2])
        digits = f"{2000 + year if year < 30 else 1900 + year}{digits[2:]}"
    return int(digits)


def _day_number(day: str | None) -> int | None:
    if not day:
        return None
    digits = day.replace("-", "")[:8]
    return int(digits) if digits.isdigit() and len(digits) == 8 else None


def _expand(name: str, substitutions: dict[str, list[str]]) -> list[str]:
    """Every form of ``name`` with its substitution sets replaced by their members."""
    forms = [name]
    for marker, values in substitutions.items():
        if any(marker in f.upper() for f in forms):
            forms = [
                re.sub(re.escape(marker), value, f, flags=re.IGNORECASE)
                for f in forms
                for value in values
            ]
    return forms


def _phrase(raw: str) -> str:
    """A dictionary name as plain words: underscores are spaces, case kept."""
    return " ".join(raw.replace("_", " ").split())


def _key(name: str) -> str:
    """The ``kb.organizations`` key for a name (lower case, no leading "the")."""
    lower = name.lower()
    return lower[4:] if lower.startswith("the ") and len(lower) > 4 else lower


def _display(name: str) -> str:
    """A readable name: all-capitals dictionary names in title case."""
    return name.title() if name.isupper() else name


def _read(path: Path | Any) -> str:
    """The file's text (UTF-8; undecodable bytes are replaced, not fatal)."""
    return path.read_bytes().decode("utf-8", errors="replace")
