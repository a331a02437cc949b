-- Supply edges (供应关系): supplier → customer for a product, with the share of the customer's
-- need for that product the supplier covers. A supplier is an enterprise on the platform or an
-- off-platform supplier known by name and country (foreign suppliers are what a 卡点 is made of).
-- A member of a large enterprise may upload its own supplier list privately: only its
-- organisation and government users whose scope holds the customer's region see those rows.

-- Suppliers that are not registered enterprises (most of them abroad). Small reference-like table.
CREATE TABLE off_platform_suppliers (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL,
  name_norm     text NOT NULL,               -- normalised name: one row per name and country
  country_code  text NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'), -- ISO 3166-1 alpha-2
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name_norm, country_code)
);

CREATE TABLE supply_edges (
  id                  bigserial NOT NULL,
  supplier_id         bigint REFERENCES enterprises(id) ON DELETE CASCADE,
  off_platform_supplier_id bigint REFERENCES off_platform_suppliers(id),
  customer_id         bigint NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  product             text NOT NULL,
  share               real CHECK (share IS NULL OR (share >= 0 AND share <= 1)), -- of the customer's need for the product
  since               date,                  -- business date (Asia/Shanghai)
  source              text NOT NULL DEFAULT '', -- where the edge is known from (survey, upload, 年报 …)
  is_private          boolean NOT NULL DEFAULT false,
  owner_org_id        bigint REFERENCES organisations(id), -- organisation that uploaded it (null: platform/gov)
  region_code         text NOT NULL,         -- the customer's region: Citus distribution column and scope key
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  -- Citus needs the distribution column in every unique key; `id` first keeps lookups by id indexed.
  PRIMARY KEY (id, region_code),
  CHECK ((supplier_id IS NULL) <> (off_platform_supplier_id IS NULL)),
  CHECK (supplier_id IS DISTINCT FROM customer_id),
  CHECK (NOT is_private OR owner_org_id IS NOT NULL)
);
-- One edge per supplier, customer and product (re-uploading updates it).
CREATE UNIQUE INDEX supply_edges_identity_idx ON supply_edges (region_code, customer_id, COALESCE(supplier_id, 0), COALESCE(off_platform_supplier_id, 0), product);
CREATE INDEX supply_edges_customer_idx ON supply_edges (customer_id, id);
CREATE INDEX supply_edges_supplier_idx ON supply_edges (supplier_id, id) WHERE supplier_id IS NOT NULL;
