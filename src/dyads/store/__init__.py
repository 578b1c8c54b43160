"""Storage: the DuckDB schema, batch writes and resume (``Store``), and reads (``queries``).

Example:
    >>> from dyads.store import Store, queries
    >>> with Store("dyads.duckdb", read_only=True) as store:
    ...     queries.events(store.con, actor="RUS", since="2022-01-01")
"""

from __future__ import annotations

from . import queries
from .duckdb import SCHEMA_VERSION, Store, reject_id

__all__ = ["SCHEMA_VERSION", "Store", "queries", "reject_id"]
