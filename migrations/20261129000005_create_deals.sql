-- Match lifecycle (撮合跟踪) and RFQs (询价) with sealed quotes.
-- A match is one (need, supplier) pair taken up by the buyer: invited → negotiating (洽谈) →
-- deal (签约) | declined. A deal is kept as its own clean row (`deals`) for the dashboards.
-- An RFQ asks invited suppliers for quotes that stay sealed until its deadline.

CREATE TABLE matches (
  id                     bigserial PRIMARY KEY,
  need_id                bigint NOT NULL REFERENCES needs(id),
  buyer_enterprise_id    bigint NOT NULL REFERENCES enterprises(id),
  supplier_enterprise_id bigint NOT NULL REFERENCES enterprises(id),
  region_code            text NOT NULL,           -- the buyer's region (the need's owner region): gov scope
  supplier_region_code   text NOT NULL,
  stage                  text NOT NULL DEFAULT 'invited' CHECK (stage IN ('invited','negotiating','deal','declined')),
  score                  real,                    -- engine score when invited (null when invited by USCC / via RFQ)
  message                text NOT NULL DEFAULT '',-- the buyer's invitation note
  decline_reason         text CHECK (decline_reason IN ('price','delivery','qualification','capacity','other_supplier','other')),
  decline_note           text,
  declined_by            text CHECK (declined_by IN ('buyer','supplier')),
  invited_by             bigint REFERENCES users(id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (need_id, supplier_enterprise_id),
  CHECK (buyer_enterprise_id <> supplier_enterprise_id)
);
CREATE INDEX matches_supplier_idx ON matches (supplier_enterprise_id, id);
CREATE INDEX matches_buyer_idx ON matches (buyer_enterprise_id, id);
CREATE INDEX matches_region_idx ON matches (region_code text_pattern_ops, id);

CREATE TABLE rfqs (
  id                bigserial PRIMARY KEY,
  need_id           bigint NOT NULL REFERENCES needs(id),
  enterprise_id     bigint NOT NULL REFERENCES enterprises(id),  -- the buyer
  region_code       text NOT NULL,                                -- the buyer's region: gov scope
  title             text NOT NULL,
  description       text NOT NULL DEFAULT '',
  deadline_at       timestamptz NOT NULL,                         -- quotes sealed and accepted until then
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open','awarded','cancelled')),
  awarded_quote_id  bigint,
  awarded_at        timestamptz,
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rfqs_need_idx ON rfqs (need_id, id);
CREATE INDEX rfqs_enterprise_idx ON rfqs (enterprise_id, id);
CREATE INDEX rfqs_region_idx ON rfqs (region_code text_pattern_ops, id);

CREATE TABLE rfq_invitations (
  rfq_id                 bigint NOT NULL REFERENCES rfqs(id),
  supplier_enterprise_id bigint NOT NULL REFERENCES enterprises(id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rfq_id, supplier_enterprise_id)
);
CREATE INDEX rfq_invitations_supplier_idx ON rfq_invitations (supplier_enterprise_id, rfq_id);

CREATE TABLE quotes (
  id                     bigserial PRIMARY KEY,
  rfq_id                 bigint NOT NULL REFERENCES rfqs(id),
  supplier_enterprise_id bigint NOT NULL REFERENCES enterprises(id),
  supplier_region_code   text NOT NULL,
  price_fen              bigint NOT NULL CHECK (price_fen > 0),  -- total price of the quote, fen
  lead_time_days         int NOT NULL CHECK (lead_time_days >= 0),
  moq                    text NOT NULL DEFAULT '',                -- minimum order quantity with unit, e.g. '1000件'
  terms                  text NOT NULL DEFAULT '',                -- payment, delivery, warranty terms
  submitted_at           timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (rfq_id, supplier_enterprise_id)
);

CREATE TABLE deals (
  id                     bigserial PRIMARY KEY,
  match_id               bigint NOT NULL UNIQUE REFERENCES matches(id),
  need_id                bigint NOT NULL REFERENCES needs(id),
  buyer_enterprise_id    bigint NOT NULL REFERENCES enterprises(id),
  supplier_enterprise_id bigint NOT NULL REFERENCES enterprises(id),
  amount_fen             bigint NOT NULL CHECK (amount_fen > 0),
  signed_on              date NOT NULL,                           -- business date (Asia/Shanghai)
  buyer_region_code      text NOT NULL,
  supplier_region_code   text NOT NULL,
  rfq_id                 bigint REFERENCES rfqs(id),             -- set when awarded from an RFQ
  quote_id               bigint REFERENCES quotes(id),
  note                   text NOT NULL DEFAULT '',
  recorded_by            bigint REFERENCES users(id),
  created_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deals_buyer_region_idx ON deals (buyer_region_code text_pattern_ops, id);
CREATE INDEX deals_supplier_region_idx ON deals (supplier_region_code text_pattern_ops, id);
CREATE INDEX deals_signed_on_idx ON deals (signed_on);
