import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { seedDemo } from '../../demo/seed.js';
import { seedChainsDemo } from '../chains/chains.demo.js';
import { seedMatchingDemo } from '../matching/index.js';
import { seedFairsDemo } from './fairs.demo.js';

let db: Db;
const LEADER = '91320571MA1P3K7W9A';
const SME = '91320506MA1M2G8K8W';

beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: 600 });
  await seedChainsDemo(db);
  await seedMatchingDemo(db);
}, 180_000);

describe(seedFairsDemo.name, () => {
  it('gives gov_sz a scheduled battery fair where leader and sme meet, and an open fair; runs once', async () => {
    await seedFairsDemo(db);
    await seedFairsDemo(db);
    const fairs = await db.selectFrom('fairs').select(['id', 'title', 'region_code', 'status', 'chain_id']).orderBy('id').execute();
    expect(fairs).toHaveLength(2);
    expect(fairs.every((f) => f.region_code === '320500' && f.status === 'open')).toBe(true);
    expect(fairs[0].chain_id).not.toBeNull();
    const schedule = await db.selectFrom('fair_schedules').select(['gap', 'stats']).where('fair_id', '=', fairs[0].id).executeTakeFirstOrThrow();
    expect(schedule.gap).toBeGreaterThanOrEqual(0);
    const meetings = await db
      .selectFrom('fair_meetings as m')
      .innerJoin('fair_registrations as l', 'l.id', 'm.large_registration_id')
      .innerJoin('enterprises as le', 'le.id', 'l.enterprise_id')
      .innerJoin('fair_registrations as s', 's.id', 'm.sme_registration_id')
      .innerJoin('enterprises as se', 'se.id', 's.enterprise_id')
      .select(['le.uscc as large', 'se.uscc as sme', 'm.is_mutual'])
      .where('m.fair_id', '=', fairs[0].id)
      .execute();
    expect(meetings.length).toBeGreaterThan(10);
    expect(meetings).toContainEqual({ large: LEADER, sme: SME, is_mutual: true });
  }, 120_000);
});
