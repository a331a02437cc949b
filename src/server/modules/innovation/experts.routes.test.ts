import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let member: Headers;
let suzhou: Headers;
let expert: Headers;
/** A field only this file's experts list, so other files' experts never match. */
const FIELD = `钠电池${Date.now().toString(36)}`;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const names = async (query: string, headers: Headers = suzhou) => {
  const r = await get(`/api/v1/experts?field=${encodeURIComponent(FIELD)}&${query}`, headers);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items.map((x: { name: string }) => x.name).sort();
};

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  const firm = await makeEnterprise(db, { regionCode: '320506' });
  member = (await loginAs(app, db, { role: 'member', orgUscc: firm.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  const pool = [
    { name: '苏州甲', regionCode: '320506', affiliation: '苏州大学能源学院', isAvailable: true },
    { name: '苏州乙', regionCode: '320571', affiliation: '澜沣研究院', isAvailable: false },
    { name: '无锡丙', regionCode: '320214', affiliation: '江南大学', isAvailable: true },
  ];
  for (const p of pool) {
    const headers = (await loginAs(app, db, { role: 'expert' })).headers;
    const r = await app.inject({ method: 'PUT', url: '/api/v1/experts/me', headers, payload: { ...p, fields: [FIELD, '储能'] } });
    expect(r.statusCode, r.body).toBe(200);
    expert = headers;
  }
});

describe('expert pool filters and export', () => {
  it('filters by field, region subtree, affiliation words and availability; combined', async () => {
    expect(await names('')).toEqual(['无锡丙', '苏州乙', '苏州甲'].sort());
    expect(await names('regionCode=320500')).toEqual(['苏州乙', '苏州甲'].sort());
    expect(await names('regionCode=320506')).toEqual(['苏州甲']);
    expect((await get(`/api/v1/experts?field=${encodeURIComponent(FIELD)}&regionCode=320506`, suzhou)).json().items[0]).toMatchObject({ regionCode: '320506', regionName: '江苏省苏州市吴中区', affiliation: '苏州大学能源学院', isAvailable: true, fields: [FIELD, '储能'] });
    expect(await names('available=true')).toEqual(['无锡丙', '苏州甲'].sort());
    expect(await names('regionCode=320500&available=true')).toEqual(['苏州甲']);
    expect(await names(`affiliation=${encodeURIComponent('研究院')}`, member)).toEqual(['苏州乙']);
    expect((await get(`/api/v1/experts?field=${encodeURIComponent(`${FIELD}x`)}`, suzhou)).json().items).toEqual([]);
  });

  it('bad filters name the field (422); experts get 403', async () => {
    for (const [query, path] of [['regionCode=3205', 'regionCode'], ['available=yes', 'available'], ['cursor=abc', 'cursor']] as const) {
      const r = await get(`/api/v1/experts?${query}`, suzhou);
      expect(r.statusCode, query).toBe(422);
      expect(r.json().errors[0].path).toContain(path);
    }
    expect((await get('/api/v1/experts', expert)).statusCode).toBe(403);
    expect((await get('/api/v1/experts/export', expert)).statusCode).toBe(403);
  });

  it('exports the filtered pool to Excel, one row per expert', async () => {
    const r = await get(`/api/v1/experts/export?field=${encodeURIComponent(FIELD)}&regionCode=320500`, member);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('专家库')!;
    const rows: string[] = [];
    sheet.eachRow((row, n) => n > 1 && rows.push(`${row.getCell(2).value}|${row.getCell(5).value}|${row.getCell(6).value}`));
    expect(rows.sort()).toEqual(['苏州乙|江苏省苏州市苏州工业园区|否', '苏州甲|江苏省苏州市吴中区|是'].sort());
  });
});
