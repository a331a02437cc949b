/** SQL of in-app notifications: every read and write is keyed by the recipient user. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** Who receives a notification: the gov users of one region, or the members of one enterprise. */
export type Recipients = { govOfRegion: string } | { membersOfUscc: string } | { membersOfOrg: string };

/** A notification as stored. */
export interface NotificationRecord {
  id: string;
  kind: string;
  params: Record<string, string | number | null>;
  link: string;
  entityType: string;
  entityKey: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationInsert {
  kind: string;
  params: Record<string, string | number | null>;
  link: string;
  entityType: string;
  entityKey: string;
}

/**
 * One row per active recipient user (except `exceptUserId` and users who turned this kind's
 * in-app notifications off), in one statement; the number written.
 */
export async function insertForRecipients(tx: Tx, recipients: Recipients, row: NotificationInsert, exceptUserId: string | null): Promise<number> {
  const result = await tx
    .insertInto('notifications')
    .columns(['user_id', 'kind', 'params', 'link', 'entity_type', 'entity_key'])
    .expression((eb) => {
      let users = eb
        .selectFrom('users as u')
        .select([
          'u.id',
          sql<string>`${row.kind}`.as('kind'),
          sql<string>`${JSON.stringify(row.params)}::jsonb`.as('params'),
          sql<string>`${row.link}`.as('link'),
          sql<string>`${row.entityType}`.as('entity_type'),
          sql<string>`${row.entityKey}`.as('entity_key'),
        ])
        .where('u.is_disabled', '=', false)
        .where(({ not, exists, selectFrom }) => not(exists(
          selectFrom('notification_subscriptions as s').select('s.user_id').whereRef('s.user_id', '=', 'u.id').where('s.kind', '=', row.kind).where('s.is_in_app', '=', false),
        )));
      if ('govOfRegion' in recipients) users = users.where('u.role', '=', 'gov').where('u.region_code', '=', recipients.govOfRegion);
      else if ('membersOfOrg' in recipients) users = users.where('u.role', '=', 'member').where('u.org_id', '=', recipients.membersOfOrg);
      else users = users.where('u.role', '=', 'member').where('u.org_id', 'in', eb.selectFrom('organisations').select('id').where('uscc', '=', recipients.membersOfUscc));
      if (exceptUserId) users = users.where('u.id', '<>', exceptUserId);
      return users;
    })
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

function toRecord(r: { id: string; kind: string; params: Record<string, string | number | null>; link: string; entity_type: string; entity_key: string; created_at: Date; read_at: Date | null }): NotificationRecord {
  return { id: r.id, kind: r.kind, params: r.params, link: r.link, entityType: r.entity_type, entityKey: r.entity_key, createdAt: r.created_at, readAt: r.read_at };
}

const COLUMNS = ['id', 'kind', 'params', 'link', 'entity_type', 'entity_key', 'created_at', 'read_at'] as const;

/** A page of a user's notifications, newest first. */
export async function selectNotifications(db: Db, userId: string, filter: { isUnreadOnly: boolean; beforeId?: string }, limit: number): Promise<NotificationRecord[]> {
  let query = db.selectFrom('notifications').select(COLUMNS).where('user_id', '=', userId);
  if (filter.isUnreadOnly) query = query.where('read_at', 'is', null);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  return (await query.orderBy('id', 'desc').limit(limit).execute()).map(toRecord);
}

/** The number of a user's unread notifications. */
export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('notifications').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return row.n;
}

/** One of a user's notifications, locked; undefined when it is someone else's or missing. */
export async function selectOwnNotification(tx: Tx, userId: string, id: string): Promise<NotificationRecord | undefined> {
  const row = await tx.selectFrom('notifications').select(COLUMNS).where('id', '=', id).where('user_id', '=', userId).forUpdate().executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Mark one notification read (the first read time stays). */
export async function markRead(tx: Tx, id: string): Promise<NotificationRecord> {
  const row = await tx.updateTable('notifications').set({ read_at: sql`coalesce(read_at, now())` }).where('id', '=', id).returning(COLUMNS).executeTakeFirstOrThrow();
  return toRecord(row);
}

/** Mark all of a user's unread notifications read; the ids marked. */
export async function markAllRead(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx.updateTable('notifications').set({ read_at: sql`now()` }).where('user_id', '=', userId).where('read_at', 'is', null).returning('id').execute();
  return rows.map((r) => r.id);
}

/** A user's subscription rows (only the kinds changed from the default). */
export async function selectSubscriptions(db: Db | Tx, userId: string): Promise<{ kind: string; isInApp: boolean; digest: 'none' | 'daily' | 'weekly' }[]> {
  const rows = await db.selectFrom('notification_subscriptions').select(['kind', 'is_in_app', 'digest']).where('user_id', '=', userId).execute();
  return rows.map((r) => ({ kind: r.kind, isInApp: r.is_in_app, digest: r.digest }));
}

/** Store a user's settings for some kinds: default settings delete the row, others upsert it. */
export async function saveSubscriptions(tx: Tx, userId: string, items: { kind: string; isInApp: boolean; digest: 'none' | 'daily' | 'weekly' }[]): Promise<void> {
  const defaults = items.filter((i) => i.isInApp && i.digest === 'none').map((i) => i.kind);
  const changed = items.filter((i) => !(i.isInApp && i.digest === 'none'));
  if (defaults.length > 0) await tx.deleteFrom('notification_subscriptions').where('user_id', '=', userId).where('kind', 'in', defaults).execute();
  if (changed.length > 0) {
    await tx.insertInto('notification_subscriptions')
      .values(changed.map((i) => ({ user_id: userId, kind: i.kind, is_in_app: i.isInApp, digest: i.digest })))
      .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({ is_in_app: eb.ref('excluded.is_in_app'), digest: eb.ref('excluded.digest'), updated_at: sql`now()` })))
      .execute();
  }
}
