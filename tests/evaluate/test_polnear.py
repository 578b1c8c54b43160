"""Tests for dyads.evaluate.polnear: JSONL and brat forms, spans, kinds, offset checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.errors import DyadsError
from dyads.evaluate.gold import GoldQuote, GoldSet
from dyads.evaluate.polnear import quote_kind, read_polnear

POLNEAR = Path(__file__).resolve().parents[2].parent / "shared" / "dev" / "polnear"
"""The shared PolNeAR copy (``../shared/dev/polnear``); tests on it skip when absent."""

# Our own toy article. Offsets are computed from the text, never typed by hand.
TEXT = (
    "Harbour Plan Splits Council.\n\n"
    '"We will not sell the harbour," the mayor said on Monday. '
    '"Not now, not ever."\n\n'
    "Officials believe the plan could cost jobs.\n\n"
    'A union leader called it "a gift to the developers."\n'
)
DOC = "gazette_2021-03-04_harbour-plan-splits"


def at(text: str, fragment: str, nth: int = 0) -> tuple[int, int]:
    """The (start, end) of the ``nth`` occurrence of ``fragment`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(fragment, start + 1)
    return start, start + len(fragment)


FIRST = '"We will not sell the harbour,"'
SECOND = '"Not now, not ever."'
BELIEF = "the plan could cost jobs"
MIXED = 'it "a gift to the developers."'


def brat_line(ident: str, label: str, spans: list[tuple[int, int]], text: str = TEXT) -> str:
    """A brat ``T`` line for ``spans`` of ``text`` (fragments joined by a space)."""
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    return f"{ident}\t{label} {offsets}\t{' '.join(text[s:e] for s, e in spans)}"


def toy_ann(text: str = TEXT) -> str:
    """Three attributions: a discontinuous direct quote, a no-source belief, a mixed one."""
    lines = [
        brat_line("T1", "Content", [at(text, FIRST), at(text, SECOND)], text),
        brat_line("T2", "Source", [at(text, "the mayor")], text),
        brat_line("T3", "Cue", [at(text, "said")], text),
        brat_line("T4", "Attribution", [at(text, "said")], text),
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        brat_line("T5", "Cue", [at(text, "believe")], text),
        brat_line("T6", "Content", [at(text, BELIEF)], text),
        brat_line("T7", "Attribution-no-source", [at(text, "believe")], text),
        "E2\tAttribution-no-source:T7 Cue:T5 Content:T6",
        brat_line("T8", "Source", [at(text, "A union leader")], text),
        brat_line("T9", "Cue", [at(text, "called")], text),
        brat_line("T10", "Content", [at(text, MIXED)], text),
        brat_line("T11", "Attribution", [at(text, "called")], text),
        "E3\tAttribution:T11 Source:T8 Cue:T9 Content:T10",
        brat_line("T12", "Discuss", [at(text, "Officials")], text),
        "#1\tAnnotatorNotes T12\tnot sure",
    ]
    return "\n".join(lines) + "\n"


def expected_quotes(text: str = TEXT) -> tuple[GoldQuote, ...]:
    return (
        GoldQuote(
            content=(at(text, FIRST)[0], at(text, SECOND)[1]),
            source=at(text, "the mayor"),
            cue=at(text, "said"),
            kind="direct",
        ),
        GoldQuote(content=at(text, BELIEF), source=None, cue=at(text, "believe"), kind="indirect"),
        GoldQuote(
            content=at(text, MIXED),
            source=at(text, "A union leader"),
            cue=at(text, "called"),
            kind="mixed",
        ),
    )


def write_brat_split(root: Path, annotators: tuple[str, ...] = ("ab12",)) -> Path:
    """The corpus layout: ``attributions/<doc>_<annotator>.ann`` + ``text/<doc>.txt``."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / f"{DOC}.txt").write_text(TEXT, encoding="utf-8")
    for annotator in annotators:
        (root / "attributions" / f"{DOC}_{annotator}.ann").write_text(toy_ann(), encoding="utf-8")
    return root


def jsonl_record(doc_id: str = DOC, annotator: str = "ab12", text: str = TEXT) -> dict:
    """A JSONL line of the shared conversion's shape for the toy article."""

    def spans(*pairs: tuple[int, int]) -> list[dict]:
        return [{"start": s, "end": e, "text": text[s:e]} for s, e in pairs]

    return {
        "doc_id": doc_id,
        "annotator": annotator,
        "split": "dev",
        "publisher": "gazette",
        "publication_date": "2021-03-04",
        "title": "Harbour Plan Splits Council",
        "text": text,
        "attributions": [
            {
                "id": "E1",
                "type": "Attribution",
                "source": spans(at(text, "the mayor")),
                "cue": spans(at(text, "said")),
                "content": spans(at(text, FIRST), at(text, SECOND)),
            },
            {
                "id": "E2",
                "type": "Attribution-no-source",
                "source": [],
                "cue": spans(at(text, "believe")),
                "content": spans(at(text, BELIEF)),
            },
            {
                "id": "E3",
                "type": "Attribution",
                "source": spans(at(text, "A union leader")),
                "cue": spans(at(text, "called")),
                "content": spans(at(text, MIXED)),
            },
        ],
    }


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# --- brat ------------------------------------------------------------------------------


def test_brat_split_folder(tmp_path: Path) -> None:
    gold = read_polnear(write_brat_split(tmp_path / "dev"))
    assert isinstance(gold, GoldSet)
    assert gold.kind == "polnear"
    [record] = gold.records
    assert record.id == DOC
    assert record.text == TEXT
    assert record.date == "2021-03-04"  # from the id: no metadata.tsv here
    assert record.category == "gazette"
    assert record.quotes == expected_quotes()


def test_discontinuous_content_is_merged_to_min_start_max_end(tmp_path: Path) -> None:
    quote = read_polnear(write_brat_split(tmp_path)).records[0].quotes[0]
    start, end = quote.content
    assert TEXT[start:end] == f"{FIRST} the mayor said on Monday. {SECOND}"
    assert quote.kind == "direct"
    assert any("discontinuous" in note for note in read_polnear(tmp_path).notes)


def test_missing_source_is_none(tmp_path: Path) -> None:
    gold = read_polnear(write_brat_split(tmp_path))
    belief = gold.records[0].quotes[1]
    assert belief.source is None
    assert belief.cue is not None
    assert TEXT[slice(*belief.content)] == BELIEF
    assert any("1 quotes without a source span" in note for note in gold.notes)


def test_flat_brat_folder_and_single_files(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "story.ann").write_text(toy_ann(), encoding="utf-8")
    for path in (tmp_path, tmp_path / "story.ann", tmp_path / "story.txt"):
        [record] = read_polnear(path).records
        assert record.id == "story"
        assert record.date is None
        assert record.quotes == expected_quotes()


def test_txt_path_finds_annotation_in_split_layout(tmp_path: Path) -> None:
    root = write_brat_split(tmp_path)
    [record] = read_polnear(root / "text" / f"{DOC}.txt").records
    assert record.quotes == expected_quotes()


def test_second_content_argument_and_continuation_line(tmp_path: Path) -> None:
    text = "Ann Lee said she would run.\nShe added that\nthe race was open.\n"
    ann = (
        brat_line("T1", "Source", [at(text, "Ann Lee")], text)
        + "\n"
        + brat_line("T2", "Cue", [at(text, "said")], text)
        + "\n"
        + brat_line("T3", "Content", [at(text, "she would run")], text)
        + "\n"
        # A span holding a newline: brat writes its text over two lines.
        + brat_line("T4", "Content", [at(text, "the race was open")], text)
        + "\n"
        + brat_line("T5", "Cue", [at(text, "added that\nthe")], text)
        + "\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3 Content2:T4\n"
        + "E2\tAttribution:T5 Cue:T5 Content:T4\n"
    )
    assert "\tadded that\nthe\n" in ann  # T5's text runs over two lines
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    (tmp_path / "d.ann").write_text(ann, encoding="utf-8")
    gold = read_polnear(tmp_path)
    first, second = gold.records[0].quotes
    assert first.content == (at(text, "she would run")[0], at(text, "the race was open")[1])
    assert second.cue == at(text, "added that\nthe")  # offset check passed across the newline
    assert not any("skipped" in note for note in gold.notes)


def test_brat_offset_mismatch_is_skipped_and_counted(tmp_path: Path) -> None:
    root = write_brat_split(tmp_path)
    ann = root / "attributions" / f"{DOC}_ab12.ann"
    # The source text no longer matches its offsets: E3 is dropped, the rest kept.
    ann.write_text(toy_ann().replace("\tA union leader", "\tA union boss"), encoding="utf-8")
    gold = read_polnear(root)
    assert gold.records[0].quotes == expected_quotes()[:2]
    assert any("skipped 1 attributions" in n and "recorded text" in n for n in gold.notes)


def test_offsets_past_the_text_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("Short.", encoding="utf-8")
    (tmp_path / "d.ann").write_text(
        "T1\tContent 0 40\tShort.\nT2\tCue 0 1\tS\nE1\tAttribution:T2 Cue:T2 Content:T1\n",
        encoding="utf-8",
    )
    gold = read_polnear(tmp_path)
    assert gold.records[0].quotes == ()
    assert any("outside the text" in note for note in gold.notes)


def test_crlf_text_keeps_offsets(tmp_path: Path) -> None:
    text = TEXT.replace("\n", "\r\n")
    (tmp_path / "d.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "d.ann").write_text(toy_ann(text), encoding="utf-8")
    [record] = read_polnear(tmp_path).records
    assert record.text == text
    assert record.quotes == expected_quotes(text)


def test_metadata_gives_date_and_publisher(tmp_path: Path) -> None:
    root = write_brat_split(tmp_path / "dev")
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\tpublication_date\n"
        f"dev\t{DOC}\tThe Gazette\t2021-03-05\n",
        encoding="utf-8",
    )
    [record] = read_polnear(root).records
    assert (record.date, record.category) == ("2021-03-05", "The Gazette")


def test_several_annotators_first_or_all(tmp_path: Path) -> None:
    root = write_brat_split(tmp_path, annotators=("cd34", "ab12"))
    gold = read_polnear(root)
    assert [r.id for r in gold] == [DOC]
    assert any("skipped 1 files" in note for note in gold.notes)
    every = read_polnear(root, annotators="all")
    assert [r.id for r in every] == [f"{DOC}_ab12", f"{DOC}_cd34"]


# --- JSONL -----------------------------------------------------------------------------


def test_jsonl_matches_brat(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "polnear_dev.jsonl", [jsonl_record()])
    [record] = read_polnear(path).records
    assert (record.id, record.date, record.category) == (DOC, "2021-03-04", "gazette")
    assert record.quotes == expected_quotes()
    assert record.quotes == read_polnear(write_brat_split(tmp_path / "brat")).records[0].quotes


def test_jsonl_offset_mismatch_and_missing_content(tmp_path: Path) -> None:
    raw = jsonl_record()
    raw["attributions"][0]["cue"][0]["text"] = "says"
    raw["attributions"][1]["content"] = []
    gold = read_polnear(write_jsonl(tmp_path / "g.jsonl", [raw]))
    assert gold.records[0].quotes == expected_quotes()[2:]
    assert any("skipped 1 attributions" in n and "recorded text" in n for n in gold.notes)
    assert any("skipped 1 attributions: no content span" in n for n in gold.notes)


def test_limit_caps_documents(tmp_path: Path) -> None:
    records = [jsonl_record(doc_id=f"gazette_2021-03-0{n}_story-{n}") for n in range(1, 5)]
    records.append(jsonl_record(doc_id="gazette_2021-03-01_story-1", annotator="ff00"))
    path = write_jsonl(tmp_path / "g.jsonl", records)
    gold = read_polnear(path, limit=2)
    assert [r.id for r in gold] == ["gazette_2021-03-01_story-1", "gazette_2021-03-02_story-2"]
    assert any("limit 2: read 2 of 4 texts" in note for note in gold.notes)
    assert len(read_polnear(path).records) == 4


def test_corpus_folder_defaults_to_dev_jsonl(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "polnear_dev.jsonl", [jsonl_record()])
    write_jsonl(tmp_path / "polnear_train.jsonl", [jsonl_record(doc_id="other_2020-01-01_x")])
    write_brat_split(tmp_path / "dev")
    gold = read_polnear(tmp_path)
    assert [r.id for r in gold] == [DOC]
    assert any("read the dev split from polnear_dev.jsonl" in note for note in gold.notes)


@pytest.mark.parametrize(
    ("path", "problem"),
    [("missing", "no such file"), ("empty", "no polnear_dev.jsonl"), ("x.csv", "a .csv file")],
)
def test_bad_paths_raise(tmp_path: Path, path: str, problem: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "x.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(DyadsError, match=problem):
        read_polnear(tmp_path / path)


def test_invalid_jsonl_raises(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"doc_id": "a", "text": "b"}\nnot json\n', encoding="utf-8")
    with pytest.raises(DyadsError, match=r"g\.jsonl:2"):
        read_polnear(path)


# --- kind ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('"We will win."', "direct"),
        ("“We will win,”", "direct"),
        ("(“We will win.”)", "direct"),
        ("”We will win.“", "direct"),  # curly marks the wrong way round
        ("''We will win,''", "direct"),  # NYT style: two straight single marks
        ("‘Never Again.’", "direct"),
        ('"We will," "and soon."', "direct"),  # fragments of an interrupted quote
        ('that the plan was "a gift to the developers."', "mixed"),
        ("it would “keep the details under wraps” for now", "mixed"),
        ('that "we will win', "mixed"),  # the quotation runs past the span
        ("the council’s plan is ‘a gift to developers’ again", "mixed"),
        ('that the plan was "a gift"', "indirect"),  # a two-word scare quote
        ("the mayor’s plan will fail", "indirect"),  # an apostrophe is no quote
        ("the voters' choice and the parties' plans matter", "indirect"),
        ('"Yes," they said, and the plan passed', "indirect"),  # quoted part of one word
        ("the plan could cost jobs", "indirect"),
    ],
)
def test_quote_kind(text: str, kind: str) -> None:
    assert quote_kind(text) == kind


# --- the shared corpus -----------------------------------------------------------------


@pytest.fixture(scope="module")
def polnear_dir() -> Path:
    if not (POLNEAR / "polnear_dev.jsonl").is_file() or not (POLNEAR / "dev").is_dir():
        pytest.skip(f"PolNeAR not found at {POLNEAR} (it lives in the shared folder)")
    return POLNEAR


@pytest.mark.shared
def test_shared_dev_jsonl_counts(polnear_dir: Path) -> None:
    gold = read_polnear(polnear_dir)
    assert gold.path == polnear_dir
    assert any("read the dev split from polnear_dev.jsonl" in n for n in gold.notes)
    assert len(gold.records) == 84  # texts; 94 annotation files, 2 texts by six annotators
    quotes = [q for r in gold for q in r.quotes]
    assert len(quotes) == 2192  # of 2193 attributions; one has no content span
    assert sum(q.source is None for q in quotes) == 126
    assert {q.kind for q in quotes} == {"direct", "mixed", "indirect"}
    assert all(r.date and r.date.startswith("2016-") for r in gold)
    assert not any("recorded text" in n for n in gold.notes)  # every offset checks out


@pytest.mark.shared
def test_shared_dev_all_annotators_and_brat(polnear_dir: Path) -> None:
    every = read_polnear(polnear_dir / "polnear_dev.jsonl", annotators="all")
    assert len(every.records) == 94
    assert sum(len(r.quotes) for r in every) == 2319  # README: 2,320 attributions
    jsonl = read_polnear(polnear_dir / "polnear_dev.jsonl")
    brat = read_polnear(polnear_dir / "dev")
    assert [r.id for r in brat] == [r.id for r in jsonl]
    assert sum(len(r.quotes) for r in brat) == 2192
    # Same quotes but three, whose brat Content2 part the JSONL conversion lacks.
    differ = {q.content for r in brat for q in r.quotes} ^ {
        q.content for r in jsonl for q in r.quotes
    }
    assert len(differ) == 6


@pytest.mark.shared
def test_shared_dev_limit(polnear_dir: Path) -> None:
    gold = read_polnear(polnear_dir / "dev", limit=5)
    assert len(gold.records) == 5
    assert any("limit 5: read 5 of 84 texts" in n for n in gold.notes)
