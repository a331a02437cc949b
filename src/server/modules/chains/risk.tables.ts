import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** Tables of the risk part of the chains module (migrations/20261128000003_create_risk.sql). */
export interface RiskTables {
  risk_events: {
    id: Generated<string>;
    kind: string;
    severity: string;
    enterprise_id: string | null;
    off_platform_supplier_id: string | null;
    /** Scope key: the enterprise's region or the region of a region event. */
    region_code: string;
    is_region_event: boolean;
    title: string;
    description: Generated<string>;
    source: Generated<string>;
    occurred_at: Timestamp;
    status: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  risk_event_notes: {
    id: Generated<string>;
    event_id: string;
    author_id: string | null;
    author_label: string;
    body: string;
    status_from: string | null;
    status_to: string | null;
    created_at: Timestamp;
  };
  risk_subscriptions: {
    id: Generated<string>;
    user_id: string;
    target: string;
    enterprise_id: string | null;
    chain_id: string | null;
    created_at: Timestamp;
  };
  risk_alerts: {
    id: Generated<string>;
    user_id: string;
    event_id: string;
    exposure: number;
    tier: number;
    hits: Json<unknown[]>;
    read_at: Date | null;
    created_at: Timestamp;
  };
}
