"""PLOVER event types, their modes, and the CAMEO → PLOVER mapping.

PLOVER (Political Language Ontology for Verifiable Event Records) keeps 16 event
types; most of CAMEO's 3- and 4-digit detail moves into a ``mode`` (how) and a
``context`` (about what). Tables:

* ``data/plover.csv`` — ``type,quad_class,modes,description``: one row per type;
  ``modes`` is a ``;``-separated list (empty when the type has none). Mode names
  are the union of the NGEC structured codebook and the PLOVER manual's score
  table, so both ``assassinate`` and ``targeted`` (ASSAULT) and ``martial-law``
  (COERCE) are valid. Descriptions are our own wording.
* ``data/cameo_plover.csv`` — ``cameo,plover,mode,context,basis``: one row for
  every code in ``cameo.csv``. ``basis`` says where the row comes from:

  - ``source``: copied from ``CAMEO2PLOVER-2021.txt`` (PLOVER draft 0.8,
    Schrodt 2021). Where the source puts a word in the mode slot that is not a
    mode of that type, the row is kept and the fix is spelled out in ``basis``:
    085 drops the retired mode ``ease``; 1321 ``political`` → ``rights``;
    1712 ``seize`` → ``destroy``; 175 moves ``pro_autocracy`` to the context.
  - ``derived from 10xx``: CAMEO 02 (APPEAL) is not in the 2021 table. PLOVER's
    REQUEST covers "all requests, demands and orders", so each 02xx code takes
    the type, mode and context of its DEMAND twin 10xx (0211 ← 1011, 026 ← 106…).
  - ``root, as rr0``: a two-digit root takes the type of its residual code rr0
    (root 08 → CONCEDE, as 080, although 084–087 are RETREAT).
  - ``unmapped``: CAMEO 01 (MAKE PUBLIC STATEMENT, 010–019). PLOVER dropped
    comments and statements, so these rows have an empty ``plover`` and
    ``from_cameo`` returns ``(None, None)`` for them.

Mapping facts worth knowing: the 2021 source maps 163 (impose embargo, boycott or
sanctions) to **COERCE** (mode ``restrict``), not SANCTION; 1712 (destroy property),
175 (violent repression) and 201 (mass expulsion) to ASSAULT; 191 (blockade) and
192 (occupy territory) to COERCE.

PLOVER quad classes (1 verbal cooperation … 4 material conflict) are PLOVER's own:
REQUEST is verbal conflict (3) although CAMEO's APPEAL root 02 is verbal
cooperation (1).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dyads.errors import message
from dyads.ontology.cameo import UnknownCode, _normalise

__all__ = [
    "PLOVER_TYPES",
    "PloverMapping",
    "PloverType",
    "cameo_mapping",
    "from_cameo",
    "modes",
    "quad_class_of_type",
    "type_info",
]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type.

    Attributes:
        type (str): upper-case name, e.g. ``"ASSAULT"``.
        quad_class (int): 1 verbal coop, 2 material coop, 3 verbal conflict,
            4 material conflict.
        modes (tuple[str, ...]): the allowed mode names; empty for types without modes.
        description (str): one plain sentence saying what the type covers.
    """

    type: str
    quad_class: int
    modes: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class PloverMapping:
    """The PLOVER reading of one CAMEO code.

    Attributes:
        cameo (str): the code that was asked for.
        matched (str): the table row actually used; differs from ``cameo`` when the
            lookup fell back to the parent code or root.
        plover (str | None): PLOVER type, or None when PLOVER does not cover the code.
        mode (str | None): PLOVER mode, or None.
        context (tuple[str, ...]): PLOVER context values (may be empty).
        basis (str): provenance of the row (see the module docstring).
    """

    cameo: str
    matched: str
    plover: str | None
    mode: str | None
    context: tuple[str, ...]
    basis: str


def _data(name: str) -> list[dict[str, str]]:
    path = resources.files("dyads") / "ontology" / "data" / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def _types() -> dict[str, PloverType]:
    """Read ``data/plover.csv`` once."""
    return {
        row["type"]: PloverType(
            type=row["type"],
            quad_class=int(row["quad_class"]),
            modes=tuple(m for m in row["modes"].split(";") if m),
            description=row["description"],
        )
        for row in _data("plover.csv")
    }


@cache
def _mapping() -> dict[str, tuple[str | None, str | None, tuple[str, ...], str]]:
    """Read ``data/cameo_plover.csv`` once: code → (type, mode, context, basis)."""
    return {
        row["cameo"]: (
            row["plover"] or None,
            row["mode"] or None,
            tuple(c.strip() for c in row["context"].split(";") if c.strip()),
            row["basis"],
        )
        for row in _data("cameo_plover.csv")
    }


def type_info(plover_type: str) -> PloverType:
    """Return the record of a PLOVER event type.

    Args:
        plover_type (str): a type name, any case (``"assault"`` works).

    RETURNS (PloverType): the type's quad class, modes and description.

    Raises:
        UnknownCode: (a ``KeyError``) not one of the 16 PLOVER types.
    """
    key = plover_type.strip().upper() if isinstance(plover_type, str) else plover_type
    found = _types().get(key)
    if found is None:
        raise UnknownCode(
            message(
                f"unknown PLOVER event type {plover_type!r}",
                f"one of {', '.join(PLOVER_TYPES)}",
                "Check the spelling; CAMEO names such as FIGHT or DEMAND are not PLOVER types.",
            )
        )
    return found


def modes(plover_type: str) -> tuple[str, ...]:
    """Return the mode names of a PLOVER event type.

    Args:
        plover_type (str): a type name, any case.

    RETURNS (tuple[str, ...]): the modes in codebook order; empty for AGREE,
        SUPPORT, CONCEDE, COOPERATE and AID, which have none.

    Raises:
        UnknownCode: not one of the 16 PLOVER types.
    """
    return type_info(plover_type).modes


def quad_class_of_type(plover_type: str) -> int:
    """Return PLOVER's quad class of an event type.

    Args:
        plover_type (str): a type name, any case.

    RETURNS (int): 1 verbal cooperation (AGREE, CONSULT, SUPPORT, CONCEDE),
        2 material cooperation (COOPERATE, AID, RETREAT), 3 verbal conflict
        (REQUEST, ACCUSE, REJECT, THREATEN), 4 material conflict (PROTEST,
        SANCTION, MOBILIZE, COERCE, ASSAULT).

    Raises:
        UnknownCode: not one of the 16 PLOVER types.
    """
    return type_info(plover_type).quad_class


def cameo_mapping(code: str) -> PloverMapping:
    """Return the full PLOVER mapping of a CAMEO code, with context and provenance.

    A code missing from the table falls back to its 3-digit parent, then its root
    (``"1214"`` → ``"121"``; ``"1951"`` → ``"195"``). A code that *is* in the table
    but has no PLOVER type (CAMEO 01x) does not fall back.

    Args:
        code (str): a zero-padded CAMEO code of 2 to 4 digits.

    RETURNS (PloverMapping): the mapping; ``matched`` shows which row was used.

    Raises:
        UnknownCode: (a ``KeyError``) the code is malformed, or neither it, its
            parent nor its root is a CAMEO code.
    """
    text = _normalise(code)
    table = _mapping()
    for length in range(len(text), 1, -1):
        row = table.get(text[:length])
        if row is not None:
            plover, mode, context, basis = row
            return PloverMapping(text, text[:length], plover, mode, context, basis)
    raise UnknownCode(
        message(
            f"CAMEO code {text!r} has no PLOVER mapping",
            'a CAMEO code whose root is "01" to "20"',
            "Check the code; it cannot be mapped even by its root.",
        )
    )


def from_cameo(code: str) -> tuple[str | None, str | None]:
    """Map a CAMEO code to its PLOVER event type and mode.

    Falls back from a 4-digit code to its 3-digit parent and then to its root when
    the exact code is missing (see ``cameo_mapping``).

    Args:
        code (str): a zero-padded CAMEO code of 2 to 4 digits.

    RETURNS (tuple[str | None, str | None]): ``(type, mode)``; ``mode`` is None when
        the mapping gives none, and both are None for CAMEO 01x statements, which
        PLOVER does not code.

    Raises:
        UnknownCode: (a ``KeyError``) the code is malformed or has an unknown root.
    """
    found = cameo_mapping(code)
    return found.plover, found.mode
