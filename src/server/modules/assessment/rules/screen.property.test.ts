/** The batch verdict (`screenTier`) agrees with the explained evaluation (`evaluateTier`) on any metrics. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTier, screenTier } from './engine.js';
import { configurableRuleKeys, GRADIENT_RULE_SETS } from './index.js';

const num = (min: number, max: number) => fc.option(fc.double({ min, max, noNaN: true }), { nil: undefined });
const pick = <T,>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
const metrics = fc.record({
  isSme: pick([true, false]), baselineCompliant: pick([true, false]), hasSpecializedTitle: pick([true, false]), hasInnovativeTitle: pick([true, false]),
  ipLevel: pick(['class1_high_value', 'class1_self', 'class1', 'class2', 'none']), rdRatio: num(0, 15), rdRatioMin2y: num(0, 15), mainRevenueGrowth: num(-20, 40),
  debtRatio: num(0, 100), emergingField: pick(['yes', 'no']), mainRevenueShare: num(30, 100), mainRevenueAvgGrowth2y: num(-10, 20), mainRevenueCagr2y: num(-10, 20),
  nicheYears: num(0, 20), productField: pick(['key_link', 'foundation', 'other']), digitalLevel: pick(['level4', 'level3', 'level2', 'level1', 'none']), qualityItems: num(0, 4),
  netProfitMargin: num(-5, 20), localScore: num(0, 15), rdSpendWan: num(0, 2000), rdSpend2yWan: num(0, 4000), rdSpendMin2yWan: num(0, 2000), rdAvg2yWan: num(0, 2000), rdStaffShare: num(0, 60),
  rdInstitutionLevel: pick(['national', 'provincial', 'city', 'below_city', 'none']), hasRdInstitution: pick([true, false]), stAwardLevel: pick(['national', 'provincial', 'none']), stAwardRank: num(1, 10),
  equity2yWan: num(0, 10000), equity3yWan: num(0, 10000), chuangkeGroup: pick(['top50', 'top500', 'none']), hasInnovationTitle: pick([true, false]), revenueWan: num(0, 30000),
  class1IpCount: num(0, 10), marketSharePct: num(0, 30), domesticRank: num(1, 20), hasInfoSystem: pick([true, false]), hasSystemCertification: pick([true, false]), hasOwnBrand: pick([true, false]),
  isKeyChainLink: pick([true, false]), isKeyField: pick([true, false]), qualityScore: num(0, 100),
});

describe('screenTier', () => {
  it('gives the same verdict, route, score, failed keys and score gap as evaluateTier', () => {
    const configurable = [...configurableRuleKeys()];
    fc.assert(fc.property(metrics, fc.subarray(configurable), (m, disabled) => {
      const clean = Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined));
      const settings = { disabled: new Set(disabled) };
      for (const set of GRADIENT_RULE_SETS) {
        for (const tier of set.tiers) {
          const full = evaluateTier(tier, clean, settings);
          const lean = screenTier(tier, clean, settings);
          const gaps = full.failed.filter((f) => f.key === 'score' || f.key.startsWith('group:')).map((f) => f.shortfalls[0].gap ?? 0);
          expect(lean).toEqual({ tier: tier.tier, qualified: full.qualified, route: full.route, score: full.score, failed: full.failed.map((f) => f.key), scoreGap: gaps.length > 0 ? Math.max(...gaps) : 0 });
        }
      }
    }), { numRuns: 500 });
  });
});
