/**
 * Worked cases written from the rule tables of policy-rules.md §2 (not from the code): every band of
 * every scored indicator at and just below each boundary, the part-score minimums, the required
 * conditions, the direct routes, and version switching on the effective date.
 */
import { describe, expect, it } from 'vitest';
import { evaluateTier, type Metrics, type RuleSettings, type TierResult } from './engine.js';
import { GRADIENT_2022, INNOVATIVE_2022, LITTLE_GIANT_2022, SPECIALIZED_2022 } from './gradient-2022.js';
import { configurableRuleKeys, gradientRuleSetOn } from './index.js';

const NONE: RuleSettings = { disabled: new Set() };
const points = (r: TierResult, key: string) => r.indicators.find((i) => i.key === key)!.points;
const band = (r: TierResult, key: string) => r.indicators.find((i) => i.key === key)!.band;

/** A firm that earns full marks on the 创新型 table. */
const STRONG_INNOVATIVE: Metrics = {
  isSme: true, baselineCompliant: true, ipLevel: 'class1_high_value', rdRatio: 6, mainRevenueGrowth: 20, debtRatio: 40, emergingField: 'yes', mainRevenueShare: 90,
};

describe('创新型中小企业 (附件1) — bands', () => {
  const cases: [indicator: string, input: string, value: number | string, expected: number][] = [
    ['inn_ip', 'ipLevel', 'class1_high_value', 20], ['inn_ip', 'ipLevel', 'class1_self', 15], ['inn_ip', 'ipLevel', 'class1', 10], ['inn_ip', 'ipLevel', 'class2', 5], ['inn_ip', 'ipLevel', 'none', 0],
    ['inn_rd_ratio', 'rdRatio', 5, 20], ['inn_rd_ratio', 'rdRatio', 4.99, 15], ['inn_rd_ratio', 'rdRatio', 3, 15], ['inn_rd_ratio', 'rdRatio', 2.99, 10], ['inn_rd_ratio', 'rdRatio', 2, 10],
    ['inn_rd_ratio', 'rdRatio', 1.99, 5], ['inn_rd_ratio', 'rdRatio', 1, 5], ['inn_rd_ratio', 'rdRatio', 0.99, 0], ['inn_rd_ratio', 'rdRatio', 0, 0],
    ['inn_growth', 'mainRevenueGrowth', 15, 20], ['inn_growth', 'mainRevenueGrowth', 14.99, 15], ['inn_growth', 'mainRevenueGrowth', 10, 15], ['inn_growth', 'mainRevenueGrowth', 9.99, 10],
    ['inn_growth', 'mainRevenueGrowth', 5, 10], ['inn_growth', 'mainRevenueGrowth', 4.99, 5], ['inn_growth', 'mainRevenueGrowth', 0, 5], ['inn_growth', 'mainRevenueGrowth', -0.01, 0],
    ['inn_debt', 'debtRatio', 55, 10], ['inn_debt', 'debtRatio', 55.01, 5], ['inn_debt', 'debtRatio', 75, 5], ['inn_debt', 'debtRatio', 75.01, 0],
    ['inn_field', 'emergingField', 'yes', 10], ['inn_field', 'emergingField', 'no', 5],
    ['inn_main_share', 'mainRevenueShare', 70, 20], ['inn_main_share', 'mainRevenueShare', 69.99, 15], ['inn_main_share', 'mainRevenueShare', 60, 15], ['inn_main_share', 'mainRevenueShare', 59.99, 10],
    ['inn_main_share', 'mainRevenueShare', 55, 10], ['inn_main_share', 'mainRevenueShare', 54.99, 5], ['inn_main_share', 'mainRevenueShare', 50, 5], ['inn_main_share', 'mainRevenueShare', 49.99, 0],
  ];
  it.each(cases)('%s with %s = %s scores %d', (indicator, input, value, expected) => {
    const r = evaluateTier(INNOVATIVE_2022, { ...STRONG_INNOVATIVE, [input]: value }, NONE);
    expect(points(r, indicator)).toBe(expected);
  });

  it('qualifies at exactly 60 with the part minimums met, and not at 55', () => {
    // 创新能力 10+10=20, 成长性 10+5=15, 专业化 5+10=15 → 50; add 10 to reach 60.
    const at60 = evaluateTier(INNOVATIVE_2022, { isSme: true, baselineCompliant: true, ipLevel: 'class1', rdRatio: 2, mainRevenueGrowth: 15, debtRatio: 60, emergingField: 'no', mainRevenueShare: 55 }, NONE);
    expect(at60.score).toBe(60);
    expect(at60.qualified).toBe(true);
    expect(at60.route).toBe('score');
    const at55 = evaluateTier(INNOVATIVE_2022, { isSme: true, baselineCompliant: true, ipLevel: 'class1', rdRatio: 2, mainRevenueGrowth: 10, debtRatio: 60, emergingField: 'no', mainRevenueShare: 55 }, NONE);
    expect(at55.score).toBe(55);
    expect(at55.qualified).toBe(false);
    expect(at55.failed.find((f) => f.key === 'score')?.shortfalls[0].gap).toBe(5);
  });

  it('fails a score ≥60 when a part is below its minimum, and says which and by how much', () => {
    // 创新能力 5+0 = 5 < 20; total 5 + 30 + 30 = 65.
    const r = evaluateTier(INNOVATIVE_2022, { ...STRONG_INNOVATIVE, ipLevel: 'class2', rdRatio: 0.5 }, NONE);
    expect(r.score).toBe(65);
    expect(r.qualified).toBe(false);
    expect(r.failed.map((f) => f.key)).toEqual(['group:innovation']);
    expect(r.failed[0].shortfalls[0].gap).toBe(15);
  });

  it.each([
    ['inn_direct_award', { stAwardLevel: 'provincial' }],
    ['inn_direct_title', { hasInnovationTitle: true }],
    ['inn_direct_rd_institution', { rdInstitutionLevel: 'provincial' }],
    ['inn_direct_equity', { equity3yWan: 500 }],
  ] as const)('qualifies directly through %s despite a low score', (key, extra) => {
    const r = evaluateTier(INNOVATIVE_2022, { isSme: true, baselineCompliant: true, ipLevel: 'none', rdRatio: 0, ...extra }, NONE);
    expect(r.qualified).toBe(true);
    expect(r.route).toBe(`direct:${key}`);
  });

  it('does not take the equity route at 499.99万 or a city-level R&D institution', () => {
    expect(evaluateTier(INNOVATIVE_2022, { isSme: true, baselineCompliant: true, equity3yWan: 499.99, rdInstitutionLevel: 'city' }, NONE).qualified).toBe(false);
  });

  it('never qualifies a large enterprise, even on a direct route', () => {
    const r = evaluateTier(INNOVATIVE_2022, { ...STRONG_INNOVATIVE, isSme: false, stAwardLevel: 'national' }, NONE);
    expect(r.qualified).toBe(false);
    expect(r.failed.map((f) => f.key)).toEqual(['is_sme']);
  });

  it('reports missing figures, evaluates the rest and suggests the next band', () => {
    const r = evaluateTier(INNOVATIVE_2022, { isSme: true, baselineCompliant: true, ipLevel: 'class1', rdRatio: 2.4 }, NONE);
    expect(r.missing.sort()).toEqual(['equity3yWan', 'hasInnovationTitle', 'inn_debt', 'inn_field', 'inn_growth', 'inn_main_share', 'rdInstitutionLevel', 'stAwardLevel']);
    expect(r.score).toBe(20);
    const rd = r.indicators.find((i) => i.key === 'inn_rd_ratio')!;
    expect(rd.next).toEqual({ band: '≥3%', points: 15, input: 'rdRatio', needed: 3 });
    expect(r.improvements.find((i) => i.key === 'inn_rd_ratio')?.gain).toBe(5);
  });
});

/** A firm meeting every 专精特新 requirement, scoring full marks. */
const STRONG_SPECIALIZED: Metrics = {
  isSme: true, baselineCompliant: true, nicheYears: 10, rdSpendWan: 600, rdRatio: 12, revenueWan: 5000, mainRevenueShare: 90, mainRevenueAvgGrowth2y: 12,
  productField: 'key_link', digitalLevel: 'level3', qualityItems: 2, netProfitMargin: 12, debtRatio: 40, localScore: 15, ipLevel: 'class1_high_value', rdStaffShare: 25, rdInstitutionLevel: 'national',
};

describe('专精特新中小企业 (附件2) — bands', () => {
  it('scores 100 for the strong firm', () => {
    expect(evaluateTier(SPECIALIZED_2022, STRONG_SPECIALIZED, NONE).score).toBe(100);
  });

  const cases: [string, string, number | string, number][] = [
    ['spe_main_share', 'mainRevenueShare', 80, 5], ['spe_main_share', 'mainRevenueShare', 79.99, 3], ['spe_main_share', 'mainRevenueShare', 70, 3], ['spe_main_share', 'mainRevenueShare', 69.99, 1],
    ['spe_main_share', 'mainRevenueShare', 60, 1], ['spe_main_share', 'mainRevenueShare', 59.99, 0],
    ['spe_growth', 'mainRevenueAvgGrowth2y', 10, 10], ['spe_growth', 'mainRevenueAvgGrowth2y', 9.99, 8], ['spe_growth', 'mainRevenueAvgGrowth2y', 8, 8], ['spe_growth', 'mainRevenueAvgGrowth2y', 7.99, 6],
    ['spe_growth', 'mainRevenueAvgGrowth2y', 6, 6], ['spe_growth', 'mainRevenueAvgGrowth2y', 5.99, 4], ['spe_growth', 'mainRevenueAvgGrowth2y', 4, 4], ['spe_growth', 'mainRevenueAvgGrowth2y', 3.99, 2],
    ['spe_growth', 'mainRevenueAvgGrowth2y', 0, 2], ['spe_growth', 'mainRevenueAvgGrowth2y', -0.01, 0],
    ['spe_niche', 'nicheYears', 1, 0], ['spe_niche', 'nicheYears', 2, 1], ['spe_niche', 'nicheYears', 3, 1], ['spe_niche', 'nicheYears', 4, 2], ['spe_niche', 'nicheYears', 9, 4], ['spe_niche', 'nicheYears', 10, 5], ['spe_niche', 'nicheYears', 30, 5],
    ['spe_field', 'productField', 'key_link', 5], ['spe_field', 'productField', 'foundation', 3], ['spe_field', 'productField', 'other', 0],
    ['spe_digital', 'digitalLevel', 'level4', 5], ['spe_digital', 'digitalLevel', 'level3', 5], ['spe_digital', 'digitalLevel', 'level2', 3], ['spe_digital', 'digitalLevel', 'level1', 0],
    ['spe_quality', 'qualityItems', 0, 0], ['spe_quality', 'qualityItems', 1, 3], ['spe_quality', 'qualityItems', 2, 5], ['spe_quality', 'qualityItems', 4, 5],
    ['spe_margin', 'netProfitMargin', 10, 10], ['spe_margin', 'netProfitMargin', 9.99, 8], ['spe_margin', 'netProfitMargin', 8, 8], ['spe_margin', 'netProfitMargin', 7.99, 6], ['spe_margin', 'netProfitMargin', 6, 6],
    ['spe_margin', 'netProfitMargin', 5.99, 4], ['spe_margin', 'netProfitMargin', 4, 4], ['spe_margin', 'netProfitMargin', 3.99, 2], ['spe_margin', 'netProfitMargin', 2, 2], ['spe_margin', 'netProfitMargin', 1.99, 0],
    ['spe_debt', 'debtRatio', 50, 5], ['spe_debt', 'debtRatio', 50.01, 3], ['spe_debt', 'debtRatio', 60, 3], ['spe_debt', 'debtRatio', 60.01, 1], ['spe_debt', 'debtRatio', 70, 1], ['spe_debt', 'debtRatio', 70.01, 0],
    ['spe_local', 'localScore', 0, 0], ['spe_local', 'localScore', 7, 7], ['spe_local', 'localScore', 15, 15],
    ['spe_ip', 'ipLevel', 'class1_high_value', 10], ['spe_ip', 'ipLevel', 'class1_self', 8], ['spe_ip', 'ipLevel', 'class1', 6], ['spe_ip', 'ipLevel', 'class2', 2], ['spe_ip', 'ipLevel', 'none', 0],
    ['spe_rd_staff', 'rdStaffShare', 20, 5], ['spe_rd_staff', 'rdStaffShare', 19.99, 3], ['spe_rd_staff', 'rdStaffShare', 10, 3], ['spe_rd_staff', 'rdStaffShare', 9.99, 1], ['spe_rd_staff', 'rdStaffShare', 5, 1], ['spe_rd_staff', 'rdStaffShare', 4.99, 0],
    ['spe_rd_institution', 'rdInstitutionLevel', 'national', 10], ['spe_rd_institution', 'rdInstitutionLevel', 'provincial', 8], ['spe_rd_institution', 'rdInstitutionLevel', 'city', 4],
    ['spe_rd_institution', 'rdInstitutionLevel', 'below_city', 2], ['spe_rd_institution', 'rdInstitutionLevel', 'none', 0],
  ];
  it.each(cases)('%s with %s = %s scores %d', (indicator, input, value, expected) => {
    expect(points(evaluateTier(SPECIALIZED_2022, { ...STRONG_SPECIALIZED, [input]: value }, NONE), indicator)).toBe(expected);
  });

  const rdCases: [spendWan: number, ratio: number, expected: number][] = [
    [500, 0, 10], [499.99, 0, 8], [400, 0, 8], [399.99, 0, 6], [300, 0, 6], [299.99, 0, 4], [200, 0, 4], [199.99, 0, 2], [100, 0, 2], [99.99, 0, 0],
    [0, 10, 10], [0, 9.99, 8], [0, 8, 8], [0, 7.99, 6], [0, 6, 6], [0, 5.99, 4], [0, 4, 4], [0, 3.99, 2], [0, 3, 2], [0, 2.99, 0],
    [250, 8.5, 8], [450, 4.5, 8],
  ];
  it.each(rdCases)('R&D 投入 of %s万元 at %s%% scores %d (the better of amount and share)', (spendWan, ratio, expected) => {
    expect(points(evaluateTier(SPECIALIZED_2022, { ...STRONG_SPECIALIZED, rdSpendWan: spendWan, rdRatio: ratio }, NONE), 'spe_rd')).toBe(expected);
  });

  it.each([
    ['spe_req_niche', { nicheYears: 1 }],
    ['spe_req_rd', { rdSpendWan: 99 }],
    ['spe_req_rd', { rdRatio: 2.99 }],
    ['spe_req_revenue', { revenueWan: 999, equity2yWan: 1999 }],
  ] as const)('fails requirement %s', (key, extra) => {
    const r = evaluateTier(SPECIALIZED_2022, { ...STRONG_SPECIALIZED, ...extra }, NONE);
    expect(r.qualified).toBe(false);
    expect(r.failed.map((f) => f.key)).toContain(key);
  });

  it('accepts revenue below 1000万 with 2000万 equity', () => {
    expect(evaluateTier(SPECIALIZED_2022, { ...STRONG_SPECIALIZED, revenueWan: 800, equity2yWan: 2000 }, NONE).qualified).toBe(true);
  });

  const weak = { ...STRONG_SPECIALIZED, mainRevenueShare: 50, mainRevenueAvgGrowth2y: -1, productField: 'other', digitalLevel: 'level1', qualityItems: 0, netProfitMargin: 0, debtRatio: 90, localScore: 0, ipLevel: 'none', rdStaffShare: 0, rdInstitutionLevel: 'none', rdSpendWan: 150, rdRatio: 3, nicheYears: 2 };
  it.each([
    ['spe_direct_award', { stAwardLevel: 'provincial', stAwardRank: 3 }],
    ['spe_direct_award', { stAwardLevel: 'national', stAwardRank: 5 }],
    ['spe_direct_rd', { rdAvg2yWan: 1000 }],
    ['spe_direct_equity', { equity2yWan: 6000 }],
    ['spe_direct_chuangke', { chuangkeGroup: 'top500' }],
  ] as const)('a low score qualifies through %s', (key, extra) => {
    const base = evaluateTier(SPECIALIZED_2022, weak, NONE);
    expect(base.qualified).toBe(false);
    const r = evaluateTier(SPECIALIZED_2022, { ...weak, ...extra }, NONE);
    expect(r.qualified).toBe(true);
    expect(r.route).toBe(`direct:${key}`);
  });

  it('does not take the award route for a provincial 4th place or national 6th place', () => {
    expect(evaluateTier(SPECIALIZED_2022, { ...weak, stAwardLevel: 'provincial', stAwardRank: 4 }, NONE).qualified).toBe(false);
    expect(evaluateTier(SPECIALIZED_2022, { ...weak, stAwardLevel: 'national', stAwardRank: 6 }, NONE).qualified).toBe(false);
  });

  it('a direct route does not replace the required conditions', () => {
    const r = evaluateTier(SPECIALIZED_2022, { ...weak, rdAvg2yWan: 1200, nicheYears: 1 }, NONE);
    expect(r.qualified).toBe(false);
    expect(r.failed.map((f) => f.key)).toEqual(['spe_req_niche']);
  });
});

/** A firm meeting every 小巨人 requirement through the general 新 conditions (revenue ≥1亿). */
const STRONG_GIANT: Metrics = {
  isSme: true, baselineCompliant: true, hasSpecializedTitle: true, nicheYears: 5, mainRevenueShare: 85, mainRevenueAvgGrowth2y: 8, hasInfoSystem: true, hasSystemCertification: true, debtRatio: 50,
  marketSharePct: 15, hasOwnBrand: true, revenueWan: 20000, rdRatioMin2y: 4, hasRdInstitution: true, class1IpCount: 3, isKeyChainLink: true, isKeyField: true,
};

describe('专精特新“小巨人” (附件3)', () => {
  it('qualifies through the general conditions', () => {
    const r = evaluateTier(LITTLE_GIANT_2022, STRONG_GIANT, NONE);
    expect(r.failed).toEqual([]);
    expect(r.qualified).toBe(true);
    expect(r.route).toBe('requirements');
  });

  it.each([
    ['lg_zhuan_niche', 'nicheYears', 2, 3], ['lg_zhuan_share', 'mainRevenueShare', 69.99, 70], ['lg_zhuan_growth', 'mainRevenueAvgGrowth2y', 4.99, 5],
    ['lg_jing_debt', 'debtRatio', 70.01, 70], ['lg_te_share', 'marketSharePct', 9.99, 10], ['lg_xin_ip', 'class1IpCount', 1, 2],
  ] as const)('%s: fails at %s = %s and passes at %s', (key, input, failing, passing) => {
    const fail = evaluateTier(LITTLE_GIANT_2022, { ...STRONG_GIANT, [input]: failing }, NONE);
    expect(fail.qualified).toBe(false);
    expect(fail.failed.map((f) => f.key)).toEqual([key]);
    expect(evaluateTier(LITTLE_GIANT_2022, { ...STRONG_GIANT, [input]: passing }, NONE).qualified).toBe(true);
  });

  it.each([
    // revenue ≥1亿: 3% each year
    [10000, 3, true], [10000, 2.99, false],
    // 5000万–1亿: 6% each year
    [9999.99, 6, true], [9999.99, 5.99, false], [5000, 6, true], [5000, 5.99, false],
  ] as const)('R&D tier: revenue %s万 with min yearly share %s%% → %s', (revenueWan, ratio, expected) => {
    expect(evaluateTier(LITTLE_GIANT_2022, { ...STRONG_GIANT, revenueWan, rdRatioMin2y: ratio }, NONE).qualified).toBe(expected);
  });

  it('below 5000万 needs 8000万 equity, 3000万 R&D and 50% R&D staff', () => {
    const small = { ...STRONG_GIANT, revenueWan: 4999, rdRatioMin2y: 1, equity2yWan: 8000, rdSpend2yWan: 3000, rdStaffShare: 50 };
    expect(evaluateTier(LITTLE_GIANT_2022, small, NONE).qualified).toBe(true);
    for (const miss of [{ equity2yWan: 7999 }, { rdSpend2yWan: 2999 }, { rdStaffShare: 49.9 }]) {
      const r = evaluateTier(LITTLE_GIANT_2022, { ...small, ...miss }, NONE);
      expect(r.failed.map((f) => f.key)).toEqual(['lg_xin_rd_small']);
    }
  });

  it('a direct route replaces the 新 group only', () => {
    const noNew = { ...STRONG_GIANT, hasRdInstitution: false, class1IpCount: 0, rdRatioMin2y: 0 };
    expect(evaluateTier(LITTLE_GIANT_2022, noNew, NONE).qualified).toBe(false);
    const viaChuangke = evaluateTier(LITTLE_GIANT_2022, { ...noNew, chuangkeGroup: 'top50' }, NONE);
    expect(viaChuangke.qualified).toBe(true);
    expect(viaChuangke.route).toBe('direct:lg_direct_chuangke');
    expect(evaluateTier(LITTLE_GIANT_2022, { ...noNew, chuangkeGroup: 'top500' }, NONE).qualified).toBe(false);
    expect(evaluateTier(LITTLE_GIANT_2022, { ...noNew, chuangkeGroup: 'top50', marketSharePct: 5 }, NONE).failed.map((f) => f.key)).toEqual(['lg_te_share']);
  });

  it('an administrator can switch off the unconfirmed 链/品 rules but not confirmed ones', () => {
    const without = { ...STRONG_GIANT, isKeyChainLink: false, isKeyField: undefined };
    expect(evaluateTier(LITTLE_GIANT_2022, without, NONE).failed.map((f) => f.key)).toEqual(['lg_lian', 'lg_pin']);
    expect(evaluateTier(LITTLE_GIANT_2022, without, { disabled: new Set(['lg_lian', 'lg_pin']) }).qualified).toBe(true);
    expect(configurableRuleKeys().has('lg_lian')).toBe(true);
    expect(configurableRuleKeys().has('lg_zhuan_niche')).toBe(false);
    const r = evaluateTier(LITTLE_GIANT_2022, { ...STRONG_GIANT, nicheYears: 1 }, { disabled: new Set(['lg_zhuan_niche']) });
    expect(r.qualified).toBe(false);
  });
});

describe(gradientRuleSetOn.name, () => {
  it('switches from the 2022 to the 2026 rules on 2026-04-01', () => {
    expect(gradientRuleSetOn('2026-03-31').version).toBe('gradient-2022');
    expect(gradientRuleSetOn('2026-04-01').version).toBe('gradient-2026');
    expect(gradientRuleSetOn('2023-01-01')).toBe(GRADIENT_2022);
  });

  it('the same firm is a 专精特新 candidate under 2022 and not under 2026 (main share 80% → 90% bar, title needed)', () => {
    const metrics = { ...STRONG_SPECIALIZED, mainRevenueShare: 75, hasInnovativeTitle: false, rdSpendMin2yWan: 600, rdRatioMin2y: 12, class1IpCount: 2, qualityScore: 70 };
    const v2022 = evaluateTier(gradientRuleSetOn('2026-03-31').tiers[1], metrics, NONE);
    const v2026 = evaluateTier(gradientRuleSetOn('2026-04-01').tiers[1], metrics, NONE);
    expect(v2022.qualified).toBe(true);
    expect(v2026.qualified).toBe(false);
    expect(v2026.failed.map((f) => f.key).sort()).toEqual(['spe26_main_share', 'spe26_title']);
    expect(band(v2022, 'spe_main_share')).toBe('≥70%');
  });
});
