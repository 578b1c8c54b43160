"""Synthetic training sentences for the fallback classifier, expanded from templates.

The templates (``events/data/synthetic/templates.yaml``) are written by dyads'
developers and labelled synthetic; ``fillers.yaml`` beside them holds the actors,
places, context phrases and the verb forms English does not build with "-ed". One
template line gives many sentences: each pick of alternatives, verb, tense and actors
is one example. Every example knows where its trigger verb is (a character offset),
so the features are read off the exact token the template marked, not a guess.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from dyads.errors import DyadsError

#: The label of predicates that are not events between actors.
NONE_LABEL = "none"
TENSES = ("past", "perfect", "present", "future", "progressive", "negated")
#: Share of sentences whose trigger is put under a neutral verb ("decided to ...").
WRAP_SHARE = 0.25

_TRIGGER = re.compile(r"\[([^\]]+)\]")
_CHOICE = re.compile(r"\(([^()]*)\)")
_SLOT = re.compile(r"\{([ABP])\}")


@dataclass(frozen=True)
class Example:
    """One synthetic sentence: its text, its label, and where its trigger word starts."""

    text: str
    label: str
    trigger_char: int
    template: int  # index of the template line it came from (for grouped splits)


@dataclass(frozen=True)
class Templates:
    """Templates by label, the fillers, and a hash of both (recorded with the model)."""

    by_label: dict[str, tuple[str, ...]]
    fillers: dict
    digest: str


def templates_dir() -> Path:
    """The packaged folder holding ``templates*.yaml`` and ``fillers.yaml``."""
    return Path(str(resources.files("dyads.events") / "data" / "synthetic"))


@cache
def load_templates(folder: Path | None = None) -> Templates:
    """Read ``templates*.yaml`` and ``fillers.yaml`` from ``folder`` (default: packaged).

    RETURNS (Templates): the templates keyed by label (CAMEO code or ``"none"``).
    Raises:
        DyadsError: a file is missing or a template has no ``[trigger]``.
    """
    folder = folder or templates_dir()
    files = sorted(folder.glob("templates*.yaml"))
    fillers = folder / "fillers.yaml"
    if not files or not fillers.is_file():
        raise DyadsError(
            f"{folder}: no templates*.yaml or no fillers.yaml; expected the synthetic "
            "templates of the fallback classifier. Pass --templates with a folder holding both."
        )
    digest = hashlib.sha256()
    by_label: dict[str, tuple[str, ...]] = {}
    for path in [*files, fillers]:
        digest.update(path.read_bytes())
    for path in files:  # later files add lines to a label, they never replace it
        for key, lines in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            by_label[str(key)] = (*by_label.get(str(key), ()), *lines)
    for label, lines in by_label.items():
        for line in lines:
            if len(_TRIGGER.findall(line)) != 1:
                raise DyadsError(
                    f"templates.yaml {label}: {line!r} has no single [trigger]; "
                    "expected exactly one bracketed verb. Fix the template."
                )
    fill = yaml.safe_load(fillers.read_text(encoding="utf-8"))
    return Templates(by_label, fill, digest.hexdigest()[:16])


def generate(templates: Templates, *, per_template: int = 12, seed: int = 0) -> Iterator[Example]:
    """Expand every template ``per_template`` times with a seeded random generator.

    Args:
        templates (Templates): from ``load_templates``.
        per_template (int): sentences drawn from each template line. Defaults to 12.
        seed (int): seed of the generator; the same seed gives the same sentences.

    Yields:
        Example: the sentences, grouped by template, in file order.
    """
    rng = random.Random(seed)
    index = 0
    for label, lines in templates.by_label.items():
        for line in lines:
            seen: set[str] = set()
            for _ in range(per_template):
                example = realise(line, label, templates.fillers, rng, index)
                if example.text not in seen:  # short templates repeat themselves
                    seen.add(example.text)
                    yield example
            index += 1


def realise(line: str, label: str, fillers: dict, rng: random.Random, index: int = 0) -> Example:
    """One sentence from one template line (see the syntax in ``templates.yaml``)."""
    a, b = rng.sample(fillers["actors"], 2)
    text = _SLOT.sub(lambda m: {"A": a, "B": b, "P": rng.choice(fillers["places"])}[m[1]], line)
    text = _CHOICE.sub(lambda m: rng.choice(m[1].split("|")), text)
    match = _TRIGGER.search(text)
    assert match is not None  # load_templates checked it
    spec = match[1]
    verbs, _, form = spec.partition(":")
    verb = rng.choice(verbs.split("|"))
    wrappers = fillers.get("wrappers", ())
    if not form and wrappers and rng.random() < WRAP_SHARE:
        # "decided to shell", "said it would shell": the meaning sits under a neutral verb
        wrapper = rng.choice(wrappers)
        inner = " ".join([_form(verb.split()[0], "base", fillers), *verb.split()[1:]])
        verb, form = wrapper.replace("{verb}", inner), ""
    phrase, head_offset = inflect(verb, form or rng.choice(TENSES), fillers)
    text = text[: match.start()] + phrase + text[match.end() :]
    trigger_char = match.start() + head_offset
    if rng.random() < 0.3:
        prefix = rng.choice(fillers["prefixes"])
        text, trigger_char = prefix + _lower_first(text), trigger_char + len(prefix)
    if rng.random() < 0.3:
        text += rng.choice(fillers["suffixes"])
    text = re.sub(r" {2,}", " ", text).strip()
    text = text[0].upper() + text[1:] + "."
    # collapsing spaces can shift the trigger; find it again from its word
    trigger_char = _realign(text, phrase[head_offset:].split()[0], trigger_char)
    return Example(text, label, trigger_char, index)


def inflect(verb: str, form: str, fillers: dict) -> tuple[str, int]:
    """The verb phrase for ``form`` and the offset of the inflected word in it.

    ``form`` is a tense (``past``, ``perfect``, ``present``, ``future``,
    ``progressive``, ``negated``) or a bare form (``base``, ``past``, ``pp``, ``ing``, ``s``).
    Only the first word of a phrasal verb is inflected ("crack down" -> "cracked down").
    """
    head, _, rest = verb.partition(" ")
    rest = f" {rest}" if rest else ""
    # a negated predicate keeps its label: turning it into a rejection is a rule of the
    # caller (events.extract), not something to learn from a few sentences
    auxiliary = {"perfect": "has ", "future": "will ", "progressive": "is ", "negated": "did not "}
    bare = {"perfect": "pp", "future": "base", "progressive": "ing", "present": "s"}
    bare["negated"] = "base"
    aux = auxiliary.get(form, "")
    word = _form(head, bare.get(form, form), fillers)
    return aux + word + rest, len(aux)


def _form(verb: str, form: str, fillers: dict) -> str:
    if verb == "be":
        return {"base": "be", "past": "was", "pp": "been", "ing": "being", "s": "is"}[form]
    if form == "base":
        return verb
    if form == "s":
        if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
            return verb + "es"
        return verb[:-1] + "ies" if _consonant_y(verb) else verb + "s"
    stem = verb + verb[-1] if verb in fillers.get("doubled", ()) else verb
    if form == "ing":
        if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
            return verb[:-1] + "ing"
        return stem + "ing"
    irregular = fillers.get("irregular", {}).get(verb)
    if irregular:
        return irregular[0] if form == "past" else irregular[1]
    if verb.endswith("e"):
        return verb + "d"
    return verb[:-1] + "ied" if _consonant_y(verb) else stem + "ed"


def _consonant_y(verb: str) -> bool:
    return len(verb) > 1 and verb.endswith("y") and verb[-2] not in "aeiou"


def _lower_first(text: str) -> str:
    # "The government" after a prefix reads "the government"; names keep their capital
    return text[0].lower() + text[1:] if text.startswith(("The ", "A ", "An ")) else text


def _realign(text: str, word: str, guess: int) -> int:
    starts = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE)]
    return min(starts, key=lambda s: abs(s - guess)) if starts else guess
