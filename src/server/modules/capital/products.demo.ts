/**
 * Demo bank product catalogue: the demo bank (`bank`) and two more banks (`bank_cj`, `bank_csj`)
 * publish six products of different kinds, regions and rules, so the demo SME sees some it is
 * eligible for and some it is not (with the reasons); `sme` has applied from one it qualifies for.
 * Runs after the capital demo (it needs the demo bank); idempotent by its `demo:capital-products` marker.
 */
import type { CreateBankProductBody } from '../../../contracts/capital.js';
import type { Db } from '../../db/database.js';
import { demoActors } from '../../demo/actors.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { makeUscc } from '../../platform/uscc.js';
import { createUser } from '../accounts/index.js';
import { createEnterprise } from '../enterprises/index.js';
import { DEMO_BANK } from './capital.demo.js';
import { applyForBankProduct, createBankProduct, getBankProduct } from './products.service.js';

const DEMO_PASSWORD = 'xieshou123';
/** The two further demo banks (organisations of kind bank, with a log-in each). */
export const DEMO_BANKS_MORE = [
  { uscc: makeUscc({ regionCode: '320505', body8: 'MA1CJ7KX' }), name: '长江科创银行股份有限公司苏州分行', username: 'bank_cj', regionCode: '320505' },
  { uscc: makeUscc({ regionCode: '310115', body8: 'MA1CHJ8P' }), name: '长三角普惠银行股份有限公司', username: 'bank_csj', regionCode: '310115' },
] as const;

const WAN = 1_000_000; // fen in 1 万元

const PRODUCTS: Record<string, CreateBankProductBody[]> = {
  bank: [
    {
      name: '链e融·应收账款融资', kind: 'receivable', minAmountFen: 10 * WAN, maxAmountFen: 1000 * WAN, minRateBp: 350, maxRateBp: 480, minTermDays: 30, maxTermDays: 180, regionCodes: ['320500'],
      rules: { minReceivablesFen: 10 * WAN, isNoOpenComplaints: true }, description: '以链主企业确权的应收账款凭证为基础，线上放款，随借随还',
    },
    {
      name: '订单e贷', kind: 'order', minAmountFen: 5 * WAN, maxAmountFen: 500 * WAN, minRateBp: 380, maxRateBp: 520, minTermDays: 30, maxTermDays: 270, regionCodes: ['320500'],
      rules: { sizes: ['medium', 'small', 'micro'], minCreditScore: 40 }, description: '凭与大企业签订的采购订单融资，用于备料生产',
    },
  ],
  bank_cj: [
    {
      name: '专精特新贷', kind: 'credit_loan', minAmountFen: 50 * WAN, maxAmountFen: 3000 * WAN, minRateBp: 320, maxRateBp: 420, minTermDays: 90, maxTermDays: 1080, regionCodes: ['320000'],
      rules: { tierAtLeast: 'specialized', minYears: 3, minCreditScore: 60 }, description: '面向省级及以上专精特新中小企业的纯信用贷款',
    },
    {
      name: '仓单质押贷', kind: 'warehouse_receipt', minAmountFen: 100 * WAN, maxAmountFen: 5000 * WAN, minRateBp: 400, maxRateBp: 550, minTermDays: 30, maxTermDays: 365, regionCodes: ['320000'],
      rules: { minYears: 2 }, description: '以标准仓单或监管仓单质押，质押率最高70%',
    },
  ],
  bank_csj: [
    {
      name: '税易贷', kind: 'tax_loan', minAmountFen: 1 * WAN, maxAmountFen: 300 * WAN, minRateBp: 420, maxRateBp: 600, minTermDays: 90, maxTermDays: 365, regionCodes: ['310000', '320500', '330100'],
      rules: { sizes: ['small', 'micro'], minYears: 2, isNoOpenComplaints: true }, description: '依据纳税信用等级授信，小微企业专享',
    },
    {
      name: '小巨人科创贷', kind: 'credit_loan', minAmountFen: 500 * WAN, maxAmountFen: 10_000 * WAN, minRateBp: 300, maxRateBp: 380, minTermDays: 180, maxTermDays: 1095, regionCodes: ['000000'],
      rules: { tierAtLeast: 'little_giant', minCreditScore: 70 }, description: '国家级专精特新“小巨人”企业研发与扩产融资',
    },
  ],
};

/** Seed the catalogue (see the file comment). */
export async function seedProductsDemo(db: Db): Promise<void> {
  for (const bank of DEMO_BANKS_MORE) {
    const exists = await db.selectFrom('enterprises').select('id').where('uscc', '=', bank.uscc).executeTakeFirst();
    if (!exists) {
      await createEnterprise(db, { actor: SYSTEM_ACTOR }, {
        uscc: bank.uscc, name: bank.name, regionCode: bank.regionCode, industryCode: 'J6621', employees: 1800, revenue: 900_000, assets: 40_000_000, products: ['科技金融', '普惠贷款'],
        capabilities: '面向科技型中小企业的信用贷款、仓单质押与税银互动产品',
      });
    }
    if (!(await db.selectFrom('users').select('id').where('username', '=', bank.username).executeTakeFirst())) {
      await createUser(db, SYSTEM_ACTOR, { username: bank.username, password: DEMO_PASSWORD, role: 'member', displayName: `${bank.name} 普惠金融部`, orgUscc: bank.uscc, orgKind: 'bank' });
    }
  }
  const actors = await demoActors(db, [DEMO_BANK.username, ...DEMO_BANKS_MORE.map((b) => b.username), 'sme']);
  const ids: string[] = [];
  for (const [username, products] of Object.entries(PRODUCTS)) {
    const actor = actors.get(username);
    if (!actor) continue;
    for (const body of products) ids.push((await createBankProduct(db, { actor }, body)).id);
  }
  // sme applies from the first product of the catalogue it qualifies for (not a receivable one: its held part is already offered on).
  const sme = actors.get('sme');
  if (!sme) return;
  for (const id of ids) {
    const p = await getBankProduct(db, sme, id).catch(() => undefined);
    if (!p?.eligibility?.isEligible || p.kind === 'receivable') continue;
    await applyForBankProduct(db, { actor: sme }, id, { amountFen: Math.max(p.minAmountFen, 80 * WAN), termDays: Math.max(p.minTermDays, 180), description: '新能源汽车电池结构件订单备料' });
    break;
  }
}
