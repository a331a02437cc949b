-- Typical cases (典型案例, WR-3): a case library of large–SME cooperation models with the
-- enterprises involved, results and media files (stored in `files`, owner_kind 'service_case').
-- Workflow: draft → submitted → (returned with comments → submitted …) → published. Published
-- cases are public (no log-in); the rest are seen by their submitting organisation and gov users
-- whose scope holds the case's region.

CREATE TABLE service_cases (
  id              bigserial PRIMARY KEY,
  title           text NOT NULL,
  model           text NOT NULL CHECK (model IN ('supply_chain','innovation','data','capacity','capital','talent','service','other')),
  chain_id        bigint REFERENCES chains(id),
  region_code     text NOT NULL,                 -- GB/T 2260; the region whose gov reviews the case
  owner_org_id    bigint REFERENCES organisations(id), -- submitting organisation (null for gov-authored)
  summary         text NOT NULL,                 -- the cooperation model in prose
  results         text NOT NULL DEFAULT '',      -- results achieved (figures in prose)
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','returned','published')),
  review_comment  text NOT NULL DEFAULT '',      -- the reviewer's comments when returned
  submitted_at    timestamptz,
  published_at    timestamptz,
  reviewed_by     bigint REFERENCES users(id),
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_cases_region_idx ON service_cases (region_code text_pattern_ops, id);
CREATE INDEX service_cases_published_idx ON service_cases (id) WHERE status = 'published';
CREATE INDEX service_cases_owner_idx ON service_cases (owner_org_id, id);

-- Enterprises of a case with their part (leader / SME / other), named as registered.
CREATE TABLE service_case_enterprises (
  case_id     bigint NOT NULL REFERENCES service_cases(id) ON DELETE CASCADE,
  uscc        text NOT NULL,
  name        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('leader','sme','other')),
  PRIMARY KEY (case_id, uscc)
);
