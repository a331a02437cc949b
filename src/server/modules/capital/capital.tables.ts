import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint and numeric columns arrive as strings from `pg`. */
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;
/** `date` columns: read them as `::text` in selects (the driver would make a Date of them). */
/** A bigint column with a default. */
type DefaultBigInt = ColumnType<string, string | number | bigint | undefined, string | number | bigint>;
type DateColumn = ColumnType<string, string, string>;

/** Tables of the capital chain: payables ledger, vouchers and complaints (migrations/20261129000007_create_capital.sql). */
export interface CapitalTables {
  payable_contracts: {
    id: Generated<string>;
    buyer_id: string;
    supplier_id: string;
    region_code: string;
    supplier_region_code: string;
    buyer_type: string;
    supplier_size: string | null;
    is_supplier_sme: boolean;
    title: Generated<string>;
    amount_fen: BigIntColumn;
    term_days: number;
    acceptance_days: number | null;
    settlement_mode: Generated<string>;
    late_interest_bp: number | null;
    clauses: Generated<string[]>;
    flags: ColumnType<unknown, string | undefined, string>;
    signed_on: DateColumn;
    rule_version: string;
    created_by: string | null;
    created_at: Timestamp;
  };
  payable_deliveries: {
    id: Generated<string>;
    contract_id: string;
    buyer_id: string;
    supplier_id: string;
    region_code: string;
    delivered_on: DateColumn;
    amount_fen: BigIntColumn;
    invoiced_on: DateColumn | null;
    accepted_on: DateColumn | null;
    due_on: DateColumn;
    due_basis: string;
    paid_fen: DefaultBigInt;
    last_paid_on: DateColumn | null;
    late_paid_fen_days: DefaultBigInt;
    created_by: string | null;
    created_at: Timestamp;
  };
  payable_payments: {
    id: Generated<string>;
    delivery_id: string;
    paid_on: DateColumn;
    amount_fen: BigIntColumn;
    days_late: Generated<number>;
    created_by: string | null;
    created_at: Timestamp;
  };
  vouchers: {
    id: Generated<string>;
    /** Set by the guard trigger (self for a root, the parent's root for a part). */
    root_id: ColumnType<string, string | undefined, never>;
    parent_id: string | null;
    delivery_id: string | null;
    obligor_id: string;
    holder_id: string;
    region_code: string;
    amount_fen: BigIntColumn;
    due_on: DateColumn;
    origin: string;
    status: Generated<string>;
    bank_id: string | null;
    /** Paid to this part's holder (or its bank) by the obligor so far (migration 20261130000031). */
    settled_fen: DefaultBigInt;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  /** One payment's share for one voucher part (append-only; a trigger adds it to `vouchers.settled_fen`). */
  voucher_settlements: {
    id: Generated<string>;
    voucher_id: string;
    payment_id: string;
    payee_id: string;
    amount_fen: BigIntColumn;
    created_at: Timestamp;
  };
  payment_complaints: {
    id: Generated<string>;
    delivery_id: string;
    complainant_id: string;
    buyer_id: string;
    region_code: string;
    description: string;
    evidence: Generated<string[]>;
    claimed_fen: BigIntColumn;
    status: Generated<string>;
    filed_on: DateColumn;
    accept_due_on: DateColumn;
    accepted_on: DateColumn | null;
    result_due_on: DateColumn | null;
    is_extended: Generated<boolean>;
    buyer_response: string | null;
    responded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    outcome: string | null;
    closed_on: DateColumn | null;
    handled_by: string | null;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  financing_requests: {
    id: Generated<string>;
    applicant_id: string;
    region_code: string;
    kind: string;
    voucher_id: string | null;
    amount_fen: BigIntColumn;
    term_days: number;
    bank_id: string | null;
    description: Generated<string>;
    status: Generated<string>;
    /** The bank product it was applied from (migrations/20261201000030_bank_products.sql). */
    product_id: string | null;
    created_by: string | null;
    created_at: Timestamp;
  };
  financing_offers: {
    id: Generated<string>;
    request_id: string;
    bank_id: string;
    rate_bp: number;
    amount_fen: BigIntColumn;
    term_days: number;
    status: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
  };
  /** ⚠️ Points per factor of the SME scorecard (ours, configurable; migrations/20261130000030_create_credit_scores.sql). */
  credit_weights: {
    factor: string;
    max_points: number;
    updated_by: string | null;
    updated_at: Timestamp;
  };
  /** Bank products (信易贷-like catalogue; migrations/20261201000030_bank_products.sql). */
  bank_products: {
    id: Generated<string>;
    bank_id: string;
    name: string;
    kind: string;
    min_amount_fen: BigIntColumn;
    max_amount_fen: BigIntColumn;
    min_rate_bp: number;
    max_rate_bp: number;
    min_term_days: number;
    max_term_days: number;
    region_codes: string[];
    region_prefixes: string[];
    rules: ColumnType<unknown, string, string>;
    description: Generated<string>;
    status: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
}
