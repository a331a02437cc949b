/**
 * Notification digests (消息摘要): for each user, their notifications of the kinds they subscribed
 * to a period (`daily`: the previous Asia/Shanghai business day; `weekly`: the previous Monday–
 * Sunday), summed up in one stored row with its Chinese text. Building is idempotent (unique per
 * user, period and start) and runs under a transaction-scoped advisory lock, so several nodes may
 * run it on the same hour and only one builds. Digests are shown in-app; `delivered_at` stays null
 * (e-mail delivery is outside the platform).
 */
import { sql } from 'kysely';
import { NOTIFICATION_KINDS, type DigestPeriod, type NotificationDigest, type NotificationKind, type NotificationParams } from '../../../contracts/notifications.js';
import type { Db, Tx } from '../../db/database.js';
import { invalid, notFound } from '../../errors.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { BUSINESS_TZ, businessDate } from '../../platform/dates.js';
import { recordWrites } from '../audit/index.js';
import { KIND_LABELS_ZH, notificationText } from './notifications.present.js';

/** Arbitrary constant naming the digest builders' advisory lock. */
export const DIGEST_LOCK_KEY = 7_310_042_063;
/** Most notifications a digest's text lists one by one (the counts cover all). */
export const DIGEST_LINES_MAX = 10;
export const DIGEST_ENTITY = 'notification_digest';
/** Digest rows per INSERT statement. */
const INSERT_BATCH = 2000;
const NOT_FOUND = '消息摘要';

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The period a run on business date `on` sums up: the day before, or the Monday–Sunday week before `on`'s week. */
export function digestWindow(period: DigestPeriod, on: string): { start: string; end: string } {
  if (period === 'daily') {
    const day = addDays(on, -1);
    return { start: day, end: day };
  }
  const weekday = (new Date(`${on}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const start = addDays(on, -weekday - 7);
  return { start, end: addDays(start, 6) };
}

interface DigestSource { user_id: string; kind: string; params: NotificationParams }

/** The Chinese text of one user's digest. */
export function digestText(period: DigestPeriod, window: { start: string; end: string }, items: { kind: NotificationKind; params: NotificationParams }[]): string {
  const counts = countByKind(items);
  const head = period === 'daily' ? `每日消息摘要（${window.start}）` : `每周消息摘要（${window.start} 至 ${window.end}）`;
  const lines = [
    `${head}：共 ${items.length} 条。`,
    NOTIFICATION_KINDS.filter((k) => counts[k]).map((k) => `${KIND_LABELS_ZH[k]} ${counts[k]} 条`).join('；') + '。',
    ...items.slice(0, DIGEST_LINES_MAX).map((n) => `· ${notificationText(n.kind, n.params)}`),
  ];
  if (items.length > DIGEST_LINES_MAX) lines.push(`……另有 ${items.length - DIGEST_LINES_MAX} 条，请到站内消息查看。`);
  return lines.join('\n');
}

function countByKind(items: { kind: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const n of items) counts[n.kind] = (counts[n.kind] ?? 0) + 1;
  return counts;
}

export interface DigestRun {
  period: DigestPeriod;
  periodStart: string;
  periodEnd: string;
  /** False when another node held the lock (nothing was built by this run). */
  isBuilder: boolean;
  /** Users with notifications of subscribed kinds in the period. */
  users: number;
  /** Digests written now (users who already had this period's digest are skipped). */
  written: number;
}

/**
 * Build the digests of `period` for a run on business date `on` (default today), in one
 * transaction under the advisory lock. A user with no notifications of subscribed kinds in the
 * period gets no digest.
 * @throws validation_failed naming `on` for a date after today.
 */
export async function buildDigests(db: Db, period: DigestPeriod, on: string = businessDate()): Promise<DigestRun> {
  if (on > businessDate()) throw invalid([{ path: 'on', message: '不能为将来的日期生成摘要' }]);
  const window = digestWindow(period, on);
  return db.transaction().execute(async (tx) => {
    const run: DigestRun = { period, periodStart: window.start, periodEnd: window.end, isBuilder: false, users: 0, written: 0 };
    const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${DIGEST_LOCK_KEY}::bigint) AS ok`.execute(tx);
    if (!rows[0].ok) return run;
    run.isBuilder = true;
    const from = sql<Date>`(${window.start}::date)::timestamp AT TIME ZONE ${BUSINESS_TZ}`;
    const to = sql<Date>`(${addDays(window.end, 1)}::date)::timestamp AT TIME ZONE ${BUSINESS_TZ}`;
    const sources = await tx
      .selectFrom('notifications as n')
      .innerJoin('notification_subscriptions as s', (join) => join.onRef('s.user_id', '=', 'n.user_id').onRef('s.kind', '=', 'n.kind'))
      .select(['n.user_id', 'n.kind', 'n.params'])
      .where('s.digest', '=', period)
      .where('n.created_at', '>=', from)
      .where('n.created_at', '<', to)
      .where(({ not, exists, selectFrom }) => not(exists(
        selectFrom('notification_digests as d').select('d.id').whereRef('d.user_id', '=', 'n.user_id').where('d.period', '=', period).where('d.period_start', '=', window.start),
      )))
      .orderBy('n.user_id').orderBy('n.id')
      .execute();
    const byUser = new Map<string, DigestSource[]>();
    for (const r of sources) {
      const items = byUser.get(r.user_id);
      if (items) items.push(r);
      else byUser.set(r.user_id, [r]);
    }
    run.users = byUser.size;
    if (byUser.size === 0) return run;
    const values = [...byUser].map(([userId, items]) => {
      const known = items.filter((n): n is DigestSource & { kind: NotificationKind } => (NOTIFICATION_KINDS as readonly string[]).includes(n.kind));
      return {
        user_id: userId, period, period_start: window.start, period_end: window.end,
        counts: JSON.stringify(countByKind(known)), total: known.length, text_zh: digestText(period, window, known),
      };
    });
    // In batches: one statement binds at most 65,535 parameters (7 a row).
    for (let i = 0; i < values.length; i += INSERT_BATCH) {
      const written = await tx.insertInto('notification_digests').values(values.slice(i, i + INSERT_BATCH)).onConflict((oc) => oc.columns(['user_id', 'period', 'period_start']).doNothing()).returning('id').execute();
      run.written += written.length;
    }
    if (run.written > 0) {
      await recordWrites(tx, { actor: SYSTEM_ACTOR }, [{ action: 'notification.digest', entityType: DIGEST_ENTITY, entityKey: `${period}:${window.start}`, regionCode: null, after: { period, periodStart: window.start, periodEnd: window.end, digests: run.written } }]);
    }
    return run;
  });
}

type DigestRow = { id: string; period: DigestPeriod; period_start: string; period_end: string; counts: Record<string, number>; total: number; text_zh: string; created_at: Date; delivered_at: Date | null };
const COLUMNS = ['id', 'period', 'period_start', 'period_end', 'counts', 'total', 'text_zh', 'created_at', 'delivered_at'] as const;

export function presentDigest(d: DigestRow): NotificationDigest {
  return { id: d.id, period: d.period, periodStart: d.period_start, periodEnd: d.period_end, counts: d.counts, total: d.total, text: d.text_zh, createdAt: d.created_at.toISOString(), deliveredAt: d.delivered_at?.toISOString() ?? null };
}

/** The caller's digests, newest first, in cursor pages. @throws validation_failed naming `cursor`. */
export async function listDigests(db: Db, actor: Actor, query: { cursor?: string; limit: number }): Promise<{ items: NotificationDigest[]; nextCursor: string | null }> {
  const beforeId = decodeCursor(query.cursor);
  let q = db.selectFrom('notification_digests').select(COLUMNS).where('user_id', '=', actor.userId);
  if (beforeId) q = q.where('id', '<', beforeId);
  const rows = await q.orderBy('id', 'desc').limit(query.limit + 1).execute();
  const items = rows.slice(0, query.limit);
  return { items: items.map(presentDigest), nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** One of the caller's digests. @throws not_found, also for another user's. */
export async function getDigest(db: Db | Tx, actor: Actor, id: string): Promise<NotificationDigest> {
  if (!/^[1-9][0-9]{0,17}$/.test(id)) throw notFound(NOT_FOUND);
  const row = await db.selectFrom('notification_digests').select(COLUMNS).where('id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
  if (!row) throw notFound(NOT_FOUND);
  return presentDigest(row);
}

/**
 * Run the daily and weekly builds now and then every hour (idempotent: each period is built once,
 * by whichever node takes the lock first). Returns a function that stops the timer.
 */
export function startDigestTimer(db: Db, log: (run: DigestRun | Error) => void, everyMs = 3_600_000, firstAfterMs = 60_000): () => void {
  const tick = async () => {
    for (const period of ['daily', 'weekly'] as const) {
      try {
        log(await buildDigests(db, period));
      } catch (err) {
        log(err as Error);
      }
    }
  };
  const first = setTimeout(() => void tick(), firstAfterMs);
  const every = setInterval(() => void tick(), everyMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
