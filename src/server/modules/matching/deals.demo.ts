/**
 * Demo data of the match lifecycle and RFQs, on the battery leader's published demo needs:
 * matches in every stage (a deal, one in 洽谈, two declined, one fresh invitation to `sme`), an
 * RFQ past its deadline with three quotes (the comparison `leader` sees) and an open RFQ that
 * `sme` is invited to, with one sealed quote of another supplier. Runs once (module marker) and
 * skips when the leader already has matches.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { createRfq, submitQuote } from './deals.rfq.js';
import { acceptMatch, declineMatch, inviteSupplier, recordDeal } from './deals.service.js';
import type { DeclineReason } from '../../../contracts/deals.js';

const LEADER = '91320571MA1P3K7W9A';
const SME = '91320506MA1M2G8K8W'; // 苏州锐铭精密机械
const ELECTROLYTE = '91320507MA1T9F5A90'; // 苏州溶川新材料
const BMS = '91320583MA1N7H2C5B'; // 昆山智衡电子
const PCB = '91320583MA1K8W2D72'; // 昆山联拓电路
const HOUSING = '91320509MA1Q4T6E61'; // 苏州盛铝精密制造

/** A member of an enterprise, as the demo acts for it (no user row: audit shows the label). */
function memberOf(uscc: string): Actor {
  return { ...SYSTEM_ACTOR, role: 'member', orgUscc: uscc, label: `演示数据 (${uscc})` };
}

function daysAgo(days: number): string {
  return businessDate(new Date(Date.now() - days * 86_400_000));
}

/** Seed the deals demo. */
export async function seedDealsDemo(db: Db): Promise<void> {
  const leader = await db.selectFrom('enterprises').select('id').where('uscc', '=', LEADER).executeTakeFirst();
  if (!leader) return;
  if (await db.selectFrom('matches').select('id').where('buyer_enterprise_id', '=', leader.id).limit(1).executeTakeFirst()) return;
  const needs = new Map(
    (await db.selectFrom('needs').select(['id', 'title']).where('enterprise_id', '=', leader.id).where('status', '=', 'published').execute()).map((n) => [n.title, n.id]),
  );
  const present = new Set((await db.selectFrom('enterprises').select('uscc').where('uscc', 'in', [SME, ELECTROLYTE, BMS, PCB, HOUSING]).execute()).map((r) => r.uscc));
  const buyer = { actor: memberOf(LEADER) };
  const invite = async (title: string, uscc: string, message: string) => {
    const needId = needs.get(title);
    return needId && present.has(uscc) ? inviteSupplier(db, buyer, needId, { uscc, message }) : undefined;
  };
  const decline = async (id: string | undefined, by: string, reason: DeclineReason, note: string) => {
    if (id) await declineMatch(db, { actor: memberOf(by) }, id, { reason, note });
  };

  // 已签约: the electrolyte need, negotiated and signed.
  const signed = await invite('动力电池电解液年度集中采购', ELECTROLYTE, '贵司电解液水分指标符合要求，请安排技术交流。联系人：采购部 陈经理');
  if (signed) {
    await acceptMatch(db, { actor: memberOf(ELECTROLYTE) }, signed);
    await recordDeal(db, buyer, signed, { amountFen: 48_600_000_00, signedOn: daysAgo(12), note: '年度框架协议，首批600吨' });
  }
  // 洽谈中 and 已婉拒 (buyer: qualifications) on the BMS need.
  const talking = await invite('电池管理系统(BMS)联合开发', BMS, '希望联合申报省级攻关项目，请提供主动均衡方案资料。');
  if (talking) await acceptMatch(db, { actor: memberOf(BMS) }, talking);
  await decline(await invite('电池管理系统(BMS)联合开发', PCB, '请介绍BMS采集板配套经验。'), LEADER, 'qualification', '需具备ISO 26262功能安全流程认证');
  // 已婉拒 (supplier: capacity) and a fresh invitation to `sme` on the structural parts need.
  await decline(await invite('电池模组精密结构件配套', HOUSING, '端板、侧板是否可一并配套？'), HOUSING, 'capacity', '压铸产能已排满至明年二季度');
  await invite('电池模组精密结构件配套', SME, '贵司五轴CNC能力匹配度高，欢迎来园区现场交流。联系人：采购部 陈经理 0512-6288xxxx');

  await seedRfqs(db, needs);
}

/** Up to `limit` other enterprises whose products match a SIMILAR TO alternation: extra suppliers for the RFQs. */
async function makersOf(db: Db, alternation: string, limit: number, exclude: readonly string[] = []): Promise<string[]> {
  const rows = await db
    .selectFrom('enterprises')
    .select('uscc')
    .where('uscc', 'not in', [LEADER, SME, ELECTROLYTE, BMS, PCB, HOUSING, ...exclude])
    .where(sql<boolean>`array_to_string(products, '；') similar to ${`%(${alternation})%`}`)
    .orderBy('uscc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.uscc);
}

async function seedRfqs(db: Db, needs: Map<string, string>): Promise<void> {
  const buyer = { actor: memberOf(LEADER) };
  const separatorNeed = needs.get('湿法涂覆隔膜供应商招募');
  const makers = await makersOf(db, '隔膜|涂覆|电解', 3);
  if (separatorNeed && makers.length > 0) {
    const id = await createRfq(db, buyer, separatorNeed, {
      title: '9μm湿法涂覆隔膜首批询价',
      description: '首批2000万平方米，9μm湿法基膜+2μm陶瓷涂覆，含税含运费到苏州工业园区，请注明热收缩与穿刺强度指标。',
      deadlineAt: new Date(Date.now() + 3_600_000).toISOString(),
      invitedUsccs: makers,
    });
    const quotes = [
      { priceFen: 31_000_000_00, leadTimeDays: 30, moq: '500万㎡', terms: '预付10%，验收后月结60天；质保12个月' },
      { priceFen: 29_400_000_00, leadTimeDays: 45, moq: '1000万㎡', terms: '月结90天；提供第三方检测报告' },
      { priceFen: 33_800_000_00, leadTimeDays: 21, moq: '300万㎡', terms: '月结60天；可驻厂技术支持' },
    ];
    for (const [i, uscc] of makers.entries()) await submitQuote(db, { actor: memberOf(uscc) }, id, quotes[i]);
    // Time passes: the quotes were due two days ago, so `leader` can compare them now.
    await db.updateTable('rfqs').set({ deadline_at: new Date(Date.now() - 2 * 86_400_000), created_at: new Date(Date.now() - 9 * 86_400_000) }).where('id', '=', id).execute();
  }
  const partsNeed = needs.get('电池模组精密结构件配套');
  const hasSme = await db.selectFrom('enterprises').select('uscc').where('uscc', '=', SME).executeTakeFirst();
  const [rival] = await makersOf(db, '结构件|冲压|CNC|精密', 1, makers);
  if (partsNeed && hasSme) {
    const id = await createRfq(db, buyer, partsNeed, {
      title: '储能模组端板、侧板询价',
      description: '端板、侧板各5万件/年，6061-T6，CNC精度±0.02mm，含税到厂价；请附加工工艺说明。',
      deadlineAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      invitedUsccs: rival ? [SME, rival] : [SME],
    });
    // Another supplier's quote, sealed: `sme` never sees it, nor that this supplier was invited.
    if (rival) await submitQuote(db, { actor: memberOf(rival) }, id, { priceFen: 3_650_000_00, leadTimeDays: 35, moq: '1万件', terms: '月结60天' });
  }
}
