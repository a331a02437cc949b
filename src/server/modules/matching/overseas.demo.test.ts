import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { seedDemo } from '../../demo/seed.js';
import { demoActors } from '../../demo/actors.js';
import { DEMO_OVERSEAS_JOINED_TITLE, seedOverseasDemo } from './overseas.demo.js';
import { listOverseasOffers } from './overseas.service.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: 300 });
}, 120_000);

describe(seedOverseasDemo.name, () => {
  it('gives the leader two offers, the SME accepted into one; runs once', async () => {
    await seedOverseasDemo(db);
    await seedOverseasDemo(db);
    const actors = await demoActors(db, ['leader', 'sme']);
    const own = await listOverseasOffers(db, actors.get('leader')!, { mine: 'true', limit: 20 });
    expect(own.items).toHaveLength(2);
    const forSme = await listOverseasOffers(db, actors.get('sme')!, { limit: 20 });
    const joined = forSme.items.find((s) => s.offer.title === DEMO_OVERSEAS_JOINED_TITLE);
    expect(joined?.myApplication?.status).toBe('accepted');
    expect(joined?.offer.acceptedCount).toBe(1);
  });
});
