import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let leader: Awaited<ReturnType<typeof makeEnterprise>>;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let wuxiFirm: Awaited<ReturnType<typeof makeEnterprise>>;
let leaderUser: Headers;
let smeUser: Headers;
let wuxiUser: Headers;
let suzhou: Headers;
let expert: Headers;
let chainId: string;
let segmentKeys: string[];
let serial = 0;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) => app.inject({ method, url, headers, payload: payload ?? {} });
const nextNumber = () => `CN${String(Date.now() % 1e9).padStart(9, '0').slice(0, 6)}${String(serial++).padStart(3, '0')}A`;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  leader = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州专利龙头电池'), employees: 5000, revenue: 900000, assets: 900000 });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州专利精密'), employees: 80, revenue: 5000, assets: 4000 });
  wuxiFirm = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡专利隔膜'), employees: 60, revenue: 3000, assets: 2000 });
  leaderUser = (await loginAs(app, db, { role: 'member', orgUscc: leader.uscc })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  wuxiUser = (await loginAs(app, db, { role: 'member', orgUscc: wuxiFirm.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
  const chain = await send('POST', '/api/v1/chains', suzhou, { name: '苏州市动力电池产业链（专利测试）', regionCode: '320500', templateKey: 'ev-battery' });
  expect(chain.statusCode, chain.body).toBe(201);
  chainId = chain.json().id;
  segmentKeys = (await get(`/api/v1/chains/${chainId}`, suzhou)).json().segments.map((s: { key: string }) => s.key);
  const added = await send('POST', `/api/v1/chains/${chainId}/members`, suzhou, { uscc: leader.uscc, segmentKey: segmentKeys[0], role: 'leader' });
  expect(added.statusCode, added.body).toBeLessThan(300);
});

async function patent(headers: Headers, body: object = {}) {
  return send('POST', '/api/v1/patents', headers, { number: nextNumber(), title: '一种电池壳体冲压成形方法', type: 'invention', filedOn: '2023-03-01', grantedOn: '2024-06-01', chainId, segmentKey: segmentKeys[0], ...body });
}

describe('standards', () => {
  it('registers a drafting project with participants; public to read; only the lead and gov in scope update it', async () => {
    const r = await send('POST', '/api/v1/standards', leaderUser, { title: '储能用锂离子电池热失控预警技术规范', level: 'group', chainId, participants: [{ uscc: sme.uscc, role: 'drafter' }] });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    const view = (await get(`/api/v1/standards/${id}`, wuxiUser)).json();
    expect(view).toMatchObject({ level: 'group', status: 'proposed', leadUscc: leader.uscc, canManage: false, chainId });
    expect(view.participants.map((p: { uscc: string; role: string }) => [p.uscc, p.role])).toEqual([[leader.uscc, 'lead'], [sme.uscc, 'drafter']]);
    expect((await send('PATCH', `/api/v1/standards/${id}`, smeUser, { status: 'drafting' })).statusCode).toBe(403);
    const patched = await send('PATCH', `/api/v1/standards/${id}`, suzhou, { status: 'approved', code: 'T/JSEPA 0012-2026' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ status: 'approved', code: 'T/JSEPA 0012-2026' });
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'standard_project').where('entity_key', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['standard.create', 'standard.update']);
    expect((await get('/api/v1/standards/99999999', leaderUser)).statusCode).toBe(404);
  });

  it('bad input names the field; a consortium the caller cannot see is 422, never revealed', async () => {
    const standardDefaults = { title: '测试标准项目', level: 'industry' };
    const consortium = await send('POST', '/api/v1/consortia', wuxiUser, { name: '无锡隔膜创新联合体' });
    for (const [body, path] of [
      [{ level: 'city' }, 'level'], [{ participants: [{ uscc: 'NOPE', role: 'drafter' }] }, 'participants[0].uscc'], [{ participants: [{ uscc: leader.uscc, role: 'drafter' }] }, 'participants[0].uscc'],
      [{ chainId: '99999999' }, 'chainId'], [{ consortiumId: consortium.json().id }, 'consortiumId'],
    ] as const) {
      const r = await send('POST', '/api/v1/standards', leaderUser, { ...standardDefaults, ...body });
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await send('POST', '/api/v1/standards', expert, { title: '专家标准', level: 'group' })).statusCode).toBe(403);
  });
});

describe('patents and coverage', () => {
  it('records patents for the holder; rejects duplicates (409), bad dates and a segment of no such chain (422)', async () => {
    const number = nextNumber();
    expect((await patent(smeUser, { number })).statusCode).toBe(201);
    expect((await patent(smeUser, { number })).statusCode).toBe(409);
    for (const [body, path] of [
      [{ grantedOn: '2022-01-01' }, 'grantedOn'], [{ filedOn: '2099-01-01', grantedOn: undefined }, 'filedOn'], [{ segmentKey: 'nope' }, 'segmentKey'], [{ chainId: undefined }, 'chainId'],
      [{ number: 'US1234567' }, 'number'], [{ type: 'software' }, 'type'], [{ holderUscc: wuxiFirm.uscc }, 'holderUscc'],
    ] as const) {
      const r = await patent(smeUser, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await patent(expert)).statusCode).toBe(403);
    expect((await patent(suzhou, { holderUscc: wuxiFirm.uscc })).statusCode).toBe(422);
    expect((await patent(suzhou, { holderUscc: sme.uscc })).statusCode).toBe(201);
  });

  it('coverage by segment counts leader and SME patents and flags the gaps', async () => {
    await patent(leaderUser, { segmentKey: segmentKeys[0] });
    await patent(leaderUser, { segmentKey: segmentKeys[1], type: 'utility', grantedOn: undefined });
    await patent(wuxiUser, { segmentKey: segmentKeys[1] });
    await patent(wuxiUser, { segmentKey: undefined });
    const coverage = (await get(`/api/v1/chains/${chainId}/patent-coverage`, wuxiUser)).json();
    const [first, second] = coverage.segments;
    // First segment: this test's leader patent + the SME's earlier ones (2 from the previous test).
    expect(first).toMatchObject({ key: segmentKeys[0], leaderPatents: 1, smePatents: 2, isLeaderGap: false, isSmeGap: false, holders: 2 });
    // The leader is a chain member only in the first segment, but leaders are counted chain-wide.
    expect(second).toMatchObject({ key: segmentKeys[1], patents: 2, invention: 1, granted: 1, leaderPatents: 1, smePatents: 1, isLeaderGap: false, isSmeGap: false });
    for (const s of coverage.segments.slice(2)) expect(s).toMatchObject({ patents: 0, isLeaderGap: true, isSmeGap: true });
    expect(coverage.unassigned).toBe(1);
    expect((await get('/api/v1/chains/99999999/patent-coverage', wuxiUser)).statusCode).toBe(404);
  });

  it('lists with filters and exports to Excel', async () => {
    const list = (await get(`/api/v1/patents?chainId=${chainId}&segmentKey=${segmentKeys[1]}`, expert)).json();
    expect(list.items).toHaveLength(2);
    expect(list.items.every((p: { segmentKey: string; chainId: string }) => p.segmentKey === segmentKeys[1] && p.chainId === chainId)).toBe(true);
    const r = await get(`/api/v1/patents/export?holderUscc=${wuxiFirm.uscc}`, suzhou);
    expect(r.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('专利')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(4).value).toBe(wuxiFirm.name);
  });
});
