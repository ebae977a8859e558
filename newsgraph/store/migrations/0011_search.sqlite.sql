-- SQLite: an FTS5 index over search_docs (external content: the text lives once, in search_docs).
-- No triggers (see README): each save adds its new rows to the index itself (store/search.py);
-- 'rebuild' indexes the rows the portable part filled from a store saved before this migration.
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, content='search_docs', tokenize='unicode61 remove_diacritics 0'
);
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
