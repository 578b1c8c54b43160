-- dyads storage schema (DESIGN.md §6). Executed once, when a new database is created;
-- the version it creates is recorded in `meta` (key 'schema_version').
--
-- Every record of DESIGN.md §5 is stored with its queryable fields as columns and its
-- nested parts (actor lists, location, evidence) as JSON, so that `store/queries.py` can
-- rebuild exactly the `to_dict()` shape. Dates are stored twice where the record carries
-- one: `date` (DATE, NULL when the string is not a calendar date) for filters and ordering,
-- and `date_raw` (the string as coded) for rebuilding the record verbatim.
--
-- Column lists here must match `_COLUMNS` in store/duckdb.py (a test checks it).

CREATE TABLE meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- One row per `dyads code` invocation (or per Dask driver run).
CREATE TABLE runs (
    id VARCHAR PRIMARY KEY,
    pipeline_version VARCHAR NOT NULL,
    config JSON,                      -- the resolved config, as given to start_run
    inputs VARCHAR[],
    started_at TIMESTAMP NOT NULL,    -- UTC
    finished_at TIMESTAMP,            -- UTC; NULL while running or when killed
    stats JSON
);

-- One row per coded article; id is the content hash (records.Article.make_id).
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    date DATE,
    date_raw VARCHAR,
    source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    text VARCHAR,
    origin VARCHAR,
    record BIGINT,
    pipeline_version VARCHAR NOT NULL,
    run_id VARCHAR,
    coded_at TIMESTAMP NOT NULL,      -- UTC
    tone DOUBLE                       -- article tone in [-100, 100] (GDELT AvgTone scale); NULL if not scored
);
CREATE INDEX articles_date ON articles (date);

-- One row per event report (who did what to whom, as one article tells it); several
-- sources/targets stay in one row. Reports of the same happening in several articles form
-- a cluster (store/dedup.py); the unique events (GDELT's events) are `WHERE id = cluster_id`.
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    date DATE,
    date_raw VARCHAR,
    date_text VARCHAR,
    cameo VARCHAR NOT NULL,
    root VARCHAR,                     -- first two digits of cameo
    plover VARCHAR,
    mode VARCHAR,
    goldstein DOUBLE,
    quad_class TINYINT,
    negated BOOLEAN NOT NULL,
    modality VARCHAR,
    source_codes VARCHAR[],
    target_codes VARCHAR[],
    source_countries VARCHAR[],
    target_countries VARCHAR[],
    source JSON NOT NULL,             -- full actor list (to_dict() + evidence)
    target JSON NOT NULL,
    location JSON,
    sentence VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    evidence JSON,
    cluster_id VARCHAR NOT NULL,      -- the canonical event this report belongs to (GDELT's
                                      -- one event, many mentions); = id for the canonical row
    dedup_key BIGINT,                 -- store/dedup.py: reports with equal keys and close
                                      -- dates are one event; NULL = never merged
    source_keys VARCHAR[],            -- queries.actor_keys: upper-cased countries, codes
    target_keys VARCHAR[],            -- and 3-letter code prefixes, for actor matching
    -- the report's cluster, counted (GDELT's NumMentions, NumArticles, NumSources; kept
    -- up to date by the store with the clusters, dedup.recount): its reports, their
    -- distinct articles, and their distinct article sources (no source: its own)
    num_mentions INTEGER NOT NULL DEFAULT 1,
    num_articles INTEGER NOT NULL DEFAULT 1,
    num_sources INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX events_doc_id ON events (doc_id);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_cluster_id ON events (cluster_id);

-- Derived from events (store/pairs.py): every unique event under each unordered pair of
-- its actor keys {lo, hi} (one a source key, the other a target key), sorted by (lo, hi,
-- date, id), so that a dyad's rows are a few row groups. Rebuilt whole by `dyads code` at
-- the end of a run; queries use it only while meta 'dyad_index_writes' equals 'writes'.
CREATE TABLE dyad_events (
    lo VARCHAR,
    hi VARCHAR,
    date DATE,
    id VARCHAR,
    goldstein DOUBLE,
    quad_class TINYINT,
    num_mentions INTEGER,
    lo_to_hi BOOLEAN,                 -- lo among the sources and hi among the targets
    hi_to_lo BOOLEAN                  -- the reverse
);

-- GDELT-style mentions: where an event was reported. One row per report (events row):
-- `event_id` is the report's cluster_id (the unique event), kept up to date by the store;
-- `report_id` the report's own events.id (NULL only in rows not written by the store,
-- whose event_id the store then leaves alone); `doc_id`, `sentence` and span the report's
-- article and evidence. `date` is the mention's (article's) publication date,
-- `event_date` the date this report resolved for the event.
CREATE TABLE mentions (
    event_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    date DATE,
    event_date DATE,
    sentence VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    report_id VARCHAR
);
CREATE INDEX mentions_event_id ON mentions (event_id);
CREATE INDEX mentions_doc_id ON mentions (doc_id);

-- Who said what. `date` is the article's date (a quote record has none of its own).
CREATE TABLE quotes (
    id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    date DATE,
    kind VARCHAR NOT NULL,
    text VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    speaker JSON,                     -- actor (to_dict() + evidence) or NULL
    speaker_code VARCHAR,
    speaker_country VARCHAR,
    speaker_name VARCHAR,
    speaker_text VARCHAR,
    cue VARCHAR,
    sentence_ids INTEGER[],
    evidence JSON
);
CREATE INDEX quotes_doc_id ON quotes (doc_id);
CREATE INDEX quotes_date ON quotes (date);

-- Who wants what: an actor's stance on an issue.
CREATE TABLE positions (
    id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    date DATE,
    date_raw VARCHAR,
    actor JSON NOT NULL,              -- actor (to_dict() + evidence)
    actor_code VARCHAR,
    actor_country VARCHAR,
    actor_name VARCHAR,
    issue_id VARCHAR NOT NULL,
    issue_label VARCHAR,
    stance DOUBLE NOT NULL,
    claim_text VARCHAR,
    evidence JSON,
    actor_keys VARCHAR[]              -- queries.actor_keys of the actor, for matching
);
CREATE INDEX positions_doc_id ON positions (doc_id);
CREATE INDEX positions_date ON positions (date);

-- One row per actor mention (records.ActorMention).
CREATE TABLE actors (
    doc_id VARCHAR NOT NULL,
    text VARCHAR,
    name VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    code VARCHAR,
    kb_id VARCHAR,
    evidence VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    sentence_id INTEGER
);
CREATE INDEX actors_doc_id ON actors (doc_id);
CREATE INDEX actors_code ON actors (code);

-- Input that could not be coded. id = content hash of (origin, record, reason, doc_id)
-- (store.reject_id), so a re-run replaces a reject instead of adding a second copy.
CREATE TABLE rejects (
    id VARCHAR PRIMARY KEY,
    origin VARCHAR,
    record BIGINT,
    reason VARCHAR NOT NULL,
    doc_id VARCHAR,
    run_id VARCHAR,
    pipeline_version VARCHAR,
    created_at TIMESTAMP NOT NULL     -- UTC
);
CREATE INDEX rejects_doc_id ON rejects (doc_id);
