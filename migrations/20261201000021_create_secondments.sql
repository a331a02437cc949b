-- Secondments (TL-1, 兼职指导/定期派驻): a large firm or institute seconds an engineer (an expert
-- of the pool or a named person) to an SME with a plan of goals and periods; the engineer reports
-- per period, the SME confirms each report and rates the secondment at the end. Forward-only.

CREATE TABLE secondments (
  id                bigserial PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('part_time_guidance','resident')),
  sender_id         bigint NOT NULL REFERENCES enterprises(id),   -- the seconding firm or institute
  host_id           bigint NOT NULL REFERENCES enterprises(id),   -- the SME
  expert_id         bigint REFERENCES experts(id),                -- the engineer, when in the expert pool
  engineer_name     text NOT NULL,                                -- the engineer's name (the expert's when from the pool)
  engineer_title    text NOT NULL DEFAULT '',
  field             text NOT NULL DEFAULT '',
  goals             text[] NOT NULL DEFAULT '{}',
  region_code       text NOT NULL,                                -- the host's region: scope of gov figures
  sender_region     text NOT NULL,                                -- the sender's region: gov users there see it too
  status            text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','active','completed','cancelled')),
  confirmed_at      timestamptz,
  rating            smallint CHECK (rating BETWEEN 1 AND 5),
  rating_comment    text NOT NULL DEFAULT '',
  rated_at          timestamptz,
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (sender_id <> host_id),
  CHECK ((status = 'completed') = (rating IS NOT NULL))
);
CREATE INDEX secondments_region_idx ON secondments (region_code text_pattern_ops, id DESC);
CREATE INDEX secondments_sender_idx ON secondments (sender_id, id DESC);
CREATE INDEX secondments_host_idx ON secondments (host_id, id DESC);
CREATE INDEX secondments_expert_idx ON secondments (expert_id, id DESC) WHERE expert_id IS NOT NULL;

CREATE TABLE secondment_periods (
  id              bigserial PRIMARY KEY,
  secondment_id   bigint NOT NULL REFERENCES secondments(id),
  seq             int NOT NULL,
  starts_on       date NOT NULL,                                  -- business dates (Asia/Shanghai)
  ends_on         date NOT NULL,
  planned_days    int NOT NULL DEFAULT 0 CHECK (planned_days >= 0),
  planned_hours   int NOT NULL DEFAULT 0 CHECK (planned_hours >= 0),
  CHECK (ends_on >= starts_on),
  UNIQUE (secondment_id, seq)
);

CREATE TABLE secondment_reports (
  id              bigserial PRIMARY KEY,
  secondment_id   bigint NOT NULL REFERENCES secondments(id),
  period_id       bigint NOT NULL REFERENCES secondment_periods(id),
  days            int NOT NULL DEFAULT 0 CHECK (days >= 0),
  hours           int NOT NULL DEFAULT 0 CHECK (hours >= 0),
  summary         text NOT NULL,
  status          text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','confirmed','returned')),
  host_comment    text NOT NULL DEFAULT '',
  decided_at      timestamptz,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (days > 0 OR hours > 0)
);
CREATE INDEX secondment_reports_secondment_idx ON secondment_reports (secondment_id, id);
