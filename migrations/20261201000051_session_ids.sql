-- Sessions get a public id (so a user can list and revoke them without ever seeing a token or its
-- hash) and the client address they were opened from. Forward-only; existing rows get ids.
ALTER TABLE sessions ADD COLUMN id bigserial;
ALTER TABLE sessions ADD COLUMN client_ip text;
CREATE UNIQUE INDEX sessions_id_key ON sessions (id);
