import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Tables of consultations and expert committees (migrations/20261130000020_create_consultations.sql). */
export interface TalentTables extends CourseTables, InvestmentTables, SecondmentTables {
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

type DateColumn = ColumnType<string, string, string>;

/** Tables of training courses (migrations/20261130000021_create_courses.sql). */
export interface CourseTables {
  training_courses: {
    id: Generated<string>;
    enterprise_id: string;
    region_code: string;
    chain_id: string | null;
    title: string;
    description: Generated<string>;
    field: Generated<string>;
    base_name: Generated<string>;
    location: Generated<string>;
    mode: Generated<string>;
    starts_on: DateColumn;
    ends_on: DateColumn;
    hours: Generated<number>;
    fee_fen: ColumnType<string, string | number | bigint | undefined, string | number | bigint>;
    capacity: number;
    enrolled_count: Generated<number>;
    is_active: Generated<boolean>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  course_enrolments: {
    id: Generated<string>;
    course_id: string;
    enterprise_id: string;
    region_code: string;
    trainee_name: string;
    status: Generated<string>;
    certificate_no: Generated<string>;
    completed_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
}

/** Equity investments between organisations (migrations/20261201000020_create_investments.sql). */
export interface InvestmentTables {
  investments: {
    id: Generated<string>;
    investor_uscc: string;
    investor_name: Generated<string>;
    investee_uscc: string;
    investee_name: Generated<string>;
    share_bp: number;
    since: ColumnType<string | null, string | null | undefined, string | null>;
    source: Generated<string>;
    region_code: string;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
}

/** Secondments with their periods and reports (migrations/20261201000021_create_secondments.sql). */
export interface SecondmentTables {
  secondments: {
    id: Generated<string>;
    kind: string;
    sender_id: string;
    host_id: string;
    expert_id: string | null;
    engineer_name: string;
    engineer_title: Generated<string>;
    field: Generated<string>;
    goals: Generated<string[]>;
    region_code: string;
    sender_region: string;
    status: Generated<string>;
    confirmed_at: NullableTimestamp;
    rating: number | null;
    rating_comment: Generated<string>;
    rated_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  secondment_periods: {
    id: Generated<string>;
    secondment_id: string;
    seq: number;
    starts_on: DateColumn;
    ends_on: DateColumn;
    planned_days: Generated<number>;
    planned_hours: Generated<number>;
  };
  secondment_reports: {
    id: Generated<string>;
    secondment_id: string;
    period_id: string;
    days: Generated<number>;
    hours: Generated<number>;
    summary: string;
    status: Generated<string>;
    host_comment: Generated<string>;
    decided_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
}
