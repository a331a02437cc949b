/**
 * The actors of the authorisation matrix: every role, in scope of the demo data (Suzhou, the demo
 * organisations) and out of it (Guangdong, organisations of their own).
 */
import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.js';
import type { App } from '../../src/server/http/context.js';
import { DEMO_PASSWORD } from '../../src/server/demo/seed.js';
import { loginAs, makeEnterprise } from '../factories.js';

/** A column of the matrix. `out` actors see the demo objects from outside their scope. */
export interface MatrixActor {
  name: string;
  /** Chinese label for docs/AUTHZ.md. */
  label: string;
  isOutOfScope: boolean;
  headers: Record<string, string>;
}

/** Column names in matrix order (least privileged first: writes by earlier actors never hide later cells). */
export const ACTOR_NAMES = [
  'anonymous',
  'gov_province_out', 'gov_city_out', 'gov_county_out', 'large_out', 'sme_out', 'bank_out', 'expert_out',
  'expert', 'sme', 'bank', 'large', 'gov_county', 'gov_city', 'gov_province', 'gov_ministry', 'platform_admin',
] as const;
export type ActorName = (typeof ACTOR_NAMES)[number];

export const ACTOR_LABELS: Record<ActorName, string> = {
  anonymous: '未登录 anonymous',
  gov_province_out: '省级政府（广东，域外）',
  gov_city_out: '市级政府（深圳，域外）',
  gov_county_out: '县级政府（南山，域外）',
  large_out: '大企业成员（域外企业）',
  sme_out: '中小企业成员（域外企业）',
  bank_out: '银行成员（域外银行）',
  expert_out: '专家（未受邀）',
  expert: '专家 expert',
  sme: '中小企业成员 sme',
  bank: '银行成员 bank',
  large: '大企业成员 large',
  gov_county: '县级政府（吴中区）',
  gov_city: '市级政府（苏州）',
  gov_province: '省级政府（江苏）',
  gov_ministry: '部级（全国）',
  platform_admin: '平台管理员',
};

async function demoLogin(app: App, username: string): Promise<Record<string, string>> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (r.statusCode !== 200) throw new Error(`demo login ${username}: ${r.statusCode} ${r.body}`);
  return { authorization: `Bearer ${r.json().token}` };
}

/** Log every actor in (the demo data must be loaded). */
export async function matrixActors(app: App, db: Db): Promise<Map<ActorName, MatrixActor>> {
  const largeOut = await makeEnterprise(db, { regionCode: '440305', employees: 3000, revenue: 900_000, assets: 900_000 });
  const smeOut = await makeEnterprise(db, { regionCode: '440305' });
  const bankOut = await makeEnterprise(db, { regionCode: '440305', industryCode: 'J6621', employees: 2600, revenue: 1_200_000, assets: 60_000_000, name: '深圳测试农村商业银行股份有限公司' });
  const headers: Record<ActorName, Record<string, string>> = {
    anonymous: {},
    gov_province_out: (await loginAs(app, db, { role: 'gov', regionCode: '440000' })).headers,
    gov_city_out: (await loginAs(app, db, { role: 'gov', regionCode: '440300' })).headers,
    gov_county_out: (await loginAs(app, db, { role: 'gov', regionCode: '440305' })).headers,
    large_out: (await loginAs(app, db, { role: 'member', orgUscc: largeOut.uscc, orgKind: 'large_enterprise' })).headers,
    sme_out: (await loginAs(app, db, { role: 'member', orgUscc: smeOut.uscc, orgKind: 'sme' })).headers,
    bank_out: (await loginAs(app, db, { role: 'member', orgUscc: bankOut.uscc, orgKind: 'bank' })).headers,
    expert_out: (await loginAs(app, db, { role: 'expert' })).headers,
    expert: await demoLogin(app, 'expert'),
    sme: await demoLogin(app, 'sme'),
    bank: await demoLogin(app, 'bank'),
    large: await demoLogin(app, 'leader'),
    gov_county: await demoLogin(app, 'gov_wz'),
    gov_city: await demoLogin(app, 'gov_sz'),
    gov_province: await demoLogin(app, 'gov_js'),
    gov_ministry: await demoLogin(app, 'gov_miit'),
    platform_admin: (await loginAs(app, db, { role: 'platform_admin' })).headers,
  };
  // Sanity: the demo users the matrix relies on exist with the roles it assumes.
  const rows = await sql<{ username: string; role: string }>`SELECT username, role FROM users WHERE username IN ('expert','sme','bank','leader','gov_wz','gov_sz','gov_js','gov_miit')`.execute(db);
  if (rows.rows.length !== 8) throw new Error(`demo users missing: ${rows.rows.map((r) => r.username).join(',')}`);
  return new Map(ACTOR_NAMES.map((name) => [name, { name, label: ACTOR_LABELS[name], isOutOfScope: name.endsWith('_out'), headers: headers[name] }]));
}
