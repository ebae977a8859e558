-- Resolution across articles: a full name's phonetic match key (see newsgraph.resolve.across),
-- so that "Hasan Kadiri" in one article finds "Hassan Qadiri" stored from another.
ALTER TABLE entities ADD COLUMN match_key TEXT;
CREATE INDEX entities_match_key ON entities (match_key);
