import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Tables of consultations and expert committees (migrations/20261130000020_create_consultations.sql). */
export interface TalentTables {
  expert_committees: {
    id: Generated<string>;
    region_code: string;
    name: string;
    field: string;
    description: Generated<string>;
    is_active: Generated<boolean>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  committee_members: {
    committee_id: string;
    expert_id: string;
    role: Generated<string>;
    created_at: Timestamp;
  };
  consultations: {
    id: Generated<string>;
    enterprise_id: string;
    region_code: string;
    field: string;
    question: string;
    urgency: Generated<string>;
    committee_id: string | null;
    status: Generated<string>;
    rating: number | null;
    rating_comment: Generated<string>;
    rated_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  consultation_routes: {
    id: Generated<string>;
    consultation_id: string;
    expert_id: string;
    rank: number;
    score: Generated<number>;
    answer: string | null;
    answered_at: NullableTimestamp;
    created_at: Timestamp;
  };
}
