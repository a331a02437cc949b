import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Tables of overseas service offers (出海服务) and SMEs' applications (migrations/20261201000073_create_overseas_offers.sql). */
export interface OverseasTables {
  /** A large firm's offer to take SMEs abroad, for `capacity` SMEs. */
  overseas_offers: {
    id: Generated<string>;
    enterprise_id: string;
    /** The firm's region (gov scope). */
    region_code: string;
    title: string;
    title_en: string;
    description: string;
    description_en: string;
    target_countries: string[];
    service_kind: string;
    capacity: number;
    /** Raised by each accept under the row lock; CHECK (accepted_count <= capacity). */
    accepted_count: Generated<number>;
    deadline: string;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  /** An SME's application to an offer and the firm's decision. */
  overseas_offer_applications: {
    id: Generated<string>;
    offer_id: string;
    enterprise_id: string;
    region_code: string;
    note: Generated<string>;
    status: Generated<string>;
    decision_note: Generated<string>;
    decided_by: string | null;
    decided_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
  };
}
