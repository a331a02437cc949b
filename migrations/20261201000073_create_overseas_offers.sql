-- Overseas service offers (出海服务, issue 8 item 8, SV-3): a large firm offers SMEs a way abroad
-- (export channel, overseas warehouse, certification help, joint bidding) for a number of SMEs;
-- SMEs apply with a note and the firm accepts or declines. `accepted_count` is raised by the
-- accept itself under the offer's row lock, and the CHECK keeps it within `capacity` whatever
-- the caller does, so parallel accepts never exceed it.

CREATE TABLE overseas_offers (
  id              bigserial PRIMARY KEY,
  enterprise_id   bigint NOT NULL REFERENCES enterprises(id),   -- the offering (large) firm
  region_code     text NOT NULL,                                -- the firm's region (gov scope)
  title           text NOT NULL,
  title_en        text NOT NULL,
  description     text NOT NULL,
  description_en  text NOT NULL,
  target_countries text[] NOT NULL,                             -- ISO 3166-1 alpha-2, not CN
  service_kind    text NOT NULL CHECK (service_kind IN ('channel','warehouse','certification','joint_bid')),
  capacity        integer NOT NULL CHECK (capacity > 0),        -- SMEs the firm takes on
  accepted_count  integer NOT NULL DEFAULT 0,
  deadline        date NOT NULL,                                -- last business day to apply (Asia/Shanghai)
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (accepted_count >= 0 AND accepted_count <= capacity),
  CHECK (cardinality(target_countries) > 0)
);
CREATE INDEX overseas_offers_region_idx ON overseas_offers (region_code text_pattern_ops, id);
CREATE INDEX overseas_offers_enterprise_idx ON overseas_offers (enterprise_id, id);

CREATE TABLE overseas_offer_applications (
  id              bigserial PRIMARY KEY,
  offer_id        bigint NOT NULL REFERENCES overseas_offers(id),
  enterprise_id   bigint NOT NULL REFERENCES enterprises(id),   -- the applying SME
  region_code     text NOT NULL,                                -- the SME's region when applying
  note            text NOT NULL DEFAULT '',
  status          text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','accepted','declined')),
  decision_note   text NOT NULL DEFAULT '',
  decided_by      bigint REFERENCES users(id),
  decided_at      timestamptz,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (offer_id, enterprise_id)
);
CREATE INDEX overseas_offer_applications_enterprise_idx ON overseas_offer_applications (enterprise_id, id);
