-- Investment funds (FC-2, issue 6 item 6): funds with a manager organisation (an enterprise of the
-- registry), size, focus chains and region; their equity investments in enterprises. The portfolio
-- by chain joins investments to chain_members. (talent2's plain `investments` table in the
-- innovation module is a different thing: reviewer conflicts.)

CREATE TABLE investment_funds (
  id              bigserial PRIMARY KEY,
  manager_id      bigint NOT NULL REFERENCES enterprises(id),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  size_fen        bigint NOT NULL CHECK (size_fen > 0),
  region_code     text NOT NULL,
  focus_chain_ids bigint[] NOT NULL DEFAULT '{}',
  description     text NOT NULL DEFAULT '',
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX investment_funds_region_idx ON investment_funds (region_code text_pattern_ops, id);
CREATE INDEX investment_funds_manager_idx ON investment_funds (manager_id, id);

CREATE TABLE fund_investments (
  id              bigserial PRIMARY KEY,
  fund_id         bigint NOT NULL REFERENCES investment_funds(id),
  enterprise_id   bigint NOT NULL REFERENCES enterprises(id),
  amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
  invested_on     date NOT NULL,
  stage           text NOT NULL CHECK (stage IN ('seed','angel','a','b','c','pre_ipo','growth')),
  share_bp        int NOT NULL CHECK (share_bp > 0 AND share_bp <= 10000),  -- equity share, 1 bp = 0.01 %
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fund_investments_fund_idx ON fund_investments (fund_id, id);
CREATE INDEX fund_investments_enterprise_idx ON fund_investments (enterprise_id);
