"""Fixtures shared by the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.store import Store


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """A dyads database with the schema and no records."""
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    return db
