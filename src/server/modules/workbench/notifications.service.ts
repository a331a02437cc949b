/**
 * In-app notifications (站内消息). Modules call {@link notify} inside the transaction of the event,
 * so a notification exists exactly when its event committed. Each user reads only their own
 * notifications: another user's looks missing (404).
 */
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationParams, type NotificationSubscription, type PutSubscriptionsBody } from '../../../contracts/notifications.js';
import type { Db, Tx } from '../../db/database.js';
import { invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import * as repo from './notifications.repo.js';

export type { Recipients } from './notifications.repo.js';

export const NOTIFICATION_ENTITY = 'notification';
const NOT_FOUND = '消息';

/** An event to tell people about: what happened, what it names, where to look. */
export interface NotificationEvent {
  kind: NotificationKind;
  params: NotificationParams;
  /** Web path of the thing, e.g. `/dispatch/tasks/42`. */
  link: string;
  entityType: string;
  entityKey: string;
}

/**
 * Write one notification per recipient user inside the event's transaction (the actor who caused
 * the event is never notified of it). Returns the number written.
 */
export async function notify(tx: Tx, actor: Actor, recipients: repo.Recipients, event: NotificationEvent): Promise<number> {
  return repo.insertForRecipients(tx, recipients, event, actor.userId === '0' ? null : actor.userId);
}

/** A page of the caller's notifications, newest first, with their unread count. @throws validation_failed on a bad cursor. */
export async function listNotifications(db: Db, actor: Actor, query: { cursor?: string; limit: number; unread?: 'true' | 'false' }): Promise<{ items: repo.NotificationRecord[]; nextCursor: string | null; unreadCount: number }> {
  const beforeId = decodeCursor(query.cursor);
  const [rows, unreadCount] = await Promise.all([
    repo.selectNotifications(db, actor.userId, { isUnreadOnly: query.unread === 'true', beforeId }, query.limit + 1),
    repo.countUnread(db, actor.userId),
  ]);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null, unreadCount };
}

/** Mark one of the caller's notifications read (again is harmless). @throws not_found for another user's. */
export async function readNotification(db: Db, context: WriteContext, id: string): Promise<repo.NotificationRecord> {
  if (!/^[1-9][0-9]{0,17}$/.test(id)) throw notFound(NOT_FOUND);
  return db.transaction().execute(async (tx) => {
    const current = await repo.selectOwnNotification(tx, context.actor.userId, id);
    if (!current) throw notFound(NOT_FOUND);
    if (current.readAt) return current;
    const read = await repo.markRead(tx, id);
    await recordWrites(tx, context, [{ action: 'notification.read', entityType: NOTIFICATION_ENTITY, entityKey: id, regionCode: null, before: { readAt: null }, after: { readAt: read.readAt?.toISOString() ?? null } }]);
    return read;
  });
}

/** Mark all of the caller's notifications read; the number marked. */
export async function readAllNotifications(db: Db, context: WriteContext): Promise<{ updated: number }> {
  return db.transaction().execute(async (tx) => {
    const ids = await repo.markAllRead(tx, context.actor.userId);
    if (ids.length > 0) {
      await recordWrites(tx, context, [{ action: 'notification.read_all', entityType: NOTIFICATION_ENTITY, entityKey: `user:${context.actor.userId}`, regionCode: null, after: { count: ids.length, ids: ids.slice(0, 1000) } }]);
    }
    return { updated: ids.length };
  });
}

export const SUBSCRIPTION_ENTITY = 'notification_subscription';

/** Every kind with the user's setting (defaults: in-app on, digest none), in `NOTIFICATION_KINDS` order. */
export async function getSubscriptions(db: Db | Tx, userId: string): Promise<NotificationSubscription[]> {
  const rows = new Map((await repo.selectSubscriptions(db, userId)).map((r) => [r.kind, r]));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, isInApp: rows.get(kind)?.isInApp ?? true, digest: rows.get(kind)?.digest ?? 'none' }));
}

/**
 * Change the caller's settings for the kinds listed (others keep theirs), with one audit entry.
 * @throws validation_failed naming `items.<i>.kind` for a kind listed twice.
 */
export async function putSubscriptions(db: Db, context: WriteContext, body: PutSubscriptionsBody): Promise<NotificationSubscription[]> {
  const seen = new Set<string>();
  const twice = body.items.flatMap((item, i) => (seen.has(item.kind) ? [{ path: `items.${i}.kind`, message: '同一消息类型只能出现一次' }] : (seen.add(item.kind), [])));
  if (twice.length > 0) throw invalid(twice);
  const userId = context.actor.userId;
  return db.transaction().execute(async (tx) => {
    const before = await getSubscriptions(tx, userId);
    await repo.saveSubscriptions(tx, userId, body.items);
    const after = await getSubscriptions(tx, userId);
    const changed = after.filter((a, i) => a.isInApp !== before[i].isInApp || a.digest !== before[i].digest);
    if (changed.length > 0) {
      const kinds = new Set(changed.map((c) => c.kind));
      await recordWrites(tx, context, [{ action: 'notification.subscribe', entityType: SUBSCRIPTION_ENTITY, entityKey: `user:${userId}`, regionCode: null, before: { items: before.filter((b) => kinds.has(b.kind)) }, after: { items: changed } }]);
    }
    return after;
  });
}
