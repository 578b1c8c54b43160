"""Choosing a reader for an input: by file extension, else by looking at its first bytes.

Extensions (case-insensitive, a trailing ``.gz`` ignored): ``.txt``/``.text`` → txt,
``.jsonl``/``.ndjson`` → jsonl, ``.json`` → jsonl when it holds JSON lines, ``.csv`` → csv,
``.tsv`` → csv with a tab delimiter, ``.html``/``.htm`` → html. Anything else is sniffed: a
doctype or ``<html>`` means HTML, a first ``{`` means JSON lines, a first line that is a
header naming a text column means CSV/TSV, and the rest is one plain-text article (which
the txt reader still hands to the HTML reader when it turns out to be a web page).
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dyads.read._common import BINARY_REASON, TEXT_FIELDS, InputProblem, read_head
from dyads.read.html import looks_like_html


@dataclass(frozen=True)
class Detected:
    """The reader chosen for one input.

    Attributes:
        format (str): ``"txt"``, ``"jsonl"``, ``"csv"`` or ``"html"``.
        delimiter (str): the CSV field separator (``"\\t"`` for TSV).
        problem (str | None): when set, the input cannot be read and this is the reason
            of the one ``Reject`` it gives.
    """

    format: str
    delimiter: str = ","
    problem: str | None = None


TXT = Detected("txt")
JSONL = Detected("jsonl")
CSV = Detected("csv")
TSV = Detected("csv", "\t")
HTML = Detected("html")

EXTENSIONS: dict[str, Detected] = {
    ".txt": TXT,
    ".text": TXT,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".json": JSONL,  # checked: a JSON array or a pretty-printed document is refused
    ".csv": CSV,
    ".tsv": TSV,
    ".html": HTML,
    ".htm": HTML,
}

JSON_ARRAY_REASON = (
    "a JSON array, not JSON lines; dyads reads one JSON object per line: "
    "convert it with jq -c '.[]' FILE > FILE.jsonl"
)
JSON_DOCUMENT_REASON = (
    "one JSON document spread over several lines, not JSON lines; dyads reads one JSON "
    "object per line: convert it with jq -c . FILE > FILE.jsonl"
)

_HEADER_NAME = re.compile(r"[a-z_][a-z0-9_ .-]{0,63}")
_LEADING_SPACE = "\ufeff \t\r\n"


def suffix_of(path: str | Path) -> str:
    """Return the lower-cased extension of ``path``, looking through a final ``.gz``."""
    name = Path(path).name.lower().removesuffix(".gz")
    return Path(name).suffix


def is_known(path: str | Path) -> bool:
    """Say whether a directory walk picks ``path`` up in ``auto`` mode."""
    return suffix_of(path) in EXTENSIONS


def delimiter_for(path: str | Path) -> str:
    """Return the CSV delimiter for ``path``: a tab for ``.tsv``, else a comma."""
    return "\t" if suffix_of(path) == ".tsv" else ","


def detect_file(path: str | Path) -> Detected:
    """Choose the reader for a file in ``auto`` mode: by extension, else by content.

    Args:
        path (str | Path): an existing file.

    RETURNS (Detected): the format, or a problem when the file cannot be read at all.
    """
    suffix = suffix_of(path)
    known = EXTENSIONS.get(suffix)
    if known is not None and suffix != ".json":
        return known
    try:
        head = read_head(path)
    except InputProblem as problem:
        return Detected("txt", problem=str(problem))
    except (OSError, EOFError) as error:
        detail = getattr(error, "strerror", None) or str(error)
        return Detected("txt", problem=f"cannot read the file ({detail})")
    found = sniff(head)
    if known is not None and found.problem is None:
        return known  # a .json file that is not an array or a document: JSON lines
    return found


def sniff(head: str) -> Detected:
    """Choose the reader from the start of an input.

    Args:
        head (str): the first few kilobytes of the input, decoded.

    RETURNS (Detected): html for a doctype or ``<html>``; jsonl when the first non-space
        character is ``{``; csv (or TSV)
        when the first line is a header of plain names including a text column; txt
        otherwise. JSON arrays, pretty-printed JSON and binary data come with a problem.
    """
    if "\x00" in head:
        return Detected("txt", problem=BINARY_REASON)
    if looks_like_html(head):
        return HTML
    stripped = head.lstrip(_LEADING_SPACE)
    if stripped.startswith("{"):
        first_line = stripped.partition("\n")[0].strip()
        return Detected("jsonl", problem=JSON_DOCUMENT_REASON) if first_line == "{" else JSONL
    if stripped.startswith("[") and stripped[1:].lstrip(_LEADING_SPACE).startswith("{"):
        return Detected("jsonl", problem=JSON_ARRAY_REASON)
    header = head.removeprefix("\ufeff").partition("\n")[0].rstrip("\r")
    for delimiter in ("\t", ","):
        if _is_csv_header(header, delimiter):
            return Detected("csv", delimiter)
    return TXT


def _is_csv_header(line: str, delimiter: str) -> bool:
    """Say whether ``line`` is a header of two or more plain names with a text column."""
    if delimiter not in line:
        return False
    try:
        names = [name.strip().lower() for name in next(csv.reader([line], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        return False
    return (
        len(names) >= 2
        and all(_HEADER_NAME.fullmatch(name) for name in names)
        and any(name in TEXT_FIELDS for name in names)
    )


def walk_directory(root: str | Path, *, every_file: bool = False) -> Iterator[Path]:
    """Yield the files under ``root`` to read, recursively, sorted by path.

    Hidden files and directories (names starting with ``.``) are skipped, as is anything
    that is not a regular file. Sorting compares path components, so a directory's files
    stay together: ``a/x.txt`` comes before ``a.txt``.

    Args:
        root (str | Path): the directory.
        every_file (bool): take every file (an explicit ``--format``), not only those with a
            known extension. Defaults to False.

    Yields:
        Path: the files, ``root`` joined with their relative path.
    """
    root = Path(root)
    found: list[tuple[tuple[str, ...], Path]] = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        for name in filenames:
            path = Path(directory, name)
            if name.startswith(".") or not path.is_file():
                continue
            if every_file or is_known(path):
                found.append((path.relative_to(root).parts, path))
    found.sort(key=lambda item: item[0])
    for _, path in found:
        yield path
