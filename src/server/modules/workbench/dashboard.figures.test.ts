/**
 * The dashboard's figures from the other modules (deals, innovation, capital, assessment) equal
 * counts computed directly in SQL here, over the full demo data, for the country, a province and a
 * chain.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { seedDemo, seedModuleDemos } from '../../demo/seed.js';

type Headers = { authorization: string };
type Figure = { key: string; value: number; link: string; unit: string; basis?: number };
let app: App;
let db: Db;
let admin: Headers;
let jiangsu: Headers;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  await seedDemo(db, { count: 300 });
  await seedModuleDemos(db);
  admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
  jiangsu = (await loginAs(app, db, { role: 'gov', regionCode: '320000' })).headers;
}, 300_000);

async function figuresOf(url: string, headers: Headers): Promise<Record<string, Figure>> {
  const r = await app.inject({ method: 'GET', url, headers });
  expect(r.statusCode, r.body).toBe(200);
  return Object.fromEntries((r.json().figures as Figure[]).map((f) => [f.key, f]));
}

async function one(query: ReturnType<typeof sql<{ n: string | null }>>): Promise<number> {
  return Number((await query.execute(db)).rows[0].n ?? 0);
}

/** The expected figures computed straight from the tables; `members` narrows enterprise columns to a chain's members. */
async function expected(like: string, chainId?: string) {
  const member = (column: string) => (chainId ? sql`AND ${sql.ref(column)} IN (SELECT enterprise_id FROM chain_members WHERE chain_id = ${chainId})` : sql``);
  const today = (await sql<{ d: string }>`SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date::text AS d`.execute(db)).rows[0].d;
  const used = await one(sql`SELECT sum(u.used_minutes) AS n FROM resource_usages u, shared_resources r WHERE r.id = u.resource_id AND r.region_code LIKE ${like} ${member('r.enterprise_id')}`);
  const outside = await one(sql`SELECT sum(u.used_minutes) AS n FROM resource_usages u, shared_resources r, resource_bookings b
    WHERE r.id = u.resource_id AND b.id = u.booking_id AND b.enterprise_id != r.enterprise_id AND r.region_code LIKE ${like} ${member('r.enterprise_id')}`);
  const paid = await one(sql`SELECT count(*) AS n FROM payable_deliveries d WHERE d.paid_fen = d.amount_fen AND d.region_code LIKE ${like} ${member('d.buyer_id')}`);
  const onTime = await one(sql`SELECT count(*) AS n FROM payable_deliveries d WHERE d.paid_fen = d.amount_fen AND d.last_paid_on <= d.due_on AND d.region_code LIKE ${like} ${member('d.buyer_id')}`);
  const levels: Record<string, number> = {};
  for (const level of [0, 1, 2, 3, 4]) {
    levels[`digital.level${level}`] = await one(sql`SELECT count(*) AS n FROM enterprises e WHERE true ${member('e.id')} AND (
      SELECT a.level FROM digital_assessments a WHERE a.enterprise_id = e.id AND a.status = 'submitted' AND a.region_code LIKE ${like} ORDER BY a.submitted_at DESC, a.id DESC LIMIT 1) = ${level}`);
  }
  return {
    'needs.matched': await one(sql`SELECT count(*) AS n FROM needs n WHERE EXISTS (SELECT 1 FROM matches m WHERE m.need_id = n.id AND m.stage != 'declined' AND m.region_code LIKE ${like} ${member('m.buyer_enterprise_id')})`),
    'deals.negotiating': await one(sql`SELECT count(*) AS n FROM matches m WHERE m.stage = 'negotiating' AND m.region_code LIKE ${like} ${member('m.buyer_enterprise_id')}`),
    'deals.count': await one(sql`SELECT count(*) AS n FROM deals d WHERE d.buyer_region_code LIKE ${like} ${member('d.buyer_enterprise_id')}`),
    'deals.amount': await one(sql`SELECT sum(d.amount_fen) AS n FROM deals d WHERE d.buyer_region_code LIKE ${like} ${member('d.buyer_enterprise_id')}`),
    'challenges.total': await one(sql`SELECT count(*) AS n FROM challenges c WHERE c.region_code LIKE ${like} ${member('c.enterprise_id')}`),
    'challenges.open': await one(sql`SELECT count(*) AS n FROM challenges c WHERE c.status = 'open' AND c.region_code LIKE ${like} ${member('c.enterprise_id')}`),
    'challenges.awarded': await one(sql`SELECT count(*) AS n FROM challenges c WHERE c.status = 'awarded' AND c.region_code LIKE ${like} ${member('c.enterprise_id')}`),
    'resources.count': await one(sql`SELECT count(*) AS n FROM shared_resources r WHERE r.is_active AND r.region_code LIKE ${like} ${member('r.enterprise_id')}`),
    'resources.bookings': await one(sql`SELECT count(*) AS n FROM resource_bookings b JOIN shared_resources r ON r.id = b.resource_id WHERE b.status = 'approved' AND r.region_code LIKE ${like} ${member('r.enterprise_id')}`),
    'resources.sharingRate': used === 0 ? 0 : Math.round((outside / used) * 1000) / 10,
    'payment.onTimeRate': paid === 0 ? 0 : Math.round((onTime / paid) * 1000) / 10,
    'payment.overdue': await one(sql`SELECT count(*) AS n FROM payable_deliveries d WHERE d.paid_fen < d.amount_fen AND d.due_on < ${today}::date AND d.region_code LIKE ${like} ${member('d.buyer_id')}`),
    'payment.overdueAmount': await one(sql`SELECT sum(d.amount_fen - d.paid_fen) AS n FROM payable_deliveries d WHERE d.paid_fen < d.amount_fen AND d.due_on < ${today}::date AND d.region_code LIKE ${like} ${member('d.buyer_id')}`),
    'complaints.total': await one(sql`SELECT count(*) AS n FROM payment_complaints p WHERE p.region_code LIKE ${like} ${member('p.buyer_id')}`),
    'complaints.open': await one(sql`SELECT count(*) AS n FROM payment_complaints p WHERE p.status NOT IN ('resolved','rejected') AND p.region_code LIKE ${like} ${member('p.buyer_id')}`),
    'complaints.resolved': await one(sql`SELECT count(*) AS n FROM payment_complaints p WHERE p.status = 'resolved' AND p.region_code LIKE ${like} ${member('p.buyer_id')}`),
    'digital.assessed': Object.values(levels).reduce((s, n) => s + n, 0),
    ...levels,
    basis: { 'resources.sharingRate': used, 'payment.onTimeRate': paid },
  };
}

describe('GET /api/v1/dashboard — figures from deals, innovation, capital and assessment', () => {
  it('equal counts computed directly in SQL, for the country and for 江苏', async () => {
    for (const [url, headers, like] of [['/api/v1/dashboard', admin, '%'], ['/api/v1/dashboard', jiangsu, '32%']] as const) {
      const f = await figuresOf(url, headers);
      const { basis, ...want } = await expected(like);
      for (const [key, value] of Object.entries(want)) expect({ key, value: f[key]?.value }).toEqual({ key, value });
      for (const [key, value] of Object.entries(basis)) expect({ key, basis: f[key].basis, unit: f[key].unit }).toEqual({ key, basis: value, unit: 'percent' });
      expect(f['deals.amount'].unit).toBe('fen');
    }
    // The demo data makes these comparisons non-trivial across the country.
    const all = await figuresOf('/api/v1/dashboard', admin);
    for (const key of ['needs.matched', 'deals.count', 'deals.amount', 'challenges.total', 'resources.count', 'resources.bookings', 'payment.onTimeRate', 'complaints.total', 'digital.assessed']) {
      expect({ key, positive: all[key].value > 0 }).toEqual({ key, positive: true });
    }
  });

  it('narrow to a chain’s member enterprises', async () => {
    const chain = (await sql<{ id: string; region_code: string }>`SELECT c.id, c.region_code FROM chains c JOIN chain_members m ON m.chain_id = c.id
      GROUP BY c.id ORDER BY count(*) DESC LIMIT 1`.execute(db)).rows[0];
    const f = await figuresOf(`/api/v1/dashboard?chain=${chain.id}`, admin);
    const { basis, ...want } = await expected('%', chain.id);
    for (const [key, value] of Object.entries(want)) expect({ key, value: f[key]?.value }).toEqual({ key, value });
    for (const [key, value] of Object.entries(basis)) expect({ key, basis: f[key].basis }).toEqual({ key, basis: value });
  });

  it('link every figure to its list', async () => {
    const f = await figuresOf('/api/v1/dashboard?region=320500', jiangsu);
    expect(f['deals.count'].link).toBe('/matching/deals?region=320500&tab=deals');
    expect(f['needs.matched'].link).toBe('/matching/deals?region=320500');
    expect(f['challenges.open'].link).toBe('/challenges?region=320500&status=open');
    expect(f['resources.sharingRate'].link).toBe('/resources?region=320500');
    expect(f['payment.onTimeRate'].link).toBe('/finance/practice?region=320500');
    expect(f['complaints.resolved'].link).toBe('/finance/complaints?region=320500&status=resolved');
    expect(f['digital.level3'].link).toBe('/assessment?region=320500&level=3');
  });
});
