"""Event ontologies: the CAMEO taxonomy and the PLOVER event types.

``cameo`` holds the 312 CAMEO 1.1b3 codes (20 roots plus all 3- and 4-digit codes)
with Goldstein scores and quad classes; ``plover`` holds the 16 PLOVER event types,
their modes, and a CAMEO → PLOVER mapping for every CAMEO code.

Codes are zero-padded strings (``"010"``, ``"0211"``). Unknown codes and types
raise ``UnknownCode``, a ``KeyError``. CAMEO 01x statements have no PLOVER type:
``from_cameo("010") == (None, None)``.

Example:
    >>> from dyads.ontology import lookup, from_cameo
    >>> lookup("190").goldstein
    -10.0
    >>> from_cameo("190")
    ('ASSAULT', None)
"""

from __future__ import annotations

from dyads.ontology.cameo import (
    QUAD_CLASS_NAMES,
    CameoCode,
    UnknownCode,
    all_codes,
    is_code,
    lookup,
    quad_class_of,
    roots,
)
from dyads.ontology.plover import (
    PLOVER_TYPES,
    PloverMapping,
    PloverType,
    cameo_mapping,
    from_cameo,
    modes,
    quad_class_of_type,
    type_info,
)

__all__ = [
    "PLOVER_TYPES",
    "QUAD_CLASS_NAMES",
    "CameoCode",
    "PloverMapping",
    "PloverType",
    "UnknownCode",
    "all_codes",
    "cameo_mapping",
    "from_cameo",
    "is_code",
    "lookup",
    "modes",
    "quad_class_of",
    "quad_class_of_type",
    "roots",
    "type_info",
]
