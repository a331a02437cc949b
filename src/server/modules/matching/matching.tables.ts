import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint columns arrive as strings from `pg`. */
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;
type DateColumn = ColumnType<string, string, string>;

/** Tables of the matching module (migrations/20261128000004_create_matching.sql; cross-border columns 20261201000070_create_cross_border.sql). */
export interface MatchingTables {
  needs: {
    id: Generated<string>;
    enterprise_id: string;
    region_code: string;
    target_region_code: string | null;
    title: string;
    description: string;
    kind: string;
    products: Generated<string[]>;
    industry_code: string | null;
    quantity: Generated<string>;
    budget_min_fen: BigIntColumn | null;
    budget_max_fen: BigIntColumn | null;
    required_certifications: Generated<string[]>;
    required_level: string | null;
    deadline: DateColumn | null;
    visibility: Generated<string>;
    invited_usccs: Generated<string[]>;
    status: Generated<string>;
    review_comment: string | null;
    reviewed_by: string | null;
    reviewed_at: NullableTimestamp;
    published_at: NullableTimestamp;
    title_en: string | null;
    description_en: string | null;
    is_cross_border: Generated<boolean>;
    target_countries: Generated<string[]>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  offers: {
    id: Generated<string>;
    enterprise_id: string;
    region_code: string;
    title: string;
    description: string;
    products: Generated<string[]>;
    capacity: Generated<string>;
    lead_time_days: number | null;
    certifications: Generated<string[]>;
    regions_served: Generated<string[]>;
    title_en: string | null;
    description_en: string | null;
    is_cross_border: Generated<boolean>;
    target_countries: Generated<string[]>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
}
