import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let other: Awaited<ReturnType<typeof makeEnterprise>>;
let smeUser: Headers;
let otherUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
/** Experts by name: headers and pool id. */
const experts: Record<string, { headers: Headers; id: string }> = {};

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const put = (url: string, headers: Headers, payload: object) => app.inject({ method: 'PUT', url, headers, payload });

const QUESTION = '方形铝壳电芯激光焊接后漏液率偏高，电解质注液和封口工艺应如何改进？';

async function makeExpert(name: string, fields: string[], extra: { affiliationUscc?: string; isAvailable?: boolean; regionCode?: string } = {}) {
  const { headers } = await loginAs(app, db, { role: 'expert' });
  const r = await put('/api/v1/experts/me', headers, { name, fields, regionCode: extra.regionCode ?? '320500', affiliation: `${name}的单位`, affiliationUscc: extra.affiliationUscc, isAvailable: extra.isAvailable ?? true, maxLoad: 5 });
  expect(r.statusCode, r.body).toBe(200);
  experts[name] = { headers, id: r.json().id };
}

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州锐铭精密') });
  other = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡微纳') });
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  otherUser = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  await makeExpert('王工', ['锂电池', '电解质', '焊接']);
  await makeExpert('李工', ['精密加工', '数控']);
  await makeExpert('赵工', ['锂电池', '电解质'], { affiliationUscc: sme.uscc }); // works for the SME: conflicted
  await makeExpert('钱工', ['锂电池', '电解质'], { isAvailable: false });
  await makeExpert('孙工', ['锂电池'], { regionCode: '110108' });
});

async function ask(headers: Headers = smeUser, body: object = {}) {
  const r = await post('/api/v1/consultations', headers, { field: '锂电池', question: QUESTION, urgency: 'high', ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('POST /api/v1/consultations', () => {
  it('routes to matching, available, unconflicted experts, best match first, and audits it', async () => {
    const c = await ask();
    expect(c).toMatchObject({ status: 'open', urgency: 'high', requesterUscc: sme.uscc, canRate: false, canAnswer: false });
    const names = c.routes.map((r: { expertName: string }) => r.expertName);
    expect(names[0]).toBe('王工'); // three fields touched, same province
    expect(names).toContain('孙工');
    expect(names).not.toContain('赵工'); // employed by the requester
    expect(names).not.toContain('钱工'); // unavailable
    expect(names).not.toContain('李工'); // no field match
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'consultation').where('entity_key', '=', c.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['consultation.create']);
  });

  it('refuses a field nobody covers (422 naming field), bad urgency, and experts asking', async () => {
    const none = await post('/api/v1/consultations', smeUser, { field: '量子计算', question: '超导量子比特的退相干时间如何延长？' });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0].path).toBe('field');
    const bad = await post('/api/v1/consultations', smeUser, { field: '锂电池', question: QUESTION, urgency: 'yesterday' });
    expect(bad.statusCode).toBe(422);
    expect((await post('/api/v1/consultations', experts['王工'].headers, { field: '锂电池', question: QUESTION })).statusCode).toBe(403);
    const count = await db.selectFrom('consultations').select(db.fn.countAll<string>().as('n')).where('field', '=', '量子计算').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});

describe('scope', () => {
  it('shows a consultation to its SME, routed experts (own route only), gov in scope; 404 to everyone else', async () => {
    const c = await ask();
    expect((await get(`/api/v1/consultations/${c.id}`, smeUser)).json().routes.length).toBeGreaterThan(1);
    const asExpert = (await get(`/api/v1/consultations/${c.id}`, experts['王工'].headers)).json();
    expect(asExpert.routes).toHaveLength(1);
    expect(asExpert.routes[0]).toMatchObject({ expertName: '王工', isMine: true });
    expect(asExpert.canAnswer).toBe(true);
    expect((await get(`/api/v1/consultations/${c.id}`, suzhou)).statusCode).toBe(200);
    for (const outsider of [otherUser, wuxi, experts['李工'].headers, experts['赵工'].headers]) {
      expect((await get(`/api/v1/consultations/${c.id}`, outsider)).statusCode).toBe(404);
    }
    expect((await get('/api/v1/consultations/999999999', smeUser)).statusCode).toBe(404);
    const ids = (h: Headers) => get('/api/v1/consultations?limit=500', h).then((r) => r.json().items.map((x: { id: string }) => x.id));
    expect(await ids(experts['王工'].headers)).toContain(c.id);
    expect(await ids(experts['李工'].headers)).not.toContain(c.id);
    expect(await ids(otherUser)).not.toContain(c.id);
    expect(await ids(suzhou)).toContain(c.id);
    expect(await ids(wuxi)).not.toContain(c.id);
  });
});

describe('answer and rate', () => {
  it('routed expert answers, the SME rates 1–5 and so closes it; wrong people and states are refused', async () => {
    const c = await ask();
    expect((await post(`/api/v1/consultations/${c.id}/rate`, smeUser, { rating: 4 })).statusCode).toBe(409); // not answered yet
    expect((await post(`/api/v1/consultations/${c.id}/answer`, experts['李工'].headers, { answer: '建议检查焊缝' })).statusCode).toBe(404);
    expect((await post(`/api/v1/consultations/${c.id}/answer`, smeUser, { answer: '自问自答' })).statusCode).toBe(403);
    const answered = await post(`/api/v1/consultations/${c.id}/answer`, experts['王工'].headers, { answer: '建议先做氦检漏定位，再优化激光功率曲线和注液后静置时间。' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', canAnswer: true });
    const seen = (await get(`/api/v1/consultations/${c.id}`, smeUser)).json();
    expect(seen.canRate).toBe(true);
    expect(seen.routes.find((r: { expertName: string }) => r.expertName === '王工').answer).toContain('氦检漏');
    const outOfRange = await post(`/api/v1/consultations/${c.id}/rate`, smeUser, { rating: 6 });
    expect(outOfRange.statusCode).toBe(422);
    expect(outOfRange.json().errors[0].path).toBe('rating');
    expect((await post(`/api/v1/consultations/${c.id}/rate`, otherUser, { rating: 5 })).statusCode).toBe(404);
    expect((await post(`/api/v1/consultations/${c.id}/rate`, suzhou, { rating: 5 })).statusCode).toBe(403);
    const rated = await post(`/api/v1/consultations/${c.id}/rate`, smeUser, { rating: 5, comment: '很有帮助' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ status: 'closed', rating: 5, ratingComment: '很有帮助', canRate: false });
    expect((await post(`/api/v1/consultations/${c.id}/rate`, smeUser, { rating: 1 })).statusCode).toBe(409);
    expect((await post(`/api/v1/consultations/${c.id}/answer`, experts['王工'].headers, { answer: '补充一点' })).statusCode).toBe(409);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'consultation').where('entity_key', '=', c.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['consultation.create', 'consultation.answer', 'consultation.rate']);
    const stats = (await get('/api/v1/consultations/statistics', suzhou)).json();
    expect(stats.byStatus.closed).toBeGreaterThanOrEqual(1);
    expect(stats.meanRating).toBe(5);
    expect(stats.byExpert.find((e: { expertName: string }) => e.expertName === '王工').answered).toBeGreaterThanOrEqual(1);
    expect((await get('/api/v1/consultations/statistics', wuxi)).json().total).toBe(0);
    expect((await get('/api/v1/consultations/statistics', experts['王工'].headers)).statusCode).toBe(403);
  });

  it('exports what the caller may list to Excel', async () => {
    await ask();
    const r = await get('/api/v1/consultations/export', suzhou);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('专家咨询')!;
    const listed = (await get('/api/v1/consultations?limit=500', suzhou)).json().items.length;
    expect(sheet.rowCount - 1).toBe(listed);
    expect(String(sheet.getRow(2).getCell(2).value)).toBe(sme.name);
    const none = await get('/api/v1/consultations/export', wuxi);
    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load(none.rawPayload as unknown as ArrayBuffer);
    expect(empty.getWorksheet('专家咨询')!.rowCount).toBe(1);
  });
});

describe('committees', () => {
  it('a gov user forms one in scope; SMEs of the region route to its members, chair first', async () => {
    const name = uniqueName('苏州市新能源技术专家咨询委员会');
    const body = { name, field: '新能源', chairExpertId: experts['李工'].id, memberExpertIds: [experts['王工'].id, experts['赵工'].id] };
    expect((await post('/api/v1/committees', smeUser, body)).statusCode).toBe(403);
    const outOfScope = await post('/api/v1/committees', suzhou, { ...body, regionCode: '320200' });
    expect(outOfScope.statusCode).toBe(422);
    expect(outOfScope.json().errors[0].path).toBe('regionCode');
    const unknown = await post('/api/v1/committees', suzhou, { ...body, memberExpertIds: ['999999999'] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('memberExpertIds.0');
    const created = await post('/api/v1/committees', suzhou, body);
    expect(created.statusCode, created.body).toBe(201);
    const k = created.json();
    expect(k).toMatchObject({ regionCode: '320500', canManage: true });
    expect(k.members.map((m: { name: string; role: string }) => `${m.name}:${m.role}`)).toEqual(['李工:chair', '王工:member', '赵工:member']);
    expect((await post('/api/v1/committees', suzhou, body)).statusCode).toBe(409);
    expect((await put(`/api/v1/committees/${k.id}`, wuxi, { ...body, field: '储能' })).statusCode).toBe(404);
    const listed = (h: Headers) => get('/api/v1/committees', h).then((r) => r.json().items.map((x: { id: string }) => x.id));
    expect(await listed(smeUser)).toContain(k.id);
    expect(await listed(otherUser)).not.toContain(k.id);

    const c = await ask(smeUser, { committeeId: k.id });
    expect(c.committeeName).toBe(name);
    // 赵工 works for the SME: left out even as a member.
    expect(c.routes.map((r: { expertName: string }) => r.expertName)).toEqual(['李工', '王工']);
    const far = await post('/api/v1/consultations', otherUser, { field: '锂电池', question: QUESTION, committeeId: k.id });
    expect(far.statusCode).toBe(422);
    expect(far.json().errors[0].path).toBe('committeeId');

    const updated = await put(`/api/v1/committees/${k.id}`, suzhou, { ...body, chairExpertId: experts['王工'].id, memberExpertIds: [experts['李工'].id], isActive: false });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().members.map((m: { name: string; role: string }) => `${m.name}:${m.role}`)).toEqual(['王工:chair', '李工:member']);
    expect(updated.json().consultationCount).toBe(1);
    expect((await post('/api/v1/consultations', smeUser, { field: '锂电池', question: QUESTION, committeeId: k.id })).statusCode).toBe(422); // inactive
  });
});
