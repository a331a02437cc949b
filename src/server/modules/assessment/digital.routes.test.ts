import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let buyer: Awaited<ReturnType<typeof makeEnterprise>>;
let provider: Awaited<ReturnType<typeof makeEnterprise>>;
let smeUser: Headers;
let buyerUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
let expert: Headers;

/** Every application scenario at 四级: the scenario half of the level rule never holds these back. */
const ALL_L4 = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`s${i + 1}`, 'l4']));
/** Full marks on 数字化基础 and 数字化成效, nothing on 数字化管理 → 70 (三级). */
const T0 = {
  ...ALL_L4,
  b1: ['o1', 'o2', 'o3', 'o4', 'o5'], b2: 'r60_100', b3: 'r60_100', b4: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7'], b5: 'r60_100', b6: ['o1', 'o2', 'o3', 'o4'], b7: ['o1', 'o2', 'o3', 'o4'],
  m1: 'none', m2: ['none'], m3: ['none'], m4: 'p0', e1: 'better', e2: 'better', e3: 'better', e4: 'better',
};

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州数字') });
  buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州采购'), employees: 3000, revenue: 500000, assets: 500000 });
  provider = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州服务商'), industryCode: 'I6513' });
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  buyerUser = (await loginAs(app, db, { role: 'member', orgUscc: buyer.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
  const created = await app.inject({
    method: 'POST', url: '/api/v1/solutions', headers: suzhou,
    payload: { uscc: provider.uscc, title: '轻量化MES排产', description: '订阅制MES，两周上线', kind: 'solution', industryCodes: ['C'], scenarios: ['生产管控', '排产'], dimensions: ['management'], priceBand: 'under_10k', deploymentDays: 14 },
  });
  expect(created.statusCode).toBe(201);
});

const post = (url: string, headers: Headers, payload: object) => app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const URL_OF = () => `/api/v1/enterprises/${sme.uscc}/digital-assessments`;

describe('POST /api/v1/enterprises/{uscc}/digital-assessments', () => {
  it('scores per dimension, gives the level and next steps from the catalogue', async () => {
    const r = await post(URL_OF(), smeUser, { form: 'general-2024', answers: T0 });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body.score).toBe(70);
    expect(body.level).toBe(3);
    expect(body.dimensions.map((d: { key: string; score: number }) => [d.key, d.score])).toEqual([['foundation', 50], ['management', 0], ['results', 20]]);
    expect(body.round).toBe(0);
    const solution = body.nextSteps.find((s: { kind: string }) => s.kind === 'solution');
    expect(solution).toMatchObject({ dimension: 'management', title: '轻量化MES排产' });
    expect(body.nextSteps[0]).toMatchObject({ kind: 'guide', dimension: null });
    expect(body.nextSteps[0].title).toBe('迈向四级：总分需≥80（还差 10 分），且至少10个应用场景（其中约束性6个）达到四级（现有 16 个，约束性 9 个）');
    expect(body.nextSteps[1]).toMatchObject({ kind: 'guide', dimension: 'management' });
  });

  it('scores multi-select by share, rate bands, and boundary levels (40 → 二级)', async () => {
    // b1 2 of 5 → 3.2; b2 20–40% → 3; e1 flat → 3.5; e2 better 7; total = 3.2 + 3 + 3.5 + 7 = 16.7 → no level
    const r = await post(URL_OF(), suzhou, { form: 'general-2024', answers: { b1: ['o1', 'o2'], b2: 'r20_40', e1: 'flat', e2: 'better' }, isDraft: true });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'draft', score: 16.7, level: 0 });
    expect(r.json().missing).toContain('m1');
    // 40 exactly: foundation b2,b3 full (12) + b4 full (10) + b5 full (10) + e1,e2 full (14) - … = 12+10+10+7+1 (e3 flat 1.5 → use e4 flat 1.5)
    const forty = await post(URL_OF(), smeUser, { form: 'general-2024', answers: { ...ALL_L4, b2: 'r60_100', b3: 'r60_100', b4: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7'], b5: 'r60_100', e1: 'better', e3: 'better' }, isDraft: true });
    expect(forty.json()).toMatchObject({ score: 42, level: 2, levelName: '二级' });
  });

  it('saves and resumes one draft per form, outside the history', async () => {
    const draft = (await get(`${URL_OF()}/draft`, smeUser)).json().draft;
    expect(draft.answers.b4).toHaveLength(7);
    const history = (await get(URL_OF(), smeUser)).json().items;
    expect(history).toHaveLength(1);
    const drafts = await db.selectFrom('digital_assessments').select('id').where('status', '=', 'draft').execute();
    expect(drafts).toHaveLength(1);
  });

  it('keeps T0, T1 with deltas; submitting turns the draft into T1', async () => {
    const t1 = await post(URL_OF(), smeUser, { form: 'general-2024', answers: { ...T0, m1: 'full', m2: ['o1', 'o2'], m3: ['o1'], m4: 'p3_5' } });
    expect(t1.statusCode).toBe(201);
    // management: 7.5 + 3.75 + 1.875 + 5.625 = 18.75
    expect(t1.json()).toMatchObject({ round: 1, score: 88.75, level: 4, scoreDelta: 18.75 });
    expect(t1.json().dimensions.find((d: { key: string }) => d.key === 'management')).toMatchObject({ score: 18.75, delta: 18.75 });
    expect((await get(`${URL_OF()}/draft`, smeUser)).json().draft).toBeNull();
    const history = (await get(URL_OF(), smeUser)).json().items;
    expect(history.map((h: { round: number }) => h.round)).toEqual([1, 0]);
  });

  it('holds the level back when the scenarios fall short, says which to raise; an admin may switch the rule off', async () => {
    const few = { ...T0, ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`s${i + 1}`, i < 5 ? 'l3' : 'l1'])) };
    const r = await post(URL_OF(), suzhou, { form: 'general-2024', answers: few, isDraft: true });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ score: 70, level: 1, scenarioCheck: { applied: true, scoreLevel: 3 } });
    const step = r.json().nextSteps.find((s: { dimension: string | null }) => s.dimension === 'scenarios');
    expect(step.title).toContain('二级需至少6个场景');
    expect(step.detail).toContain('能耗管理');
    const admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
    const off = await app.inject({ method: 'PUT', url: '/api/v1/gradient-rules/settings', headers: admin, payload: { disabled: ['digital.scenarios'] } });
    expect(off.statusCode).toBe(200);
    const draft = (await get(`${URL_OF()}/draft`, smeUser)).json().draft;
    expect(draft).toMatchObject({ level: 3, scenarioCheck: { applied: false } });
    expect((await get('/api/v1/digital-forms', smeUser)).json().items[0]).toMatchObject({ scenarioRuleApplied: false });
    await app.inject({ method: 'PUT', url: '/api/v1/gradient-rules/settings', headers: admin, payload: { disabled: [] } });
    expect((await post(URL_OF(), smeUser, { form: 'general-2024', answers: T0, isDraft: true })).json().level).toBe(3);
  });

  it('names each answer outside its options (422) and an unknown form, writing nothing', async () => {
    const before = await db.selectFrom('digital_assessments').select('id').execute();
    const r = await post(URL_OF(), smeUser, { form: 'general-2024', answers: { b2: 'r99', b1: ['o1', 'o9'], z9: 'x', b6: ['none', 'o1'] } });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['answers.b1', 'answers.b2', 'answers.b6', 'answers.z9']);
    const form = await post(URL_OF(), smeUser, { form: 'manufacturing-1999', answers: {} });
    expect(form.statusCode).toBe(422);
    expect(form.json().errors[0].path).toBe('form');
    expect(await db.selectFrom('digital_assessments').select('id').execute()).toHaveLength(before.length);
  });

  it('is 404 outside scope and for other members; experts 404', async () => {
    for (const h of [wuxi, buyerUser, expert]) {
      expect((await post(URL_OF(), h, { form: 'general-2024', answers: T0 })).statusCode).toBe(404);
      expect((await get(URL_OF(), h)).statusCode).toBe(404);
    }
  });
});

describe('sharing and statistics', () => {
  it('lets the SME share a result with a buyer, who then reads it; others get 404', async () => {
    const [latest] = (await get(URL_OF(), smeUser)).json().items;
    expect((await get(`/api/v1/digital-assessments/${latest.id}`, buyerUser)).statusCode).toBe(404);
    const bad = await post(`/api/v1/digital-assessments/${latest.id}/share`, smeUser, { buyerUsccs: [buyer.uscc, '91110000600037341L'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('buyerUsccs.1');
    const shared = await post(`/api/v1/digital-assessments/${latest.id}/share`, smeUser, { buyerUsccs: [buyer.uscc] });
    expect(shared.statusCode).toBe(200);
    expect(shared.json().sharedWith).toEqual([{ uscc: buyer.uscc, name: buyer.name }]);
    expect((await get(`/api/v1/digital-assessments/${latest.id}`, buyerUser)).json().level).toBe(4);
    expect((await get('/api/v1/digital-assessments/shared-with-me', buyerUser)).json().items.map((i: { id: string }) => i.id)).toEqual([latest.id]);
    expect((await get(`/api/v1/digital-assessments/${latest.id}`, wuxi)).statusCode).toBe(404);
  });

  it('counts the newest result per enterprise of the region', async () => {
    const stats = (await get('/api/v1/digital-assessment-stats?region=320500', suzhou)).json();
    expect(stats.enterprises).toBe(1);
    expect(stats.byLevel.find((l: { level: number }) => l.level === 4).count).toBe(1);
    expect(stats.averageScore).toBe(88.75);
    expect((await get('/api/v1/digital-assessment-stats?region=320500', wuxi)).statusCode).toBe(422);
    expect((await get('/api/v1/digital-assessment-stats', smeUser)).statusCode).toBe(403);
  });

  it('lists the catalogue with filters; SMEs cannot publish', async () => {
    const list = (await get('/api/v1/solutions?dimension=management&industry=C3484', smeUser)).json();
    expect(list.items.map((s: { title: string }) => s.title)).toEqual(['轻量化MES排产']);
    expect((await get('/api/v1/solutions?dimension=results', smeUser)).json().items).toEqual([]);
    expect((await get('/api/v1/solutions?industry=I65', smeUser)).json().items).toEqual([]);
    const sme403 = await post('/api/v1/solutions', smeUser, { title: '试试', description: '试试看', kind: 'solution', scenarios: ['x'], dimensions: ['results'], priceBand: 'free', deploymentDays: 1 });
    expect(sme403.statusCode).toBe(403);
  });
});
