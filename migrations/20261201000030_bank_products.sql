-- Bank product catalogue (信易贷-like, issue 6 item 6): a bank publishes financing products with
-- amount, rate and term ranges, the regions it serves and eligibility rules as data (evaluated per
-- SME by the assessment rule engine). SMEs apply from a product into financing_requests.

CREATE TABLE bank_products (
  id              bigserial PRIMARY KEY,
  bank_id         bigint NOT NULL REFERENCES enterprises(id),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind            text NOT NULL CHECK (kind IN ('receivable','order','warehouse_receipt','inventory','credit_loan','tax_loan')),
  min_amount_fen  bigint NOT NULL CHECK (min_amount_fen > 0),
  max_amount_fen  bigint NOT NULL,
  min_rate_bp     int NOT NULL CHECK (min_rate_bp > 0),
  max_rate_bp     int NOT NULL,
  min_term_days   int NOT NULL CHECK (min_term_days > 0),
  max_term_days   int NOT NULL,
  region_codes    text[] NOT NULL CHECK (cardinality(region_codes) > 0),
  region_prefixes text[] NOT NULL,            -- LIKE prefixes of region_codes ('' = nationwide), for scoping
  rules           jsonb NOT NULL DEFAULT '{}',
  description     text NOT NULL DEFAULT '',
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active','withdrawn')),
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (max_amount_fen >= min_amount_fen AND max_rate_bp >= min_rate_bp AND max_term_days >= min_term_days)
);
CREATE INDEX bank_products_bank_idx ON bank_products (bank_id, id);
CREATE INDEX bank_products_prefixes_idx ON bank_products USING gin (region_prefixes);

ALTER TABLE financing_requests ADD COLUMN product_id bigint REFERENCES bank_products(id);
CREATE INDEX financing_requests_product_idx ON financing_requests (product_id) WHERE product_id IS NOT NULL;
ALTER TABLE financing_requests DROP CONSTRAINT financing_requests_kind_check;
ALTER TABLE financing_requests ADD CONSTRAINT financing_requests_kind_check CHECK (kind IN ('receivable','order','warehouse_receipt','inventory','credit_loan','tax_loan'));
