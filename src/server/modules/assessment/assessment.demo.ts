/**
 * Demo data of the assessment module: the demo SME (苏州锐铭精密机械, log-in `sme`) declares three
 * years of figures and a profile that make it a 专精特新 firm a few steps short of 小巨人; the other
 * 苏州 anchors and every generated SME get deterministic inputs (SQL) so that `gov_sz`'s regional
 * screening shows candidates, near-misses and suppliers of chain leaders.
 */
import type { GradientProfile, YearlyIndicators } from '../../../contracts/assessment.js';
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { lastBusinessYear } from '../../platform/dates.js';
import { generateGradientInputs } from './gradient.generate.js';
import { saveGradientInputs } from './gradient.service.js';

/** The demo SME (log-in `sme`). */
export const DEMO_SME = '91320506MA1M2G8K8W';

const SME_PROFILE: GradientProfile = {
  nicheSince: '2014-03-01', ipClass1: 9, ipClass1Self: 7, ipHighValue: 0, ipClass2: 14, emergingField: true, productField: 'foundation',
  qualityItems: ['certification', 'own_brand', 'standards'], rdInstitutionLevel: 'city', stAwardLevel: 'none', equity2yWan: 0, equity3yWan: 0, chuangkeGroup: 'none',
  innovationTitles: ['high_tech'], hasInfoSystem: true, hasSystemCertification: true, marketSharePct: 7.5, domesticRank: 6, hasOwnBrand: true, localScore: 10,
  baselineCompliant: true, isKeyField: true, digitalLevel: 'level2',
};

/** 上年度 revenue 16850.5万 as in the registry; growth ~9% a year; R&D ~5.5%. */
function smeYears(lastYear: number): YearlyIndicators[] {
  return [
    { year: lastYear - 2, revenueWan: 14120, mainRevenueWan: 12850, netProfitWan: 1010, assetsWan: 12300, liabilitiesWan: 6150, rdSpendWan: 720, employees: 168, rdStaff: 25 },
    { year: lastYear - 1, revenueWan: 15460, mainRevenueWan: 14070, netProfitWan: 1180, assetsWan: 13200, liabilitiesWan: 6470, rdSpendWan: 830, employees: 176, rdStaff: 27 },
    { year: lastYear, revenueWan: 16850.5, mainRevenueWan: 15380, netProfitWan: 1320, assetsWan: 14220, liabilitiesWan: 6830, rdSpendWan: 930, employees: 186, rdStaff: 30 },
  ];
}

/** Demo data of the gradient evaluation, digital-transformation level, solution catalogue. */
export async function seedAssessmentDemo(db: Db): Promise<void> {
  const lastYear = lastBusinessYear();
  const sme = await db.selectFrom('enterprises').select('id').where('uscc', '=', DEMO_SME).executeTakeFirst();
  if (sme) {
    await saveGradientInputs(db, { actor: SYSTEM_ACTOR }, DEMO_SME, { profile: SME_PROFILE, years: smeYears(lastYear) });
  }
  await generateGradientInputs(db, '', lastYear);
}
