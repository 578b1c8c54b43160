"""Reader for PolNeAR, the Political News Attribution Relations corpus (``--kind polnear``).

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates attributions in 2015-2016
US political news: a SOURCE span (as written: "he", "a spokesman"), a CUE span and
one or more CONTENT spans, for direct, indirect and mixed quotes and for attributed
beliefs. Two forms are accepted, told apart by the path:

* **JSONL** (``polnear_{train,dev,test}.jsonl``, a conversion made in the shared
  folder): one line per annotation file, ``{doc_id, annotator, split, publisher,
  publication_date, title, text, attributions: [{id, type, source: [{start, end,
  text}], cue: [...], content: [...]}]}``. The conversion keeps only an event's first
  ``Content`` argument: the rare second one (brat ``Content2``; 3 in dev, 64 in train)
  is missing, so the brat form is the more complete of the two.
* **brat standoff**: ``<doc>_<annotator>.ann`` next to ``<doc>.txt`` (or the corpus
  layout ``attributions/<doc>_<annotator>.ann`` + ``text/<doc>.txt``). Lines are
  ``T<n>\\t<Type> <start> <end>[;<start> <end>...]\\t<text>`` (Type Source, Cue,
  Content, Attribution, Attribution-no-source, Discard, Discuss), ``E<n>\\t<trigger
  type>:T<a> Source:T<s> Cue:T<q> Content:T<c> [Content2:T<d> ...]`` and ``#<n>``
  notes. A span text that holds a newline continues on the next line(s).

A path may be a ``.jsonl`` file, an ``.ann`` or ``.txt`` file, a folder of ``.ann`` +
``.txt`` pairs, a split folder (``attributions/`` + ``text/``), or the corpus folder:
there ``polnear_dev.jsonl`` is read (the dev split; the notes say so), else the
``dev/`` brat folder. Each text gives one ``GoldRecord`` (id = the ``doc_id``,
``category`` = the publisher, ``date`` = the publication date from the record,
``metadata.tsv`` or the ``publisher_YYYY-MM-DD_slug`` id). How attributions become
``GoldQuote`` values (each choice is also counted in ``GoldSet.notes``):

* **Several annotators.** A few texts were annotated by several annotators (two dev
  texts by six). By default only the first annotator in sorted order is kept, so a
  text counts once; ``annotators="all"`` keeps every file, with ids
  ``<doc_id>_<annotator>``.
* **Discontinuous spans.** A role may have several fragments (brat ``s e;s e``, a
  second ``Content2`` argument, or several list items in the JSONL). ``GoldQuote``
  holds one span per role, so the fragments are merged to (min start, max end); for a
  quote interrupted by its cue (``"A," he said, "B."``) the merged content therefore
  covers the cue and source too.
* **Kind.** PolNeAR does not label direct or indirect speech, so ``kind`` is derived
  from the content fragments' text (joined by a space, in text order) by
  ``quote_kind``: "direct" when it starts and ends with a quotation mark once
  surrounding white space and punctuation are stripped; "mixed" when it is not
  direct but holds a quoted passage of at least three words; else "indirect".
* **Offsets.** Every fragment's text at its offsets must equal the text the
  annotation records (JSONL ``text``; brat's third column, fragments joined by a
  space as brat writes them). An attribution with a mismatch, an offset outside the
  text or no content span is skipped and counted. A missing source or cue is
  ``None``; ``speaker`` is left empty, as PolNeAR sources are unresolved text.

Example:
    >>> gold = read_polnear(Path("../shared/dev/polnear"))  # doctest: +SKIP
    >>> len(gold.records), sum(len(r.quotes) for r in gold)  # doctest: +SKIP
    (84, 2192)
"""

from __future__ import annotations

import csv
import glob
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from dyads.errors import DyadsError, message
from dyads.evaluate.gold import GoldQuote, GoldRecord, GoldSet

__all__ = ["DEV_JSONL", "KIND", "quote_kind", "read_polnear"]

KIND = "polnear"

DEV_JSONL = "polnear_dev.jsonl"
"""The file read when the path is the corpus folder (which holds every split)."""

METADATA = "metadata.tsv"
"""Per-article metadata (publisher, publication_date, ...), looked up above brat files."""

ROLES = ("source", "cue", "content")

Span = tuple[int, int]

QUOTE_MARKS = "\"“”„‟«»‹›'‘’‚‛`"
"""Characters read as quotation marks (straight, curly, low, guillemets; NYT's ``''``
is two straight single marks)."""

_EDGE_STRIP = " \t\r\n\u00a0\u2009\u202f.,;:!?…—–-()[]{}*_"
"""What may surround the quotation marks of a direct quote ("“Yes.”", "(“No,”)")."""

_DOUBLE = re.compile(r"''|``|[\"“”„‟«»]")
_OPENERS = "([{—–-/'‘’"
_CLOSERS = ".,;:!?)]}—–-…/'‘’"
_QUOTED_SINGLE = re.compile(r"(?<!\w)['‘‚‛](.+?)['’](?!\w)", re.S)
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_DATE = re.compile(r"(?:^|_)(\d{4}-\d{2}-\d{2})(?:_|$)")
_BRAT_LINE = re.compile(r"^[TERAMN#*]\d*\t")
_ROLE_ARG = re.compile(r"^(Source|Cue|Content)\d*$")


def quote_kind(text: str) -> str:
    """Derive the quote kind of a content span's text.

    "direct": once white space and punctuation (``.,;:!?…—–-()[]``) are stripped from
    both ends, the text starts and ends with a quotation mark (any of ``QUOTE_MARKS``;
    curly marks of either orientation, since news text mixes them up). "mixed": not
    direct, but a quoted passage of at least three words occurs (double marks pair in
    order, an unclosed last one runs to the end; single marks count only when the
    opening one follows no letter and the closing one precedes none, so apostrophes
    are not quotes). Else "indirect".

    Args:
        text (str): the content text (fragments joined by a space).

    RETURNS (str): "direct", "mixed" or "indirect".
    """
    core = text.strip(_EDGE_STRIP)
    bounded = len(core) >= 2 and core[0] in QUOTE_MARKS and core[-1] in QUOTE_MARKS
    if bounded and _WORD.search(core):
        return "direct"
    if any(len(_WORD.findall(passage)) >= 3 for passage in _quoted_passages(text)):
        return "mixed"
    return "indirect"


def _quoted_passages(text: str) -> Iterator[str]:
    """The passages of ``text`` between quotation marks (see ``quote_kind``).

    A double mark opens when it follows the start, white space or an opening bracket
    or dash, and closes when it precedes the end, white space or punctuation; when the
    context says both or neither, a curly mark's orientation decides, and a straight
    one toggles. A closing mark with nothing open closes a passage from the start of
    the text (the span began inside a quotation); an open passage runs to the end.
    """
    doubled = _DOUBLE.sub(lambda m: m.group(0)[0] if m.group(0)[0] in "“”" else '"', text)
    opened: int | None = None
    for match in re.finditer(r"[\"“”]", doubled):
        i = match.start()
        before = doubled[i - 1] if i else " "
        after = doubled[i + 1] if i + 1 < len(doubled) else " "
        opens = before.isspace() or before in _OPENERS
        closes = after.isspace() or after in _CLOSERS
        if opens == closes:
            mark = match.group(0)
            opens = mark == "“" or (mark == '"' and opened is None)
        if opens:
            if opened is None:
                opened = i + 1
        else:
            yield doubled[opened or 0 : i]
            opened = None
    if opened is not None:
        yield doubled[opened:]
    for found in _QUOTED_SINGLE.finditer(text):
        yield found.group(1)


@dataclass
class _Attribution:
    """One attribution as read: fragments per role, plus the recorded texts."""

    ident: str
    fragments: dict[str, list[Span]] = field(default_factory=lambda: defaultdict(list))
    recorded: list[tuple[list[Span], str | None]] = field(default_factory=list)


@dataclass
class _Document:
    """One annotation file: its text, annotator and attributions."""

    doc_id: str
    annotator: str | None
    text: str
    attributions: list[_Attribution]
    date: str | None = None
    publisher: str | None = None


def read_polnear(
    path: Path,
    *,
    limit: int | None = None,
    annotators: Literal["first", "all"] = "first",
) -> GoldSet:
    """Read PolNeAR attributions as gold quotes.

    Args:
        path (Path): a ``.jsonl`` file, a brat ``.ann`` or ``.txt`` file, a folder of
            brat pairs (flat, or ``attributions/`` + ``text/``), or the corpus folder
            (its ``polnear_dev.jsonl`` is read, else its ``dev/`` folder).
        limit (int | None): keep at most this many documents (texts), in file order
            (JSONL) or name order (brat); None keeps all.
        annotators (str): "first" keeps one annotation per text (the first annotator
            in sorted order); "all" keeps every annotation file as its own record.

    RETURNS (GoldSet): kind ``"polnear"``; one record per text with its quotes;
        ``notes`` says which file was read and what was merged or skipped.

    Raises:
        DyadsError: the path is missing or holds no PolNeAR file, a JSONL line is not
            a JSON object with ``doc_id`` and ``text``, or ``limit``/``annotators`` is
            invalid.
    """
    path = Path(path)
    if annotators not in ("first", "all"):
        raise DyadsError(
            message(f"annotators={annotators!r}", '"first" or "all"', "Pass one of them.")
        )
    if limit is not None and limit < 0:
        raise DyadsError(message(f"limit={limit}", "a count >= 0 or None", "Pass a count."))
    if not path.exists():
        raise DyadsError(
            message(
                f"{path}: no such file or folder",
                "a PolNeAR .jsonl, .ann/.txt or folder",
                "Check the path (the corpus lives in ../shared/dev/polnear).",
            )
        )
    notes: list[str] = []
    tally: Counter[str] = Counter()
    docs, total = _load(path, notes, limit, annotators, tally)
    records = [_record(doc, annotators, tally) for doc in docs]
    notes.extend(_tally_notes(tally, len(records), total, limit))
    return GoldSet(kind=KIND, path=path, records=records, notes=notes)


# --- picking the files ----------------------------------------------------------


def _load(
    path: Path, notes: list[str], limit: int | None, annotators: str, tally: Counter[str]
) -> tuple[list[_Document], int]:
    """Read the documents under ``path``; also return how many texts there were."""
    if path.is_dir():
        dev = path / DEV_JSONL
        brat_dirs = [d.name for d in sorted(path.iterdir()) if d.is_dir() and _has_brat(d)]
        if dev.is_file():
            if brat_dirs:
                notes.append(
                    f"{path} holds JSONL and brat folders ({', '.join(brat_dirs)}); "
                    f"read the dev split from {DEV_JSONL} (its conversion keeps only the first "
                    "Content argument: brat Content2 parts, 3 in dev, are only in the brat files)"
                )
            return _from_jsonl(dev, limit, annotators, tally)
        jsonls = sorted(path.glob("*.jsonl"))
        if len(jsonls) == 1:
            return _from_jsonl(jsonls[0], limit, annotators, tally)
        if (path / "dev").is_dir() and _has_brat(path / "dev"):
            notes.append(f"{path} holds split folders; read the dev split from {path / 'dev'}")
            path = path / "dev"
        pairs = _brat_pairs(path)
        if not pairs:
            raise DyadsError(
                message(
                    f"{path}: no {DEV_JSONL}, .jsonl or .ann files",
                    "a PolNeAR JSONL file or brat .ann/.txt pairs",
                    "Point --gold at polnear_dev.jsonl or a folder of .ann files.",
                )
            )
        return _from_brat(path, pairs, limit, annotators, tally)
    if path.suffix == ".jsonl":
        return _from_jsonl(path, limit, annotators, tally)
    if path.suffix == ".ann":
        return _from_brat(path, [_ann_pair(path)], limit, annotators, tally)
    if path.suffix == ".txt":
        anns = _anns_for_text(path)
        if not anns:
            raise DyadsError(
                message(
                    f"{path}: no .ann file found for this text",
                    f"{path.stem}.ann or ../attributions/{path.stem}_<annotator>.ann",
                    "Pass the .ann file or its folder.",
                )
            )
        return _from_brat(path, [(ann, path) for ann in anns], limit, annotators, tally)
    raise DyadsError(
        message(
            f"{path}: a {path.suffix or 'suffix-less'} file",
            "a .jsonl, .ann or .txt file, or a folder",
            "Pass a PolNeAR file or folder.",
        )
    )


def _has_brat(folder: Path) -> bool:
    """Whether ``folder`` (or its ``attributions/``) holds .ann files."""
    return any(folder.glob("*.ann")) or any((folder / "attributions").glob("*.ann"))


def _brat_pairs(folder: Path) -> list[tuple[Path, Path | None]]:
    """The (.ann, .txt or None) pairs in a folder, flat or ``attributions/`` + ``text/``."""
    anns = sorted(folder.glob("*.ann")) or sorted((folder / "attributions").glob("*.ann"))
    return [_ann_pair(ann) for ann in anns]


def _ann_pair(ann: Path) -> tuple[Path, Path | None]:
    """An .ann file and its text: ``<stem>.txt`` or ``<doc>.txt`` beside it or in ``../text``."""
    doc = _split_annotator(ann.stem)[0]
    for folder in (ann.parent, ann.parent.parent / "text"):
        for stem in (ann.stem, doc):
            candidate = folder / f"{stem}.txt"
            if candidate.is_file():
                return ann, candidate
    return ann, None


def _anns_for_text(txt: Path) -> list[Path]:
    """The .ann files of one text: ``<stem>.ann`` or ``<stem>_<annotator>.ann``."""
    found: list[Path] = []
    for folder in (txt.parent, txt.parent.parent / "attributions"):
        found += [folder / f"{txt.stem}.ann"] if (folder / f"{txt.stem}.ann").is_file() else []
        found += sorted(folder.glob(f"{glob.escape(txt.stem)}_*.ann"))
        if found:
            break
    return [a for a in found if _split_annotator(a.stem)[0] == txt.stem or a.stem == txt.stem]


def _split_annotator(stem: str) -> tuple[str, str | None]:
    """``publisher_date_slug_ab12`` -> (``publisher_date_slug``, ``ab12``).

    PolNeAR annotator ids are four hex digits; other stems are returned whole.
    """
    doc, _, tail = stem.rpartition("_")
    if doc and re.fullmatch(r"[0-9a-f]{4}", tail):
        return doc, tail
    return stem, None


def _select(
    items: Iterable[tuple[str, str | None, Any]],
    limit: int | None,
    annotators: str,
    tally: Counter[str],
) -> tuple[list[Any], int]:
    """Group items by document; keep the first annotator (or all), then cap at ``limit``.

    RETURNS (tuple[list[Any], int]): the kept payloads, in first-seen document order,
        and the number of documents before the cap.
    """
    by_doc: dict[str, list[tuple[str | None, Any]]] = {}
    for doc_id, annotator, payload in items:
        by_doc.setdefault(doc_id, []).append((annotator, payload))
    kept: list[Any] = []
    for n, group in enumerate(by_doc.values()):
        if limit is not None and n >= limit:
            break
        group.sort(key=lambda item: item[0] or "")
        if annotators == "first" and len(group) > 1:
            tally["extra_annotations"] += len(group) - 1
            tally["multi_annotated"] += 1
            group = group[:1]
        kept += [payload for _, payload in group]
    return kept, len(by_doc)


# --- JSONL ------------------------------------------------------------------------


def _from_jsonl(
    path: Path, limit: int | None, annotators: str, tally: Counter[str]
) -> tuple[list[_Document], int]:
    """Read the JSONL form: one annotation file per line."""
    items: list[tuple[str, str | None, dict[str, Any]]] = []
    with path.open(encoding="utf-8-sig") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as err:
                raise DyadsError(
                    message(
                        f"{path}:{line_no}: invalid JSON ({err.msg})",
                        "one object a line",
                        "Fix or remove the line.",
                    )
                ) from err
            if not (
                isinstance(raw, dict)
                and isinstance(raw.get("doc_id"), str)
                and isinstance(raw.get("text"), str)
            ):
                raise DyadsError(
                    message(
                        f"{path}:{line_no}: no string doc_id and text",
                        "a PolNeAR record {doc_id, annotator, text, attributions}",
                        "Check that this is a PolNeAR JSONL file.",
                    )
                )
            annotator = raw.get("annotator")
            items.append((raw["doc_id"], annotator if isinstance(annotator, str) else None, raw))
    kept, total = _select(items, limit, annotators, tally)
    return [_jsonl_document(raw, tally) for raw in kept], total


def _jsonl_document(raw: dict[str, Any], tally: Counter[str]) -> _Document:
    """One JSONL line as a ``_Document``."""
    attributions: list[_Attribution] = []
    for n, item in enumerate(raw.get("attributions") or [], 1):
        if not isinstance(item, dict):
            tally["malformed"] += 1
            continue
        attribution = _Attribution(str(item.get("id", f"#{n}")))
        try:
            for role in ROLES:
                for span in item.get(role) or []:
                    frag = (int(span["start"]), int(span["end"]))
                    attribution.fragments[role].append(frag)
                    recorded = span.get("text")
                    attribution.recorded.append(
                        ([frag], recorded if isinstance(recorded, str) else None)
                    )
        except (KeyError, TypeError, ValueError):
            tally["malformed"] += 1
            continue
        attributions.append(attribution)
    date = raw.get("publication_date")
    publisher = raw.get("publisher")
    return _Document(
        doc_id=raw["doc_id"],
        annotator=raw.get("annotator"),
        text=raw["text"],
        attributions=attributions,
        date=_iso(date) or _iso_from_id(raw["doc_id"]),
        publisher=publisher if isinstance(publisher, str) else None,
    )


# --- brat -------------------------------------------------------------------------


def _from_brat(
    path: Path,
    pairs: list[tuple[Path, Path | None]],
    limit: int | None,
    annotators: str,
    tally: Counter[str],
) -> tuple[list[_Document], int]:
    """Read brat .ann/.txt pairs (already sorted by name)."""
    items = [(*_brat_ids(ann, txt), (ann, txt)) for ann, txt in pairs]
    kept, total = _select(items, limit, annotators, tally)
    metadata = _metadata(path)
    documents: list[_Document] = []
    for ann, txt in kept:
        if txt is None:
            tally["no_text"] += 1
            continue
        doc_id, annotator = _brat_ids(ann, txt)
        meta = metadata.get(doc_id, {})
        documents.append(
            _Document(
                doc_id=doc_id,
                annotator=annotator,
                text=_read_exact(txt),
                attributions=_parse_ann(_read_exact(ann), tally),
                date=_iso(meta.get("publication_date")) or _iso_from_id(doc_id),
                publisher=_clean(meta.get("publisher")) or _publisher_from_id(doc_id),
            )
        )
    return documents, total


def _brat_ids(ann: Path, txt: Path | None) -> tuple[str, str | None]:
    """The document id and annotator of an .ann file (no annotator when the names match)."""
    if txt is not None and txt.stem == ann.stem:
        return ann.stem, None
    return _split_annotator(ann.stem)


def _read_exact(path: Path) -> str:
    """A UTF-8 file as is: no newline translation, so offsets stay right."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def _brat_entries(ann_text: str) -> Iterator[str]:
    """The entries of an .ann file, a span text's continuation lines joined by newline."""
    entry: str | None = None
    for line in ann_text.split("\n"):
        line = line.removesuffix("\r")
        if _BRAT_LINE.match(line):
            if entry is not None:
                yield entry
            entry = line
        elif entry is not None:
            entry += "\n" + line
    if entry is not None:
        yield entry.rstrip("\n")


def _parse_ann(ann_text: str, tally: Counter[str]) -> list[_Attribution]:
    """The attributions (``E`` lines) of an .ann file, with their spans' fragments."""
    spans: dict[str, tuple[str, list[Span], str | None]] = {}
    events: list[tuple[str, list[str]]] = []
    for entry in _brat_entries(ann_text):
        ident, _, rest = entry.partition("\t")
        if ident.startswith("T"):
            head, _, recorded = rest.partition("\t")
            label, _, offsets = head.partition(" ")
            try:
                frags = [_fragment(part) for part in offsets.split(";")]
            except ValueError:
                tally["malformed"] += 1
                continue
            spans[ident] = (label, frags, recorded if "\t" in rest else None)
        elif ident.startswith("E"):
            events.append((ident, rest.split()))
    attributions: list[_Attribution] = []
    for ident, args in events:
        attribution = _Attribution(ident)
        broken = False
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            matched = _ROLE_ARG.match(role)
            if not matched:
                continue
            if ref not in spans:
                broken = True
                break
            _, frags, recorded = spans[ref]
            attribution.fragments[matched.group(1).lower()].extend(frags)
            attribution.recorded.append((frags, recorded))
        if broken:
            tally["malformed"] += 1
            continue
        attributions.append(attribution)
    return attributions


def _fragment(part: str) -> Span:
    """``"12 30"`` -> (12, 30)."""
    start, end = part.split()
    return int(start), int(end)


def _metadata(path: Path) -> dict[str, dict[str, str]]:
    """``metadata.tsv`` rows by filename, from the nearest of ``path``'s folders (or {})."""
    start = path if path.is_dir() else path.parent
    for folder in [start, *list(start.parents)[:3]]:
        table = folder / METADATA
        if table.is_file():
            with table.open(encoding="utf-8", newline="") as handle:
                return {
                    row["filename"]: row
                    for row in csv.DictReader(handle, delimiter="\t")
                    if row.get("filename")
                }
    return {}


# --- records ----------------------------------------------------------------------


def _record(doc: _Document, annotators: str, tally: Counter[str]) -> GoldRecord:
    """One document as a ``GoldRecord``; attributions that fail a check are skipped."""
    quotes: list[GoldQuote] = []
    for attribution in doc.attributions:
        quote = _quote(doc.text, attribution, tally)
        if quote is not None:
            quotes.append(quote)
    tally["attributions"] += len(doc.attributions)
    ident = doc.doc_id
    if annotators == "all" and doc.annotator:
        ident = f"{doc.doc_id}_{doc.annotator}"
    return GoldRecord(
        id=ident, text=doc.text, date=doc.date, quotes=tuple(quotes), category=doc.publisher
    )


def _quote(text: str, attribution: _Attribution, tally: Counter[str]) -> GoldQuote | None:
    """One attribution as a ``GoldQuote``, or None (counted) when it fails a check."""
    frags = attribution.fragments
    every = [frag for role in ROLES for frag in frags.get(role, [])]
    if any(not 0 <= start <= end <= len(text) for start, end in every):
        tally["out_of_range"] += 1
        return None
    for parts, recorded in attribution.recorded:
        if recorded is not None and not _same(" ".join(text[s:e] for s, e in parts), recorded):
            tally["mismatch"] += 1
            return None
    content = sorted(frags.get("content", []))
    if not content:
        tally["no_content"] += 1
        return None
    if len(content) > 1:
        tally["merged_content"] += 1
    if not frags.get("source"):
        tally["no_source"] += 1
    if not frags.get("cue"):
        tally["no_cue"] += 1
    kind = quote_kind(" ".join(text[s:e] for s, e in content))
    tally[f"kind_{kind}"] += 1
    tally["quotes"] += 1
    return GoldQuote(
        content=_merge(content),
        source=_merge(frags.get("source", [])),
        cue=_merge(frags.get("cue", [])),
        kind=kind,
    )


def _same(found: str, recorded: str) -> bool:
    """Whether the text at the offsets is the recorded text (trailing newlines aside: a
    brat span text's continuation lines cannot tell them from blank lines)."""
    return found == recorded or found.rstrip("\r\n") == recorded.rstrip("\r\n")


def _merge(fragments: list[Span]) -> Span | None:
    """(min start, max end) of the fragments, or None when there are none."""
    if not fragments:
        return None
    return min(s for s, _ in fragments), max(e for _, e in fragments)


def _tally_notes(tally: Counter[str], kept: int, total: int, limit: int | None) -> list[str]:
    """The notes that the counts call for."""
    notes: list[str] = []
    if limit is not None and total > limit:
        notes.append(f"limit {limit}: read {min(limit, total)} of {total} texts")
    if tally["multi_annotated"]:
        notes.append(
            f"{tally['multi_annotated']} texts have several annotation files: kept the first "
            f"annotator's (sorted id), skipped {tally['extra_annotations']} files"
        )
    if tally["no_text"]:
        notes.append(f"skipped {tally['no_text']} .ann files without their .txt")
    notes.append(
        f"{kept} records, {tally['quotes']} quotes from {tally['attributions']} attributions "
        f"(direct {tally['kind_direct']}, mixed {tally['kind_mixed']}, indirect "
        f"{tally['kind_indirect']}; kind derived from quotation marks, PolNeAR has no label)"
    )
    skipped = {
        "mismatch": "span text differs from the recorded text at its offsets",
        "out_of_range": "an offset lies outside the text",
        "no_content": "no content span",
        "malformed": "malformed (unparsable span or missing reference)",
    }
    for key, why in skipped.items():
        if tally[key]:
            notes.append(f"skipped {tally[key]} attributions: {why}")
    if tally["merged_content"]:
        notes.append(
            f"{tally['merged_content']} discontinuous contents merged to (min start, max end)"
        )
    if tally["no_source"] or tally["no_cue"]:
        notes.append(
            f"{tally['no_source']} quotes without a source span, {tally['no_cue']} without a cue"
        )
    return notes


def _iso(value: object) -> str | None:
    """An ISO date string (``YYYY-MM-DD``) or None."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    return None


def _iso_from_id(doc_id: str) -> str | None:
    """The date in a ``publisher_YYYY-MM-DD_slug`` id, or None."""
    found = _DATE.search(doc_id)
    return found.group(1) if found else None


def _publisher_from_id(doc_id: str) -> str | None:
    """The publisher in a ``publisher_YYYY-MM-DD_slug`` id, or None."""
    found = _DATE.search(doc_id)
    if found is None or found.start() == 0:
        return None
    return doc_id[: found.start()]


def _clean(value: str | None) -> str | None:
    """A metadata cell, None for empty or ``None``."""
    if value is None or value.strip() in ("", "None"):
        return None
    return value.strip()
