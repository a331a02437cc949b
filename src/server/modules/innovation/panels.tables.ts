import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Tables of review panels (migrations/20261201000074_create_review_panels.sql, ADR 0032). */
export interface PanelTables {
  review_panels: {
    id: Generated<string>;
    challenge_id: string;
    region_code: string;
    name: string;
    chair_expert_id: string;
    state: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
    concluded_at: NullableTimestamp;
  };
  review_panel_members: {
    panel_id: string;
    expert_id: string;
    declared_at: NullableTimestamp;
    added_at: Timestamp;
  };
  review_panel_conflicts: {
    panel_id: string;
    expert_id: string;
    enterprise_id: string;
    reason: string;
    declared_at: Timestamp;
  };
}
