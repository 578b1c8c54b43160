"""The CAMEO event taxonomy: codes, names, Goldstein scores and quad classes.

The table is ``data/cameo.csv``: the 312 codes of CAMEO 1.1b3 as distributed with
ICEWS (20 two-digit roots ``"01"``…``"20"`` plus every three- and four-digit code).
Codes and Goldstein scores come from the ICEWS codebook; names are the standard
short labels; the one-sentence descriptions are our own wording.

Codes are always zero-padded strings (``"010"``, ``"0211"``, ``"1712"``): never
convert them to ``int``, which loses the leading zero of roots 01–09.

Quad class follows the ICEWS convention and depends only on the root:

* 1 verbal cooperation: roots 01–05
* 2 material cooperation: roots 06–08
* 3 verbal conflict: roots 09–13
* 4 material conflict: roots 14–20

(GDELT's ``QuadClass`` puts root 05 under material cooperation; we do not.)
Codes outside CAMEO 1.1b3 — for example ``"1214"`` from the older 0.7b5 codelist,
or ``"1951"`` — are unknown here: ``lookup`` raises ``UnknownCode`` for them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dyads.errors import message

__all__ = [
    "QUAD_CLASS_NAMES",
    "CameoCode",
    "UnknownCode",
    "all_codes",
    "is_code",
    "lookup",
    "quad_class_of",
    "roots",
]

QUAD_CLASS_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

_CODE_RE = re.compile(r"\d{2,4}")


class UnknownCode(KeyError):
    """A CAMEO code (or PLOVER type) that the ontology tables do not contain.

    A ``KeyError`` whose ``str()`` is the plain message rather than its ``repr``.
    """

    def __str__(self) -> str:
        """Return the message without the quotes ``KeyError`` adds."""
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code.

    Attributes:
        code (str): the zero-padded code, 2 to 4 digits (``"19"``, ``"190"``, ``"1822"``).
        name (str): the standard short label, e.g. ``"Use conventional military force"``.
        goldstein (float): Goldstein conflict–cooperation weight, -10.0 to +10.0.
        quad_class (int): 1 verbal coop, 2 material coop, 3 verbal conflict,
            4 material conflict.
        description (str): one plain sentence saying what the code covers.
    """

    code: str
    name: str
    goldstein: float
    quad_class: int
    description: str

    @property
    def root(self) -> str:
        """The two-digit root (cue category) of the code, e.g. ``"19"`` for ``"193"``."""
        return self.code[:2]

    @property
    def is_root(self) -> bool:
        """True for the twenty two-digit root codes."""
        return len(self.code) == 2


def _quad_class_of_root(root: str) -> int:
    """Return the quad class of a two-digit CAMEO root.

    Args:
        root (str): ``"01"`` to ``"20"``.

    RETURNS (int): 1, 2, 3 or 4.

    Raises:
        UnknownCode: ``root`` is not one of the twenty roots.
    """
    if root not in _table():
        raise UnknownCode(
            message(
                f"unknown CAMEO root {root!r}",
                'a two-digit root "01" to "20"',
                "Pass the first two characters of a zero-padded code.",
            )
        )
    return _quad_from_root(int(root))


def _quad_from_root(root: int) -> int:
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


@cache
def _table() -> dict[str, CameoCode]:
    """Read ``data/cameo.csv`` once; keys are codes in file (taxonomy) order."""
    path = resources.files("dyads") / "ontology" / "data" / "cameo.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: CameoCode(
                code=row["code"],
                name=row["name"],
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
                description=row["description"],
            )
            for row in csv.DictReader(handle)
        }


def _normalise(code: str) -> str:
    """Strip whitespace; refuse anything that is not a 2–4 digit string."""
    if not isinstance(code, str):
        raise UnknownCode(
            message(
                f"CAMEO code {code!r} has type {type(code).__name__}",
                'a zero-padded string such as "010" or "0211"',
                "Keep codes as strings; an int loses the leading zero.",
            )
        )
    text = code.strip()
    if not _CODE_RE.fullmatch(text):
        raise UnknownCode(
            message(
                f"malformed CAMEO code {code!r}",
                "2 to 4 digits",
                'Pass a zero-padded code such as "04", "042" or "0421".',
            )
        )
    return text


def _closest_known(code: str) -> CameoCode | None:
    """The longest known prefix of ``code`` (its parent or root), if any."""
    table = _table()
    for length in range(len(code) - 1, 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def lookup(code: str) -> CameoCode:
    """Return the CAMEO code record for ``code``.

    Args:
        code (str): a zero-padded code of 2 to 4 digits; surrounding spaces are ignored.

    RETURNS (CameoCode): the record.

    Raises:
        UnknownCode: (a ``KeyError``) the code is malformed or not in CAMEO 1.1b3;
            the message names the closest known parent code when there is one.
    """
    text = _normalise(code)
    found = _table().get(text)
    if found is not None:
        return found
    parent = _closest_known(text)
    hint = (
        f"Its closest known parent is {parent.code} ({parent.name})."
        if parent is not None
        else "Use dyads.ontology.all_codes() to list the known codes."
    )
    raise UnknownCode(message(f"unknown CAMEO code {text!r}", "a CAMEO 1.1b3 event code", hint))


def all_codes() -> list[CameoCode]:
    """Return every CAMEO code, roots included, in taxonomy order.

    RETURNS (list[CameoCode]): a new list; 312 records.
    """
    return list(_table().values())


def is_code(code: str) -> bool:
    """Tell whether ``code`` is a known CAMEO code.

    Args:
        code (str): any value; non-strings and malformed strings give False.

    RETURNS (bool): True when ``lookup(code)`` would succeed.
    """
    return isinstance(code, str) and code.strip() in _table()


def roots() -> list[str]:
    """Return the twenty root codes.

    RETURNS (list[str]): ``["01", "02", …, "20"]``.
    """
    return [code for code in _table() if len(code) == 2]


def quad_class_of(code: str) -> int:
    """Return the quad class of a CAMEO code.

    The quad class depends only on the root, so a well-formed code whose root is
    known is accepted even if the full code is not in the table (e.g. ``"1214"``).

    Args:
        code (str): a zero-padded code of 2 to 4 digits.

    RETURNS (int): 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
        4 material conflict.

    Raises:
        UnknownCode: the code is malformed or its root is not ``"01"``…``"20"``.
    """
    text = _normalise(code)
    found = _table().get(text)
    if found is not None:
        return found.quad_class
    return _quad_class_of_root(text[:2])
