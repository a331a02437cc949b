import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint columns arrive as strings from `pg`. */
type NullableBigInt = ColumnType<string | null, string | number | bigint | null, string | number | bigint | null>;

/** Tables of the service directory (migrations/20261201000060_create_service_directory.sql). */
export interface ServiceDirectoryTables {
  service_providers: {
    id: Generated<string>;
    name: string;
    kind: string;
    region_code: string;
    operator_uscc: string | null;
    address: Generated<string>;
    contact: Generated<string>;
    description: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
  };
  service_products: {
    id: Generated<string>;
    provider_id: string;
    region_code: string;
    title: string;
    category: string;
    description: Generated<string>;
    price_fen: NullableBigInt;
    is_active: Generated<boolean>;
    created_by: string | null;
    created_at: Timestamp;
  };
  service_requests: {
    id: Generated<string>;
    product_id: string;
    enterprise_id: string;
    region_code: string;
    note: Generated<string>;
    status: Generated<string>;
    reply: Generated<string>;
    rating: number | null;
    review: Generated<string>;
    rated_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
}
