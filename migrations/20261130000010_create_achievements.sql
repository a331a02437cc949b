-- Technology achievements (科技成果, IN-3): results that institutes and firms publish for transfer,
-- with a non-confidential summary; interest from requesters answered by the owner with categorised
-- feedback; and records of first use (首试首用) and first-of-kind equipment (首台套) of SME
-- products by large firms.

CREATE TABLE achievements (
  id              bigserial PRIMARY KEY,
  enterprise_id   bigint NOT NULL REFERENCES enterprises(id),  -- the owner (institute or firm, as registered)
  region_code     text NOT NULL,                               -- the owner's region (GB/T 2260)
  title           text NOT NULL,
  field           text NOT NULL,                               -- technical field, e.g. 固态电池
  trl             int NOT NULL CHECK (trl BETWEEN 1 AND 9),    -- technology readiness level
  patent_numbers  text[] NOT NULL DEFAULT '{}',                -- e.g. CN114000000A
  transfer_mode   text NOT NULL CHECK (transfer_mode IN ('transfer','license','equity','joint_development')),
  price_min_fen   bigint CHECK (price_min_fen >= 0),
  price_max_fen   bigint CHECK (price_max_fen >= 0),
  summary         text NOT NULL,                               -- non-confidential: public to everyone signed in
  status          text NOT NULL DEFAULT 'published' CHECK (status IN ('published','withdrawn')),
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (price_min_fen IS NULL OR price_max_fen IS NULL OR price_min_fen <= price_max_fen)
);
CREATE INDEX achievements_enterprise_idx ON achievements (enterprise_id, id);
CREATE INDEX achievements_status_idx ON achievements (status, id);

-- A requester's interest in an achievement (意向), answered by the owner with categorised feedback.
CREATE TABLE achievement_interests (
  id                bigserial PRIMARY KEY,
  achievement_id    bigint NOT NULL REFERENCES achievements(id) ON DELETE CASCADE,
  enterprise_id     bigint NOT NULL REFERENCES enterprises(id),   -- the requester
  region_code       text NOT NULL,
  need_id           bigint REFERENCES needs(id),                  -- the requester's need it answers, if any
  message           text NOT NULL DEFAULT '',
  status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','answered')),
  feedback_category text CHECK (feedback_category IN ('will_contact','need_details','price_mismatch','trl_insufficient','ip_restricted','already_transferred','not_suitable')),
  feedback_note     text NOT NULL DEFAULT '',
  answered_by       bigint REFERENCES users(id),
  answered_at       timestamptz,
  created_by        bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (achievement_id, enterprise_id),
  CHECK ((status = 'answered') = (feedback_category IS NOT NULL))
);
CREATE INDEX achievement_interests_enterprise_idx ON achievement_interests (enterprise_id, id);

-- 首试首用 / 首台(套): a large firm's first trial or first use of an SME's product.
CREATE TABLE first_uses (
  id                  bigserial PRIMARY KEY,
  kind                text NOT NULL CHECK (kind IN ('first_use','first_of_kind')),
  supplier_id         bigint NOT NULL REFERENCES enterprises(id),  -- the SME whose product it is
  user_enterprise_id  bigint NOT NULL REFERENCES enterprises(id),  -- the large firm that tries or uses it
  region_code         text NOT NULL,                               -- the supplier's region: gov users see records of SMEs in their scope
  product             text NOT NULL,
  started_on          date NOT NULL,                               -- business date (Asia/Shanghai)
  outcome             text NOT NULL DEFAULT 'in_progress' CHECK (outcome IN ('in_progress','succeeded','failed')),
  outcome_note        text NOT NULL DEFAULT '',
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (supplier_id <> user_enterprise_id)
);
CREATE INDEX first_uses_region_idx ON first_uses (region_code text_pattern_ops, id);
CREATE INDEX first_uses_supplier_idx ON first_uses (supplier_id, id);
CREATE INDEX first_uses_user_idx ON first_uses (user_enterprise_id, id);
