-- Near-duplicate articles (newsgraph.resolve.duplicates): each article's MinHash signature, its
-- LSH buckets (so a new article finds its copies without reading every stored one), and which
-- stored article it copies. Only articles with enough text to judge have a signature.
CREATE TABLE article_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    shingles INTEGER NOT NULL,
    signature TEXT NOT NULL
);

CREATE TABLE lsh_buckets (
    band INTEGER NOT NULL,
    bucket TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, article_id)
);
CREATE INDEX lsh_buckets_article ON lsh_buckets (article_id);

-- An article that near-duplicates one stored before it: the earliest such article and the
-- estimated Jaccard similarity of their texts.
CREATE TABLE article_copies (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    copy_of TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    similarity REAL NOT NULL
);
CREATE INDEX article_copies_copy_of ON article_copies (copy_of);
