-- Supply–demand matching (供需对接): needs (需求) with their review workflow and offers (供给)
-- that enterprises list. The matching index is built in memory from these rows and the
-- registry's profiles (DESIGN.md); nothing of it is stored.

CREATE TABLE needs (
  id                bigserial PRIMARY KEY,
  enterprise_id     bigint NOT NULL REFERENCES enterprises(id),
  region_code       text NOT NULL,              -- the owner enterprise's region (scope of gov review)
  target_region_code text,                      -- region preference; the region of `region` visibility
  title             text NOT NULL,
  description       text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('procurement','supporting','technology','capacity','service','talent')),
  products          text[] NOT NULL DEFAULT '{}',
  industry_code     text,                        -- GB/T 4754-2017
  quantity          text NOT NULL DEFAULT '',    -- free text with unit, e.g. '5万套/年'
  budget_min_fen    bigint CHECK (budget_min_fen >= 0),
  budget_max_fen    bigint CHECK (budget_max_fen >= 0),
  required_certifications text[] NOT NULL DEFAULT '{}',
  required_level    text CHECK (required_level IN ('innovative','specialized','little_giant')),
  deadline          date,                        -- business date (Asia/Shanghai)
  visibility        text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public','region','invited')),
  invited_usccs     text[] NOT NULL DEFAULT '{}',
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','published','closed','fulfilled')),
  review_comment    text,                        -- last 退回 comment; kept after resubmission
  reviewed_by       bigint REFERENCES users(id),
  reviewed_at       timestamptz,
  published_at      timestamptz,
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX needs_region_idx ON needs (region_code text_pattern_ops, id);
CREATE INDEX needs_enterprise_idx ON needs (enterprise_id, id);
CREATE INDEX needs_status_idx ON needs (status, id);

CREATE TABLE offers (
  id                bigserial PRIMARY KEY,
  enterprise_id     bigint NOT NULL REFERENCES enterprises(id),
  region_code       text NOT NULL,              -- the owner enterprise's region
  title             text NOT NULL,
  description       text NOT NULL,
  products          text[] NOT NULL DEFAULT '{}',
  capacity          text NOT NULL DEFAULT '',    -- free text with unit, e.g. '年产200万件'
  lead_time_days    int CHECK (lead_time_days >= 0),
  certifications    text[] NOT NULL DEFAULT '{}',
  regions_served    text[] NOT NULL DEFAULT '{}', -- GB/T 2260 codes; empty = nationwide
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offers_enterprise_idx ON offers (enterprise_id, id);
CREATE INDEX offers_region_idx ON offers (region_code text_pattern_ops, id);
