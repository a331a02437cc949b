import type { ColumnType, Generated } from 'kysely';
import type { ServiceDirectoryTables } from './directory.tables.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint columns arrive as strings from `pg`. */
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;
type Json<T> = ColumnType<T, string, string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Tables of the service module (migrations/2026113000006*_*.sql). */
export interface ServicesTables extends ServiceDirectoryTables {
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
  service_programmes: {
    id: Generated<string>;
    title: string;
    region_code: string;
    description: Generated<string>;
    rules: Json<ProgrammeRulesRow>;
    max_amount_fen: BigIntColumn;
    deadline: ColumnType<string, string, string>;
    created_by: string | null;
    created_at: Timestamp;
  };
  service_programme_applications: {
    id: Generated<string>;
    programme_id: string;
    enterprise_id: string;
    region_code: string;
    requested_fen: BigIntColumn;
    plan: Generated<string>;
    is_eligible: boolean;
    reasons: Json<EligibilityReasonRow[]>;
    status: Generated<string>;
    approved_fen: BigIntColumn | null;
    decision_note: Generated<string>;
    decided_by: string | null;
    decided_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
  };
}

/** Eligibility rules of a programme as stored. */
export interface ProgrammeRulesRow {
  isSmeRequired: boolean;
  tagsAny: string[];
  industryDivisions: string[];
}

/** One reason of an eligibility verdict as stored. */
export interface EligibilityReasonRow {
  key: string;
  text: string;
  passed: boolean | null;
  detail: string;
}
