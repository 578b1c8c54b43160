"""A small, bounded cache of serialised JSON answers for the expensive API routes.

Why it is correct: the server reads a database that cannot change under it unless through
it. DuckDB lets no other process write a file that this one holds open, and the only
in-process writer, ``POST /api/articles``, goes through ``Database.write``, which bumps
``Database.version``. Every key includes that version, so an answer computed before a
write is never served after it.

Why it exists: the dyad answer over a million events takes a second or more to compute
(one scan of the events with the actor matching of ``dyads.store.queries``, then every
claim of both actors), while dashboards ask for the same few dyads again and again.
Answers are kept as the bytes sent, so a hit costs neither the query nor JSON encoding.
Concurrent misses of one key compute it once (the others wait for that answer), so fifty
clients asking for the same cold dyad do not run fifty identical scans.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import orjson

MAX_ENTRIES = 256
MAX_BYTES = 256_000_000
"""Bounds on the cache: entries and total bytes (the oldest go first)."""


class JsonCache:
    """A thread-safe LRU of JSON bodies keyed by request parameters.

    Args:
        max_entries (int): most answers kept. Defaults to :data:`MAX_ENTRIES`.
        max_bytes (int): most bytes kept; a larger single answer is not kept at all.
    """

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._pending: dict[Hashable, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> bytes:
        """The cached JSON body for ``key``, or ``compute()`` serialised (and kept)."""
        body = self._get(key)
        if body is not None:
            return body
        with self._lock:
            flight = self._pending.setdefault(key, threading.Lock())
        with flight:  # one computation per key at a time; the others then find it cached
            body = self._get(key)
            if body is not None:
                return body
            try:
                body = encode(compute())  # outside the main lock: other keys need not wait
                self._put(key, body)
            finally:
                with self._lock:
                    self._pending.pop(key, None)
        return body

    def _get(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return body

    def _put(self, key: Hashable, body: bytes) -> None:
        if len(body) <= self.max_bytes:
            with self._lock:
                if key not in self._items:
                    self._items[key] = body
                    self._size += len(body)
                while len(self._items) > self.max_entries or self._size > self.max_bytes:
                    _, old = self._items.popitem(last=False)
                    self._size -= len(old)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0


def encode(data: Any) -> bytes:
    """Compact UTF-8 JSON of a plain answer (NaN and infinities become null).

    orjson, as a dyad answer over a million events is a megabyte of JSON: about 3 ms
    here, where the standard library's ``json`` takes 23 ms (issue 9).
    """
    return orjson.dumps(data)
