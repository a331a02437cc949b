/**
 * The digest builders as they run in production: `xieshou notify digest` as a real process
 * against this file's database, and the hourly timer (`startDigestTimer`, which `startHourlyJobs`
 * schedules) on two "nodes" at once.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import { runCli } from '../../../../test/cli.js';
import { makeActor } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import { businessDate } from '../../platform/dates.js';
import { DIGEST_LOCK_KEY, buildDigests, digestWindow, startDigestTimer, type DigestRun } from './notifications.digests.js';

let db: Db;
let url: string;

beforeAll(async () => {
  ({ db, url } = await createTestDb());
});

/** A user subscribed to a daily digest of `need.published`, with `count` such notifications on `day` (noon, Asia/Shanghai). */
async function subscribedUser(day: string, count: number): Promise<string> {
  const actor = await makeActor(db, { role: 'gov', regionCode: '320500' });
  await db.insertInto('notification_subscriptions').values({ user_id: actor.userId, kind: 'need.published', is_in_app: true, digest: 'daily' }).execute();
  for (let i = 0; i < count; i += 1) {
    await db.insertInto('notifications').values({
      user_id: actor.userId, kind: 'need.published', params: JSON.stringify({ title: `需求${i}` }), link: '/matching', entity_type: 'need', entity_key: String(i),
      created_at: new Date(`${day}T04:00:00Z`),
    }).execute();
  }
  return actor.userId;
}

/** The CLI as an operator runs it, against this file's database. */
const cli = (...args: string[]) => runCli({ DATABASE_URL: url }, ...args);

describe('xieshou notify digest', () => {
  it('builds the daily digest of the day before --on as a real process, and only once', async () => {
    const on = businessDate();
    const day = digestWindow('daily', on).start;
    const userId = await subscribedUser(day, 3);
    const first = await cli('notify', 'digest', '--period', 'daily', '--on', on);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json).toMatchObject({ period: 'daily', periodStart: day, periodEnd: day, isBuilder: true });
    expect(first.json.written).toBeGreaterThanOrEqual(1);
    const stored = await db.selectFrom('notification_digests').select(['period', 'total', 'text_zh', sql<string>`to_char(period_start, 'YYYY-MM-DD')`.as('start')]).where('user_id', '=', userId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ period: 'daily', total: 3, start: day });
    expect(stored[0].text_zh).toContain('需求');
    const again = await cli('notify', 'digest', '--period', 'daily', '--on', on);
    expect(again.code).toBe(0);
    expect(again.json.written).toBe(0);
    expect(await db.selectFrom('notification_digests').select('id').where('user_id', '=', userId).execute()).toHaveLength(1);
  });

  it('names a bad period and a bad date with exit code 1', async () => {
    const r = await cli('notify', 'digest', '--period', 'hourly', '--on', '2026-02-30');
    expect(r.code).toBe(1);
    expect(JSON.stringify(r.json)).toContain('period');
    expect(JSON.stringify(r.json)).toContain('on');
  });
});

describe(startDigestTimer.name, () => {
  it('does nothing while another node holds the lock', async () => {
    const day = digestWindow('daily', businessDate()).start;
    const userId = await subscribedUser(day, 1);
    // Another node's build: the lock is held in an open transaction until we let it go.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const other = db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${DIGEST_LOCK_KEY}::bigint)`.execute(tx);
      locked();
      await released;
    });
    await isLocked;
    const blocked = await buildDigests(db, 'daily');
    expect(blocked).toMatchObject({ isBuilder: false, written: 0 });
    expect(await db.selectFrom('notification_digests').select('id').where('user_id', '=', userId).execute()).toHaveLength(0);
    release();
    await other;
    expect(await buildDigests(db, 'daily')).toMatchObject({ isBuilder: true });
    expect(await db.selectFrom('notification_digests').select('id').where('user_id', '=', userId).execute()).toHaveLength(1);
  });

  it('builds each digest once when two nodes’ timers fire at the same moment', async () => {
    const day = digestWindow('daily', businessDate()).start;
    const users = [await subscribedUser(day, 2), await subscribedUser(day, 1)];
    const runs: DigestRun[] = [];
    const errors: Error[] = [];
    const log = (run: DigestRun | Error) => (run instanceof Error ? errors.push(run) : runs.push(run));
    const stops = [startDigestTimer(db, log, 3_600_000, 0), startDigestTimer(db, log, 3_600_000, 0)];
    try {
      await expect.poll(() => runs.length + errors.length, { timeout: 60_000, interval: 100 }).toBe(4);
    } finally {
      stops.forEach((stop) => stop());
    }
    expect(errors).toEqual([]);
    const daily = runs.filter((r) => r.period === 'daily');
    expect(daily).toHaveLength(2);
    expect(daily.reduce((n, r) => n + r.written, 0)).toBeGreaterThanOrEqual(users.length);
    const digests = await db.selectFrom('notification_digests').select(['user_id', 'total']).where('user_id', 'in', users).where('period', '=', 'daily').orderBy('user_id').execute();
    expect(digests.map((d) => d.total)).toEqual([2, 1]);
  });
});
