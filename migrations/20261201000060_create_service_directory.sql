-- Service directory (服务资源目录, SV-1/SV-2): platforms, bases, parks, science parks and maker spaces
-- with the service products they offer; SMEs request a product, the provider accepts and completes
-- it, and the SME rates the completed service (1–5 stars with a review).

CREATE TABLE service_providers (
  id              bigserial PRIMARY KEY,
  name            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('platform','base','park','science_park','maker_space','other')),
  region_code     text NOT NULL,                 -- GB/T 2260; gov of this region and above manage it
  operator_uscc   text,                          -- the enterprise running it; its members manage it too
  address         text NOT NULL DEFAULT '',
  contact         text NOT NULL DEFAULT '',
  description     text NOT NULL DEFAULT '',
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_providers_region_idx ON service_providers (region_code text_pattern_ops, id);
CREATE INDEX service_providers_operator_idx ON service_providers (operator_uscc);

CREATE TABLE service_products (
  id              bigserial PRIMARY KEY,
  provider_id     bigint NOT NULL REFERENCES service_providers(id),
  region_code     text NOT NULL,                 -- the provider's region (copied for scoped lists)
  title           text NOT NULL,
  category        text NOT NULL CHECK (category IN ('testing','consulting','training','digital','finance','ip','incubation','legal','other')),
  description     text NOT NULL DEFAULT '',
  price_fen       bigint CHECK (price_fen IS NULL OR price_fen >= 0), -- NULL: price on request
  is_active       boolean NOT NULL DEFAULT true,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_products_provider_idx ON service_products (provider_id, id);
CREATE INDEX service_products_region_idx ON service_products (region_code text_pattern_ops, id);

CREATE TABLE service_requests (
  id              bigserial PRIMARY KEY,
  product_id      bigint NOT NULL REFERENCES service_products(id),
  enterprise_id   bigint NOT NULL REFERENCES enterprises(id),
  region_code     text NOT NULL,                 -- the requesting enterprise's region
  note            text NOT NULL DEFAULT '',
  status          text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested','accepted','declined','completed')),
  reply           text NOT NULL DEFAULT '',
  rating          smallint CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  review          text NOT NULL DEFAULT '',
  rated_at        timestamptz,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (rating IS NULL OR status = 'completed')
);
CREATE INDEX service_requests_product_idx ON service_requests (product_id, id);
CREATE INDEX service_requests_enterprise_idx ON service_requests (enterprise_id, id);
