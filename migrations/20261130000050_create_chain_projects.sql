-- Project database (补链固链强链项目库): a region's chain-strengthening projects, tied to a chain and
-- one of its segments (and to the kind of weak link it addresses, when there is one), with the
-- enterprises involved and dated milestones. The timeline of changes is the audit log
-- (entity type 'chain_project').

CREATE TABLE chain_projects (
  id              bigserial PRIMARY KEY,
  region_code     text NOT NULL,                 -- GB/T 2260: the region whose project this is; scope key
  chain_id        bigint NOT NULL REFERENCES chains(id),
  segment_key     text NOT NULL,
  weak_link_kind  text CHECK (weak_link_kind IN ('break','blockage','choke')),
  name            text NOT NULL,
  type            text NOT NULL CHECK (type IN ('fill','secure','strengthen')),  -- 补链 / 固链 / 强链
  investment_fen  bigint NOT NULL DEFAULT 0 CHECK (investment_fen >= 0),
  status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','in_progress','completed','suspended')),
  progress_pct    int NOT NULL DEFAULT 0 CHECK (progress_pct BETWEEN 0 AND 100),
  starts_on       date,                          -- business dates (Asia/Shanghai)
  ends_on         date,
  description     text NOT NULL DEFAULT '',
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (chain_id, segment_key) REFERENCES chain_segments(chain_id, key) ON UPDATE CASCADE,
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX chain_projects_region_idx ON chain_projects (region_code text_pattern_ops, id);
CREATE INDEX chain_projects_chain_idx ON chain_projects (chain_id);

CREATE TABLE chain_project_enterprises (
  project_id     bigint NOT NULL REFERENCES chain_projects(id) ON DELETE CASCADE,
  enterprise_id  bigint NOT NULL REFERENCES enterprises(id),
  role           text NOT NULL CHECK (role IN ('lead','participant')),
  PRIMARY KEY (project_id, enterprise_id)
);
CREATE INDEX chain_project_enterprises_enterprise_idx ON chain_project_enterprises (enterprise_id);

CREATE TABLE chain_project_milestones (
  id          bigserial PRIMARY KEY,
  project_id  bigint NOT NULL REFERENCES chain_projects(id) ON DELETE CASCADE,
  position    int NOT NULL,
  title       text NOT NULL,
  due_on      date NOT NULL,
  done_on     date,
  UNIQUE (project_id, position)
);
