import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint columns arrive as strings from `pg`. */
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;
type DateColumn = ColumnType<string, string, string>;

/** Tables of the match lifecycle (invite → negotiate → deal/decline) and RFQs with sealed quotes (migrations/20261129000005_create_deals.sql). */
export interface DealsTables {
  /** One (need, supplier) pair taken up by the buyer, and where it stands. */
  matches: {
    id: Generated<string>;
    need_id: string;
    buyer_enterprise_id: string;
    supplier_enterprise_id: string;
    /** The buyer's region (gov scope). */
    region_code: string;
    supplier_region_code: string;
    stage: Generated<string>;
    score: number | null;
    message: Generated<string>;
    decline_reason: string | null;
    decline_note: string | null;
    declined_by: string | null;
    invited_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  /** A request for quotation on a published need. */
  rfqs: {
    id: Generated<string>;
    need_id: string;
    enterprise_id: string;
    region_code: string;
    title: string;
    description: Generated<string>;
    deadline_at: ColumnType<Date, Date | string, Date | string>;
    status: Generated<string>;
    awarded_quote_id: string | null;
    awarded_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  /** Suppliers invited to quote on an RFQ. */
  rfq_invitations: {
    rfq_id: string;
    supplier_enterprise_id: string;
    created_at: Timestamp;
  };
  /** A supplier's sealed quote (one per supplier and RFQ; revised until the deadline). */
  quotes: {
    id: Generated<string>;
    rfq_id: string;
    supplier_enterprise_id: string;
    supplier_region_code: string;
    price_fen: BigIntColumn;
    lead_time_days: number;
    moq: Generated<string>;
    terms: Generated<string>;
    submitted_at: Timestamp;
    updated_at: Timestamp;
  };
  /** A signed deal (签约): what dashboards count. */
  deals: {
    id: Generated<string>;
    match_id: string;
    need_id: string;
    buyer_enterprise_id: string;
    supplier_enterprise_id: string;
    amount_fen: BigIntColumn;
    signed_on: DateColumn;
    buyer_region_code: string;
    supplier_region_code: string;
    rfq_id: string | null;
    quote_id: string | null;
    note: Generated<string>;
    recorded_by: string | null;
    created_at: Timestamp;
  };
}
