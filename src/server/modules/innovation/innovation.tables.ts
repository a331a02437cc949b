import type { ColumnType, Generated } from 'kysely';
import type { AchievementTables } from './achievements.tables.js';
import type { CollabTables } from './collab.tables.js';
import type { PanelTables } from './panels.tables.js';
import type { TalentTables } from './talent.tables.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint columns arrive as strings from `pg`. */
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;
type DateColumn = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

/** Tables of the innovation module (migrations/20261129000010_create_innovation.sql). */
export interface InnovationTables extends AchievementTables, TalentTables, CollabTables, PanelTables {
  experts: {
    id: Generated<string>;
    user_id: string | null;
    name: string;
    fields: Generated<string[]>;
    affiliation: Generated<string>;
    affiliation_uscc: string | null;
    region_code: string;
    max_load: Generated<number>;
    is_available: Generated<boolean>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  expert_conflicts: {
    id: Generated<string>;
    expert_id: string;
    uscc: string;
    kind: Generated<string>;
    note: Generated<string>;
    created_at: Timestamp;
  };
  challenges: {
    id: Generated<string>;
    enterprise_id: string | null;
    owner_org_id: string | null;
    region_code: string;
    title: string;
    type: string;
    problem: string;
    targets: Generated<string[]>;
    fields: Generated<string[]>;
    budget_fen: BigIntColumn | null;
    deadline: Timestamp;
    ip_terms: Generated<string>;
    chain_id: string | null;
    segment_key: string | null;
    is_confidential: Generated<boolean>;
    confidential_details: Generated<string>;
    nda_text: Generated<string>;
    criteria: Json<{ key: string; name: string; weight: number }[]>;
    reviews_per_application: Generated<number>;
    disagreement_threshold: Generated<number>;
    status: Generated<string>;
    cancel_reason: string | null;
    cancelled_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  challenge_nda_acceptances: {
    challenge_id: string;
    org_id: string;
    user_id: string;
    accepted_at: Timestamp;
  };
  challenge_questions: {
    id: Generated<string>;
    challenge_id: string;
    asked_by: string;
    question: string;
    answer: string | null;
    answered_by: string | null;
    answered_at: NullableTimestamp;
    created_at: Timestamp;
  };
  challenge_applications: {
    id: Generated<string>;
    challenge_id: string;
    enterprise_id: string;
    region_code: string;
    proposal: string;
    team: Generated<string>;
    schedule: Generated<string>;
    status: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  review_assignments: {
    id: Generated<string>;
    challenge_id: string;
    application_id: string;
    expert_id: string;
    method: string;
    match_score: Generated<number>;
    scores: ColumnType<Record<string, number> | null, string | null | undefined, string | null>;
    total: number | null;
    comment: Generated<string>;
    status: Generated<string>;
    submitted_at: NullableTimestamp;
    created_at: Timestamp;
  };
  challenge_milestones: {
    id: Generated<string>;
    challenge_id: string;
    application_id: string;
    title: string;
    due_date: DateColumn;
    weight_pct: number;
    status: Generated<string>;
    report: Generated<string>;
    accepted_at: NullableTimestamp;
    created_at: Timestamp;
  };
  shared_resources: {
    id: Generated<string>;
    enterprise_id: string;
    region_code: string;
    title: string;
    kind: string;
    specs: Generated<string>;
    location: Generated<string>;
    price_internal_fen: BigIntColumn | null;
    price_external_fen: BigIntColumn | null;
    rules: Generated<string>;
    open_hours_per_week: Generated<number>;
    is_active: Generated<boolean>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  resource_bookings: {
    id: Generated<string>;
    resource_id: string;
    enterprise_id: string;
    region_code: string;
    /** tstzrange, written as `[start,end)` text. */
    period: string;
    status: Generated<string>;
    purpose: Generated<string>;
    decided_by: string | null;
    decided_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
  };
  resource_usages: {
    id: Generated<string>;
    booking_id: string;
    resource_id: string;
    used_minutes: number;
    note: Generated<string>;
    recorded_by: string | null;
    recorded_at: Timestamp;
  };
}
