"""A synthetic dyads database of any size, for the API benchmarks (not for tests).

The rows are made in SQL with ``generate_series`` into the real schema (the database is
created by :class:`dyads.store.Store`, so ``schema.sql`` and its indexes apply), which
loads a million events in well under a minute. Values are deterministic (hashes of the
row number, no random seed), skewed like news: a few countries (USA, RUS, CHN, UKR...)
take most of the events, so ``USA``-``RUS`` is one of the busiest dyads, as in real data.

Proportions per 1,000,000 events follow the bundled demo corpus, rounded: 125,000
articles (8 events each), one mention per event, 250,000 quotes, 200,000 positions on
12 issues, 500,000 actor mentions. Dates span 2015-01-01 to 2024-12-31.

Example:
    python benchmarks/synthetic.py --db /tmp/dyads-bench-1m.duckdb --events 1000000
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dyads.store import Store

COUNTRIES = (
    "USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "IRN", "ISR", "IND",
    "PAK", "TUR", "SYR", "PRK", "KOR", "JPN", "SAU", "EGY", "BRA", "ZAF",
    "NGA", "MEX", "CAN", "AUS", "POL", "ITA", "ESP", "AFG", "IRQ", "VEN",
)  # fmt: skip
"""Most frequent first: a row picks index floor(30 * u^2) for a uniform u."""

SECTORS = ("GOV", "MIL", "BUS", "MED", "COP", "OPP", "CVL", "")
CAMEO = (
    ("010", "01", "CONSULT", 0.0, 1), ("036", "03", "CONSULT", 4.0, 1),
    ("042", "04", "CONSULT", 1.9, 1), ("051", "05", "AGREE", 3.5, 1),
    ("061", "06", "COOPERATE", 6.4, 2), ("071", "07", "AID", 7.4, 2),
    ("112", "11", "ACCUSE", -2.0, 3), ("125", "12", "REJECT", -5.0, 3),
    ("130", "13", "THREATEN", -4.4, 3), ("141", "14", "PROTEST", -6.5, 4),
    ("173", "17", "SANCTION", -5.0, 4), ("190", "19", "ASSAULT", -10.0, 4),
)  # fmt: skip
"""(cameo, root, plover, goldstein, quad class) of the synthetic events."""

ISSUES = (
    "arms_control", "sanctions", "ukraine_war", "trade", "climate", "nuclear_iran",
    "nato_enlargement", "human_rights", "energy", "migration", "taiwan", "cyber",
)  # fmt: skip

START = "2015-01-01"
DAYS = 3653


def _pick(items: tuple[str, ...], seed: str, *, skew: bool = False) -> str:
    """SQL picking one of ``items`` from the hash of ``seed`` (skewed towards the first)."""
    literal = "[" + ", ".join(f"'{item}'" for item in items) + "]"
    u = f"((hash({seed}) % 1000000) / 1000000.0)"
    index = (
        f"CAST(floor({len(items)} * {u} * {u}) AS BIGINT)"
        if skew
        else (f"CAST(hash({seed}) % {len(items)} AS BIGINT)")
    )
    return f"{literal}[1 + {index}]"


def _actor_json(c: str, s: str) -> str:
    """SQL building a stored actor (JSON) from country and sector SQL expressions."""
    return (
        f"json_object('text', {c}, 'name', NULL, 'country', {c}, 'sector', nullif({s}, ''), "
        f"'code', {c} || {s}, 'kb_id', NULL, 'evidence', 'synthetic')"
    )


def build(path: Path, events: int) -> dict[str, int]:
    """Create ``path`` with ``events`` synthetic events (and the other tables in proportion).

    Returns:
        dict: row counts per table.
    """
    articles = max(events // 8, 1)
    with Store(path) as store:
        con = store.con
        con.execute(
            "CREATE TEMP TABLE cameo(k BIGINT, cameo VARCHAR, root VARCHAR, plover VARCHAR, "
            "goldstein DOUBLE, quad TINYINT)"
        )
        con.executemany(
            "INSERT INTO cameo VALUES (?, ?, ?, ?, ?, ?)",
            [(i, *row) for i, row in enumerate(CAMEO)],
        )
        con.execute(
            "INSERT INTO runs (id, pipeline_version, started_at, finished_at) "
            "VALUES ('bench', 'synthetic', now(), now())"
        )
        con.execute(f"""
            INSERT INTO articles (id, date, date_raw, source, url, title, text, origin, record,
                                  pipeline_version, run_id, coded_at)
            SELECT 'a' || i, d, CAST(d AS VARCHAR), 'Synthetic Wire',
                   'https://example.org/' || i, 'Article ' || i,
                   'Synthetic article ' || i || '.', 'synthetic', i, 'synthetic', 'bench', now()
            FROM (SELECT i, DATE '{START}' + CAST(hash(i, 'd') % {DAYS} AS INTEGER) AS d
                  FROM generate_series(0, {articles - 1}) t(i))
        """)
        src_c = _pick(COUNTRIES, "i, 'sc'", skew=True)
        tgt_c = _pick(COUNTRIES, "i, 'tc'", skew=True)
        src_s = _pick(SECTORS, "i, 'ss'")
        tgt_s = _pick(SECTORS, "i, 'ts'")
        con.execute(f"""
            CREATE TEMP TABLE ev AS
            SELECT i, 'a' || (i % {articles}) AS doc_id,
                   DATE '{START}' + CAST(hash(i % {articles}, 'd') % {DAYS} AS INTEGER) AS d,
                   {src_c} AS sc, {tgt_c} AS tc, {src_s} AS ss, {tgt_s} AS ts,
                   CAST(hash(i, 'k') % {len(CAMEO)} AS BIGINT) AS k
            FROM generate_series(0, {events - 1}) t(i)
        """)
        con.execute(f"""
            INSERT INTO events (id, doc_id, date, date_raw, date_text, cameo, root, plover, mode,
                                goldstein, quad_class, negated, modality, source_codes,
                                target_codes, source_countries, target_countries, source,
                                target, location, sentence, span_start, span_end, evidence,
                                cluster_id)
            SELECT 'e' || i, doc_id, d, CAST(d AS VARCHAR), NULL, c.cameo, c.root, c.plover,
                   NULL, c.goldstein, c.quad, false, 'asserted',
                   [sc || ss], [tc || ts], [sc], [tc],
                   json_array({_actor_json("sc", "ss")}), json_array({_actor_json("tc", "ts")}),
                   NULL, sc || ' ' || c.plover || ' ' || tc || ' in synthetic sentence ' || i,
                   0, 40, json_object('rule', 'synthetic', 'trigger', lower(c.plover)), 'e' || i
            FROM ev JOIN cameo c USING (k)
        """)
        con.execute("""
            INSERT INTO mentions (event_id, doc_id, date, event_date, sentence, span_start,
                                  span_end, report_id)
            SELECT 'e' || i, doc_id, d, d, 'synthetic sentence ' || i, 0, 40, 'e' || i FROM ev
        """)
        n_quotes, n_positions, n_actors = events // 4, events // 5, events // 2
        speaker_c = _pick(COUNTRIES, "i, 'qc'", skew=True)
        con.execute(f"""
            INSERT INTO quotes (id, doc_id, date, kind, text, span_start, span_end, speaker,
                                speaker_code, speaker_country, speaker_name, speaker_text, cue,
                                sentence_ids, evidence)
            SELECT 'q' || i, 'a' || (i % {articles}),
                   DATE '{START}' + CAST(hash(i % {articles}, 'd') % {DAYS} AS INTEGER),
                   'direct', 'Synthetic quote ' || i, 0, 20,
                   {_actor_json("c", "'GOV'")}, c || 'GOV', c, NULL, c, 'said', [0], NULL
            FROM (SELECT i, {speaker_c} AS c FROM generate_series(0, {n_quotes - 1}) t(i))
        """)
        pos_c = _pick(COUNTRIES, "i, 'pc'", skew=True)
        issue = _pick(ISSUES, "i, 'pi'")
        con.execute(f"""
            INSERT INTO positions (id, doc_id, date, date_raw, actor, actor_code, actor_country,
                                   actor_name, issue_id, issue_label, stance, claim_text,
                                   evidence)
            SELECT 'p' || i, 'a' || (i % {articles}), d, CAST(d AS VARCHAR),
                   {_actor_json("c", "'GOV'")}, c || 'GOV', c, NULL, iss, iss,
                   round((hash(i, 'st') % 2001) / 1000.0 - 1.0, 3),
                   'Synthetic claim ' || i, json_object('event_id', 'e' || i)
            FROM (SELECT i, {pos_c} AS c, {issue} AS iss,
                         DATE '{START}' + CAST(hash(i % {articles}, 'd') % {DAYS} AS INTEGER) AS d
                  FROM generate_series(0, {n_positions - 1}) t(i))
        """)
        actor_c = _pick(COUNTRIES, "i, 'ac'", skew=True)
        con.execute(f"""
            INSERT INTO actors (doc_id, text, name, country, sector, code, kb_id, evidence,
                                span_start, span_end, sentence_id)
            SELECT 'a' || (i % {articles}), c, NULL, c, 'GOV', c || 'GOV', NULL, 'synthetic',
                   0, 3, 0
            FROM (SELECT i, {actor_c} AS c FROM generate_series(0, {n_actors - 1}) t(i))
        """)
        # the match keys that Store.write_rows computes with queries.actor_keys (upper-cased
        # countries and codes, and the 3-letter prefix of longer codes), here in SQL
        keys = (
            "list_sort(list_distinct([upper({c}), upper({code}), "
            "CASE WHEN length({code}) > 3 THEN upper(left({code}, 3)) END]))"
        )
        con.execute(
            "UPDATE events SET "
            f"source_keys = {keys.format(c='source_countries[1]', code='source_codes[1]')}, "
            f"target_keys = {keys.format(c='target_countries[1]', code='target_codes[1]')}"
        )
        con.execute(
            f"UPDATE positions SET actor_keys = {keys.format(c='actor_country', code='actor_code')}"
        )
        store.index_dyads(force=True)  # as `dyads code` leaves it (store/pairs.py)
        con.execute("CHECKPOINT")
        return store.counts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/dyads-bench-1m.duckdb"))
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    if args.db.exists():
        raise SystemExit(f"{args.db} exists; remove it first or pass another --db")
    started = time.perf_counter()
    counts = build(args.db, args.events)
    print(f"built {args.db} in {time.perf_counter() - started:.1f} s: {counts}")


if __name__ == "__main__":
    main()
