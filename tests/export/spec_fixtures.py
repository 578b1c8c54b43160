"""Fixtures shared by the tests of the spec exporters (GDELT, ICEWS, PLOVER, Parquet).

The store is built through the real write path (``tests/store/fixtures.build_store``);
the real rows and column specs are read from ``../shared/formats`` at test time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dyads.store import Store

try:  # tests/ is a package only if someone adds tests/__init__.py
    from tests.store.fixtures import build_store, coded_batch
except ImportError:
    from store.fixtures import build_store, coded_batch  # type: ignore[no-redef]

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GDELT = SHARED / "formats" / "gdelt"
ICEWS = SHARED / "formats" / "icews"

__all__ = [
    "GDELT",
    "ICEWS",
    "SHARED",
    "build_store",
    "coded_batch",
    "event_ids",
    "open_store",
    "shared_file",
]


def open_store(tmp_path: Path) -> Iterator[Store]:
    """Yield the three hand-coded articles of ``tests/store/fixtures.py``, freshly stored."""
    with build_store(tmp_path / "db.duckdb") as built:
        yield built


def event_ids() -> dict[str, str]:
    """CAMEO code -> event id of the fixture events (each code occurs once)."""
    return {e.cameo: e.id for coded in coded_batch() for e in coded.events}


def shared_file(path: Path) -> Path:
    """Return ``path``, or skip the test when the shared folder does not have it."""
    if not path.is_file():
        pytest.skip(f"shared file absent: {path}")
    return path
