import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let manager: Headers;
let otherManager: Headers;
let govSz: Headers;
let govHz: Headers;
let admin: Headers;
let managerUscc: string;
let targetUscc: string;
let offChainUscc: string;
let chainId: string;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: object) => app.inject({ method: 'POST', url, headers, payload });
const fund = (over: object = {}) => ({ name: uniqueName('苏州测试产业基金'), sizeFen: 10_000_000_000, regionCode: '320500', ...over });
const investment = (over: object = {}) => ({ enterpriseUscc: targetUscc, amountFen: 1_000_000_000, investedOn: '2026-03-01', stage: 'a', sharePct: 12.5, ...over });

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  const m = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州测试创投管理') });
  const other = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州测试另一创投') });
  const target = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试被投企业') });
  const offChain = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试链外企业') });
  [managerUscc, targetUscc, offChainUscc] = [m.uscc, target.uscc, offChain.uscc];
  const chain = await db.insertInto('chains').values({ name: uniqueName('测试新能源链'), region_code: '320500' }).returning('id').executeTakeFirstOrThrow();
  chainId = chain.id;
  await db.insertInto('chain_segments').values([
    { chain_id: chainId, key: 'cell', name: '电芯', stage: 'midstream', upstream: ['cathode'] },
    { chain_id: chainId, key: 'cathode', name: '正极材料', stage: 'upstream' },
    { chain_id: chainId, key: 'pack', name: '电池包', stage: 'downstream', upstream: ['cell'] },
  ]).execute();
  await db.insertInto('chain_members').values({ chain_id: chainId, segment_key: 'cell', enterprise_id: target.id, role: 'supplier' }).execute();
  manager = (await loginAs(app, db, { role: 'member', orgUscc: m.uscc })).headers;
  otherManager = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
  govSz = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  govHz = (await loginAs(app, db, { role: 'gov', regionCode: '330100' })).headers;
  admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
});

describe('investment funds', () => {
  it('the manager registers a fund and records investments; gov of the region sees it; others get 404', async () => {
    const created = await post('/api/v1/funds', manager, fund({ focusChainIds: [chainId] }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ manager: { uscc: managerUscc }, investedFen: 0, canInvest: true, focusChains: [{ id: chainId }] });
    const inv = await post(`/api/v1/funds/${id}/investments`, manager, investment());
    expect(inv.statusCode, inv.body).toBe(201);
    expect(inv.json()).toMatchObject({ sharePct: 12.5, stage: 'a', chains: [{ chainId, segmentKey: 'cell', segmentName: '电芯' }] });
    expect((await get(`/api/v1/funds/${id}`, govSz)).json()).toMatchObject({ investedFen: 1_000_000_000, investmentCount: 1, canInvest: false });

    for (const outsider of [otherManager, govHz]) {
      expect((await get(`/api/v1/funds/${id}`, outsider)).statusCode).toBe(404);
      expect((await get(`/api/v1/funds/${id}/investments`, outsider)).statusCode).toBe(404);
      expect((await get(`/api/v1/funds/${id}/investments/export`, outsider)).statusCode).toBe(404);
      expect((await post(`/api/v1/funds/${id}/investments`, outsider, investment())).statusCode).toBe(404);
    }
    expect((await get('/api/v1/funds?limit=200', otherManager)).json().items.map((f: { id: string }) => f.id)).not.toContain(id);
    expect((await post(`/api/v1/funds/${id}/investments`, govSz, investment())).statusCode).toBe(403);
    expect((await get(`/api/v1/funds/${id}/investments`, admin)).json().items).toHaveLength(1);
  });

  it('refuses investments beyond the fund size, future dates, bad shares and unknown enterprises, naming the field; nothing is written', async () => {
    const id = (await post('/api/v1/funds', manager, fund({ sizeFen: 1_500_000_000 }))).json().id;
    expect((await post(`/api/v1/funds/${id}/investments`, manager, investment())).statusCode).toBe(201);
    const over = await post(`/api/v1/funds/${id}/investments`, manager, investment({ amountFen: 500_000_001 }));
    expect(over.statusCode).toBe(422);
    expect(over.json().errors[0].path).toBe('amountFen');
    expect((await post(`/api/v1/funds/${id}/investments`, manager, investment({ investedOn: '2099-01-01' }))).json().errors[0].path).toBe('investedOn');
    expect((await post(`/api/v1/funds/${id}/investments`, manager, investment({ sharePct: 100.5 }))).statusCode).toBe(422);
    expect((await post(`/api/v1/funds/${id}/investments`, manager, investment({ sharePct: 1.234 }))).statusCode).toBe(422);
    expect((await post(`/api/v1/funds/${id}/investments`, manager, investment({ enterpriseUscc: '91320505MA1XXXXXXX' }))).json().errors[0].path).toBe('enterpriseUscc');
    expect((await post(`/api/v1/funds/${id}/investments`, manager, investment({ amountFen: 500_000_000 }))).statusCode).toBe(201);
    expect((await get(`/api/v1/funds/${id}`, manager)).json()).toMatchObject({ investedFen: 1_500_000_000, investmentCount: 2 });
    expect((await post('/api/v1/funds', manager, fund({ managerUscc: offChainUscc }))).json().errors[0].path).toBe('managerUscc');
    expect((await post('/api/v1/funds', manager, fund({ focusChainIds: ['999999999'] }))).json().errors[0].path).toBe('focusChainIds.0');
    expect((await post('/api/v1/funds', govHz, fund({ managerUscc }))).json().errors[0].path).toBe('regionCode');
    expect((await post('/api/v1/funds', govSz, fund({ managerUscc }))).statusCode).toBe(201);
  });

  it('the portfolio by chain counts investments in enterprises on the chain, per segment, and shows segments with none', async () => {
    const id = (await post('/api/v1/funds', otherManager, fund())).json().id;
    await post(`/api/v1/funds/${id}/investments`, otherManager, investment({ amountFen: 300_000_000 }));
    await post(`/api/v1/funds/${id}/investments`, otherManager, investment({ enterpriseUscc: offChainUscc, amountFen: 700_000_000 }));
    const mine = (await get(`/api/v1/funds/portfolio?chainId=${chainId}`, otherManager)).json();
    expect(mine.chains).toEqual([expect.objectContaining({ chainId, investedFen: 300_000_000, count: 1 })]);
    expect(mine.segments.map((s: { segmentKey: string; investedFen: number; count: number }) => [s.segmentKey, s.investedFen, s.count]).sort()).toEqual([['cathode', 0, 0], ['cell', 300_000_000, 1], ['pack', 0, 0]]);
    expect(mine.segments.every((s: { weakKinds: unknown }) => Array.isArray(s.weakKinds))).toBe(true);
    // gov of Suzhou sees every Suzhou fund's money on the chain (this file's funds: 1,000 万 + 500 万 + 300 万 元 on `cell`)
    const gov = (await get(`/api/v1/funds/portfolio?chainId=${chainId}`, govSz)).json();
    expect(gov.segments.find((s: { segmentKey: string }) => s.segmentKey === 'cell').investedFen).toBe(1_000_000_000 + 1_500_000_000 + 300_000_000);
    expect((await get(`/api/v1/funds/portfolio?chainId=${chainId}`, govHz)).json().chains).toEqual([]);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'investment_fund').execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['fund.create', 'fund.invest']));
  });
});
