import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { seedDemo } from '../../demo/seed.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { seedAssessmentDemo, DEMO_SME, DIGITAL_SAMPLE_SIZE } from './assessment.demo.js';
import { listDigitalAssessments } from './digital.service.js';
import { evaluateRegion } from './gradient.screening.js';
import { getGradient } from './gradient.service.js';
import { SupplyGraphHolder } from '../chains/graph/holder.js';
import { supplyEdgeSource } from '../chains/supply.graph-source.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: 600 });
}, 180_000);

describe(seedAssessmentDemo.name, () => {
  it('gives the SME indicators and T0/T1, providers solutions, and gov_sz candidates', async () => {
    await seedAssessmentDemo(db);
    const deps = { db, graph: new SupplyGraphHolder(supplyEdgeSource(db)) };
    const sme = { ...SYSTEM_ACTOR, role: 'member' as const, orgUscc: DEMO_SME };
    const gradient = await getGradient(deps, sme, DEMO_SME, undefined);
    expect(gradient.tiers[0].qualified).toBe(true);
    expect(gradient.tiers[1].qualified).toBe(true);
    expect(gradient.tiers[2].qualified).toBe(false);
    const history = await listDigitalAssessments(db, sme, DEMO_SME);
    expect(history.map((h) => h.round)).toEqual([1, 0]);
    expect(history.map((h) => h.level)).toEqual([3, 2]);
    const sample = await db.selectFrom('digital_assessments').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'submitted').executeTakeFirstOrThrow();
    expect(Number(sample.n)).toBe(2 + DIGITAL_SAMPLE_SIZE);
    expect((await db.selectFrom('solutions').select('id').execute()).length).toBe(6);
    const govSz = { ...SYSTEM_ACTOR, role: 'gov' as const, regionCode: '320500' };
    const screening = await evaluateRegion(deps, govSz, '320500', '2026-11-01', 10);
    expect(screening.counts.innovative.candidates + screening.counts.specialized.candidates).toBeGreaterThan(0);
  }, 120_000);
});
