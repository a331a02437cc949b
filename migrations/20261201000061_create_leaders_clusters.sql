-- Chain leaders and regions (IC-2, IC-4): what leading firms do for a chain's SMEs (incubation bases
-- and parks, supplier improvement programmes, equity investments in SMEs, internal start-ups spun
-- off), industrial clusters (先进制造业集群, 中小企业特色产业集群) with their member enterprises, and
-- a region's industrial-transfer catalogue (industries it wants to take in or move out).

CREATE TABLE chain_leader_actions (
  id              bigserial PRIMARY KEY,
  chain_id        bigint NOT NULL REFERENCES chains(id),
  leader_id       bigint NOT NULL REFERENCES enterprises(id),
  region_code     text NOT NULL,                 -- the leader's region
  kind            text NOT NULL CHECK (kind IN ('incubation_base','supplier_programme','equity_investment','internal_startup')),
  title           text NOT NULL,
  description     text NOT NULL DEFAULT '',
  partner_id      bigint REFERENCES enterprises(id), -- the SME invested in / the start-up spun off, when registered
  amount_fen      bigint CHECK (amount_fen IS NULL OR amount_fen >= 0),
  sme_count       integer CHECK (sme_count IS NULL OR sme_count >= 0), -- SMEs reached (incubated, in the programme)
  started_on      date NOT NULL,                 -- business date (Asia/Shanghai)
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chain_leader_actions_chain_idx ON chain_leader_actions (chain_id, id);
CREATE INDEX chain_leader_actions_region_idx ON chain_leader_actions (region_code text_pattern_ops, id);

CREATE TABLE industry_clusters (
  id              bigserial PRIMARY KEY,
  name            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('advanced_manufacturing','sme_characteristic')),
  level           text NOT NULL CHECK (level IN ('national','provincial','municipal')),
  region_code     text NOT NULL,
  chain_id        bigint REFERENCES chains(id),
  industry        text NOT NULL DEFAULT '',      -- leading industry in words
  recognised_year integer CHECK (recognised_year IS NULL OR recognised_year BETWEEN 2000 AND 2100),
  description     text NOT NULL DEFAULT '',
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX industry_clusters_region_idx ON industry_clusters (region_code text_pattern_ops, id);

CREATE TABLE industry_cluster_members (
  cluster_id      bigint NOT NULL REFERENCES industry_clusters(id),
  enterprise_id   bigint NOT NULL REFERENCES enterprises(id),
  role            text NOT NULL CHECK (role IN ('leader','member')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cluster_id, enterprise_id)
);
CREATE INDEX industry_cluster_members_enterprise_idx ON industry_cluster_members (enterprise_id);

CREATE TABLE transfer_catalogue_items (
  id              bigserial PRIMARY KEY,
  region_code     text NOT NULL,                 -- the region publishing the item
  direction       text NOT NULL CHECK (direction IN ('inbound','outbound')), -- 承接 (take in) / 转出 (move out)
  chain_id        bigint REFERENCES chains(id),
  industry_code   text NOT NULL,                 -- GB/T 4754-2017
  title           text NOT NULL,
  description     text NOT NULL DEFAULT '',
  conditions      text NOT NULL DEFAULT '',      -- land, energy, incentives on offer / needed
  contact         text NOT NULL DEFAULT '',
  is_open         boolean NOT NULL DEFAULT true,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transfer_catalogue_items_region_idx ON transfer_catalogue_items (region_code text_pattern_ops, id);
CREATE INDEX transfer_catalogue_items_industry_idx ON transfer_catalogue_items (industry_code text_pattern_ops);
