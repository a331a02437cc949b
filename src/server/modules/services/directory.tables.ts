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

type DateColumn = ColumnType<string, string, string>;

/** Tables of chain leaders' actions, clusters and the transfer catalogue (migrations/20261201000061_create_leaders_clusters.sql). */
export interface LeadersTables {
  chain_leader_actions: {
    id: Generated<string>;
    chain_id: string;
    leader_id: string;
    region_code: string;
    kind: string;
    title: string;
    description: Generated<string>;
    partner_id: string | null;
    amount_fen: NullableBigInt;
    sme_count: number | null;
    started_on: DateColumn;
    created_by: string | null;
    created_at: Timestamp;
  };
  industry_clusters: {
    id: Generated<string>;
    name: string;
    kind: string;
    level: string;
    region_code: string;
    chain_id: string | null;
    industry: Generated<string>;
    recognised_year: number | null;
    description: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
  };
  industry_cluster_members: {
    cluster_id: string;
    enterprise_id: string;
    role: string;
    created_at: Timestamp;
  };
  transfer_catalogue_items: {
    id: Generated<string>;
    region_code: string;
    direction: string;
    chain_id: string | null;
    industry_code: string;
    title: string;
    description: Generated<string>;
    conditions: Generated<string>;
    contact: Generated<string>;
    is_open: Generated<boolean>;
    created_by: string | null;
    created_at: Timestamp;
  };
}

/** Tables of SOE openness (migrations/20261201000062_create_soe_openness.sql). */
export interface SoeOpennessTables {
  soe_openings: {
    id: Generated<string>;
    enterprise_id: string;
    region_code: string;
    ownership: string;
    kind: string;
    title: string;
    description: Generated<string>;
    chain_id: string | null;
    budget_fen: NullableBigInt;
    apply_by: DateColumn;
    created_by: string | null;
    created_at: Timestamp;
  };
  soe_opening_applications: {
    opening_id: string;
    enterprise_id: string;
    note: Generated<string>;
    status: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
    decided_at: NullableTimestamp;
  };
}
