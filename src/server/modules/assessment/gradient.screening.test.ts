import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { lastBusinessYear } from '../../platform/dates.js';
import { generateGradientInputs } from './gradient.generate.js';
import { classifyTier, verdictOf } from './gradient.screening.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let suzhou: Headers;
let wuxi: Headers;
let member: Headers;
const usccs: string[] = [];
let supplierUscc = '';

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  const leader = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试链主'), employees: 5000, revenue: 900000, assets: 900000, tags: ['leader'] });
  // A generated region: SMEs of varied size, some already tagged, all with generated inputs.
  for (let i = 0; i < 60; i++) {
    const tags = i % 10 === 0 ? ['innovative' as const] : i % 17 === 0 ? ['innovative' as const, 'specialized' as const] : [];
    const e = await makeEnterprise(db, { regionCode: i % 2 ? '320505' : '320506', name: uniqueName(`苏州筛查${i}`), employees: 40 + i * 13, revenue: 900 + i * 750, assets: 800 + i * 500, tags });
    usccs.push(e.uscc);
  }
  const outside = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡筛查') });
  void outside;
  await generateGradientInputs(db, '', lastBusinessYear());
  // Three SMEs supply the leader (IC-3 priority).
  const ids = await db.selectFrom('enterprises').select(['id', 'uscc']).where('uscc', 'in', usccs.slice(0, 3)).execute();
  supplierUscc = ids[0].uscc;
  for (const s of ids) {
    await sql`INSERT INTO supply_edges (supplier_id, customer_id, product, region_code) VALUES (${s.id}, ${leader.id}, '电池结构件', '320571')`.execute(db);
  }
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  member = (await loginAs(app, db, { role: 'member', orgUscc: usccs[0] })).headers;
});

const post = (url: string, headers: Headers, payload: object) => app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });

describe('POST /api/v1/gradient-screenings', () => {
  let screeningId = '';

  it('lists exactly what evaluating each enterprise one by one gives', async () => {
    const created = await post('/api/v1/gradient-screenings', suzhou, { region: '320500', nearMissGap: 10 });
    expect(created.statusCode).toBe(201);
    const view = created.json();
    screeningId = view.id;
    expect(view.enterprises).toBe(61); // 60 SMEs + the leader; not 无锡
    expect(view.tiers.innovative.evaluated).toBe(61);

    const batch = new Set<string>();
    for (const tier of ['innovative', 'specialized', 'little_giant']) {
      for (const kind of ['candidate', 'near_miss']) {
        const page = (await get(`/api/v1/gradient-screenings/${screeningId}/results?tier=${tier}&kind=${kind}&limit=500`, suzhou)).json();
        expect(page.total).toBe(page.items.length);
        for (const r of page.items) {
          batch.add(`${r.uscc}/${tier}/${kind}`);
          // Labels, never raw rule keys (issue 7 follow-up): same keys, same order, zh and en.
          expect(r.failedLabels.map((l: { key: string }) => l.key)).toEqual(r.failed);
          for (const l of r.failedLabels) expect(l.zh === l.key || l.en === l.key).toBe(false);
          if (r.route) expect(r.routeLabel.zh).not.toBe(r.route);
        }
      }
    }
    const single = new Set<string>();
    for (const uscc of usccs) {
      const body = (await get(`/api/v1/enterprises/${uscc}/gradient`, suzhou)).json();
      for (const t of body.tiers) {
        const kind = classifyTier(verdictOf(t), 10);
        if (kind === 'candidate' || kind === 'near_miss') single.add(`${uscc}/${t.tier}/${kind}`);
      }
    }
    expect(single.size).toBeGreaterThan(5);
    expect([...batch].sort()).toEqual([...single].sort());
    const counts = view.tiers.innovative.candidates + view.tiers.specialized.candidates + view.tiers.little_giant.candidates;
    expect(counts).toBe([...single].filter((k) => k.endsWith('/candidate')).length);
  });

  it('puts suppliers of chain leaders first (IC-3) and can keep only them', async () => {
    const all = (await get(`/api/v1/gradient-screenings/${screeningId}/results?tier=little_giant&kind=near_miss&limit=500`, suzhou)).json();
    const priority = (await get(`/api/v1/gradient-screenings/${screeningId}/results?tier=little_giant&kind=near_miss&priorityOnly=true`, suzhou)).json();
    for (const r of priority.items) expect(r.leadersSupplied).toBe(1);
    const firstOrdinary = all.items.findIndex((r: { isPriority: boolean }) => !r.isPriority);
    const lastPriority = all.items.map((r: { isPriority: boolean }) => r.isPriority).lastIndexOf(true);
    if (firstOrdinary >= 0 && lastPriority >= 0) expect(lastPriority).toBeLessThan(firstOrdinary);
    const inputs = (await get(`/api/v1/enterprises/${supplierUscc}/gradient`, suzhou)).json();
    expect(inputs.leadersSupplied).toHaveLength(1);
    expect(inputs.metrics.leadersSupplied).toBe(1);
  });

  it('pages with a cursor and exports every list to Excel', async () => {
    const first = (await get(`/api/v1/gradient-screenings/${screeningId}/results?tier=innovative&kind=near_miss&limit=2`, suzhou)).json();
    if (first.total > 2) {
      const second = (await get(`/api/v1/gradient-screenings/${screeningId}/results?tier=innovative&kind=near_miss&limit=2&cursor=${first.nextCursor}`, suzhou)).json();
      expect(second.items[0].uscc).not.toBe(first.items[0].uscc);
    }
    const xlsx = await get(`/api/v1/gradient-screenings/${screeningId}/export`, suzhou);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets).toHaveLength(6);
    const innovative = (await get(`/api/v1/gradient-screenings/${screeningId}/results?tier=innovative&kind=candidate&limit=500`, suzhou)).json();
    expect(book.worksheets[0].rowCount).toBe(innovative.total + 1);
  });

  it('is gov-only, scoped, and 404 to other regions', async () => {
    expect((await post('/api/v1/gradient-screenings', member, {})).statusCode).toBe(403);
    const outside = await post('/api/v1/gradient-screenings', suzhou, { region: '320200' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].path).toBe('region');
    expect((await get(`/api/v1/gradient-screenings/${screeningId}`, wuxi)).statusCode).toBe(404);
    expect((await get(`/api/v1/gradient-screenings/${screeningId}/results`, wuxi)).statusCode).toBe(404);
    expect((await get(`/api/v1/gradient-screenings/${screeningId}/export`, member)).statusCode).toBe(404);
    expect((await get('/api/v1/gradient-screenings', wuxi)).json().items).toEqual([]);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'gradient_screening').execute();
    expect(audit).toEqual([{ action: 'gradient_screening.create' }]);
  });
});
