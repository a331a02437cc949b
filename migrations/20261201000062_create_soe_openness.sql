-- SOE openness (WR-2, 二(三)): central (央企) and local (地方国企) state-owned enterprises open
-- application scenarios, procurement / supply-chain needs and resources to SMEs; SMEs apply and the
-- firm accepts or declines. Per-firm openness figures are computed from these rows and supply edges.

CREATE TABLE soe_openings (
  id              bigserial PRIMARY KEY,
  enterprise_id   bigint NOT NULL REFERENCES enterprises(id), -- the state-owned firm opening it
  region_code     text NOT NULL,                 -- the firm's region: scope key
  ownership       text NOT NULL CHECK (ownership IN ('central','local')), -- 央企 / 地方国企, as declared by the publisher
  kind            text NOT NULL CHECK (kind IN ('scenario','procurement','resource')),
  title           text NOT NULL,
  description     text NOT NULL DEFAULT '',
  chain_id        bigint REFERENCES chains(id),
  budget_fen      bigint CHECK (budget_fen IS NULL OR budget_fen >= 0),
  apply_by        date NOT NULL,                 -- business date (Asia/Shanghai), last day to apply
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX soe_openings_region_idx ON soe_openings (region_code text_pattern_ops, id);
CREATE INDEX soe_openings_enterprise_idx ON soe_openings (enterprise_id);

CREATE TABLE soe_opening_applications (
  opening_id      bigint NOT NULL REFERENCES soe_openings(id),
  enterprise_id   bigint NOT NULL REFERENCES enterprises(id), -- the applying SME
  note            text NOT NULL DEFAULT '',
  status          text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','accepted','declined')),
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  decided_at      timestamptz,
  PRIMARY KEY (opening_id, enterprise_id)
);
CREATE INDEX soe_opening_applications_enterprise_idx ON soe_opening_applications (enterprise_id);
