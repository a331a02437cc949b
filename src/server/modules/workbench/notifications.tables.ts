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
  /** Per-user changes from the default subscription (migrations/20261201000063_create_notification_subscriptions.sql). */
  notification_subscriptions: {
    user_id: string;
    kind: string;
    is_in_app: boolean;
    digest: 'none' | 'daily' | 'weekly';
    updated_at: Timestamp;
  };
  /** Digests built per user and period; `delivered_at` is the outbox column of a future mailer. */
  notification_digests: {
    id: Generated<string>;
    user_id: string;
    period: 'daily' | 'weekly';
    period_start: ColumnType<string, string, string>;
    period_end: ColumnType<string, string, string>;
    counts: Json<Record<string, number>>;
    total: number;
    text_zh: string;
    created_at: Timestamp;
    delivered_at: NullableTimestamp;
  };
}
