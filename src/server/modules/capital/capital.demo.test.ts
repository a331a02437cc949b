import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { seedDemo } from '../../demo/seed.js';
import type { Actor } from '../../platform/actor.js';
import { DEMO_BANK, DEMO_RANKED_BUYERS, seedCapitalDemo } from './capital.demo.js';
import { rankBuyers } from './practice.service.js';
import { addDays } from './ledger.rules.js';
import { businessDate } from '../../platform/dates.js';
import { listLedger } from './ledger.service.js';
import { seedProductsDemo } from './products.demo.js';
import { seedChainsDemo } from '../chains/chains.demo.js';
import { seedFundsDemo } from './funds.demo.js';
import { selectPortfolioByChain } from './funds.repo.js';
import { listFunds } from './funds.service.js';
import { listBankProducts } from './products.service.js';

let db: Db;
const SME = '91320506MA1M2G8K8W';
const LEADER = '91320571MA1P3K7W9A';
const member = (uscc: string): Actor => ({ userId: '0', username: 'x', label: 'x', role: 'member', regionCode: null, orgId: null, orgUscc: uscc });

beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: 50 });
  await seedCapitalDemo(db);
  await seedProductsDemo(db);
  await seedChainsDemo(db);
  await seedFundsDemo(db);
  await seedFundsDemo(db); // idempotent: a second run adds nothing
}, 300_000);

describe(seedCapitalDemo.name, () => {
  it('gives leader late and on-time payables, sme its receivables and a split, partly transferred voucher, and a bank log-in', async () => {
    const ledger = await listLedger(db, member(LEADER), { limit: 100, side: 'buyer' });
    expect(ledger.items.length).toBeGreaterThanOrEqual(7);
    const late = ledger.items.filter((i) => i.lateness.isOverdue);
    expect(late.length).toBeGreaterThanOrEqual(3);
    expect(late.every((i) => i.lateness.interestFen > 0n)).toBe(true);
    expect(ledger.items.some((i) => i.lateness.owedFen === 0n && i.lateness.daysLate === 0)).toBe(true);
    const smeRows = await listLedger(db, member(SME), { limit: 100 });
    expect(new Set(smeRows.items.map((i) => i.delivery.contract.supplierUscc))).toEqual(new Set([SME]));
    const vouchers = await db.selectFrom('vouchers').select(['status', 'origin']).execute();
    expect(vouchers.map((v) => v.status).sort()).toEqual(['held', 'held', 'split', 'transferred']);
    const complaints = await db.selectFrom('payment_complaints').select('status').orderBy('id').execute();
    expect(complaints.map((c) => c.status)).toEqual(['resolved', 'accepted', 'submitted']);
    const offers = await db.selectFrom('financing_offers').select('rate_bp').execute();
    expect(offers).toEqual([{ rate_bp: 385 }]);
    const bank = await db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.org_id').select(['o.kind', 'o.uscc']).where('u.username', '=', 'bank').executeTakeFirstOrThrow();
    expect(bank).toEqual({ kind: 'bank', uscc: DEMO_BANK.uscc });
  });

  it('ranks an exemplary, a habitually late (with a dispute) and a middling 苏州 buyer besides leader', async () => {
    const d = addDays(businessDate(), -100);
    const half = `${d.slice(0, 4)}${Number(d.slice(5, 7)) <= 6 ? 'H1' : 'H2'}`;
    const gov: Actor = { userId: '0', username: 'gov_sz', label: 'gov_sz', role: 'gov', regionCode: '320500', orgId: null, orgUscc: null };
    const ranking = await rankBuyers(db, gov, half, undefined);
    const of = (uscc: string) => ranking.find((r) => r.buyer.uscc === uscc);
    const [exemplary, late, middling] = DEMO_RANKED_BUYERS.map((b) => of(b.uscc));
    expect(ranking.length).toBeGreaterThanOrEqual(4);
    expect(exemplary?.shareLate).toBe(0);
    expect(late?.shareLate).toBeGreaterThan(0.5);
    expect(late?.complaints).toBe(1);
    expect(middling).toBeDefined();
  });

  it('publishes six products of three banks; the SME sees the ones serving Suzhou, eligible for some and not for others, and has applied from one', async () => {
    const products = await db.selectFrom('bank_products').select(['bank_id']).execute();
    expect(products).toHaveLength(6);
    expect(new Set(products.map((p) => p.bank_id)).size).toBe(3);
    const smeUser = await db.selectFrom('users').select('id').where('username', '=', 'sme').executeTakeFirstOrThrow();
    const page = await listBankProducts(db, { ...member(SME), userId: smeUser.id }, { limit: 50 });
    expect(page.items).toHaveLength(6);
    const verdicts = new Set(page.items.map((p) => p.eligibility?.isEligible));
    expect(verdicts).toEqual(new Set([true, false]));
    const applied = await db.selectFrom('financing_requests').select(['product_id', 'kind']).where('product_id', 'is not', null).execute();
    expect(applied).toHaveLength(1);
  });

  it('registers two funds focused on the 苏州 battery chain with investments there and on the robot chain; gov_sz sees both, leader may invest in its own', async () => {
    const gov: Actor = { userId: '0', username: 'gov_sz', label: 'gov_sz', role: 'gov', regionCode: '320500', orgId: null, orgUscc: null };
    const funds = await listFunds(db, gov, { limit: 10 });
    expect(funds.items).toHaveLength(2);
    expect(funds.items.map((f) => f.investmentCount).sort()).toEqual([2, 3]);
    expect(funds.items.every((f) => f.investedFen > 0 && f.investedFen <= f.sizeFen && !f.canInvest)).toBe(true);
    const own = await listFunds(db, member(LEADER), { limit: 10 });
    expect(own.items.map((f) => [f.name, f.canInvest])).toEqual([['澜沣携手创新基金', true]]);
    const byChain = await selectPortfolioByChain(db, { kind: 'region', prefix: '3205' });
    expect(byChain.map((c) => c.chainName)).toEqual(expect.arrayContaining(['苏州市新能源汽车动力电池产业链', '江苏省工业机器人产业链']));
  });
});
