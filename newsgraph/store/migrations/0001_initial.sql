-- The first schema: articles, their sentences, entities with aliases, mentions and
-- roles, and the generic statements table that later kinds of fact also land in.
-- Portable SQL (SQLite and PostgreSQL): TEXT and INTEGER columns only, no
-- dialect-specific defaults; the backend fills every value.
-- Offsets are span_start/span_end because END is a reserved word.
-- *_key columns hold Python's casefold() of the text, so case-insensitive lookups are
-- plain indexed comparisons that behave the same (and correctly beyond ASCII) in both.

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    title TEXT,
    language TEXT,
    source TEXT,
    published TEXT,
    url TEXT,
    author TEXT,
    origin TEXT,
    analysed INTEGER NOT NULL,
    reason TEXT,
    extractor TEXT NOT NULL,
    version TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_ingested_at ON articles (ingested_at);

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, span_start)
);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    type TEXT NOT NULL
);
CREATE INDEX entities_name_key ON entities (name_key);
CREATE INDEX entities_type ON entities (type);

CREATE TABLE entity_aliases (
    entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX entity_aliases_alias_key ON entity_aliases (alias_key);

-- Which entities an article names: counts articles per entity even where an entity
-- has roles but no mention of its own.
CREATE TABLE article_entities (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX article_entities_entity ON article_entities (entity_id);

CREATE TABLE mentions (
    entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (entity_id, article_id, span_start, span_end)
);
CREATE INDEX mentions_article ON mentions (article_id);

CREATE TABLE roles (
    entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (entity_id, article_id, role, span_start, span_end)
);
CREATE INDEX roles_article ON roles (article_id);

CREATE TABLE statements (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    prop TEXT NOT NULL,
    value TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    span_start INTEGER,
    span_end INTEGER,
    extractor TEXT NOT NULL,
    version TEXT NOT NULL
);
CREATE INDEX statements_subject_prop ON statements (subject, prop);
CREATE INDEX statements_prop ON statements (prop);
CREATE INDEX statements_article ON statements (article_id);
