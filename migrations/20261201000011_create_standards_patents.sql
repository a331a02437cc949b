-- Standards and patents (标准与专利, IN-4): standard-drafting projects with the drafting
-- organisations as participants, and patent records tied to chain segments, from which the
-- per-chain patent coverage by segment is computed.

CREATE TABLE standard_projects (
  id                  bigserial PRIMARY KEY,
  title               text NOT NULL,
  code                text NOT NULL DEFAULT '',                    -- e.g. GB/T 36276, T/CIAPS 0012 (once assigned)
  level               text NOT NULL CHECK (level IN ('national','industry','group','international')),
  status              text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','drafting','consultation','approved','published')),
  lead_enterprise_id  bigint NOT NULL REFERENCES enterprises(id),
  region_code         text NOT NULL,                               -- the lead drafter's region
  chain_id            bigint REFERENCES chains(id) ON DELETE SET NULL,
  consortium_id       bigint REFERENCES consortia(id) ON DELETE SET NULL,
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX standard_projects_region_idx ON standard_projects (region_code text_pattern_ops, id);
CREATE INDEX standard_projects_consortium_idx ON standard_projects (consortium_id);

CREATE TABLE standard_participants (
  standard_id    bigint NOT NULL REFERENCES standard_projects(id) ON DELETE CASCADE,
  enterprise_id  bigint NOT NULL REFERENCES enterprises(id),
  role           text NOT NULL CHECK (role IN ('lead','drafter','reviewer')),
  PRIMARY KEY (standard_id, enterprise_id)
);
CREATE INDEX standard_participants_enterprise_idx ON standard_participants (enterprise_id);

CREATE TABLE patents (
  id             bigserial PRIMARY KEY,
  number         text NOT NULL UNIQUE,                             -- e.g. CN114123456A, normalised upper case
  title          text NOT NULL,
  enterprise_id  bigint NOT NULL REFERENCES enterprises(id),       -- the holder
  region_code    text NOT NULL,                                    -- the holder's region
  type           text NOT NULL CHECK (type IN ('invention','utility','design')),
  filed_on       date NOT NULL,
  granted_on     date,
  chain_id       bigint REFERENCES chains(id) ON DELETE SET NULL,
  segment_key    text,                                             -- a segment of chain_id (checked on write; segments may later be edited)
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (granted_on IS NULL OR granted_on >= filed_on),
  CHECK (segment_key IS NULL OR chain_id IS NOT NULL)
);
CREATE INDEX patents_chain_idx ON patents (chain_id, segment_key);
CREATE INDEX patents_enterprise_idx ON patents (enterprise_id, id);
