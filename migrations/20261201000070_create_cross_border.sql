-- Cross-border matchmaking (跨境对接, issue 8 item 8): bilingual needs and offers flagged for
-- abroad with their target countries (ISO 3166-1 alpha-2), and large firms' overseas service
-- offers (出海服务) that SMEs apply to join, with the capacity enforced here.

ALTER TABLE needs
  ADD COLUMN title_en          text,
  ADD COLUMN description_en    text,
  ADD COLUMN is_cross_border   boolean NOT NULL DEFAULT false,
  ADD COLUMN target_countries  text[] NOT NULL DEFAULT '{}';
ALTER TABLE offers
  ADD COLUMN title_en          text,
  ADD COLUMN description_en    text,
  ADD COLUMN is_cross_border   boolean NOT NULL DEFAULT false,
  ADD COLUMN target_countries  text[] NOT NULL DEFAULT '{}';
CREATE INDEX needs_cross_border_idx ON needs (id) WHERE is_cross_border;
CREATE INDEX offers_cross_border_idx ON offers (id) WHERE is_cross_border;

-- A large firm's overseas service offer: channel, warehouse, certification, joint bidding abroad.
CREATE TABLE overseas_services (
  id                bigserial PRIMARY KEY,
  enterprise_id     bigint NOT NULL REFERENCES enterprises(id),
  region_code       text NOT NULL,              -- the offering firm's region (gov scope)
  title             text NOT NULL,
  title_en          text,
  description       text NOT NULL DEFAULT '',
  description_en    text,
  service_kind      text NOT NULL CHECK (service_kind IN ('channel','warehouse','certification','joint_bidding','logistics','other')),
  countries         text[] NOT NULL CHECK (cardinality(countries) > 0),
  capacity          int NOT NULL CHECK (capacity > 0),   -- SMEs the firm takes on
  accepted_count    int NOT NULL DEFAULT 0,
  apply_by          date NOT NULL,              -- business date (Asia/Shanghai)
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT overseas_services_capacity_ck CHECK (accepted_count >= 0 AND accepted_count <= capacity)
);
CREATE INDEX overseas_services_region_idx ON overseas_services (region_code text_pattern_ops, id);

-- An SME's application to join; accepted ones count against the offer's capacity.
CREATE TABLE overseas_service_applications (
  id                bigserial PRIMARY KEY,
  service_id        bigint NOT NULL REFERENCES overseas_services(id),
  enterprise_id     bigint NOT NULL REFERENCES enterprises(id),
  note              text NOT NULL DEFAULT '',
  status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','declined')),
  decided_at        timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (service_id, enterprise_id)
);
CREATE INDEX overseas_service_applications_enterprise_idx ON overseas_service_applications (enterprise_id, id);
