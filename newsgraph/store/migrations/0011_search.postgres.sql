-- PostgreSQL: a GIN index over the documents' tsvector. The 'simple' configuration lowercases and
-- does not stem, as SQLite's unicode61 tokenizer, so both backends find the same words. Queries
-- must spell the indexed expression exactly as here (store/search.py) for the index to serve them.
CREATE INDEX search_docs_fts ON search_docs
    USING GIN (to_tsvector('simple', COALESCE(title, '') || ' ' || body));
