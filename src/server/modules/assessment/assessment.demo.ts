/**
 * Demo data of the assessment module: the demo SME (苏州锐铭精密机械, log-in `sme`) declares three
 * years of figures and a profile that make it a 专精特新 firm a few steps short of 小巨人; the other
 * 苏州 anchors and every generated SME get deterministic inputs (SQL) so that `gov_sz`'s regional
 * screening shows candidates, near-misses and suppliers of chain leaders. The SME also has a digital
 * assessment a year ago (T0) and now (T1), and providers list six 小快轻准 solutions.
 */
import type { GradientProfile, YearlyIndicators } from '../../../contracts/assessment.js';
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { lastBusinessYear } from '../../platform/dates.js';
import { generateGradientInputs } from './gradient.generate.js';
import { saveGradientInputs } from './gradient.service.js';
import { createDigitalAssessment } from './digital.service.js';
import { DIGITAL_2024, SCENARIO_LEVELS } from './digital.forms.js';
import { createSolution } from './solutions.service.js';
import type { CreateSolutionBody } from '../../../contracts/assessment.js';

/** The demo SME (log-in `sme`). */
export const DEMO_SME = '91320506MA1M2G8K8W';

const SME_PROFILE: GradientProfile = {
  nicheSince: '2014-03-01', ipClass1: 9, ipClass1Self: 7, ipHighValue: 0, ipClass2: 14, emergingField: true, productField: 'foundation',
  qualityItems: ['certification', 'own_brand', 'standards'], rdInstitutionLevel: 'city', stAwardLevel: 'none', equity2yWan: 0, equity3yWan: 0, chuangkeGroup: 'none',
  innovationTitles: ['high_tech'], hasInfoSystem: true, hasSystemCertification: true, marketSharePct: 7.5, domesticRank: 6, hasOwnBrand: true, localScore: 10,
  baselineCompliant: true, isKeyField: true, digitalLevel: 'level2', qualityScore: 72,
};

/** 上年度 revenue 16850.5万 as in the registry; growth ~9% a year; R&D ~5.5%. */
function smeYears(lastYear: number): YearlyIndicators[] {
  return [
    { year: lastYear - 2, revenueWan: 14120, mainRevenueWan: 12850, netProfitWan: 1010, assetsWan: 12300, liabilitiesWan: 6150, rdSpendWan: 720, employees: 168, rdStaff: 25 },
    { year: lastYear - 1, revenueWan: 15460, mainRevenueWan: 14070, netProfitWan: 1180, assetsWan: 13200, liabilitiesWan: 6470, rdSpendWan: 830, employees: 176, rdStaff: 27 },
    { year: lastYear, revenueWan: 16850.5, mainRevenueWan: 15380, netProfitWan: 1320, assetsWan: 14220, liabilitiesWan: 6830, rdSpendWan: 930, employees: 186, rdStaff: 30 },
  ];
}

/** Providers of the demo catalogue: the MES software SME of 苏州工业园区 and the battery leader's industrial apps. */
const MES_PROVIDER = '91320571MA1W5B3L6L';
const LEADER = '91320571MA1P3K7W9A';

const SOLUTIONS: (CreateSolutionBody & { uscc: string })[] = [
  { uscc: MES_PROVIDER, title: '轻量化MES（订阅制）', description: '面向离散制造中小企业的云MES：工单、报工、排产看板、质量追溯，按月订阅，无需自建机房。', kind: 'solution', industryCodes: ['C'], scenarios: ['生产管控', '排产', '质量追溯'], dimensions: ['foundation', 'management'], priceBand: '10k_50k', deploymentDays: 14 },
  { uscc: MES_PROVIDER, title: '设备联网与OEE看板', description: '数控机床、注塑机等主流设备协议采集，设备联网率与OEE实时看板，2周部署。', kind: 'solution', industryCodes: ['C34', 'C33', 'C29'], scenarios: ['设备管理', '数据采集'], dimensions: ['foundation', 'results'], priceBand: 'under_10k', deploymentDays: 10 },
  { uscc: MES_PROVIDER, title: '能耗监测SaaS', description: '分项计量电、气、水，单位产值能耗分析与节能建议，助力数字化成效提升。', kind: 'solution', industryCodes: [], scenarios: ['能源管理'], dimensions: ['results'], priceBand: 'under_10k', deploymentDays: 7 },
  { uscc: MES_PROVIDER, title: '数字化转型诊断与规划服务', description: '专家驻场一周，梳理业务流程，输出三年数字化规划、管理制度模板与人才培养方案。', kind: 'solution', industryCodes: [], scenarios: ['规划咨询', '制度建设'], dimensions: ['management'], priceBand: '10k_50k', deploymentDays: 30 },
  { uscc: LEADER, title: '供应商协同工业APP', description: '链主开放的供应商协同平台：订单、交付、质量8D在线协同，配套企业免费接入。', kind: 'industrial_app', industryCodes: ['C'], scenarios: ['供应链协同', '质量追溯'], dimensions: ['foundation', 'management'], priceBand: 'free', deploymentDays: 3 },
  { uscc: LEADER, title: '电池结构件质量检测APP', description: '基于链主检测标准的来料与过程检验APP，缺陷图像识别模型开放调用。', kind: 'industrial_app', industryCodes: ['C3484', 'C3399', 'C3841'], scenarios: ['质量检测'], dimensions: ['results'], priceBand: 'free', deploymentDays: 5 },
];

/** The demo SME's digital assessment a year ago (T0: 二级) and now (T1: 三级). */
/** Scenario self-ratings (s1…s16; 约束性: s3, s6–s13): T0 7 at 二级 or higher (5 约束性), T1 8 at 三级 or higher (6 约束性). */
const SCENARIOS_T0 = { s1: 'l1', s2: 'l1', s3: 'l2', s4: 'l1', s5: 'l2', s6: 'l2', s7: 'l2', s8: 'l1', s9: 'l1', s10: 'l1', s11: 'l1', s12: 'l2', s13: 'l2', s14: 'l1', s15: 'l2', s16: 'l0' };
const SCENARIOS_T1 = { s1: 'l2', s2: 'l2', s3: 'l3', s4: 'l2', s5: 'l3', s6: 'l3', s7: 'l3', s8: 'l2', s9: 'l2', s10: 'l2', s11: 'l3', s12: 'l3', s13: 'l3', s14: 'l2', s15: 'l3', s16: 'l1' };
const DIGITAL_T0 = { ...SCENARIOS_T0, b1: ['o1', 'o4'], b2: 'r20_40', b3: 'r10_20', b4: ['o2', 'o4'], b5: 'r20_40', b6: ['o1'], b7: ['o1', 'o3'], m1: 'planned', m2: ['o3'], m3: ['o2'], m4: 'p0_1', e1: 'flat', e2: 'better', e3: 'flat', e4: 'flat' };
const DIGITAL_T1 = { ...SCENARIOS_T1, b1: ['o1', 'o2', 'o4'], b2: 'r40_60', b3: 'r40_60', b4: ['o2', 'o4', 'o5', 'o6'], b5: 'r40_60', b6: ['o1', 'o2', 'o3'], b7: ['o1', 'o3', 'o4'], m1: 'partial', m2: ['o1', 'o3'], m3: ['o2', 'o3'], m4: 'p1_3', e1: 'better', e2: 'better', e3: 'better', e4: 'flat' };

/** Demo data of the gradient evaluation, digital-transformation level, solution catalogue. */
export async function seedAssessmentDemo(db: Db): Promise<void> {
  const lastYear = lastBusinessYear();
  const sme = await db.selectFrom('enterprises').select('id').where('uscc', '=', DEMO_SME).executeTakeFirst();
  if (sme) {
    await saveGradientInputs(db, { actor: SYSTEM_ACTOR }, DEMO_SME, { profile: SME_PROFILE, years: smeYears(lastYear) });
  }
  await generateGradientInputs(db, '', lastYear);
  for (const body of SOLUTIONS) {
    const provider = await db.selectFrom('enterprises').select('id').where('uscc', '=', body.uscc).executeTakeFirst();
    if (provider) await createSolution(db, { actor: SYSTEM_ACTOR }, body);
  }
  if (sme) {
    const t0 = await createDigitalAssessment(db, { actor: SYSTEM_ACTOR }, DEMO_SME, { form: 'general-2024', answers: DIGITAL_T0, isDraft: false });
    // T0 a year ago, so that the history reads as a re-assessment (DMAT-style T0 → T1).
    await db.updateTable('digital_assessments').set({ submitted_at: new Date(Date.now() - 365 * 86_400_000) }).where('id', '=', t0.id).execute();
    await createDigitalAssessment(db, { actor: SYSTEM_ACTOR }, DEMO_SME, { form: 'general-2024', answers: DIGITAL_T1, isDraft: false });
  }
  await seedRegionalDigitalSample(db);
}

/** SMEs of 江苏 with a submitted digital assessment in the demo, for the regional statistics. */
export const DIGITAL_SAMPLE_SIZE = 120;

/**
 * A deterministic sample of submitted digital assessments for 江苏 SMEs, spread over the last six
 * quarters: each enterprise gets a maturity in [0, 1] and answers (and scenario levels) around it.
 */
async function seedRegionalDigitalSample(db: Db): Promise<void> {
  const smes = await db.selectFrom('enterprises').select(['id', 'uscc']).where('region_code', 'like', '32%').where('size', '!=', 'large').where('uscc', '!=', DEMO_SME).orderBy('id').limit(DIGITAL_SAMPLE_SIZE).execute();
  let seed = 20_241_130;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T,>(items: readonly T[], maturity: number) => items[Math.max(0, Math.min(items.length - 1, Math.round(maturity * (items.length - 1) + (next() - 0.5) * 1.5)))];
  for (const [i, e] of smes.entries()) {
    const maturity = Math.min(1, Math.max(0, 0.15 + 0.7 * next() + 0.1 * (next() - 0.5)));
    const answers: Record<string, string | string[]> = {};
    for (const q of DIGITAL_2024.questions) {
      if (q.kind === 'single') answers[q.key] = pick(q.options, maturity).value;
      else {
        const real = q.options.filter((o) => !o.isNone).map((o) => o.value);
        const ticked = real.filter(() => next() < maturity);
        answers[q.key] = ticked.length > 0 ? ticked : ['none'];
      }
    }
    for (const sc of DIGITAL_2024.scenarios) answers[sc.key] = pick(SCENARIO_LEVELS, maturity).value;
    const view = await createDigitalAssessment(db, { actor: SYSTEM_ACTOR }, e.uscc, { form: 'general-2024', answers, isDraft: false });
    await db.updateTable('digital_assessments').set({ submitted_at: new Date(Date.now() - ((i % 6) * 91 + 10) * 86_400_000) }).where('id', '=', view.id).execute();
  }
}
