-- Innovation consortia (创新联合体, IN-1): a lead firm with SMEs, institutes and universities as
-- members (invited, then accepted or declined), joint projects with budget, period, status and
-- optional milestones, and links to challenges. Standard-drafting projects link back through
-- standard_projects.consortium_id (migration …000011).

CREATE TABLE consortia (
  id                  bigserial PRIMARY KEY,
  name                text NOT NULL,
  field               text NOT NULL DEFAULT '',                    -- technical field, e.g. 固态电池
  description         text NOT NULL DEFAULT '',
  lead_enterprise_id  bigint NOT NULL REFERENCES enterprises(id),
  region_code         text NOT NULL,                               -- the lead's region: gov users of it see the consortium
  chain_id            bigint REFERENCES chains(id) ON DELETE SET NULL,
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active','closed')),
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consortia_region_idx ON consortia (region_code text_pattern_ops, id);

CREATE TABLE consortium_members (
  consortium_id  bigint NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
  enterprise_id  bigint NOT NULL REFERENCES enterprises(id),
  role           text NOT NULL CHECK (role IN ('lead','sme','institute','university')),
  status         text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited','active','declined')),
  invited_by     bigint REFERENCES users(id),
  invited_at     timestamptz NOT NULL DEFAULT now(),
  responded_at   timestamptz,
  PRIMARY KEY (consortium_id, enterprise_id)
);
CREATE INDEX consortium_members_enterprise_idx ON consortium_members (enterprise_id);
-- Exactly one lead per consortium.
CREATE UNIQUE INDEX consortium_members_one_lead ON consortium_members (consortium_id) WHERE role = 'lead';

CREATE TABLE consortium_projects (
  id              bigserial PRIMARY KEY,
  consortium_id   bigint NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
  title           text NOT NULL,
  goal            text NOT NULL,
  budget_fen      bigint NOT NULL CHECK (budget_fen >= 0),
  starts_on       date NOT NULL,                                   -- business dates (Asia/Shanghai)
  ends_on         date NOT NULL,
  status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','active','completed','terminated')),
  milestones      jsonb NOT NULL DEFAULT '[]',                     -- [{title, dueOn, isDone}]
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_on <= ends_on)
);
CREATE INDEX consortium_projects_consortium_idx ON consortium_projects (consortium_id, id);

CREATE TABLE consortium_challenges (
  consortium_id  bigint NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
  challenge_id   bigint NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
  PRIMARY KEY (consortium_id, challenge_id)
);
