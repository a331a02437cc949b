/**
 * 优质中小企业梯度培育管理办法 (工信部企业〔2026〕2号), in force 2026-04-01 (policy-rules.md §2(d)).
 * The existence and scope are ✅; every threshold below comes from one third-party data source
 * (⚠️), so the whole set is `single_source` and each rule can be switched off by an administrator.
 * The base tier keeps the 2022 附件1 criteria until a merged standard is issued.
 */
import type { RuleSet, TierRules } from './engine.js';
import { BASELINE, INNOVATIVE_2022 } from './gradient-2022.js';

const R = '工信部企业〔2026〕2号';

const INNOVATIVE_2026: TierRules = { ...INNOVATIVE_2022, name: '科技和创新型中小企业（沿用2022附件1标准）' };

const SPECIALIZED_2026: TierRules = {
  tier: 'specialized',
  name: '专精特新中小企业',
  requirements: [
    ...BASELINE,
    { key: 'spe26_title', text: '已获得科技和创新型中小企业称号', ref: `${R} 附件1`, status: 'single_source', check: { input: 'hasInnovativeTitle', op: '==', value: true } },
    { key: 'spe26_niche', text: '从事特定细分市场3年以上', ref: `${R} 附件1`, status: 'single_source', check: { input: 'nicheYears', op: '>=', value: 3 } },
    { key: 'spe26_revenue', text: '上年度营业收入1500万元以上，或近2年新增股权融资2000万元以上', ref: `${R} 附件1`, status: 'single_source', check: { any: [{ input: 'revenueWan', op: '>=', value: 1500 }, { input: 'equity2yWan', op: '>=', value: 2000 }] } },
    { key: 'spe26_main_share', text: '主营业务收入占营业收入比重80%以上', ref: `${R} 附件1`, status: 'single_source', check: { input: 'mainRevenueShare', op: '>=', value: 80 } },
    { key: 'spe26_debt', text: '资产负债率不高于80%', ref: `${R} 附件1`, status: 'single_source', check: { input: 'debtRatio', op: '<=', value: 80 } },
    { key: 'spe26_rd', text: '近2年每年研发费用100万元以上且占营业收入3%以上', ref: `${R} 附件1`, status: 'single_source', check: { all: [{ input: 'rdSpendMin2yWan', op: '>=', value: 100 }, { input: 'rdRatioMin2y', op: '>=', value: 3 }] } },
    {
      key: 'spe26_ip', text: '拥有1项以上与主导产品相关并实际应用的Ⅰ类知识产权（省级以上科技奖励排名前三或省级以上研发机构可替代）', ref: `${R} 附件1`, status: 'single_source',
      check: { any: [{ input: 'class1IpCount', op: '>=', value: 1 }, { all: [{ input: 'stAwardLevel', op: 'in', value: ['national', 'provincial'] }, { input: 'stAwardRank', op: '<=', value: 3 }] }, { input: 'rdInstitutionLevel', op: 'in', value: ['national', 'provincial'] }] },
    },
    { key: 'spe26_quality', text: '专精特新发展质量评价得分50分以上（工信厅企业〔2024〕75号指标体系，平台计算）', ref: `${R} 附件1`, status: 'unconfirmed', check: { input: 'qualityScore', op: '>=', value: 50 } },
  ],
  directRoutes: { replaces: 'score', routes: [] },
};

const LITTLE_GIANT_2026: TierRules = {
  tier: 'little_giant',
  name: '专精特新“小巨人”企业',
  requirements: [
    ...BASELINE,
    { key: 'lg26_title', text: '已获得省级专精特新中小企业称号', ref: `${R} 附件2`, status: 'single_source', check: { input: 'hasSpecializedTitle', op: '==', value: true } },
    { key: 'lg26_niche', text: '从事特定细分市场3年以上', ref: `${R} 附件2`, status: 'single_source', check: { input: 'nicheYears', op: '>=', value: 3 } },
    { key: 'lg26_revenue', text: '上年度营业收入5000万元以上', ref: `${R} 附件2`, status: 'single_source', check: { input: 'revenueWan', op: '>=', value: 5000 } },
    { key: 'lg26_main_share', text: '主营业务收入占营业收入比重90%以上', ref: `${R} 附件2`, status: 'single_source', check: { input: 'mainRevenueShare', op: '>=', value: 90 } },
    { key: 'lg26_growth', text: '近2年主营业务收入复合增长率5%以上', ref: `${R} 附件2`, status: 'single_source', check: { input: 'mainRevenueCagr2y', op: '>=', value: 5 } },
    { key: 'lg26_debt', text: '资产负债率不高于75%', ref: `${R} 附件2`, status: 'single_source', check: { input: 'debtRatio', op: '<=', value: 75 } },
    { key: 'lg26_rd', text: '近2年研发费用总额1200万元以上，且每年占营业收入3%以上', ref: `${R} 附件2`, status: 'single_source', check: { all: [{ input: 'rdSpend2yWan', op: '>=', value: 1200 }, { input: 'rdRatioMin2y', op: '>=', value: 3 }] } },
    {
      key: 'lg26_ip', text: '拥有4项以上Ⅰ类知识产权（国家级科技奖励排名前三可替代）', ref: `${R} 附件2`, status: 'single_source',
      check: { any: [{ input: 'class1IpCount', op: '>=', value: 4 }, { all: [{ input: 'stAwardLevel', op: 'in', value: ['national'] }, { input: 'stAwardRank', op: '<=', value: 3 }] }] },
    },
    { key: 'lg26_share', text: '细分市场占有率10%以上或国内前三', ref: `${R} 附件2`, status: 'single_source', check: { any: [{ input: 'marketSharePct', op: '>=', value: 10 }, { input: 'domesticRank', op: '<=', value: 3 }] } },
    { key: 'lg26_field', text: '主导产品属于工业“六基”或产业链关键环节', ref: `${R} 附件2`, status: 'single_source', check: { any: [{ input: 'isKeyField', op: '==', value: true }, { input: 'isKeyChainLink', op: '==', value: true }] } },
    { key: 'lg26_quality', text: '专精特新发展质量评价得分60分以上', ref: `${R} 附件2`, status: 'unconfirmed', check: { input: 'qualityScore', op: '>=', value: 60 } },
  ],
  directRoutes: { replaces: 'score', routes: [] },
};

/** The 2026 rule set (new applications), from 2026-04-01. */
export const GRADIENT_2026: RuleSet = {
  version: 'gradient-2026',
  name: '优质中小企业梯度培育管理办法（工信部企业〔2026〕2号）',
  effectiveFrom: '2026-04-01',
  effectiveTo: null,
  status: 'single_source',
  note: '⚠️ 2026年标准的具体门槛仅来自单一第三方来源，待与官方附件核对；管理员可停用任一未确认条款。2023批次复核仍适用2022标准。',
  tiers: [INNOVATIVE_2026, SPECIALIZED_2026, LITTLE_GIANT_2026],
};
