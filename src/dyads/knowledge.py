"""Everything the coder knows besides the model: actors, lexicon, cues and issues.

``load_knowledge`` reads the packaged YAML files (plus the user's own) once; the
result is passed to ``code_article`` and never modified. Its ``version`` hashes the
code version and every data file, so that changing a lexicon entry makes the next
run re-code articles instead of skipping them as already done.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dyads import __version__
from dyads.actors.kb import ActorKB, load_kb
from dyads.events.lexicon import Lexicon, load_lexicon
from dyads.events.petrarch_verbs import read_petrarch_verbs
from dyads.positions.issues import Taxonomy, load_taxonomy
from dyads.quotes import load_cues


@dataclass(frozen=True)
class Knowledge:
    actors: ActorKB
    lexicon: Lexicon
    cues: Any
    issues: Taxonomy
    version: str  # pipeline version: code version + hash of all data files


def load_knowledge(
    *,
    actors: Sequence[str | Path] = (),
    lexicon: str | Path | None = None,
    issues: str | Path | None = None,
    verbs: Sequence[str | Path] = (),
    verbs_only: bool = False,
    loose_before: bool = False,
) -> Knowledge:
    """Load the knowledge base, lexicon, reporting cues and issue taxonomy.

    Args:
        actors (Sequence[Path]): user actor YAML files applied over the packaged ones.
        lexicon (Path | None): a replacement event lexicon.
        issues (Path | None): a replacement issue taxonomy.
        verbs (Sequence[Path]): PETRARCH verb dictionaries whose verbs are coded by
            the dictionary (events/petrarch_verbs.py); later files win.
        verbs_only (bool): the PETRARCH convention: code only the dictionaries' verbs
            (no packaged verb or noun patterns, no learned fallback), and take role
            words only from a loaded PETRARCH agents dictionary.
        loose_before (bool): read the verb dictionaries as TABARI and PETRARCH 1 do,
            with their loose words before the verb ("- NEVER *"); UD-PETRARCH's
            reading (the default) leaves those patterns out.

    RETURNS (Knowledge): the loaded, read-only knowledge.
    """
    extra = tuple(Path(p) for p in actors)
    verb_files = tuple(Path(p) for p in verbs)
    files = [*_packaged_data_files(), *extra, *verb_files]
    if lexicon:
        files.append(Path(lexicon))
    if issues:
        files.append(Path(issues))
    events_lexicon = load_lexicon(Path(lexicon) if lexicon else None)
    for i, path in enumerate(verb_files):
        imported = read_petrarch_verbs(path, loose_before=loose_before)
        events_lexicon = events_lexicon.with_verbs(imported, replace=verbs_only and i == 0)
    return Knowledge(
        actors=load_kb(extra, dictionary_roles_only=verbs_only),
        lexicon=events_lexicon,
        cues=load_cues(),
        issues=load_taxonomy(Path(issues) if issues else None),
        version=f"{__version__}+{_hash_files(files)}",
    )


def _packaged_data_files() -> list[Any]:
    root = resources.files("dyads")
    found = []
    for folder in ("actors/data", "events/data", "quotes/data", "positions/data", "ontology/data"):
        node = root.joinpath(folder)
        if node.is_dir():
            found.extend(sorted((f for f in node.iterdir() if f.is_file()), key=lambda f: f.name))
    return found


def _hash_files(files: Sequence[Any]) -> str:
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:10]
