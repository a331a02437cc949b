/**
 * Demo data of the innovation module, realistic for every role: the expert pool (the `expert`
 * log-in's profile and a dozen listed experts, some employed by demo firms so that conflicts show),
 * four challenges of the battery leader and 苏州's department — one open and under review by a
 * review panel (评审组) with scores and a disagreement (threshold 25), one awarded with milestones at 40 %, one fresh idea
 * call, one cancelled by its publisher with the reason — and the
 * leader's shared resources with past (used) and upcoming bookings, so that sharing figures are
 * non-zero. Runs once (seed.ts keeps the marker); a few hundred rows.
 */
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { recordWrites } from '../audit/index.js';
import * as challengesRepo from './challenges.repo.js';
import { cancelChallenge, createApplication, createChallenge, createMilestone, advanceMilestone, decideApplication } from './challenges.service.js';
import { seedDemoPanel } from './panels.demo.js';
import * as resourcesRepo from './resources.repo.js';
import { createBooking, createResource, decideBooking } from './resources.service.js';
import * as reviewsRepo from './reviews.repo.js';
import { assignReviewerByHand, assignReviewers, weightedTotal } from './reviews.service.js';

const LEADER = '91320571MA1P3K7W9A'; // 苏州澜沣新能源 (battery leader)
const SME = '91320506MA1M2G8K8W'; // 苏州锐铭精密机械 (the `sme` log-in)
const ZHIHENG = '91320583MA1N7H2C5B'; // 昆山智衡电子 (little giant)
const RONGCHUAN = '91320507MA1T9F5A90'; // 苏州溶川新材料
const SHULHENG = '91320571MA1W5B3L6L'; // 苏州数衡工业软件
const CHIHENG = '91320412MA1X2P7R3M'; // 常州驰恒电机

const CONTEXT = { actor: SYSTEM_ACTOR, requestId: 'demo' };

function inDays(days: number): string {
  return businessDate(new Date(Date.now() + days * 86_400_000));
}

/** Listed experts (no log-in): name, fields, employer, region. */
const EXPERTS: { name: string; fields: string[]; affiliation: string; affiliationUscc?: string; regionCode: string }[] = [
  { name: '李教授', fields: ['固态电池', '电解质', '锂电池'], affiliation: '苏州大学能源学院', regionCode: '320508' },
  { name: '陈研究员', fields: ['固态电池', '电解质', '材料'], affiliation: '中科院苏州纳米所', regionCode: '320571' },
  { name: '周高工', fields: ['电池管理系统', 'bms', '储能'], affiliation: '苏州数衡工业软件有限公司', affiliationUscc: SHULHENG, regionCode: '320571' },
  { name: '吴博士', fields: ['锂电池', '电解质', '安全'], affiliation: '苏州溶川新材料有限公司', affiliationUscc: RONGCHUAN, regionCode: '320507' },
  { name: '郑总工', fields: ['储能', '电池管理系统', '功能安全'], affiliation: '南京工业大学', regionCode: '320100' },
  { name: '孙工', fields: ['精密加工', '结构件'], affiliation: '常州驰恒电机科技有限公司', affiliationUscc: CHIHENG, regionCode: '320412' },
  { name: '钱研究员', fields: ['半导体', '芯片', '传感器'], affiliation: '无锡微纳研究院', regionCode: '320214' },
  { name: '赵教授', fields: ['储能', '预警', '算法'], affiliation: '东南大学', regionCode: '320100' },
  { name: '冯高工', fields: ['锂电池', '储能', '热管理'], affiliation: '江苏省特种设备安全监督检验研究院', regionCode: '320100' },
  { name: '蒋博士', fields: ['电解质', '材料', '界面'], affiliation: '常州大学', regionCode: '320400' },
  { name: '韩研究员', fields: ['电机', '驱动'], affiliation: '江苏省产业技术研究院', regionCode: '320100' },
  { name: '杨工', fields: ['软件', '算法', 'bms'], affiliation: '昆山杜克大学', regionCode: '320583' },
];

async function seedExperts(db: Db): Promise<Actor | undefined> {
  await db.transaction().execute(async (tx) => {
    const rows = await tx
      .insertInto('experts')
      .values(EXPERTS.map((e) => ({ name: e.name, fields: e.fields, affiliation: e.affiliation, affiliation_uscc: e.affiliationUscc ?? null, region_code: e.regionCode, max_load: 8 })))
      .returning(['id', 'name'])
      .execute();
    // 吴博士 holds shares in 昆山智衡 (declared investment): never their reviewer.
    const wu = rows.find((r) => r.name === '吴博士')!;
    await tx.insertInto('expert_conflicts').values({ expert_id: wu.id, uscc: ZHIHENG, kind: 'investment', note: '持股3%' }).execute();
    await recordWrites(tx, CONTEXT, rows.map((r) => ({ action: 'expert.create', entityType: 'expert', entityKey: r.id, regionCode: null, after: { name: r.name } })));
  });
  const user = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', 'expert').executeTakeFirst();
  if (!user) return undefined;
  await db.transaction().execute(async (tx) => {
    const id = await reviewsRepo.upsertExpert(tx, { userId: user.id, name: '王工', fields: ['固态电池', '电解质', '锂电池', '电池管理系统'], affiliation: '江苏省产业技术研究院', affiliationUscc: null, regionCode: '320500', maxLoad: 10, isAvailable: true }, []);
    await recordWrites(tx, CONTEXT, [{ action: 'expert.create', entityType: 'expert', entityKey: id, regionCode: '320500', after: { name: '王工' } }]);
  });
  return { userId: user.id, username: user.username, label: user.display_name ?? user.username, role: 'expert', regionCode: null, orgId: null, orgUscc: null };
}

/** Submit a score for an assignment directly (listed experts have no log-in). */
async function score(db: Db, assignmentId: string, criteria: { key: string; weight: number }[], values: number[], comment: string): Promise<void> {
  const scores = Object.fromEntries(criteria.map((c, i) => [c.key, values[i]]));
  await db.transaction().execute(async (tx) => {
    await reviewsRepo.updateReviewScores(tx, assignmentId, scores, weightedTotal(criteria, scores), comment);
    await recordWrites(tx, CONTEXT, [{ action: 'review.submit', entityType: 'review_assignment', entityKey: assignmentId, regionCode: null, before: { status: 'assigned' }, after: { status: 'submitted' } }]);
  });
}

async function seedChallenges(db: Db, expert: Actor | undefined): Promise<void> {
  const leader = await challengesRepo.selectEnterpriseByUscc(db, LEADER);
  if (!leader) return;
  // 1. Open and under review.
  const solid = await createChallenge(db, CONTEXT, {
    uscc: LEADER, type: 'proposal', title: '硫化物固态电解质量产工艺揭榜', fields: ['固态电池', '电解质'], budget: 800, deadline: inDays(21), disagreementThreshold: 25,
    problem: '公司下一代半固态/全固态电芯需要可量产的硫化物固态电解质，现有实验室工艺空气稳定性差、批次一致性不足，需要揭榜方提出面向百吨级产线的合成与包覆工艺方案。',
    targets: ['室温离子电导率≥5 mS/cm', '露点-40℃环境下24小时电导率衰减≤10%', '批次间电导率偏差≤8%', '吨级成本≤80万元'],
    ipTerms: '背景知识产权归各自所有；项目形成的知识产权双方共有，发榜方享有优先实施权。', confidential: true,
    confidentialDetails: '目标电芯：BX-9 平台 280Ah 储能电芯；现有供应商电解质样品检测报告及产线露点条件见附件（签署保密协议后提供）。',
  });
  const proposals: [string, string][] = [
    [RONGCHUAN, '采用液相合成Li6PS5Cl并以氧化物纳米层原位包覆，提升空气稳定性；已建成10kg/批中试线，电导率实测6.2mS/cm。'],
    [ZHIHENG, '以固相球磨结合快速烧结制备硫化物电解质，配套在线露点与粒度检测系统，保证批次一致性；团队含3名博士。'],
    [SME, '提供电解质粉体压片与包覆设备的精密结构件及自动化产线改造方案，配合材料方实现百吨级放大。'],
  ];
  const appIds: string[] = [];
  for (const [uscc, proposal] of proposals) {
    appIds.push((await createApplication(db, CONTEXT, solid.id, { uscc, proposal, team: '项目负责人1名、研发工程师5名', schedule: '6个月完成中试，12个月完成产线验证' })).id);
  }
  if (expert) await assignReviewerByHand(db, CONTEXT, solid.id, { applicationId: appIds[0], expertId: (await reviewsRepo.selectExpertByUser(db, expert.userId))!.id });
  await assignReviewers(db, CONTEXT, solid.id, { perApplication: 3 });
  const challenge = (await challengesRepo.selectChallenge(db, solid.id))!;
  const assignments = await reviewsRepo.selectAssignmentsOfChallenge(db, solid.id);
  const expertId = expert ? (await reviewsRepo.selectExpertByUser(db, expert.userId))?.id : undefined;
  const scoresByApp: Record<string, number[][]> = { [appIds[0]]: [[88, 85, 80, 75], [90, 82, 85, 70]], [appIds[1]]: [[85, 70, 75, 60], [45, 50, 55, 50], [80, 75, 70, 65]], [appIds[2]]: [[60, 65, 70, 80]] };
  for (const [applicationId, sets] of Object.entries(scoresByApp)) {
    const open = assignments.filter((a) => a.applicationId === applicationId && a.expertId !== expertId);
    for (let i = 0; i < Math.min(sets.length, open.length); i++) await score(db, open[i].id, challenge.criteria, sets[i], '方案思路清晰，建议补充量产成本测算。');
  }
  await decideApplication(db, CONTEXT, solid.id, appIds[0], 'shortlist');
  await seedDemoPanel(db, solid.id, { conflictUscc: ZHIHENG, pendingExpertId: expertId });

  // 2. Awarded, with milestones.
  const bms = await createChallenge(db, CONTEXT, {
    uscc: LEADER, type: 'prototype', title: '储能电池簇主动均衡BMS样机到应用', fields: ['电池管理系统', 'bms', '储能'], budget: 300, deadline: inDays(3), reviewsPerApplication: 2,
    problem: '面向1500V储能电池簇，需要主动均衡BMS从样机到示范应用：均衡电流、采样精度与功能安全满足储能电站要求，并在公司示范电站完成3个月运行验证。',
    targets: ['单体电压采样精度≤±2mV', '主动均衡电流≥2A', '满足GB/T 34131-2023要求', '示范电站连续运行90天无故障'],
  });
  const bmsApp = (await createApplication(db, CONTEXT, bms.id, { uscc: ZHIHENG, proposal: '基于自研AFE芯片的双向主动均衡方案，已在两个工商业储能项目中试运行。', team: '硬件6人、软件4人', schedule: '3个月样机，6个月示范' })).id;
  await createApplication(db, CONTEXT, bms.id, { uscc: SHULHENG, proposal: '以云边协同的电池簇管理软件配合第三方均衡硬件，侧重数据平台与预警。' });
  await assignReviewers(db, CONTEXT, bms.id, { perApplication: 2 });
  const bmsChallenge = (await challengesRepo.selectChallenge(db, bms.id))!;
  for (const a of await reviewsRepo.selectAssignmentsOfChallenge(db, bms.id)) {
    await score(db, a.id, bmsChallenge.criteria, a.applicationId === bmsApp ? [90, 88, 85, 80] : [72, 70, 78, 82], '同意推荐。');
  }
  await decideApplication(db, CONTEXT, bms.id, bmsApp, 'award');
  const plan: [string, number, number][] = [['样机交付与实验室测试', -20, 40], ['示范电站安装调试', 30, 30], ['90天运行验收', 150, 30]];
  const milestoneIds: string[] = [];
  for (const [title, days, weightPct] of plan) milestoneIds.push(await createMilestone(db, CONTEXT, bms.id, { applicationId: bmsApp, title, dueDate: inDays(days), weightPct }));
  await advanceMilestone(db, CONTEXT, bms.id, milestoneIds[0], 'deliver', '样机3套已交付，实验室测试报告见附件：采样精度±1.5mV，均衡电流2.5A。');
  await advanceMilestone(db, CONTEXT, bms.id, milestoneIds[0], 'accept');
  await advanceMilestone(db, CONTEXT, bms.id, milestoneIds[1], 'deliver', '已完成1号储能舱安装，正在联调。');

  // 3. A fresh idea call of 苏州's department.
  const gov = await db.selectFrom('users').select(['id', 'username', 'region_code']).where('username', '=', 'gov_sz').executeTakeFirst();
  const govActor: Actor = gov ? { userId: gov.id, username: gov.username, label: '苏州市工业和信息化局', role: 'gov', regionCode: gov.region_code, orgId: null, orgUscc: null } : SYSTEM_ACTOR;
  const idea = await createChallenge(db, { actor: govActor, requestId: 'demo' }, {
    type: 'idea', title: '储能电站热失控早期预警算法创意征集', fields: ['储能', '预警', '算法'], budget: 50, deadline: inDays(45),
    problem: '面向全市储能电站，征集基于电压、温度、气体等多源数据的热失控早期预警思路，优秀创意给予奖励并推荐至链主企业验证。',
    targets: ['提前≥30分钟预警', '误报率≤1次/月/电站'],
    ...(gov ? {} : { uscc: LEADER }),
  });
  // 4. Cancelled by the leader after one application (the applicant was notified).
  const cancelled = await createChallenge(db, CONTEXT, {
    uscc: LEADER, type: 'prototype', title: '电芯化成分容柜能量回馈改造揭榜', fields: ['储能', '电力电子'], budget: 150, deadline: inDays(10),
    problem: '化成分容工序能耗高，需要对现有分容柜进行能量回馈改造，放电能量回馈电网或供其他通道充电。',
    targets: ['能量回馈效率≥90%', '单柜改造停机≤2天'],
  });
  await createApplication(db, CONTEXT, cancelled.id, { uscc: RONGCHUAN, proposal: '采用双向DC/DC与公共直流母线方案，分容放电能量在通道间互充，余量回馈电网。' });
  await cancelChallenge(db, CONTEXT, cancelled.id, '公司决定由设备原厂整体升级分容柜，本榜单取消；感谢各单位关注。');

  const sme = await db.selectFrom('users').select('id').where('username', '=', 'sme').executeTakeFirst();
  if (sme) {
    await db.transaction().execute(async (tx) => {
      const questionId = await challengesRepo.insertQuestion(tx, idea.id, sme.id, '是否需要提供真实电站数据？');
      await challengesRepo.answerQuestion(tx, idea.id, questionId, gov?.id ?? sme.id, '平台将提供3座示范电站脱敏后的历史数据，报名后可申请。');
    });
  }
}

async function seedResources(db: Db): Promise<void> {
  const list: { title: string; kind: 'equipment' | 'lab' | 'test_site' | 'capacity' | 'service'; specs: string; location: string; priceExternalYuan: number; priceInternalYuan: number; rules: string }[] = [
    { title: '场发射扫描电子显微镜（SEM）', kind: 'equipment', specs: '分辨率1.0nm@15kV，配能谱仪（EDS）', location: '苏州工业园区澜沣研究院2号楼', priceExternalYuan: 600, priceInternalYuan: 300, rules: '需经培训的操作员陪同；样品须干燥无磁性。' },
    { title: '动力电池安全测试实验室', kind: 'lab', specs: '针刺、挤压、过充、热箱、短路测试；CNAS认可', location: '苏州工业园区澜沣研究院1号楼', priceExternalYuan: 1500, priceInternalYuan: 800, rules: '按测试项目预约，提前3个工作日提交样品信息。' },
    { title: '电池包振动与跌落试验场', kind: 'test_site', specs: '三综合振动台，最大推力60kN；1.5m跌落台', location: '苏州相城试验基地', priceExternalYuan: 900, priceInternalYuan: 450, rules: '需提交试验大纲。' },
    { title: '富余电芯装配产能（方形铝壳）', kind: 'capacity', specs: '每班3000只方形铝壳电芯装配，可代工', location: '苏州澜沣二期工厂', priceExternalYuan: 2000, priceInternalYuan: 2000, rules: '最短预约1个班次（8小时）。' },
  ];
  const ids: string[] = [];
  for (const r of list) ids.push(await createResource(db, CONTEXT, { ...r, ownerUscc: LEADER }));
  const sme = await challengesRepo.selectEnterpriseByUscc(db, SME);
  const rongchuan = await challengesRepo.selectEnterpriseByUscc(db, RONGCHUAN);
  const leader = await challengesRepo.selectEnterpriseByUscc(db, LEADER);
  if (!sme || !rongchuan || !leader) return;
  // Past bookings with recorded usage (backdated: the service refuses windows in the past).
  const day = 86_400_000;
  const at = (days: number, hour: number) => new Date(Math.floor((Date.now() + days * day) / day) * day + (hour - 8) * 3_600_000);
  const past: [string, string, number, number, number, number][] = [
    [ids[0], sme.id, -9, 9, 4, 210], [ids[0], rongchuan.id, -6, 13, 3, 180], [ids[0], leader.id, -5, 9, 6, 360], [ids[1], rongchuan.id, -12, 9, 8, 420], [ids[2], sme.id, -3, 14, 3, 180],
  ];
  await db.transaction().execute(async (tx) => {
    for (const [resourceId, enterpriseId, days, hour, hours, used] of past) {
      const id = await resourcesRepo.insertBooking(tx, { resourceId, enterpriseId, regionCode: leader.regionCode, start: at(days, hour), end: at(days, hour + hours), purpose: '样品检测', createdBy: null });
      await resourcesRepo.setBookingStatus(tx, id, 'approved', null);
      await resourcesRepo.insertUsage(tx, { bookingId: id, resourceId, usedMinutes: used, note: '', recordedBy: null });
      await recordWrites(tx, CONTEXT, [{ action: 'booking.create', entityType: 'resource_booking', entityKey: id, regionCode: leader.regionCode, after: { resourceId, status: 'approved', usedMinutes: used } }]);
    }
  });
  // Upcoming: one approved, one pending for the owner to decide.
  const approved = await createBooking(db, CONTEXT, ids[0], { uscc: RONGCHUAN, start: at(2, 9).toISOString(), end: at(2, 12).toISOString(), purpose: '电解质颗粒形貌观察' });
  await decideBooking(db, CONTEXT, approved, 'approve');
  await createBooking(db, CONTEXT, ids[0], { uscc: SME, start: at(3, 14).toISOString(), end: at(3, 17).toISOString(), purpose: '精密结构件断口分析' });
  await createBooking(db, CONTEXT, ids[1], { uscc: SME, start: at(5, 9).toISOString(), end: at(5, 17).toISOString(), purpose: '电池模组结构件挤压测试' });
}

/** Demo data of the innovation module (see the file comment). */
export async function seedInnovationDemo(db: Db): Promise<void> {
  const expert = await seedExperts(db);
  await seedChallenges(db, expert);
  await seedResources(db);
}
