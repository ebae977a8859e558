-- What full-text search looks in: one row per searchable text. An article is its title and text;
-- a quote is what was said (its content envelope), titled by its speaker; an entity has a row for its
-- name and one for each alias, all titled by its name. Spans are article offsets (quotes only).
-- origin is the article whose save added the row: SQLite copies each save's new rows into its
-- full-text index by it (0011_search.sqlite.sql). The index itself is dialect-specific.
CREATE TABLE search_docs (
    kind TEXT NOT NULL,
    ref_id TEXT NOT NULL,
    part TEXT NOT NULL,
    article_id TEXT,
    span_start INTEGER,
    span_end INTEGER,
    title TEXT,
    body TEXT NOT NULL,
    origin TEXT NOT NULL,
    PRIMARY KEY (kind, ref_id, part)
);
CREATE INDEX search_docs_origin ON search_docs (origin);

INSERT INTO search_docs (kind, ref_id, part, article_id, span_start, span_end, title, body, origin)
SELECT 'article', a.id, '', a.id, NULL, NULL, a.title, a.text, a.id FROM articles a;

INSERT INTO search_docs (kind, ref_id, part, article_id, span_start, span_end, title, body, origin)
SELECT 'quote', q.id, '', q.article_id, q.content_start, q.content_end,
       COALESCE(e.name, substr(a.text, q.source_start + 1, q.source_end - q.source_start)),
       substr(a.text, q.content_start + 1, q.content_end - q.content_start), q.article_id
FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker
WHERE q.content_start IS NOT NULL;

INSERT INTO search_docs (kind, ref_id, part, article_id, span_start, span_end, title, body, origin)
SELECT 'entity', e.id, e.name_key, NULL, NULL, NULL, e.name, e.name, '' FROM entities e;

INSERT INTO search_docs (kind, ref_id, part, article_id, span_start, span_end, title, body, origin)
SELECT 'entity', x.entity_id, x.alias_key, NULL, NULL, NULL, e.name, x.alias, ''
FROM entity_aliases x JOIN entities e ON e.id = x.entity_id
WHERE x.alias_key <> e.name_key
ON CONFLICT DO NOTHING;
