-- Assessments (issue 7): the 梯度培育 evaluation (创新型 / 专精特新 / 小巨人) with its inputs,
-- regional batch screenings, the SME digital-transformation level questionnaires, and the
-- 小快轻准 solution catalogue. Rule sets are code-as-data (modules/assessment/rules), not rows.
-- Money is integer fen; business dates are date (Asia/Shanghai); times timestamptz (UTC).

-- Yearly indicators an enterprise declares for the evaluation (restricted, like
-- enterprise_financials). Null columns fall back to the registry's yearly figures.
CREATE TABLE gradient_yearly (
  enterprise_id     bigint NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  year              int NOT NULL,
  region_code       text NOT NULL,               -- the enterprise's region (distribution column)
  revenue_fen       bigint CHECK (revenue_fen >= 0),        -- 营业收入 (overrides the registry)
  main_revenue_fen  bigint CHECK (main_revenue_fen >= 0),   -- 主营业务收入
  net_profit_fen    bigint,                                 -- 净利润 (may be negative)
  assets_fen        bigint CHECK (assets_fen >= 0),         -- 资产总额 (overrides the registry)
  liabilities_fen   bigint CHECK (liabilities_fen >= 0),    -- 负债总额
  rd_spend_fen      bigint CHECK (rd_spend_fen >= 0),       -- 研发费用 (overrides the registry)
  employees         int CHECK (employees >= 0),             -- 职工总数 (overrides the registry)
  rd_staff          int CHECK (rd_staff >= 0),              -- 研发人员
  updated_by        bigint REFERENCES users(id),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, year)
);

-- Non-yearly facts of the evaluation (IP, niche, awards, certifications …), validated by the
-- contract `GradientProfile`; one row per enterprise.
CREATE TABLE gradient_profiles (
  enterprise_id     bigint PRIMARY KEY REFERENCES enterprises(id) ON DELETE CASCADE,
  region_code       text NOT NULL,
  facts             jsonb NOT NULL DEFAULT '{}',
  updated_by        bigint REFERENCES users(id),
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- A batch screening of a region by a gov user: the summary, and the listed enterprises below.
CREATE TABLE gradient_screenings (
  id                bigserial PRIMARY KEY,
  region_code       text NOT NULL,               -- the screened region (scope key)
  as_of             date NOT NULL,
  rule_version      text NOT NULL,
  summary           jsonb NOT NULL,              -- counts per tier and kind, duration
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gradient_screenings_region_idx ON gradient_screenings (region_code text_pattern_ops, id);

-- Candidates (qualify, not yet recognised) and near-misses per tier of one screening.
CREATE TABLE gradient_screening_results (
  screening_id      bigint NOT NULL REFERENCES gradient_screenings(id) ON DELETE CASCADE,
  enterprise_id     bigint NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  tier              text NOT NULL CHECK (tier IN ('innovative','specialized','little_giant')),
  kind              text NOT NULL CHECK (kind IN ('candidate','near_miss')),
  region_code       text NOT NULL,
  score             real,
  route             text,
  failed_count      int NOT NULL DEFAULT 0,
  failed            text[] NOT NULL DEFAULT '{}', -- keys of the failed conditions
  leaders_supplied  int NOT NULL DEFAULT 0,       -- IC-3: chain leaders it supplies (priority)
  PRIMARY KEY (screening_id, tier, enterprise_id)
);
CREATE INDEX gradient_screening_results_order_idx ON gradient_screening_results (screening_id, tier, kind, leaders_supplied DESC, enterprise_id);

-- Digital-transformation level questionnaires (数字化水平评测): drafts are saved and resumed;
-- a submitted one is scored and kept as a point in the enterprise's history (T0, T1 …).
CREATE TABLE digital_assessments (
  id                bigserial PRIMARY KEY,
  enterprise_id     bigint NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  region_code       text NOT NULL,
  form              text NOT NULL,               -- questionnaire key, e.g. 'manufacturing-2024'
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted')),
  answers           jsonb NOT NULL DEFAULT '{}',
  score             real,
  level             int CHECK (level BETWEEN 0 AND 4),
  dimensions        jsonb,                       -- per-dimension results when submitted
  shared_with       bigint[] NOT NULL DEFAULT '{}', -- enterprise ids of buyers it is shared with
  submitted_at      timestamptz,
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX digital_assessments_enterprise_idx ON digital_assessments (enterprise_id, id);
CREATE INDEX digital_assessments_region_idx ON digital_assessments (region_code text_pattern_ops, id) WHERE status = 'submitted';
CREATE INDEX digital_assessments_shared_idx ON digital_assessments USING gin (shared_with);

-- The 小快轻准 solution catalogue: digital solutions and industrial apps published by service
-- providers and large enterprises.
CREATE TABLE solutions (
  id                bigserial PRIMARY KEY,
  enterprise_id     bigint NOT NULL REFERENCES enterprises(id),  -- the provider
  region_code       text NOT NULL,
  title             text NOT NULL,
  description       text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('solution','industrial_app')),
  industry_codes    text[] NOT NULL DEFAULT '{}',  -- GB/T 4754 prefixes of the sectors served
  scenarios         text[] NOT NULL DEFAULT '{}',  -- e.g. 设备管理, 生产管控
  dimensions        text[] NOT NULL DEFAULT '{}',  -- digital-assessment dimensions it improves
  price_band        text NOT NULL CHECK (price_band IN ('free','under_10k','10k_50k','50k_200k','over_200k')),
  deployment_days   int NOT NULL CHECK (deployment_days > 0),
  is_published      boolean NOT NULL DEFAULT true,
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX solutions_enterprise_idx ON solutions (enterprise_id, id);
CREATE INDEX solutions_published_idx ON solutions (id) WHERE is_published;
