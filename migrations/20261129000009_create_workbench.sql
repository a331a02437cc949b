-- Government workbench (政府工作台): tasks dispatched down the region hierarchy (部/省/市/县) with
-- their progress reports and reminders (催办). A task belongs to one region (the level that must do
-- it); its sub-tasks belong to regions below. Every task of a tree carries its root, so that a
-- roll-up reads one tree with one indexed query and computes in memory (no recursive SQL: see
-- DESIGN.md on Citus and ADR 0014).

CREATE TABLE tasks (
  id             bigserial PRIMARY KEY,
  root_id        bigint NOT NULL,               -- the top task of the tree (itself for a root)
  parent_id      bigint REFERENCES tasks(id),   -- null for a root
  depth          int NOT NULL DEFAULT 0 CHECK (depth >= 0),
  region_code    text NOT NULL,                 -- GB/T 2260 (or '000000'): the level responsible; scope key
  title          text NOT NULL,
  description    text NOT NULL DEFAULT '',
  metric         text,                          -- key of a platform metric (workbench/metrics.ts): `done` is counted, not typed
  target         double precision NOT NULL DEFAULT 0 CHECK (target >= 0),
  starts_on      date NOT NULL,                 -- business date (Asia/Shanghai) from which a metric counts
  due_on         date NOT NULL,                 -- business date (Asia/Shanghai)
  status         text NOT NULL CHECK (status IN ('dispatched','accepted','completed')),
  reported_progress double precision CHECK (reported_progress BETWEEN 0 AND 1), -- last report (0–1)
  reported_done  double precision CHECK (reported_done >= 0),                    -- last typed figure (tasks without a metric)
  reported_at    timestamptz,
  created_by     bigint REFERENCES users(id),
  accepted_by    bigint REFERENCES users(id),
  accepted_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((parent_id IS NULL) = (depth = 0)),
  CHECK (due_on >= starts_on)
);
CREATE INDEX tasks_root_idx ON tasks (root_id, id);
CREATE INDEX tasks_region_idx ON tasks (region_code text_pattern_ops, id);
-- One sub-task per region under a parent.
CREATE UNIQUE INDEX tasks_parent_region_key ON tasks (parent_id, region_code) WHERE parent_id IS NOT NULL;

-- Progress reports (填报), newest last. `done` is what the platform counted for metric tasks.
CREATE TABLE task_reports (
  id             bigserial PRIMARY KEY,
  task_id        bigint NOT NULL REFERENCES tasks(id),
  region_code    text NOT NULL,                 -- the task's region (scope key)
  progress       double precision NOT NULL CHECK (progress BETWEEN 0 AND 1),
  done           double precision CHECK (done >= 0),
  is_done_counted boolean NOT NULL DEFAULT false, -- true: `done` came from platform data (metric)
  note           text NOT NULL DEFAULT '',
  attachments    jsonb NOT NULL DEFAULT '[]',   -- [{name, url}]: file uploads come with the files module
  reported_by    bigint REFERENCES users(id),
  reported_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_reports_task_idx ON task_reports (task_id, id);

-- Reminders (催办) sent by a higher level to a task's region.
CREATE TABLE task_reminders (
  id             bigserial PRIMARY KEY,
  task_id        bigint NOT NULL REFERENCES tasks(id),
  region_code    text NOT NULL,                 -- the task's region (scope key)
  message        text NOT NULL,
  sent_by        bigint REFERENCES users(id),
  sent_by_label  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_reminders_task_idx ON task_reminders (task_id, id);

-- Key-enterprise lists (重点企业库): named lists of a region (chain leaders, 专精特新, key suppliers …),
-- built by hand or from registry filters. A region's lists are read by every level above it.
CREATE TABLE key_lists (
  id             bigserial PRIMARY KEY,
  region_code    text NOT NULL,                 -- GB/T 2260 (or '000000'): the owning level; scope key
  name           text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('leader','specialized','little_giant','key_supplier','custom')),
  description    text NOT NULL DEFAULT '',
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, name)
);
CREATE INDEX key_lists_region_idx ON key_lists (region_code text_pattern_ops, id);

CREATE TABLE key_list_members (
  list_id        bigint NOT NULL REFERENCES key_lists(id) ON DELETE CASCADE,
  enterprise_id  bigint NOT NULL REFERENCES enterprises(id),
  source         text NOT NULL CHECK (source IN ('manual','filter')),
  added_by       bigint REFERENCES users(id),
  added_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (list_id, enterprise_id)
);
CREATE INDEX key_list_members_enterprise_idx ON key_list_members (enterprise_id);
