import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import { makeActor, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { createContract, createDelivery, createPayment } from './ledger.service.js';
import { confirmVoucher, financeVoucher, splitVoucher, transferVoucher } from './vouchers.service.js';

// Properties of ADR 0012 over random operation sequences against the real database: the parts of
// a voucher always sum to its amount; a part has exactly one holder; a part is split, transferred or
// financed at most once and never two of them; every change is in the audit log; concurrent
// operations on one part cannot break any of this (one wins, the others get 409). ADR 0019 adds the
// buyer's payments: each is shared among the current parts, exactly, none beyond its amount, only
// leaves settled, a settled part no longer used; payments racing splits keep all of this.

let db: Db;
let buyer: Actor;
const firms: { uscc: string; actor: Actor }[] = [];
let bankUscc: string;

beforeAll(async () => {
  ({ db } = await createTestDb());
  const b = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试核心企业'), industryCode: 'C3612', employees: 5000, revenue: 900000, assets: 900000 });
  buyer = await makeActor(db, { role: 'member', orgUscc: b.uscc });
  for (let i = 0; i < 3; i++) {
    const e = await makeEnterprise(db, { regionCode: '320506', name: uniqueName(`苏州测试供应商${i}`) });
    firms.push({ uscc: e.uscc, actor: await makeActor(db, { role: 'member', orgUscc: e.uscc }) });
  }
  const bank = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州测试银行'), industryCode: 'J6621', employees: 3000, revenue: 900000, assets: 9000000 });
  await makeActor(db, { role: 'member', orgUscc: bank.uscc, orgKind: 'bank' });
  bankUscc = bank.uscc;
}, 60_000);

const deliveryOf = new Map<string, string>();

async function newVoucher(amountFen: number): Promise<string> {
  const contract = await createContract(db, { actor: buyer }, { buyerUscc: buyer.orgUscc!, supplierUscc: firms[0].uscc, amountFen, termDays: 30, signedOn: '2025-07-01' });
  const delivery = await createDelivery(db, { actor: buyer }, contract.id, { deliveredOn: '2025-07-02', amountFen });
  const id = (await confirmVoucher(db, { actor: buyer }, delivery.delivery.id)).id;
  deliveryOf.set(id, delivery.delivery.id);
  return id;
}

/** The buyer pays `share` ‰ of what is still owed on the voucher's delivery (at least 1 fen). */
async function pay(rootId: string, share: number): Promise<string> {
  const d = await db.selectFrom('payable_deliveries').select(['amount_fen', 'paid_fen']).where('id', '=', deliveryOf.get(rootId)!).executeTakeFirstOrThrow();
  const owed = BigInt(d.amount_fen) - BigInt(d.paid_fen);
  if (owed === 0n) return 'skipped';
  const amount = owed * BigInt(share) / 1000n || 1n;
  try {
    await createPayment(db, { actor: buyer }, deliveryOf.get(rootId)!, { paidOn: '2025-08-01', amountFen: Number(amount) });
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

type Op =
  | { kind: 'split'; pick: number; weights: number[]; isWrongSum: boolean }
  | { kind: 'transfer'; pick: number; to: number }
  | { kind: 'finance'; pick: number }
  | { kind: 'race'; pick: number; a: 'split' | 'transfer' | 'finance'; b: 'split' | 'transfer' | 'finance' }
  | { kind: 'pay'; share: number; raceWith: 'split' | 'transfer' | 'finance' | null; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('split' as const), pick: fc.nat(), weights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 4 }), isWrongSum: fc.boolean().map((b) => b && Math.random() < 0.3) }),
  fc.record({ kind: fc.constant('transfer' as const), pick: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('finance' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('race' as const), pick: fc.nat(), a: fc.constantFrom('split' as const, 'transfer' as const, 'finance' as const), b: fc.constantFrom('split' as const, 'transfer' as const, 'finance' as const) }),
  fc.record({ kind: fc.constant('pay' as const), share: fc.integer({ min: 1, max: 1000 }), raceWith: fc.constantFrom(null, 'split' as const, 'transfer' as const, 'finance' as const), pick: fc.nat() }),
);

interface Node {
  id: string;
  amount: bigint;
  settled: bigint;
  status: string;
  holder: string;
}

async function treeOf(rootId: string): Promise<Node[]> {
  const rows = await db
    .selectFrom('vouchers as v')
    .innerJoin('enterprises as h', 'h.id', 'v.holder_id')
    .select(['v.id', 'v.amount_fen', 'v.settled_fen', 'v.status', 'h.uscc'])
    .where('v.root_id', '=', rootId)
    .orderBy('v.id')
    .execute();
  return rows.map((r) => ({ id: r.id, amount: BigInt(r.amount_fen), settled: BigInt(r.settled_fen), status: r.status, holder: r.uscc }));
}

function partsOf(amount: bigint, weights: number[], isWrongSum: boolean): number[] {
  if (amount < BigInt(weights.length)) return isWrongSum ? [Number(amount), 1] : [];
  const total = BigInt(weights.reduce((s, w) => s + w, 0));
  const parts = weights.map((w) => (amount * BigInt(w)) / total);
  parts[0] += amount - parts.reduce((s, p) => s + p, 0n);
  if (parts.some((p) => p <= 0n)) return [];
  if (isWrongSum) parts[0] += 1n;
  return parts.map(Number);
}

/** Runs one operation as the node's holder; resolves to the outcome code. */
async function run(kind: 'split' | 'transfer' | 'finance', node: Node, op: Op): Promise<string> {
  const holder = firms.find((f) => f.uscc === node.holder)!;
  const context = { actor: holder.actor };
  try {
    if (kind === 'split') {
      const parts = op.kind === 'split' ? partsOf(node.amount, op.weights, op.isWrongSum) : partsOf(node.amount, [1, 1], false);
      if (parts.length < 2) return 'skipped';
      await splitVoucher(db, context, node.id, parts);
    } else if (kind === 'transfer') {
      const others = firms.filter((f) => f.uscc !== node.holder);
      await transferVoucher(db, context, node.id, others[(op.kind === 'transfer' ? op.to : 0) % others.length].uscc);
    } else {
      await financeVoucher(db, context, node.id, bankUscc);
    }
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

async function checkInvariants(rootId: string, rootAmount: bigint): Promise<void> {
  const rows = await db.selectFrom('vouchers').select(['id', 'parent_id', 'amount_fen', 'settled_fen', 'status', 'holder_id', 'origin']).where('root_id', '=', rootId).execute();
  // Settlement: only current parts are settled, none beyond its amount, and together exactly what the buyer paid since confirming.
  const paid = await db.selectFrom('payable_payments').select(sql<string>`coalesce(sum(amount_fen), 0)`.as('s')).where('delivery_id', '=', deliveryOf.get(rootId)!).executeTakeFirstOrThrow();
  let settled = 0n;
  for (const r of rows) {
    const s = BigInt(r.settled_fen);
    expect(s >= 0n && s <= BigInt(r.amount_fen)).toBe(true);
    if (s > 0n) expect(['held', 'financed']).toContain(r.status);
    settled += s;
  }
  expect(settled).toBe(BigInt(paid.s));
  const children = new Map<string, typeof rows>();
  for (const r of rows) if (r.parent_id) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
  let leaves = 0n;
  for (const r of rows) {
    const kids = children.get(r.id) ?? [];
    const sum = kids.reduce((s, k) => s + BigInt(k.amount_fen), 0n);
    if (r.status === 'split') {
      expect(kids.length).toBeGreaterThanOrEqual(2);
      expect(sum).toBe(BigInt(r.amount_fen));
    } else if (r.status === 'transferred') {
      expect(kids.length).toBe(1);
      expect(sum).toBe(BigInt(r.amount_fen));
      expect(kids[0].holder_id).not.toBe(r.holder_id);
    } else {
      expect(kids).toEqual([]);
      leaves += BigInt(r.amount_fen);
    }
  }
  expect(leaves).toBe(rootAmount);
  // Every change is in the audit log: one confirm, one create per part, one state change per used part, nothing else.
  const audit = await db.selectFrom('audit_log').select(['entity_key', 'action']).where('entity_type', '=', 'voucher').where('entity_key', 'in', rows.map((r) => r.id)).execute();
  for (const r of rows) {
    const actions = audit.filter((a) => a.entity_key === r.id).map((a) => a.action).sort();
    const created = r.parent_id ? ['voucher.create'] : ['voucher.confirm'];
    const used = { held: [], split: ['voucher.split'], transferred: ['voucher.transfer'], financed: ['voucher.finance'] }[r.status as 'held'] ?? ['?'];
    const settlements = await db.selectFrom('voucher_settlements').select('id').where('voucher_id', '=', r.id).execute();
    expect(actions).toEqual([...created, ...used, ...settlements.map(() => 'voucher.settle')].sort());
  }
}

describe('voucher invariants over random operation sequences', () => {
  it('hold after every sequence, including concurrent operations on one part', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 1_000_000_000 }), fc.array(opArb, { minLength: 1, maxLength: 7 }), async (amount, ops) => {
        const rootId = await newVoucher(amount);
        for (const op of ops) {
          const tree = await treeOf(rootId);
          const node = tree[op.pick % tree.length];
          if (op.kind === 'pay') {
            // A payment alone, or racing an operation on one part: the payment always succeeds; the part's change
            // succeeds only if it was untouched (held, nothing settled) and it ran first.
            const outcomes = await Promise.all([pay(rootId, op.share), op.raceWith ? run(op.raceWith, node, op) : Promise.resolve('skipped')]);
            expect(['ok', 'skipped']).toContain(outcomes[0]);
            if (node.status !== 'held' || node.settled > 0n) expect(['invalid_state', 'skipped']).toContain(outcomes[1]);
            else expect(['ok', 'skipped', 'invalid_state']).toContain(outcomes[1]);
          } else if (op.kind === 'race') {
            const outcomes = await Promise.all([run(op.a, node, op), run(op.b, node, op)]);
            const wins = outcomes.filter((o) => o === 'ok').length;
            if (node.status === 'held' && node.settled === 0n) {
              expect(wins).toBeLessThanOrEqual(1);
              expect(outcomes.filter((o) => o !== 'ok' && o !== 'skipped').every((o) => o === 'invalid_state')).toBe(true);
            } else {
              expect(outcomes.every((o) => o === 'invalid_state' || o === 'skipped')).toBe(true);
            }
          } else {
            const outcome = await run(op.kind, node, op);
            if (node.status !== 'held' || node.settled > 0n) expect(['invalid_state', 'skipped']).toContain(outcome);
            else if (op.kind === 'split' && op.isWrongSum) expect(['validation_failed', 'skipped']).toContain(outcome);
            else expect(['ok', 'skipped']).toContain(outcome);
          }
          await checkInvariants(rootId, BigInt(amount));
        }
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});

describe('the database refuses what the service would never do', () => {
  it('a used part cannot change again, identities are frozen, rows are never deleted', async () => {
    const rootId = await newVoucher(1000);
    await splitVoucher(db, { actor: firms[0].actor }, rootId, [600, 400]);
    await expect(sql`UPDATE vouchers SET status = 'financed', bank_id = holder_id WHERE id = ${rootId}`.execute(db)).rejects.toThrow(/cannot become|already/);
    const [part] = await treeOf(rootId).then((t) => t.filter((n) => n.id !== rootId));
    await expect(sql`UPDATE vouchers SET amount_fen = amount_fen + 1 WHERE id = ${part.id}`.execute(db)).rejects.toThrow(/only change its status/);
    await expect(sql`DELETE FROM vouchers WHERE id = ${part.id}`.execute(db)).rejects.toThrow(/never deleted/);
  });

  it('parts that do not sum to the amount are refused at commit', async () => {
    const rootId = await newVoucher(1000);
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`UPDATE vouchers SET status = 'split' WHERE id = ${rootId}`.execute(tx);
        const root = await tx.selectFrom('vouchers').selectAll().where('id', '=', rootId).executeTakeFirstOrThrow();
        await tx.insertInto('vouchers').values([600, 399].map((a) => ({ parent_id: rootId, obligor_id: root.obligor_id, holder_id: root.holder_id, region_code: root.region_code, amount_fen: a, due_on: sql`(SELECT due_on FROM vouchers WHERE id = ${rootId})` as unknown as string, origin: 'split' }))).execute();
      }),
    ).rejects.toThrow(/do not make up/);
    expect((await treeOf(rootId)).map((n) => n.status)).toEqual(['held']);
  });

  it('a transfer child must carry the whole amount', async () => {
    const rootId = await newVoucher(1000);
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`UPDATE vouchers SET status = 'transferred' WHERE id = ${rootId}`.execute(tx);
        const root = await tx.selectFrom('vouchers').selectAll().where('id', '=', rootId).executeTakeFirstOrThrow();
        await tx.insertInto('vouchers').values({ parent_id: rootId, obligor_id: root.obligor_id, holder_id: root.holder_id, region_code: root.region_code, amount_fen: 999, due_on: sql`(SELECT due_on FROM vouchers WHERE id = ${rootId})` as unknown as string, origin: 'transfer' }).execute();
      }),
    ).rejects.toThrow(/does not fit/);
  });
});

describe('settlement by payments (ADR 0019)', () => {
  it('a payment settles the current parts pro rata, a financed part’s share goes to its bank, and a settled part can no longer be used', async () => {
    const rootId = await newVoucher(1000);
    const { parts } = await splitVoucher(db, { actor: firms[0].actor }, rootId, [700, 300]);
    await financeVoucher(db, { actor: firms[0].actor }, parts[1].id, bankUscc);
    await createPayment(db, { actor: buyer }, deliveryOf.get(rootId)!, { paidOn: '2025-08-01', amountFen: 101 });
    const tree = await treeOf(rootId);
    expect(tree.map((n) => [n.status, Number(n.settled)])).toEqual([['split', 0], ['held', 71], ['financed', 30]]);
    // This tree's settlements only: the property runs above leave settlements of their own.
    const payees = await db.selectFrom('voucher_settlements as s').innerJoin('enterprises as e', 'e.id', 's.payee_id').select(['s.voucher_id', 'e.uscc']).where('s.voucher_id', 'in', tree.map((n) => n.id)).orderBy('s.voucher_id').execute();
    expect(payees.map((p) => p.uscc)).toEqual([firms[0].uscc, bankUscc]);
    await expect(splitVoucher(db, { actor: firms[0].actor }, parts[0].id, [1, 699])).rejects.toMatchObject({ code: 'invalid_state' });
    await checkInvariants(rootId, 1000n);
  });

  it('the database refuses settled amounts without settlement rows, falling ones, and settling a used node', async () => {
    const rootId = await newVoucher(1000);
    await expect(sql`UPDATE vouchers SET settled_fen = 10 WHERE id = ${rootId}`.execute(db)).rejects.toThrow(/settlements sum/);
    await splitVoucher(db, { actor: firms[0].actor }, rootId, [500, 500]);
    await expect(sql`UPDATE vouchers SET settled_fen = 10 WHERE id = ${rootId}`.execute(db)).rejects.toThrow(/only a held or financed part/);
    await createPayment(db, { actor: buyer }, deliveryOf.get(rootId)!, { paidOn: '2025-08-01', amountFen: 100 });
    const [, a] = await treeOf(rootId);
    await expect(sql`UPDATE vouchers SET settled_fen = 0 WHERE id = ${a.id}`.execute(db)).rejects.toThrow(/cannot fall/);
    await expect(sql`DELETE FROM voucher_settlements WHERE voucher_id = ${a.id}`.execute(db)).rejects.toThrow(/never changed or deleted/);
  });
});
