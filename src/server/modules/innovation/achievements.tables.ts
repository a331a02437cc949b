import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint columns arrive as strings from `pg`. */
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;
/** `date` columns are read as 'YYYY-MM-DD' text (see db/database.ts). */
type DateColumn = ColumnType<string, string, string>;

/** Tables of technology achievements and first-use records (migrations/20261130000010_create_achievements.sql). */
export interface AchievementTables {
  achievements: {
    id: Generated<string>;
    enterprise_id: string;
    region_code: string;
    title: string;
    field: string;
    trl: number;
    patent_numbers: Generated<string[]>;
    transfer_mode: string;
    price_min_fen: BigIntColumn | null;
    price_max_fen: BigIntColumn | null;
    summary: string;
    status: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  achievement_interests: {
    id: Generated<string>;
    achievement_id: string;
    enterprise_id: string;
    region_code: string;
    need_id: string | null;
    message: Generated<string>;
    status: Generated<string>;
    feedback_category: string | null;
    feedback_note: Generated<string>;
    answered_by: string | null;
    answered_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
  };
  first_uses: {
    id: Generated<string>;
    kind: string;
    supplier_id: string;
    user_enterprise_id: string;
    region_code: string;
    product: string;
    started_on: DateColumn;
    outcome: Generated<string>;
    outcome_note: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
}
