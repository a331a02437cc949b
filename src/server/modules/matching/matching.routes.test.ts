import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let buyer: Awaited<ReturnType<typeof makeEnterprise>>; // large, 苏州工业园区 320571
let supplier: Awaited<ReturnType<typeof makeEnterprise>>; // small, 吴中 320506
let wuxiFirm: Awaited<ReturnType<typeof makeEnterprise>>; // 无锡 320214
let buyerUser: Headers;
let supplierUser: Headers;
let wuxiUser: Headers;
let suzhou: Headers; // gov 320500
let wuxi: Headers; // gov 320200
let admin: Headers;
let expert: Headers;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试电池'), industryCode: 'C3841', employees: 5000, revenue: 900000, assets: 900000, products: ['磷酸铁锂电芯'] });
  supplier = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试隔膜'), industryCode: 'C2922', products: ['锂电隔膜', '涂覆隔膜'], capabilities: '湿法隔膜与陶瓷涂覆隔膜生产', tags: ['innovative', 'specialized'] });
  wuxiFirm = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡测试隔膜'), industryCode: 'C2922', products: ['干法隔膜'] });
  buyerUser = (await loginAs(app, db, { role: 'member', orgUscc: buyer.uscc })).headers;
  supplierUser = (await loginAs(app, db, { role: 'member', orgUscc: supplier.uscc })).headers;
  wuxiUser = (await loginAs(app, db, { role: 'member', orgUscc: wuxiFirm.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

const get = (url: string, headers?: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const NEED = { title: '湿法涂覆隔膜采购', description: '9μm湿法基膜加陶瓷涂覆，年需求1亿平方米', kind: 'procurement', products: ['锂电隔膜', '陶瓷涂覆隔膜'] };

async function needIn(status: 'draft' | 'submitted' | 'published', extra: object = {}): Promise<string> {
  const created = await post('/api/v1/needs', buyerUser, { ...NEED, ...extra });
  expect(created.statusCode).toBe(201);
  const { id } = created.json();
  if (status !== 'draft') expect((await post(`/api/v1/needs/${id}/submit`, buyerUser)).statusCode).toBe(200);
  if (status === 'published') expect((await post(`/api/v1/needs/${id}/publish`, suzhou)).statusCode).toBe(200);
  return id;
}

describe('POST /api/v1/needs — validation', () => {
  it('creates a draft for the member’s own enterprise', async () => {
    const r = await post('/api/v1/needs', buyerUser, { ...NEED, budgetMinWan: 100, budgetMaxWan: 250.5 });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({ id: expect.any(String), status: 'draft' });
    const row = await db.selectFrom('needs').select(['status', 'budget_max_fen', 'enterprise_id', 'region_code']).where('id', '=', r.json().id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'draft', budget_max_fen: '250500000', enterprise_id: buyer.id, region_code: '320571' });
  });

  it('rejects empty and one-character texts with the field paths', async () => {
    const r = await post('/api/v1/needs', buyerUser, { ...NEED, title: '', description: '短' });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['description', 'title']);
  });

  it('rejects a deadline in the past and an unknown kind', async () => {
    const past = await post('/api/v1/needs', buyerUser, { ...NEED, deadline: '2020-01-01' });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([{ path: 'deadline', message: expect.any(String) }]);
    const kind = await post('/api/v1/needs', buyerUser, { ...NEED, kind: 'gift' });
    expect(kind.statusCode).toBe(422);
    expect(kind.json().errors[0].path).toBe('kind');
  });

  it('lets gov post for an enterprise in scope only, and never for another member’s enterprise', async () => {
    expect((await post('/api/v1/needs', suzhou, { ...NEED, uscc: buyer.uscc })).statusCode).toBe(201);
    const outside = await post('/api/v1/needs', wuxi, { ...NEED, uscc: buyer.uscc });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].path).toBe('uscc');
    expect((await post('/api/v1/needs', supplierUser, { ...NEED, uscc: buyer.uscc })).statusCode).toBe(422);
    expect((await post('/api/v1/needs', expert, NEED)).statusCode).toBe(403);
  });
});

describe('need workflow', () => {
  it('goes draft → submitted → returned with a comment → resubmitted → published → fulfilled, recorded in history', async () => {
    const id = await needIn('submitted');
    const returned = await post(`/api/v1/needs/${id}/return`, suzhou, { comment: '请补充规格' });
    expect(returned.json()).toEqual({ id, status: 'draft' });
    expect((await get(`/api/v1/needs/${id}`, buyerUser)).json()).toMatchObject({ status: 'draft', reviewComment: '请补充规格' });
    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/needs/${id}`, headers: buyerUser, payload: { quantity: '1亿㎡/年' } });
    expect(patched.json()).toMatchObject({ quantity: '1亿㎡/年', reviewComment: '请补充规格' });
    expect((await post(`/api/v1/needs/${id}/submit`, buyerUser)).statusCode).toBe(200);
    expect((await post(`/api/v1/needs/${id}/publish`, suzhou)).json()).toEqual({ id, status: 'published' });
    expect((await post(`/api/v1/needs/${id}/fulfil`, buyerUser)).json().status).toBe('fulfilled');
    const history = (await get(`/api/v1/needs/${id}/history`, buyerUser)).json().items.map((e: { action: string }) => e.action);
    expect(history).toEqual(['need.fulfil', 'need.publish', 'need.submit', 'need.update', 'need.return', 'need.submit', 'need.create']);
  });

  it('refuses illegal transitions with 409', async () => {
    const draft = await needIn('draft');
    expect((await post(`/api/v1/needs/${draft}/publish`, suzhou)).statusCode).toBe(409);
    expect((await post(`/api/v1/needs/${draft}/close`, buyerUser)).statusCode).toBe(409);
    expect((await post('/api/v1/needs/not-a-number/submit', buyerUser)).statusCode).toBe(404);
    const published = await needIn('published');
    expect((await post(`/api/v1/needs/${published}/submit`, buyerUser)).statusCode).toBe(409);
    const patch = await app.inject({ method: 'PATCH', url: `/api/v1/needs/${published}`, headers: buyerUser, payload: { title: '改标题' } });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().code).toBe('invalid_state');
  });

  it('lets only gov in scope review: the owner gets 403, another city 404', async () => {
    const id = await needIn('submitted');
    expect((await post(`/api/v1/needs/${id}/publish`, buyerUser)).statusCode).toBe(403);
    expect((await post(`/api/v1/needs/${id}/publish`, wuxi)).statusCode).toBe(404);
    expect((await post(`/api/v1/needs/${id}/return`, suzhou, { comment: '' })).statusCode).toBe(422);
    const queue = (await get('/api/v1/needs?status=submitted&limit=500', suzhou)).json().items.map((n: { id: string }) => n.id);
    expect(queue).toContain(id);
    expect((await get('/api/v1/needs?status=submitted&limit=500', wuxi)).json().items.map((n: { id: string }) => n.id)).not.toContain(id);
  });
});

describe('need visibility', () => {
  it('hides drafts and submitted needs from other members and other regions exactly like missing ones', async () => {
    const draft = await needIn('draft');
    const submitted = await needIn('submitted');
    for (const id of [draft, submitted]) {
      const hidden = await get(`/api/v1/needs/${id}`, supplierUser);
      const missing = await get('/api/v1/needs/999999999', supplierUser);
      expect(hidden.statusCode).toBe(404);
      expect({ ...hidden.json(), requestId: 0 }).toEqual({ ...missing.json(), requestId: 0 });
      expect((await get(`/api/v1/needs/${id}`, wuxi)).statusCode).toBe(404);
      expect((await get(`/api/v1/needs/${id}`, suzhou)).statusCode).toBe(200);
      expect((await get(`/api/v1/needs/${id}/history`, supplierUser)).statusCode).toBe(404);
    }
    const listed = (await get('/api/v1/needs?limit=500', supplierUser)).json().items.map((n: { id: string }) => n.id);
    expect(listed).not.toContain(draft);
  });

  it('shows a published public need to every signed-in user, a region need only inside its region, an invited need only to the invited', async () => {
    const open = await needIn('published');
    const regional = await needIn('published', { visibility: 'region', regionCode: '320500' });
    const invited = await needIn('published', { visibility: 'invited', invitedUsccs: [wuxiFirm.uscc] });
    expect((await get(`/api/v1/needs/${open}`, expert)).statusCode).toBe(200);
    expect((await get(`/api/v1/needs/${open}`, wuxiUser)).statusCode).toBe(200);
    expect((await get(`/api/v1/needs/${regional}`, supplierUser)).statusCode).toBe(200);
    expect((await get(`/api/v1/needs/${regional}`, wuxiUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/needs/${regional}`, wuxi)).statusCode).toBe(404);
    expect((await get(`/api/v1/needs/${invited}`, wuxiUser)).statusCode).toBe(200);
    expect((await get(`/api/v1/needs/${invited}`, supplierUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/needs/${open}`)).statusCode).toBe(401);
  });

  it('exports the published needs in scope as the region’s 需求清单', async () => {
    const id = await needIn('published');
    const draft = await needIn('draft');
    const r = await get('/api/v1/needs/export', suzhou);
    expect(r.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ids = workbook.worksheets[0].getColumn(1).values.slice(2).map(String);
    expect(ids).toContain(id);
    expect(ids).not.toContain(draft);
  });
});

describe('matches', () => {
  it('ranks the matching supplier for a need with reasons, for the owner and gov in scope, also before publication', async () => {
    const id = await needIn('draft');
    const r = await get(`/api/v1/needs/${id}/matches?limit=5`, buyerUser);
    expect(r.statusCode).toBe(200);
    const first = r.json().items[0];
    expect(first).toMatchObject({ uscc: supplier.uscc, name: supplier.name, source: 'profile' });
    expect(first.score).toBeGreaterThan(0);
    expect(first.reasons.find((x: { feature: string }) => x.feature === 'text').terms).toContain('锂电隔膜');
    expect((await get(`/api/v1/needs/${id}/matches`, suzhou)).statusCode).toBe(200);
    expect((await get(`/api/v1/needs/${id}/matches`, supplierUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/needs/${id}/matches`, wuxi)).statusCode).toBe(404);
  });

  it('hides matches of a published need from users other than the owner and gov in scope', async () => {
    const id = await needIn('published');
    expect((await get(`/api/v1/needs/${id}`, supplierUser)).statusCode).toBe(200);
    expect((await get(`/api/v1/needs/${id}/matches`, supplierUser)).statusCode).toBe(404);
  });

  it('puts a published need into the supplier’s feed right after publication, and takes it out when closed', async () => {
    const id = await needIn('published', { title: '陶瓷涂覆隔膜批量采购' });
    const feed = await get(`/api/v1/enterprises/${supplier.uscc}/matched-needs?limit=50`, supplierUser);
    expect(feed.statusCode).toBe(200);
    const item = feed.json().items.find((n: { id: string }) => n.id === id);
    expect(item).toMatchObject({ uscc: buyer.uscc, kind: 'procurement' });
    expect(item.reasons.length).toBeGreaterThan(0);
    expect((await post(`/api/v1/needs/${id}/close`, buyerUser)).statusCode).toBe(200);
    const after = (await get(`/api/v1/enterprises/${supplier.uscc}/matched-needs?limit=50`, supplierUser)).json().items.map((n: { id: string }) => n.id);
    expect(after).not.toContain(id);
  });

  it('keeps region needs out of the feed of enterprises outside the region, and feeds only their own members and gov in scope', async () => {
    const id = await needIn('published', { visibility: 'region', regionCode: '320500' });
    const wuxiFeed = (await get(`/api/v1/enterprises/${wuxiFirm.uscc}/matched-needs?limit=50`, wuxiUser)).json().items.map((n: { id: string }) => n.id);
    expect(wuxiFeed).not.toContain(id);
    expect((await get(`/api/v1/enterprises/${supplier.uscc}/matched-needs`, wuxiUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/enterprises/${supplier.uscc}/matched-needs`, wuxi)).statusCode).toBe(404);
    expect((await get(`/api/v1/enterprises/${supplier.uscc}/matched-needs`, suzhou)).statusCode).toBe(200);
  });

  it('previews candidates of a need being typed', async () => {
    const r = await post('/api/v1/needs/preview-matches', buyerUser, { title: '隔膜', products: ['涂覆隔膜'] });
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((m: { uscc: string }) => m.uscc)).toContain(supplier.uscc);
  });
});

describe('offers', () => {
  it('lists an offer for the member’s own enterprise, which matching sees at once', async () => {
    const created = await post('/api/v1/offers', wuxiUser, { uscc: wuxiFirm.uscc, title: '谐波减速器供应', description: '机器人关节用谐波减速器', products: ['谐波减速器'], leadTimeDays: 30 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ uscc: wuxiFirm.uscc, products: ['谐波减速器'], leadTimeDays: 30 });
    const id = await needIn('draft', { title: '采购谐波减速器', products: ['谐波减速器'], description: '用于协作机器人关节' });
    const first = (await get(`/api/v1/needs/${id}/matches`, buyerUser)).json().items[0];
    expect(first).toMatchObject({ uscc: wuxiFirm.uscc, source: 'offer', offerId: created.json().id });
  });

  it('refuses offers for another enterprise (422 on uscc) and edits by others (403); owners edit and delete', async () => {
    expect((await post('/api/v1/offers', supplierUser, { uscc: buyer.uscc, title: '电芯供应', description: '磷酸铁锂电芯', products: ['电芯'] })).statusCode).toBe(422);
    const bad = await post('/api/v1/offers', supplierUser, { uscc: supplier.uscc, title: 'x', description: '', products: [] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['description', 'title']);
    const { id } = (await post('/api/v1/offers', supplierUser, { uscc: supplier.uscc, title: '隔膜分切加工', description: '隔膜分切与复卷加工服务', products: ['锂电隔膜'] })).json();
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/offers/${id}`, headers: wuxiUser, payload: { title: '改名字' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/offers/${id}`, headers: wuxi })).statusCode).toBe(403);
    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/offers/${id}`, headers: suzhou, payload: { capacity: '年产5000万㎡' } });
    expect(patched.json().capacity).toBe('年产5000万㎡');
    expect((await get(`/api/v1/offers?mine=true`, supplierUser)).json().items.map((o: { id: string }) => o.id)).toContain(id);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/offers/${id}`, headers: supplierUser })).statusCode).toBe(204);
    expect((await get(`/api/v1/offers/${id}`, admin)).statusCode).toBe(404);
  });
});
