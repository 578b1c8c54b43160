"""The cue lexicon: which words and phrases attribute a quotation, loaded from YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyads import yaml_data
from dyads.errors import DyadsError, message

__all__ = ["Cues", "default_cues", "load_cues"]

_PHRASE_ROLES = frozenset({"object", "subject"})
_CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "oprd", "prep")
_NOUN_DEPS = ("acl", "prep")


@dataclass(frozen=True)
class Cues:
    """The cue lexicon: which words and phrases attribute a quotation.

    Attributes:
        verbs (frozenset[str]): lemmas of reporting verbs; ``"point out"`` is a verb
            lemma plus a particle.
        direct_only (frozenset[str]): verbs that attribute direct quotes only.
        phrases (tuple[tuple[tuple[str, ...], str], ...]): multi-word cues as lower-case
            words with the role of the speaker, ``"object"`` or ``"subject"``.
        frames (frozenset[tuple[str, str]]): (verb lemma, dependency) pairs whose
            dependent is attributed content: ``("call", "dobj")`` for "called the plan
            a disaster", ``("urge", "xcomp")``, ``("call", "prep:for")`` for "called
            for talks". Verbs met only here attribute indirect content, never a
            direct quote. Every ``verbs`` entry not in ``direct_only`` also reports
            its ``ccomp`` clause.
    """

    verbs: frozenset[str]
    direct_only: frozenset[str] = frozenset()
    phrases: tuple[tuple[tuple[str, ...], str], ...] = ()
    frames: frozenset[tuple[str, str]] = frozenset()
    noun_frames: frozenset[tuple[str, str]] = frozenset()
    sources: frozenset[str] = frozenset()
    _deps: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    _noun_deps: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        deps: dict[str, set[str]] = {}
        for lemma, dep in self.frames:
            deps.setdefault(lemma, set()).add(dep)
        for lemma in self.verbs - self.direct_only:
            deps.setdefault(lemma, set()).add("ccomp")
        object.__setattr__(self, "_deps", {k: frozenset(v) for k, v in deps.items()})
        nouns: dict[str, set[str]] = {}
        for lemma, dep in self.noun_frames:
            nouns.setdefault(lemma, set()).add(dep)
        object.__setattr__(self, "_noun_deps", {k: frozenset(v) for k, v in nouns.items()})

    def content_deps(self, lemma: str) -> frozenset[str]:
        """The dependencies (``"ccomp"``, ``"prep:for"``...) whose dependent ``lemma``
        reports as content; empty when ``lemma`` reports nothing."""
        return self._deps.get(lemma, frozenset())

    def noun_deps(self, lemma: str) -> frozenset[str]:
        """The dependencies (``"acl"``, ``"prep:about"``) whose dependent the noun
        ``lemma`` attributes as content; empty for other nouns."""
        return self._noun_deps.get(lemma, frozenset())


def load_cues(path: Path | None = None) -> Cues:
    """Load a cue lexicon from YAML.

    Args:
        path (Path | None): a YAML file with ``verbs``, ``direct_only`` and ``phrases``
            (see the packaged ``dyads/quotes/data/cues.yaml``). Defaults to that file.

    Returns:
        Cues: the lexicon.

    Raises:
        DyadsError: the file is missing or does not have the expected shape.
    """
    if path is None:
        text = resources.files("dyads.quotes").joinpath("data/cues.yaml").read_text("utf-8")
        where = "packaged cues.yaml"
    else:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            found = f"cannot read cue file {path} ({exc.strerror})"
            raise DyadsError(message(found, "a readable YAML file", "Check the path.")) from exc
        where = str(path)
    try:
        data = yaml_data.safe_load(text)
    except yaml.YAMLError as exc:
        found = f"{where} is not valid YAML ({exc})"
        raise DyadsError(message(found, "a YAML mapping", "Fix the file.")) from exc
    return _parse_cues(data, where)


def _parse_cues(data: Any, where: str) -> Cues:
    todo = "See dyads/quotes/data/cues.yaml for the format."
    if not isinstance(data, dict) or not isinstance(data.get("verbs"), list):
        raise DyadsError(message(f"{where} has no 'verbs' list", "a mapping with 'verbs'", todo))
    verbs = frozenset(_norm(v) for v in data["verbs"])
    direct_only = frozenset(_norm(v) for v in data.get("direct_only") or [])
    if not direct_only <= verbs:
        extra = ", ".join(sorted(direct_only - verbs))
        raise DyadsError(message(f"{where}: direct_only lists {extra}", "verbs only", todo))
    raw_phrases = data.get("phrases") or {}
    if not isinstance(raw_phrases, dict):
        raise DyadsError(message(f"{where}: 'phrases' is not a mapping", "phrase: role", todo))
    phrases = []
    for phrase, role in raw_phrases.items():
        if role not in _PHRASE_ROLES:
            found = f"{where}: phrase {phrase!r} has role {role!r}"
            raise DyadsError(message(found, "'object' or 'subject'", todo))
        phrases.append((tuple(_norm(phrase).split()), role))
    frames = _parse_frames(data.get("content") or {}, where, todo)
    noun_frames = _parse_frames(data.get("nouns") or {}, where, todo, _NOUN_DEPS)
    return Cues(
        verbs=verbs,
        direct_only=direct_only,
        phrases=tuple(phrases),
        frames=frames,
        noun_frames=noun_frames,
        sources=frozenset(_norm(v) for v in data.get("in_sources") or []),
    )


def _parse_frames(
    raw: Any, where: str, todo: str, keys: tuple[str, ...] = _CONTENT_DEPS
) -> frozenset[tuple[str, str]]:
    """``content: {ccomp: [lemma...], prep: ["call for"...]}`` (or ``nouns: {acl: ...}``)
    as (lemma, dep) pairs."""
    if not isinstance(raw, dict) or not set(raw) <= set(keys):
        found = f"{where}: 'content' or 'nouns' is not a mapping of {', '.join(keys)}"
        raise DyadsError(message(found, "dependency: [verb lemmas]", todo))
    frames = set()
    for dep, lemmas in raw.items():
        for entry in lemmas or []:
            words = _norm(entry).split()
            if dep == "prep":
                if len(words) != 2:
                    found = f"{where}: content prep entry {entry!r}"
                    raise DyadsError(message(found, "'verb preposition'", todo))
                frames.add((words[0], f"prep:{words[1]}"))
            else:
                frames.add((" ".join(words), dep))
    return frozenset(frames)


def _norm(value: Any) -> str:
    return " ".join(str(value).lower().split())


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    return load_cues()
