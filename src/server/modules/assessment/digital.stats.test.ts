import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { createDigitalAssessment } from './digital.service.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
/** 苏州 and 无锡 gov users, and a member of the 吴中 SME. */
let suzhou: Headers, wuxi: Headers, member: Headers;

const ALL_L4 = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`s${i + 1}`, 'l4']));
/** 70 → 三级. */
const SEVENTY = { ...ALL_L4, b1: ['o1', 'o2', 'o3', 'o4', 'o5'], b2: 'r60_100', b3: 'r60_100', b4: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7'], b5: 'r60_100', b6: ['o1', 'o2', 'o3', 'o4'], b7: ['o1', 'o2', 'o3', 'o4'], e1: 'better', e2: 'better', e3: 'better', e4: 'better' };
/** 46 → 二级. */
const FORTY_SIX = { ...ALL_L4, b2: 'r60_100', b3: 'r60_100', b4: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7'], b5: 'r60_100', e1: 'better', e2: 'better' };

async function assess(uscc: string, answers: object, submittedAt?: Date) {
  const view = await createDigitalAssessment(db, { actor: SYSTEM_ACTOR }, uscc, { form: 'general-2024', answers: answers as never, isDraft: false });
  if (submittedAt) await db.updateTable('digital_assessments').set({ submitted_at: submittedAt }).where('id', '=', view.id).execute();
  return view;
}

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  // 吴中区 (320506): a 专精特新 battery-parts maker, 二级 in 2025Q1 then 三级; 园区 (320571): a plain software firm, 二级.
  const a = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('吴中电池件'), industryCode: 'C3484', tags: ['innovative', 'specialized'] });
  const b = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('园区软件'), industryCode: 'I6513' });
  const c = await makeEnterprise(db, { regionCode: '320205', name: uniqueName('无锡机械') });
  await assess(a.uscc, FORTY_SIX, new Date('2025-02-10T02:00:00Z'));
  await assess(a.uscc, SEVENTY);
  await assess(b.uscc, FORTY_SIX);
  await assess(c.uscc, SEVENTY);
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  member = (await loginAs(app, db, { role: 'member', orgUscc: a.uscc })).headers;
});

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });

/** The workbook of a 200 `.xlsx` response. */
async function workbookOf(r: Awaited<ReturnType<typeof get>>): Promise<ExcelJS.Workbook> {
  expect([r.statusCode, r.headers['content-type']]).toEqual([200, expect.stringContaining('spreadsheetml')]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  return book;
}

describe('GET /api/v1/digital-assessment-stats', () => {
  it('breaks the newest results down by sub-region, industry, tier, and trends every submission by quarter', async () => {
    const r = await get('/api/v1/digital-assessment-stats?region=320500', suzhou);
    expect(r.statusCode).toBe(200);
    const s = r.json();
    expect(s.enterprises).toBe(2);
    expect(s.averageScore).toBe(58);
    expect(s.byRegion.map((x: { regionCode: string; count: number }) => [x.regionCode, x.count])).toEqual([['320506', 1], ['320571', 1]]);
    expect(s.byIndustry.map((x: { industryCode: string }) => x.industryCode).sort()).toEqual(['C34', 'I65']);
    const specialized = s.byTier.find((x: { tier: string }) => x.tier === 'specialized');
    expect(specialized.count).toBe(1);
    expect(specialized.byLevel.find((l: { level: number }) => l.level === 3).count).toBe(1);
    expect(s.byTier.find((x: { tier: string }) => x.tier === 'little_giant').count).toBe(0);
    expect(s.trend[0]).toMatchObject({ quarter: '2025Q1', count: 1, averageScore: 46 });
    expect(s.trend.reduce((n: number, q: { count: number }) => n + q.count, 0)).toBe(3);
  });

  it('is 403 for members and 422 naming region outside the scope', async () => {
    expect((await get('/api/v1/digital-assessment-stats', member)).statusCode).toBe(403);
    const out = await get('/api/v1/digital-assessment-stats/enterprises?region=320500', wuxi);
    expect(out.statusCode).toBe(422);
    expect(out.json().errors[0].path).toBe('region');
  });
});

describe('drill-down and export', () => {
  it('lists the enterprises behind a level, an industry, a tier; paginates', async () => {
    const level2 = (await get('/api/v1/digital-assessment-stats/enterprises?region=320500&level=2', suzhou)).json();
    expect(level2.items.map((i: { industryCode: string }) => i.industryCode)).toEqual(['I6513']);
    const c34 = (await get('/api/v1/digital-assessment-stats/enterprises?region=320500&industry=C34', suzhou)).json();
    expect(c34.items).toHaveLength(1);
    expect(c34.items[0]).toMatchObject({ level: 3, levelName: '三级', score: 70, tiers: ['innovative', 'specialized'] });
    expect((await get('/api/v1/digital-assessment-stats/enterprises?region=320500&tier=little_giant', suzhou)).json().items).toEqual([]);
    const first = (await get('/api/v1/digital-assessment-stats/enterprises?region=320500&limit=1', suzhou)).json();
    expect(first).toMatchObject({ total: 2 });
    expect(first.items[0].score).toBe(70);
    const second = (await get(`/api/v1/digital-assessment-stats/enterprises?region=320500&limit=1&cursor=${first.nextCursor}`, suzhou)).json();
    expect(second.items[0].score).toBe(46);
    expect(second.nextCursor).toBeNull();
    const bad = await get('/api/v1/digital-assessment-stats/enterprises?level=9', suzhou);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toContain('level');
  });

  it('exports the breakdowns and the filtered list to Excel', async () => {
    const book = await workbookOf(await get('/api/v1/digital-assessment-stats/export?region=320500&level=3', suzhou));
    expect(book.worksheets.map((w) => w.name)).toEqual(['按地区', '按行业', '按梯度', '趋势', '企业名单']);
    const list = book.getWorksheet('企业名单')!;
    expect(list.rowCount).toBe(2);
    expect(list.getRow(2).getCell(5).value).toBe('三级');
    expect(book.getWorksheet('按地区')!.getRow(2).getCell(2).value).toBe(2);
    expect((await get('/api/v1/digital-assessment-stats/export', member)).statusCode).toBe(403);
  });
});
