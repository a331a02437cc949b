-- Supply-chain early warning (预警): risk events on an enterprise, an off-platform supplier or a
-- region, each with its incident record (impact status and notes); subscriptions of users to
-- enterprises, suppliers or chains; alerts in each user's inbox. Impact itself is computed in
-- memory from the supply graph (chains/graph/propagate.ts), never stored: it follows the graph.

CREATE TABLE risk_events (
  id             bigserial PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('shutdown','default','dishonest','sanction','disaster','logistics','late_payment')),
  severity       text NOT NULL CHECK (severity IN ('low','medium','high','critical')),
  enterprise_id  bigint REFERENCES enterprises(id) ON DELETE CASCADE,       -- the enterprise hit, if one
  off_platform_supplier_id bigint REFERENCES off_platform_suppliers(id),    -- or the foreign/off-platform supplier hit
  region_code    text NOT NULL,     -- scope key: the enterprise's region, or the region of a region event
  is_region_event boolean NOT NULL, -- true: every enterprise of region_code is a source
  title          text NOT NULL,
  description    text NOT NULL DEFAULT '',
  source         text NOT NULL DEFAULT '',   -- where it is known from (news, 信用中国, a report …)
  occurred_at    timestamptz NOT NULL,
  status         text NOT NULL DEFAULT 'potential' CHECK (status IN ('potential','confirmed','no_impact','recovered')),
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT (enterprise_id IS NOT NULL AND off_platform_supplier_id IS NOT NULL)),
  CHECK (is_region_event = (enterprise_id IS NULL AND off_platform_supplier_id IS NULL))
);
CREATE INDEX risk_events_region_idx ON risk_events (region_code text_pattern_ops, id);
CREATE INDEX risk_events_enterprise_idx ON risk_events (enterprise_id, occurred_at) WHERE enterprise_id IS NOT NULL;

-- The incident record: notes, and each status change with its note.
CREATE TABLE risk_event_notes (
  id           bigserial PRIMARY KEY,
  event_id     bigint NOT NULL REFERENCES risk_events(id) ON DELETE CASCADE,
  author_id    bigint REFERENCES users(id),
  author_label text NOT NULL,
  body         text NOT NULL,
  status_from  text,             -- set when the note records a status change
  status_to    text,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_event_notes_event_idx ON risk_event_notes (event_id, id);

-- What a user watches: one enterprise, all direct suppliers of its own enterprise, or a chain.
CREATE TABLE risk_subscriptions (
  id             bigserial PRIMARY KEY,
  user_id        bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  target         text NOT NULL CHECK (target IN ('enterprise','suppliers','chain')),
  enterprise_id  bigint REFERENCES enterprises(id) ON DELETE CASCADE,
  chain_id       bigint REFERENCES chains(id) ON DELETE CASCADE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((target = 'enterprise') = (enterprise_id IS NOT NULL)),
  CHECK ((target = 'chain') = (chain_id IS NOT NULL))
);
CREATE UNIQUE INDEX risk_subscriptions_identity_idx ON risk_subscriptions (user_id, target, COALESCE(enterprise_id, 0), COALESCE(chain_id, 0));

-- One alert per user and event: which watched items the event hit, the strongest exposure and the nearest tier.
CREATE TABLE risk_alerts (
  id           bigserial PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  event_id     bigint NOT NULL REFERENCES risk_events(id) ON DELETE CASCADE,
  exposure     real NOT NULL,        -- 0..1, the largest over the hit items
  tier         smallint NOT NULL,    -- 0 = a watched enterprise is the event's own enterprise
  hits         jsonb NOT NULL,       -- [{kind, uscc?, chainId?, name, tier, exposure}]
  read_at      timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, event_id)
);
CREATE INDEX risk_alerts_inbox_idx ON risk_alerts (user_id, id);
CREATE INDEX risk_alerts_unread_idx ON risk_alerts (user_id) WHERE read_at IS NULL;
