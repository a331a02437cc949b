-- Expert consultations (专家咨询) and regional expert consultation committees (技术专家咨询委员会),
-- issue 5 item 7. Forward-only.

-- A committee a gov user forms for its region: members from the expert pool, one of them the chair.
CREATE TABLE expert_committees (
  id              bigserial PRIMARY KEY,
  region_code     text NOT NULL,                   -- GB/T 2260: the forming gov user's region (or below)
  name            text NOT NULL,
  field           text NOT NULL,                   -- the committee's field, e.g. 新能源
  description     text NOT NULL DEFAULT '',
  is_active       boolean NOT NULL DEFAULT true,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, name)
);
CREATE INDEX expert_committees_region_idx ON expert_committees (region_code text_pattern_ops, id);

CREATE TABLE committee_members (
  committee_id    bigint NOT NULL REFERENCES expert_committees(id) ON DELETE CASCADE,
  expert_id       bigint NOT NULL REFERENCES experts(id),
  role            text NOT NULL DEFAULT 'member' CHECK (role IN ('chair','member')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (committee_id, expert_id)
);
-- Exactly one chair at most per committee (the service requires one).
CREATE UNIQUE INDEX committee_members_one_chair ON committee_members (committee_id) WHERE role = 'chair';
CREATE INDEX committee_members_expert_idx ON committee_members (expert_id);

-- A consultation an SME requests: field, question, urgency; routed to experts (or a committee).
CREATE TABLE consultations (
  id              bigserial PRIMARY KEY,
  enterprise_id   bigint NOT NULL REFERENCES enterprises(id),
  region_code     text NOT NULL,                   -- the requester's region: scope of gov users
  field           text NOT NULL,
  question        text NOT NULL,
  urgency         text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('low','normal','high')),
  committee_id    bigint REFERENCES expert_committees(id),
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open','answered','closed')),
  rating          int CHECK (rating BETWEEN 1 AND 5),
  rating_comment  text NOT NULL DEFAULT '',
  rated_at        timestamptz,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((rating IS NULL) = (rated_at IS NULL))
);
CREATE INDEX consultations_enterprise_idx ON consultations (enterprise_id, id DESC);
CREATE INDEX consultations_region_idx ON consultations (region_code text_pattern_ops, id DESC);

-- One row per expert a consultation is routed to; the expert's answer lives here.
CREATE TABLE consultation_routes (
  id               bigserial PRIMARY KEY,
  consultation_id  bigint NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  expert_id        bigint NOT NULL REFERENCES experts(id),
  rank             int NOT NULL,                   -- 1 = best match
  score            real NOT NULL DEFAULT 0,        -- field match × spare capacity
  answer           text,
  answered_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (consultation_id, expert_id),
  CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX consultation_routes_expert_idx ON consultation_routes (expert_id, consultation_id DESC);
