-- Innovation (创新链): 发榜/揭榜 challenges with NDA-gated details, Q&A, applications, the expert
-- pool with declared conflicts, reviewer assignments with blind weighted scores, milestones of the
-- awarded application; shared innovation resources (共享资源) with bookings that can never overlap
-- (an exclusion constraint over pending + approved bookings) and recorded usage.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The expert pool (专家库). An expert may hold a log-in (users.role = 'expert') or be listed only.
CREATE TABLE experts (
  id               bigserial PRIMARY KEY,
  user_id          bigint UNIQUE REFERENCES users(id),
  name             text NOT NULL,
  fields           text[] NOT NULL DEFAULT '{}',   -- field keywords and GB/T 4754 codes, e.g. {'锂电池','C3841'}
  affiliation      text NOT NULL DEFAULT '',       -- employer's name as shown
  affiliation_uscc text,                           -- employer's 统一社会信用代码 (same-organisation conflicts)
  region_code      text NOT NULL,                  -- GB/T 2260
  max_load         int NOT NULL DEFAULT 10 CHECK (max_load >= 0), -- open reviews at most
  is_available     boolean NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX experts_region_idx ON experts (region_code text_pattern_ops, id);

-- Conflicts an expert declares: an enterprise they invest in, advise, or are related to.
CREATE TABLE expert_conflicts (
  id          bigserial PRIMARY KEY,
  expert_id   bigint NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
  uscc        text NOT NULL,
  kind        text NOT NULL DEFAULT 'declared' CHECK (kind IN ('declared','investment','employment','family')),
  note        text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (expert_id, uscc)
);
CREATE INDEX expert_conflicts_uscc_idx ON expert_conflicts (uscc);

-- A posted challenge (发榜). Owned by an enterprise (or a gov department: enterprise_id null).
CREATE TABLE challenges (
  id                   bigserial PRIMARY KEY,
  enterprise_id        bigint REFERENCES enterprises(id),   -- the posting firm; null when a gov department posts
  owner_org_id         bigint REFERENCES organisations(id),
  region_code          text NOT NULL,                       -- the poster's region: scope of gov users
  title                text NOT NULL,
  type                 text NOT NULL CHECK (type IN ('idea','proposal','prototype')),
  problem              text NOT NULL,                       -- public summary
  targets              text[] NOT NULL DEFAULT '{}',        -- measurable 指标
  fields               text[] NOT NULL DEFAULT '{}',        -- field keywords used for reviewer matching
  budget_fen           bigint CHECK (budget_fen >= 0),      -- budget or prize
  deadline             timestamptz NOT NULL,                -- applications close (end of the business day)
  ip_terms             text NOT NULL DEFAULT '',
  chain_segment_id     bigint,                              -- optional link to a chain weak link (chains module)
  is_confidential      boolean NOT NULL DEFAULT false,
  confidential_details text NOT NULL DEFAULT '',            -- only for NDA acceptors, the owner, gov in scope
  nda_text             text NOT NULL DEFAULT '',
  criteria             jsonb NOT NULL DEFAULT '[]',         -- [{key, name, weight}] weights sum to 100
  reviews_per_application int NOT NULL DEFAULT 3 CHECK (reviews_per_application BETWEEN 1 AND 9),
  disagreement_threshold int NOT NULL DEFAULT 20,           -- max−min total (0–100) above which a result is flagged
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open','reviewing','awarded','cancelled')),
  created_by           bigint REFERENCES users(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX challenges_region_idx ON challenges (region_code text_pattern_ops, id);
CREATE INDEX challenges_enterprise_idx ON challenges (enterprise_id, id);

-- NDA acceptances: one per challenge and organisation (the member who accepted is recorded).
CREATE TABLE challenge_nda_acceptances (
  challenge_id  bigint NOT NULL REFERENCES challenges(id),
  org_id        bigint NOT NULL REFERENCES organisations(id),
  user_id       bigint NOT NULL REFERENCES users(id),
  accepted_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (challenge_id, org_id)
);

-- Q&A on a challenge: questions by anyone signed in, answered by the owner; answers are public.
CREATE TABLE challenge_questions (
  id            bigserial PRIMARY KEY,
  challenge_id  bigint NOT NULL REFERENCES challenges(id),
  asked_by      bigint NOT NULL REFERENCES users(id),
  question      text NOT NULL,
  answer        text,
  answered_by   bigint REFERENCES users(id),
  answered_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX challenge_questions_challenge_idx ON challenge_questions (challenge_id, id);

-- Applications (揭榜): one per challenge and applicant enterprise.
CREATE TABLE challenge_applications (
  id             bigserial PRIMARY KEY,
  challenge_id   bigint NOT NULL REFERENCES challenges(id),
  enterprise_id  bigint NOT NULL REFERENCES enterprises(id),
  region_code    text NOT NULL,                 -- the applicant's region (statistics, gov scope)
  proposal       text NOT NULL,
  team           text NOT NULL DEFAULT '',
  schedule       text NOT NULL DEFAULT '',
  status         text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','shortlisted','awarded','rejected','withdrawn')),
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (challenge_id, enterprise_id)
);
CREATE INDEX challenge_applications_enterprise_idx ON challenge_applications (enterprise_id, id);

-- Reviewer assignments with their blind scores.
CREATE TABLE review_assignments (
  id              bigserial PRIMARY KEY,
  challenge_id    bigint NOT NULL REFERENCES challenges(id),
  application_id  bigint NOT NULL REFERENCES challenge_applications(id),
  expert_id       bigint NOT NULL REFERENCES experts(id),
  method          text NOT NULL CHECK (method IN ('auto','manual')),
  match_score     real NOT NULL DEFAULT 0,
  scores          jsonb,                        -- {criterionKey: 0..100}
  total           real,                         -- weighted 0..100
  comment         text NOT NULL DEFAULT '',
  status          text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned','submitted')),
  submitted_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (application_id, expert_id)
);
CREATE INDEX review_assignments_expert_idx ON review_assignments (expert_id, status, id);
CREATE INDEX review_assignments_challenge_idx ON review_assignments (challenge_id, application_id);

-- Milestones of an awarded application, each accepted by the challenge owner.
CREATE TABLE challenge_milestones (
  id              bigserial PRIMARY KEY,
  challenge_id    bigint NOT NULL REFERENCES challenges(id),
  application_id  bigint NOT NULL REFERENCES challenge_applications(id),
  title           text NOT NULL,
  due_date        date NOT NULL,                -- business date (Asia/Shanghai)
  weight_pct      int NOT NULL CHECK (weight_pct BETWEEN 1 AND 100),
  status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','delivered','accepted')),
  report          text NOT NULL DEFAULT '',
  accepted_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX challenge_milestones_challenge_idx ON challenge_milestones (challenge_id, due_date);

-- Shared innovation resources (共享资源): instruments, labs, test sites, services, brands, capacity.
CREATE TABLE shared_resources (
  id                  bigserial PRIMARY KEY,
  enterprise_id       bigint NOT NULL REFERENCES enterprises(id),   -- owner
  region_code         text NOT NULL,
  title               text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('equipment','lab','test_site','service','brand','capacity')),
  specs               text NOT NULL DEFAULT '',
  location            text NOT NULL DEFAULT '',
  price_internal_fen  bigint CHECK (price_internal_fen >= 0),      -- per hour, inside the owner group
  price_external_fen  bigint CHECK (price_external_fen >= 0),      -- per hour, for outside users
  rules               text NOT NULL DEFAULT '',
  open_hours_per_week int NOT NULL DEFAULT 40 CHECK (open_hours_per_week BETWEEN 0 AND 168),
  is_active           boolean NOT NULL DEFAULT true,
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shared_resources_region_idx ON shared_resources (region_code text_pattern_ops, id);
CREATE INDEX shared_resources_enterprise_idx ON shared_resources (enterprise_id, id);

-- Bookings. A pending request holds its window; pending and approved never overlap on a resource.
CREATE TABLE resource_bookings (
  id             bigserial PRIMARY KEY,
  resource_id    bigint NOT NULL REFERENCES shared_resources(id),
  enterprise_id  bigint NOT NULL REFERENCES enterprises(id),       -- booker
  region_code    text NOT NULL,                                    -- the resource's region
  period         tstzrange NOT NULL CHECK (NOT isempty(period) AND lower_inc(period) AND NOT upper_inc(period)),
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','cancelled')),
  purpose        text NOT NULL DEFAULT '',
  decided_by     bigint REFERENCES users(id),
  decided_at     timestamptz,
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT resource_bookings_no_overlap EXCLUDE USING gist (resource_id WITH =, period WITH &&) WHERE (status IN ('pending','approved'))
);
CREATE INDEX resource_bookings_enterprise_idx ON resource_bookings (enterprise_id, id);

-- Usage recorded after the fact (hours actually used under a booking).
CREATE TABLE resource_usages (
  id            bigserial PRIMARY KEY,
  booking_id    bigint NOT NULL UNIQUE REFERENCES resource_bookings(id),
  resource_id   bigint NOT NULL REFERENCES shared_resources(id),
  used_minutes  int NOT NULL CHECK (used_minutes >= 0),
  note          text NOT NULL DEFAULT '',
  recorded_by   bigint REFERENCES users(id),
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
