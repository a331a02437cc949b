/**
 * The deals read paths at scale, on a real (embedded) PostgreSQL: `matches` match rows (default
 * 200k; a quarter of them deals) over 2,000 generated enterprises and 20k needs, plus 10k RFQs.
 * Measures p50/p95 over 100 calls each of the service functions behind
 * `GET /deals/stats` (gov 320500: matches with the buyer or the supplier in the region),
 * `GET /matches` (first page, gov and a member) and `GET /deals` (first page, gov).
 * Provisional target (not in the issue): p95 ≤ 100 ms for the stats and ≤ 50 ms for a page.
 *
 *   tsx bench/deals.ts [--matches 200000]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openStore } from '../src/server/db/store.js';
import { SYSTEM_ACTOR, type Actor } from '../src/server/platform/actor.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { dealStats, listDeals, listMatches } from '../src/server/modules/matching/deals.service.js';
import { benchConfig, formatNumber, isMain, resultsTable, withTempDir, type BenchResult } from './lib.js';

export const STATS_P95_TARGET_MS = 100;
export const PAGE_P95_TARGET_MS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(fn: () => Promise<unknown>, runs = 100): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** Seed and measure; returns the rows for `bench/run.ts`. */
export async function runDealsBench(options: { matches: number }): Promise<BenchResult[]> {
  return withTempDir('deals', async (dataDir) => {
    const store = await openStore(benchConfig(dataDir));
    try {
      const { db } = store;
      const t0 = performance.now();
      await seedDemo(db, { count: 2000 });
      const needCount = Math.max(1000, Math.round(options.matches / 10));
      // Needs of random enterprises; matches pair each need with distinct suppliers (10 per need).
      await sql`insert into needs (enterprise_id, region_code, title, description, kind, status, published_at)
        select e.id, e.region_code, '需求' || g, '基准测试需求 ' || g, 'procurement', 'published', now()
        from generate_series(1, ${needCount}) g
        join lateral (select id, region_code from enterprises order by id offset (g * 7919) % 2000 limit 1) e on true`.execute(db);
      await sql`insert into matches (need_id, buyer_enterprise_id, supplier_enterprise_id, region_code, supplier_region_code, stage, decline_reason, declined_by)
        select n.id, n.enterprise_id, s.id, n.region_code, s.region_code,
          (array['invited','negotiating','deal','declined'])[1 + (k % 4)],
          case when k % 4 = 3 then (array['price','delivery','capacity'])[1 + (n.id % 3)] end,
          case when k % 4 = 3 then 'buyer' end
        from (select id, enterprise_id, region_code from needs order by id limit ${Math.ceil(options.matches / 10)}) n
        cross join generate_series(0, 9) k
        join lateral (select id, region_code from enterprises where id <> n.enterprise_id order by id offset ((n.id * 31 + k * 197) % 1990) limit 1) s on true
        on conflict do nothing`.execute(db);
      await sql`insert into deals (match_id, need_id, buyer_enterprise_id, supplier_enterprise_id, amount_fen, signed_on, buyer_region_code, supplier_region_code)
        select id, need_id, buyer_enterprise_id, supplier_enterprise_id, 100000 + id * 37, current_date - (id % 300)::int, region_code, supplier_region_code
        from matches where stage = 'deal'`.execute(db);
      await sql`insert into rfqs (need_id, enterprise_id, region_code, title, deadline_at)
        select id, enterprise_id, region_code, title, now() + interval '7 days' from needs order by id limit 10000`.execute(db);
      await sql`analyze`.execute(db);
      const seedMs = performance.now() - t0;
      const rows = await db.selectFrom('matches').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
      const member = await db.selectFrom('matches as m').innerJoin('enterprises as e', 'e.id', 'm.supplier_enterprise_id').select('e.uscc').groupBy('e.uscc').orderBy(sql`count(*)`, 'desc').limit(1).executeTakeFirstOrThrow();
      const gov: Actor = { ...SYSTEM_ACTOR, role: 'gov', regionCode: '320500' };
      const memberActor: Actor = { ...SYSTEM_ACTOR, role: 'member', orgUscc: member.uscc };
      const stats = await measure(() => dealStats(db, gov));
      const govPage = await measure(() => listMatches(db, gov, { limit: 50 }));
      const memberPage = await measure(() => listMatches(db, memberActor, { limit: 50 }));
      const dealsPage = await measure(() => listDeals(db, gov, { limit: 50 }));
      const label = `${formatNumber(Number(rows.n))} matches`;
      console.error(`deals: seeded ${label} in ${formatNumber(seedMs / 1000, 1)} s`);
      const row = (metric: string, m: { p50: number; p95: number }, target: number): BenchResult => ({
        metric: `${metric} (${label})`, target: `p95 ≤ ${target} ms (provisional)`, measured: `p50 ${formatNumber(m.p50, 1)} ms / p95 ${formatNumber(m.p95, 1)} ms`, isPass: m.p95 <= target,
      });
      return [
        row('deals stats, gov 苏州', stats, STATS_P95_TARGET_MS),
        row('matches page, gov 苏州', govPage, PAGE_P95_TARGET_MS),
        row('matches page, member', memberPage, PAGE_P95_TARGET_MS),
        row('deals page, gov 苏州', dealsPage, PAGE_P95_TARGET_MS),
      ];
    } finally {
      await store.close();
    }
  });
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { matches: { type: 'string', default: '200000' } } });
  const results = await runDealsBench({ matches: Number(values.matches) });
  console.log(resultsTable(results));
}
