import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint columns arrive as strings from `pg`. */
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;
/** numeric columns arrive as strings from `pg`. */
type NumericColumn = ColumnType<string, string | number, string | number>;
/** `date` columns are read as 'YYYY-MM-DD' text (see db/database.ts). */
type DateColumn = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

/**
 * Tables of consortia, standards and patents, and green criteria (migrations
 * 20261201000010_create_consortia.sql, …000011_create_standards_patents.sql, …000012_create_green.sql).
 */
export interface CollabTables {
  consortia: {
    id: Generated<string>;
    name: string;
    field: Generated<string>;
    description: Generated<string>;
    lead_enterprise_id: string;
    region_code: string;
    chain_id: string | null;
    /** Migration 20261201000032_consortium_segment.sql. */
    segment_key: string | null;
    status: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  consortium_members: {
    consortium_id: string;
    enterprise_id: string;
    role: string;
    status: Generated<string>;
    invited_by: string | null;
    invited_at: Timestamp;
    responded_at: NullableTimestamp;
  };
  consortium_projects: {
    id: Generated<string>;
    consortium_id: string;
    title: string;
    goal: string;
    budget_fen: BigIntColumn;
    starts_on: DateColumn;
    ends_on: DateColumn;
    status: Generated<string>;
    milestones: Json<unknown[]>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  consortium_challenges: {
    consortium_id: string;
    challenge_id: string;
  };
  standard_projects: {
    id: Generated<string>;
    title: string;
    code: Generated<string>;
    level: string;
    status: Generated<string>;
    lead_enterprise_id: string;
    region_code: string;
    chain_id: string | null;
    consortium_id: string | null;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  standard_participants: {
    standard_id: string;
    enterprise_id: string;
    role: string;
  };
  patents: {
    id: Generated<string>;
    number: string;
    title: string;
    enterprise_id: string;
    region_code: string;
    type: string;
    filed_on: DateColumn;
    granted_on: DateColumn | null;
    chain_id: string | null;
    segment_key: string | null;
    created_by: string | null;
    created_at: Timestamp;
  };
  green_criteria: {
    id: Generated<string>;
    buyer_enterprise_id: string;
    region_code: string;
    name: string;
    kind: string;
    threshold: NumericColumn | null;
    certification: string | null;
    factory_level: string | null;
    description: Generated<string>;
    is_active: Generated<boolean>;
    created_by: string | null;
    created_at: Timestamp;
  };
  green_indicators: {
    enterprise_id: string;
    year: number;
    region_code: string;
    energy_tce: NumericColumn;
    emissions_tco2e: NumericColumn;
    revenue_fen: BigIntColumn;
    certifications: Generated<string[]>;
    factory_level: string | null;
    updated_by: string | null;
    updated_at: Timestamp;
  };
  need_green_criteria: {
    need_id: string;
    criterion_id: string;
  };
}
