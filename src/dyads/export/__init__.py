"""Exporters: write stored records to files, one module per output format.

An exporter is a function ``write(con, what, out) -> int`` (``con`` a DuckDB connection
to a dyads database, ``what`` one of :data:`EXPORT_WHAT`, ``out`` a path or an open text
stream; it returns the number of records written). Each format module registers its
writer in ``dyads.registry.exporters`` under the versioned name ``dyads.<format>.v<N>``
(``dyads.jsonl.v1``, ``dyads.csv.v1``); :func:`export` picks the highest version of the
requested format. A module ``dyads/export/<format>.py`` is imported on first use, so a
new format needs only its module; outside packages register through the
``dyads_exporters`` entry-point group instead.

Example:
    >>> from dyads.export import export
    >>> export(store.con, what="events", format="jsonl", out=Path("events.jsonl"))
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TextIO

import duckdb

from .. import registry
from ..errors import DyadsError, UsageError, message
from ..store.queries import EXPORTABLE

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
"""The formats this package always provides (others may be registered)."""

EXPORT_WHAT = EXPORTABLE
"""What can be exported: events, mentions, quotes, positions, actors (actor mentions)."""

_NAME = re.compile(r"^dyads\.(?P<format>[a-z0-9_]+)\.v(?P<version>\d+)$")


class Exporter(Protocol):
    """The signature every registered exporter has."""

    def __call__(self, con: duckdb.DuckDBPyConnection, what: str, out: Path | TextIO) -> int: ...


def export(con: duckdb.DuckDBPyConnection, *, what: str, format: str, out: Path) -> int:
    """Write every stored record of one kind in one format.

    Args:
        con (DuckDBPyConnection): a connection to a dyads database.
        what (str): one of :data:`EXPORT_WHAT`.
        format (str): a format name such as ``jsonl`` or ``csv`` (see
            :func:`available_formats`).
        out (Path): the file to write, replaced only once the export has succeeded;
            ``-`` writes to standard output.

    Returns:
        int: the number of records written.

    Raises:
        UsageError: ``what`` or ``format`` is not one of the valid choices.
        DyadsError: the output file cannot be written.
    """
    check_what(what)
    return get_exporter(format)(con, what, out)


def check_what(what: str) -> None:
    """Raise ``UsageError`` unless ``what`` is one of :data:`EXPORT_WHAT`."""
    if what not in EXPORT_WHAT:
        raise UsageError(
            message(
                f"--what {what!r}",
                f"one of {', '.join(EXPORT_WHAT)}",
                "Pick one of those.",
            )
        )


def check_what_for(what: str, format: str, allowed: tuple[str, ...], why: str) -> None:
    """Raise ``UsageError`` unless ``what`` is valid and one of the records ``format``
    can hold (GDELT has events and mentions; ICEWS and PLOVER only events)."""
    check_what(what)
    if what not in allowed:
        raise UsageError(
            message(
                f"--what {what!r} with --format {format}",
                f"{' or '.join(allowed)} ({why})",
                "Use --format jsonl, csv or parquet for other records.",
            )
        )


def get_exporter(format: str) -> Exporter:
    """Return the registered writer of ``format`` (its highest ``.vN``).

    Raises:
        UsageError: no exporter is registered, or provided by this package, for it.
    """
    found = _registered().get(format)
    if found is None and format in _format_modules():
        importlib.import_module(f"{__name__}.{format}")
        found = _registered().get(format)
    if found is None:
        raise UsageError(
            message(
                f"--format {format!r}",
                f"one of {', '.join(available_formats())}",
                "Pick one of those.",
            )
        )
    return found


def available_formats() -> tuple[str, ...]:
    """Return every format :func:`export` accepts, built-in ones first."""
    names = [*EXPORT_FORMATS]
    for name in sorted({*_format_modules(), *_registered()}):
        if name not in names:
            names.append(name)
    return tuple(names)


def _registered() -> dict[str, Exporter]:
    best: dict[str, tuple[int, Exporter]] = {}
    for name, func in registry.exporters.get_all().items():
        match = _NAME.match(name)
        if match is None:
            continue
        version = int(match["version"])
        fmt = match["format"]
        if fmt not in best or version > best[fmt][0]:
            best[fmt] = (version, func)
    return {fmt: func for fmt, (_, func) in best.items()}


_NOT_FORMATS = frozenset({"network"})
"""Modules here that are not formats (``network`` builds graphs; see its ``write``)."""


def _format_modules() -> set[str]:
    return {
        m.name
        for m in pkgutil.iter_modules(__path__)
        if not m.name.startswith("_") and m.name not in _NOT_FORMATS
    }


@contextmanager
def output(out: Path | TextIO, *, newline: str | None = None) -> Iterator[TextIO]:
    """Open ``out`` for writing text, or pass an open stream through.

    A path is written to ``<path>.part`` in UTF-8 and renamed over ``<path>`` only when
    the block ends without error, so a failed export never leaves a truncated file.

    Args:
        out (Path | TextIO): a file path, ``-`` for standard output, or a stream the
            caller owns (not closed here).
        newline (str | None): passed to ``open``; the csv module wants ``""``.

    Yields:
        TextIO: the stream to write to.

    Raises:
        DyadsError: the file cannot be created.
    """
    if not isinstance(out, str | os.PathLike):
        yield out
        return
    path = Path(out)
    if str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    part = path.with_name(path.name + ".part")
    try:
        handle = part.open("w", encoding="utf-8", newline=newline)
    except OSError as exc:
        raise DyadsError(
            message(
                f"Cannot write {str(path)!r} ({exc.strerror or exc})",
                "a writable file path",
                "Check that the directory exists and is writable.",
            )
        ) from exc
    ok = False
    try:
        with handle:
            yield handle
        ok = True
    finally:
        if ok:
            part.replace(path)
        else:
            part.unlink(missing_ok=True)
