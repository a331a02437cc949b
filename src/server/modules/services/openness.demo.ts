/**
 * Demo data of SOE openness: 苏州 (`gov_sz`) publishes, for the demo's local state-owned firm
 * (`DEMO_SOE`, created here), an application-scenario opening and a procurement opening; the `sme`
 * has applied to the scenario (waiting for a decision). Skipped without the demo users.
 */
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { makeUscc } from '../../platform/uscc.js';
import { createEnterprise } from '../enterprises/index.js';
import { applyToOpening, createOpening } from './openness.service.js';

/** Titles the browser test looks for. */
export const DEMO_SCENARIO_TITLE = '园区综合能源站智能运维应用场景开放';
export const DEMO_PROCUREMENT_TITLE = '2026年度配电及储能设备框架采购向中小企业开放';

/**
 * The demo's local state-owned firm (fictional): the generated registry of a small demo set (the
 * browser tests use 600 enterprises) may hold no other large 苏州 firm, so the demo brings its own.
 */
export const DEMO_SOE = {
  uscc: makeUscc({ regionCode: '320571', body8: 'MA1T6E3N' }),
  name: '苏州工业园区综合能源发展集团有限公司',
} as const;

/** Seed the SOE openness demo (see the file comment). */
export async function seedOpennessDemo(db: Db, actors: Map<string, Actor>): Promise<void> {
  const gov = actors.get('gov_sz');
  if (!gov) return;
  const exists = await db.selectFrom('enterprises').select('uscc').where('uscc', '=', DEMO_SOE.uscc).executeTakeFirst();
  if (!exists) {
    await createEnterprise(db, { actor: SYSTEM_ACTOR }, {
      uscc: DEMO_SOE.uscc, name: DEMO_SOE.name, regionCode: '320571', industryCode: 'D4430', employees: 2200, revenue: 860_000, assets: 2_400_000,
      products: ['区域综合供能', '储能电站运营', '配电网运维'], capabilities: '园区热电联产、分布式光伏与储能电站的投资运营，负责园区配电网与综合能源站运维。',
    });
  }
  const firm = { uscc: DEMO_SOE.uscc };
  const asGov = { actor: gov, requestId: 'demo' };
  const applyBy = businessDate(new Date(Date.now() + 45 * 86_400_000));
  const scenario = await createOpening(db, asGov, { enterpriseUscc: firm.uscc, ownership: 'local', kind: 'scenario', title: DEMO_SCENARIO_TITLE, description: '开放两座园区综合能源站的设备巡检、能效优化场景，供中小企业验证智能运维产品，验证通过的优先纳入采购。', budgetYuan: 1_200_000, applyBy });
  await createOpening(db, asGov, { enterpriseUscc: firm.uscc, ownership: 'local', kind: 'procurement', title: DEMO_PROCUREMENT_TITLE, description: '配电柜、储能变流器及运维服务分标段采购，设中小企业预留份额，款项按合同约定60日内支付。', budgetYuan: 8_000_000, applyBy });
  const sme = actors.get('sme');
  if (sme) await applyToOpening(db, { actor: sme, requestId: 'demo' }, scenario, { note: '我司设备联网与预测性维护方案已在三家工厂应用。' }).catch(() => undefined);
}
