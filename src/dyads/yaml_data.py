"""Reading dyads' YAML data files with libyaml's C parser when PyYAML has it.

The knowledge files (actors, lexicon, cues, issues) are read at every start, also by a
re-run that codes nothing; PyYAML's pure-Python parser took about a second for them.
The C parser builds the same Python values from the same safe subset of YAML.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load``, on the C parser when available."""
    return yaml.load(text, Loader=_LOADER)
