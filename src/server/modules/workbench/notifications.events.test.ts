/** Notifications other modules raise with their events: the recipient sees it, nobody else does. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';

type Headers = { authorization: string };
type Item = { kind: string; params: Record<string, unknown>; link: string; entityKey: string };
let app: App;
let db: Db;
let leader: { uscc: string; name: string };
let sme: { uscc: string; name: string };
let leaderUser: Headers;
let leaderUser2: Headers; // a second member of the leader enterprise
let smeUser: Headers;
let otherUser: Headers; // member of an unrelated enterprise
let bankUser: Headers;
let suzhou: Headers;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: object = {}) => app.inject({ method: 'POST', url, headers, payload });
const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86_400_000));
/** The caller's notifications of one kind that name `title` (or any, without). */
async function seen(headers: Headers, kind: string, title?: string): Promise<Item[]> {
  const res = await get('/api/v1/notifications?limit=100', headers);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Item[]).filter((n) => n.kind === kind && (title === undefined || n.params.title === title));
}

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  leader = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州链主装备'), industryCode: 'C3841', employees: 5000, revenue: 900000, assets: 900000, products: ['磷酸铁锂电芯'] });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('吴中精密结构'), industryCode: 'C3484', products: ['电池模组精密结构件'] });
  const other = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('吴中旁观') });
  const bank = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州测试银行'), industryCode: 'J6621', employees: 3000, revenue: 900000, assets: 9000000 });
  leaderUser = (await loginAs(app, db, { role: 'member', orgUscc: leader.uscc })).headers;
  leaderUser2 = (await loginAs(app, db, { role: 'member', orgUscc: leader.uscc })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  otherUser = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
  bankUser = (await loginAs(app, db, { role: 'member', orgUscc: bank.uscc, orgKind: 'bank' })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
});

describe('notifications raised by other modules’ events', () => {
  it('a supplier accepting an invitation tells the need owner’s members (对接响应)', async () => {
    const title = uniqueName('电池模组结构件配套');
    const needId = (await post('/api/v1/needs', leaderUser, { title, description: '储能电池模组端板、侧板精密结构件', kind: 'supporting', products: ['电池模组精密结构件'] })).json().id;
    expect((await post(`/api/v1/needs/${needId}/submit`, leaderUser)).statusCode).toBe(200);
    expect((await post(`/api/v1/needs/${needId}/publish`, suzhou)).statusCode).toBe(200);
    const invited = await post(`/api/v1/needs/${needId}/invite`, leaderUser, { uscc: sme.uscc });
    expect(invited.statusCode, invited.body).toBe(201);
    const matchId = invited.json().id;
    expect(await seen(leaderUser, 'match.accepted', title)).toEqual([]);
    expect((await post(`/api/v1/matches/${matchId}/accept`, smeUser)).statusCode).toBe(200);
    for (const headers of [leaderUser, leaderUser2]) {
      expect(await seen(headers, 'match.accepted', title)).toEqual([expect.objectContaining({ link: `/matching/needs/${needId}`, entityKey: matchId, params: { title, supplier: sme.name } })]);
    }
    for (const headers of [smeUser, otherUser, suzhou]) expect(await seen(headers, 'match.accepted', title)).toEqual([]);
  });

  it('an application to a challenge tells the challenge owner’s members (揭榜)', async () => {
    const title = uniqueName('固态电解质揭榜');
    const created = await post('/api/v1/challenges', leaderUser, { title, type: 'proposal', problem: '需要室温离子电导率高于1mS/cm的固态电解质', targets: ['离子电导率≥1mS/cm'], budget: 500, fields: ['固态电池'], deadline: inDays(10) });
    expect(created.statusCode, created.body).toBe(201);
    const challengeId = created.json().id;
    const applied = await post(`/api/v1/challenges/${challengeId}/applications`, smeUser, { uscc: sme.uscc, proposal: '硫化物固态电解质与界面包覆工艺' });
    expect(applied.statusCode, applied.body).toBe(201);
    for (const headers of [leaderUser, leaderUser2]) {
      expect(await seen(headers, 'challenge.applied', title)).toEqual([expect.objectContaining({ link: `/challenges/${challengeId}`, entityKey: applied.json().id, params: { title, applicant: sme.name } })]);
    }
    for (const headers of [smeUser, otherUser, suzhou]) expect(await seen(headers, 'challenge.applied', title)).toEqual([]);
  });

  it('a booking request tells the shared resource owner’s members', async () => {
    const title = uniqueName('扫描电镜');
    const resource = await post('/api/v1/resources', leaderUser, { title, kind: 'equipment', ownerUscc: leader.uscc, priceExternalYuan: 800, location: '苏州工业园区' });
    expect(resource.statusCode, resource.body).toBe(201);
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(1, 0, 0, 0); // 09:00 in Shanghai
    const booking = await post(`/api/v1/resources/${resource.json().id}/bookings`, smeUser, { uscc: sme.uscc, start: start.toISOString(), end: new Date(start.getTime() + 2 * 3_600_000).toISOString() });
    expect(booking.statusCode, booking.body).toBe(201);
    const [n] = await seen(leaderUser, 'booking.requested', title);
    expect(n).toMatchObject({ link: `/resources/${resource.json().id}`, params: { title, booker: sme.name, start: `${businessDate(start)} 09:00`, end: `${businessDate(start)} 11:00` } });
    expect(await seen(leaderUser2, 'booking.requested', title)).toHaveLength(1);
    for (const headers of [smeUser, otherUser, suzhou]) expect(await seen(headers, 'booking.requested', title)).toEqual([]);
  });

  it('a bank’s offer on a financing request tells the applicant’s members', async () => {
    const request = await post('/api/v1/financing-requests', smeUser, { kind: 'order', amountFen: 50_000_000, termDays: 180, description: uniqueName('订单融资') });
    expect(request.statusCode, request.body).toBe(201);
    const id = request.json().id;
    const offer = await post(`/api/v1/financing-requests/${id}/offers`, bankUser, { rateBp: 385, amountFen: 50_000_000, termDays: 180 });
    expect(offer.statusCode, offer.body).toBe(201);
    const mine = (await seen(smeUser, 'financing.offered')).filter((n) => n.entityKey === id);
    expect(mine).toEqual([expect.objectContaining({ link: '/finance/financing', params: expect.objectContaining({ amountYuan: 500000, ratePercent: 3.85, termDays: 180 }) })]);
    for (const headers of [leaderUser, otherUser, bankUser, suzhou]) expect((await seen(headers, 'financing.offered')).filter((n) => n.entityKey === id)).toEqual([]);
  });
});
