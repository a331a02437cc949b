-- In-app notifications (站内消息): one row per recipient user, written in the same transaction as
-- the event that causes it (a task dispatched to the user's region, a subordinate's report, a
-- reminder, a need reviewed or returned, a programme application decided). The text is rendered
-- by the client from `kind` and `params`, in the reader's language.

CREATE TABLE notifications (
  id           bigserial PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind         text NOT NULL,                      -- e.g. task.dispatched, need.returned
  params       jsonb NOT NULL DEFAULT '{}'::jsonb, -- what the message names: title, region, progress, comment…
  link         text NOT NULL,                      -- web path of the thing, e.g. /dispatch/tasks/42
  entity_type  text NOT NULL,
  entity_key   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz
);
-- The inbox, newest first, and its unread filter and count.
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id, id DESC) WHERE read_at IS NULL;
