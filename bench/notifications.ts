/**
 * Notifications benchmark on a fresh embedded PostgreSQL: `notify()` fanning one event out to the
 * 10,000 gov users of a region (half of them with that kind's in-app off, checked in the same
 * INSERT … SELECT), and the daily digest build for 10,000 subscribed users over 200,000
 * notifications of the previous day. Wall time and this process's CPU time.
 *
 *   npx tsx bench/notifications.ts [--users 10000] [--notifications 200000]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openStore } from '../src/server/db/store.js';
import { SYSTEM_ACTOR } from '../src/server/platform/actor.js';
import { businessDate } from '../src/server/platform/dates.js';
import { buildDigests } from '../src/server/modules/workbench/notifications.digests.js';
import { notify } from '../src/server/modules/workbench/notifications.service.js';
import { benchConfig, formatNumber, isMain, resultsTable, withTempDir, type BenchResult } from './lib.js';

const REGION = '990100';

async function measure<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

export async function runNotificationsBench(options: { users?: number; notifications?: number; log?: (m: string) => void } = {}): Promise<BenchResult[]> {
  const users = options.users ?? 10_000;
  const total = options.notifications ?? 200_000;
  const log = options.log ?? ((m: string) => console.error(m));
  return withTempDir('notifications', async (dataDir) => {
    const store = await openStore(benchConfig(dataDir), { poolMax: 4 });
    try {
      const db = store.db;
      log(`notifications: ${formatNumber(users)} users, ${formatNumber(total)} notifications…`);
      await sql`INSERT INTO users (username, password_hash, role, region_code)
        SELECT 'bench_' || g, 'x', 'gov', ${REGION} FROM generate_series(1, ${users}) g`.execute(db);
      await sql`INSERT INTO notification_subscriptions (user_id, kind, is_in_app, digest)
        SELECT id, 'task.reminded', id % 2 = 0, 'none' FROM users WHERE region_code = ${REGION}
        UNION ALL SELECT id, 'task.dispatched', true, 'daily' FROM users WHERE region_code = ${REGION}`.execute(db);
      const yesterday = businessDate(new Date(Date.now() - 86_400_000));
      await sql`INSERT INTO notifications (user_id, kind, params, link, entity_type, entity_key, created_at)
        SELECT u.id, CASE WHEN g % 3 = 0 THEN 'task.reported' ELSE 'task.dispatched' END, jsonb_build_object('title', '基准任务' || g, 'from', '江苏省', 'dueOn', '2026-12-31', 'region', '苏州市', 'progress', 0.5),
          '/dispatch/tasks/' || g, 'task', g::text, (${yesterday}::date)::timestamp AT TIME ZONE 'Asia/Shanghai' + (g % 86000) * interval '1 second'
        FROM generate_series(1, ${total}) g JOIN users u ON u.username = 'bench_' || (1 + g % ${users})`.execute(db);
      await sql`ANALYZE`.execute(db);

      const fanOut = await measure(() => db.transaction().execute((tx) => notify(tx, SYSTEM_ACTOR, { govOfRegion: REGION }, { kind: 'task.reminded', params: { title: '基准催办', from: '江苏省', message: '请尽快报送' }, link: '/dispatch/tasks/1', entityType: 'task', entityKey: '1' })));
      const build = await measure(() => buildDigests(db, 'daily'));
      const again = await measure(() => buildDigests(db, 'daily'));
      return [
        { metric: `notify(): one event to ${formatNumber(users)} gov users of a region, half with the kind off in-app`, target: '< 1 s', measured: `${fanOut.ms.toFixed(0)} ms wall (${formatNumber(fanOut.value)} rows; node CPU ${fanOut.cpuMs.toFixed(0)} ms)`, isPass: fanOut.ms < 1000 },
        { metric: `daily digests: ${formatNumber(users)} users, ${formatNumber(total)} notifications of the day (2/3 of a subscribed kind)`, target: '< 30 s', measured: `${(build.ms / 1000).toFixed(1)} s wall (${formatNumber(build.value.written)} digests; node CPU ${(build.cpuMs / 1000).toFixed(1)} s)`, isPass: build.ms < 30_000 },
        { metric: 'daily digests: the same run again (all built: nothing to write)', target: '< 5 s', measured: `${again.ms.toFixed(0)} ms wall (${again.value.written} written)`, isPass: again.ms < 5000 },
      ];
    } finally {
      await store.close();
    }
  });
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { users: { type: 'string' }, notifications: { type: 'string' } } });
  console.log(resultsTable(await runNotificationsBench({ users: values.users ? Number(values.users) : undefined, notifications: values.notifications ? Number(values.notifications) : undefined })));
}
