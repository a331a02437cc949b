-- Capital chain (资金链): the payables ledger of large buyers to SME suppliers (contracts,
-- deliveries, payments) under 保障中小企业款项支付条例, and confirmed-receivable vouchers (确权凭证)
-- that suppliers split, transfer up the chain or finance at a bank.
-- Money is integer fen (bigint), business dates are `date` (Asia/Shanghai), times timestamptz.
-- The voucher invariants are enforced here, not only in the service: see docs/adr/0012-vouchers.md.

-- A supply contract between a buyer and a supplier. The buyer's type and the supplier's SME status
-- are fixed at signing (条例 §3), as is the version of the rules in force on the signing date.
CREATE TABLE payable_contracts (
  id                  bigserial PRIMARY KEY,
  buyer_id            bigint NOT NULL REFERENCES enterprises(id),
  supplier_id         bigint NOT NULL REFERENCES enterprises(id),
  region_code         text NOT NULL,               -- the buyer's region (gov scope, distribution)
  supplier_region_code text NOT NULL,
  buyer_type          text NOT NULL CHECK (buyer_type IN ('government','large','other')),
  supplier_size       text CHECK (supplier_size IN ('large','medium','small','micro')),
  is_supplier_sme     boolean NOT NULL,
  title               text NOT NULL DEFAULT '',
  amount_fen          bigint NOT NULL CHECK (amount_fen > 0),
  term_days           int NOT NULL CHECK (term_days >= 0),   -- 0: no payment term agreed
  acceptance_days     int CHECK (acceptance_days >= 0),      -- null: acceptance is not a payment condition
  settlement_mode     text NOT NULL DEFAULT 'delivery' CHECK (settlement_mode IN ('delivery','acceptance','progress')),
  late_interest_bp    int CHECK (late_interest_bp >= 0),     -- agreed late interest, basis points per year; null: the rule's default
  clauses             text[] NOT NULL DEFAULT '{}',
  flags               jsonb NOT NULL DEFAULT '[]',           -- unfair-term flags found at entry [{rule, message, severity}]
  signed_on           date NOT NULL,
  rule_version        text NOT NULL,                         -- key of the rules version in force on signed_on
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (buyer_id <> supplier_id)
);
CREATE INDEX payable_contracts_buyer_idx ON payable_contracts (buyer_id, id);
CREATE INDEX payable_contracts_supplier_idx ON payable_contracts (supplier_id, id);
CREATE INDEX payable_contracts_region_idx ON payable_contracts (region_code text_pattern_ops, id);

-- A delivery (交付) under a contract, its acceptance (验收) and what has been paid. `due_on` is the
-- legal due date as computed by the rules (ledger.rules.ts) from the data now known; it only moves
-- earlier when the buyer accepts before its acceptance period ends, and is rewritten with it.
CREATE TABLE payable_deliveries (
  id                  bigserial PRIMARY KEY,
  contract_id         bigint NOT NULL REFERENCES payable_contracts(id),
  buyer_id            bigint NOT NULL REFERENCES enterprises(id),
  supplier_id         bigint NOT NULL REFERENCES enterprises(id),
  region_code         text NOT NULL,               -- the buyer's region
  delivered_on        date NOT NULL,
  amount_fen          bigint NOT NULL CHECK (amount_fen > 0),
  invoiced_on         date,
  accepted_on         date,
  due_on              date NOT NULL,
  due_basis           text NOT NULL,               -- the reason, citing the rule
  paid_fen            bigint NOT NULL DEFAULT 0,
  last_paid_on        date,
  late_paid_fen_days numeric NOT NULL DEFAULT 0,     -- Σ amount × days late of the payments made late (fen·days), for the scan
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (paid_fen >= 0 AND paid_fen <= amount_fen),
  CHECK (accepted_on IS NULL OR accepted_on >= delivered_on)
);
CREATE INDEX payable_deliveries_contract_idx ON payable_deliveries (contract_id, id);
CREATE INDEX payable_deliveries_buyer_idx ON payable_deliveries (buyer_id, id);
CREATE INDEX payable_deliveries_supplier_idx ON payable_deliveries (supplier_id, id);
-- The overdue scan reads only what is still owed.
CREATE INDEX payable_deliveries_open_idx ON payable_deliveries (due_on) WHERE paid_fen < amount_fen;

CREATE TABLE payable_payments (
  id                  bigserial PRIMARY KEY,
  delivery_id         bigint NOT NULL REFERENCES payable_deliveries(id),
  paid_on             date NOT NULL,
  amount_fen          bigint NOT NULL CHECK (amount_fen > 0),
  days_late           int NOT NULL DEFAULT 0 CHECK (days_late >= 0),  -- against the due date at the time it was recorded
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payable_payments_delivery_idx ON payable_payments (delivery_id, id);

-- Receivable vouchers (确权凭证, 云信-like). A voucher is a tree: the root is created when the
-- buyer (obligor) confirms a delivery's unpaid amount; a `split` node has children whose amounts
-- sum to its own; a `transferred` node has exactly one child of the same amount held by the new
-- holder; `held` nodes can still be used; `financed` nodes sit at a bank. Only `held` nodes change,
-- and only once.
CREATE TABLE vouchers (
  id                  bigserial PRIMARY KEY,
  root_id             bigint NOT NULL,             -- the confirmed voucher (self for a root)
  parent_id           bigint REFERENCES vouchers(id),
  delivery_id         bigint REFERENCES payable_deliveries(id),
  obligor_id          bigint NOT NULL REFERENCES enterprises(id),
  holder_id           bigint NOT NULL REFERENCES enterprises(id),
  region_code         text NOT NULL,               -- the obligor's region
  amount_fen          bigint NOT NULL CHECK (amount_fen > 0),
  due_on              date NOT NULL,
  origin              text NOT NULL CHECK (origin IN ('confirmation','split','transfer')),
  status              text NOT NULL DEFAULT 'held' CHECK (status IN ('held','split','transferred','financed')),
  bank_id             bigint REFERENCES enterprises(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((parent_id IS NULL) = (origin = 'confirmation')),
  CHECK ((delivery_id IS NOT NULL) = (origin = 'confirmation')),
  CHECK ((status = 'financed') = (bank_id IS NOT NULL))
);
CREATE UNIQUE INDEX vouchers_delivery_key ON vouchers (delivery_id) WHERE delivery_id IS NOT NULL;
CREATE INDEX vouchers_parent_idx ON vouchers (parent_id);
CREATE INDEX vouchers_holder_idx ON vouchers (holder_id, id);
CREATE INDEX vouchers_obligor_idx ON vouchers (obligor_id, id);
CREATE INDEX vouchers_bank_idx ON vouchers (bank_id, id) WHERE bank_id IS NOT NULL;

-- Immediate checks: a node's identity never changes, it leaves `held` once, rows are never deleted,
-- and a child can only hang under a node that was split or transferred, with the parent's obligor,
-- root and due date (a transfer's child also its amount).
CREATE FUNCTION vouchers_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p vouchers%ROWTYPE;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'vouchers are never deleted (id %)', OLD.id USING ERRCODE = '23514';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.amount_fen <> OLD.amount_fen OR NEW.holder_id <> OLD.holder_id OR NEW.obligor_id <> OLD.obligor_id
       OR NEW.root_id <> OLD.root_id OR NEW.parent_id IS DISTINCT FROM OLD.parent_id OR NEW.due_on <> OLD.due_on
       OR NEW.origin <> OLD.origin OR NEW.delivery_id IS DISTINCT FROM OLD.delivery_id THEN
      RAISE EXCEPTION 'voucher % may only change its status', OLD.id USING ERRCODE = '23514';
    END IF;
    IF NEW.status <> OLD.status AND OLD.status <> 'held' THEN
      RAISE EXCEPTION 'voucher % is % and cannot become %', OLD.id, OLD.status, NEW.status USING ERRCODE = '23514';
    END IF;
    IF NEW.bank_id IS DISTINCT FROM OLD.bank_id AND OLD.status <> 'held' THEN
      RAISE EXCEPTION 'voucher % is already %', OLD.id, OLD.status USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
  END IF;
  -- INSERT
  IF NEW.parent_id IS NULL THEN
    IF NEW.status <> 'held' THEN
      RAISE EXCEPTION 'a confirmed voucher starts held' USING ERRCODE = '23514';
    END IF;
    NEW.root_id := NEW.id;
    RETURN NEW;
  END IF;
  SELECT * INTO p FROM vouchers WHERE id = NEW.parent_id;
  IF FOUND AND NEW.root_id IS NULL THEN
    NEW.root_id := p.root_id;
  END IF;
  IF NOT FOUND OR NEW.status <> 'held' OR NEW.root_id <> p.root_id OR NEW.obligor_id <> p.obligor_id OR NEW.due_on <> p.due_on
     OR (NEW.origin = 'split' AND p.status <> 'split')
     OR (NEW.origin = 'transfer' AND (p.status <> 'transferred' OR NEW.amount_fen <> p.amount_fen)) THEN
    RAISE EXCEPTION 'voucher part does not fit under voucher %', NEW.parent_id USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER vouchers_guard_row BEFORE INSERT OR UPDATE OR DELETE ON vouchers FOR EACH ROW EXECUTE FUNCTION vouchers_guard();

-- Deferred to commit: a split node's children sum to its amount (at least two of them); a
-- transferred node has exactly one child; held and financed nodes have none.
CREATE FUNCTION vouchers_check_parts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  node vouchers%ROWTYPE;
  n bigint;
  total numeric;
BEGIN
  FOR node IN SELECT * FROM vouchers WHERE id IN (NEW.id, NEW.parent_id) LOOP
    SELECT count(*), coalesce(sum(amount_fen), 0) INTO n, total FROM vouchers WHERE parent_id = node.id;
    IF (node.status = 'split' AND (n < 2 OR total <> node.amount_fen))
       OR (node.status = 'transferred' AND (n <> 1 OR total <> node.amount_fen))
       OR (node.status IN ('held','financed') AND n <> 0) THEN
      RAISE EXCEPTION 'parts of voucher % (%: % parts, % fen) do not make up its % fen', node.id, node.status, n, total, node.amount_fen
        USING ERRCODE = '23514';
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER vouchers_parts_sum AFTER INSERT OR UPDATE ON vouchers
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION vouchers_check_parts();

-- Complaints (投诉) about late payment: filed by the supplier of a late delivery, handled by the gov
-- users of the buyer's region: accepted (受理) or rejected, the buyer may respond, then a result
-- (办结). Deadlines from 条例 (2025) §24–25: result within 30 days of acceptance, extendable to 90.
CREATE TABLE payment_complaints (
  id                  bigserial PRIMARY KEY,
  delivery_id         bigint NOT NULL REFERENCES payable_deliveries(id),
  complainant_id      bigint NOT NULL REFERENCES enterprises(id),   -- the supplier (a contract party, §25)
  buyer_id            bigint NOT NULL REFERENCES enterprises(id),
  region_code         text NOT NULL,                                -- the buyer's region: who handles it
  description         text NOT NULL,
  evidence            text[] NOT NULL DEFAULT '{}',                 -- what the SME submits: documents, links, facts
  claimed_fen         bigint NOT NULL CHECK (claimed_fen > 0),      -- unpaid amount + interest at filing
  status              text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','accepted','rejected','resolved')),
  filed_on            date NOT NULL,
  accept_due_on       date NOT NULL,
  accepted_on         date,
  result_due_on       date,
  is_extended         boolean NOT NULL DEFAULT false,
  buyer_response      text,
  responded_at        timestamptz,
  outcome             text,                                         -- result or rejection reason
  closed_on           date,
  handled_by          bigint REFERENCES users(id),
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_complaints_region_idx ON payment_complaints (region_code text_pattern_ops, id);
CREATE INDEX payment_complaints_buyer_idx ON payment_complaints (buyer_id, id);
CREATE INDEX payment_complaints_complainant_idx ON payment_complaints (complainant_id, id);
CREATE INDEX payment_complaints_delivery_idx ON payment_complaints (delivery_id);

-- Financing requests (融资需求) on confirmed receivables (a held voucher part), orders, warehouse
-- receipts or inventory, addressed to one bank or open to all banks; banks answer with offers; the
-- SME accepts one. Accepting an offer on a receivable finances the voucher part at that bank.
CREATE TABLE financing_requests (
  id                  bigserial PRIMARY KEY,
  applicant_id        bigint NOT NULL REFERENCES enterprises(id),
  region_code         text NOT NULL,               -- the applicant's region
  kind                text NOT NULL CHECK (kind IN ('receivable','order','warehouse_receipt','inventory')),
  voucher_id          bigint REFERENCES vouchers(id),
  amount_fen          bigint NOT NULL CHECK (amount_fen > 0),
  term_days           int NOT NULL CHECK (term_days > 0),
  bank_id             bigint REFERENCES enterprises(id),   -- null: open to all banks
  description         text NOT NULL DEFAULT '',
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open','accepted','withdrawn')),
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'receivable') = (voucher_id IS NOT NULL))
);
CREATE UNIQUE INDEX financing_requests_open_voucher_key ON financing_requests (voucher_id) WHERE status = 'open';
CREATE INDEX financing_requests_bank_idx ON financing_requests (bank_id, id);
CREATE INDEX financing_requests_applicant_idx ON financing_requests (applicant_id, id);

CREATE TABLE financing_offers (
  id                  bigserial PRIMARY KEY,
  request_id          bigint NOT NULL REFERENCES financing_requests(id),
  bank_id             bigint NOT NULL REFERENCES enterprises(id),
  rate_bp             int NOT NULL CHECK (rate_bp > 0),      -- annual rate, basis points
  amount_fen          bigint NOT NULL CHECK (amount_fen > 0),
  term_days           int NOT NULL CHECK (term_days > 0),
  status              text NOT NULL DEFAULT 'offered' CHECK (status IN ('offered','accepted','declined')),
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (request_id, bank_id)
);
