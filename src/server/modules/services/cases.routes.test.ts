import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let leader: Awaited<ReturnType<typeof makeEnterprise>>;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let other: Awaited<ReturnType<typeof makeEnterprise>>;
let leaderUser: Headers;
let otherUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
let jiangsu: Headers;
let expert: Headers;
const anonymous: Record<string, string> = {};

const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Record<string, string>, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e5b3f50000000049454e44ae426082', 'hex');

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  leader = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州链主'), employees: 5000, revenue: 900000, assets: 900000 });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州配套') });
  other = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡配套') });
  leaderUser = (await loginAs(app, db, { role: 'member', orgUscc: leader.uscc })).headers;
  otherUser = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  jiangsu = (await loginAs(app, db, { role: 'gov', regionCode: '320000' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

const body = () => ({
  title: '链主开放供应链带动配套企业升级',
  model: 'supply_chain',
  summary: '链主企业向配套中小企业开放质量体系与工艺标准，联合攻关电芯结构件。',
  results: '配套企业良品率由92%提升至98.5%，年新增订单3200万元。',
  enterprises: [{ uscc: leader.uscc, role: 'leader' }, { uscc: sme.uscc, role: 'sme' }],
});

async function draft(headers: Headers = leaderUser): Promise<string> {
  const r = await post('/api/v1/cases', headers, body());
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

describe('POST /api/v1/cases', () => {
  it('writes a draft in the member’s enterprise’s region with registry names, audited', async () => {
    const id = await draft();
    const view = (await get(`/api/v1/cases/${id}`, leaderUser)).json();
    expect(view).toMatchObject({ status: 'draft', regionCode: '320571', canEdit: true, canReview: false, model: 'supply_chain' });
    expect(view.enterprises.map((e: { name: string; role: string }) => [e.name, e.role])).toEqual([[leader.name, 'leader'], [sme.name, 'sme']]);
    const audit = await db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'service_case').where('entity_key', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['case.create']);
  });

  it('names each unknown or repeated enterprise and a missing chain, writing nothing', async () => {
    const before = await db.selectFrom('service_cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const r = await post('/api/v1/cases', leaderUser, { ...body(), chainId: '999999999', enterprises: [{ uscc: leader.uscc, role: 'leader' }, { uscc: leader.uscc, role: 'sme' }, { uscc: '91320000MA00000000', role: 'sme' }] });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['chainId', 'enterprises.1.uscc', 'enterprises.2.uscc']);
    const after = await db.selectFrom('service_cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await post('/api/v1/cases', leaderUser, { ...body(), model: 'magic', enterprises: [] })).json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['enterprises', 'model']);
  });

  it('lets gov write for a region in scope only, and refuses experts', async () => {
    expect((await post('/api/v1/cases', suzhou, { ...body(), regionCode: '320214' })).json().errors[0].path).toBe('regionCode');
    const r = await post('/api/v1/cases', suzhou, { ...body(), regionCode: '320506' });
    expect(r.statusCode).toBe(201);
    expect((await get(`/api/v1/cases/${r.json().id}`, suzhou)).json()).toMatchObject({ regionCode: '320506', canEdit: true });
    expect((await post('/api/v1/cases', expert, body())).statusCode).toBe(403);
  });
});

describe('submit → review → publish', () => {
  it('returns with a comment, resubmits after an edit, publishes, and then shows it publicly', async () => {
    const id = await draft();
    // Not yet submitted: the reviewer cannot publish, and nobody outside sees it.
    expect((await post(`/api/v1/cases/${id}/publish`, suzhou)).statusCode).toBe(409);
    expect((await get(`/api/v1/public/cases/${id}`, anonymous)).statusCode).toBe(404);
    expect((await post(`/api/v1/cases/${id}/submit`, leaderUser)).json()).toMatchObject({ status: 'submitted', canEdit: false });
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/cases/${id}`, headers: leaderUser, payload: { title: '改名了' } })).statusCode).toBe(409);
    // The submitter cannot publish its own case; a sibling city cannot even see it.
    expect((await post(`/api/v1/cases/${id}/publish`, leaderUser)).statusCode).toBe(409);
    expect((await post(`/api/v1/cases/${id}/publish`, wuxi)).statusCode).toBe(404);
    expect((await post(`/api/v1/cases/${id}/return`, suzhou, { comment: '' })).statusCode).toBe(422);
    const returned = await post(`/api/v1/cases/${id}/return`, suzhou, { comment: '请补充量化成效及配套企业名单' });
    expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: '请补充量化成效及配套企业名单' });
    expect((await get(`/api/v1/cases/${id}`, leaderUser)).json()).toMatchObject({ status: 'returned', canEdit: true, reviewComment: '请补充量化成效及配套企业名单' });
    const edited = await app.inject({ method: 'PATCH', url: `/api/v1/cases/${id}`, headers: leaderUser, payload: { results: '良品率提升6.5个百分点，新增订单3200万元，带动12家配套企业。' } });
    expect(edited.statusCode, edited.body).toBe(200);
    await post(`/api/v1/cases/${id}/submit`, leaderUser);
    // The province (above the city) may review too.
    expect((await post(`/api/v1/cases/${id}/publish`, jiangsu)).json()).toMatchObject({ status: 'published' });
    const pub = await get(`/api/v1/public/cases/${id}`, anonymous);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', results: '良品率提升6.5个百分点，新增订单3200万元，带动12家配套企业。', reviewComment: null, canEdit: false, canReview: false });
    expect((await get('/api/v1/public/cases?limit=500', anonymous)).json().items.map((c: { id: string }) => c.id)).toContain(id);
    // Published cases are readable by any signed-in user as well.
    expect((await get(`/api/v1/cases/${id}`, otherUser)).statusCode).toBe(200);
    const audit = await db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'service_case').where('entity_key', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['case.create', 'case.submit', 'case.return', 'case.update', 'case.submit', 'case.publish']);
  });
});

describe('scope', () => {
  it('hides unpublished cases from other organisations, sibling regions and the public (404), and from their lists', async () => {
    const id = await draft();
    await post(`/api/v1/cases/${id}/submit`, leaderUser);
    for (const headers of [otherUser, wuxi, expert, anonymous]) {
      expect((await get(`/api/v1/cases/${id}`, headers)).statusCode).toBe(headers === anonymous ? 401 : 404);
    }
    expect((await get(`/api/v1/public/cases/${id}`, anonymous)).statusCode).toBe(404);
    expect((await post(`/api/v1/cases/${id}/return`, wuxi, { comment: '不在辖区也想退回' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/cases/${id}`, headers: otherUser, payload: { title: '别人的案例' } })).statusCode).toBe(404);
    const ids = (list: { items: { id: string }[] }) => list.items.map((c) => c.id);
    expect(ids((await get('/api/v1/cases?status=submitted&limit=500', suzhou)).json())).toContain(id);
    expect(ids((await get('/api/v1/cases?limit=500', wuxi)).json())).not.toContain(id);
    expect(ids((await get('/api/v1/cases?limit=500', otherUser)).json())).not.toContain(id);
    expect(ids((await get('/api/v1/public/cases?limit=500', anonymous)).json())).not.toContain(id);
  });
});

describe('case files', () => {
  it('attaches media while editable, serves it publicly once published, never before', async () => {
    const id = await draft();
    const upload = multipartBody(PNG, '现场照片.png');
    const attached = await app.inject({ method: 'POST', url: `/api/v1/cases/${id}/files`, headers: { ...leaderUser, ...upload.headers }, payload: upload.payload });
    expect(attached.statusCode, attached.body).toBe(201);
    const fileId = attached.json().id;
    const bad = multipartBody(Buffer.from('not a png'), 'fake.png');
    expect((await app.inject({ method: 'POST', url: `/api/v1/cases/${id}/files`, headers: { ...leaderUser, ...bad.headers }, payload: bad.payload })).statusCode).toBe(415);
    const outsider = multipartBody(PNG, 'x.png');
    expect((await app.inject({ method: 'POST', url: `/api/v1/cases/${id}/files`, headers: { ...otherUser, ...outsider.headers }, payload: outsider.payload })).statusCode).toBe(404);
    expect((await get(`/api/v1/public/cases/${id}/files/${fileId}`, anonymous)).statusCode).toBe(404);
    await post(`/api/v1/cases/${id}/submit`, leaderUser);
    await post(`/api/v1/cases/${id}/publish`, suzhou);
    const download = await get(`/api/v1/public/cases/${id}/files/${fileId}`, anonymous);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect((await get(`/api/v1/public/cases/${id}`, anonymous)).json().files).toEqual([expect.objectContaining({ id: fileId, name: '现场照片.png' })]);
  });
});

describe('GET /api/v1/cases/export', () => {
  it('exports the region’s cases with their enterprises, not a sibling region’s', async () => {
    const id = await draft();
    const wuxiCase = (await post('/api/v1/cases', otherUser, { ...body(), title: '无锡的案例不应出现', enterprises: [{ uscc: other.uscc, role: 'sme' }] })).json().id;
    const r = await get('/api/v1/cases/export', suzhou);
    expect(r.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('典型案例')!;
    const rows = new Map<number, string>();
    sheet.eachRow((row, n) => {
      if (n > 1) rows.set(Number(row.getCell(1).value), String(row.getCell(7).value));
    });
    expect(rows.get(Number(id))).toContain(`${sme.name}（中小企业`);
    expect(rows.has(Number(wuxiCase))).toBe(false);
    const counted = await db.selectFrom('service_cases').select((eb) => eb.fn.countAll<string>().as('n')).where('region_code', 'like', '3205%').executeTakeFirstOrThrow();
    expect(rows.size).toBe(Number(counted.n));
  });
});
