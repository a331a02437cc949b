import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';

type Headers = Record<string, string>;
let app: App;
let db: Db;
let specialized: Awaited<ReturnType<typeof makeEnterprise>>;
let plain: Awaited<ReturnType<typeof makeEnterprise>>;
let large: Awaited<ReturnType<typeof makeEnterprise>>;
let specializedUser: Headers;
let plainUser: Headers;
let largeUser: Headers;
let wuxiSmeUser: Headers;
let suzhou: Headers;
let wuxi: Headers;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86_400_000));

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  specialized = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州专精特新'), tags: ['specialized'] });
  plain = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州普通小微') });
  large = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州大型'), employees: 5000, revenue: 900000, assets: 900000, tags: ['specialized'] });
  const wuxiSme = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡专精特新'), tags: ['specialized'] });
  specializedUser = (await loginAs(app, db, { role: 'member', orgUscc: specialized.uscc })).headers;
  plainUser = (await loginAs(app, db, { role: 'member', orgUscc: plain.uscc })).headers;
  largeUser = (await loginAs(app, db, { role: 'member', orgUscc: large.uscc })).headers;
  wuxiSmeUser = (await loginAs(app, db, { role: 'member', orgUscc: wuxiSme.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
});

async function programme(deadline = inDays(30)): Promise<string> {
  const r = await post('/api/v1/programmes', suzhou, { title: '专精特新企业技术改造补助', rules: { isSmeRequired: true, tagsAny: ['specialized', 'little_giant'] }, maxAmountYuan: 500000, deadline });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

describe('GET /api/v1/programmes/{id}/eligibility', () => {
  it('explains each rule with the enterprise’s own value', async () => {
    const id = await programme();
    const ok = (await get(`/api/v1/programmes/${id}/eligibility`, specializedUser)).json();
    expect(ok.isEligible).toBe(true);
    expect(ok.reasons.map((r: { key: string; passed: boolean }) => [r.key, r.passed])).toEqual([['region', true], ['is_sme', true], ['tags_any', true]]);
    const no = (await get(`/api/v1/programmes/${id}/eligibility`, plainUser)).json();
    expect(no.isEligible).toBe(false);
    expect(no.reasons.find((r: { key: string }) => r.key === 'tags_any')).toMatchObject({ passed: false, detail: '现有称号：无' });
    const big = (await get(`/api/v1/programmes/${id}/eligibility`, largeUser)).json();
    expect(big.reasons.find((r: { key: string }) => r.key === 'is_sme')).toMatchObject({ passed: false, detail: '企业规模：大型' });
    const outside = (await get(`/api/v1/programmes/${id}/eligibility`, wuxiSmeUser)).json();
    expect(outside.reasons[0]).toMatchObject({ key: 'region', passed: false });
  });
});

describe('POST /api/v1/programmes/{id}/applications', () => {
  it('takes an eligible application with its verdict, refuses the ineligible naming why, and refuses a second one', async () => {
    const id = await programme();
    const r = await post(`/api/v1/programmes/${id}/applications`, specializedUser, { requestedYuan: 300000, plan: '购置五轴加工中心2台' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ isEligible: true, status: 'submitted', requestedFen: 30_000_000 });
    expect((await post(`/api/v1/programmes/${id}/applications`, specializedUser, { requestedYuan: 1000 })).statusCode).toBe(409);
    const refused = await post(`/api/v1/programmes/${id}/applications`, plainUser, { requestedYuan: 600000 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['requestedYuan', 'uscc']);
    expect(refused.json().errors.find((e: { path: string }) => e.path === 'uscc').message).toContain('专精特新');
    const rows = await db.selectFrom('service_programme_applications').select('id').where('programme_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect((await get('/api/v1/programme-applications/mine', specializedUser)).json().items.map((a: { programmeId: string }) => a.programmeId)).toContain(id);
  });

  it('refuses after the deadline', async () => {
    const id = await programme(inDays(0));
    await db.updateTable('service_programmes').set({ deadline: inDays(-1) }).where('id', '=', id).execute();
    expect((await post(`/api/v1/programmes/${id}/applications`, specializedUser, { requestedYuan: 1000 })).statusCode).toBe(409);
  });
});

describe('POST /api/v1/programme-applications/{id}/decide', () => {
  it('approves an amount in fen within the maximum, once, by gov in scope only', async () => {
    const id = await programme();
    const applicationId = (await post(`/api/v1/programmes/${id}/applications`, specializedUser, { requestedYuan: 300000 })).json().id;
    expect((await get(`/api/v1/programmes/${id}/applications`, wuxi)).statusCode).toBe(404);
    expect((await get(`/api/v1/programmes/${id}/applications`, specializedUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/programme-applications/${applicationId}/decide`, wuxi, { decision: 'approve', approvedYuan: 1 })).statusCode).toBe(404);
    expect((await post(`/api/v1/programme-applications/${applicationId}/decide`, plainUser, { decision: 'approve', approvedYuan: 1 })).statusCode).toBe(404);
    expect((await post(`/api/v1/programme-applications/${applicationId}/decide`, specializedUser, { decision: 'approve', approvedYuan: 1 })).statusCode).toBe(403);
    expect((await post(`/api/v1/programme-applications/${applicationId}/decide`, suzhou, { decision: 'approve', approvedYuan: 600000 })).json().errors[0].path).toBe('approvedYuan');
    const ok = await post(`/api/v1/programme-applications/${applicationId}/decide`, suzhou, { decision: 'approve', approvedYuan: 250000.5 });
    expect(ok.json()).toMatchObject({ status: 'approved', approvedFen: 25_000_050 });
    expect((await post(`/api/v1/programme-applications/${applicationId}/decide`, suzhou, { decision: 'reject' })).statusCode).toBe(409);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'service_programme_application').where('entity_key', '=', applicationId).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['programme.apply', 'programme.approve']);
  });

  it('lets only gov in scope publish programmes', async () => {
    expect((await post('/api/v1/programmes', specializedUser, { title: '企业自己发布', rules: {}, maxAmountYuan: 1, deadline: inDays(3) })).statusCode).toBe(403);
    expect((await post('/api/v1/programmes', suzhou, { title: '跨区发布', regionCode: '320200', rules: {}, maxAmountYuan: 1, deadline: inDays(3) })).json().errors[0].path).toBe('regionCode');
    const ids = (await get('/api/v1/programmes?limit=500', wuxiSmeUser)).json().items.map((p: { regionCode: string }) => p.regionCode);
    expect(ids.every((code: string) => !code.startsWith('3205'))).toBe(true);
  });
});
