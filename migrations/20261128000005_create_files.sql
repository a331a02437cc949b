-- Attachments (附件) of any module's records: need attachments, quote files, challenge files …
-- Kept in PostgreSQL so that they commit, roll back and back up with the rows they belong to.
-- A file belongs to one owner (`owner_kind`, `owner_id`); the owning module checks access before
-- reading one, so a file id alone reveals nothing.

CREATE TABLE files (
  id            bigserial PRIMARY KEY,
  owner_kind    text NOT NULL CHECK (owner_kind ~ '^[a-z][a-z_]*$'),
  owner_id      text NOT NULL,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL CHECK (size_bytes > 0),
  sha256        bytea NOT NULL,
  bytes         bytea NOT NULL,
  uploaded_by   bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_owner_idx ON files (owner_kind, owner_id, id);
