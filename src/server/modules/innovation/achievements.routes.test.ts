import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let institute: Awaited<ReturnType<typeof makeEnterprise>>;
let buyer: Awaited<ReturnType<typeof makeEnterprise>>;
let wuxiFirm: Awaited<ReturnType<typeof makeEnterprise>>;
let instituteUser: Headers;
let buyerUser: Headers;
let wuxiUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
let expert: Headers;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });

const ACHIEVEMENT = {
  title: '陶瓷涂覆隔膜低温烧结工艺',
  field: '锂电隔膜',
  trl: 6,
  patentNumbers: ['CN114123456A', 'cn202110123456.7'],
  transferMode: 'license',
  priceMinFen: 50_000_000,
  priceMaxFen: 120_000_000,
  summary: '在湿法基膜上涂覆氧化铝陶瓷层并低温烧结，热收缩率（150℃）低于2%，适用于动力电池隔膜。',
};

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  institute = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试材料研究院') });
  buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试电池'), employees: 5000, revenue: 900000, assets: 900000 });
  wuxiFirm = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡测试隔膜') });
  instituteUser = (await loginAs(app, db, { role: 'member', orgUscc: institute.uscc })).headers;
  buyerUser = (await loginAs(app, db, { role: 'member', orgUscc: buyer.uscc })).headers;
  wuxiUser = (await loginAs(app, db, { role: 'member', orgUscc: wuxiFirm.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

async function publish(body: object = {}): Promise<string> {
  const r = await post('/api/v1/achievements', instituteUser, { ...ACHIEVEMENT, ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

async function publishedNeed(body: object): Promise<string> {
  const created = await post('/api/v1/needs', buyerUser, { kind: 'procurement', ...body });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id;
  expect((await post(`/api/v1/needs/${id}/submit`, buyerUser)).statusCode).toBe(200);
  expect((await post(`/api/v1/needs/${id}/publish`, suzhou)).statusCode).toBe(200);
  return id;
}

describe('POST /api/v1/achievements', () => {
  it('publishes for the member’s own enterprise, normalising patent numbers, with an audit entry', async () => {
    const id = await publish();
    const view = (await get(`/api/v1/achievements/${id}`, wuxiUser)).json();
    expect(view).toMatchObject({ title: ACHIEVEMENT.title, trl: 6, transferMode: 'license', priceMinFen: 50_000_000, priceMaxFen: 120_000_000, ownerUscc: institute.uscc, canManage: false, myInterestId: null });
    expect(view.patentNumbers).toEqual(['CN114123456A', 'CN202110123456.7']);
    expect((await get(`/api/v1/achievements/${id}`, instituteUser)).json().canManage).toBe(true);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'achievement').where('entity_key', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['achievement.create']);
  });

  it('names the field of bad input: TRL outside 1–9, a malformed patent number, an inverted price range, another firm’s uscc', async () => {
    for (const [body, path] of [[{ trl: 10 }, 'trl'], [{ trl: 0 }, 'trl'], [{ patentNumbers: ['US1234567'] }, 'patentNumbers.0'], [{ priceMinFen: 200, priceMaxFen: 100 }, 'priceMaxFen'], [{ priceMinFen: 1.5 }, 'priceMinFen'], [{ transferMode: 'gift' }, 'transferMode'], [{ uscc: buyer.uscc }, 'uscc']] as const) {
      const r = await post('/api/v1/achievements', instituteUser, { ...ACHIEVEMENT, ...body });
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await post('/api/v1/achievements', expert, ACHIEVEMENT)).statusCode).toBe(403);
    expect((await post('/api/v1/achievements', suzhou, { ...ACHIEVEMENT, uscc: institute.uscc })).statusCode).toBe(201);
    expect((await post('/api/v1/achievements', wuxi, { ...ACHIEVEMENT, uscc: institute.uscc })).statusCode).toBe(422);
  });

  it('lists with search, TRL and mode filters, and pages with a cursor', async () => {
    const marker = `标记${Date.now()}`;
    const a = await publish({ title: `${marker}甲`, trl: 3 });
    const b = await publish({ title: `${marker}乙`, trl: 8, transferMode: 'equity' });
    const all = (await get(`/api/v1/achievements?q=${encodeURIComponent(marker)}`, wuxiUser)).json();
    expect(all.items.map((x: { id: string }) => x.id)).toEqual([b, a]);
    expect((await get(`/api/v1/achievements?q=${encodeURIComponent(marker)}&minTrl=7`, wuxiUser)).json().items.map((x: { id: string }) => x.id)).toEqual([b]);
    expect((await get(`/api/v1/achievements?q=${encodeURIComponent(marker)}&transferMode=license`, wuxiUser)).json().items.map((x: { id: string }) => x.id)).toEqual([a]);
    const first = (await get(`/api/v1/achievements?q=${encodeURIComponent(marker)}&limit=1`, wuxiUser)).json();
    expect(first.items.map((x: { id: string }) => x.id)).toEqual([b]);
    const second = (await get(`/api/v1/achievements?q=${encodeURIComponent(marker)}&limit=1&cursor=${first.nextCursor}`, wuxiUser)).json();
    expect(second.items.map((x: { id: string }) => x.id)).toEqual([a]);
    expect((await get('/api/v1/achievements/999999999', wuxiUser)).statusCode).toBe(404);
    expect((await get('/api/v1/achievements/abc', wuxiUser)).statusCode).toBe(404);
  });
});

describe('matching achievements and needs both ways', () => {
  it('finds the separator need for the separator achievement and back, never the unrelated one', async () => {
    const achievement = await publish({ title: '涂覆隔膜陶瓷层低温烧结技术' });
    const separator = await publishedNeed({ title: '湿法涂覆隔膜采购', description: '9μm湿法基膜加陶瓷涂覆，热收缩率低', products: ['锂电隔膜', '陶瓷涂覆隔膜'] });
    const casting = await publishedNeed({ title: '铝合金压铸件外协', description: '新能源汽车电池托盘压铸', products: ['铝合金压铸件'] });
    const forward = await get(`/api/v1/achievements/${achievement}/needs`, instituteUser);
    expect(forward.statusCode, forward.body).toBe(200);
    const needIds = forward.json().items.map((m: { needId: string }) => m.needId);
    expect(needIds).toContain(separator);
    expect(needIds).not.toContain(casting);
    const hit = forward.json().items.find((m: { needId: string }) => m.needId === separator);
    expect(hit.score).toBeGreaterThan(0.05);
    expect(hit.score).toBeLessThanOrEqual(1);
    expect(hit.terms.length).toBeGreaterThan(0);

    const backward = await get(`/api/v1/needs/${separator}/achievements`, buyerUser);
    expect(backward.statusCode, backward.body).toBe(200);
    expect(backward.json().items.map((m: { achievementId: string }) => m.achievementId)).toContain(achievement);
    expect((await get(`/api/v1/needs/${casting}/achievements`, buyerUser)).json().items.map((m: { achievementId: string }) => m.achievementId)).not.toContain(achievement);
  });

  it('answers 404 to those who do not manage the achievement or the need', async () => {
    const achievement = await publish();
    const need = await publishedNeed({ title: '隔膜采购', description: '涂覆隔膜', products: ['锂电隔膜'] });
    expect((await get(`/api/v1/achievements/${achievement}/needs`, wuxiUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/achievements/${achievement}/needs`, wuxi)).statusCode).toBe(404);
    expect((await get(`/api/v1/achievements/${achievement}/needs`, suzhou)).statusCode).toBe(200);
    expect((await get(`/api/v1/needs/${need}/achievements`, wuxiUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/needs/${need}/achievements`, instituteUser)).statusCode).toBe(404);
  });
});

describe('interest and categorised feedback', () => {
  it('lets a requester send interest naming its need, the owner answer once from the fixed list, each side see its own', async () => {
    const achievement = await publish();
    const need = await publishedNeed({ title: '隔膜技术需求', description: '涂覆隔膜', products: ['锂电隔膜'] });
    const sent = await post(`/api/v1/achievements/${achievement}/interests`, buyerUser, { message: '希望洽谈许可', needId: need });
    expect(sent.statusCode, sent.body).toBe(201);
    const interestId = sent.json().id;
    expect((await post(`/api/v1/achievements/${achievement}/interests`, buyerUser, { message: '再来一次' })).statusCode).toBe(409);
    expect((await post(`/api/v1/achievements/${achievement}/interests`, instituteUser, {})).statusCode).toBe(409);
    const foreignNeed = await post(`/api/v1/achievements/${achievement}/interests`, wuxiUser, { needId: need });
    expect(foreignNeed.statusCode).toBe(422);
    expect(foreignNeed.json().errors[0].path).toBe('needId');
    expect((await post(`/api/v1/achievements/${achievement}/interests`, wuxiUser, {})).statusCode).toBe(201);

    expect((await get(`/api/v1/achievements/${achievement}`, buyerUser)).json().myInterestId).toBe(interestId);
    const ownerList = (await get(`/api/v1/achievements/${achievement}/interests`, instituteUser)).json().items;
    expect(ownerList).toHaveLength(2);
    const buyerList = (await get(`/api/v1/achievements/${achievement}/interests`, buyerUser)).json().items;
    expect(buyerList.map((i: { id: string }) => i.id)).toEqual([interestId]);
    expect(buyerList[0]).toMatchObject({ needId: need, needTitle: '隔膜技术需求', canAnswer: false, status: 'pending' });

    expect((await post(`/api/v1/achievement-interests/${interestId}/feedback`, buyerUser, { category: 'will_contact' })).statusCode).toBe(404);
    expect((await post(`/api/v1/achievement-interests/${interestId}/feedback`, wuxi, { category: 'will_contact' })).statusCode).toBe(404);
    const bad = await post(`/api/v1/achievement-interests/${interestId}/feedback`, instituteUser, { category: 'maybe' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('category');
    const answered = await post(`/api/v1/achievement-interests/${interestId}/feedback`, instituteUser, { category: 'price_mismatch', note: '许可费低于下限' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', feedbackCategory: 'price_mismatch', feedbackNote: '许可费低于下限' });
    expect((await post(`/api/v1/achievement-interests/${interestId}/feedback`, instituteUser, { category: 'will_contact' })).statusCode).toBe(409);

    const received = (await get('/api/v1/achievement-interests?side=received', instituteUser)).json().items;
    expect(received.map((i: { id: string }) => i.id)).toContain(interestId);
    const mine = (await get('/api/v1/achievement-interests?side=sent', buyerUser)).json().items;
    expect(mine.find((i: { id: string }) => i.id === interestId)).toMatchObject({ feedbackCategory: 'price_mismatch' });
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'achievement_interest').where('entity_key', '=', interestId).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['achievement.interest', 'achievement.feedback']);
  });
});

describe('first-use records (首试首用 / 首台套)', () => {
  it('records for a party, shows gov users the records of suppliers in their region only, and exports them', async () => {
    const product = `SEM样品台${Date.now()}`;
    const created = await post('/api/v1/first-uses', buyerUser, { kind: 'first_of_kind', supplierUscc: institute.uscc, userUscc: buyer.uscc, product, startedOn: '2026-06-01' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const wuxiRecord = await post('/api/v1/first-uses', wuxiUser, { kind: 'first_use', supplierUscc: wuxiFirm.uscc, userUscc: buyer.uscc, product: `${product}-无锡`, startedOn: '2026-06-02' });
    expect(wuxiRecord.statusCode).toBe(201);

    const sz = (await get('/api/v1/first-uses?limit=500', suzhou)).json().items.map((f: { id: string }) => f.id);
    expect(sz).toContain(id);
    expect(sz).not.toContain(wuxiRecord.json().id);
    const wx = (await get('/api/v1/first-uses?limit=500', wuxi)).json().items.map((f: { id: string }) => f.id);
    expect(wx).toEqual([wuxiRecord.json().id]);
    expect((await get('/api/v1/first-uses', instituteUser)).json().items.map((f: { id: string }) => f.id)).toEqual([id]);
    expect((await get('/api/v1/first-uses', expert)).json().items).toEqual([]);

    const outcome = await post(`/api/v1/first-uses/${id}/outcome`, suzhou, { outcome: 'succeeded', outcomeNote: '已批量采购' });
    expect(outcome.json()).toMatchObject({ outcome: 'succeeded', outcomeNote: '已批量采购', startedOn: '2026-06-01' });
    expect((await post(`/api/v1/first-uses/${id}/outcome`, wuxi, { outcome: 'failed' })).statusCode).toBe(404);
    expect((await post(`/api/v1/first-uses/${id}/outcome`, wuxiUser, { outcome: 'failed' })).statusCode).toBe(404);

    const exported = await get('/api/v1/first-uses/export?kind=first_of_kind', suzhou);
    expect(exported.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('首试首用')!.getSheetValues().slice(2) as unknown[][];
    const row = rows.find((r) => r[3] === product)!;
    expect(row).toBeDefined();
    expect(row[2]).toBe('首台(套)');
    expect(row[10]).toBe('成功');
    expect(rows.some((r) => String(r[3]).endsWith('-无锡'))).toBe(false);
  });

  it('refuses bad input naming the field, and parties the caller does not act for', async () => {
    const base = { kind: 'first_use', supplierUscc: institute.uscc, userUscc: buyer.uscc, product: '检测夹具', startedOn: '2026-06-01' };
    for (const [body, path] of [[{ userUscc: institute.uscc }, 'userUscc'], [{ supplierUscc: '91320500MA0000000X' }, 'supplierUscc'], [{ startedOn: '2099-01-01' }, 'startedOn'], [{ kind: 'second_use' }, 'kind']] as const) {
      const r = await post('/api/v1/first-uses', buyerUser, { ...base, ...body });
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await post('/api/v1/first-uses', wuxiUser, base)).statusCode).toBe(422);
    expect((await post('/api/v1/first-uses', wuxi, base)).statusCode).toBe(422);
    expect((await post('/api/v1/first-uses', expert, base)).statusCode).toBe(403);
    const before = await db.selectFrom('first_uses').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect((await post('/api/v1/first-uses', buyerUser, { ...base, startedOn: '2099-01-01' })).statusCode).toBe(422);
    expect((await db.selectFrom('first_uses').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n).toBe(before.n);
  });
});
