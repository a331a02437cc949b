import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { DEMO_ANCHORS } from '../../demo/generator.js';
import { seedDemo } from '../../demo/seed.js';
import { seedChainsDemo } from './chains.demo.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: Number(process.env.CHAINS_DEMO_COUNT ?? 600) });
}, 120_000);

async function membersBySegment(name: string): Promise<Map<string, Array<{ uscc: string; role: string; regionCode: string }>>> {
  const rows = await db
    .selectFrom('chains as c')
    .innerJoin('chain_segments as s', 's.chain_id', 'c.id')
    .leftJoin('chain_members as m', (join) => join.onRef('m.chain_id', '=', 's.chain_id').onRef('m.segment_key', '=', 's.key'))
    .leftJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .select(['s.key', 'e.uscc', 'm.role', 'e.region_code'])
    .where('c.name', '=', name)
    .execute();
  const out = new Map<string, Array<{ uscc: string; role: string; regionCode: string }>>();
  for (const r of rows) {
    const list = out.get(r.key) ?? [];
    if (r.uscc) list.push({ uscc: r.uscc, role: r.role!, regionCode: r.region_code! });
    out.set(r.key, list);
  }
  return out;
}

describe(seedChainsDemo.name, () => {
  it('makes four regional chains with the anchors in place and a planted 断点 in 苏州; runs once', async () => {
    const started = performance.now();
    await seedChainsDemo(db);
    console.log(`seedChainsDemo with ${process.env.CHAINS_DEMO_COUNT ?? 600} enterprises: ${Math.round(performance.now() - started)} ms`);
    await seedChainsDemo(db);
    const chains = await db.selectFrom('chains').select(['name', 'region_code']).orderBy('id').execute();
    expect(chains.map((c) => c.region_code)).toEqual(['320500', '320200', '320000', '330000']);

    const battery = await membersBySegment('苏州市新能源汽车动力电池产业链');
    const leader = DEMO_ANCHORS.find((a) => a.key === 'batteryLeader')!;
    expect(battery.get('cell')).toContainEqual(expect.objectContaining({ uscc: leader.uscc, role: 'leader' }));
    expect(battery.get('bms')).toContainEqual(expect.objectContaining({ uscc: DEMO_ANCHORS.find((a) => a.key === 'bmsSme')!.uscc, role: 'little_giant' }));
    expect(battery.get('minerals')).toEqual([]);
    const filled = [...battery.values()].filter((list) => list.length > 0).length;
    expect(filled).toBeGreaterThanOrEqual(7);
    for (const list of battery.values()) {
      for (const m of list) expect(m.regionCode.startsWith('3205')).toBe(true);
    }
    const ic = await membersBySegment('无锡市集成电路产业链');
    expect(ic.get('equipment')).toContainEqual(expect.objectContaining({ role: 'leader', uscc: DEMO_ANCHORS.find((a) => a.key === 'semiLeader')!.uscc }));
  }, 60_000);
});
