import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprisesCsv } from '../../bench/gen-csv.js';
import { iterateEnterprises } from './demo/generator.js';
import { call, killNode, NODE_ADMIN_PASSWORD, nodeLogin, nodesDir, startNode, stopNodes, type AppNode } from '../../test/nodes.js';
import { createTestDb } from '../../test/support.js';
import { makeActor, makeEnterprise, uniqueName } from '../../test/factories.js';
import type { Db } from './db/database.js';

// Crash safety (issue 9 item 4): `kill -9` of the app in the middle of long and multi-row
// writes, then a restart. Nothing may be half-written, nothing acknowledged may be lost, and the
// invariants of the data must hold. The node is a real `xieshou start` process over the test's
// database; PostgreSQL rolls back the transaction of a client that vanished.
const dir = nodesDir('crash');
const nodes: AppNode[] = [];
let db: Db;
let dbUrl: string;

async function start(name: string): Promise<AppNode> {
  const node = await startNode(dir, name, dbUrl);
  nodes.push(node);
  return node;
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  ({ db, url: dbUrl } = await createTestDb());
});
afterAll(() => stopNodes(nodes, dir));

describe('kill -9 in the middle of writes', () => {
  it('leaves nothing of an import killed during its COPY, and the same file imports whole after the restart', async () => {
    const count = 20_000;
    const options = { seed: 77, count };
    const usccs = [...iterateEnterprises(options)].map((e) => e.uscc);
    const csv = enterprisesCsv(options);
    const importing = async (node: AppNode) => {
      const token = await nodeLogin(node, 'admin', NODE_ADMIN_PASSWORD);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(csv)]), 'registry.csv');
      return fetch(`${node.url}/api/v1/enterprises/import?dryRun=false`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    };
    const stored = async () => (await sql<{ n: number }>`select count(*)::int as n from enterprises where uscc = any(${usccs})`.execute(db)).rows[0].n;
    const copying = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and query ilike 'copy %'`.execute(db)).rows[0].n > 0;

    const first = await start('import-1');
    const request = importing(first).then(
      (response) => response.status,
      () => 'connection lost' as const,
    );
    await until(copying, 'the import to start its COPY');
    await killNode(first);
    expect(await request).toBe('connection lost'); // never acknowledged
    await until(async () => !(await copying()), 'PostgreSQL to end the dead client’s COPY');
    expect(await stored()).toBe(0);
    const audited = await sql<{ n: number }>`select count(*)::int as n from audit_log where entity_type = 'enterprise' and entity_key = any(${usccs})`.execute(db);
    expect(audited.rows[0].n).toBe(0);

    const second = await start('import-2');
    const response = await importing(second);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ committed: true, created: count });
    expect(await stored()).toBe(count);
    await killNode(second);
  }, 300_000);

  it('keeps every acknowledged voucher split and transfer, and the voucher tree whole, when killed under concurrent operations', async () => {
    const buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州崩溃测试主机厂'), industryCode: 'C3612', employees: 5000, revenue: 900000, assets: 900000 });
    const supplier = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州崩溃测试供应商') });
    const upstream = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州崩溃测试二级供应商') });
    const buyerUser = await makeActor(db, { role: 'member', orgUscc: buyer.uscc });
    const supplierUser = await makeActor(db, { role: 'member', orgUscc: supplier.uscc });
    const node = await start('vouchers-1');
    const buyerToken = await nodeLogin(node, buyerUser.username, buyerUser.password);
    const supplierToken = await nodeLogin(node, supplierUser.username, supplierUser.password);
    const vouchers: string[] = [];
    for (let i = 0; i < 24; i++) {
      const contract = await call(node, 'POST', '/api/v1/contracts', supplierToken, { buyerUscc: buyer.uscc, supplierUscc: supplier.uscc, amountFen: 1_000_000, termDays: 60, signedOn: '2025-07-01' });
      const delivery = await call(node, 'POST', `/api/v1/contracts/${contract.json.id}/deliveries`, supplierToken, { deliveredOn: '2025-07-05', amountFen: 1_000_000 });
      const voucher = await call(node, 'POST', '/api/v1/vouchers', buyerToken, { deliveryId: delivery.json.id });
      expect(voucher.status).toBe(201);
      vouchers.push(voucher.json.id);
    }

    const splits = new Map<string, string[]>(); // acknowledged: parent → part ids
    const transfers = new Map<string, string>(); // acknowledged: part → new voucher id
    const worker = async (mine: string[]) => {
      try {
        for (const id of mine) {
          const split = await call(node, 'POST', `/api/v1/vouchers/${id}/split`, supplierToken, { parts: [600_000, 300_000, 100_000] });
          if (split.status !== 200) continue;
          splits.set(id, split.json.parts.map((p: { id: string }) => p.id));
          const moved = await call(node, 'POST', `/api/v1/vouchers/${split.json.parts[0].id}/transfer`, supplierToken, { toUscc: upstream.uscc });
          if (moved.status === 200) transfers.set(split.json.parts[0].id, moved.json.id);
        }
      } catch {
        // the node died under this request
      }
    };
    const workers = [0, 1, 2, 3].map((w) => worker(vouchers.filter((_, i) => i % 4 === w)));
    await until(async () => transfers.size >= 4, 'a few acknowledged transfers');
    await killNode(node);
    await Promise.all(workers);
    expect(splits.size).toBeLessThan(vouchers.length); // the kill cut the run short

    for (const [parent, parts] of splits) {
      const rows = await sql<{ id: string; amount: string; origin: string }>`select id::text, amount_fen::text as amount, origin from vouchers where parent_id = ${parent} and origin = 'split' order by id`.execute(db);
      expect(rows.rows.map((r) => r.id)).toEqual(parts);
    }
    for (const [part, moved] of transfers) {
      const row = await sql<{ holder: string }>`select e.uscc as holder from vouchers v join enterprises e on e.id = v.holder_id where v.id = ${moved} and v.parent_id = ${part}`.execute(db);
      expect(row.rows[0]?.holder).toBe(upstream.uscc);
    }
    // The tree is whole everywhere, acknowledged or not: a split parent's parts sum to it, a
    // transferred voucher has exactly one child of the same amount, a held one has none.
    const broken = await sql<{ id: string; status: string }>`
      select p.id::text, p.status
        from vouchers p
        left join lateral (select count(*) as n, coalesce(sum(c.amount_fen), 0) as total from vouchers c where c.parent_id = p.id) kids on true
       where p.root_id = any(${vouchers}::bigint[])
         and not ((p.status = 'split' and kids.n >= 2 and kids.total = p.amount_fen)
               or (p.status = 'transferred' and kids.n = 1 and kids.total = p.amount_fen)
               or (p.status in ('held', 'financed') and kids.n = 0))`.execute(db);
    expect(broken.rows).toEqual([]);

    // After a restart the platform serves the same state.
    const again = await start('vouchers-2');
    const token = await nodeLogin(again, supplierUser.username, supplierUser.password);
    const [someParent] = [...splits.keys()];
    expect((await call(again, 'GET', `/api/v1/vouchers/${someParent}`, token)).json).toMatchObject({ status: 'split' });
  }, 300_000);
});
