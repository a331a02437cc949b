import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
type Step = { kind: string; title: string; dimension: string | null; reason?: string | null; score?: number | null; link: string | null };
let app: App;
let db: Db;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let smeUser: Headers;
let otherUser: Headers;
const lab = uniqueName('中试研发实验室');
const own = uniqueName('本企业研发检测实验室');
const expertName = uniqueName('研发专家');

/** Low R&D (0.1 % of revenue) and no IP: the 创新型 score fails on R&D first. */
const PROFILE = { nicheSince: '2016-05-01', ipClass1: 0, ipClass2: 0, baselineCompliant: true, digitalLevel: 'level1', productField: 'other' };
const YEARS = [
  { year: 2024, revenueWan: 11000, mainRevenueWan: 8800, rdSpendWan: 10 },
  { year: 2025, revenueWan: 12000, mainRevenueWan: 9000, netProfitWan: 300, assetsWan: 10000, liabilitiesWan: 4500, rdSpendWan: 12, employees: 150, rdStaff: 2 },
];

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试行动'), employees: 150, revenue: 12000, assets: 10000 });
  const provider = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州测试共享方') });
  const other = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡测试行动') });
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  otherUser = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
  await db.insertInto('shared_resources').values([
    { enterprise_id: provider.id, region_code: '320505', title: lab, kind: 'lab', specs: '研发检测、中试放大，开放给中小企业' },
    { enterprise_id: provider.id, region_code: '320505', title: uniqueName('员工食堂包间'), kind: 'capacity', specs: '餐饮' },
    // The enterprise's own resource is never recommended to it.
    { enterprise_id: sme.id, region_code: '320506', title: own, kind: 'lab', specs: '研发检测实验室' },
  ]).execute();
  await db.insertInto('experts').values({ name: expertName, fields: ['研发管理', '技术攻关'], affiliation: '苏州大学', region_code: '320505' }).execute();
  const saved = await app.inject({ method: 'PUT', url: `/api/v1/enterprises/${sme.uscc}/gradient-inputs`, headers: smeUser, payload: { profile: PROFILE, years: YEARS } });
  expect(saved.statusCode).toBe(200);
});

describe('gradient → next steps through the matching engine', () => {
  it('answers the failed R&D indicator with shared resources, experts and financing, each with its reason', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/v1/enterprises/${sme.uscc}/gradient?asOf=2026-03-01`, headers: smeUser });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.nextTier).toBe('innovative');
    const steps: Step[] = body.nextSteps;
    const guide = steps.find((s) => s.kind === 'guide' && s.dimension === 'inn_rd_ratio');
    expect(guide?.title).toBe('创新型中小企业：提升研发投入与研发能力');
    const rd = steps.filter((s) => s.dimension === 'inn_rd_ratio');
    const resource = rd.find((s) => s.kind === 'resource');
    expect(resource?.title).toBe(lab);
    expect(resource?.link).toMatch(/^\/resources\/\d+$/);
    expect(resource?.reason).toMatch(/^针对「研发投入与研发能力」（创新型中小企业）：匹配：.*研发/);
    expect(resource?.score).toBeGreaterThan(0);
    expect(rd.some((s) => s.title === own)).toBe(false);
    expect(rd.some((s) => s.title.includes('员工食堂'))).toBe(false);
    expect(rd.find((s) => s.kind === 'expert')?.title).toBe(`${expertName}（研发管理、技术攻关）`);
    expect(rd.find((s) => s.kind === 'financing')).toMatchObject({ link: '/finance/financing', title: '融资支持：研发贷、科技型中小企业贷款' });
    // The IP indicator has its own theme.
    expect(steps.some((s) => s.kind === 'guide' && s.dimension === 'inn_ip')).toBe(true);
  });

  it('is 404 outside the caller’s scope', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/v1/enterprises/${sme.uscc}/gradient`, headers: otherUser });
    expect(r.statusCode).toBe(404);
  });
});
