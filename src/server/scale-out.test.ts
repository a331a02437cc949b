import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, killNode, msUntil, nodeLogin, nodesDir, startNode, stopNodes, type AppNode } from '../../test/nodes.js';
import { createTestDb } from '../../test/support.js';
import { makeActor, makeEnterprise, uniqueName } from '../../test/factories.js';
import type { Db } from './db/database.js';

// Two app nodes as production runs them (`xieshou start` processes) over one PostgreSQL
// (`DATABASE_URL`, issue 9 item 2). Each node keeps in-memory engines (matching index, supply
// graph) that follow `change_log`; a write through one node must reach the other's results within
// 2 s, and a node killed with SIGKILL must not lose a request it acknowledged.
const VISIBLE_WITHIN_MS = 2_000;

const dir = nodesDir('scale-out');
const nodes: AppNode[] = [];
let db: Db;
let dbUrl: string;

let buyer: Awaited<ReturnType<typeof makeEnterprise>>;
let supplier: Awaited<ReturnType<typeof makeEnterprise>>;
let buyerToken: string;
let supplierToken: string;
let govToken: string;
let a: AppNode;
let b: AppNode;

beforeAll(async () => {
  ({ db, url: dbUrl } = await createTestDb());
  buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州双节点整机'), industryCode: 'C3491', employees: 3000, revenue: 800000, assets: 800000, products: ['协作机器人'] });
  supplier = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州双节点减速器'), industryCode: 'C3459', products: ['精密齿轮'] });
  const buyerUser = await makeActor(db, { role: 'member', orgUscc: buyer.uscc });
  const supplierUser = await makeActor(db, { role: 'member', orgUscc: supplier.uscc });
  const gov = await makeActor(db, { role: 'gov', regionCode: '320500' });
  a = await startNode(dir, 'a', dbUrl); // first, so that only one node creates the admin
  nodes.push(a);
  b = await startNode(dir, 'b', dbUrl);
  nodes.push(b);
  buyerToken = await nodeLogin(a, buyerUser.username, buyerUser.password);
  supplierToken = await nodeLogin(a, supplierUser.username, supplierUser.password);
  govToken = await nodeLogin(b, gov.username, gov.password);
}, 240_000);

afterAll(() => stopNodes(nodes, dir));

describe('two app nodes over one PostgreSQL', () => {
  it('shows an offer written through node A in node B’s matching results within 2 s', async () => {
    const need = await call(a, 'POST', '/api/v1/needs', buyerToken, { title: '谐波减速器采购', description: '协作机器人关节用谐波减速器，年需求2万台', kind: 'procurement', products: ['谐波减速器'] });
    expect(need.status).toBe(201);
    const matchesOnB = async () => (await call(b, 'GET', `/api/v1/needs/${need.json.id}/matches?limit=20`, buyerToken)).json.items as Array<{ offerId?: string }>;
    expect((await matchesOnB()).some((m) => m.offerId)).toBe(false);

    const offer = await call(a, 'POST', '/api/v1/offers', supplierToken, { uscc: supplier.uscc, title: '谐波减速器供应', description: '机器人关节用谐波减速器，批量供货', products: ['谐波减速器'], leadTimeDays: 30 });
    expect(offer.status).toBe(201);
    const ms = await msUntil(async () => (await matchesOnB()).some((m) => m.offerId === offer.json.id));
    expect(ms).toBeLessThanOrEqual(VISIBLE_WITHIN_MS);
  });

  it('shows a supply edge written through node A in node B’s risk impact analysis within 2 s', async () => {
    const event = await call(b, 'POST', '/api/v1/risk-events', govToken, { uscc: supplier.uscc, kind: 'shutdown', severity: 'high', occurredAt: new Date().toISOString(), title: '减速器厂停产' });
    expect(event.status).toBe(201);
    const impactOnB = async () => (await call(b, 'GET', `/api/v1/risk-events/${event.json.id}/impact`, govToken)).json.items as Array<{ uscc: string; tier: number }>;
    expect((await impactOnB()).map((i) => i.uscc)).not.toContain(buyer.uscc);

    const edge = await call(a, 'POST', '/api/v1/supply-edges', buyerToken, { supplierUscc: supplier.uscc, customerUscc: buyer.uscc, product: '谐波减速器', share: 0.6 });
    expect(edge.status).toBe(201);
    const ms = await msUntil(async () => (await impactOnB()).some((i) => i.uscc === buyer.uscc && i.tier === 1));
    expect(ms).toBeLessThanOrEqual(VISIBLE_WITHIN_MS);
  });

  it('loses no acknowledged write when node A is killed with SIGKILL under load, and node B goes on serving', async () => {
    const acknowledged: string[] = [];
    let attempts = 0;
    const writer = async (worker: number) => {
      for (let i = 0; ; i++) {
        attempts++;
        try {
          const r = await call(a, 'POST', '/api/v1/offers', supplierToken, { uscc: supplier.uscc, title: `批量供货 ${worker}-${i}`, description: '崩溃测试的供货能力', products: ['精密齿轮'] });
          if (r.status === 201) acknowledged.push(r.json.id);
        } catch {
          return; // the connection died with the node
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    await killNode(a);
    await Promise.all(writers);

    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    const stored = await sql<{ id: string }>`select id::text from offers where id = any(${acknowledged}::bigint[])`.execute(db);
    expect(stored.rows.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
    // Each acknowledged offer is whole (its audit entry committed with it) and readable through B.
    const audited = await sql<{ n: number }>`select count(distinct entity_key)::int as n from audit_log where entity_type = 'offer' and action = 'offer.create' and entity_key = any(${acknowledged}::text[])`.execute(db);
    expect(audited.rows[0].n).toBe(acknowledged.length);
    const last = acknowledged[acknowledged.length - 1];
    expect((await call(b, 'GET', `/api/v1/offers/${last}`, supplierToken)).status).toBe(200);
    expect(attempts).toBeGreaterThan(acknowledged.length); // the kill did cut requests in flight
  });
});
