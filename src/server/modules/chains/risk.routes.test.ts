import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName, uniqueUscc } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

/**
 * The supply graph of these tests (customer regions in brackets), inserted before the first
 * request so that the app's graph loads it:
 *
 *   tier2 (无锡 320214) ─0.5→ supA (苏州相城 320507) ─0.6→ leader (苏州工业园区 320571) ─0.8→ customer (昆山 320583)
 *                               supA ─0.5→ wuxiCustomer (无锡 320214)
 *   supB (吴中 320506) ─0.4→ leader            private (姑苏 320508) ═1.0 (private list of leader)═→ leader
 *   foreign photoresist maker (JP, off platform) ─0.7→ leader
 */
let app: App;
let db: Db;
type Headers = { authorization: string };
type Firm = Awaited<ReturnType<typeof makeEnterprise>>;
let tier2: Firm, supA: Firm, supB: Firm, leader: Firm, customer: Firm, wuxiCustomer: Firm, privateSupplier: Firm, unrelated: Firm;
let foreignId: string;
let admin: Headers, govSz: Headers, govWx: Headers, expert: Headers;
let leaderUser: Headers, customerUser: Headers, supAUser: Headers, unrelatedUser: Headers;

const post = (url: string, payload: unknown, headers?: Headers) => app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string, headers?: Headers) => app.inject({ method: 'GET', url, headers });
const occurredAt = '2026-11-20T08:00:00+08:00';

async function insertEdge(e: { supplierId?: string; offPlatformId?: string; customer: Firm; product: string; share: number | null; ownerOrgId?: string }): Promise<void> {
  await db
    .insertInto('supply_edges')
    .values({
      supplier_id: e.supplierId ?? null, off_platform_supplier_id: e.offPlatformId ?? null, customer_id: e.customer.id, product: e.product, share: e.share,
      is_private: e.ownerOrgId !== undefined, owner_org_id: e.ownerOrgId ?? null, region_code: e.customer.regionCode, source: 'test',
    })
    .execute();
}

async function recordEvent(body: Record<string, unknown>, headers = govSz): Promise<string> {
  const r = await post('/api/v1/risk-events', { kind: 'shutdown', severity: 'critical', occurredAt, ...body }, headers);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

function impactOf(body: { items: { uscc: string }[] }, firm: Firm) {
  return (body.items as { uscc: string; tier: number; exposure: number; path: (string | null)[]; pathNames: string[] }[]).find((i) => i.uscc === firm.uscc);
}

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  tier2 = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡锂盐') });
  supA = await makeEnterprise(db, { regionCode: '320507', name: uniqueName('苏州溶川电解液') });
  supB = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州吴中电解液') });
  leader = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州澜沣电池') });
  customer = await makeEnterprise(db, { regionCode: '320583', name: uniqueName('昆山整车') });
  wuxiCustomer = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡储能') });
  privateSupplier = await makeEnterprise(db, { regionCode: '320508', name: uniqueName('苏州隔膜') });
  unrelated = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州无关') });
  admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
  govSz = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  govWx = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
  const leaderLogin = await loginAs(app, db, { role: 'member', orgUscc: leader.uscc });
  leaderUser = leaderLogin.headers;
  customerUser = (await loginAs(app, db, { role: 'member', orgUscc: customer.uscc })).headers;
  supAUser = (await loginAs(app, db, { role: 'member', orgUscc: supA.uscc })).headers;
  unrelatedUser = (await loginAs(app, db, { role: 'member', orgUscc: unrelated.uscc })).headers;
  const foreign = await db.insertInto('off_platform_suppliers').values({ name: '东京应化工业株式会社', name_norm: '东京应化工业株式会社', country_code: 'JP' }).returning('id').executeTakeFirstOrThrow();
  foreignId = foreign.id;
  await insertEdge({ supplierId: tier2.id, customer: supA, product: '碳酸锂', share: 0.5 });
  await insertEdge({ supplierId: supA.id, customer: leader, product: '电解液', share: 0.6 });
  await insertEdge({ supplierId: supB.id, customer: leader, product: '电解液', share: 0.4 });
  await insertEdge({ supplierId: leader.id, customer, product: '动力电池', share: 0.8 });
  await insertEdge({ supplierId: supA.id, customer: wuxiCustomer, product: '电解液', share: 0.5 });
  await insertEdge({ supplierId: privateSupplier.id, customer: leader, product: '隔膜', share: 1, ownerOrgId: leaderLogin.actor.orgId! });
  await insertEdge({ offPlatformId: foreignId, customer: leader, product: '光刻胶', share: 0.7 });
});

describe('POST /api/v1/risk-events — validation and who may record', () => {
  it('names the missing subject, an unknown enterprise and a bad time', async () => {
    const none = await post('/api/v1/risk-events', { kind: 'shutdown', severity: 'high', occurredAt }, govSz);
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0].path).toBe('uscc');
    const unknown = await post('/api/v1/risk-events', { uscc: uniqueUscc('320505'), kind: 'shutdown', severity: 'high', occurredAt }, govSz);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ path: 'uscc' })]);
    const badTime = await post('/api/v1/risk-events', { uscc: supA.uscc, kind: 'shutdown', severity: 'high', occurredAt: 'yesterday' }, govSz);
    expect(badTime.statusCode).toBe(422);
    expect(badTime.json().errors.map((e: { path: string }) => e.path)).toContain('occurredAt');
    const badKind = await post('/api/v1/risk-events', { uscc: supA.uscc, kind: 'meteor', severity: 'high', occurredAt }, govSz);
    expect(badKind.statusCode).toBe(422);
  });

  it('answers an enterprise outside the gov scope exactly like an unknown one', async () => {
    const outside = await post('/api/v1/risk-events', { uscc: supA.uscc, kind: 'shutdown', severity: 'high', occurredAt }, govWx);
    const unknown = await post('/api/v1/risk-events', { uscc: uniqueUscc('320214'), kind: 'shutdown', severity: 'high', occurredAt }, govWx);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors).toEqual(unknown.json().errors);
  });

  it('keeps region events to disasters and logistics inside the scope', async () => {
    const wrongKind = await post('/api/v1/risk-events', { regionCode: '320507', kind: 'dishonest', severity: 'high', occurredAt }, govSz);
    expect(wrongKind.statusCode).toBe(422);
    expect(wrongKind.json().errors[0].path).toBe('kind');
    const outside = await post('/api/v1/risk-events', { regionCode: '320200', kind: 'disaster', severity: 'high', occurredAt }, govSz);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].path).toBe('regionCode');
    const both = await post('/api/v1/risk-events', { uscc: supA.uscc, regionCode: '320507', kind: 'shutdown', severity: 'high', occurredAt }, govSz);
    expect(both.statusCode).toBe(422);
    expect(both.json().errors[0].path).toBe('regionCode');
  });

  it('refuses members and experts (403) and anonymous callers (401)', async () => {
    expect((await post('/api/v1/risk-events', { uscc: supA.uscc, kind: 'shutdown', severity: 'high', occurredAt }, leaderUser)).statusCode).toBe(403);
    expect((await post('/api/v1/risk-events', { uscc: supA.uscc, kind: 'shutdown', severity: 'high', occurredAt }, expert)).statusCode).toBe(403);
    expect((await post('/api/v1/risk-events', { uscc: supA.uscc, kind: 'shutdown', severity: 'high', occurredAt })).statusCode).toBe(401);
  });
});

describe('subscriptions', () => {
  it('lets a member watch its suppliers and upstream enterprises, not others', async () => {
    const first = await post('/api/v1/risk-subscriptions', { target: 'suppliers' }, leaderUser);
    expect(first.statusCode).toBe(201);
    const again = await post('/api/v1/risk-subscriptions', { target: 'suppliers' }, leaderUser);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect((await post('/api/v1/risk-subscriptions', { target: 'suppliers' }, customerUser)).statusCode).toBe(201);
    const upstream = await post('/api/v1/risk-subscriptions', { target: 'enterprise', uscc: tier2.uscc }, leaderUser);
    expect(upstream.statusCode).toBe(201);
    expect(upstream.json().enterprise).toEqual({ uscc: tier2.uscc, name: tier2.name });
    const downstream = await post('/api/v1/risk-subscriptions', { target: 'enterprise', uscc: customer.uscc }, leaderUser);
    expect(downstream.statusCode).toBe(422);
    expect(downstream.json().errors[0].path).toBe('uscc');
    // The private edge is the leader's: the customer cannot watch its supplier through it.
    expect((await post('/api/v1/risk-subscriptions', { target: 'enterprise', uscc: privateSupplier.uscc }, customerUser)).statusCode).toBe(422);
    expect((await post('/api/v1/risk-subscriptions', { target: 'enterprise', uscc: privateSupplier.uscc }, leaderUser)).statusCode).toBe(201);
  });

  it('keeps gov users to their region and refuses experts', async () => {
    expect((await post('/api/v1/risk-subscriptions', { target: 'enterprise', uscc: customer.uscc }, govSz)).statusCode).toBe(201);
    const outside = await post('/api/v1/risk-subscriptions', { target: 'enterprise', uscc: wuxiCustomer.uscc }, govSz);
    expect(outside.statusCode).toBe(422);
    expect((await post('/api/v1/risk-subscriptions', { target: 'enterprise', uscc: wuxiCustomer.uscc }, govWx)).statusCode).toBe(201);
    expect((await post('/api/v1/risk-subscriptions', { target: 'suppliers' }, govSz)).json().errors[0].path).toBe('target');
    expect((await post('/api/v1/risk-subscriptions', { target: 'chain', chainId: '999999' }, govSz)).json().errors[0].path).toBe('chainId');
    expect((await post('/api/v1/risk-subscriptions', { target: 'enterprise', uscc: customer.uscc }, expert)).statusCode).toBe(403);
  });

  it('lists only one’s own and deletes only one’s own', async () => {
    const mine = (await get('/api/v1/risk-subscriptions', leaderUser)).json().items;
    expect(mine.map((s: { target: string }) => s.target).sort()).toEqual(['enterprise', 'enterprise', 'suppliers']);
    const theirs = (await get('/api/v1/risk-subscriptions', govSz)).json().items;
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/risk-subscriptions/${theirs[0].id}`, headers: leaderUser })).statusCode).toBe(404);
    const extra = await post('/api/v1/risk-subscriptions', { target: 'enterprise', uscc: supA.uscc }, govSz);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/risk-subscriptions/${extra.json().id}`, headers: govSz })).statusCode).toBe(204);
    expect((await get('/api/v1/risk-subscriptions', govSz)).json().items).toHaveLength(1);
  });
});

describe('an event on a supplier: impact, scope and alerts', () => {
  let eventId: string;
  beforeAll(async () => {
    eventId = await recordEvent({ uscc: supA.uscc, title: '电解液供应商停产', description: '火灾后停产检修' });
  });

  it('spreads downstream by share and decay, with tier and path (admin sees all)', async () => {
    const r = await get(`/api/v1/risk-events/${eventId}/impact`, admin);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(impactOf(body, leader)).toMatchObject({ tier: 1, exposure: 0.6, path: [supA.uscc, leader.uscc], pathNames: [supA.name, leader.name] });
    expect(impactOf(body, customer)).toMatchObject({ tier: 2, path: [supA.uscc, leader.uscc, customer.uscc] });
    expect(impactOf(body, customer)!.exposure).toBeCloseTo(0.6 * 0.8 * 0.8, 4);
    expect(impactOf(body, wuxiCustomer)).toMatchObject({ tier: 1, exposure: 0.5 });
    expect(impactOf(body, tier2)).toBeUndefined(); // upstream is not hit
    expect(body.sources).toBe(1);
    expect(body.total).toBe(3);
  });

  it('exports the impact as a workbook with what the caller may see', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/v1/risk-events/${eventId}/impact/export`, headers: govSz });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('受影响企业')!.getSheetValues().slice(4).map((row) => (row as unknown[])[1]);
    expect(rows).toEqual(expect.arrayContaining([leader.uscc, customer.uscc]));
    expect(rows).not.toContain(wuxiCustomer.uscc);
    expect((await app.inject({ method: 'GET', url: `/api/v1/risk-events/${eventId}/impact/export`, headers: expert })).statusCode).toBe(404);
  });

  it('follows the tiers parameter', async () => {
    const oneTier = (await get(`/api/v1/risk-events/${eventId}/impact?tiers=1`, admin)).json();
    expect(impactOf(oneTier, customer)).toBeUndefined();
    expect((await get(`/api/v1/risk-events/${eventId}/impact?tiers=99`, admin)).statusCode).toBe(422);
  });

  it('shows a city only the enterprises of its scope, and another city nothing (404)', async () => {
    const sz = (await get(`/api/v1/risk-events/${eventId}/impact`, govSz)).json();
    expect(impactOf(sz, leader)).toBeDefined();
    expect(impactOf(sz, wuxiCustomer)).toBeUndefined();
    const unrelatedGov = await loginAs(app, db, { role: 'gov', regionCode: '330100' });
    expect((await get(`/api/v1/risk-events/${eventId}/impact`, unrelatedGov.headers)).statusCode).toBe(404);
    expect((await get(`/api/v1/risk-events/${eventId}`, unrelatedGov.headers)).statusCode).toBe(404);
  });

  it('lets a gov user open an event outside its scope that alerted it, showing only its own enterprises', async () => {
    const detail = await get(`/api/v1/risk-events/${eventId}`, govWx);
    expect(detail.statusCode).toBe(200);
    const wx = (await get(`/api/v1/risk-events/${eventId}/impact`, govWx)).json();
    expect(wx.items.map((i: { uscc: string }) => i.uscc)).toEqual([wuxiCustomer.uscc]);
    expect(impactOf(wx, wuxiCustomer)!.path).toEqual([supA.uscc, wuxiCustomer.uscc]);
  });

  it('shows members the event on their suppliers with their own exposure, and hides it from others', async () => {
    const asLeader = await get(`/api/v1/risk-events/${eventId}/impact`, leaderUser);
    expect(asLeader.statusCode).toBe(200);
    expect(asLeader.json().items.map((i: { uscc: string }) => i.uscc)).toEqual([leader.uscc]);
    const asCustomer = (await get(`/api/v1/risk-events/${eventId}/impact`, customerUser)).json();
    expect(impactOf(asCustomer, customer)).toMatchObject({ tier: 2, path: [supA.uscc, leader.uscc, customer.uscc] });
    expect((await get(`/api/v1/risk-events/${eventId}`, unrelatedUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/risk-events/${eventId}/impact`, expert)).statusCode).toBe(404);
    expect((await get('/api/v1/risk-events/99999999', admin)).statusCode).toBe(404);
  });

  it('sent alerts to the subscribers it hits, naming the watched item, tier and exposure', async () => {
    const inbox = (await get('/api/v1/alerts', leaderUser)).json();
    const alert = inbox.items.find((a: { event: { id: string } }) => a.event.id === eventId);
    expect(alert).toMatchObject({ tier: 1, exposure: 0.6, isRead: false, event: { kind: 'shutdown', severity: 'critical', status: 'potential', title: '电解液供应商停产' } });
    expect(alert.hits).toEqual([{ kind: 'suppliers', uscc: supA.uscc, chainId: null, name: supA.name, tier: 1, exposure: 0.6 }]);
    const gov = (await get('/api/v1/alerts', govSz)).json().items.find((a: { event: { id: string } }) => a.event.id === eventId);
    expect(gov.hits).toEqual([expect.objectContaining({ kind: 'enterprise', uscc: customer.uscc, tier: 2 })]);
    expect((await get('/api/v1/alerts', unrelatedUser)).json().items).toEqual([]);
    const customerAlert = (await get('/api/v1/alerts', customerUser)).json().items[0];
    expect(customerAlert.hits[0]).toMatchObject({ kind: 'suppliers', uscc: leader.uscc, tier: 2 });
  });

  it('marks alerts read, one (own only) or all, and counts unread', async () => {
    const before = (await get('/api/v1/alerts/unread-count', leaderUser)).json().count;
    expect(before).toBeGreaterThan(0);
    const [first] = (await get('/api/v1/alerts?unread=true', leaderUser)).json().items;
    expect((await post(`/api/v1/alerts/${first.id}/read`, undefined, govSz)).statusCode).toBe(404);
    expect((await post(`/api/v1/alerts/${first.id}/read`, undefined, leaderUser)).statusCode).toBe(204);
    expect((await get('/api/v1/alerts/unread-count', leaderUser)).json().count).toBe(before - 1);
    expect((await get('/api/v1/alerts?unread=true', leaderUser)).json().items.map((a: { id: string }) => a.id)).not.toContain(first.id);
    await post('/api/v1/alerts/read-all', undefined, leaderUser);
    expect((await get('/api/v1/alerts', leaderUser)).json().unread).toBe(0);
    expect((await get('/api/v1/alerts/unread-count', govSz)).json().count).toBeGreaterThan(0);
  });
});

describe('private edges', () => {
  it('carry impact only to those who may see them, in impacts and in alerts', async () => {
    const id = await recordEvent({ uscc: privateSupplier.uscc, severity: 'high' });
    expect(impactOf((await get(`/api/v1/risk-events/${id}/impact`, admin)).json(), leader)).toMatchObject({ tier: 1, exposure: 0.75 });
    expect(impactOf((await get(`/api/v1/risk-events/${id}/impact`, govSz)).json(), customer)).toMatchObject({ tier: 2 });
    expect(impactOf((await get(`/api/v1/risk-events/${id}/impact`, leaderUser)).json(), leader)).toMatchObject({ tier: 1 });
    // The customer may not see the leader's private supplier list: not its event, no alert.
    expect((await get(`/api/v1/risk-events/${id}`, customerUser)).statusCode).toBe(404);
    expect((await get('/api/v1/alerts', customerUser)).json().items.map((a: { event: { id: string } }) => a.event.id)).not.toContain(id);
    expect((await get('/api/v1/alerts', leaderUser)).json().items.map((a: { event: { id: string } }) => a.event.id)).toContain(id);
  });
});

describe('region and off-platform events', () => {
  it('takes every enterprise of the region as a source', async () => {
    const id = await recordEvent({ regionCode: '320507', kind: 'disaster', severity: 'high', title: '相城区暴雨内涝' });
    const body = (await get(`/api/v1/risk-events/${id}/impact`, admin)).json();
    expect(body.sources).toBe(1);
    expect(impactOf(body, leader)).toMatchObject({ tier: 1, exposure: 0.45 });
    const detail = (await get(`/api/v1/risk-events/${id}`, leaderUser)).json();
    expect(detail).toMatchObject({ isRegionEvent: true, regionName: '江苏省苏州市相城区', enterprise: null });
  });

  it('records a sanction on a foreign supplier for the caller’s region and follows it to its customers', async () => {
    const bad = await post('/api/v1/risk-events', { offPlatformSupplierId: '987654321', kind: 'sanction', severity: 'high', occurredAt }, govSz);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('offPlatformSupplierId');
    const id = await recordEvent({ offPlatformSupplierId: foreignId, kind: 'sanction', severity: 'high' });
    const detail = (await get(`/api/v1/risk-events/${id}`, govSz)).json();
    expect(detail).toMatchObject({ regionCode: '320500', offPlatformSupplier: { id: foreignId, name: '东京应化工业株式会社', countryCode: 'JP' }, title: '东京应化工业株式会社制裁与出口管制' });
    const leaderHit = impactOf((await get(`/api/v1/risk-events/${id}/impact`, govSz)).json(), leader)!;
    expect(leaderHit).toMatchObject({ tier: 1, path: [null, leader.uscc], pathNames: ['东京应化工业株式会社（JP）', leader.name] });
    expect(leaderHit.exposure).toBeCloseTo(0.75 * 0.7, 4);
  });
});

describe('chains', () => {
  it('alerts a gov user watching a chain and lists the chain segments an event reaches', async () => {
    const created = await post('/api/v1/chains', {
      name: '苏州市动力电池产业链（测试）', regionCode: '320500',
      segments: [
        { key: 'electrolyte', name: '电解液', stage: 'upstream', upstream: [], products: ['电解液'] },
        { key: 'cell', name: '电芯制造', stage: 'midstream', upstream: ['electrolyte'], products: ['动力电池'] },
      ],
    }, govSz);
    expect(created.statusCode, created.body).toBe(201);
    const chainId = String(created.json().id);
    expect((await post(`/api/v1/chains/${chainId}/members`, { uscc: leader.uscc, segmentKey: 'cell', role: 'leader' }, govSz)).statusCode).toBe(201);
    expect((await post('/api/v1/risk-subscriptions', { target: 'chain', chainId }, govWx)).statusCode).toBe(422);
    expect((await post('/api/v1/risk-subscriptions', { target: 'chain', chainId }, govSz)).statusCode).toBe(201);
    expect((await post('/api/v1/risk-subscriptions', { target: 'chain', chainId }, unrelatedUser)).statusCode).toBe(201);
    const id = await recordEvent({ uscc: tier2.uscc, kind: 'logistics', severity: 'high' }, govWx);
    const alert = (await get('/api/v1/alerts', govSz)).json().items.find((a: { event: { id: string } }) => a.event.id === id);
    expect(alert.hits).toContainEqual({ kind: 'chain', uscc: null, chainId, name: '苏州市动力电池产业链（测试）', tier: 2, exposure: expect.any(Number) });
    // The unrelated member sees public edges only: tier2 → supA → leader is public, so it is alerted too.
    expect((await get('/api/v1/alerts', unrelatedUser)).json().items.map((a: { event: { id: string } }) => a.event.id)).toContain(id);
    const impact = (await get(`/api/v1/risk-events/${id}/impact`, govSz)).json();
    expect(impact.chains).toEqual([expect.objectContaining({ chainId, segmentKey: 'cell', segmentName: '电芯制造', enterprises: 1 })]);
  });
});

describe('POST /api/v1/risk-events/{id}/status — the incident record', () => {
  it('moves 潜在 → 确认 → 恢复 with notes, and refuses other moves with 409', async () => {
    const id = await recordEvent({ uscc: supB.uscc, kind: 'default', severity: 'medium' });
    const skip = await post(`/api/v1/risk-events/${id}/status`, { status: 'recovered', note: '已恢复' }, govSz);
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('invalid_state');
    const confirmed = await post(`/api/v1/risk-events/${id}/status`, { status: 'confirmed', note: '核实：已停止供货两周' }, govSz);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', nextStatuses: ['recovered'] });
    const recovered = await post(`/api/v1/risk-events/${id}/status`, { status: 'recovered', note: '恢复供货' }, admin);
    expect(recovered.json().status).toBe('recovered');
    expect((await post(`/api/v1/risk-events/${id}/status`, { status: 'confirmed', note: '再次确认' }, govSz)).statusCode).toBe(409);
    const notes = (await get(`/api/v1/risk-events/${id}`, govSz)).json().notes;
    expect(notes.map((n: { statusFrom: string; statusTo: string; body: string }) => [n.statusFrom, n.statusTo, n.body])).toEqual([
      ['potential', 'confirmed', '核实：已停止供货两周'],
      ['confirmed', 'recovered', '恢复供货'],
    ]);
    expect(notes[0].author).toEqual(expect.any(String));
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'risk_event').where('entity_key', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['risk_event.create', 'risk_event.status', 'risk_event.status']);
  });

  it('needs a note, lets readers without rights get 403 and strangers 404', async () => {
    const id = await recordEvent({ uscc: supA.uscc, kind: 'dishonest', severity: 'low' });
    expect((await post(`/api/v1/risk-events/${id}/status`, { status: 'confirmed', note: ' ' }, govSz)).statusCode).toBe(422);
    expect((await post(`/api/v1/risk-events/${id}/status`, { status: 'confirmed', note: '我方确认' }, leaderUser)).statusCode).toBe(403);
    const stranger = await loginAs(app, db, { role: 'member', orgUscc: (await makeEnterprise(db, { regionCode: '320505' })).uscc });
    expect((await post(`/api/v1/risk-events/${id}/status`, { status: 'confirmed', note: '确认' }, stranger.headers)).statusCode).toBe(404);
    const noted = await post(`/api/v1/risk-events/${id}/notes`, { body: '已电话联系企业' }, govSz);
    expect(noted.statusCode).toBe(201);
    expect(noted.json().notes).toEqual([expect.objectContaining({ body: '已电话联系企业', statusTo: null })]);
    expect((await post(`/api/v1/risk-events/${id}/notes`, { body: '备注' }, leaderUser)).statusCode).toBe(403);
  });
});

describe('GET /api/v1/risk-events — lists', () => {
  it('keeps lists in the scope, filters and pages', async () => {
    const sz = (await get('/api/v1/risk-events?limit=500', govSz)).json().items;
    expect(sz.length).toBeGreaterThanOrEqual(6);
    const alerted = new Set((await get('/api/v1/alerts?limit=500', govSz)).json().items.map((a: { event: { id: string } }) => a.event.id));
    expect(sz.every((e: { id: string; regionCode: string }) => e.regionCode.startsWith('3205') || alerted.has(e.id))).toBe(true);
    const wuxiOwn = await recordEvent({ uscc: wuxiCustomer.uscc, kind: 'logistics', severity: 'medium' }, govWx);
    const wx = (await get('/api/v1/risk-events?limit=500', govWx)).json().items.map((e: { id: string }) => e.id);
    expect(wx).toContain(wuxiOwn);
    expect((await get('/api/v1/risk-events?limit=500', govSz)).json().items.map((e: { id: string }) => e.id)).not.toContain(wuxiOwn);
    // A Wuxi event upstream of an enterprise 苏州 watches alerts 苏州, and so shows in its list.
    const upstreamOfWatched = await recordEvent({ uscc: tier2.uscc, kind: 'logistics', severity: 'medium' }, govWx);
    expect((await get('/api/v1/risk-events?limit=500', govSz)).json().items.map((e: { id: string }) => e.id)).toContain(upstreamOfWatched);
    const sanctions = (await get('/api/v1/risk-events?kind=sanction', govSz)).json().items;
    expect(sanctions.length).toBe(1);
    const page1 = (await get('/api/v1/risk-events?limit=2', govSz)).json();
    const page2 = (await get(`/api/v1/risk-events?limit=2&cursor=${page1.nextCursor}`, govSz)).json();
    expect(page2.items[0].id < page1.items[1].id || Number(page2.items[0].id) < Number(page1.items[1].id)).toBe(true);
    expect((await get('/api/v1/risk-events?region=999999', govSz)).statusCode).toBe(422);
  });

  it('exports the filtered list to Excel within the scope', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/risk-events/export?kind=sanction', headers: govSz });
    expect(r.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('风险事件')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(2).value).toBe('制裁与出口管制');
    expect(sheet.getRow(2).getCell(5).value).toBe('东京应化工业株式会社（JP）');
    const wx = await app.inject({ method: 'GET', url: '/api/v1/risk-events/export?kind=sanction', headers: govWx });
    await workbook.xlsx.load(wx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('风险事件')!.rowCount).toBe(1);
  });

  it('shows a member events on its suppliers upstream but not elsewhere', async () => {
    const listed = (await get('/api/v1/risk-events?limit=500', leaderUser)).json().items.map((e: { enterprise: { uscc: string } | null }) => e.enterprise?.uscc);
    expect(listed).toContain(supA.uscc);
    expect(listed).toContain(tier2.uscc); // two tiers up
    const unrelatedEvent = await recordEvent({ uscc: unrelated.uscc, kind: 'dishonest', severity: 'low' });
    const ids = (await get('/api/v1/risk-events?limit=500', leaderUser)).json().items.map((e: { id: string }) => e.id);
    expect(ids).not.toContain(unrelatedEvent);
    expect((await get('/api/v1/risk-events?limit=500', expert)).json().items).toEqual([]);
  });
});

describe('risk score and its settings', () => {
  it('scores an enterprise with factors and reasons, in the registry scope', async () => {
    const r = await get(`/api/v1/enterprises/${leader.uscc}/risk-score`, leaderUser);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.score).toBeGreaterThan(0);
    expect(body.score).toBeLessThanOrEqual(100);
    const byKey = Object.fromEntries(body.factors.map((f: { key: string }) => [f.key, f]));
    expect(byKey.supplierConcentration.value).toBe(1); // 隔膜 and 光刻胶: one supplier each
    expect(byKey.supplierConcentration.reasons.join()).toContain('隔膜');
    expect(byKey.upstreamExposure.value).toBeGreaterThan(0.5);
    const sum = body.factors.reduce((s: number, f: { contribution: number }) => s + f.contribution, 0);
    expect(sum).toBeCloseTo(body.score, 0);
    expect((await get(`/api/v1/enterprises/${leader.uscc}/risk-score`, govSz)).statusCode).toBe(200);
    expect((await get(`/api/v1/enterprises/${leader.uscc}/risk-score`, govWx)).statusCode).toBe(404);
    expect((await get(`/api/v1/enterprises/${leader.uscc}/risk-score`, customerUser)).statusCode).toBe(404);
    // Own events: supA had a critical shutdown.
    const own = (await get(`/api/v1/enterprises/${supA.uscc}/risk-score`, supAUser)).json();
    expect(own.factors.find((f: { key: string }) => f.key === 'ownEvents').value).toBeGreaterThan(0.5);
  });

  it('lets only admins change the settings, validated, and the score follows them', async () => {
    const settings = (await get('/api/v1/risk-score-settings', govSz)).json();
    expect(settings.thresholds).toEqual({ medium: 30, high: 60 });
    const next = { ...settings, thresholds: { medium: 1, high: 2 } };
    expect((await app.inject({ method: 'PUT', url: '/api/v1/risk-score-settings', payload: next, headers: govSz })).statusCode).toBe(403);
    const bad = await app.inject({ method: 'PUT', url: '/api/v1/risk-score-settings', payload: { ...settings, thresholds: { medium: 50, high: 40 } }, headers: admin });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('thresholds.high');
    const overweight = await app.inject({ method: 'PUT', url: '/api/v1/risk-score-settings', payload: { ...settings, factorWeights: { ...settings.factorWeights, ownEvents: 2 } }, headers: admin });
    expect(overweight.statusCode).toBe(422);
    expect((await app.inject({ method: 'PUT', url: '/api/v1/risk-score-settings', payload: next, headers: admin })).statusCode).toBe(200);
    expect((await get('/api/v1/risk-score-settings', govSz)).json().thresholds).toEqual({ medium: 1, high: 2 });
    expect((await get(`/api/v1/enterprises/${leader.uscc}/risk-score`, leaderUser)).json().level).toBe('high');
  });
});

describe('OpenAPI', () => {
  it('documents the early-warning endpoints with their schemas', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/risk-events', '/api/v1/risk-events/{id}', '/api/v1/risk-events/{id}/impact', '/api/v1/risk-events/{id}/status', '/api/v1/alerts', '/api/v1/alerts/{id}/read', '/api/v1/alerts/read-all', '/api/v1/risk-subscriptions', '/api/v1/risk-subscriptions/{id}', '/api/v1/enterprises/{uscc}/risk-score', '/api/v1/risk-score-settings']),
    );
    const create = doc.paths['/api/v1/risk-events'].post;
    expect(create.summary).toContain('登记风险事件');
    expect(create.requestBody.content['application/json'].schema.properties.kind.enum).toEqual(['shutdown', 'default', 'dishonest', 'sanction', 'disaster', 'logistics', 'late_payment']);
  });
});
