import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { seedDemo } from '../../demo/seed.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { seedCrossBorderDemo } from './crossborder.demo.js';
import { listListings } from './crossborder.service.js';
import { seedMatchingDemo } from './matching.demo.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: 300 });
  await seedMatchingDemo(db);
}, 120_000);

describe(seedCrossBorderDemo.name, () => {
  it('lists published needs and offers for DE, VN, TH and SA, some without English; runs once', async () => {
    await seedCrossBorderDemo(db);
    await seedCrossBorderDemo(db);
    const { items } = await listListings(db, SYSTEM_ACTOR, { limit: 50 });
    expect(items.filter((l) => l.kind === 'need')).toHaveLength(3);
    expect(items.filter((l) => l.kind === 'offer').length).toBeGreaterThanOrEqual(1);
    const countries = new Set(items.flatMap((l) => l.targetCountries));
    for (const c of ['DE', 'VN', 'SA']) expect(countries).toContain(c);
    expect(items.some((l) => l.titleEn === null)).toBe(true);
    expect(items.some((l) => l.titleEn !== null)).toBe(true);
  });
});
