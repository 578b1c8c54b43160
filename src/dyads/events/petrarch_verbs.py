"""Import a PETRARCH / TABARI verb dictionary as a dyads lexicon.

PETRARCH's verb dictionaries (``CAMEO.2.0.txt`` of Phoenix, the ``*verbs*.txt`` of
the validation suites) are plain text: synonym sets (``&NAME`` then ``+MEMBER``
lines), then verb blocks. A block starts with ``--- NAME [code] ---``, lists its
verbs (``SAY {SAYS SAID}``, multi-word ``+BREAK_DOWN``, optionally with their own
``[code]``) and then patterns, one per line::

    - * (TO PEACE &TREATY)  [037]     # words after the verb, a "to" phrase
    - SAID WOULD NOT *       [112]     # words before the verb
    - + * (FROM $)           [080]     # the target comes first, the source later

What a pattern becomes here (dyads matches on a dependency parse, not on
PETRARCH's phrase-structure trees, so the translation is loose on purpose):

- words after ``*`` (also inside ``( )`` and ``{ }``) must occur in the verb's
  phrase, i.e. after the verb in its subtree, by surface form or lemma; the words of
  they must come in the pattern's order, and those of a ``{ }`` phrase must stand
  next to each other;
- words before ``*`` must occur before the verb in the sentence;
- ``&SET`` stands for any member of the synonym set (one pattern per member);
- ``+`` before ``*`` or ``$`` after it swaps the roles: the grammatical subject is
  the target and the later actor the source; ``+`` after a word (``ABOUT +``)
  makes the first actor after that word the target;
- ``[A:B]`` codes A from source to target and B back from target to source;
- ``[---]`` and codes that are not numbers mean "no event";
- ``%`` applies to coordinated doers, who then act on each other ("Gondor and
  Osgiliath postponed their meeting"); ``^`` (skip) is ignored.

Every pattern keeps its file and line so an event can cite the entry that made it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from dyads.errors import DyadsError
from dyads.events.lexicon import Lexicon, Pattern, order_patterns

#: No event: PETRARCH's "discard this verb/pattern" code.
NO_EVENT = ""
#: A pattern with more synonym-set combinations than this is cut (keeps imports fast).
MAX_EXPANSIONS = 200

_CODE = re.compile(r"\[([^\]]*)\]")
_HEADER = re.compile(r"^-{3}\s*(\S+)\s*\[([^\]]*)\]\s*-{3}")
_XML_COMMENT = re.compile(r"<!--.*?-->")


@dataclass
class _Block:
    name: str
    code: str
    verbs: list[tuple[str, tuple[str, ...], str | None, tuple[str, ...]]]  # lemma, particles,
    # own code, other forms
    patterns: list[tuple[str, str, int]]  # pattern text, code, line number


def read_petrarch_verbs(path: str | Path, *, loose_before: bool = False) -> Lexicon:
    """Read a PETRARCH verb dictionary file into a ``Lexicon`` (verbs only).

    Args:
        path (str | Path): the dictionary.
        loose_before (bool): also import patterns with a loose word before the verb
            ("- NEVER *"), as TABARI and PETRARCH 1 apply them. By default they are
            left out, as UD-PETRARCH (PETRARCH 2) does (see ``_expand``).

    Raises:
        DyadsError: when the file cannot be read or holds no verb blocks.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise DyadsError(f"{path}: cannot read the verb dictionary ({err}).") from err
    synsets, blocks = _parse(text.splitlines())
    if not blocks:
        raise DyadsError(
            f"{path}: no verb blocks ('--- NAME [code] ---') found; is this a PETRARCH "
            "verb dictionary?"
        )
    verbs: dict[str, list[Pattern]] = {}
    aliases: dict[str, str] = {}
    for block in blocks:
        for head, particles, own_code, forms in block.verbs:
            # the model may lemmatise a listed form oddly ("cordoned" -> "cordone"):
            # the form itself leads to the block's patterns
            aliases.update({form: head for form in forms if form not in aliases})
            default = own_code if own_code is not None else block.code
            where = f"{path.name}:{block.name}"
            verbs.setdefault(head, []).append(
                _pattern(default, head, particles, _BARE, f"{where} [{default}]")
            )
            for text_, code, line in block.patterns:
                for reading in _expand(text_, synsets, loose_before=loose_before):
                    verbs[head].append(
                        _pattern(
                            code, head, particles, reading, f"{path.name}:{line} {text_} [{code}]"
                        )
                    )
    return Lexicon(
        verbs={k: order_patterns(v) for k, v in verbs.items()},
        nouns={},
        source=str(path),
        aliases={k: v for k, v in aliases.items() if k not in verbs},
    )


# before words, after words, roles swapped, mutual, word the target follows, {...} phrases
_Reading = tuple[
    tuple[str, ...], tuple[str, ...], bool, bool, str | None, tuple[tuple[str, ...], ...]
]


_BARE: _Reading = ((), (), False, False, None, ())  # a verb's own default code


def _pattern(
    code: str, head: str, particles: tuple[str, ...], reading: _Reading, text: str
) -> Pattern:
    before, after, swapped, mutual, target_after, sequences = reading
    main, _, back = code.partition(":")
    return Pattern(
        code=_event_code(main),
        kind="verb",
        head=head,
        words=particles,
        objects=(),
        text=text,
        before=before,
        phrase=after,
        reverse_code=(_event_code(back) or None) if back else None,
        swapped=swapped,
        mutual=mutual,
        target_after=target_after,
        target_skips=_skips_before_target(text) if target_after else 0,
        sequences=sequences,
        ordered=True,
        announce=False,  # a PETRARCH dictionary's code is its own decision
        petrarch=True,
    )


def _event_code(code: str) -> str:
    code = code.strip()
    return code if code.isdigit() else NO_EVENT


def _parse(lines: list[str]) -> tuple[dict[str, list[str]], list[_Block]]:
    synsets: dict[str, list[str]] = {}
    blocks: list[_Block] = []
    current_set: str | None = None
    block: _Block | None = None
    for number, raw in enumerate(lines, start=1):
        line = _XML_COMMENT.sub("", raw).split("#", 1)[0].rstrip()
        stripped = line.strip()
        if not stripped:
            current_set = None
            continue
        header = _HEADER.match(stripped)
        if header:
            current_set = None
            block = _Block(header.group(1).upper(), header.group(2).strip(), [], [])
            blocks.append(block)
            continue
        # synonym sets come before the verb blocks in PETRARCH-2 files and between them
        # in older ones; a set runs from its "&NAME" line to the next blank line
        if stripped.startswith("&"):
            current_set = stripped.split()[0].upper()
            synsets[current_set] = []
            continue
        if current_set is not None and stripped.startswith("+"):
            synsets[current_set].append(stripped[1:].strip())
            continue
        if block is None:
            continue
        if stripped.startswith("-") or "*" in stripped:
            found = _CODE.search(stripped)
            if found and "*" in stripped:
                body = stripped[: found.start()].lstrip("-").strip()
                block.patterns.append((body, found.group(1), number))
            continue
        block.verbs.append(_verb_line(stripped))
    return synsets, blocks


def _verb_line(line: str) -> tuple[str, tuple[str, ...], str | None, tuple[str, ...]]:
    """``SAY {SAYS SAID}`` / ``+BREAK_DOWN {...}`` / ``WIN [010]`` -> lemma, particles,
    code, and the first words of the listed forms ("says", "said")."""
    found = _CODE.search(line)
    own = found.group(1).strip() if found else None
    word = re.sub(r"\{.*?\}|\[.*?\]", " ", line).split()[0].lstrip("+")
    parts = [p for p in word.lower().replace("+", "").split("_") if p]
    braces = re.search(r"\{(.*?)\}", line)
    forms = tuple(
        first
        for form in (braces.group(1).split() if braces else [])
        if (first := form.lower().lstrip("+").replace("+", "").split("_")[0]) != parts[0]
    )
    return parts[0], tuple(parts[1:]), own, forms


def _expand(
    text: str, synsets: dict[str, list[str]], *, loose_before: bool = False
) -> list[_Reading]:
    """Every reading of one pattern (see ``_Reading``)."""
    marked = text.replace("(", " ").replace(")", " ").replace("{", " { ").replace("}", " } ")
    tokens = [t for t in marked.split() if t not in ("{", "}")]
    if "*" not in tokens:
        return []
    star = tokens.index("*")
    swapped = "+" in tokens[:star] or "$" in tokens[star:]
    mutual = "%" in tokens
    target_after = _word_before_target(tokens, star)
    slots: list[list[tuple[str, ...]]] = []
    sides: list[str] = []
    groups: list[int | None] = []  # which {...} phrase a slot belongs to
    group: int | None = None
    seen_star = False
    for tok in marked.split():
        if tok == "{":
            group = len(slots)
            continue
        if tok == "}":
            group = None
            continue
        if tok == "*":
            seen_star = True
        if tok in ("*", "$", "+", "%", "^"):
            continue
        # TABARI joins adjacent words with "_" ("NEW_&TIETYPES_RELATIONS"): each part is a
        # slot of its own, and the parts form one adjacent phrase
        parts = [p for p in tok.split("_") if p] if "_" in tok.strip("_") else [tok]
        part_group = group if group is not None or len(parts) == 1 else len(slots)
        for part in parts:
            if part.startswith("&"):
                members = _members(part.upper(), synsets, set())
                if not members:
                    continue
                slots.append(members)
            else:
                slots.append([_words(part)])
            sides.append("after" if seen_star else "before")
            groups.append(part_group)
    loose = any(side == "before" and g is None for side, g in zip(sides, groups, strict=True))
    if loose and not loose_before:
        # A loose word before the verb ("- RECENTLY *", "- NEITHER *", "- HEAVILY *"):
        # UD-PETRARCH, the reference these dictionaries are validated against, never
        # applies such patterns (its records code "Gollum recently allowed ..." with
        # ALLOW's own 080); a braced phrase ("- {DEATH TOLL} *") does apply.
        return []
    readings = []
    for combo in itertools.islice(itertools.product(*slots), MAX_EXPANSIONS):
        chosen = list(zip(sides, groups, combo, strict=True))
        before = tuple(w for side, _, ws in chosen if side == "before" for w in ws)
        after = tuple(w for side, _, ws in chosen if side == "after" for w in ws)
        phrases: dict[int, list[str]] = {}
        for side, g, ws in chosen:
            if side == "after" and g is not None:
                phrases.setdefault(g, []).extend(ws)
        sequences = tuple(tuple(ws) for ws in phrases.values() if len(ws) > 1)
        readings.append((before, after, swapped, mutual, target_after, sequences))
    return readings


def _word_before_target(tokens: list[str], star: int) -> str | None:
    """``* THEIR ^ ABOUT +``: the target is the actor after "about" (skips ``^`` marks)."""
    if "+" not in tokens[star:]:
        return None
    words = [t for t in tokens[star + 1 : tokens.index("+", star)] if t not in ("^", "$", "%")]
    if not words or words[-1].startswith("&"):
        return None
    return _words(words[-1])[-1]


def _skips_before_target(text: str) -> int:
    """``* IFTAR (IN ^) + [017]``: the ``^`` noun phrases between the target's anchor
    word and ``+`` ("celebrated Iftar in Osgiliath with Gondor": Gondor, not the venue).
    Counted once: the small model's phrases do not map one to one onto ``^`` marks."""
    marked = text.split("[", 1)[0].replace("(", " ").replace(")", " ").split()
    if "*" not in marked or "+" not in marked[marked.index("*") :]:
        return 0
    between = marked[marked.index("*") : marked.index("+", marked.index("*"))]
    carets = 0
    for tok in reversed(between):
        if tok != "^":
            break
        carets += 1
    return min(carets, 1)


def _members(name: str, synsets: dict[str, list[str]], seen: set[str]) -> list[tuple[str, ...]]:
    if name in seen:
        return []  # a set that contains itself: stop rather than loop
    seen = seen | {name}
    found: list[tuple[str, ...]] = []
    for member in synsets.get(name, []):
        member = member.replace("(", " ").replace(")", " ")
        if member.strip().startswith("&"):
            found.extend(_members(member.strip().upper(), synsets, seen))
        else:
            found.append(tuple(w for part in member.split() for w in _words(part)))
    return found


def _words(token: str) -> tuple[str, ...]:
    """``PRIME_MINISTER`` -> ("prime", "minister"); a trailing ``_`` (no plural) is dropped."""
    return tuple(w for w in token.lower().split("_") if w)
