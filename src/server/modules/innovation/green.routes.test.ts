import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let buyer: Awaited<ReturnType<typeof makeEnterprise>>;
let green: Awaited<ReturnType<typeof makeEnterprise>>;
let brown: Awaited<ReturnType<typeof makeEnterprise>>;
let buyerUser: Headers;
let greenUser: Headers;
let brownUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
let expert: Headers;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PUT', url: string, headers: Headers, payload?: object) => app.inject({ method, url, headers, payload: payload ?? {} });
const WAN = 1_000_000;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州绿色采购电池'), industryCode: 'C3841', employees: 5000, revenue: 900000, assets: 900000, products: ['磷酸铁锂电芯'] });
  green = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州绿色隔膜'), industryCode: 'C2922', products: ['锂电隔膜', '陶瓷涂覆隔膜'] });
  brown = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡高碳隔膜'), industryCode: 'C2922', products: ['锂电隔膜', '陶瓷涂覆隔膜'] });
  buyerUser = (await loginAs(app, db, { role: 'member', orgUscc: buyer.uscc })).headers;
  greenUser = (await loginAs(app, db, { role: 'member', orgUscc: green.uscc })).headers;
  brownUser = (await loginAs(app, db, { role: 'member', orgUscc: brown.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

async function criterion(body: object): Promise<string> {
  const r = await send('POST', '/api/v1/green/criteria', buyerUser, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

describe('green criteria and indicators', () => {
  it('publishes criteria (public) and names the missing parameter of a kind', async () => {
    const id = await criterion({ name: '单位营收碳排放强度', kind: 'carbon_intensity', threshold: 0.5 });
    const list = (await get(`/api/v1/green/criteria?buyerUscc=${buyer.uscc}`, greenUser)).json().items;
    expect(list.find((c: { id: string }) => c.id === id)).toMatchObject({ kind: 'carbon_intensity', threshold: 0.5, certification: null, canManage: false });
    for (const [body, path] of [[{ kind: 'carbon_intensity' }, 'threshold'], [{ kind: 'certification' }, 'certification'], [{ kind: 'green_factory' }, 'factoryLevel'], [{ kind: 'green_factory', factoryLevel: 'district' }, 'factoryLevel']] as const) {
      const r = await send('POST', '/api/v1/green/criteria', buyerUser, { name: '测试标准', ...body });
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await send('POST', '/api/v1/green/criteria', expert, { name: '专家标准', kind: 'certification', certification: 'ISO 50001' })).statusCode).toBe(403);
  });

  it('indicators: upsert per year with intensities; members see only their own, gov its region', async () => {
    const report = { year: 2025, energyTce: 800, emissionsTco2e: 2000, revenueFen: 20_000 * WAN, certifications: ['ISO 50001'], factoryLevel: 'provincial' };
    expect((await send('PUT', '/api/v1/green/indicators', greenUser, report)).statusCode).toBe(204);
    expect((await send('PUT', '/api/v1/green/indicators', greenUser, { ...report, emissionsTco2e: 1600 })).statusCode).toBe(204);
    expect((await send('PUT', '/api/v1/green/indicators', brownUser, { ...report, emissionsTco2e: 30_000, certifications: [], factoryLevel: null })).statusCode).toBe(204);
    const own = (await get('/api/v1/green/indicators', greenUser)).json().items;
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ uscc: green.uscc, year: 2025, emissionsTco2e: 1600, carbonIntensity: 0.08, energyIntensity: 0.04 });
    expect((await get(`/api/v1/green/indicators?uscc=${brown.uscc}`, greenUser)).json().items).toEqual([]);
    const suzhouSees = (await get('/api/v1/green/indicators?limit=500', suzhou)).json().items.map((i: { uscc: string }) => i.uscc);
    expect(suzhouSees).toContain(green.uscc);
    expect(suzhouSees).not.toContain(brown.uscc);
    expect((await get('/api/v1/green/indicators?limit=500', wuxi)).json().items.map((i: { uscc: string }) => i.uscc)).toContain(brown.uscc);
    const future = await send('PUT', '/api/v1/green/indicators', greenUser, { ...report, year: 2099 });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0].path).toBe('year');
    expect((await send('PUT', '/api/v1/green/indicators', greenUser, { ...report, uscc: brown.uscc })).json().errors[0].path).toBe('uscc');
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'green_indicator').where('entity_key', '=', `${green.uscc}/2025`).execute();
    expect(audit).toHaveLength(2);
  });
});

describe('needs requiring green criteria', () => {
  it('the matches of a need leave out suppliers that fail its criteria and say what the others meet', async () => {
    const carbon = await criterion({ name: '碳排放强度', kind: 'carbon_intensity', threshold: 0.5 });
    const iso = await criterion({ name: '能源管理体系认证', kind: 'certification', certification: 'ISO 50001' });
    const created = await send('POST', '/api/v1/needs', buyerUser, { kind: 'procurement', title: '湿法涂覆隔膜采购', description: '9μm湿法基膜加陶瓷涂覆，年需求1亿平方米', products: ['锂电隔膜', '陶瓷涂覆隔膜'] });
    expect(created.statusCode, created.body).toBe(201);
    const needId = created.json().id;
    const before = (await get(`/api/v1/needs/${needId}/matches?limit=50`, buyerUser)).json().items.map((m: { uscc: string }) => m.uscc);
    expect(before).toEqual(expect.arrayContaining([green.uscc, brown.uscc]));

    const set = await send('PUT', `/api/v1/needs/${needId}/green-criteria`, buyerUser, { criterionIds: [carbon, iso] });
    expect(set.statusCode, set.body).toBe(200);
    expect((await get(`/api/v1/needs/${needId}/green-criteria`, buyerUser)).json().items.map((c: { id: string }) => c.id).sort()).toEqual([carbon, iso].sort());
    const after = (await get(`/api/v1/needs/${needId}/matches?limit=50`, buyerUser)).json().items;
    const uscc = after.map((m: { uscc: string }) => m.uscc);
    expect(uscc).toContain(green.uscc);
    expect(uscc).not.toContain(brown.uscc);
    expect(after.find((m: { uscc: string }) => m.uscc === green.uscc).green).toEqual(['碳排放强度：0.080 tCO2e/万元（要求 ≤ 0.5）', '能源管理体系认证：持有 ISO 50001']);
    // Every remaining candidate meets both (those without indicators fail the intensity).
    expect(after.every((m: { green?: string[] }) => m.green?.length === 2)).toBe(true);

    // Clearing the requirement restores the unscreened ranking.
    await send('PUT', `/api/v1/needs/${needId}/green-criteria`, buyerUser, { criterionIds: [] });
    expect((await get(`/api/v1/needs/${needId}/matches?limit=50`, buyerUser)).json().items.map((m: { uscc: string }) => m.uscc)).toEqual(before);
  });

  it('only the buyer’s own criteria; others cannot see or set a need’s criteria (404)', async () => {
    const created = await send('POST', '/api/v1/needs', buyerUser, { kind: 'procurement', title: '隔膜采购二', description: '陶瓷涂覆隔膜年度采购', products: ['锂电隔膜'] });
    const needId = created.json().id;
    const foreign = await send('POST', '/api/v1/green/criteria', greenUser, { name: '供应商自己的标准', kind: 'certification', certification: 'ISO 14001' });
    const r = await send('PUT', `/api/v1/needs/${needId}/green-criteria`, buyerUser, { criterionIds: [foreign.json().id] });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].path).toBe('criterionIds[0]');
    for (const headers of [greenUser, wuxi, expert]) {
      expect((await get(`/api/v1/needs/${needId}/green-criteria`, headers)).statusCode).toBe(404);
      expect((await send('PUT', `/api/v1/needs/${needId}/green-criteria`, headers, { criterionIds: [] })).statusCode).toBe(404);
    }
  });

  it('rolls a chain’s green level up by segment', async () => {
    // A province chain: its members come from Suzhou and Wuxi (a city's gov may place only its own region's firms).
    const jiangsu = (await loginAs(app, db, { role: 'gov', regionCode: '320000' })).headers;
    const chain = await send('POST', '/api/v1/chains', jiangsu, { name: '江苏省动力电池产业链（绿色测试）', regionCode: '320000', templateKey: 'ev-battery' });
    expect(chain.statusCode, chain.body).toBe(201);
    const chainId = chain.json().id;
    const keys = (await get(`/api/v1/chains/${chainId}`, jiangsu)).json().segments.map((s: { key: string }) => s.key);
    for (const uscc of [green.uscc, brown.uscc]) {
      const added = await send('POST', `/api/v1/chains/${chainId}/members`, jiangsu, { uscc, segmentKey: keys[0], role: 'supplier' });
      expect(added.statusCode, added.body).toBeLessThan(300);
    }
    const rollup = (await get(`/api/v1/chains/${chainId}/green`, greenUser)).json();
    expect(rollup.segments[0]).toMatchObject({ members: 2, reporting: 2, greenFactories: 1, certified: 1, level: 'B' });
    // Pooled: (1600 + 30000) tCO2e over 40000 万元 = 0.79, just inside the default B cut-off (0.8).
    expect(rollup.segments[0].carbonIntensity).toBeCloseTo((1600 + 30_000) / 40_000);
    expect(rollup.segments[1]).toMatchObject({ members: 0, reporting: 0, carbonIntensity: null, level: 'none' });
    expect((await get('/api/v1/chains/99999999/green', greenUser)).statusCode).toBe(404);
  });
});
