-- Foundation: accounts, sessions, enterprise registry, audit and change logs.
-- Money is integer fen (bigint); times are timestamptz (UTC); business dates are date (Asia/Shanghai).
-- Owned rows carry region_code (GB/T 2260) so that they can be distributed by region (Citus).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Organisations that hold accounts: enterprises, institutes, universities, banks, associations,
-- service providers and government departments.
CREATE TABLE organisations (
  id           bigserial PRIMARY KEY,
  uscc         text UNIQUE,                 -- 统一社会信用代码; null for bodies without one
  name         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('large_enterprise','sme','research_institute','university','bank','association','service_provider','government')),
  region_code  text NOT NULL,               -- GB/T 2260
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL,
  display_name  text,
  password_hash text NOT NULL,              -- argon2id
  role          text NOT NULL CHECK (role IN ('platform_admin','gov','member','expert')),
  region_code   text,                       -- scope of a gov user; '000000' = whole country
  org_id        bigint REFERENCES organisations(id),
  is_disabled   boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'gov' OR region_code IS NOT NULL),
  CHECK (role <> 'member' OR org_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- Opaque session tokens; only their SHA-256 is stored.
CREATE TABLE sessions (
  token_hash   bytea PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- The enterprise registry (重点企业库 base), keyed by USCC.
CREATE TABLE enterprises (
  id             bigserial PRIMARY KEY,
  uscc           text NOT NULL UNIQUE,
  name           text NOT NULL,
  name_norm      text NOT NULL,             -- normalised name for duplicate detection
  name_initials  text NOT NULL,             -- pinyin initials for search
  region_code    text NOT NULL,
  industry_code  text NOT NULL,
  size           text CHECK (size IN ('large','medium','small','micro')),  -- derived, never typed in
  size_category  text,
  tags           text[] NOT NULL DEFAULT '{}',
  products       text[] NOT NULL DEFAULT '{}',
  capabilities   text NOT NULL DEFAULT '',
  certifications jsonb NOT NULL DEFAULT '[]',
  contacts       jsonb NOT NULL DEFAULT '[]', -- restricted
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprises_region_idx ON enterprises (region_code text_pattern_ops, id);
CREATE INDEX enterprises_industry_idx ON enterprises (industry_code text_pattern_ops, id);
CREATE INDEX enterprises_name_norm_idx ON enterprises (name_norm);
CREATE INDEX enterprises_name_trgm_idx ON enterprises USING gin (name gin_trgm_ops);
CREATE INDEX enterprises_initials_trgm_idx ON enterprises USING gin (name_initials gin_trgm_ops);
CREATE INDEX enterprises_tags_idx ON enterprises USING gin (tags);

-- Yearly financial indicators (restricted). Amounts in fen.
CREATE TABLE enterprise_financials (
  enterprise_id  bigint NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  year           int NOT NULL,
  employees      int,
  revenue_fen    bigint,
  assets_fen     bigint,
  rd_spend_fen   bigint,
  PRIMARY KEY (enterprise_id, year)
);

-- Remembered decisions on uncertain import matches (same name, other USCC).
CREATE TABLE import_match_decisions (
  uscc           text NOT NULL,
  existing_uscc  text NOT NULL,
  decision       text NOT NULL CHECK (decision IN ('distinct','skip')),
  decided_by     bigint REFERENCES users(id),
  decided_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (uscc, existing_uscc)
);

-- Every write: who, when, what, before/after.
CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     bigint,
  actor_label  text NOT NULL,
  action       text NOT NULL,
  entity_type  text NOT NULL,
  entity_key   text NOT NULL,
  region_code  text,
  before       jsonb,
  after        jsonb,
  request_id   text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_key, id);

-- Platform-wide settings and markers (e.g. when the demo data was loaded).
CREATE TABLE platform_settings (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Change feed that in-memory engines and other nodes tail by id.
CREATE TABLE change_log (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  entity_type  text NOT NULL,
  entity_key   text NOT NULL,
  op           text NOT NULL CHECK (op IN ('insert','update','delete'))
);
