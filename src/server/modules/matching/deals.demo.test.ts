import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { seedDemo } from '../../demo/seed.js';
import { seedChainsDemo } from '../chains/chains.demo.js';
import { seedDealsDemo } from './deals.demo.js';
import { getRfq, listQuotes, listRfqs, rfqDetails } from './deals.rfq.js';
import { dealStats, listMatches } from './deals.service.js';
import { seedMatchingDemo } from './matching.demo.js';

let db: Db;
const LEADER = '91320571MA1P3K7W9A';
const SME = '91320506MA1M2G8K8W';
const leader = { ...SYSTEM_ACTOR, role: 'member' as const, orgUscc: LEADER };
const sme = { ...SYSTEM_ACTOR, role: 'member' as const, orgUscc: SME };
const govSz = { ...SYSTEM_ACTOR, role: 'gov' as const, regionCode: '320500' };

beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: 600 });
  await seedChainsDemo(db);
  await seedMatchingDemo(db);
}, 120_000);

describe(seedDealsDemo.name, () => {
  it('gives every stage, a past-deadline RFQ the leader can compare, an open RFQ sme is invited to; runs once', async () => {
    await seedDealsDemo(db);
    await seedDealsDemo(db);
    const stats = await dealStats(db, govSz);
    expect(stats.byStage).toEqual({ invited: 1, negotiating: 1, deal: 1, declined: 2 });
    expect(stats.dealAmountFen).toBe(48_600_000_00);

    const rfqs = (await listRfqs(db, leader, { limit: 10 })).items;
    expect(rfqs).toHaveLength(2);
    const past = rfqs.find((r) => r.rfq.title.includes('隔膜'))!;
    const comparison = await listQuotes(db, leader, past.rfq.id);
    expect(comparison.isSealed).toBe(false);
    expect(comparison.items.length).toBeGreaterThanOrEqual(2);

    const invitations = (await listMatches(db, sme, { side: 'supplier', limit: 10 })).items;
    expect(invitations.map((m) => [m.needTitle, m.stage])).toEqual([['电池模组精密结构件配套', 'invited']]);
    const open = (await listRfqs(db, sme, { side: 'supplier', limit: 10 })).items;
    expect(open.map((a) => a.rfq.title)).toEqual(['储能模组端板、侧板询价']);
    const seen = await rfqDetails(db, await getRfq(db, sme, open[0].rfq.id));
    expect(seen).toEqual({ invited: null, quoteCount: null, myQuote: null });
    expect((await listQuotes(db, sme, open[0].rfq.id)).items).toEqual([]);
  });
});
