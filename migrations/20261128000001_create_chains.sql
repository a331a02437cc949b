-- Industry-chain maps (产业链图谱): chains instantiated for a region, their segments (环节) with
-- a stage and upstream links (a DAG), the products of each segment, and the enterprises placed
-- in segments with a role. Templates are reference data in data/chains/*.json, not rows.

CREATE TABLE chains (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL,
  region_code   text NOT NULL,              -- GB/T 2260; the region whose map this is
  template_key  text,                       -- data/chains/<key>.json it was made from, if any
  description   text NOT NULL DEFAULT '',
  created_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chains_region_idx ON chains (region_code text_pattern_ops, id);

CREATE TABLE chain_segments (
  chain_id      bigint NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  key           text NOT NULL,              -- stable within the chain (e.g. 'cathode')
  name          text NOT NULL,
  stage         text NOT NULL CHECK (stage IN ('upstream','midstream','downstream')),
  upstream      text[] NOT NULL DEFAULT '{}', -- keys of the segments that supply this one
  products      text[] NOT NULL DEFAULT '{}',
  industry_codes text[] NOT NULL DEFAULT '{}', -- GB/T 4754 codes typical of the segment
  position      int NOT NULL DEFAULT 0,      -- display order within the stage
  PRIMARY KEY (chain_id, key)
);

CREATE TABLE chain_members (
  chain_id      bigint NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  segment_key   text NOT NULL,
  enterprise_id bigint NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  role          text NOT NULL CHECK (role IN ('leader','supplier','specialized','little_giant','research')),
  source        text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','suggestion','import','demo')),
  confidence    real,                        -- of the suggestion it came from
  created_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (chain_id, segment_key, enterprise_id),
  FOREIGN KEY (chain_id, segment_key) REFERENCES chain_segments(chain_id, key) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX chain_members_enterprise_idx ON chain_members (enterprise_id);

-- Suggestions a user rejected: never suggested again for that segment.
CREATE TABLE chain_suggestion_rejections (
  chain_id      bigint NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  segment_key   text NOT NULL,
  enterprise_id bigint NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  rejected_by   bigint REFERENCES users(id),
  rejected_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (chain_id, segment_key, enterprise_id)
);
