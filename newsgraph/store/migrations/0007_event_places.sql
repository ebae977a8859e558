-- Where an event happened, at every level: the province (GeoNames admin1) by name and code, the
-- place's precision (town, city, admin1, region, country), and whether the place is the article's
-- own (dateline or main place) rather than one the event's sentence names.
ALTER TABLE events ADD COLUMN admin1 TEXT;
ALTER TABLE events ADD COLUMN admin1_code TEXT;
ALTER TABLE events ADD COLUMN place_precision TEXT;
ALTER TABLE events ADD COLUMN place_inferred INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_admin1 ON events (country, admin1);
