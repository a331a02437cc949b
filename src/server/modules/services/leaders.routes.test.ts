import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = Record<string, string>;
let app: App;
let db: Db;
let chainId: string;
let leader: Awaited<ReturnType<typeof makeEnterprise>>;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let leaderUser: Headers;
let smeUser: Headers;
let expertUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
const templateKey = `t_${Math.random().toString(36).slice(2, 8)}`;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  leader = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州链主新能源'), employees: 5000, revenue: 900000, assets: 900000 });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州配套精密') });
  leaderUser = (await loginAs(app, db, { role: 'member', orgUscc: leader.uscc })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  expertUser = (await loginAs(app, db, { role: 'expert' })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  const chain = await db.insertInto('chains').values({ name: uniqueName('苏州动力电池链'), region_code: '320500', template_key: templateKey }).returning('id').executeTakeFirstOrThrow();
  chainId = chain.id;
  await db.insertInto('chains').values({ name: uniqueName('无锡动力电池链'), region_code: '320200', template_key: templateKey }).execute();
  await db.insertInto('chain_segments').values([{ chain_id: chainId, key: 'cells', name: '电芯', stage: 'midstream' }, { chain_id: chainId, key: 'parts', name: '结构件', stage: 'upstream' }]).execute();
  await db.insertInto('chain_members').values([{ chain_id: chainId, segment_key: 'cells', enterprise_id: leader.id, role: 'leader' }, { chain_id: chainId, segment_key: 'parts', enterprise_id: sme.id, role: 'supplier' }]).execute();
});

const action = (extra: object = {}) => ({ chainId, kind: 'equity_investment', title: '投资配套精密结构件企业', partnerUscc: sme.uscc, amountYuan: 20_000_000, startedOn: '2026-03-01', ...extra });

describe('POST /api/v1/leader-actions', () => {
  it('records a leader’s own action with its partner and amount in fen, audited', async () => {
    const r = await post('/api/v1/leader-actions', leaderUser, action());
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ leaderUscc: leader.uscc, partnerName: sme.name, amountFen: 2_000_000_000, startedOn: '2026-03-01', kind: 'equity_investment', regionCode: '320571' });
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'chain_leader_action').where('entity_key', '=', r.json().id).execute();
    expect(audit.map((a) => a.action)).toEqual(['leader_action.create']);
    const listed = (await get(`/api/v1/leader-actions?chainId=${chainId}`, expertUser)).json().items;
    expect(listed.map((a: { id: string }) => a.id)).toContain(r.json().id);
  });

  it('refuses a firm that does not lead the chain, a leader out of the gov user’s scope, an unknown partner and experts', async () => {
    const notLeader = await post('/api/v1/leader-actions', smeUser, action({ partnerUscc: undefined }));
    expect(notLeader.statusCode).toBe(422);
    expect(notLeader.json().errors.map((e: { path: string }) => e.path)).toEqual(['leaderUscc']);
    expect((await post('/api/v1/leader-actions', wuxi, action({ leaderUscc: leader.uscc }))).json().errors[0].path).toBe('leaderUscc');
    expect((await post('/api/v1/leader-actions', suzhou, action({ leaderUscc: leader.uscc }))).statusCode).toBe(201);
    const bad = await post('/api/v1/leader-actions', leaderUser, action({ chainId: '999999999', partnerUscc: '91320000XXXXXXXXXX', startedOn: '2026-13-01' }));
    expect(bad.statusCode).toBe(422);
    expect((await post('/api/v1/leader-actions', leaderUser, action({ chainId: '999999999', partnerUscc: '91320000XXXXXXXXXX' }))).json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['chainId', 'partnerUscc']);
    expect((await post('/api/v1/leader-actions', expertUser, action())).statusCode).toBe(403);
  });

  it('exports the actions to Excel', async () => {
    const file = await get(`/api/v1/leader-actions/export?chainId=${chainId}`, suzhou);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('clusters', () => {
  it('gov in scope record a cluster and add members all or none; others get 404 on its members', async () => {
    const created = await post('/api/v1/clusters', suzhou, { name: uniqueName('苏州新能源汽车先进制造业集群'), kind: 'advanced_manufacturing', level: 'national', chainId, recognisedYear: 2024 });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const partial = await post(`/api/v1/clusters/${id}/members`, suzhou, { members: [{ uscc: leader.uscc, role: 'leader' }, { uscc: '91320000NOTREAL000' }] });
    expect(partial.statusCode).toBe(422);
    expect(partial.json().errors.map((e: { path: string }) => e.path)).toEqual(['members.1.uscc']);
    expect((await get(`/api/v1/clusters/${id}`, smeUser)).json().memberCount).toBe(0);
    const ok = await post(`/api/v1/clusters/${id}/members`, suzhou, { members: [{ uscc: leader.uscc, role: 'leader' }, { uscc: sme.uscc }] });
    expect(ok.json()).toMatchObject({ memberCount: 2, smeCount: 1, canManage: true });
    expect(ok.json().members.map((m: { role: string }) => m.role)).toEqual(['leader', 'member']);
    for (const outsider of [wuxi, leaderUser, expertUser]) expect((await post(`/api/v1/clusters/${id}/members`, outsider, { members: [{ uscc: sme.uscc }] })).statusCode).toBe(404);
    expect((await post('/api/v1/clusters/999999999/members', suzhou, { members: [{ uscc: sme.uscc }] })).statusCode).toBe(404);
    expect((await post('/api/v1/clusters', wuxi, { name: '越权登记集群', kind: 'sme_characteristic', level: 'provincial', regionCode: '320500' })).json().errors[0].path).toBe('regionCode');
    expect((await post('/api/v1/clusters', leaderUser, { name: '企业登记集群', kind: 'sme_characteristic', level: 'provincial' })).statusCode).toBe(403);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'industry_cluster').where('entity_key', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['cluster.create', 'cluster.add_members']);
  });
});

describe('transfer catalogue and the cross-region chain view', () => {
  it('publishes items in scope, filters by direction and industry, and counts them per chain region', async () => {
    const r = await post('/api/v1/transfer-catalogue', suzhou, { direction: 'outbound', chainId, industryCode: 'C3841', title: '电芯后段模组组装产能向苏北转移', conditions: '需配套用地200亩' });
    expect(r.statusCode, r.body).toBe(201);
    expect((await post('/api/v1/transfer-catalogue', leaderUser, { direction: 'inbound', industryCode: 'C38', title: '企业发布' })).statusCode).toBe(403);
    expect((await post('/api/v1/transfer-catalogue', suzhou, { direction: 'inbound', industryCode: 'bad', title: '行业代码错误' })).json().errors[0].path).toBe('industryCode');
    const items = (await get('/api/v1/transfer-catalogue?direction=outbound&industry=C384&region=320500&limit=500', smeUser)).json().items;
    expect(items.map((i: { id: string }) => i.id)).toContain(r.json().id);
    expect(items.find((i: { id: string }) => i.id === r.json().id).canManage).toBe(false);
    expect((await get('/api/v1/transfer-catalogue?direction=inbound&limit=500', smeUser)).json().items.map((i: { id: string }) => i.id)).not.toContain(r.json().id);
    const rows = (await get(`/api/v1/chain-regions?templateKey=${templateKey}`, smeUser)).json().items;
    expect(rows.map((row: { regionCode: string }) => row.regionCode)).toEqual(['320200', '320500']);
    const suzhouRow = rows[1];
    const direct = await db.selectFrom('chain_leader_actions').select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string>('amount_fen').as('fen')]).where('chain_id', '=', chainId).executeTakeFirstOrThrow();
    expect(suzhouRow).toMatchObject({ memberCount: 2, leaderCount: 1, clusterCount: 1, transferItemCount: 1, leaderActionCount: Number(direct.n), leaderActionAmountFen: Number(direct.fen) });
    expect(rows[0]).toMatchObject({ memberCount: 0, leaderActionCount: 0, clusterCount: 0 });
  });
});
