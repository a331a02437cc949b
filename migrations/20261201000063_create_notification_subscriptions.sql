-- Per-user notification subscriptions and the digests built from them (issue 8 item 9).
--
-- A subscription row exists only where a user changed a kind from the default (in-app on,
-- digest none); `notify()` skips users whose row for the kind has in-app off, in the event's
-- transaction.
CREATE TABLE notification_subscriptions (
  user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind        text NOT NULL,                 -- a notification kind, e.g. task.dispatched
  is_in_app   boolean NOT NULL DEFAULT true, -- write the notification into the inbox
  digest      text NOT NULL DEFAULT 'none' CHECK (digest IN ('none', 'daily', 'weekly')),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, kind)
);
-- The digest run finds the subscribers of one period.
CREATE INDEX notification_subscriptions_digest_idx ON notification_subscriptions (digest, user_id) WHERE digest <> 'none';

-- One digest per user, period and period start (the unique key makes a rerun harmless). The
-- digest is shown in-app; e-mail delivery is outside the platform, so `delivered_at` (the outbox
-- column for a future mailer) stays null.
CREATE TABLE notification_digests (
  id            bigserial PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  period        text NOT NULL CHECK (period IN ('daily', 'weekly')),
  period_start  date NOT NULL,              -- Asia/Shanghai business date (a Monday for weekly)
  period_end    date NOT NULL,              -- inclusive
  counts        jsonb NOT NULL,             -- { kind: number } of the subscribed kinds
  total         integer NOT NULL,
  text_zh       text NOT NULL,              -- the rendered Chinese digest
  created_at    timestamptz NOT NULL DEFAULT now(),
  delivered_at  timestamptz,                -- outbox: null until an external mailer sends it
  UNIQUE (user_id, period, period_start)
);
CREATE INDEX notification_digests_user_idx ON notification_digests (user_id, id DESC);
-- The digest run reads a user's notifications of a time window.
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at);
