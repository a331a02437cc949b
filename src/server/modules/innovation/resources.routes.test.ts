import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let owner: Awaited<ReturnType<typeof makeEnterprise>>;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let other: Awaited<ReturnType<typeof makeEnterprise>>;
let ownerUser: Headers;
let smeUser: Headers;
let otherUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
let expert: Headers;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
/** An hour-aligned window `days` days from now, `hours` long. */
function slot(days: number, startHour: number, hours = 2) {
  const base = new Date(Date.now() + days * 86400_000);
  base.setUTCHours(startHour, 0, 0, 0);
  return { start: base.toISOString(), end: new Date(base.getTime() + hours * 3600_000).toISOString() };
}

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  owner = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州链主检测'), employees: 5000, revenue: 900000, assets: 900000 });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州小微') });
  other = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡小微') });
  ownerUser = (await loginAs(app, db, { role: 'member', orgUscc: owner.uscc })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  otherUser = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

async function makeResource(): Promise<string> {
  const r = await post('/api/v1/resources', ownerUser, { title: '扫描电子显微镜 SEM', kind: 'equipment', ownerUscc: owner.uscc, priceExternalYuan: 800, priceInternalYuan: 300, location: '苏州工业园区' });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

describe('POST /api/v1/resources', () => {
  it('lists a resource for the member’s own enterprise, prices in fen', async () => {
    const id = await makeResource();
    const view = (await get(`/api/v1/resources/${id}`, smeUser)).json();
    expect(view).toMatchObject({ title: '扫描电子显微镜 SEM', kind: 'equipment', priceExternalFen: 80000, ownerUscc: owner.uscc, canManage: false });
    expect((await get(`/api/v1/resources/${id}`, ownerUser)).json().canManage).toBe(true);
  });

  it('refuses another enterprise’s uscc and an unknown kind', async () => {
    const r = await post('/api/v1/resources', smeUser, { title: '设备', kind: 'equipment', ownerUscc: owner.uscc });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].path).toBe('ownerUscc');
    expect((await post('/api/v1/resources', ownerUser, { title: '设备', kind: 'spaceship', ownerUscc: owner.uscc })).statusCode).toBe(422);
    expect((await post('/api/v1/resources', expert, { title: '设备', kind: 'lab', ownerUscc: owner.uscc })).statusCode).toBe(403);
  });
});

describe('POST /api/v1/resources/{id}/bookings', () => {
  it('holds a pending window, refuses an overlap with 409, and frees the window on rejection', async () => {
    const id = await makeResource();
    const first = await post(`/api/v1/resources/${id}/bookings`, smeUser, { uscc: sme.uscc, ...slot(3, 2) });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'pending', bookerUscc: sme.uscc });
    const overlap = await post(`/api/v1/resources/${id}/bookings`, otherUser, { uscc: other.uscc, ...slot(3, 3) });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().code).toBe('conflict');
    // Back to back is fine: windows are [start, end).
    const adjacent = await post(`/api/v1/resources/${id}/bookings`, otherUser, { uscc: other.uscc, ...slot(3, 4) });
    expect(adjacent.statusCode).toBe(201);
    expect((await post(`/api/v1/bookings/${first.json().id}/approve`, smeUser)).statusCode).toBe(403);
    expect((await post(`/api/v1/bookings/${first.json().id}/approve`, otherUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/bookings/${first.json().id}/reject`, ownerUser)).json().status).toBe('rejected');
    expect((await post(`/api/v1/bookings/${first.json().id}/approve`, ownerUser)).statusCode).toBe(409);
    const retry = await post(`/api/v1/resources/${id}/bookings`, otherUser, { uscc: other.uscc, ...slot(3, 3, 1) });
    expect(retry.statusCode).toBe(201);
    expect((await post(`/api/v1/bookings/${retry.json().id}/cancel`, otherUser)).json().status).toBe('cancelled');
    expect((await post(`/api/v1/resources/${id}/bookings`, smeUser, { uscc: sme.uscc, ...slot(3, 3, 1) })).statusCode).toBe(201);
  });

  it('refuses an approved window too, and bad windows with the field', async () => {
    const id = await makeResource();
    const b = (await post(`/api/v1/resources/${id}/bookings`, smeUser, { uscc: sme.uscc, ...slot(5, 1) })).json();
    expect((await post(`/api/v1/bookings/${b.id}/approve`, ownerUser)).json().status).toBe('approved');
    expect((await post(`/api/v1/resources/${id}/bookings`, otherUser, { uscc: other.uscc, ...slot(5, 2) })).statusCode).toBe(409);
    const backwards = slot(6, 2);
    const r = await post(`/api/v1/resources/${id}/bookings`, smeUser, { uscc: sme.uscc, start: backwards.end, end: backwards.start });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].path).toBe('end');
    const past = await post(`/api/v1/resources/${id}/bookings`, smeUser, { uscc: sme.uscc, ...slot(-2, 2) });
    expect(past.json().errors[0].path).toBe('start');
  });

  it('lets exactly one of 100 concurrent requests for one window win', async () => {
    const id = await makeResource();
    const window = slot(9, 6, 3);
    const users = [smeUser, otherUser];
    const usccs = [sme.uscc, other.uscc];
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => post(`/api/v1/resources/${id}/bookings`, users[i % 2], { uscc: usccs[i % 2], ...window })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(99);
    const rows = await db.selectFrom('resource_bookings').select('id').where('resource_id', '=', id).execute();
    expect(rows).toHaveLength(1);
  });

  it('hides bookers from other viewers of the calendar, and bookings from outsiders (404)', async () => {
    const id = await makeResource();
    const b = (await post(`/api/v1/resources/${id}/bookings`, smeUser, { uscc: sme.uscc, purpose: '断口形貌分析', ...slot(4, 1) })).json();
    const window = `from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 30 * 86400_000).toISOString())}`;
    const seenByOther = (await get(`/api/v1/resources/${id}/bookings?${window}`, otherUser)).json().items;
    expect(seenByOther).toEqual([expect.objectContaining({ id: b.id, status: 'pending', bookerName: null, purpose: null })]);
    const seenByOwner = (await get(`/api/v1/resources/${id}/bookings?${window}`, ownerUser)).json().items;
    expect(seenByOwner[0]).toMatchObject({ bookerUscc: sme.uscc, purpose: '断口形貌分析', canDecide: true });
    expect((await post(`/api/v1/bookings/${b.id}/cancel`, otherUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/bookings/${b.id}/reject`, wuxi)).statusCode).toBe(404);
    expect((await post(`/api/v1/bookings/${b.id}/approve`, suzhou)).json().status).toBe('approved');
    const incoming = (await get('/api/v1/bookings/incoming?status=approved', ownerUser)).json().items;
    expect(incoming.map((x: { id: string }) => x.id)).toContain(b.id);
    expect((await get('/api/v1/bookings/mine', otherUser)).json().items.map((x: { id: string }) => x.id)).not.toContain(b.id);
  });
});

describe('usage and sharing figures', () => {
  it('records usage after the start and reports outside hours and the sharing rate', async () => {
    const id = await makeResource();
    const outside = (await post(`/api/v1/resources/${id}/bookings`, smeUser, { uscc: sme.uscc, ...slot(1, 1, 4) })).json();
    const inside = (await post(`/api/v1/resources/${id}/bookings`, ownerUser, { uscc: owner.uscc, ...slot(1, 8, 2) })).json();
    await post(`/api/v1/bookings/${outside.id}/approve`, ownerUser);
    await post(`/api/v1/bookings/${inside.id}/approve`, ownerUser);
    expect((await post(`/api/v1/bookings/${outside.id}/usage`, ownerUser, { usedMinutes: 180 })).statusCode).toBe(409); // not started yet
    // Move both windows into the past (as if the days went by).
    await db.updateTable('resource_bookings').set({ period: `[${new Date(Date.now() - 6 * 3600_000).toISOString()},${new Date(Date.now() - 2 * 3600_000).toISOString()})` }).where('id', '=', outside.id).execute();
    await db.updateTable('resource_bookings').set({ period: `[${new Date(Date.now() - 30 * 3600_000).toISOString()},${new Date(Date.now() - 28 * 3600_000).toISOString()})` }).where('id', '=', inside.id).execute();
    expect((await post(`/api/v1/bookings/${outside.id}/usage`, smeUser, { usedMinutes: 180 })).statusCode).toBe(403);
    expect((await post(`/api/v1/bookings/${outside.id}/usage`, ownerUser, { usedMinutes: 500 })).statusCode).toBe(422);
    expect((await post(`/api/v1/bookings/${outside.id}/usage`, ownerUser, { usedMinutes: 180 })).json().usedMinutes).toBe(180);
    expect((await post(`/api/v1/bookings/${inside.id}/usage`, ownerUser, { usedMinutes: 60 })).statusCode).toBe(200);
    const stats = (await get('/api/v1/resources/statistics', ownerUser)).json();
    const figures = stats.byResource.find((r: { resourceId: string }) => r.resourceId === id);
    expect(figures).toMatchObject({ bookedHours: 6, usedHours: 4, outsideHours: 3, sharingRatePct: 75 });
    expect(stats.byOwner).toHaveLength(1);
    const wuxiStats = (await get('/api/v1/resources/statistics', wuxi)).json();
    expect(wuxiStats.byResource.find((r: { resourceId: string }) => r.resourceId === id)).toBeUndefined();
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'resource_booking').where('entity_key', '=', outside.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['booking.create', 'booking.approve', 'booking.usage']);
  });
});
