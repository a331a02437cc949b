import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { DEMO_ANCHORS } from '../../demo/generator.js';
import { seedDemo } from '../../demo/seed.js';
import { demoActors } from '../../demo/actors.js';
import { seedChainsDemo } from './chains.demo.js';
import { seedCapacityDemo } from './capacity.demo.js';
import { addMonths, currentMonth, getCapacityMonitor } from './capacity.service.js';

let db: Db;
const COUNT = Number(process.env.CHAINS_DEMO_COUNT ?? 600);
const name = (key: string) => DEMO_ANCHORS.find((a) => a.key === key)!.name;

beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: COUNT });
  await seedChainsDemo(db);
}, 180_000);

describe(seedCapacityDemo.name, () => {
  it('plants a year of figures with an idle SME, a sharp drop and a missing latest month, once', async () => {
    await seedCapacityDemo(db);
    const chain = await db.selectFrom('chains').select('id').where('name', '=', '苏州市新能源汽车动力电池产业链').executeTakeFirstOrThrow();
    const govSz = (await demoActors(db, ['gov_sz'])).get('gov_sz')!;
    const view = await getCapacityMonitor(db, govSz, chain.id, { idleBelow: 0.6, dropPoints: 15 });
    expect(view.to).toBe(addMonths(currentMonth(), -1));
    expect(view.totals.reporting).toBeGreaterThan(3);
    const alerts = (kind: string) => view.alerts.filter((a) => a.kind === kind).map((a) => a.name);
    expect(alerts('idle')).toContain(name('batteryHousingSme'));
    expect(alerts('drop')).toContain(name('electrolyteSme'));
    expect(alerts('missing')).toContain(name('pcbMedium'));
    expect(view.segments.find((s) => s.key === 'structural-parts')!.months).toHaveLength(12);
    const rows = await db.selectFrom('capacity_reports').select('id').execute();
    await seedCapacityDemo(db);
    expect((await db.selectFrom('capacity_reports').select('id').execute()).length).toBe(rows.length);
  });
});
