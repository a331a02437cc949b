-- Policy support programmes (政策项目, WR-2): a gov programme with eligibility rules (evaluated by
-- the assessment rule engine), enterprises' applications with the verdict and its reasons as
-- evaluated when applying, and the decision with the approved amount in fen.

CREATE TABLE service_programmes (
  id              bigserial PRIMARY KEY,
  title           text NOT NULL,
  region_code     text NOT NULL,                 -- GB/T 2260; enterprises registered here or below may apply
  description     text NOT NULL DEFAULT '',
  rules           jsonb NOT NULL,                -- {isSmeRequired, tagsAny[], industryDivisions[]}
  max_amount_fen  bigint NOT NULL CHECK (max_amount_fen > 0),
  deadline        date NOT NULL,                 -- last business day (Asia/Shanghai) to apply
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_programmes_region_idx ON service_programmes (region_code text_pattern_ops, id);

CREATE TABLE service_programme_applications (
  id              bigserial PRIMARY KEY,
  programme_id    bigint NOT NULL REFERENCES service_programmes(id),
  enterprise_id   bigint NOT NULL REFERENCES enterprises(id),
  region_code     text NOT NULL,                 -- the enterprise's region when applying
  requested_fen   bigint NOT NULL CHECK (requested_fen > 0),
  plan            text NOT NULL DEFAULT '',
  is_eligible     boolean NOT NULL,
  reasons         jsonb NOT NULL,                -- [{key, text, passed, detail}] as evaluated when applying
  status          text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','approved','rejected')),
  approved_fen    bigint CHECK (approved_fen IS NULL OR approved_fen >= 0),
  decision_note   text NOT NULL DEFAULT '',
  decided_by      bigint REFERENCES users(id),
  decided_at      timestamptz,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (programme_id, enterprise_id)
);
CREATE INDEX service_programme_applications_enterprise_idx ON service_programme_applications (enterprise_id, id);
