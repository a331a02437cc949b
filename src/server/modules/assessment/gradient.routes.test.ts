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
let admin: Headers;
let expert: Headers;

/** A firm that meets the 创新型 score (2022 rules, 上年度 2025) and the 专精特新 requirements. */
const PROFILE = {
  nicheSince: '2016-05-01', ipClass1: 3, ipClass1Self: 2, ipHighValue: 0, ipClass2: 5, emergingField: true, productField: 'foundation', qualityItems: ['certification', 'own_brand'],
  rdInstitutionLevel: 'city', stAwardLevel: 'none', equity2yWan: 0, equity3yWan: 0, chuangkeGroup: 'none', innovationTitles: [], hasInfoSystem: true, hasSystemCertification: true,
  marketSharePct: 6, hasOwnBrand: true, localScore: 8, baselineCompliant: true, digitalLevel: 'level2',
};
const YEARS = [
  { year: 2023, revenueWan: 10000, mainRevenueWan: 8000 },
  { year: 2024, revenueWan: 11000, mainRevenueWan: 8800, rdSpendWan: 400 },
  { year: 2025, revenueWan: 12000, mainRevenueWan: 9680, netProfitWan: 900, assetsWan: 10000, liabilitiesWan: 4500, rdSpendWan: 480, employees: 150, rdStaff: 24 },
];

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试梯度'), employees: 150, revenue: 12000, assets: 10000 });
  other = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡测试梯度') });
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  otherUser = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const put = (url: string, headers: Headers, payload: object) => app.inject({ method: 'PUT', url, headers, payload });

describe('GET /api/v1/enterprises/{uscc}/gradient', () => {
  it('evaluates from the registry alone, listing what is missing (never a 500)', async () => {
    const r = await get(`/api/v1/enterprises/${other.uscc}/gradient?asOf=2026-03-01`, otherUser);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.ruleVersion).toBe('gradient-2022');
    expect(body.tiers.map((t: { tier: string }) => t.tier)).toEqual(['innovative', 'specialized', 'little_giant']);
    const innovative = body.tiers[0];
    expect(innovative.qualified).toBe(false);
    expect(innovative.missing).toEqual(expect.arrayContaining(['inn_ip', 'inn_growth', 'baselineCompliant']));
  });

  it('scores the declared inputs with values, bands, points and rule references', async () => {
    const saved = await put(`/api/v1/enterprises/${sme.uscc}/gradient-inputs`, smeUser, { profile: PROFILE, years: YEARS });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().years.find((y: { year: number }) => y.year === 2025)).toMatchObject({ revenueWan: 12000, rdStaff: 24, source: 'mixed' });
    const audit = await db.selectFrom('audit_log').select(['action', 'entity_key']).where('entity_type', '=', 'gradient_inputs').where('entity_key', '=', sme.uscc).execute();
    expect(audit).toEqual([{ action: 'gradient_inputs.save', entity_key: sme.uscc }]);

    const body = (await get(`/api/v1/enterprises/${sme.uscc}/gradient?asOf=2026-03-01`, smeUser)).json();
    expect(body.lastYear).toBe(2025);
    const innovative = body.tiers[0];
    const byKey = Object.fromEntries(innovative.indicators.map((i: { key: string }) => [i.key, i]));
    // rd 480/12000 = 4% → 15; growth 9680/8800 = 10% → 15; debt 45% → 10; emerging → 10; share 80.67% → 20; 自主研发Ⅰ类 → 15.
    expect(byKey.inn_rd_ratio).toMatchObject({ value: 4, band: '≥3%', points: 15, passed: true, ref: expect.stringContaining('附件1') });
    expect(byKey.inn_growth).toMatchObject({ value: 10, points: 15 });
    expect(byKey.inn_debt).toMatchObject({ value: 45, points: 10 });
    expect(byKey.inn_ip).toMatchObject({ value: 'class1_self', points: 15 });
    expect(innovative.score).toBe(85);
    expect(innovative.qualified).toBe(true);
    expect(innovative.route).toBe('score');

    const specialized = body.tiers[1];
    const spe = Object.fromEntries(specialized.indicators.map((i: { key: string; points: number }) => [i.key, i.points]));
    // share 80.67 → 5; avg growth (10% + 10%)/2 → 10; niche 2016-05 → 9 full years → 4; foundation 3; level2 3; 2 items → 5;
    // margin 7.5% → 6; debt 45 → 5; local 8; ip self → 8; R&D max(480万 → 8, 4% → 4) = 8; staff 16% → 3; city → 4. Total 72.
    expect(spe).toEqual({ spe_main_share: 5, spe_growth: 10, spe_niche: 4, spe_field: 3, spe_digital: 3, spe_quality: 5, spe_margin: 6, spe_debt: 5, spe_local: 8, spe_ip: 8, spe_rd: 8, spe_rd_staff: 3, spe_rd_institution: 4 });
    expect(specialized.score).toBe(72);
    expect(specialized.qualified).toBe(true);

    const giant = body.tiers[2];
    expect(giant.qualified).toBe(false);
    expect(giant.failed.map((f: { key: string }) => f.key)).toEqual(expect.arrayContaining(['lg_prereq_specialized', 'lg_te_share']));
    expect(giant.failed.find((f: { key: string }) => f.key === 'lg_te_share').shortfalls[0]).toMatchObject({ value: 6, gap: 4 });
    expect(giant.improvements.length).toBeGreaterThan(0);
    expect(body.nextTier).toBe('little_giant');
  });

  it('switches rule version on the effective date', async () => {
    const before = (await get(`/api/v1/enterprises/${sme.uscc}/gradient?asOf=2026-03-31`, smeUser)).json();
    const after = (await get(`/api/v1/enterprises/${sme.uscc}/gradient?asOf=2026-04-01`, smeUser)).json();
    expect(before.ruleVersion).toBe('gradient-2022');
    expect(after.ruleVersion).toBe('gradient-2026');
    expect(after.ruleSetStatus).toBe('single_source');
    // 2026: 主营 share 80.67% passes the 80% bar; the 创新型 title is missing from the registry tags.
    expect(after.tiers[1].failed.map((f: { key: string }) => f.key)).toContain('spe26_title');
  });

  it('rejects a malformed date with the field named', async () => {
    const r = await get(`/api/v1/enterprises/${sme.uscc}/gradient?asOf=2026-4-1`, smeUser);
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].path).toContain('asOf');
  });

  it('is 404 outside the caller’s scope, for other members and for experts', async () => {
    expect((await get(`/api/v1/enterprises/${sme.uscc}/gradient`, suzhou)).statusCode).toBe(200);
    expect((await get(`/api/v1/enterprises/${sme.uscc}/gradient`, admin)).statusCode).toBe(200);
    for (const h of [wuxi, otherUser, expert]) {
      const r = await get(`/api/v1/enterprises/${sme.uscc}/gradient`, h);
      expect(r.statusCode).toBe(404);
      expect((await get(`/api/v1/enterprises/${sme.uscc}/gradient-inputs`, h)).statusCode).toBe(404);
    }
    const r = await put(`/api/v1/enterprises/${sme.uscc}/gradient-inputs`, otherUser, { profile: {} });
    expect(r.statusCode).toBe(404);
    const unknown = await get('/api/v1/enterprises/91320506MA00000000/gradient', admin);
    expect(unknown.statusCode).toBe(404);
  });
});

describe('PUT /api/v1/enterprises/{uscc}/gradient-inputs', () => {
  it('rejects out-of-range and unknown fields naming each, and writes nothing', async () => {
    const r = await put(`/api/v1/enterprises/${sme.uscc}/gradient-inputs`, smeUser, { profile: { marketSharePct: 120, colour: 'red' }, years: [{ year: 2025, rdStaff: -1 }] });
    expect(r.statusCode).toBe(422);
    const paths = r.json().errors.map((e: { path: string }) => e.path).join(' ');
    expect(paths).toContain('marketSharePct');
    expect(paths).toContain('rdStaff');
    const inputs = (await get(`/api/v1/enterprises/${sme.uscc}/gradient-inputs`, smeUser)).json();
    expect(inputs.profile.marketSharePct).toBe(6);
  });
});

describe('PUT /api/v1/gradient-rules/settings', () => {
  it('lets an admin switch off an unconfirmed rule, not a confirmed one; others get 403', async () => {
    expect((await put('/api/v1/gradient-rules/settings', suzhou, { disabled: ['lg_lian'] })).statusCode).toBe(403);
    const bad = await put('/api/v1/gradient-rules/settings', admin, { disabled: ['lg_zhuan_niche'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('disabled.0');
    const ok = await put('/api/v1/gradient-rules/settings', admin, { disabled: ['lg_lian'] });
    expect(ok.statusCode).toBe(200);
    const lian = ok.json().items[0].tiers[2].conditions.find((c: { key: string }) => c.key === 'lg_lian');
    expect(lian).toMatchObject({ status: 'unconfirmed', isDisabled: true });
    const body = (await get(`/api/v1/enterprises/${sme.uscc}/gradient?asOf=2026-03-01`, smeUser)).json();
    expect(body.tiers[2].conditions.find((c: { key: string }) => c.key === 'lg_lian')).toMatchObject({ isDisabled: true, passed: true });
    await put('/api/v1/gradient-rules/settings', admin, { disabled: [] });
  });
});
