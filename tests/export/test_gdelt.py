"""Tests for dyads.export.gdelt: GDELT 2.0 events (61 columns) and mentions (16)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dyads.errors import UsageError
from dyads.export import export, gdelt
from dyads.export._common import country, sentence_number, stable_id
from dyads.store import Store

from .spec_fixtures import GDELT, event_ids, open_store, shared_file


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    yield from open_store(tmp_path)


def _lines(store: Store, what: str) -> list[list[str]]:
    buffer = io.StringIO()
    count = gdelt.write(store.con, what, buffer)
    lines = buffer.getvalue().splitlines()
    assert len(lines) == count
    return [line.split("\t") for line in lines]


def _by_name(row: list[str], columns: tuple[str, ...]) -> dict[str, str]:
    return dict(zip(columns, row, strict=True))


def _spec(name: str) -> list[tuple[str, str]]:
    with shared_file(GDELT / "schemas" / name).open(encoding="utf-8", newline="") as handle:
        return [(row["name"], row["type"]) for row in csv.DictReader(handle)]


_SQL_TYPES = {"INTEGER": "BIGINT", "FLOAT": "DOUBLE", "STRING": "VARCHAR"}


def _load(path: Path, spec: list[tuple[str, str]]) -> list[tuple[object, ...]]:
    """Load a GDELT TSV with the column types the codebook gives (fails on a mismatch)."""
    columns = {name: _SQL_TYPES[kind] for name, kind in spec}
    return duckdb.sql(
        f"SELECT * FROM read_csv('{path}', delim='\t', header=false, quote='', "
        f"columns={columns!r}, null_padding=false)"
    ).fetchall()


# -- layout (column counts from the GDELT 2.0 codebook) --------------------------------


@pytest.mark.parametrize(("what", "columns"), [("events", 61), ("mentions", 16)])
def test_gdelt_column_count(store: Store, what: str, columns: int) -> None:
    names = gdelt.EVENT_COLUMNS if what == "events" else gdelt.MENTION_COLUMNS
    assert len(names) == len(set(names)) == columns
    rows = _lines(store, what)
    assert rows
    assert all(len(row) == columns for row in rows)


def test_gdelt_events_one_row_per_pair_without_negated(store: Store) -> None:
    rows = [_by_name(r, gdelt.EVENT_COLUMNS) for r in _lines(store, "events")]
    ids = event_ids()
    # 5 events: 051 is negated (left out); 138 has two sources (RUSMIL, RUSGOV) -> 2 rows.
    assert sorted(r["EventCode"] for r in rows) == ["040", "112", "138", "138", "163"]
    threats = [r for r in rows if r["EventCode"] == "138"]
    assert [(r["Actor1Code"], r["Actor2Code"]) for r in threats] == [
        ("RUSMIL", "USAGOV"),
        ("RUSGOV", "USAGOV"),
    ]
    assert threats[0]["GLOBALEVENTID"] == str(stable_id(ids["138"]))
    assert threats[1]["GLOBALEVENTID"] == str(stable_id(ids["138"] + "#1"))
    accuse = next(r for r in rows if r["EventCode"] == "112")
    assert accuse["GLOBALEVENTID"] == str(stable_id(ids["112"]))


def test_gdelt_events_fields(store: Store) -> None:
    rows = {
        r["EventCode"]: r
        for r in map(lambda r: _by_name(r, gdelt.EVENT_COLUMNS), _lines(store, "events"))
    }
    accuse = rows["112"]
    assert (accuse["SQLDATE"], accuse["MonthYear"], accuse["Year"]) == (
        "20220110",
        "202201",
        "2022",
    )
    assert accuse["FractionDate"] == f"{2022 + 10 / 365:.4f}"
    assert (accuse["Actor1Name"], accuse["Actor1CountryCode"], accuse["Actor1Type1Code"]) == (
        "SERGEI LAVROV",
        "RUS",
        "GOV",
    )
    assert (accuse["EventBaseCode"], accuse["EventRootCode"], accuse["QuadClass"]) == (
        "112",
        "11",
        "3",
    )
    assert float(accuse["GoldsteinScale"]) == -2.0
    assert (accuse["NumMentions"], accuse["NumArticles"], accuse["NumSources"]) == ("1", "1", "1")
    assert accuse["AvgTone"] == ""  # no article was scored
    assert accuse["SOURCEURL"] == "https://example.org/a1"
    assert accuse["ActionGeo_Type"] == "0" and accuse["ActionGeo_FullName"] == ""
    assert len(accuse["DATEADDED"]) == 14 and accuse["DATEADDED"].isdigit()
    meet = rows["040"]
    assert meet["ActionGeo_Type"] == "4"
    assert meet["ActionGeo_FullName"] == "Geneva, Switzerland"
    assert (meet["ActionGeo_CountryCode"], meet["ActionGeo_ADM1Code"]) == ("SZ", "SZ")  # FIPS
    assert float(meet["ActionGeo_Lat"]) == pytest.approx(46.20222)
    assert rows["163"]["SOURCEURL"] == "dyads:a3"  # a3 has no URL


def test_gdelt_events_counts_follow_mentions_and_clusters(store: Store) -> None:
    ids = event_ids()
    con = store.con
    # Two more reports of the accusation: again in a1, and in a2 (another publisher).
    con.execute(
        "INSERT INTO mentions (event_id, doc_id, date, span_start, span_end) VALUES "
        "(?, 'a1', DATE '2022-01-10', 120, 140), (?, 'a2', DATE '2022-01-20', 0, 50)",
        [ids["112"], ids["112"]],
    )
    con.execute("UPDATE articles SET tone = CASE id WHEN 'a1' THEN -4.0 ELSE 2.0 END")
    # The sanction report becomes a duplicate of the accusation: not a row of its own.
    con.execute("UPDATE events SET cluster_id = ? WHERE id = ?", [ids["112"], ids["163"]])
    rows = {r[26]: _by_name(r, gdelt.EVENT_COLUMNS) for r in _lines(store, "events")}
    assert "163" not in rows
    accuse = rows["112"]
    assert (accuse["NumMentions"], accuse["NumArticles"], accuse["NumSources"]) == ("3", "2", "2")
    assert float(accuse["AvgTone"]) == pytest.approx((-4.0 - 4.0 + 2.0) / 3)


def test_gdelt_mentions_fields(store: Store) -> None:
    ids = event_ids()
    rows = [_by_name(r, gdelt.MENTION_COLUMNS) for r in _lines(store, "mentions")]
    events = {
        r["GLOBALEVENTID"]
        for r in map(lambda r: _by_name(r, gdelt.EVENT_COLUMNS), _lines(store, "events"))
    }
    assert {r["GLOBALEVENTID"] for r in rows} == events  # every mention joins an event
    accuse = next(r for r in rows if r["GLOBALEVENTID"] == str(stable_id(ids["112"])))
    assert accuse["MentionType"] == "1"
    assert accuse["MentionSourceName"] == "Example Wire"
    assert accuse["MentionIdentifier"] == "https://example.org/a1"
    assert accuse["SentenceID"] == "1"
    assert accuse["Actor1CharOffset"] == "25"  # "Sergei Lavrov" in A1_TEXT
    assert accuse["Actor2CharOffset"] == "47"  # "Washington"
    assert accuse["ActionCharOffset"] == "39"  # "accused"
    assert accuse["Extras"] == f"dyads_event={ids['112']};doc=a1"
    meet = next(r for r in rows if r["GLOBALEVENTID"] == str(stable_id(ids["040"])))
    assert meet["Confidence"] == "81"  # embedding score 0.81
    sanction = next(r for r in rows if r["GLOBALEVENTID"] == str(stable_id(ids["163"])))
    assert (sanction["MentionType"], sanction["MentionIdentifier"]) == ("2", "dyads:a3")
    assert sanction["SentenceID"] == "1"  # no actor in the span: counted from the text


@pytest.mark.parametrize(
    ("index", "prefix", "expected"),
    [(2, None, 3), (None, "", 1), (None, 'One. "Two!" Three? Four', 4), (None, None, None)],
)
def test_gdelt_sentence_number(index: int | None, prefix: str | None, expected: int | None) -> None:
    assert sentence_number(index, prefix) == expected


@pytest.mark.parametrize("what", ["quotes", "positions", "actors"])
def test_gdelt_rejects_what_without_a_table(store: Store, tmp_path: Path, what: str) -> None:
    with pytest.raises(UsageError, match="events or mentions"):
        gdelt.write(store.con, what, tmp_path / "out.tsv")
    assert not (tmp_path / "out.tsv").exists()


@pytest.mark.parametrize("bad", ["tab\there", "line\nbreak"])
def test_gdelt_cells_never_break_the_layout(store: Store, bad: str) -> None:
    store.con.execute("UPDATE articles SET url = ? WHERE id = 'a1'", [f"https://x.org/{bad}"])
    assert all(len(row) == 61 for row in _lines(store, "events"))


def test_gdelt_round_trip_through_a_typed_loader(store: Store, tmp_path: Path) -> None:
    spec = [(name, "STRING" if name.endswith("Code") else "FLOAT") for name in gdelt.EVENT_COLUMNS]
    for name in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass",
                 "NumMentions", "NumSources", "NumArticles", "DATEADDED"):  # fmt: skip
        spec[gdelt.EVENT_COLUMNS.index(name)] = (name, "INTEGER")
    for name in gdelt.EVENT_COLUMNS:
        if name.endswith(("Name", "FullName", "FeatureID", "SOURCEURL")):
            spec[gdelt.EVENT_COLUMNS.index(name)] = (name, "STRING")
    out = tmp_path / "events.export.tsv"
    count = export(store.con, what="events", format="gdelt", out=out)
    loaded = _load(out, spec)
    assert len(loaded) == count
    stored = store.con.execute(
        "SELECT id, cameo, goldstein FROM events WHERE NOT negated AND id = cluster_id"
    ).fetchall()
    by_gid = {row[0]: row for row in loaded}
    for eid, cameo, goldstein in stored:
        row = by_gid[stable_id(eid)]
        assert (row[26], row[30]) == (cameo, goldstein)


# -- against the real GDELT rows and codebook ------------------------------------------


@pytest.mark.shared
@pytest.mark.parametrize(
    ("what", "schema", "sample"),
    [
        ("events", "gdelt2_events_columns.csv", "gdelt2_events_sample.export.tsv"),
        ("mentions", "gdelt2_mentions_columns.csv", "gdelt2_mentions_sample.tsv"),
    ],
)
def test_gdelt_loads_like_the_real_rows(
    store: Store, tmp_path: Path, what: str, schema: str, sample: str
) -> None:
    spec = _spec(schema)
    ours = gdelt.EVENT_COLUMNS if what == "events" else gdelt.MENTION_COLUMNS
    assert tuple(name for name, _ in spec) == ours
    real = _load(shared_file(GDELT / sample), spec)  # the codebook types fit the real rows
    assert len(real) == 100
    out = tmp_path / f"{what}.tsv"
    export(store.con, what=what, format="gdelt", out=out)
    loaded = _load(out, spec)  # ... and ours, with the same loader
    assert loaded and all(len(row) == len(spec) == len(real[0]) for row in loaded)
    # Columns never empty in the real rows are never empty in ours either.
    always = [i for i in range(len(spec)) if all(row[i] is not None for row in real)]
    always = [i for i in always if spec[i][0] not in ("AvgTone", "MentionDocTone")]  # unscored
    for row in loaded:
        assert [spec[i][0] for i in always if row[i] is None] == []


@pytest.mark.shared
def test_gdelt_fraction_date_matches_real_rows() -> None:
    with shared_file(GDELT / "gdelt2_events_sample.export.tsv").open(encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle]
    for row in rows:
        day = date(int(row[1][:4]), int(row[1][4:6]), int(row[1][6:]))
        assert gdelt._dates(day) == [row[1], row[2], int(row[3]), row[4]]


@pytest.mark.shared
def test_gdelt_country_codes_are_fips_as_in_real_rows() -> None:
    """Country-level ActionGeo rows: our ISO3 -> FIPS agrees with GDELT's code."""
    with shared_file(GDELT / "gdelt2_events_sample.export.tsv").open(encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle]
    from dyads.export._common import _countries

    by_name = {c.name: c for c in _countries().values()}
    checked = 0
    for row in rows:
        for start in (35, 43, 51):  # Actor1Geo, Actor2Geo, ActionGeo
            geo_type, full_name, code = row[start : start + 3]
            if geo_type == "1" and full_name in by_name:
                assert by_name[full_name].fips == code, full_name
                assert country(by_name[full_name].iso3).fips == code
                checked += 1
    assert checked >= 3


def test_gdelt_through_the_cli(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dyads.cli import app

    from .spec_fixtures import build_store

    build_store(tmp_path / "db.duckdb").close()
    runner = CliRunner()
    base = ["export", "--db", str(tmp_path / "db.duckdb"), "--format", "gdelt"]
    ok = runner.invoke(app, [*base, "--what", "mentions", "--out", str(tmp_path / "m.tsv")])
    assert ok.exit_code == 0, ok.output
    assert len((tmp_path / "m.tsv").read_text(encoding="utf-8").splitlines()) == 5
    bad = runner.invoke(app, [*base, "--what", "quotes", "--out", str(tmp_path / "q.tsv")])
    assert bad.exit_code == 2
    assert "events or mentions" in bad.output
