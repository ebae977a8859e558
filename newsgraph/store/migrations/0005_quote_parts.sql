-- The pieces of what a quote says: a quotation split by its cue ("We will not leave," he said,
-- "until the job is done.") has one content envelope in quotes and two rows here, in text order
-- (part 0, 1, ...). Quotes stored before this migration get one part, their whole content.
CREATE TABLE quote_parts (
    quote_id TEXT NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    part INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (quote_id, part)
);
CREATE INDEX quote_parts_article ON quote_parts (article_id);

INSERT INTO quote_parts (quote_id, article_id, part, span_start, span_end)
SELECT id, article_id, 0, content_start, content_end FROM quotes WHERE content_start IS NOT NULL;
