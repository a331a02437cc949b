-- Cross-border matchmaking (跨境对接, issue 8 item 8): bilingual needs and offers flagged for
-- abroad with their target countries (ISO 3166-1 alpha-2).

ALTER TABLE needs
  ADD COLUMN title_en          text,
  ADD COLUMN description_en    text,
  ADD COLUMN is_cross_border   boolean NOT NULL DEFAULT false,
  ADD COLUMN target_countries  text[] NOT NULL DEFAULT '{}';
ALTER TABLE offers
  ADD COLUMN title_en          text,
  ADD COLUMN description_en    text,
  ADD COLUMN is_cross_border   boolean NOT NULL DEFAULT false,
  ADD COLUMN target_countries  text[] NOT NULL DEFAULT '{}';
CREATE INDEX needs_cross_border_idx ON needs (id) WHERE is_cross_border;
CREATE INDEX offers_cross_border_idx ON offers (id) WHERE is_cross_border;
