import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprisesCsv } from '../../bench/gen-csv.js';
import { iterateEnterprises } from './demo/generator.js';
import { call, killNode, NODE_ADMIN_PASSWORD, nodeLogin, nodesDir, startNode, stopNodes, type AppNode } from '../../test/nodes.js';
import { createTestDb } from '../../test/support.js';
import { makeActor, makeEnterprise, uniqueName } from '../../test/factories.js';
import type { Db } from './db/database.js';
import { importEnterprises } from './modules/enterprises/index.js';
import { SYSTEM_ACTOR } from './platform/actor.js';
import { seededRandom } from './platform/random.js';

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

  it('never double-books a slot and keeps every acknowledged booking with its audit entry, when killed under concurrent bookings', async () => {
    const owner = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州崩溃测试设备主') });
    const ownerUser = await makeActor(db, { role: 'member', orgUscc: owner.uscc });
    const bookers = await Promise.all([0, 1, 2, 3].map(async () => {
      const enterprise = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州崩溃测试预约方') });
      return { uscc: enterprise.uscc, user: await makeActor(db, { role: 'member', orgUscc: enterprise.uscc }) };
    }));
    const node = await start('bookings-1');
    const resource = await call(node, 'POST', '/api/v1/resources', await nodeLogin(node, ownerUser.username, ownerUser.password), { title: uniqueName('崩溃测试光谱仪'), kind: 'equipment', ownerUscc: owner.uscc });
    expect(resource.status).toBe(201);
    const resourceId: string = resource.json.id;
    const tokens = await Promise.all(bookers.map((b) => nodeLogin(node, b.user.username, b.user.password)));

    // Every worker books 1–3 hour windows on a shared 200-hour range, so most requests collide.
    const base = Date.parse('2027-06-01T00:00:00Z');
    const acknowledged: string[] = [];
    let conflicts = 0;
    const worker = async (w: number) => {
      const random = seededRandom(100 + w);
      try {
        for (let i = 0; i < 400; i++) {
          const startHour = Math.floor(random() * 200);
          const hours = 1 + Math.floor(random() * 3);
          const body = { uscc: bookers[w].uscc, start: new Date(base + startHour * 3_600_000).toISOString(), end: new Date(base + (startHour + hours) * 3_600_000).toISOString(), purpose: `w${w}-${i}` };
          const booked = await call(node, 'POST', `/api/v1/resources/${resourceId}/bookings`, tokens[w], body);
          if (booked.status === 201) acknowledged.push(booked.json.id);
          else if (booked.status === 409) conflicts += 1;
          else throw new Error(`unexpected ${booked.status}`);
        }
      } catch {
        // the node died under this request
      }
    };
    const workers = bookers.map((_, w) => worker(w));
    await until(async () => acknowledged.length >= 15 && conflicts >= 5, 'acknowledged and refused bookings');
    await killNode(node);
    await Promise.all(workers);
    expect(acknowledged.length).toBeLessThan(4 * 400); // the kill cut the run short

    // No two live bookings of the resource overlap (the exclusion constraint held under the crash).
    const overlaps = await sql<{ a: string }>`
      select a.id::text as a from resource_bookings a join resource_bookings b on a.resource_id = b.resource_id and a.id < b.id and a.period && b.period
       where a.resource_id = ${resourceId} and a.status in ('pending', 'approved') and b.status in ('pending', 'approved')`.execute(db);
    expect(overlaps.rows).toEqual([]);
    // Every acknowledged booking is stored, and every stored booking (acknowledged or not) has its audit entry.
    const stored = await sql<{ id: string; audited: number }>`
      select b.id::text as id, (select count(*)::int from audit_log l where l.entity_type = 'resource_booking' and l.entity_key = b.id::text and l.action = 'booking.create') as audited
        from resource_bookings b where b.resource_id = ${resourceId}`.execute(db);
    const storedIds = new Set(stored.rows.map((r) => r.id));
    expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
    expect(stored.rows.filter((r) => r.audited !== 1)).toEqual([]);
    expect(stored.rows.length - acknowledged.length).toBeLessThanOrEqual(bookers.length); // at most the requests in flight

    // After a restart a free window books, and a window taken before the crash is still refused.
    const again = await start('bookings-2');
    const token = await nodeLogin(again, bookers[0].user.username, bookers[0].user.password);
    const free = { uscc: bookers[0].uscc, start: new Date(base + 300 * 3_600_000).toISOString(), end: new Date(base + 301 * 3_600_000).toISOString() };
    expect((await call(again, 'POST', `/api/v1/resources/${resourceId}/bookings`, token, free)).status).toBe(201);
    const taken = (await sql<{ lower: Date }>`select lower(period) as lower from resource_bookings where id = ${acknowledged[0]}`.execute(db)).rows[0].lower;
    const clash = { uscc: bookers[0].uscc, start: taken.toISOString(), end: new Date(taken.getTime() + 3_600_000).toISOString() };
    expect((await call(again, 'POST', `/api/v1/resources/${resourceId}/bookings`, token, clash)).status).toBe(409);
    await killNode(again);
  }, 300_000);

  it('keeps the old fair schedule whole when killed during a schedule solve, and the run succeeds after the restart', async () => {
    // 300 registered participants (60 large firms, 240 SMEs) and 1,500 wishes: a solve of seconds.
    const options = { seed: 91, count: 300 };
    const report = await importEnterprises(db, { actor: SYSTEM_ACTOR }, enterprisesCsv(options), { isDryRun: false });
    expect(report.created).toBe(300);
    const usccs = [...iterateEnterprises(options)].map((e) => e.uscc);
    const fairId = (await sql<{ id: string }>`
      insert into fairs (region_code, title, status, large_capacity, sme_capacity) values ('320500', ${uniqueName('崩溃测试对接会')}, 'open', 1000, 1000) returning id::text`.execute(db)).rows[0].id;
    await sql`insert into fair_sessions (fair_id, position, session_date, start_time, slot_minutes, slot_count, table_count) values (${fairId}, 0, '2027-03-01', '09:00', 20, 12, 60)`.execute(db);
    await sql`
      insert into fair_registrations (fair_id, enterprise_id, region_code, kind, status)
      select ${fairId}, e.id, e.region_code, case when u.n <= 60 then 'large' else 'sme' end, 'registered'
        from unnest(${usccs}::text[]) with ordinality as u(uscc, n) join enterprises e on e.uscc = u.uscc`.execute(db);
    const people = (await sql<{ id: string; kind: string }>`select id::text, kind from fair_registrations where fair_id = ${fairId} order by id`.execute(db)).rows;
    const larges = people.filter((p) => p.kind === 'large').map((p) => p.id);
    const smes = people.filter((p) => p.kind === 'sme').map((p) => p.id);
    const random = seededRandom(7);
    const wishes = new Set<string>();
    while (wishes.size < 1500) {
      const large = larges[Math.floor(random() * random() * larges.length)]; // a few popular large firms
      const sme = smes[Math.floor(random() * smes.length)];
      wishes.add(random() < 0.7 ? `${sme}:${large}` : `${large}:${sme}`);
    }
    const pairs = [...wishes].map((w) => w.split(':'));
    await sql`insert into fair_wishes (fair_id, from_registration_id, to_registration_id)
      select ${fairId}, f, t from unnest(${pairs.map((p) => p[0])}::bigint[], ${pairs.map((p) => p[1])}::bigint[]) as w(f, t)`.execute(db);

    const node = await start('fair-1');
    const token = await nodeLogin(node, 'admin', NODE_ADMIN_PASSWORD);
    const first = await call(node, 'POST', `/api/v1/fairs/${fairId}/schedule`, token, {});
    expect(first.status).toBe(200);
    const snapshot = async () => ({
      schedule: (await sql<{ computed_at: Date; stats: { meetings: number }; options: Record<string, number> }>`select computed_at, stats, options from fair_schedules where fair_id = ${fairId}`.execute(db)).rows,
      meetings: (await sql<{ id: string }>`select id::text from fair_meetings where fair_id = ${fairId} order by id`.execute(db)).rows.map((r) => r.id),
      audits: (await sql<{ n: number }>`select count(*)::int as n from audit_log where entity_type = 'fair' and entity_key = ${fairId} and action = 'fair.schedule'`.execute(db)).rows[0].n,
    });
    const before = await snapshot();
    expect(before.schedule).toHaveLength(1);
    expect(before.meetings.length).toBe(before.schedule[0].stats.meetings);
    expect(before.meetings.length).toBeGreaterThan(100);

    // A second run with other weights; kill the node while it solves inside its transaction
    // (the fair row locked, the wishes read, nothing written yet or partly written).
    const solving = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'idle in transaction' and query ilike '%fair_wishes%'`.execute(db)).rows[0].n > 0;
    const second = call(node, 'POST', `/api/v1/fairs/${fairId}/schedule`, token, { mutualWeight: 5 }).then((r) => r.status, () => 'connection lost' as const);
    await until(solving, 'the second run to start solving');
    await killNode(node);
    expect(await second).toBe('connection lost');
    await until(async () => !(await solving()), 'PostgreSQL to end the dead client’s transaction');
    expect(await snapshot()).toEqual(before); // the old schedule, every meeting of it, and no new audit entry

    const again = await start('fair-2');
    const rerun = await call(again, 'POST', `/api/v1/fairs/${fairId}/schedule`, await nodeLogin(again, 'admin', NODE_ADMIN_PASSWORD), { mutualWeight: 5 });
    expect(rerun.status).toBe(200);
    const after = await snapshot();
    expect(after.schedule[0].options.mutualWeight).toBe(5);
    expect(after.meetings.length).toBe(after.schedule[0].stats.meetings);
    expect(after.meetings.length).toBe(rerun.json.meetings);
    expect(after.meetings.some((id) => before.meetings.includes(id))).toBe(false); // wholly replaced
    expect(after.audits).toBe(before.audits + 1);
    await killNode(again);
  }, 300_000);
});
