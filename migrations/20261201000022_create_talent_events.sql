-- Talent programmes (e.g. 卓越工程师 style) and exchange events (交流会, site visits) (TL-3):
-- capacity the database enforces as for courses, registration of persons by enterprises (or an
-- expert for themselves), attendance recorded by the organiser.
CREATE TABLE talent_events (
  id                bigserial PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('programme','exchange_meeting','site_visit')),
  enterprise_id     bigint REFERENCES enterprises(id),             -- the organising firm; NULL when a gov body organises
  organiser_name    text NOT NULL,
  region_code       text NOT NULL,                                  -- scope of gov organisers
  title             text NOT NULL,
  description       text NOT NULL DEFAULT '',
  field             text NOT NULL DEFAULT '',
  location          text NOT NULL DEFAULT '',
  starts_on         date NOT NULL,                                  -- business dates (Asia/Shanghai); registration closes at the start
  ends_on           date NOT NULL,
  capacity          int NOT NULL CHECK (capacity > 0),
  registered_count  int NOT NULL DEFAULT 0,                         -- live registrations, kept with a conditional UPDATE
  is_active         boolean NOT NULL DEFAULT true,
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on),
  CONSTRAINT talent_events_capacity CHECK (registered_count >= 0 AND registered_count <= capacity)
);
CREATE INDEX talent_events_region_idx ON talent_events (region_code text_pattern_ops, id DESC);

CREATE TABLE event_registrations (
  id              bigserial PRIMARY KEY,
  event_id        bigint NOT NULL REFERENCES talent_events(id),
  enterprise_id   bigint REFERENCES enterprises(id),               -- the person's employer; NULL for an expert registering themselves
  expert_id       bigint REFERENCES experts(id),
  person_name     text NOT NULL,
  person_title    text NOT NULL DEFAULT '',
  status          text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered','attended','absent','cancelled')),
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (enterprise_id IS NOT NULL OR expert_id IS NOT NULL)
);
CREATE UNIQUE INDEX event_registrations_once ON event_registrations (event_id, COALESCE(enterprise_id, 0), COALESCE(expert_id, 0), person_name) WHERE status <> 'cancelled';
CREATE INDEX event_registrations_enterprise_idx ON event_registrations (enterprise_id, id DESC);
