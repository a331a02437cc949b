/**
 * Demo needs and offers: the battery leader's needs in every workflow state (one submitted,
 * waiting for 苏州's review), offers of the demo SMEs and of generated enterprises that make
 * battery, chip and machinery products, so that `leader` sees candidates, `sme` a feed and
 * `gov_sz` a review queue. Idempotent (skips when the leader already has needs); a few hundred
 * rows, well under a second.
 */
import { sql } from 'kysely';
import type { CreateNeedBody, CreateOfferBody } from '../../../contracts/matching.js';
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { MatchingIndex } from './matching.index.js';
import { createNeed, createOffer, transitionNeed, type MatchingDeps, type NeedVerb } from './matching.service.js';

const LEADER = '91320571MA1P3K7W9A';

/** A date `days` after today (business date). */
function inDays(days: number): string {
  return businessDate(new Date(Date.now() + days * 86_400_000));
}

const NEEDS: { body: Omit<CreateNeedBody, 'uscc'>; steps: NeedVerb[]; comment?: string }[] = [
  {
    body: {
      title: '动力电池电解液年度集中采购', kind: 'procurement', products: ['锂电池电解液', '六氟磷酸锂'], industryCode: 'C2669', regionCode: '320000',
      description: '用于磷酸铁锂动力电芯，年需求约3000吨，要求水分≤20ppm、游离酸≤50ppm，供应商需具备IATF 16949认证及稳定的六氟磷酸锂来源，长三角地区优先。',
      quantity: '3000吨/年', budgetMinWan: 6000, budgetMaxWan: 9000, requiredCertifications: ['IATF 16949'], deadline: inDays(60),
    },
    steps: ['submit', 'publish'],
  },
  {
    body: {
      title: '湿法涂覆隔膜供应商招募', kind: 'procurement', products: ['锂电隔膜', '陶瓷涂覆隔膜'], regionCode: '320500',
      description: '9μm湿法基膜+2μm陶瓷涂覆，年需求1.2亿平方米，需提供热收缩与穿刺强度检测报告，可先小批量验证。', quantity: '1.2亿㎡/年', deadline: inDays(45),
    },
    steps: ['submit', 'publish'],
  },
  {
    body: {
      title: '电池模组精密结构件配套', kind: 'supporting', products: ['电池模组精密结构件', '精密冲压件', '电池壳体'], industryCode: 'C3484', regionCode: '320500',
      description: '为新一代储能电池模组配套端板、侧板及汇流排支架等精密结构件，要求CNC加工精度±0.02mm，具备自动化检测能力，优先专精特新中小企业。',
      quantity: '50万套/年', budgetMinWan: 1200, budgetMaxWan: 2000, requiredLevel: 'specialized', deadline: inDays(30),
    },
    steps: ['submit', 'publish'],
  },
  {
    body: {
      title: '电池管理系统(BMS)联合开发', kind: 'technology', products: ['电池管理系统(BMS)', '高压采样模块'],
      description: '面向储能电池簇开发主动均衡BMS，需具备功能安全开发流程经验，可联合申报省级攻关项目。', deadline: inDays(90),
    },
    steps: ['submit', 'publish'],
  },
  {
    body: {
      title: '固态电池电解质材料联合研发', kind: 'technology', products: ['固态电解质', '硫化物电解质'], regionCode: '320000',
      description: '寻求硫化物固态电解质材料及界面改性技术合作，目标室温离子电导率≥10mS/cm，可共建联合实验室并承担中试验证。', deadline: inDays(120),
    },
    steps: ['submit'],
  },
  {
    body: {
      title: '电池包铝合金压铸托盘配套', kind: 'supporting', products: ['电池托盘', '铝合金压铸件'], regionCode: '320500',
      description: '一体化压铸电池托盘，年需求8万件，需具备6000吨以上压铸能力。', quantity: '8万件/年',
    },
    steps: ['submit', 'return'],
    comment: '请补充托盘尺寸、材料牌号和气密性要求后再提交。',
  },
  {
    body: { title: '储能液冷机组采购', kind: 'procurement', products: ['储能液冷机组', '热管理系统'], description: '为2MWh储能集装箱配套液冷机组，制冷量≥40kW，草稿待补充技术规格。' },
    steps: [],
  },
  {
    body: { title: '锂电池生产线MES系统升级', kind: 'service', products: ['MES系统'], description: '电芯车间MES升级改造，覆盖涂布、卷绕、化成工序数据采集与追溯。' },
    steps: ['submit', 'publish', 'fulfil'],
  },
  {
    body: { title: '电芯检测设备产能共享', kind: 'capacity', products: ['电芯检测设备', '化成分容设备'], description: '寻求周边企业共享化成分容及电芯检测产能，约2000通道，用于新品验证。' },
    steps: ['submit', 'publish', 'close'],
  },
];

const ANCHOR_OFFERS: Omit<CreateOfferBody, 'description'>[] & { description: string }[] = [
  { uscc: '91320506MA1M2G8K8W', title: '电池模组精密结构件加工', products: ['电池模组精密结构件', '精密冲压件', '精密CNC加工件'], description: '五轴CNC加工中心40台，精度±0.01mm，配套动力及储能电池模组端板、侧板、汇流排支架，具备全尺寸自动检测。', capacity: '年产80万套', leadTimeDays: 20, certifications: ['ISO 9001', 'IATF 16949'] },
  { uscc: '91320507MA1T9F5A90', title: '锂电池电解液定制开发与供应', products: ['锂电池电解液', '电解液添加剂', '六氟磷酸锂'], description: '磷酸铁锂、三元体系电解液配方定制，年产能2万吨，水分≤10ppm，配套储能及动力电池客户。', capacity: '年产2万吨', leadTimeDays: 15, certifications: ['ISO 9001', 'IATF 16949'] },
  { uscc: '91320509MA1Q4T6E61', title: '一体化压铸电池托盘与壳体', products: ['电池托盘', '铝合金压铸件', '电池壳体'], description: '拥有6800吨压铸岛2台，可生产一体化电池托盘、电池壳体，配套气密检测。', capacity: '年产15万件', leadTimeDays: 30, certifications: ['IATF 16949'] },
  { uscc: '91320583MA1N7H2C5B', title: '储能与动力电池BMS解决方案', products: ['电池管理系统(BMS)', '高压采样模块', '储能能量管理系统(EMS)'], description: '主动均衡BMS、高压采样模块自主研发，通过ISO 26262功能安全流程认证，已配套多个储能电站。', leadTimeDays: 45, certifications: ['ISO 26262', 'ISO 9001'] },
  { uscc: '91320571MA1W5B3L6L', title: '锂电制造MES与质量追溯系统', products: ['MES系统', '质量管理系统(QMS)'], description: '面向锂电池涂布、卷绕、化成工序的MES与质量追溯系统，支持设备联网与数据采集。', leadTimeDays: 60, certifications: ['ISO 27001'] },
  { uscc: '91320206MA1U6C9H8J', title: '半导体真空腔体与干式真空泵', products: ['真空腔体', '干式真空泵', '真空阀门'], description: '为刻蚀、薄膜沉积设备配套真空腔体与干泵。', leadTimeDays: 40, certifications: ['ISO 9001'] },
  { uscc: '91320583MA1K8W2D72', title: '汽车电子与BMS电路板', products: ['汽车电子电路板', '印制电路板(PCB)'], description: '多层汽车电子电路板，可配套BMS采集板、控制板。', leadTimeDays: 12, certifications: ['IATF 16949'] },
];

/** Products worth listing as offers from generated enterprises (battery, chips, machinery). */
const OFFER_PRODUCT_HINTS = ['隔膜', '电解', '结构件', '压铸', '托盘', '电池', 'BMS', '液冷', '热管理', '固态', '检测设备', '铜箔', '正极', '负极', '光刻胶', '电子化学品', '真空', '冲压'];

/** Seed the matching demo. */
export async function seedMatchingDemo(db: Db): Promise<void> {
  const leader = await db.selectFrom('enterprises').select('id').where('uscc', '=', LEADER).executeTakeFirst();
  if (!leader) return;
  const existing = await db.selectFrom('needs').select('id').where('enterprise_id', '=', leader.id).limit(1).executeTakeFirst();
  if (existing) return;
  const deps: MatchingDeps = { db, index: new MatchingIndex(db) };
  const context = { actor: SYSTEM_ACTOR };
  for (const need of NEEDS) {
    const { id } = await createNeed(deps, context, { ...need.body, uscc: LEADER });
    for (const step of need.steps) await transitionNeed(deps, context, id, step, step === 'return' ? need.comment : undefined);
  }
  const anchors = new Set((await db.selectFrom('enterprises').select('uscc').where('uscc', 'in', ANCHOR_OFFERS.map((o) => o.uscc)).execute()).map((r) => r.uscc));
  for (const offer of ANCHOR_OFFERS) {
    if (anchors.has(offer.uscc)) await createOffer(deps, context, offer);
  }
  // Generated enterprises whose products fit the demo needs list them as offers too.
  const pattern = `%(${OFFER_PRODUCT_HINTS.join('|')})%`;
  const generated = await db
    .selectFrom('enterprises')
    .select(['uscc', 'name', 'products', 'capabilities'])
    .where('uscc', 'not in', [LEADER, ...ANCHOR_OFFERS.map((o) => o.uscc)])
    .where(sql<boolean>`array_to_string(products, '；') similar to ${pattern}`)
    .orderBy('uscc')
    .limit(60)
    .execute();
  for (const e of generated) {
    if (e.products.length === 0) continue;
    await createOffer(deps, context, {
      uscc: e.uscc,
      title: `${e.products[0]}供应`,
      products: e.products.slice(0, 5),
      description: e.capabilities.length >= 2 ? e.capabilities.slice(0, 500) : `${e.name}提供${e.products.join('、')}。`,
    });
  }
}
