import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

/** In-app notifications, one row per recipient (migrations/20261201000050_create_notifications.sql). */
export interface NotificationsTables {
  notifications: {
    id: Generated<string>;
    user_id: string;
    kind: string;
    params: Json<Record<string, string | number | null>>;
    link: string;
    entity_type: string;
    entity_key: string;
    created_at: Timestamp;
    read_at: NullableTimestamp;
  };
}
