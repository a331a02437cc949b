import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Tables of the service module (migrations/2026113000006*_*.sql). */
export interface ServicesTables {
  service_cases: {
    id: Generated<string>;
    title: string;
    model: string;
    chain_id: string | null;
    region_code: string;
    owner_org_id: string | null;
    summary: string;
    results: Generated<string>;
    status: Generated<string>;
    review_comment: Generated<string>;
    submitted_at: NullableTimestamp;
    published_at: NullableTimestamp;
    reviewed_by: string | null;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  service_case_enterprises: {
    case_id: string;
    uscc: string;
    name: string;
    role: string;
  };
}
