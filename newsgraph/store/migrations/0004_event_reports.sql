-- Reports are not events: every article that reports an event adds a row here, and an event
-- reported by several articles (same code family, actors, place and a close date) is one row of
-- events with several reports.
CREATE TABLE event_reports (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    certainty TEXT NOT NULL,
    reported_by TEXT,
    PRIMARY KEY (event_id, article_id, span_start)
);
CREATE INDEX event_reports_article ON event_reports (article_id);

INSERT INTO event_reports (event_id, article_id, span_start, span_end, certainty, reported_by)
SELECT id, article_id, span_start, span_end, certainty, reported_by FROM events;
