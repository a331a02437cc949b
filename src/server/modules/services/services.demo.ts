/**
 * Demo data of the service module: typical cases in every state, so that each role has something
 * to see — two published cases (public pages), one waiting for 苏州's review (`gov_sz`), one
 * returned to the battery leader (`leader`) with comments, and a draft of the `sme`. Runs once
 * (seed.ts keeps the marker). Also two policy programmes of 苏州 (one for 专精特新/小巨人 SMEs, one
 * for any SME in manufacturing divisions C34/C38), so `sme` sees an eligibility verdict with reasons;
 * and the service directory (`directory.demo.ts`).
 */
import type { CreateCaseBody } from '../../../contracts/services.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { demoActors } from '../../demo/actors.js';
import { createCase, moveCase } from './cases.service.js';
import { createProgramme } from './programmes.service.js';
import { seedDirectoryDemo } from './directory.demo.js';

const LEADER = '91320571MA1P3K7W9A'; // 苏州澜沣新能源 (battery leader, the `leader` log-in)
const SME = '91320506MA1M2G8K8W'; // 苏州锐铭精密机械 (the `sme` log-in)
const RONGCHUAN = '91320507MA1T9F5A90'; // 苏州溶川新材料
const SHULHENG = '91320571MA1W5B3L6L'; // 苏州数衡工业软件
const BATTERY_CHAIN = '苏州市新能源汽车动力电池产业链';

interface DemoCase {
  by: string;
  body: Omit<CreateCaseBody, 'chainId'> & { isOnBatteryChain?: boolean };
  /** Workflow steps after writing: [verb, by, comment?]. */
  steps: ['submit' | 'return' | 'publish', string, string?][];
}

const CASES: DemoCase[] = [
  {
    by: 'leader',
    body: {
      title: '链主开放质量体系，带动精密结构件配套企业“同线同标”',
      model: 'supply_chain',
      isOnBatteryChain: true,
      summary: '苏州澜沣新能源向本地配套企业开放电芯结构件的质量标准、检测规范和工艺数据，派驻质量工程师驻厂指导，配套企业导入链主的数字化质量追溯系统，实现来料、过程、出货数据与链主实时共享。',
      results: '苏州锐铭精密机械结构件一次交检合格率由92.1%提升至98.6%；进入链主一级供应商名录，年供货额由1800万元增至5200万元；交付周期缩短30%。',
      enterprises: [{ uscc: LEADER, role: 'leader' }, { uscc: SME, role: 'sme' }],
    },
    steps: [['submit', 'leader'], ['publish', 'gov_sz']],
  },
  {
    by: 'gov_sz',
    body: {
      title: '揭榜挂帅：固态电解质界面改性联合攻关',
      model: 'innovation',
      isOnBatteryChain: true,
      regionCode: '320500',
      summary: '苏州市工信局组织链主企业发布固态电池电解质界面技术榜单，本地新材料“专精特新”企业揭榜，链主提供中试线和测试资源，成果优先在链主产线首试首用。',
      results: '界面阻抗降低40%，完成2款样品验证；双方共同申请发明专利3项，揭榜企业获链主首批订单800万元。',
      enterprises: [{ uscc: LEADER, role: 'leader' }, { uscc: RONGCHUAN, role: 'sme' }],
    },
    steps: [['submit', 'gov_sz'], ['publish', 'gov_sz']],
  },
  {
    by: 'sme',
    body: {
      title: '“小快轻准”数字化改造：精密加工车间设备联网',
      model: 'data',
      summary: '苏州锐铭精密机械引入本地工业软件企业的轻量化设备联网与排产方案，三个月完成42台数控设备联网，生产数据按需向链主客户开放。',
      results: '设备综合效率（OEE）由58%提升至71%，订单准时交付率达97%。',
      enterprises: [{ uscc: SME, role: 'sme' }, { uscc: SHULHENG, role: 'other' }],
    },
    steps: [['submit', 'sme']],
  },
  {
    by: 'leader',
    body: {
      title: '检测设备共享：链主实验室向中小企业开放',
      model: 'capacity',
      summary: '链主企业将扫描电镜、电池安全检测等设备通过平台向园区中小企业开放预约。',
      results: '年开放机时约600小时。',
      enterprises: [{ uscc: LEADER, role: 'leader' }],
    },
    steps: [['submit', 'leader'], ['return', 'gov_sz', '请补充受益中小企业名单及共享率、服务价格等量化成效，并上传设备共享现场照片。']],
  },
  {
    by: 'sme',
    body: {
      title: '供应链票据融资缓解配套企业回款压力（草稿）',
      model: 'capital',
      summary: '依托链主确权的应收账款，通过供应链金融平台获得低成本融资。',
      enterprises: [{ uscc: SME, role: 'sme' }, { uscc: LEADER, role: 'leader' }],
    },
    steps: [],
  },
];

/** Seed the demo cases (see the file comment). Skips cases whose author or enterprises are missing (small demo sets). */
export async function seedServicesDemo(db: Db): Promise<void> {
  const actors = await demoActors(db, ['leader', 'sme', 'gov_sz']);
  const chain = await db.selectFrom('chains').select('id').where('name', '=', BATTERY_CHAIN).executeTakeFirst();
  const registered = new Set((await db.selectFrom('enterprises').select('uscc').where('uscc', 'in', [LEADER, SME, RONGCHUAN, SHULHENG]).execute()).map((r) => r.uscc));
  for (const demo of CASES) {
    const author = actors.get(demo.by);
    if (!author || !demo.body.enterprises.every((e) => registered.has(e.uscc))) continue;
    const { isOnBatteryChain, ...body } = demo.body;
    const id = await createCase(db, { actor: author, requestId: 'demo' }, { ...body, chainId: isOnBatteryChain && chain ? chain.id : undefined });
    for (const [verb, by, comment] of demo.steps) {
      const actor = actors.get(by);
      if (actor) await moveCase(db, { actor, requestId: 'demo' }, id, verb, comment);
    }
  }
  const gov = actors.get('gov_sz');
  if (gov) await seedProgrammesDemo(db, gov);
  await seedDirectoryDemo(db, actors);
}

/** Seed 苏州's demo programmes (see the file comment). */
export async function seedProgrammesDemo(db: Db, gov: Actor): Promise<void> {
  const deadline = businessDate(new Date(Date.now() + 60 * 86_400_000));
  const context = { actor: gov, requestId: 'demo' };
  await createProgramme(db, context, { title: '2026年专精特新中小企业技术改造专项补助', regionCode: '320500', description: '支持专精特新中小企业和“小巨人”企业开展设备更新、数字化改造和质量提升，按项目投资额的20%给予补助。', rules: { isSmeRequired: true, tagsAny: ['specialized', 'little_giant'], industryDivisions: [] }, maxAmountYuan: 500000, deadline });
  await createProgramme(db, context, { title: '链主配套中小企业首台套推广应用奖励', regionCode: '320500', description: '对进入链主企业供应体系的装备制造中小企业给予一次性奖励。', rules: { isSmeRequired: true, tagsAny: [], industryDivisions: ['C34', 'C38'] }, maxAmountYuan: 200000, deadline });
}
