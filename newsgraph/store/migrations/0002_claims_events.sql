-- Claims and events: quotes (source / cue / content spans), numbers claimed, sentence
-- certainty, and coded events with actors, date and place. Spans are offsets into
-- articles.text; their text is read back with substr, so it is never stored twice.

ALTER TABLE sentences ADD COLUMN certainty TEXT;

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    speaker TEXT,
    source_type TEXT NOT NULL,
    direct INTEGER NOT NULL,
    certainty TEXT NOT NULL,
    source_start INTEGER,
    source_end INTEGER,
    cue_start INTEGER,
    cue_end INTEGER,
    content_start INTEGER,
    content_end INTEGER,
    speaker_role TEXT,
    parent TEXT
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_speaker ON quotes (speaker);

CREATE TABLE quantities (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    value REAL NOT NULL,
    value_max REAL,
    qualifier TEXT,
    unit TEXT,
    about TEXT,
    source TEXT,
    quote_id TEXT,
    certainty TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL
);
CREATE INDEX quantities_article ON quantities (article_id);
CREATE INDEX quantities_about ON quantities (about);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    root TEXT NOT NULL,
    plover TEXT,
    label TEXT,
    source TEXT,
    target TEXT,
    source_code TEXT,
    target_code TEXT,
    place TEXT,
    place_name TEXT,
    latitude REAL,
    longitude REAL,
    country TEXT,
    event_date TEXT,
    date_precision TEXT,
    certainty TEXT NOT NULL,
    reported_by TEXT,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_source ON events (source);
CREATE INDEX events_target ON events (target);
CREATE INDEX events_root ON events (root);
CREATE INDEX events_date ON events (event_date);
