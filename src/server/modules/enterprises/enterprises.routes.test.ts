import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName, uniqueUscc } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

let app: App;
let db: Db;
type Headers = { authorization: string };
let suzhou: Headers; // gov 320500
let wuxi: Headers; // gov 320200
let province: Headers; // gov 320000
let admin: Headers;
let expert: Headers;
let inWuzhong: Awaited<ReturnType<typeof makeEnterprise>>; // 320506, a county of 苏州
let inWuxi: Awaited<ReturnType<typeof makeEnterprise>>; // 320214

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  inWuzhong = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州吴中精工'), contacts: [{ name: '李经理', phone: '13800000000' }] });
  inWuxi = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡新吴微电子') });
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  province = (await loginAs(app, db, { role: 'gov', regionCode: '320000' })).headers;
  admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

const get = (url: string, headers?: Headers) => app.inject({ method: 'GET', url, headers });

describe('GET /api/v1/enterprises/{uscc} — scope', () => {
  it('shows a city user the enterprises of its counties, with restricted fields', async () => {
    const r = await get(`/api/v1/enterprises/${inWuzhong.uscc}`, suzhou);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ uscc: inWuzhong.uscc, regionName: '江苏省苏州市吴中区', size: 'small', industryName: expect.any(String) });
    expect(r.json().restricted.contacts[0].name).toBe('李经理');
    expect(r.json().restricted.financials[0]).toMatchObject({ employees: 120, revenue: 8000, assets: 5000 });
    expect(r.json().sizeBasis.length).toBeGreaterThan(0);
  });

  it('answers another city’s enterprise exactly like a missing one', async () => {
    const outside = await get(`/api/v1/enterprises/${inWuxi.uscc}`, suzhou);
    const missing = await get(`/api/v1/enterprises/${uniqueUscc('320214')}`, suzhou);
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(outside.json())).toEqual(strip(missing.json()));
    expect((await get(`/api/v1/enterprises/${inWuxi.uscc}/history`, suzhou)).statusCode).toBe(404);
  });

  it('shows a province user both cities', async () => {
    expect((await get(`/api/v1/enterprises/${inWuzhong.uscc}`, province)).statusCode).toBe(200);
    expect((await get(`/api/v1/enterprises/${inWuxi.uscc}`, province)).statusCode).toBe(200);
  });

  it('shows members only their own enterprise, with its restricted fields', async () => {
    const own = await loginAs(app, db, { role: 'member', orgUscc: inWuzhong.uscc });
    const mine = await get(`/api/v1/enterprises/${inWuzhong.uscc}`, own.headers);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().restricted.financials).toHaveLength(1);
    expect((await get(`/api/v1/enterprises/${inWuxi.uscc}`, own.headers)).statusCode).toBe(404);
    const list = await get('/api/v1/enterprises', own.headers);
    expect(list.json().items.map((e: { uscc: string }) => e.uscc)).toEqual([inWuzhong.uscc]);
  });

  it('hides the registry from experts and requires a log-in', async () => {
    expect((await get(`/api/v1/enterprises/${inWuzhong.uscc}`, expert)).statusCode).toBe(404);
    expect((await get('/api/v1/enterprises', expert)).json().total).toBe(0);
    const anonymous = await get(`/api/v1/enterprises/${inWuzhong.uscc}`);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('unauthenticated');
  });
});

describe('GET /api/v1/enterprises — filters and pages', () => {
  it('keeps lists inside the scope', async () => {
    const listed = (await get('/api/v1/enterprises?limit=500', suzhou)).json().items.map((e: { uscc: string }) => e.uscc);
    expect(listed).toContain(inWuzhong.uscc);
    expect(listed).not.toContain(inWuxi.uscc);
    const wx = (await get('/api/v1/enterprises?limit=500', wuxi)).json().items.map((e: { uscc: string }) => e.uscc);
    expect(wx).toEqual([inWuxi.uscc]);
  });

  it('filters by region and industry subtree, size, tag and name (Chinese or pinyin initials)', async () => {
    const battery = await makeEnterprise(db, { regionCode: '320583', name: '昆山锂想储能科技有限公司', industryCode: 'C3841', tags: ['specialized'], employees: 400, revenue: 30000, assets: 20000 });
    const ids = async (qs: string) => (await get(`/api/v1/enterprises?limit=500&${qs}`, province)).json().items.map((e: { uscc: string }) => e.uscc);
    expect(await ids('region=320583')).toContain(battery.uscc);
    expect(await ids('region=320583')).not.toContain(inWuzhong.uscc);
    expect(await ids('industry=C38')).toEqual([battery.uscc]);
    expect(await ids('industry=C3841&size=medium')).toEqual([battery.uscc]);
    expect(await ids('industry=C3841&size=small')).toEqual([]);
    expect(await ids('tag=specialized')).toEqual([battery.uscc]);
    expect(await ids(`q=${encodeURIComponent('锂想')}`)).toEqual([battery.uscc]);
    expect(await ids('q=ksl')).toEqual([battery.uscc]); // 昆山锂… initials
  });

  it('pages with a cursor and reports the total', async () => {
    for (let i = 0; i < 5; i++) await makeEnterprise(db, { regionCode: '320281' });
    const first = (await get('/api/v1/enterprises?limit=3&region=320281', wuxi)).json();
    expect(first.items).toHaveLength(3);
    expect(first.total).toBe(5);
    const second = (await get(`/api/v1/enterprises?limit=3&region=320281&cursor=${first.nextCursor}`, wuxi)).json();
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items].map((e: { uscc: string }) => e.uscc);
    expect(new Set(all).size).toBe(5);
  });

  it('rejects unknown codes and bad cursors naming the parameter', async () => {
    const r = await get('/api/v1/enterprises?region=999999&industry=Z99', province);
    expect(r.statusCode).toBe(422);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['querystring.industry']);
    const unknownRegion = await get('/api/v1/enterprises?region=999999', province);
    expect(unknownRegion.json().errors[0].path).toBe('region');
    const cursor = await get('/api/v1/enterprises?cursor=garbage', province);
    expect(cursor.statusCode).toBe(422);
    expect(cursor.json().errors[0].path).toBe('cursor');
  });
});

describe('POST /api/v1/enterprises', () => {
  it('registers an enterprise with a derived size and records the audit entry', async () => {
    const uscc = uniqueUscc('320505');
    const r = await app.inject({ method: 'POST', url: '/api/v1/enterprises', headers: suzhou, payload: { uscc, name: '苏州虎丘新材料有限公司', regionCode: '320505', industryCode: 'C2651', employees: 1200, revenue: 50000, assets: 60000, products: ['聚氨酯树脂'] } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ uscc, size: 'large', sizeCategory: 'industry', products: ['聚氨酯树脂'] });
    const history = (await get(`/api/v1/enterprises/${uscc}/history`, suzhou)).json();
    expect(history.items[0]).toMatchObject({ action: 'enterprise.create', before: null });
    expect(history.items[0].after.name).toBe('苏州虎丘新材料有限公司');
  });

  it('names every bad field: check character, unknown codes, types', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/enterprises', headers: admin, payload: { uscc: '91320505MA1MXK7P0A', name: '某某有限公司', regionCode: '999999', industryCode: 'C9999' } });
    expect(r.statusCode).toBe(422);
    const paths = r.json().errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['industryCode', 'regionCode', 'uscc']);
    expect(r.json().errors.find((e: { path: string }) => e.path === 'uscc').message).toMatch(/校验码/);
    const types = await app.inject({ method: 'POST', url: '/api/v1/enterprises', headers: admin, payload: { uscc: 1, name: 'x', employees: 'many' } });
    expect(types.statusCode).toBe(422);
    expect(types.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['uscc', 'name', 'employees', 'regionCode', 'industryCode']));
  });

  it('refuses a region outside a gov user’s scope, and a taken USCC', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/enterprises', headers: suzhou, payload: { uscc: uniqueUscc('320214'), name: '无锡越界有限公司', regionCode: '320214', industryCode: 'C3484' } });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].path).toBe('regionCode');
    const taken = await app.inject({ method: 'POST', url: '/api/v1/enterprises', headers: admin, payload: { uscc: inWuzhong.uscc, name: '重复有限公司', regionCode: '320506', industryCode: 'C3484' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('conflict');
  });

  it('is not open to members or experts', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/enterprises', headers: expert, payload: { uscc: uniqueUscc(), name: '专家公司', regionCode: '320505', industryCode: 'C3484' } });
    expect(r.statusCode).toBe(403);
  });

  it('answers an oversized body with 413', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/enterprises', headers: { ...admin, 'content-type': 'application/json' }, payload: JSON.stringify({ uscc: 'x', name: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('payload_too_large');
  });
});

describe('PATCH /api/v1/enterprises/{uscc}', () => {
  it('lets members edit their profile but not registration facts', async () => {
    const e = await makeEnterprise(db, { regionCode: '320505' });
    const own = await loginAs(app, db, { role: 'member', orgUscc: e.uscc });
    const ok = await app.inject({ method: 'PATCH', url: `/api/v1/enterprises/${e.uscc}`, headers: own.headers, payload: { products: ['谐波减速器'], financials: [{ year: 2025, employees: 15, revenue: 250, assets: 200 }] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().products).toEqual(['谐波减速器']);
    expect(ok.json().size).toBe('micro'); // re-derived from the newest year
    const denied = await app.inject({ method: 'PATCH', url: `/api/v1/enterprises/${e.uscc}`, headers: own.headers, payload: { name: '改名有限公司', tags: ['little_giant'] } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().errors.map((x: { path: string }) => x.path).sort()).toEqual(['name', 'tags']);
    const history = (await get(`/api/v1/enterprises/${e.uscc}/history`, own.headers)).json();
    expect(history.items[0]).toMatchObject({ action: 'enterprise.update' });
    expect(history.items[0].before.products).toEqual([]);
    expect(history.items[0].after.products).toEqual(['谐波减速器']);
  });

  it('gives a gov user of another region a 404', async () => {
    const r = await app.inject({ method: 'PATCH', url: `/api/v1/enterprises/${inWuzhong.uscc}`, headers: wuxi, payload: { capabilities: 'x' } });
    expect(r.statusCode).toBe(404);
  });
});

describe('GET /api/v1/enterprises/export', () => {
  it('exports the filtered list in scope as a workbook that the import can read', async () => {
    const r = await get('/api/v1/enterprises/export', suzhou);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    const usccs: string[] = [];
    sheet.eachRow((row, n) => n > 1 && usccs.push(String(row.getCell(1).value)));
    expect(usccs).toContain(inWuzhong.uscc);
    expect(usccs).not.toContain(inWuxi.uscc);
  });
});

describe('GET /api/v1/reference', () => {
  it('validates USCCs with a reason', async () => {
    expect((await get('/api/v1/reference/uscc/91350900587527783P')).json()).toMatchObject({ valid: true });
    expect((await get('/api/v1/reference/uscc/91350900587527783X')).json()).toMatchObject({ valid: false, reason: expect.stringContaining('校验码') });
  });

  it('classifies size by the worst indicator with an explanation per indicator', async () => {
    const r = (await get('/api/v1/reference/enterprise-size?industry=C3841&employees=1500&revenue=200')).json();
    expect(r.size).toBe('micro');
    expect(r.basis.map((b: { size: string }) => b.size)).toEqual(['large', 'micro']);
    const bad = await get('/api/v1/reference/enterprise-size?industry=C9999');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('industry');
  });

  it('serves the region and industry trees', async () => {
    const regions = (await get('/api/v1/reference/regions/tree')).json();
    const js = regions.find((r: { value: string }) => r.value === '320000');
    expect(js.children.map((c: { value: string }) => c.value)).toContain('320500');
    const industries = (await get('/api/v1/reference/industries?code=C3841')).json();
    expect(industries.items.map((i: { code: string }) => i.code)).toEqual(['C', 'C38', 'C384', 'C3841']);
  });
});

describe('operational endpoints', () => {
  it('serves health, readiness, metrics, OpenAPI and security headers', async () => {
    expect((await get('/healthz')).statusCode).toBe(200);
    expect((await get('/readyz')).statusCode).toBe(200);
    expect((await get('/metrics')).body).toContain('xieshou_http_request_duration_seconds');
    const spec = (await get('/api/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/enterprises', '/api/v1/enterprises/{uscc}', '/api/v1/auth/login', '/api/v1/enterprises/import']));
    const r = await get('/healthz');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-request-id']).toBeTruthy();
    const unknown = await get('/api/v1/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('not_found');
  });
});
