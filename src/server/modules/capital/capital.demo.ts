/**
 * Demo data of the capital chain, relative to today so that lateness is always current:
 * `leader` (苏州澜沣新能源) buys from four SMEs including `sme` (苏州锐铭精密); some deliveries are
 * paid on time, some late, some still overdue with interest; two contracts carry flagged terms.
 * `leader` confirms one payable to `sme` as a voucher, which `sme` splits, passes one part to its own
 * supplier and keeps the other. `sme` has complained about two late payments, handled by `gov_sz`.
 * A demo bank (`bank` log-in) has offered to finance the part `sme` kept. Three more large 苏州 buyers
 * ({@link DEMO_RANKED_BUYERS}) give the payment-practice ranking an exemplary, a habitually late and a middling payer.
 */
import type { Db } from '../../db/database.js';
import { DEMO_ANCHORS } from '../../demo/generator.js';
import type { Actor } from '../../platform/actor.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { makeUscc } from '../../platform/uscc.js';
import { createUser } from '../accounts/index.js';
import { createEnterprise } from '../enterprises/index.js';
import { acceptDelivery, createContract, createDelivery, createPayment } from './ledger.service.js';
import { addDays } from './ledger.rules.js';
import { actOnComplaint, createComplaint } from './complaints.service.js';
import { createFinancingOffer, createFinancingRequest } from './financing.service.js';
import { confirmVoucher, splitVoucher, transferVoucher } from './vouchers.service.js';

/** The demo bank: a registered enterprise whose organisation is of kind `bank`. */
export const DEMO_BANK = { uscc: makeUscc({ regionCode: '320505', body8: 'MA1B4N6K' }), name: '苏州澄湖农村商业银行股份有限公司', username: 'bank' };
const DEMO_PASSWORD = 'xieshou123';

const anchor = (key: string): string | undefined => DEMO_ANCHORS.find((a) => a.key === key)?.uscc;

async function actorOfUsername(db: Db, username: string): Promise<Actor | undefined> {
  const r = await db
    .selectFrom('users as u')
    .leftJoin('organisations as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.display_name', 'u.role', 'u.region_code', 'u.org_id', 'o.uscc'])
    .where('u.username', '=', username)
    .executeTakeFirst();
  if (!r) return undefined;
  return { userId: r.id, username, label: r.display_name ? `${r.display_name} (${username})` : username, role: r.role as Actor['role'], regionCode: r.region_code, orgId: r.org_id, orgUscc: r.uscc };
}

interface DemoDelivery {
  deliveredAgo: number;
  yuan: number;
  acceptedAgo?: number;
  payments?: { ago: number; yuan: number }[];
}

interface DemoContract {
  supplier: string | undefined;
  title: string;
  signedAgo: number;
  yuan: number;
  termDays: number;
  acceptanceDays?: number;
  lateInterestBp?: number;
  clauses?: string[];
  deliveries: DemoDelivery[];
}

/** Record a contract with its deliveries, acceptances and payments; the ids of its deliveries (none without a supplier). */
async function recordContract(db: Db, actor: Actor, buyerUscc: string, c: DemoContract, ago: (days: number) => string): Promise<string[]> {
  if (!c.supplier) return [];
  const created = await createContract(db, { actor }, {
    buyerUscc, supplierUscc: c.supplier, amountFen: c.yuan * 100, termDays: c.termDays, signedOn: ago(c.signedAgo), title: c.title,
    acceptanceDays: c.acceptanceDays, lateInterestBp: c.lateInterestBp, clauses: c.clauses,
  });
  const ids: string[] = [];
  for (const d of c.deliveries) {
    const id = (await createDelivery(db, { actor }, created.id, { deliveredOn: ago(d.deliveredAgo), amountFen: d.yuan * 100 })).delivery.id;
    if (d.acceptedAgo !== undefined) await acceptDelivery(db, { actor }, id, ago(d.acceptedAgo));
    for (const p of d.payments ?? []) await createPayment(db, { actor }, id, { paidOn: ago(p.ago), amountFen: p.yuan * 100 });
    ids.push(id);
  }
  return ids;
}

/**
 * Three more large buyers in 苏州 (fictional), so that the ranking compares conduct: one pays every
 * delivery within 25 days, one pays about 40 days late and leaves its later deliveries overdue (sme
 * has filed a complaint, not yet accepted), one pays mostly on time with one delivery 10 days late.
 */
export const DEMO_RANKED_BUYERS = [
  { key: 'exemplary', uscc: makeUscc({ regionCode: '320505', body8: 'MA1HY3PG' }), name: '苏州恒岳精工装备股份有限公司', regionCode: '320505', industryCode: 'C3421' },
  { key: 'late', uscc: makeUscc({ regionCode: '320506', body8: 'MA1HJ8DQ' }), name: '苏州泓嘉智能电器集团有限公司', regionCode: '320506', industryCode: 'C3821' },
  { key: 'middling', uscc: makeUscc({ regionCode: '320583', body8: 'MA1KH5CT' }), name: '昆山瀚澄汽车零部件有限公司', regionCode: '320583', industryCode: 'C3670' },
] as const;

/** Deliveries every 30 days from 170 days ago, each paid `payAfter(i)` days after delivery (undefined: unpaid). */
function monthlyDeliveries(yuan: number, payAfter: (i: number) => number | undefined): DemoDelivery[] {
  return [170, 140, 110, 80, 50].map((deliveredAgo, i) => {
    const after = payAfter(i);
    return { deliveredAgo, yuan, acceptedAgo: deliveredAgo - 3, payments: after === undefined || deliveredAgo - after < 0 ? [] : [{ ago: deliveredAgo - after, yuan }] };
  });
}

async function seedRankedBuyers(db: Db, sme: Actor & { orgUscc: string }, ago: (days: number) => string): Promise<void> {
  for (const b of DEMO_RANKED_BUYERS) {
    const exists = await db.selectFrom('enterprises').select('id').where('uscc', '=', b.uscc).executeTakeFirst();
    if (exists) return; // seeded before
    await createEnterprise(db, { actor: SYSTEM_ACTOR }, { uscc: b.uscc, name: b.name, regionCode: b.regionCode, industryCode: b.industryCode, employees: 3200, revenue: 2_400_000, assets: 3_100_000 });
  }
  const [exemplary, late, middling] = DEMO_RANKED_BUYERS;
  const plan: [string, DemoContract][] = [
    [exemplary.uscc, { supplier: anchor('servoMicro'), title: '伺服电机年度采购合同', signedAgo: 180, yuan: 2_000_000, termDays: 30, deliveries: monthlyDeliveries(300_000, () => 20) }],
    [exemplary.uscc, { supplier: anchor('bmsSme'), title: '控制板卡采购合同', signedAgo: 175, yuan: 1_000_000, termDays: 30, deliveries: monthlyDeliveries(150_000, (i) => 15 + i) }],
    [late.uscc, { supplier: sme.orgUscc, title: '精密结构件采购合同', signedAgo: 180, yuan: 2_500_000, termDays: 60, deliveries: monthlyDeliveries(400_000, (i) => (i < 3 ? 105 : undefined)) }],
    [late.uscc, { supplier: anchor('electrolyteSme'), title: '绝缘材料供货合同', signedAgo: 175, yuan: 900_000, termDays: 60, deliveries: monthlyDeliveries(120_000, (i) => (i < 4 ? 100 - i * 5 : undefined)) }],
    [middling.uscc, { supplier: anchor('batteryHousingSme'), title: '汽车零部件壳体委托加工合同', signedAgo: 180, yuan: 1_600_000, termDays: 45, deliveries: monthlyDeliveries(250_000, (i) => (i === 1 ? 58 : 40)) }],
  ];
  let complainedOf: string | undefined;
  for (const [buyerUscc, c] of plan) {
    const ids = await recordContract(db, SYSTEM_ACTOR, buyerUscc, c, ago);
    if (c.supplier === sme.orgUscc) complainedOf = ids[3];
  }
  if (complainedOf) {
    await createComplaint(db, { actor: sme }, { deliveryId: complainedOf, description: '第四批结构件已逾期未付，前三批均超过法定期限约40日才支付', evidence: ['验收单', '对账确认函'] });
  }
}

/** Seed the demo ledger, vouchers and the demo bank (see the file comment). */
export async function seedCapitalDemo(db: Db): Promise<void> {
  const leader = await actorOfUsername(db, 'leader');
  const sme = await actorOfUsername(db, 'sme');
  if (!leader?.orgUscc || !sme?.orgUscc) return; // no demo users: nothing to show them

  const exists = await db.selectFrom('enterprises').select('id').where('uscc', '=', DEMO_BANK.uscc).executeTakeFirst();
  if (!exists) {
    await createEnterprise(db, { actor: SYSTEM_ACTOR }, {
      uscc: DEMO_BANK.uscc, name: DEMO_BANK.name, regionCode: '320505', industryCode: 'J6621', employees: 2600, revenue: 1_200_000, assets: 60_000_000,
      products: ['供应链金融', '应收账款融资', '订单融资'], capabilities: '面向产业链中小企业的应收账款质押、保理与订单融资服务',
    });
  }
  const hasBankUser = await db.selectFrom('users').select('id').where('username', '=', DEMO_BANK.username).executeTakeFirst();
  if (!hasBankUser) {
    await createUser(db, SYSTEM_ACTOR, { username: DEMO_BANK.username, password: DEMO_PASSWORD, role: 'member', displayName: `${DEMO_BANK.name} 普惠金融部`, orgUscc: DEMO_BANK.uscc, orgKind: 'bank' });
  }

  const today = businessDate();
  const ago = (days: number) => addDays(today, -days);
  const contracts: DemoContract[] = [
    {
      supplier: sme.orgUscc, title: '电池模组精密结构件年度采购合同', signedAgo: 200, yuan: 3_600_000, termDays: 60, acceptanceDays: 10,
      deliveries: [
        { deliveredAgo: 180, yuan: 1_200_000, acceptedAgo: 175, payments: [{ ago: 100, yuan: 1_200_000 }] },
        { deliveredAgo: 120, yuan: 800_000, acceptedAgo: 112, payments: [{ ago: 40, yuan: 300_000 }] },
        { deliveredAgo: 60, yuan: 900_000, acceptedAgo: 55 },
      ],
    },
    {
      supplier: anchor('bmsSme'), title: 'BMS控制板采购框架合同', signedAgo: 150, yuan: 1_500_000, termDays: 90,
      clauses: ['甲方在收到整车厂客户回款后向乙方支付相应货款'],
      deliveries: [{ deliveredAgo: 140, yuan: 450_000 }],
    },
    {
      supplier: anchor('batteryHousingSme'), title: '电池箱体委托加工合同', signedAgo: 100, yuan: 1_800_000, termDays: 30,
      deliveries: [{ deliveredAgo: 90, yuan: 600_000, payments: [{ ago: 65, yuan: 600_000 }] }, { deliveredAgo: 20, yuan: 600_000 }],
    },
    {
      supplier: anchor('electrolyteSme'), title: '电解液添加剂供货合同', signedAgo: 80, yuan: 500_000, termDays: 45, lateInterestBp: 200,
      clauses: ['以甲方内部审计结果作为结算依据'],
      deliveries: [{ deliveredAgo: 70, yuan: 300_000 }],
    },
  ];

  let voucherDelivery: string | undefined;
  const smeDeliveries = new Map<number, string>();
  for (const c of contracts) {
    const ids = await recordContract(db, leader, leader.orgUscc, c, ago);
    c.deliveries.forEach((d, i) => {
      if (c.supplier === sme.orgUscc) smeDeliveries.set(d.deliveredAgo, ids[i]);
      if (c.supplier === sme.orgUscc && d.deliveredAgo === 60) voucherDelivery = ids[i];
    });
  }

  // sme complains about a delivery paid 15 days late (resolved by gov_sz) and one still overdue (accepted, leader responded).
  const govSz = await actorOfUsername(db, 'gov_sz');
  const paidLate = smeDeliveries.get(180);
  const overdue = smeDeliveries.get(120);
  if (govSz && paidLate && overdue) {
    const first = await createComplaint(db, { actor: sme }, { deliveryId: paidLate, description: '第一批结构件货款超过法定期限15日才支付，且未支付逾期利息', evidence: ['送货单及验收单', '银行回单'] });
    await actOnComplaint(db, { actor: govSz }, first.id, 'accept', undefined);
    await actOnComplaint(db, { actor: leader }, first.id, 'respond', '因内部付款流程延误，已支付本金，逾期利息将于本月支付');
    await actOnComplaint(db, { actor: govSz }, first.id, 'resolve', '经核实逾期属实；买方已支付逾期利息，纳入其付款行为记录');
    const second = await createComplaint(db, { actor: sme }, { deliveryId: overdue, description: '第二批货款仅支付30万元，剩余50万元已逾期未付', evidence: ['验收单', '对账确认函', '催款函'] });
    await actOnComplaint(db, { actor: govSz }, second.id, 'accept', undefined);
    await actOnComplaint(db, { actor: leader }, second.id, 'respond', '剩余货款已列入下月付款计划');
  }

  await seedRankedBuyers(db, { ...sme, orgUscc: sme.orgUscc }, ago);

  // leader confirms the newest delivery to sme; sme splits it and passes one part to its own supplier.
  const upstream = anchor('servoMicro');
  if (voucherDelivery && upstream) {
    const voucher = await confirmVoucher(db, { actor: leader }, voucherDelivery);
    const { parts } = await splitVoucher(db, { actor: sme }, voucher.id, [600_000_00, 300_000_00]);
    await transferVoucher(db, { actor: sme }, parts[1].id, upstream);
    // sme asks all banks to finance the part it kept; the demo bank has offered.
    const bank = await actorOfUsername(db, DEMO_BANK.username);
    const request = await createFinancingRequest(db, { actor: sme }, { kind: 'receivable', voucherId: parts[0].id, amountFen: 600_000_00, termDays: 90, description: '以澜沣新能源确权凭证申请保理融资' });
    if (bank) await createFinancingOffer(db, { actor: bank }, request.id, { rateBp: 385, amountFen: 580_000_00, termDays: 90 });
  }
}
