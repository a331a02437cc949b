/**
 * Demo investment funds (FC-2): a 苏州 guidance fund run by a demo fund manager, and the chain
 * leader's corporate venture fund, both focused on the 苏州 battery chain, with investments in
 * its SMEs (and one on the robot chain), so the portfolio by chain has bars on two chains and the
 * battery chain's planted 断点 (锂钴镍资源, 回收与梯次利用) show as gaps nobody invested in.
 * `leader` may record more investments in its own fund; `gov_sz` sees both. Runs after the chains
 * and capital demos; idempotent by its `demo:capital-funds` marker (and skips a fund that exists).
 */
import type { CreateFundInvestmentBody } from '../../../contracts/capital.js';
import type { Db } from '../../db/database.js';
import { DEMO_ANCHORS } from '../../demo/generator.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { makeUscc } from '../../platform/uscc.js';
import { createEnterprise } from '../enterprises/index.js';
import { createFund, createInvestment } from './funds.service.js';
import { addDays } from './ledger.rules.js';

/** The demo fund manager (an enterprise of the registry; no log-in of its own). */
export const DEMO_FUND_MANAGER = { uscc: makeUscc({ regionCode: '320505', body8: 'MA1XT9FD' }), name: '苏州携手产业投资基金管理有限公司' };

const WAN = 1_000_000; // fen in 1 万元
const BATTERY_CHAIN = '苏州市新能源汽车动力电池产业链';
const ROBOT_CHAIN = '江苏省工业机器人产业链';

type DemoInvestment = Omit<CreateFundInvestmentBody, 'enterpriseUscc' | 'investedOn'> & { anchor: string; daysAgo: number };
interface DemoFund { name: string; manager: 'demo' | 'leader'; sizeWan: number; chains: string[]; description: string; investments: DemoInvestment[] }

const FUNDS: DemoFund[] = [
  {
    name: '苏州市新能源产业链协同发展基金', manager: 'demo', sizeWan: 50_000, chains: [BATTERY_CHAIN, ROBOT_CHAIN],
    description: '市级产业引导基金子基金，投向动力电池链与工业机器人链上的专精特新中小企业',
    investments: [
      { anchor: 'bmsSme', amountFen: 3000 * WAN, stage: 'b', sharePct: 8.5, daysAgo: 420 },
      { anchor: 'electrolyteSme', amountFen: 1800 * WAN, stage: 'a', sharePct: 12, daysAgo: 260 },
      { anchor: 'servoMicro', amountFen: 600 * WAN, stage: 'angel', sharePct: 15, daysAgo: 150 },
    ],
  },
  {
    name: '澜沣携手创新基金', manager: 'leader', sizeWan: 20_000, chains: [BATTERY_CHAIN],
    description: '链主企业发起的产业投资基金（CVC），投资链上配套中小企业，带动协同创新',
    investments: [
      { anchor: 'precisionPartsSme', amountFen: 2500 * WAN, stage: 'b', sharePct: 10, daysAgo: 300 },
      { anchor: 'batteryHousingSme', amountFen: 1200 * WAN, stage: 'a', sharePct: 9.8, daysAgo: 90 },
    ],
  },
];

/** Seed the funds (see the file comment). */
export async function seedFundsDemo(db: Db): Promise<void> {
  const leader = DEMO_ANCHORS.find((a) => a.key === 'batteryLeader');
  const isLeaderRegistered = leader && (await db.selectFrom('enterprises').select('id').where('uscc', '=', leader.uscc).executeTakeFirst());
  if (!leader || !isLeaderRegistered) return; // no demo registry: nothing to invest in
  const context = { actor: SYSTEM_ACTOR };
  if (!(await db.selectFrom('enterprises').select('id').where('uscc', '=', DEMO_FUND_MANAGER.uscc).executeTakeFirst())) {
    await createEnterprise(db, context, {
      uscc: DEMO_FUND_MANAGER.uscc, name: DEMO_FUND_MANAGER.name, regionCode: '320505', industryCode: 'J6760', employees: 45, revenue: 12_000, assets: 500_000,
      products: ['股权投资', '产业引导基金管理'], capabilities: '受托管理市级产业引导基金子基金，专注新能源与智能制造产业链',
    });
  }
  const chains = await db.selectFrom('chains').select(['id', 'name']).where('name', 'in', [BATTERY_CHAIN, ROBOT_CHAIN]).execute();
  const chainIds = new Map(chains.map((c) => [c.name, c.id]));
  const anchors = new Map(DEMO_ANCHORS.map((a) => [a.key, a.uscc]));
  const today = businessDate();
  for (const demo of FUNDS) {
    if (await db.selectFrom('investment_funds').select('id').where('name', '=', demo.name).executeTakeFirst()) continue;
    const fund = await createFund(db, context, {
      name: demo.name, managerUscc: demo.manager === 'leader' ? leader.uscc : DEMO_FUND_MANAGER.uscc, sizeFen: demo.sizeWan * WAN, regionCode: '320500',
      focusChainIds: demo.chains.flatMap((name) => chainIds.get(name) ?? []), description: demo.description,
    });
    for (const { anchor, daysAgo, ...body } of demo.investments) {
      const uscc = anchors.get(anchor);
      if (!uscc || !(await db.selectFrom('enterprises').select('id').where('uscc', '=', uscc).executeTakeFirst())) continue;
      await createInvestment(db, context, fund.id, { ...body, enterpriseUscc: uscc, investedOn: addDays(today, -daysAgo) });
    }
  }
}
