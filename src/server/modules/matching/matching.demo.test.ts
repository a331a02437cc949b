import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { seedDemo } from '../../demo/seed.js';
import { seedChainsDemo } from '../chains/chains.demo.js';
import { seedMatchingDemo } from './matching.demo.js';
import { MatchingIndex } from './matching.index.js';
import { listNeeds, matchedNeedsOf, matchesOfNeed } from './matching.service.js';

let db: Db;
const LEADER = '91320571MA1P3K7W9A';
const SME = '91320506MA1M2G8K8W';

beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: Number(process.env.MATCHING_DEMO_COUNT ?? 600) });
  await seedChainsDemo(db);
}, 120_000);

describe(seedMatchingDemo.name, () => {
  it('gives the leader needs in every state with good candidates, gov_sz a review queue and the SME a feed; runs once', async () => {
    // Speed is the benchmarks' business (the cold-start bench includes the demo), not a timed test.
    await seedMatchingDemo(db);
    await seedMatchingDemo(db);
    const statuses = await db.selectFrom('needs').select('status').execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(['draft', 'submitted', 'published', 'closed', 'fulfilled']));
    expect(statuses).toHaveLength(9);
    const offers = await db.selectFrom('offers').select('id').execute();
    expect(offers.length).toBeGreaterThan(10);

    const deps = { db, index: new MatchingIndex(db) };
    const govSz = { ...SYSTEM_ACTOR, role: 'gov' as const, regionCode: '320500', userId: '0' };
    const queue = await listNeeds(db, govSz, { status: 'submitted', limit: 50 });
    expect(queue.items.map((n) => n.title)).toEqual(['固态电池电解质材料联合研发']);

    const leader = { ...SYSTEM_ACTOR, role: 'member' as const, orgUscc: LEADER };
    const published = await listNeeds(db, leader, { status: 'published', mine: 'true', limit: 50 });
    const electrolyte = published.items.find((n) => n.title.includes('电解液'))!;
    const candidates = await matchesOfNeed(deps, leader, electrolyte.id, 5);
    expect(candidates[0].name).toBe('苏州溶川新材料有限公司');

    const sme = { ...SYSTEM_ACTOR, role: 'member' as const, orgUscc: SME };
    const feed = await matchedNeedsOf(deps, sme, SME, 5);
    expect(feed[0].title).toBe('电池模组精密结构件配套');
  });
});
