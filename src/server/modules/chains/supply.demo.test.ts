import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { DEMO_ANCHORS } from '../../demo/generator.js';
import { seedDemo } from '../../demo/seed.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { seedChainsDemo } from './chains.demo.js';
import { createSupplyGraph } from './supply.graph-source.js';
import { seedSupplyDemo } from './supply.demo.js';
import { getWeakLinks } from './weak-links.service.js';

let db: Db;
const COUNT = Number(process.env.CHAINS_DEMO_COUNT ?? 600);

beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: COUNT });
  await seedChainsDemo(db);
}, 180_000);

describe(seedSupplyDemo.name, () => {
  it('gives the 苏州 battery chain a 断点 with candidates, a 堵点 and a 卡点; private list owned by the leader; idempotent', async () => {
    const started = performance.now();
    await seedSupplyDemo(db);
    console.log(`seedSupplyDemo with ${COUNT} enterprises: ${Math.round(performance.now() - started)} ms`);
    const count = async () => Number((await db.selectFrom('supply_edges').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const edges = await count();
    expect(edges).toBeGreaterThan(30);
    await seedSupplyDemo(db);
    expect(await count()).toBe(edges);

    const leader = DEMO_ANCHORS.find((a) => a.key === 'batteryLeader')!;
    const privateRows = await db.selectFrom('supply_edges as e').innerJoin('organisations as o', 'o.id', 'e.owner_org_id').select(['e.product', 'o.uscc']).where('e.is_private', '=', true).execute();
    expect(privateRows.length).toBe(4);
    expect(privateRows.every((r) => r.uscc === leader.uscc)).toBe(true);

    const chain = await db.selectFrom('chains').select('id').where('name', '=', '苏州市新能源汽车动力电池产业链').executeTakeFirstOrThrow();
    const gov = { ...SYSTEM_ACTOR, role: 'gov' as const, regionCode: '320500' };
    const result = await getWeakLinks({ db, graph: createSupplyGraph(db) }, gov, chain.id, { candidates: 10 });
    const kinds = new Set(result.items.map((i) => `${i.segmentKey}:${i.kind}`));
    expect(kinds).toContain('minerals:break');
    expect(kinds).toContain('electrolyte:blockage');
    expect(kinds).toContain('separator:choke');
    const gap = result.items.find((i) => i.segmentKey === 'minerals' && i.kind === 'break')!;
    expect(gap.candidates.length).toBeGreaterThan(0);
  });
});
