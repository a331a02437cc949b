import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric columns arrive as strings from `pg`. */
type NumericColumn = ColumnType<string, string | number, string | number>;
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;

/** Tables of capacity monitoring (migrations/20261201000076_create_capacity_reports.sql). */
export interface CapacityTables {
  capacity_reports: {
    id: Generated<string>;
    enterprise_id: string;
    /** First day of the business month, `YYYY-MM-01`. */
    month: ColumnType<string, string, string>;
    region_code: string;
    unit: string;
    capacity: NumericColumn;
    output: NumericColumn;
    /** Generated: output / capacity, 4 decimals. */
    utilisation: ColumnType<string, never, never>;
    orders_on_hand_fen: BigIntColumn | null;
    employees: number | null;
    source: 'self_report' | 'government_import' | 'platform_api';
    reported_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
}
