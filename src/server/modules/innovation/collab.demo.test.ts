import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { demoActors } from '../../demo/actors.js';
import { seedDemo, seedModuleDemos } from '../../demo/seed.js';
import type { Actor } from '../../platform/actor.js';
import { getConsortiumFor, listConsortia } from './consortia.service.js';
import { chainGreen } from './green.service.js';
import { patentCoverage } from './ip.service.js';

let db: Db;
let actors: Map<string, Actor>;
let chainId: string;
beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: 300, seed: 7 });
  await seedModuleDemos(db);
  actors = await demoActors(db, ['leader', 'sme', 'gov_sz', 'gov_wx']);
  chainId = (await db.selectFrom('chains').select('id').where('template_key', '=', 'ev-battery').where('region_code', '=', '320500').executeTakeFirstOrThrow()).id;
}, 240_000);

describe('seedCollabDemo', () => {
  it('a consortium with active members, a pending invitation for `sme`, joint projects and a linked challenge; 苏州 does not see 无锡’s', async () => {
    const leaderList = (await listConsortia(db, actors.get('leader')!, { limit: 20 })).items;
    expect(leaderList.map((c) => c.name)).toEqual(['苏州固态电池创新联合体']);
    const view = await getConsortiumFor(db, actors.get('sme')!, leaderList[0].id);
    expect(view.myInvitation).toBe('invited');
    expect(view.members.map((m) => m.status).sort()).toEqual(['active', 'active', 'active', 'declined', 'invited']);
    expect(view.projects).toHaveLength(2);
    expect(view.challenges.map((c) => c.title)).toEqual(['硫化物固态电解质量产工艺揭榜']);
    expect(view.standards.length).toBe(2);
    expect((await listConsortia(db, actors.get('gov_sz')!, { limit: 20 })).items.map((c) => c.name)).not.toContain('无锡集成电路装备零部件创新联合体');
    expect((await listConsortia(db, actors.get('gov_wx')!, { limit: 20 })).items.map((c) => c.name)).toEqual(['无锡集成电路装备零部件创新联合体']);
  });

  it('patent coverage of the 苏州 battery chain shows held segments and gaps', async () => {
    const coverage = await patentCoverage(db, actors.get('gov_sz')!, chainId);
    const by = new Map(coverage.segments.map((s) => [s.key, s]));
    expect(by.get('cell')).toMatchObject({ leaderPatents: 3, isSmeGap: true });
    expect(by.get('structural-parts')).toMatchObject({ smePatents: 3, isLeaderGap: true });
    expect(by.get('separator')).toMatchObject({ patents: 0, isLeaderGap: true, isSmeGap: true });
    expect(coverage.unassigned).toBe(1);
  });

  it('the chain’s green level reads A, B and C in different segments', async () => {
    const green = await chainGreen(db, actors.get('gov_sz')!, chainId);
    const level = Object.fromEntries(green.segments.map((s) => [s.key, s.level]));
    expect(level).toMatchObject({ cell: 'A', bms: 'B', 'structural-parts': 'C', electrolyte: 'C', minerals: 'none' });
  });
});
