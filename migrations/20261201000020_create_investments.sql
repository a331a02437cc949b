-- Equity investments between organisations (issue 5 item 1): an expert whose organisation
-- invests in, or is invested by, an applicant is never assigned to review it. Imported from Excel
-- and kept by admins and gov users. Forward-only.

CREATE TABLE investments (
  id             bigserial PRIMARY KEY,
  investor_uscc  text NOT NULL CHECK (investor_uscc ~ '^[0-9A-Z]{18}$'),
  investor_name  text NOT NULL DEFAULT '',
  investee_uscc  text NOT NULL CHECK (investee_uscc ~ '^[0-9A-Z]{18}$'),
  investee_name  text NOT NULL DEFAULT '',
  share_bp       int NOT NULL CHECK (share_bp > 0 AND share_bp <= 10000),  -- share in 0.01 %
  since          date,                                                      -- business date (Asia/Shanghai)
  source         text NOT NULL DEFAULT '',
  -- Region of the party on the platform (the investee's when both are): scope of gov users.
  region_code    text NOT NULL,
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (investor_uscc <> investee_uscc)
);
CREATE UNIQUE INDEX investments_pair_idx ON investments (investor_uscc, investee_uscc);
CREATE INDEX investments_investee_idx ON investments (investee_uscc);
CREATE INDEX investments_region_idx ON investments (region_code text_pattern_ops, id DESC);
