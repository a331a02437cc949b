/**
 * Demo data of technology achievements: results of demo firms (materials, BMS software, sensors,
 * motors, and the battery leader's own), interest in some of them — one answered with feedback —
 * and first-use / first-of-kind records of SME products by the leader, one of them outside 苏州 so
 * that region scoping shows. Runs once (seed.ts keeps the marker `demo:achievements`).
 */
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { answerInterest, createAchievement, createFirstUse, createInterest } from './achievements.service.js';
import { selectEnterpriseByUscc } from './challenges.repo.js';

const LEADER = '91320571MA1P3K7W9A'; // 苏州澜沣新能源 (battery leader, the `leader` log-in)
const SME = '91320506MA1M2G8K8W'; // 苏州锐铭精密机械 (the `sme` log-in)
const ZHIHENG = '91320583MA1N7H2C5B'; // 昆山智衡电子
const RONGCHUAN = '91320507MA1T9F5A90'; // 苏州溶川新材料
const SHULHENG = '91320571MA1W5B3L6L'; // 苏州数衡工业软件
const CHIHENG = '91320412MA1X2P7R3M'; // 常州驰恒电机

const CONTEXT = { actor: SYSTEM_ACTOR, requestId: 'demo' };
const WAN = 1_000_000;

function daysAgo(days: number): string {
  return businessDate(new Date(Date.now() - days * 86_400_000));
}

/** Demo achievements, interest with feedback, and first-use records (see the file comment). */
export async function seedAchievementsDemo(db: Db): Promise<void> {
  const present = await Promise.all([LEADER, SME, ZHIHENG, RONGCHUAN, SHULHENG, CHIHENG].map((uscc) => selectEnterpriseByUscc(db, uscc)));
  if (present.some((e) => !e)) return;
  const publish = (uscc: string, body: Omit<Parameters<typeof createAchievement>[2], 'uscc'>) => createAchievement(db, CONTEXT, { ...body, uscc });
  const electrolyte = await publish(RONGCHUAN, {
    title: '硫化物固态电解质干法成膜工艺', field: '固态电池', trl: 5, patentNumbers: ['CN115000123A', 'CN115000456A'], transferMode: 'license', priceMinFen: 300 * WAN, priceMaxFen: 800 * WAN,
    summary: '无溶剂干法制备硫化物电解质膜，膜厚30μm以下，室温离子电导率大于3mS/cm；适配卷对卷工艺，可降低电解质膜成本约40%。',
  });
  const soc = await publish(SHULHENG, {
    title: '储能电池簇SOC在线估算与均衡算法', field: '电池管理系统', trl: 7, patentNumbers: ['CN114888777B'], transferMode: 'transfer', priceMinFen: 120 * WAN, priceMaxFen: 200 * WAN,
    summary: '基于扩展卡尔曼滤波与开路电压修正的SOC估算，全温域误差小于3%；配套主动均衡策略，已在2座储能电站试运行。',
  });
  await publish(ZHIHENG, {
    title: '高精度霍尔电流传感器温漂补偿技术', field: '传感器', trl: 8, patentNumbers: ['CN113555666A'], transferMode: 'joint_development',
    summary: '分段多项式温漂补偿，-40~125℃全温区精度优于0.5%；适用于电池包电流检测与电机控制器。',
  });
  await publish(CHIHENG, {
    title: '永磁同步电机宽调速弱磁控制技术', field: '电机', trl: 6, patentNumbers: [], transferMode: 'equity', priceMinFen: 500 * WAN,
    summary: '弱磁区转矩脉动降低30%，最高转速扩展至额定转速3倍；可作价入股与中小电机企业共同产业化。',
  });
  await publish(LEADER, {
    title: '储能电芯热失控早期预警技术', field: '储能', trl: 6, patentNumbers: ['CN116111222A'], transferMode: 'license', priceMinFen: 80 * WAN, priceMaxFen: 150 * WAN,
    summary: '融合电压、温度与产气特征的多信号预警模型，热失控前10分钟以上发出预警，误报率低于1次/年·站。',
  });
  // The leader asks about the electrolyte process (pending); the SME asked about the SOC algorithm and got an answer.
  await createInterest(db, CONTEXT, electrolyte.id, { uscc: LEADER, message: '拟用于BX-9平台固态电芯中试线，希望了解许可范围与技术支持方式。' });
  const asked = await createInterest(db, CONTEXT, soc.id, { uscc: SME, message: '我司为储能柜提供结构件，客户希望一并提供BMS算法，请介绍合作方式。' });
  await answerInterest(db, CONTEXT, asked.id, { category: 'will_contact', note: '已安排技术负责人下周上门交流。' });

  await createFirstUse(db, CONTEXT, { kind: 'first_use', supplierUscc: SME, userUscc: LEADER, product: '电芯壳体精密冲压件（方形铝壳）', startedOn: daysAgo(120), outcome: 'succeeded', outcomeNote: '小批量验证合格，已纳入合格供应商名录。' });
  await createFirstUse(db, CONTEXT, { kind: 'first_of_kind', supplierUscc: ZHIHENG, userUscc: LEADER, product: '储能电池簇高压检测单元（首台套）', startedOn: daysAgo(60), outcome: 'in_progress', outcomeNote: '在相城储能示范站挂网运行。' });
  await createFirstUse(db, CONTEXT, { kind: 'first_use', supplierUscc: CHIHENG, userUscc: LEADER, product: '冷却泵用永磁电机', startedOn: daysAgo(30), outcome: 'in_progress', outcomeNote: '' });
}
