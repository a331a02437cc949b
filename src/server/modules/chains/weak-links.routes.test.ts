import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

let app: App;
let db: Db;
type Headers = { authorization: string };
let gov: Headers;
let otherGov: Headers;
let chainId: string;
type Firm = Awaited<ReturnType<typeof makeEnterprise>>;
const firms: Record<string, Firm> = {};

/**
 * A planted chain in 无锡 (320200), whose region holds nothing else of these tests:
 *   separator — no capable firm in 无锡 (断点), capable firms in 常州 and 深圳;
 *   electrolyte — one capable firm in 无锡 (堵点);
 *   photoresist — the leader buys 80% from Japan (卡点);
 *   cell — the leader and two local firms (healthy).
 */
beforeAll(async () => {
  ({ app, db } = await createTestApp());
  const adminAuth = await loginAs(app, db, { role: 'platform_admin' });
  gov = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  otherGov = (await loginAs(app, db, { role: 'gov', regionCode: '440300' })).headers;
  const make = async (key: string, regionCode: string, extra: { industryCode?: string; tags?: ('little_giant' | 'specialized' | 'leader')[]; employees?: number; revenue?: number; assets?: number } = {}) => {
    firms[key] = await makeEnterprise(db, { regionCode, name: `测试${key}科技有限公司`, ...extra });
  };
  await make('leader', '320214', { industryCode: 'C3841', tags: ['leader'], employees: 5000, revenue: 900000, assets: 900000 });
  await make('cellA', '320205', { industryCode: 'C3841' });
  await make('cellB', '320211', { industryCode: 'C3841', tags: ['specialized'], employees: 200, revenue: 20000, assets: 15000 });
  await make('sepCz', '320402', { industryCode: 'C2922', tags: ['little_giant'], employees: 300, revenue: 30000, assets: 20000 });
  await make('sepSz', '440305', { industryCode: 'C2922' });
  await make('elecOnly', '320214', { industryCode: 'C2669', employees: 150, revenue: 12000, assets: 9000 });
  await make('elecElse', '420100', { industryCode: 'C2669', tags: ['specialized'] });
  await make('resistLocal', '320205', { industryCode: 'C2664', tags: ['little_giant'], employees: 120, revenue: 9000, assets: 8000 });
  await make('resistLocal2', '320211', { industryCode: 'C2664' });
  const created = await app.inject({
    method: 'POST', url: '/api/v1/chains', headers: adminAuth.headers,
    payload: {
      name: '无锡测试电池链', regionCode: '320200',
      segments: [
        { key: 'separator', name: '隔膜', stage: 'upstream', upstream: [], products: ['隔膜'], industryCodes: ['C2922'] },
        { key: 'electrolyte', name: '电解液', stage: 'upstream', upstream: [], products: ['电解液'], industryCodes: ['C2669'] },
        { key: 'photoresist', name: '光刻胶', stage: 'upstream', upstream: [], products: ['光刻胶'], industryCodes: ['C2664'] },
        { key: 'cell', name: '电芯', stage: 'midstream', upstream: ['separator', 'electrolyte', 'photoresist'], products: ['电芯'], industryCodes: ['C3841'] },
      ],
    },
  });
  expect(created.statusCode).toBe(201);
  chainId = created.json().id;
  const place = async (key: string, segmentKey: string, role: string) => {
    const response = await app.inject({ method: 'POST', url: `/api/v1/chains/${chainId}/members`, headers: adminAuth.headers, payload: { uscc: firms[key].uscc, segmentKey, role } });
    expect(response.statusCode, response.body).toBeLessThan(300);
  };
  await place('leader', 'cell', 'leader');
  await place('cellA', 'cell', 'supplier');
  await place('cellB', 'cell', 'specialized');
  await place('sepCz', 'separator', 'little_giant');
  await place('sepSz', 'separator', 'supplier');
  await place('elecOnly', 'electrolyte', 'supplier');
  await place('elecElse', 'electrolyte', 'specialized');
  await place('resistLocal', 'photoresist', 'little_giant');
  await place('resistLocal2', 'photoresist', 'supplier');
  const edge = async (payload: Record<string, unknown>) => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/supply-edges', headers: gov, payload: { customerUscc: firms.leader.uscc, ...payload } });
    expect(response.statusCode, response.body).toBe(201);
  };
  await edge({ supplierUscc: firms.sepSz.uscc, product: '湿法隔膜', share: 1 });
  await edge({ supplierUscc: firms.elecOnly.uscc, product: '电解液', share: 1 });
  await edge({ supplierName: 'JSR株式会社', supplierCountry: 'JP', product: 'KrF光刻胶', share: 0.8 });
  await edge({ supplierUscc: firms.resistLocal.uscc, product: 'KrF光刻胶', share: 0.2 });
});

describe('GET /api/v1/chains/{id}/weak-links', () => {
  it('finds the planted 断点, 堵点 and 卡点 with evidence and candidates, and no false 断点', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/chains/${chainId}/weak-links`, headers: gov });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.regionCode).toBe('320200');
    const kinds = body.items.map((i: { segmentKey: string; kind: string }) => `${i.segmentKey}:${i.kind}`);
    expect(kinds).toEqual(['separator:break', 'photoresist:choke', 'electrolyte:blockage']);
    const gap = body.items[0];
    expect(gap.evidence.metrics).toMatchObject({ capableInRegion: 0, capableNationally: 2, localShare: 0 });
    expect(gap.candidates[0]).toMatchObject({ uscc: firms.sepCz.uscc });
    expect(gap.candidates[0].reasons.join('')).toContain('小巨人');
    expect(gap.candidates.map((c: { uscc: string }) => c.uscc)).not.toContain(firms.sepSz.uscc); // supplies already
    const choke = body.items[1];
    expect(choke.evidence.metrics.foreignShare).toBeCloseTo(0.8);
    expect(choke.evidence.text).toContain('JP');
    expect(body.segments.find((s: { segmentKey: string }) => s.segmentKey === 'cell').kinds).toEqual([]);
  });

  it('analyses another region on request and refuses unknown ones', async () => {
    const shenzhen = await app.inject({ method: 'GET', url: `/api/v1/chains/${chainId}/weak-links?region=440300`, headers: otherGov });
    expect(shenzhen.statusCode).toBe(200);
    const breaks = shenzhen.json().items.filter((i: { kind: string }) => i.kind === 'break').map((i: { segmentKey: string }) => i.segmentKey).sort();
    expect(breaks).toEqual(['cell', 'electrolyte', 'photoresist']); // 深圳 has only a separator maker
    const bad = await app.inject({ method: 'GET', url: `/api/v1/chains/${chainId}/weak-links?region=999999`, headers: gov });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('region');
    const missing = await app.inject({ method: 'GET', url: '/api/v1/chains/987654321/weak-links', headers: gov });
    expect(missing.statusCode).toBe(404);
  });
});

describe('GET /api/v1/chains/{id}/little-giants', () => {
  it('lists 专精特新 and 小巨人 per segment with the leaders they supply, and the SMEs that supply leaders', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/chains/${chainId}/little-giants`, headers: gov });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const photoresist = body.segments.find((s: { segmentKey: string }) => s.segmentKey === 'photoresist');
    expect(photoresist.enterprises).toEqual([expect.objectContaining({ uscc: firms.resistLocal.uscc, tier: 'little_giant', suppliesLeaders: [{ uscc: firms.leader.uscc, name: firms.leader.name, products: ['KrF光刻胶'] }] })]);
    const cell = body.segments.find((s: { segmentKey: string }) => s.segmentKey === 'cell');
    expect(cell.enterprises.map((e: { uscc: string; tier: string }) => [e.uscc, e.tier])).toEqual([[firms.cellB.uscc, 'specialized']]);
    // 常州's 小巨人 is outside 无锡: not on 无锡's map.
    expect(body.segments.flatMap((s: { enterprises: { uscc: string }[] }) => s.enterprises.map((e) => e.uscc))).not.toContain(firms.sepCz.uscc);
    const suppliers = body.leaderSuppliers.map((s: { uscc: string; isRecognised: boolean }) => [s.uscc, s.isRecognised]);
    expect(suppliers).toEqual(expect.arrayContaining([[firms.elecOnly.uscc, false], [firms.resistLocal.uscc, true]]));
    expect(suppliers.map((s: [string]) => s[0])).not.toContain(firms.leader.uscc);
  });

  it('exports the map as a workbook with both lists', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/chains/${chainId}/little-giants/export`, headers: gov });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['环节专精特新', '链主配套中小企业']);
    expect(workbook.worksheets[0].getColumn(3).values).toContain(firms.resistLocal.name);
  });
});
