-- Voucher settlement from payments (issue 6 item 5, docs/adr/0019-credit-scores-and-voucher-settlement.md).
-- When the buyer pays a delivery whose unpaid amount was confirmed as a voucher, the payment settles
-- the voucher's current parts (its leaves: held or financed) pro rata to what each still has
-- outstanding (largest remainder, ties to the lower id). A financed part's share goes to its bank.
-- Invariants added to those of 20261129000007: a part's settled amount only grows, never exceeds
-- its amount, equals the sum of its settlement rows, and only leaves are settled; a part with
-- anything settled is no longer split, transferred or financed.
ALTER TABLE vouchers ADD COLUMN settled_fen bigint NOT NULL DEFAULT 0;
ALTER TABLE vouchers ADD CONSTRAINT vouchers_settled_range CHECK (settled_fen >= 0 AND settled_fen <= amount_fen);

CREATE TABLE voucher_settlements (
  id           bigserial PRIMARY KEY,
  voucher_id   bigint NOT NULL REFERENCES vouchers(id),
  payment_id   bigint NOT NULL REFERENCES payable_payments(id),
  payee_id     bigint NOT NULL REFERENCES enterprises(id),   -- the holder, or the bank of a financed part
  amount_fen   bigint NOT NULL CHECK (amount_fen > 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (voucher_id, payment_id)
);
CREATE INDEX voucher_settlements_payment_idx ON voucher_settlements (payment_id);

-- Settlement rows are append-only; each adds to its part's settled amount.
CREATE FUNCTION voucher_settlements_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'voucher settlements are never changed or deleted' USING ERRCODE = '23514';
  END IF;
  UPDATE vouchers SET settled_fen = settled_fen + NEW.amount_fen, updated_at = now() WHERE id = NEW.voucher_id;
  RETURN NULL;
END $$;
CREATE TRIGGER voucher_settlements_apply_row AFTER INSERT OR UPDATE OR DELETE ON voucher_settlements FOR EACH ROW EXECUTE FUNCTION voucher_settlements_apply();

CREATE OR REPLACE FUNCTION vouchers_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
    IF NEW.settled_fen < OLD.settled_fen THEN
      RAISE EXCEPTION 'voucher % settled amount cannot fall', OLD.id USING ERRCODE = '23514';
    END IF;
    IF NEW.settled_fen <> OLD.settled_fen AND (OLD.status NOT IN ('held','financed') OR NEW.status <> OLD.status) THEN
      RAISE EXCEPTION 'only a held or financed part is settled (voucher % is %)', OLD.id, OLD.status USING ERRCODE = '23514';
    END IF;
    IF NEW.status <> OLD.status AND OLD.settled_fen > 0 THEN
      RAISE EXCEPTION 'voucher % is partly settled and cannot become %', OLD.id, NEW.status USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
  END IF;
  -- INSERT
  IF NEW.settled_fen <> 0 THEN
    RAISE EXCEPTION 'a voucher part starts unsettled' USING ERRCODE = '23514';
  END IF;
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

-- The deferred check also holds each node's settled amount to the sum of its settlement rows.
CREATE OR REPLACE FUNCTION vouchers_check_parts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  node vouchers%ROWTYPE;
  n bigint;
  total numeric;
  settled numeric;
BEGIN
  FOR node IN SELECT * FROM vouchers WHERE id IN (NEW.id, NEW.parent_id) LOOP
    SELECT count(*), coalesce(sum(amount_fen), 0) INTO n, total FROM vouchers WHERE parent_id = node.id;
    IF (node.status = 'split' AND (n < 2 OR total <> node.amount_fen))
       OR (node.status = 'transferred' AND (n <> 1 OR total <> node.amount_fen))
       OR (node.status IN ('held','financed') AND n <> 0) THEN
      RAISE EXCEPTION 'parts of voucher % (%: % parts, % fen) do not make up its % fen', node.id, node.status, n, total, node.amount_fen
        USING ERRCODE = '23514';
    END IF;
    SELECT coalesce(sum(amount_fen), 0) INTO settled FROM voucher_settlements WHERE voucher_id = node.id;
    IF settled <> node.settled_fen THEN
      RAISE EXCEPTION 'voucher % settled % fen but its settlements sum to %', node.id, node.settled_fen, settled USING ERRCODE = '23514';
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
