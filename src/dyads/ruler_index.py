"""An indexed matcher for spaCy's attribute ruler: the same matches, found faster.

The English pipelines' ``attribute_ruler`` maps every tag to its part of speech and
morphology and fixes ~120 word-specific cases. It does this with a ``Matcher`` of ~180
patterns, and the Matcher tries every pattern at every token: on news text that is
~16 µs per token, about a tenth of the whole pipeline, for patterns that are nearly all
"this tag" or "this tag and this word". ``IndexedRulerMatch`` files each pattern under
the tag and/or word its first token requires, so a token is checked only against the
few patterns that can start there, and returns exactly the matches the Matcher would
(the ruler then applies them itself, unchanged).

Only the pattern forms the ruler's patterns use are understood: token attributes
TAG, LOWER, ORTH, DEP and IS_SPACE, tested for equality or with ``IN``,
``NOT_IN`` or ``REGEX``, without operators. If a pipeline has anything else,
``install`` leaves its ruler as it is. ``tests/test_ruler_index.py`` compares both
matchers on real text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# Attributes read from Doc.to_array, by pattern key; their values are string hashes
# (IS_SPACE is 0/1). The column order is the order of this dict.
_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "ORTH": ORTH, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMN = {key: n for n, key in enumerate(_COLUMNS)}

Check = Callable[[list[int]], bool]
Match = tuple[int, int, int, int]  # (pattern group, match id, start, end), as AttributeRuler.match


class Unsupported(ValueError):
    """A pattern uses a form this index does not understand."""


class IndexedRulerMatch:
    """A drop-in for ``AttributeRuler.match`` that looks patterns up by their first token.

    Each pattern is filed under the values its first token requires, in the first of
    these that it tests: tag and word, tag, word, word by regular expression, dependency
    label, is-space. What the lookup proves is not tested again; the rest of the first
    token and any later tokens are.

    Args:
        ruler (AttributeRuler): the loaded ruler whose patterns are indexed.

    Raises:
        Unsupported: when a pattern uses an attribute or operator not listed above.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self._strings = ruler.vocab.strings
        self._index: dict[tuple[str, int, int], list[_Pattern]] = {}
        self._word_regexes: list[tuple[Callable[[str], Any], _Pattern]] = []
        self._by_regex: dict[int, list[_Pattern]] = {}  # memo: word hash -> patterns
        self._anywhere: list[_Pattern] = []
        for group, spec in enumerate(ruler.patterns):
            match_id = self._strings.add(str(group))  # the key AttributeRuler.add gave it
            for tokens in spec["patterns"]:
                self._file(group, match_id, tokens)

    def __call__(self, doc: Doc) -> list[Match]:
        """The ruler's matches in ``doc``, sorted as ``AttributeRuler.match`` sorts them."""
        rows = doc.to_array(list(_COLUMNS.values())).tolist()
        n, index, no_patterns = len(rows), self._index, ()
        found: set[Match] = set()
        for start, (tag, lower, _orth, dep, space) in enumerate(rows):
            for candidates in (
                index.get(("tw", tag, lower), no_patterns),
                index.get(("t", tag, 0), no_patterns),
                index.get(("w", lower, 0), no_patterns),
                index.get(("d", dep, 0), no_patterns),
                index.get(("s", space, 0), no_patterns),
                self._regex_patterns(lower),
                self._anywhere,
            ):
                for pattern in candidates:
                    end = start + len(pattern.checks)
                    if end <= n and pattern.holds(rows, start):
                        found.add((pattern.group, pattern.match_id, start, end))
        return sorted(found)

    def _regex_patterns(self, lower: int) -> list[_Pattern]:
        patterns = self._by_regex.get(lower)
        if patterns is None:
            word = self._strings[lower]
            patterns = [p for search, p in self._word_regexes if search(word)]
            self._by_regex[lower] = patterns
        return patterns

    # -- building -----------------------------------------------------------------------

    def _file(self, group: int, match_id: int, tokens: list[dict[str, Any]]) -> None:
        first = dict(tokens[0])
        keys, proven = self._index_keys(first)
        for key in proven:
            del first[key]
        pattern = _Pattern(
            group,
            match_id,
            [self._token_check(first) if first else None]
            + [self._token_check(t) for t in tokens[1:]],
        )
        if keys is None:
            self._anywhere.append(pattern)
        elif keys == "regex":
            search = re.compile(tokens[0]["LOWER"]["REGEX"]).search
            self._word_regexes.append((search, pattern))
        else:
            for key in keys:
                self._index.setdefault(key, []).append(pattern)

    def _index_keys(self, first: dict[str, Any]) -> tuple[Any, list[str]]:
        """Where to file a pattern by its first token, and which of its tests that proves."""
        tags, words = self._values(first.get("TAG")), self._values(first.get("LOWER"))
        if tags and words:
            return [("tw", t, w) for t in tags for w in words], ["TAG", "LOWER"]
        if tags:
            return [("t", t, 0) for t in tags], ["TAG"]
        if words:
            return [("w", w, 0) for w in words], ["LOWER"]
        spec = first.get("LOWER")
        if isinstance(spec, dict) and set(spec) == {"REGEX"}:
            return "regex", ["LOWER"]
        if deps := self._values(first.get("DEP")):
            return [("d", d, 0) for d in deps], ["DEP"]
        if isinstance(first.get("IS_SPACE"), bool):
            return [("s", int(first["IS_SPACE"]), 0)], ["IS_SPACE"]
        return None, []

    def _values(self, spec: Any) -> list[int]:
        """The hashes a test accepts, when it is a plain value or an IN list."""
        if isinstance(spec, str):
            return [self._strings.add(spec)]
        if isinstance(spec, dict) and set(spec) == {"IN"}:
            return [self._strings.add(v) for v in spec["IN"]]
        return []

    def _token_check(self, token: dict[str, Any]) -> Check:
        tests = [self._test(key, spec) for key, spec in token.items()]
        if len(tests) == 1:
            return tests[0]
        return lambda row: all(test(row) for test in tests)

    def _test(self, key: str, spec: Any) -> Check:
        if key not in _COLUMN:
            raise Unsupported(f"attribute {key!r}")
        col = _COLUMN[key]
        if isinstance(spec, bool):
            return lambda row: bool(row[col]) is spec
        if isinstance(spec, str):
            value = self._strings.add(spec)
            return lambda row: row[col] == value
        if isinstance(spec, dict) and len(spec) == 1:
            ((op, arg),) = spec.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list):
                values = {self._strings.add(v) for v in arg}
                if op == "IN":
                    return lambda row: row[col] in values
                return lambda row: row[col] not in values
            if op == "REGEX" and isinstance(arg, str):
                search, strings = re.compile(arg).search, self._strings
                return lambda row: search(strings[row[col]]) is not None
        raise Unsupported(f"{key}: {spec!r}")


class _Pattern:
    """One alternative of one ruler pattern group: a check per token (None: proven)."""

    __slots__ = ("checks", "group", "match_id")

    def __init__(self, group: int, match_id: int, checks: list[Check | None]) -> None:
        self.group, self.match_id, self.checks = group, match_id, checks

    def holds(self, rows: list[list[int]], start: int) -> bool:
        for k, check in enumerate(self.checks):
            if check is not None and not check(rows[start + k]):
                return False
        return True


def install(nlp: Language) -> bool:
    """Give ``nlp``'s attribute ruler the indexed matcher, when its patterns allow.

    RETURNS (bool): whether it was installed (False: no ruler, or patterns not understood).
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        ruler.match = IndexedRulerMatch(ruler)  # type: ignore[method-assign]
    except Unsupported:
        return False
    return True
