import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
type Figure = { key: string; value: number; link: string };
let app: App;
let db: Db;
let jiangsu: Headers;
let suzhou: Headers;
let member: Headers;
let expert: Headers;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: object = {}) => app.inject({ method: 'POST', url, headers, payload });

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  jiangsu = (await loginAs(app, db, { role: 'gov', regionCode: '320000' })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
  // A spread of sizes, tiers and regions: 苏州 (吴中, 园区), 无锡, and 杭州 outside 江苏.
  const firms = [
    await makeEnterprise(db, { regionCode: '320506', tags: ['innovative', 'specialized'] }),
    await makeEnterprise(db, { regionCode: '320506', tags: ['specialized', 'little_giant'], employees: 300, revenue: 30000 }),
    await makeEnterprise(db, { regionCode: '320571', employees: 5000, revenue: 900000, assets: 900000, tags: ['leader'] }),
    await makeEnterprise(db, { regionCode: '320571', employees: 5, revenue: 50, assets: 50 }),
    await makeEnterprise(db, { regionCode: '320214', tags: ['innovative'] }),
    await makeEnterprise(db, { regionCode: '330106', tags: ['specialized'] }),
  ];
  member = (await loginAs(app, db, { role: 'member', orgUscc: firms[0].uscc })).headers;
  const need = { title: '精密冲压件配套采购', description: '新能源汽车电池包结构件，年需求20万套', kind: 'procurement', products: ['精密冲压件'] };
  for (const [firm, steps] of [[firms[0], ['submit', 'publish']], [firms[2], ['submit', 'publish', 'fulfil']], [firms[3], ['submit']], [firms[4], ['submit', 'publish']]] as const) {
    const created = await post('/api/v1/needs', jiangsu, { ...need, uscc: firm.uscc });
    expect(created.statusCode, created.body).toBe(201);
    for (const step of steps) expect((await post(`/api/v1/needs/${created.json().id}/${step}`, jiangsu)).statusCode).toBe(200);
  }
  for (const firm of [firms[1], firms[4]]) {
    const r = await post('/api/v1/risk-events', jiangsu, { uscc: firm.uscc, kind: 'shutdown', severity: 'high', occurredAt: new Date().toISOString() });
    expect(r.statusCode, r.body).toBe(201);
  }
});

/** Figures by key. */
function byKey(figures: Figure[]): Record<string, Figure> {
  return Object.fromEntries(figures.map((f) => [f.key, f]));
}

async function sqlCount(query: ReturnType<typeof sql<{ n: string }>>): Promise<number> {
  return Number((await query.execute(db)).rows[0].n);
}

describe('GET /api/v1/dashboard', () => {
  it('equals counts computed directly in SQL, for 江苏 and for 苏州', async () => {
    for (const [headers, prefix] of [[jiangsu, '32'], [suzhou, '3205']] as const) {
      const r = await get('/api/v1/dashboard', headers);
      expect(r.statusCode, r.body).toBe(200);
      const f = byKey(r.json().figures);
      const like = `${prefix}%`;
      expect(f.enterprises.value).toBe(await sqlCount(sql`SELECT count(*) AS n FROM enterprises WHERE region_code LIKE ${like}`));
      for (const size of ['large', 'medium', 'small', 'micro']) {
        expect(f[`size.${size}`].value).toBe(await sqlCount(sql`SELECT count(*) AS n FROM enterprises WHERE region_code LIKE ${like} AND size = ${size}`));
      }
      for (const tag of ['innovative', 'specialized', 'little_giant', 'leader']) {
        expect(f[`tier.${tag}`].value).toBe(await sqlCount(sql`SELECT count(*) AS n FROM enterprises WHERE region_code LIKE ${like} AND ${tag} = ANY(tags)`));
      }
      expect(f['needs.published'].value).toBe(await sqlCount(sql`SELECT count(*) AS n FROM needs WHERE region_code LIKE ${like} AND published_at IS NOT NULL`));
      expect(f['needs.fulfilled'].value).toBe(await sqlCount(sql`SELECT count(*) AS n FROM needs WHERE region_code LIKE ${like} AND status = 'fulfilled'`));
      expect(f['needs.submitted'].value).toBe(await sqlCount(sql`SELECT count(*) AS n FROM needs WHERE region_code LIKE ${like} AND status = 'submitted'`));
      expect(f['risk.total'].value).toBe(await sqlCount(sql`SELECT count(*) AS n FROM risk_events WHERE region_code LIKE ${like}`));
      expect(f['risk.potential'].value).toBe(await sqlCount(sql`SELECT count(*) AS n FROM risk_events WHERE region_code LIKE ${like} AND status = 'potential'`));
    }
    // The data is not trivial: the figures above compared non-zero counts.
    const sz = byKey((await get('/api/v1/dashboard', suzhou)).json().figures);
    expect([sz.enterprises.value, sz['tier.specialized'].value, sz['needs.published'].value, sz['needs.fulfilled'].value, sz['risk.total'].value]).toEqual([4, 2, 2, 1, 1]);
  });

  it('gives every figure a drill-down link to its list, and per-subregion rows that add up', async () => {
    const view = (await get('/api/v1/dashboard?region=320500', jiangsu)).json();
    expect(view).toMatchObject({ regionCode: '320500', regionName: '苏州市', chainId: null });
    const f = byKey(view.figures);
    expect(f['size.large'].link).toBe('/enterprises?region=320500&size=large');
    expect(f['tier.little_giant'].link).toBe('/enterprises?region=320500&tag=little_giant');
    expect(f['needs.published'].link).toBe('/matching?region=320500&status=published');
    expect(f['risk.total'].link).toBe('/risk?region=320500');
    expect(view.figures.every((x: Figure) => x.link.startsWith('/'))).toBe(true);
    const wuzhong = view.regions.find((r: { regionCode: string }) => r.regionCode === '320506');
    expect(wuzhong).toMatchObject({ regionName: '吴中区', enterprises: 2, specialized: 2, needsPublished: 1, riskEvents: 1, link: '/dashboard?region=320506' });
    const sum = view.regions.reduce((s: number, r: { enterprises: number }) => s + r.enterprises, 0);
    expect(sum).toBe(f.enterprises.value);
  });

  it('narrows to a chain’s member enterprises', async () => {
    const chain = await post('/api/v1/chains', suzhou, { templateKey: 'ev-battery', regionCode: '320500', name: '苏州动力电池产业链' });
    expect(chain.statusCode, chain.body).toBe(201);
    const chainId = chain.json().id;
    const member0 = await db.selectFrom('enterprises').select('uscc').where('region_code', '=', '320571').where('size', '=', 'large').executeTakeFirstOrThrow();
    const segments = await db.selectFrom('chain_segments').select('key').where('chain_id', '=', chainId).limit(1).executeTakeFirstOrThrow();
    expect((await post(`/api/v1/chains/${chainId}/members`, suzhou, { uscc: member0.uscc, segmentKey: segments.key, role: 'leader' })).statusCode).toBeLessThan(300);
    const response = await get(`/api/v1/dashboard?chain=${chainId}`, suzhou);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    const f = byKey(view.figures);
    expect(view.chainName).toBe('苏州动力电池产业链');
    expect(f.enterprises.value).toBe(1);
    expect(f['needs.fulfilled'].value).toBe(1);
    expect(f['weak.break'].link).toBe(`/chains/${chainId}/weak-links?region=320500`);
    expect((await get('/api/v1/dashboard?chain=999999999', suzhou)).statusCode).toBe(404);
  });

  it('is 404 outside the scope and 403 for members and experts; exports xlsx', async () => {
    expect((await get('/api/v1/dashboard?region=320200', suzhou)).statusCode).toBe(404);
    expect((await get('/api/v1/dashboard?region=330000', jiangsu)).statusCode).toBe(404);
    expect((await get('/api/v1/dashboard', member)).statusCode).toBe(403);
    expect((await get('/api/v1/dashboard', expert)).statusCode).toBe(403);
    expect((await get('/api/v1/dashboard?region=999999', jiangsu)).statusCode).toBe(422);
    const xlsx = await get('/api/v1/dashboard/export?region=320500', jiangsu);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
