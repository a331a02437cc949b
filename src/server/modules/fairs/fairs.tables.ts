import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint columns arrive as strings from `pg`. */
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;
type DateColumn = ColumnType<string, string, string>;
type JsonColumn = ColumnType<unknown, string, string>;

/** Tables of the matchmaking fairs (洽谈会) with the meeting scheduler (migrations/20261129000006_create_fairs.sql). */
export interface FairsTables {
  fairs: {
    id: Generated<string>;
    region_code: string;
    chain_id: string | null;
    title: string;
    description: Generated<string>;
    venue: Generated<string>;
    visibility: Generated<string>;
    status: Generated<string>;
    large_capacity: number;
    sme_capacity: number;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  fair_sessions: {
    id: Generated<string>;
    fair_id: string;
    position: number;
    session_date: DateColumn;
    start_time: string;
    slot_minutes: number;
    slot_count: number;
    table_count: number;
  };
  fair_registrations: {
    id: Generated<string>;
    fair_id: string;
    enterprise_id: string;
    region_code: string;
    kind: string;
    status: string;
    created_by: string | null;
    created_at: Timestamp;
    promoted_at: NullableTimestamp;
    cancelled_at: NullableTimestamp;
  };
  fair_wishes: {
    fair_id: string;
    from_registration_id: string;
    to_registration_id: string;
    created_at: Timestamp;
  };
  fair_schedules: {
    fair_id: string;
    objective: number;
    bound: number;
    gap: number;
    stats: JsonColumn;
    options: JsonColumn;
    computed_by: string | null;
    computed_at: Timestamp;
  };
  fair_meetings: {
    id: Generated<string>;
    fair_id: string;
    session_id: string;
    slot_index: number;
    starts_at: Timestamp;
    ends_at: Timestamp;
    table_no: number;
    large_registration_id: string;
    sme_registration_id: string;
    is_mutual: boolean;
    weight: number;
  };
  fair_meeting_outcomes: {
    meeting_id: string;
    fair_id: string;
    outcome: string;
    amount_fen: BigIntColumn | null;
    note: Generated<string>;
    recorded_by: string | null;
    recorded_at: Timestamp;
  };
}
