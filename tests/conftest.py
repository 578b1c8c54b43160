"""Fixtures shared by the whole test suite.

Keep this file small and generic: the spaCy pipeline and the knowledge are loaded once
per session (they are read-only), and tests that need the shared data skip with a reason
when it is absent. Fixtures for one package of tests belong in that package's conftest.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from dyads.knowledge import Knowledge, load_knowledge
from dyads.nlp import load_nlp

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
"""The shared project folder (``../shared`` next to the repository): seed story, corpora."""

SEED = SHARED / "seed" / "geneva-talks-2022-01-10.txt"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default spaCy pipeline, loaded once (``load_nlp`` caches it per process)."""
    return load_nlp()


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The packaged knowledge: actors, lexicon, quote cues and issues."""
    return load_knowledge()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed story (Geneva talks, 10 January 2022); skips the test when it is absent."""
    if not SEED.is_file():
        pytest.skip(f"seed story not found at {SEED} (it lives in the shared folder)")
    return SEED
