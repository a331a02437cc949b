-- Capacity monitoring of a chain's SMEs (产业链中小企业产能监测, MISSION DC-3; issue 8 item 8;
-- ADR 0036): one row of operating data per enterprise per business month (Asia/Shanghai), reported
-- by the SME itself, imported by a government user, or sent by an industrial-internet platform.
-- Capacity and output share one unit: `fen` (monthly output value 产值, integer fen) or a physical
-- unit (吨, 万件, …). Utilisation is computed by the database, never typed. A report replaces the
-- month's row (upsert); every version is kept in the audit log (entity `capacity_report`).
CREATE TABLE capacity_reports (
  id                  bigserial PRIMARY KEY,
  enterprise_id       bigint NOT NULL REFERENCES enterprises(id),
  month               date NOT NULL CHECK (extract(day FROM month) = 1),  -- first day of the business month
  region_code         text NOT NULL,                 -- the enterprise's region (scope of gov users)
  unit                text NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
  capacity            numeric(18,2) NOT NULL CHECK (capacity > 0),
  output              numeric(18,2) NOT NULL CHECK (output >= 0 AND output <= capacity),
  utilisation         numeric(6,4) GENERATED ALWAYS AS (round(output / capacity, 4)) STORED,
  orders_on_hand_fen  bigint CHECK (orders_on_hand_fen >= 0),
  employees           integer CHECK (employees >= 0),
  source              text NOT NULL CHECK (source IN ('self_report','government_import','platform_api')),
  reported_by         bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise_id, month),
  CHECK (unit <> 'fen' OR (capacity = trunc(capacity) AND output = trunc(output)))
);
-- The monitoring reads a month range for the members of a chain.
CREATE INDEX capacity_reports_month_idx ON capacity_reports (month, enterprise_id);
