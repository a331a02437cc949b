-- Green (绿色, IN-5): large buyers' green procurement criteria, suppliers' yearly energy and
-- carbon indicators, and the green criteria a need requires (the matching layer excludes
-- suppliers that fail them).

CREATE TABLE green_criteria (
  id                  bigserial PRIMARY KEY,
  buyer_enterprise_id bigint NOT NULL REFERENCES enterprises(id),
  region_code         text NOT NULL,
  name                text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('carbon_intensity','energy_intensity','certification','green_factory')),
  threshold           numeric,                                     -- carbon: tCO2e/万元; energy: tce/万元 (at most)
  certification       text,                                        -- e.g. ISO 50001
  factory_level       text CHECK (factory_level IN ('municipal','provincial','national')), -- lowest accepted 绿色工厂 level
  description         text NOT NULL DEFAULT '',
  is_active           boolean NOT NULL DEFAULT true,
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind IN ('carbon_intensity','energy_intensity')) = (threshold IS NOT NULL)),
  CHECK ((kind = 'certification') = (certification IS NOT NULL)),
  CHECK ((kind = 'green_factory') = (factory_level IS NOT NULL))
);
CREATE INDEX green_criteria_buyer_idx ON green_criteria (buyer_enterprise_id, id);

CREATE TABLE green_indicators (
  enterprise_id     bigint NOT NULL REFERENCES enterprises(id),
  year              int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  region_code       text NOT NULL,
  energy_tce        numeric NOT NULL CHECK (energy_tce >= 0),      -- comprehensive energy use, tonnes of coal equivalent
  emissions_tco2e   numeric NOT NULL CHECK (emissions_tco2e >= 0), -- scope 1+2 emissions
  revenue_fen       bigint NOT NULL CHECK (revenue_fen > 0),
  certifications    text[] NOT NULL DEFAULT '{}',                  -- energy/environment certifications held that year, e.g. ISO 50001
  factory_level     text CHECK (factory_level IN ('municipal','provincial','national')),
  updated_by        bigint REFERENCES users(id),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, year)
);

CREATE TABLE need_green_criteria (
  need_id      bigint NOT NULL REFERENCES needs(id) ON DELETE CASCADE,
  criterion_id bigint NOT NULL REFERENCES green_criteria(id),
  PRIMARY KEY (need_id, criterion_id)
);
