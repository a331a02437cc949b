/**
 * Demo data of SOE openness: 苏州 (`gov_sz`) publishes, for the first large enterprise of 苏州 other
 * than the battery leader (declared a local SOE for the demo), an application-scenario opening and a
 * procurement opening; the `sme` has applied to the scenario (waiting for a decision). Skipped when
 * the demo set has no such firm or users.
 */
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { applyToOpening, createOpening } from './openness.service.js';

const LEADER = '91320571MA1P3K7W9A'; // 苏州澜沣新能源 (a private leader, not an SOE)
/** Titles the browser test looks for. */
export const DEMO_SCENARIO_TITLE = '园区综合能源站智能运维应用场景开放';
export const DEMO_PROCUREMENT_TITLE = '2026年度配电及储能设备框架采购向中小企业开放';

/** Seed the SOE openness demo (see the file comment). */
export async function seedOpennessDemo(db: Db, actors: Map<string, Actor>): Promise<void> {
  const gov = actors.get('gov_sz');
  const firm = await db.selectFrom('enterprises').select('uscc').where('region_code', 'like', '3205%').where('size', '=', 'large').where('uscc', '<>', LEADER).orderBy('id').executeTakeFirst();
  if (!gov || !firm) return;
  const asGov = { actor: gov, requestId: 'demo' };
  const applyBy = businessDate(new Date(Date.now() + 45 * 86_400_000));
  const scenario = await createOpening(db, asGov, { enterpriseUscc: firm.uscc, ownership: 'local', kind: 'scenario', title: DEMO_SCENARIO_TITLE, description: '开放两座园区综合能源站的设备巡检、能效优化场景，供中小企业验证智能运维产品，验证通过的优先纳入采购。', budgetYuan: 1_200_000, applyBy });
  await createOpening(db, asGov, { enterpriseUscc: firm.uscc, ownership: 'local', kind: 'procurement', title: DEMO_PROCUREMENT_TITLE, description: '配电柜、储能变流器及运维服务分标段采购，设中小企业预留份额，款项按合同约定60日内支付。', budgetYuan: 8_000_000, applyBy });
  const sme = actors.get('sme');
  if (sme) await applyToOpening(db, { actor: sme, requestId: 'demo' }, scenario, { note: '我司设备联网与预测性维护方案已在三家工厂应用。' }).catch(() => undefined);
}
