import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns read as 'YYYY-MM-DD' text (we select them with `to_char`), written as text. */
type DateColumn = ColumnType<string, string, string>;

/** Tables of the supply part of the chains module (migrations/20261128000002_create_supply_edges.sql). */
export interface SupplyTables {
  off_platform_suppliers: {
    id: Generated<string>;
    name: string;
    name_norm: string;
    /** ISO 3166-1 alpha-2. */
    country_code: string;
    created_at: Timestamp;
  };
  supply_edges: {
    id: Generated<string>;
    supplier_id: string | null;
    off_platform_supplier_id: string | null;
    customer_id: string;
    product: string;
    /** Share of the customer's need for the product, 0..1. */
    share: number | null;
    since: DateColumn | null;
    source: Generated<string>;
    is_private: Generated<boolean>;
    owner_org_id: string | null;
    /** The customer's region (distribution column, scope key). */
    region_code: string;
    created_by: string | null;
    created_at: Timestamp;
  };
}
