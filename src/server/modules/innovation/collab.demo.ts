/**
 * Demo data of consortia, standards and patents, and green supply (IN-1, IN-4, IN-5) on the 苏州
 * battery chain: the battery leader's solid-state consortium (two SMEs active, the `sme` log-in's
 * firm invited and still to answer, one declined) with two joint projects and the electrolyte
 * challenge linked; a 无锡 consortium that 苏州's department does not see; three standard projects;
 * patents by segment that leave gaps (minerals, separator, recycling …) for the coverage chart; the
 * leader's green criteria and two years of members' energy and carbon indicators, so the chain's
 * green level reads A, B and C in different segments. Runs once (seed.ts keeps `demo:collab`).
 */
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { selectEnterpriseByUscc } from './challenges.repo.js';
import { createConsortium, createJointProject, linkChallenge, respondInvitation } from './consortia.service.js';
import { createCriterion, upsertIndicator } from './green.service.js';
import { createPatent, createStandard } from './ip.service.js';

const LEADER = '91320571MA1P3K7W9A'; // 苏州澜沣新能源 (battery leader, the `leader` log-in)
const SME = '91320506MA1M2G8K8W'; // 苏州锐铭精密机械 (the `sme` log-in)
const ZHIHENG = '91320583MA1N7H2C5B'; // 昆山智衡电子 (BMS)
const RONGCHUAN = '91320507MA1T9F5A90'; // 苏州溶川新材料 (electrolyte)
const SHENGLV = '91320509MA1Q4T6E61'; // 苏州盛铝精密制造 (battery housings)
const SHUHENG = '91320571MA1W5B3L6L'; // 苏州数衡工业软件
const LIANTUO = '91320583MA1K8W2D72'; // 昆山联拓电路 (PCB, medium)
const CHIHENG = '91320412MA1X2P7R3M'; // 常州驰恒电机
const SEMI_LEADER = '91320214MA1R8D4N69'; // 无锡芯拓半导体装备
const VACUUM = '91320206MA1U6C9H8J'; // 无锡瀚真真空

const CONTEXT = { actor: SYSTEM_ACTOR, requestId: 'demo' };
const WAN = 1_000_000;

function dayOffset(days: number): string {
  return businessDate(new Date(Date.now() + days * 86_400_000));
}

/** The context of an invited firm answering its invitation (there is no demo log-in for most firms). */
function memberContext(uscc: string): { actor: Actor; requestId: string } {
  return { actor: { ...SYSTEM_ACTOR, role: 'member', orgUscc: uscc, label: `system (demo for ${uscc})` }, requestId: 'demo' };
}

async function seedConsortia(db: Db, chainId: string): Promise<string> {
  const { id } = await createConsortium(db, CONTEXT, {
    uscc: LEADER, chainId, name: '苏州固态电池创新联合体', field: '固态电池',
    description: '由澜沣新能源牵头，联合电解质、BMS与结构件企业，攻关硫化物固态电解质量产与固态电芯系统集成；成果优先在联合体成员间许可使用。',
    members: [{ uscc: RONGCHUAN, role: 'sme' }, { uscc: ZHIHENG, role: 'sme' }, { uscc: SME, role: 'sme' }, { uscc: CHIHENG, role: 'sme' }],
  });
  await respondInvitation(db, memberContext(RONGCHUAN), id, true);
  await respondInvitation(db, memberContext(ZHIHENG), id, true);
  await respondInvitation(db, memberContext(CHIHENG), id, false);
  // The `sme` log-in's firm is left invited: it sees the invitation and answers it.
  await createJointProject(db, CONTEXT, id, {
    title: '硫化物固态电解质膜中试放大', goal: '建成百米级卷对卷干法成膜中试线，电解质膜厚≤30μm、室温电导率≥3mS/cm，完成20Ah固态电芯装车测试。',
    budgetFen: 1_200 * WAN, startsOn: dayOffset(-200), endsOn: dayOffset(330), status: 'active',
    milestones: [
      { title: '电解质材料配方定型', dueOn: dayOffset(-150), isDone: true },
      { title: '百米级卷对卷成膜', dueOn: dayOffset(-40), isDone: true },
      { title: '中试线工艺验证', dueOn: dayOffset(90), isDone: false },
      { title: '20Ah电芯装车测试', dueOn: dayOffset(300), isDone: false },
    ],
  });
  await createJointProject(db, CONTEXT, id, {
    title: '固态电芯BMS适配与热管理', goal: '针对固态电芯的SOC估算与热管理策略适配，形成储能与乘用车两套参考方案。',
    budgetFen: 450 * WAN, startsOn: dayOffset(30), endsOn: dayOffset(400), status: 'planned',
    milestones: [{ title: '固态电芯特性测试数据集', dueOn: dayOffset(120), isDone: false }, { title: 'BMS参考方案评审', dueOn: dayOffset(360), isDone: false }],
  });
  const challenge = await db.selectFrom('challenges').select('id').where('title', '=', '硫化物固态电解质量产工艺揭榜').executeTakeFirst();
  if (challenge) await linkChallenge(db, CONTEXT, id, challenge.id);

  // Outside 苏州: 苏州's department does not see it, 无锡's and the province's do.
  const wuxi = await createConsortium(db, CONTEXT, {
    uscc: SEMI_LEADER, name: '无锡集成电路装备零部件创新联合体', field: '半导体装备零部件',
    description: '芯拓半导体装备牵头，联合真空部件企业开展刻蚀设备关键零部件国产化验证。', members: [{ uscc: VACUUM, role: 'sme' }],
  });
  await respondInvitation(db, memberContext(VACUUM), wuxi.id, true);
  await createJointProject(db, CONTEXT, wuxi.id, {
    title: '刻蚀腔体真空阀门国产化验证', goal: '完成两款真空阀门在12英寸刻蚀设备上的1000小时可靠性验证。', budgetFen: 600 * WAN, startsOn: dayOffset(-90), endsOn: dayOffset(270), status: 'active',
    milestones: [{ title: '样件交付', dueOn: dayOffset(-30), isDone: true }, { title: '1000小时验证', dueOn: dayOffset(200), isDone: false }],
  });
  return id;
}

async function seedStandards(db: Db, chainId: string, consortiumId: string): Promise<void> {
  await createStandard(db, CONTEXT, {
    uscc: LEADER, chainId, consortiumId, title: '储能用锂离子电池热失控预警技术规范', code: '', level: 'group', status: 'drafting',
    participants: [{ uscc: ZHIHENG, role: 'drafter' }, { uscc: SHUHENG, role: 'drafter' }],
  });
  await createStandard(db, CONTEXT, {
    uscc: SME, chainId, title: '动力电池方形铝壳精密冲压件技术条件', code: '', level: 'industry', status: 'consultation',
    participants: [{ uscc: SHENGLV, role: 'drafter' }, { uscc: LEADER, role: 'reviewer' }],
  });
  await createStandard(db, CONTEXT, {
    uscc: RONGCHUAN, chainId, consortiumId, title: '硫化物固态电解质材料 离子电导率测试方法', code: 'T/SZBA 0003-2025', level: 'group', status: 'published',
    participants: [{ uscc: LEADER, role: 'drafter' }],
  });
}

/** Patents of the 苏州 battery chain: [number, title, holder, type, filedOn, grantedOn, segment]. */
const PATENTS: ReadonlyArray<readonly [string, string, string, 'invention' | 'utility' | 'design', string, string | null, string | null]> = [
  ['CN114201001A', '一种方形锂离子电芯叠片与热压一体化方法', LEADER, 'invention', '2021-09-14', '2023-05-09', 'cell'],
  ['CN115302117B', '高镍三元电芯注液后静置老化工艺', LEADER, 'invention', '2022-04-02', '2024-01-16', 'cell'],
  ['CN117003210A', '一种电芯极耳激光焊接质量在线检测方法', LEADER, 'invention', '2023-06-20', null, 'cell'],
  ['CN115588431B', '电池模组侧板与端板的一体化连接结构', LEADER, 'invention', '2022-07-11', '2024-03-22', 'module-pack'],
  ['CN218004562U', '一种电池包液冷板快插接头', LEADER, 'utility', '2022-08-30', '2023-01-10', 'module-pack'],
  ['CN116111222A', '储能电芯热失控多信号早期预警方法', LEADER, 'invention', '2023-02-17', null, 'storage'],
  ['CN219112233U', '一种方形铝壳拉伸模具的快换凸模结构', SME, 'utility', '2023-03-05', '2023-08-18', 'structural-parts'],
  ['CN219445566U', '电芯壳体冲压件在线尺寸检测装置', SME, 'utility', '2023-05-21', '2023-11-02', 'structural-parts'],
  ['CN116789012A', '一种电池铝壳防爆阀激光刻痕方法', SHENGLV, 'invention', '2023-01-09', null, 'structural-parts'],
  ['CN114888777B', '储能电池簇SOC在线估算与主动均衡方法', ZHIHENG, 'invention', '2021-11-26', '2023-09-12', 'bms'],
  ['CN113555666A', '霍尔电流传感器分段温漂补偿方法', ZHIHENG, 'invention', '2021-06-15', null, 'bms'],
  ['CN220334455U', '一种BMS从控板的多层电路板散热结构', LIANTUO, 'utility', '2023-07-03', '2024-01-05', 'bms'],
  ['CN115000123A', '硫化物固态电解质膜的干法制备方法', RONGCHUAN, 'invention', '2022-03-28', null, 'electrolyte'],
  ['CN115000456A', '一种低温型锂离子电池电解液添加剂', RONGCHUAN, 'invention', '2022-03-28', '2024-06-18', 'electrolyte'],
  ['CN308812345S', '储能电池柜（标准版）', LEADER, 'design', '2023-09-01', '2024-02-02', null],
];

async function seedPatents(db: Db, chainId: string): Promise<void> {
  for (const [number, title, holderUscc, type, filedOn, grantedOn, segmentKey] of PATENTS) {
    await createPatent(db, CONTEXT, { number, title, holderUscc, type, filedOn, grantedOn: grantedOn ?? undefined, chainId, segmentKey: segmentKey ?? undefined });
  }
}

/** Yearly indicators: [uscc, revenue 万元, energy tce, emissions tCO2e, certifications, green factory]; the year before reads ~8% higher. */
const INDICATORS: ReadonlyArray<readonly [string, number, number, number, string[], 'municipal' | 'provincial' | 'national' | null]> = [
  [LEADER, 1_200_000, 90_000, 240_000, ['ISO 50001', 'ISO 14001'], 'national'], // 0.20 tCO2e/万元
  [SME, 18_000, 3_600, 9_000, ['ISO 50001'], 'municipal'], // 0.50
  [SHENGLV, 25_000, 9_000, 27_500, [], null], // 1.10
  [ZHIHENG, 32_000, 1_900, 4_800, ['ISO 14001'], 'provincial'], // 0.15
  [LIANTUO, 90_000, 16_000, 45_000, ['ISO 50001'], null], // 0.50
  [RONGCHUAN, 15_000, 6_000, 13_500, ['ISO 14001'], null], // 0.90
];

async function seedGreen(db: Db): Promise<void> {
  await createCriterion(db, CONTEXT, { uscc: LEADER, name: '供应商单位营收碳排放强度', kind: 'carbon_intensity', threshold: 0.6, description: '上一年度范围一、二排放除以营业收入，不高于0.6 tCO2e/万元。' });
  await createCriterion(db, CONTEXT, { uscc: LEADER, name: '能源管理体系认证', kind: 'certification', certification: 'ISO 50001', description: '电芯结构件与电解液供应商须持有有效的能源管理体系认证。' });
  await createCriterion(db, CONTEXT, { uscc: LEADER, name: '绿色工厂', kind: 'green_factory', factoryLevel: 'municipal', description: '新进一级供应商须获市级及以上绿色工厂称号。' });
  const year = Number(businessDate().slice(0, 4)) - 1;
  for (const [uscc, revenueWan, energyTce, emissionsTco2e, certifications, factoryLevel] of INDICATORS) {
    await upsertIndicator(db, CONTEXT, { uscc, year: year - 1, energyTce: Math.round(energyTce * 1.08), emissionsTco2e: Math.round(emissionsTco2e * 1.08), revenueFen: revenueWan * WAN, certifications, factoryLevel });
    await upsertIndicator(db, CONTEXT, { uscc, year, energyTce, emissionsTco2e, revenueFen: revenueWan * WAN, certifications, factoryLevel });
  }
}

/** Demo consortia, standards, patents and green data (see the file comment). */
export async function seedCollabDemo(db: Db): Promise<void> {
  const present = await Promise.all([LEADER, SME, ZHIHENG, RONGCHUAN, SHENGLV, SHUHENG, LIANTUO, CHIHENG, SEMI_LEADER, VACUUM].map((uscc) => selectEnterpriseByUscc(db, uscc)));
  const chain = await db.selectFrom('chains').select('id').where('template_key', '=', 'ev-battery').where('region_code', '=', '320500').executeTakeFirst();
  if (present.some((e) => !e) || !chain) return;
  const consortiumId = await seedConsortia(db, chain.id);
  await seedStandards(db, chain.id, consortiumId);
  await seedPatents(db, chain.id);
  await seedGreen(db);
}
