import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint columns arrive as strings from `pg`. */
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;
type Json<T> = ColumnType<T, string, string>;
type DateColumn = ColumnType<string, string, string>;

/** Tables of the gradient evaluation, digital-transformation level, solution catalogue (migrations/20261129000008_create_assessment.sql). */
export interface AssessmentTables {
  gradient_yearly: {
    enterprise_id: string;
    year: number;
    region_code: string;
    revenue_fen: BigIntColumn | null;
    main_revenue_fen: BigIntColumn | null;
    net_profit_fen: BigIntColumn | null;
    assets_fen: BigIntColumn | null;
    liabilities_fen: BigIntColumn | null;
    rd_spend_fen: BigIntColumn | null;
    employees: number | null;
    rd_staff: number | null;
    updated_by: string | null;
    updated_at: Timestamp;
  };
  gradient_profiles: {
    enterprise_id: string;
    region_code: string;
    facts: Json<Record<string, unknown>>;
    updated_by: string | null;
    updated_at: Timestamp;
  };
  gradient_screenings: {
    id: Generated<string>;
    region_code: string;
    as_of: DateColumn;
    rule_version: string;
    summary: Json<Record<string, unknown>>;
    created_by: string | null;
    created_at: Timestamp;
  };
  gradient_screening_results: {
    screening_id: string;
    enterprise_id: string;
    tier: string;
    kind: string;
    region_code: string;
    score: number | null;
    route: string | null;
    failed_count: Generated<number>;
    failed: Generated<string[]>;
    leaders_supplied: Generated<number>;
  };
  digital_assessments: {
    id: Generated<string>;
    enterprise_id: string;
    region_code: string;
    form: string;
    status: Generated<string>;
    answers: Json<Record<string, unknown>>;
    score: number | null;
    level: number | null;
    dimensions: Json<unknown> | null;
    shared_with: Generated<string[]>;
    submitted_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  solutions: {
    id: Generated<string>;
    enterprise_id: string;
    region_code: string;
    title: string;
    description: string;
    kind: string;
    industry_codes: Generated<string[]>;
    scenarios: Generated<string[]>;
    dimensions: Generated<string[]>;
    price_band: string;
    deployment_days: number;
    is_published: Generated<boolean>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
}
