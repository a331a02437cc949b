-- Matchmaking fairs (洽谈会, "百场万企"): events with sessions, registrations with a waitlist,
-- meeting wishes, the computed schedule (one run per fair, replaced on re-run) and the outcomes
-- recorded after the fair. The deals session owns the match lifecycle's deals; a fair meeting's
-- outcome stays here (fair_meeting_outcomes) until the two are joined.

CREATE TABLE fairs (
  id                bigserial PRIMARY KEY,
  region_code       text NOT NULL,               -- the organising region (GB/T 2260); gov scope
  chain_id          bigint REFERENCES chains(id), -- the industry chain it serves, if any
  title             text NOT NULL,
  description       text NOT NULL DEFAULT '',
  venue             text NOT NULL DEFAULT '',
  visibility        text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public','region')),
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','open','closed')),
  large_capacity    int NOT NULL CHECK (large_capacity >= 0),  -- registered large firms beyond → waitlist
  sme_capacity      int NOT NULL CHECK (sme_capacity >= 0),
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fairs_region_idx ON fairs (region_code text_pattern_ops, id);

CREATE TABLE fair_sessions (
  id                bigserial PRIMARY KEY,
  fair_id           bigint NOT NULL REFERENCES fairs(id),
  position          int NOT NULL,                 -- order within the fair, from 0
  session_date      date NOT NULL,                -- business date (Asia/Shanghai)
  start_time        text NOT NULL CHECK (start_time ~ '^[0-2][0-9]:[0-5][0-9]$'), -- local HH:MM
  slot_minutes      int NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
  slot_count        int NOT NULL CHECK (slot_count BETWEEN 1 AND 48),
  table_count       int NOT NULL CHECK (table_count BETWEEN 1 AND 1000),
  UNIQUE (fair_id, position)
);

CREATE TABLE fair_registrations (
  id                bigserial PRIMARY KEY,
  fair_id           bigint NOT NULL REFERENCES fairs(id),
  enterprise_id     bigint NOT NULL REFERENCES enterprises(id),
  region_code       text NOT NULL,                -- the enterprise's region
  kind              text NOT NULL CHECK (kind IN ('large','sme')),
  status            text NOT NULL CHECK (status IN ('registered','waitlisted','cancelled')),
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),  -- waitlist order
  promoted_at       timestamptz,
  cancelled_at      timestamptz
);
-- One live registration per enterprise and fair; cancelled ones stay as history.
CREATE UNIQUE INDEX fair_registrations_live_idx ON fair_registrations (fair_id, enterprise_id) WHERE status <> 'cancelled';
CREATE INDEX fair_registrations_fair_idx ON fair_registrations (fair_id, kind, status, id);

CREATE TABLE fair_wishes (
  fair_id           bigint NOT NULL REFERENCES fairs(id),
  from_registration_id bigint NOT NULL REFERENCES fair_registrations(id),
  to_registration_id   bigint NOT NULL REFERENCES fair_registrations(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (fair_id, from_registration_id, to_registration_id)
);

-- The latest scheduler run of a fair and its quality figures.
CREATE TABLE fair_schedules (
  fair_id           bigint PRIMARY KEY REFERENCES fairs(id),
  objective         double precision NOT NULL,
  bound             double precision NOT NULL,    -- LP bound of the pair selection
  gap               double precision NOT NULL,    -- (bound − objective) / bound
  stats             jsonb NOT NULL,               -- wishes, pairs, mutual met, shortfall, solver status, seconds
  options           jsonb NOT NULL,               -- the weights used
  computed_by       bigint REFERENCES users(id),
  computed_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE fair_meetings (
  id                bigserial PRIMARY KEY,
  fair_id           bigint NOT NULL REFERENCES fairs(id),
  session_id        bigint NOT NULL REFERENCES fair_sessions(id),
  slot_index        int NOT NULL,                 -- within the session, from 0
  starts_at         timestamptz NOT NULL,
  ends_at           timestamptz NOT NULL,
  table_no          int NOT NULL,
  large_registration_id bigint NOT NULL REFERENCES fair_registrations(id),
  sme_registration_id   bigint NOT NULL REFERENCES fair_registrations(id),
  is_mutual         boolean NOT NULL,
  weight            int NOT NULL,
  UNIQUE (session_id, slot_index, table_no),
  UNIQUE (session_id, slot_index, large_registration_id),
  UNIQUE (session_id, slot_index, sme_registration_id)
);
CREATE INDEX fair_meetings_fair_idx ON fair_meetings (fair_id, starts_at, table_no);

CREATE TABLE fair_meeting_outcomes (
  meeting_id        bigint PRIMARY KEY REFERENCES fair_meetings(id) ON DELETE CASCADE,
  fair_id           bigint NOT NULL REFERENCES fairs(id),
  outcome           text NOT NULL CHECK (outcome IN ('deal','follow_up','no_interest','no_show')),
  amount_fen        bigint CHECK (amount_fen >= 0),
  note              text NOT NULL DEFAULT '',
  recorded_by       bigint REFERENCES users(id),
  recorded_at       timestamptz NOT NULL DEFAULT now()
);
