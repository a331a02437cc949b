import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { seedDemo, seedModuleDemos } from '../../demo/seed.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: 300, seed: 7 });
  await seedModuleDemos(db);
}, 240_000);

describe('seedServicesDemo', () => {
  it('leaves cases in every state: two public, one for 苏州 to review, one returned to the leader, a draft', async () => {
    const rows = await db.selectFrom('service_cases').select(['status', 'region_code', 'review_comment', 'chain_id']).orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['published', 'published', 'submitted', 'returned', 'draft']);
    expect(rows.every((r) => r.region_code.startsWith('3205'))).toBe(true);
    expect(rows[3].review_comment).not.toBe('');
    expect(rows[0].chain_id).not.toBeNull();
    const audited = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'service_case').execute();
    expect(audited.filter((a) => a.action === 'case.publish')).toHaveLength(2);
  });

  it('publishes the two programmes of 苏州', async () => {
    const programmes = await db.selectFrom('service_programmes').select(['region_code']).execute();
    expect(programmes.map((p) => p.region_code)).toEqual(['320500', '320500']);
  });
});

describe('seedDirectoryDemo', () => {
  it('lists three providers with products and leaves the sme one rated, one served and one new request', async () => {
    const providers = await db.selectFrom('service_providers').select(['kind', 'operator_uscc']).orderBy('id').execute();
    expect(providers.map((p) => p.kind)).toEqual(['base', 'platform', 'maker_space']);
    expect(providers[0].operator_uscc).toBe('91320571MA1P3K7W9A');
    const requests = await db.selectFrom('service_requests').select(['status', 'rating']).orderBy('id').execute();
    expect(requests).toEqual([{ status: 'completed', rating: 5 }, { status: 'accepted', rating: null }, { status: 'requested', rating: null }]);
  });
});
