/**
 * 优质中小企业梯度培育管理暂行办法 (工信部企业〔2022〕63号), annexes 1–3, as data
 * (policy-rules.md §2(a)–(c)). Units: percentages as numbers (4.5 = 4.5%), money in 万元, years.
 * ✅ rules are `confirmed`; ⚠️/❓ ones carry their status and can be switched off by an administrator.
 */
import type { Band, Condition, RuleSet, ScoredIndicator, TierRules } from './engine.js';

const A1 = '工信部企业〔2022〕63号 附件1 创新型中小企业评价标准';
const A2 = '工信部企业〔2022〕63号 附件2 专精特新中小企业认定标准';
const A3 = '工信部企业〔2022〕63号 附件3 专精特新“小巨人”企业认定标准';

/** Bands best first with inclusive lower bounds: [[min, points], …, [undefined, 0]]. */
export function atLeast(unit: string, steps: readonly (readonly [number, number])[], floor = 0): Band[] {
  return [...steps.map(([min, points]) => ({ min, points, label: `≥${min}${unit}` })), { points: floor, label: `<${steps[steps.length - 1][0]}${unit}` }];
}

/** Bands best first with inclusive upper bounds (lower is better, e.g. 资产负债率). */
export function atMost(unit: string, steps: readonly (readonly [number, number])[], floor = 0): Band[] {
  return [...steps.map(([max, points]) => ({ max, points, label: `≤${max}${unit}` })), { points: floor, label: `>${steps[steps.length - 1][0]}${unit}` }];
}

/** The baseline every tier needs: an SME under the State Council standard (✅) and clean record (⚠️, declared). */
export const BASELINE: readonly Condition[] = [
  { key: 'is_sme', text: '属于中小企业（工信部联企业〔2011〕300号划型标准）', ref: '63号 第三条', status: 'confirmed', check: { input: 'isSme', op: '==', value: true } },
  {
    key: 'baseline_compliance',
    text: '未被列入经营异常名录或严重失信名单，近三年无重大安全、质量、环境事故及偷漏税（企业声明）',
    ref: '63号 第三条',
    status: 'single_source',
    check: { input: 'baselineCompliant', op: '==', value: true },
  },
];

const IP_OPTIONS = (points: readonly [number, number, number, number]) => [
  { value: 'class1_high_value', points: points[0], label: 'Ⅰ类高价值知识产权' },
  { value: 'class1_self', points: points[1], label: '自主研发Ⅰ类知识产权' },
  { value: 'class1', points: points[2], label: 'Ⅰ类知识产权' },
  { value: 'class2', points: points[3], label: 'Ⅱ类知识产权' },
  { value: 'none', points: 0, label: '无' },
];

const innovativeIndicators: ScoredIndicator[] = [
  { key: 'inn_ip', name: '与主导产品相关的有效知识产权', group: 'innovation', maxPoints: 20, unit: '', ref: `${A1} 一(1)`, status: 'confirmed', scoring: { kind: 'choice', input: 'ipLevel', options: IP_OPTIONS([20, 15, 10, 5]) } },
  { key: 'inn_rd_ratio', name: '上年度研发费用总额占营业收入比重', group: 'innovation', maxPoints: 20, unit: '%', ref: `${A1} 一(2)`, status: 'confirmed', scoring: { kind: 'bands', input: 'rdRatio', bands: atLeast('%', [[5, 20], [3, 15], [2, 10], [1, 5]]) } },
  { key: 'inn_growth', name: '上年度主营业务收入增长率', group: 'growth', maxPoints: 20, unit: '%', ref: `${A1} 二(1)`, status: 'confirmed', scoring: { kind: 'bands', input: 'mainRevenueGrowth', bands: atLeast('%', [[15, 20], [10, 15], [5, 10], [0, 5]]) } },
  { key: 'inn_debt', name: '上年度资产负债率', group: 'growth', maxPoints: 10, unit: '%', ref: `${A1} 二(2)`, status: 'confirmed', scoring: { kind: 'bands', input: 'debtRatio', bands: atMost('%', [[55, 10], [75, 5]]) } },
  {
    key: 'inn_field', name: '主导产品所属领域', group: 'specialization', maxPoints: 10, unit: '', ref: `${A1} 三(1)`, status: 'confirmed',
    scoring: { kind: 'choice', input: 'emergingField', options: [{ value: 'yes', points: 10, label: '属于《战略性新兴产业分类》' }, { value: 'no', points: 5, label: '其他领域' }] },
  },
  { key: 'inn_main_share', name: '上年度主营业务收入总额占营业收入总额比重', group: 'specialization', maxPoints: 20, unit: '%', ref: `${A1} 三(2)`, status: 'confirmed', scoring: { kind: 'bands', input: 'mainRevenueShare', bands: atLeast('%', [[70, 20], [60, 15], [55, 10], [50, 5]]) } },
];

/** 创新型中小企业 (附件1): score ≥60 with part minimums, or any one direct condition. */
export const INNOVATIVE_2022: TierRules = {
  tier: 'innovative',
  name: '创新型中小企业',
  requirements: BASELINE,
  scoring: {
    indicators: innovativeIndicators,
    passScore: 60,
    groupMinimums: { innovation: 20, growth: 15, specialization: 15 },
    groupNames: { innovation: '创新能力', growth: '成长性', specialization: '专业化' },
    ref: `${A1} 评价得分达到60分以上（其中创新能力得分不低于20分、成长性得分不低于15分、专业化得分不低于15分）`,
  },
  directRoutes: {
    replaces: 'score',
    routes: [
      { key: 'inn_direct_award', text: '近三年内获得国家级、省级科技奖励', ref: `${A1} 直通条件(1)`, status: 'confirmed', check: { input: 'stAwardLevel', op: 'in', value: ['national', 'provincial'] } },
      { key: 'inn_direct_title', text: '获得高新技术企业、国家级技术创新示范企业、知识产权优势企业和知识产权示范企业等荣誉（均为有效期内）', ref: `${A1} 直通条件(2)`, status: 'confirmed', check: { input: 'hasInnovationTitle', op: '==', value: true } },
      { key: 'inn_direct_rd_institution', text: '拥有经认定的省部级以上研发机构', ref: `${A1} 直通条件(3)`, status: 'confirmed', check: { input: 'rdInstitutionLevel', op: 'in', value: ['national', 'provincial'] } },
      { key: 'inn_direct_equity', text: '近三年新增股权融资总额（合格机构投资者的实缴额）500万元以上', ref: `${A1} 直通条件(4)`, status: 'confirmed', check: { input: 'equity3yWan', op: '>=', value: 500 } },
    ],
  },
};

const specializedIndicators: ScoredIndicator[] = [
  { key: 'spe_main_share', name: '上年度主营业务收入总额占营业收入总额比重', group: 'specialization', maxPoints: 5, unit: '%', ref: `${A2} 专业化(1)`, status: 'confirmed', scoring: { kind: 'bands', input: 'mainRevenueShare', bands: atLeast('%', [[80, 5], [70, 3], [60, 1]]) } },
  { key: 'spe_growth', name: '近2年主营业务收入平均增长率', group: 'specialization', maxPoints: 10, unit: '%', ref: `${A2} 专业化(2)`, status: 'confirmed', scoring: { kind: 'bands', input: 'mainRevenueAvgGrowth2y', bands: atLeast('%', [[10, 10], [8, 8], [6, 6], [4, 4], [0, 2]]) } },
  { key: 'spe_niche', name: '从事特定细分市场年限', group: 'specialization', maxPoints: 5, unit: '年', ref: `${A2} 专业化(3)`, status: 'confirmed', scoring: { kind: 'per_unit', input: 'nicheYears', per: 2, pointsPer: 1 } },
  {
    key: 'spe_field', name: '主导产品所属领域情况', group: 'specialization', maxPoints: 5, unit: '', ref: `${A2} 专业化(4)`, status: 'confirmed',
    scoring: {
      kind: 'choice', input: 'productField', options: [
        { value: 'key_link', points: 5, label: '在产业链供应链关键环节补短板、锻长板、填空白取得实际成效' },
        { value: 'foundation', points: 3, label: '工业“六基”、中华老字号或产业链龙头企业配套' },
        { value: 'other', points: 0, label: '其他' },
      ],
    },
  },
  {
    key: 'spe_digital', name: '数字化水平', group: 'refinement', maxPoints: 5, unit: '', ref: `${A2} 精细化(1)`, status: 'confirmed',
    scoring: {
      kind: 'choice', input: 'digitalLevel', options: [
        { value: 'level4', points: 5, label: '四级' }, { value: 'level3', points: 5, label: '三级' }, { value: 'level2', points: 3, label: '二级' },
        { value: 'level1', points: 0, label: '一级' }, { value: 'none', points: 0, label: '未达一级' },
      ],
    },
  },
  { key: 'spe_quality', name: '质量管理水平（每满足一项加3分）', group: 'refinement', maxPoints: 5, unit: '项', ref: `${A2} 精细化(2)`, status: 'confirmed', scoring: { kind: 'per_unit', input: 'qualityItems', per: 1, pointsPer: 3 } },
  { key: 'spe_margin', name: '上年度净利润率', group: 'refinement', maxPoints: 10, unit: '%', ref: `${A2} 精细化(3)`, status: 'confirmed', scoring: { kind: 'bands', input: 'netProfitMargin', bands: atLeast('%', [[10, 10], [8, 8], [6, 6], [4, 4], [2, 2]]) } },
  { key: 'spe_debt', name: '上年度资产负债率', group: 'refinement', maxPoints: 5, unit: '%', ref: `${A2} 精细化(4)`, status: 'confirmed', scoring: { kind: 'bands', input: 'debtRatio', bands: atMost('%', [[50, 5], [60, 3], [70, 1]]) } },
  { key: 'spe_local', name: '地方特色指标（由省级主管部门设定1–3个）', group: 'feature', maxPoints: 15, unit: '分', ref: `${A2} 特色化`, status: 'confirmed', scoring: { kind: 'per_unit', input: 'localScore', per: 1, pointsPer: 1 } },
  { key: 'spe_ip', name: '与主导产品相关的有效知识产权', group: 'innovation', maxPoints: 10, unit: '', ref: `${A2} 创新能力(1)`, status: 'confirmed', scoring: { kind: 'choice', input: 'ipLevel', options: IP_OPTIONS([10, 8, 6, 2]) } },
  {
    key: 'spe_rd', name: '上年度研发费用投入', group: 'innovation', maxPoints: 10, unit: '', ref: `${A2} 创新能力(2)`, status: 'confirmed',
    scoring: {
      kind: 'best_of', parts: [
        { input: 'rdSpendWan', unit: '万元', bands: atLeast('万元', [[500, 10], [400, 8], [300, 6], [200, 4], [100, 2]]) },
        { input: 'rdRatio', unit: '%', bands: atLeast('%', [[10, 10], [8, 8], [6, 6], [4, 4], [3, 2]]) },
      ],
    },
  },
  { key: 'spe_rd_staff', name: '上年度研发人员占比', group: 'innovation', maxPoints: 5, unit: '%', ref: `${A2} 创新能力(3)`, status: 'confirmed', scoring: { kind: 'bands', input: 'rdStaffShare', bands: atLeast('%', [[20, 5], [10, 3], [5, 1]]) } },
  {
    key: 'spe_rd_institution', name: '建立研发机构级别', group: 'innovation', maxPoints: 10, unit: '', ref: `${A2} 创新能力(4)`, status: 'confirmed',
    scoring: {
      kind: 'choice', input: 'rdInstitutionLevel', options: [
        { value: 'national', points: 10, label: '国家级' }, { value: 'provincial', points: 8, label: '省级' }, { value: 'city', points: 4, label: '市级' },
        { value: 'below_city', points: 2, label: '市级以下' }, { value: 'none', points: 0, label: '未建立' },
      ],
    },
  },
];

/** 专精特新中小企业 (附件2): four requirements; the fourth is score ≥60 or a direct condition. */
export const SPECIALIZED_2022: TierRules = {
  tier: 'specialized',
  name: '专精特新中小企业',
  requirements: [
    ...BASELINE,
    { key: 'spe_req_niche', text: '从事特定细分市场时间达到2年以上', ref: `${A2} 条件(1)`, status: 'confirmed', check: { input: 'nicheYears', op: '>=', value: 2 } },
    { key: 'spe_req_rd', text: '上年度研发费用总额不低于100万元，且占营业收入总额比重不低于3%', ref: `${A2} 条件(2)`, status: 'confirmed', check: { all: [{ input: 'rdSpendWan', op: '>=', value: 100 }, { input: 'rdRatio', op: '>=', value: 3 }] } },
    {
      key: 'spe_req_revenue', text: '上年度营业收入总额在1000万元以上，或上年度营业收入总额在1000万元以下但近2年新增股权融资总额（合格机构投资者的实缴额）达到2000万元以上', ref: `${A2} 条件(3)`, status: 'confirmed',
      check: { any: [{ input: 'revenueWan', op: '>=', value: 1000 }, { input: 'equity2yWan', op: '>=', value: 2000 }] },
    },
  ],
  scoring: {
    indicators: specializedIndicators,
    passScore: 60,
    groupMinimums: {},
    groupNames: { specialization: '专业化', refinement: '精细化', feature: '特色化', innovation: '创新能力' },
    ref: `${A2} 条件(4) 评价得分达到60分以上`,
  },
  directRoutes: {
    replaces: 'score',
    routes: [
      {
        key: 'spe_direct_award', text: '近三年获得省级科技奖励并在获奖单位中排名前三，或获得国家级科技奖励并在获奖单位中排名前五', ref: `${A2} 条件(4) 直通(1)`, status: 'confirmed',
        check: { any: [{ all: [{ input: 'stAwardLevel', op: 'in', value: ['provincial'] }, { input: 'stAwardRank', op: '<=', value: 3 }] }, { all: [{ input: 'stAwardLevel', op: 'in', value: ['national'] }, { input: 'stAwardRank', op: '<=', value: 5 }] }] },
      },
      { key: 'spe_direct_rd', text: '近两年研发费用总额均值在1000万元以上', ref: `${A2} 条件(4) 直通(2)`, status: 'confirmed', check: { input: 'rdAvg2yWan', op: '>=', value: 1000 } },
      { key: 'spe_direct_equity', text: '近两年新增股权融资总额（合格机构投资者的实缴额）6000万元以上', ref: `${A2} 条件(4) 直通(3)`, status: 'confirmed', check: { input: 'equity2yWan', op: '>=', value: 6000 } },
      { key: 'spe_direct_chuangke', text: '近三年进入“创客中国”中小企业创新创业大赛全国500强企业组名单', ref: `${A2} 条件(4) 直通(4)`, status: 'confirmed', check: { input: 'chuangkeGroup', op: 'in', value: ['top50', 'top500'] } },
    ],
  },
};

/** 专精特新“小巨人” (附件3): 专、精、特、新、链、品 all required; 新 by the general conditions or a direct one. */
export const LITTLE_GIANT_2022: TierRules = {
  tier: 'little_giant',
  name: '专精特新“小巨人”企业',
  requirements: [
    ...BASELINE,
    { key: 'lg_prereq_specialized', text: '已被认定为省级专精特新中小企业', ref: `${A3}（前置条件）`, status: 'single_source', check: { input: 'hasSpecializedTitle', op: '==', value: true } },
    { key: 'lg_zhuan_niche', text: '专：截至上年末从事特定细分市场时间达到3年以上', ref: `${A3} 专(1)`, status: 'confirmed', check: { input: 'nicheYears', op: '>=', value: 3 } },
    { key: 'lg_zhuan_share', text: '专：主营业务收入总额占营业收入总额比重不低于70%', ref: `${A3} 专(2)`, status: 'confirmed', check: { input: 'mainRevenueShare', op: '>=', value: 70 } },
    { key: 'lg_zhuan_growth', text: '专：近2年主营业务收入平均增长率不低于5%', ref: `${A3} 专(3)`, status: 'confirmed', check: { input: 'mainRevenueAvgGrowth2y', op: '>=', value: 5 } },
    { key: 'lg_jing_system', text: '精：至少1项核心业务采用信息系统支撑', ref: `${A3} 精(1)`, status: 'confirmed', check: { input: 'hasInfoSystem', op: '==', value: true } },
    { key: 'lg_jing_cert', text: '精：取得相关管理体系认证，或产品通过发达国家和地区产品认证', ref: `${A3} 精(2)`, status: 'confirmed', check: { input: 'hasSystemCertification', op: '==', value: true } },
    { key: 'lg_jing_debt', text: '精：截至上年末资产负债率不高于70%', ref: `${A3} 精(3)`, status: 'confirmed', check: { input: 'debtRatio', op: '<=', value: 70 } },
    { key: 'lg_te_share', text: '特：主导产品在全国细分市场占有率达到10%以上，且享有较高知名度和影响力', ref: `${A3} 特(1)`, status: 'confirmed', check: { input: 'marketSharePct', op: '>=', value: 10 } },
    { key: 'lg_te_brand', text: '特：拥有直接面向市场并具有竞争优势的自主品牌', ref: `${A3} 特(2)`, status: 'confirmed', check: { input: 'hasOwnBrand', op: '==', value: true } },
    { key: 'lg_xin_rd_large', group: 'new', text: '新：上年度营业收入总额在1亿元以上的，近2年研发费用总额占营业收入总额比重均不低于3%', ref: `${A3} 新(1)`, status: 'confirmed', check: { any: [{ input: 'revenueWan', op: '<', value: 10000 }, { input: 'rdRatioMin2y', op: '>=', value: 3 }] } },
    { key: 'lg_xin_rd_mid', group: 'new', text: '新：上年度营业收入总额在5000万元–1亿元的，近2年研发费用总额占营业收入总额比重均不低于6%', ref: `${A3} 新(1)`, status: 'confirmed', check: { any: [{ input: 'revenueWan', op: '<', value: 5000 }, { input: 'revenueWan', op: '>=', value: 10000 }, { input: 'rdRatioMin2y', op: '>=', value: 6 }] } },
    {
      key: 'lg_xin_rd_small', group: 'new', text: '新：上年度营业收入总额在5000万元以下的，近2年新增股权融资总额8000万元以上，且研发费用总额3000万元以上、研发人员占企业职工总数比重50%以上', ref: `${A3} 新(1)`, status: 'confirmed',
      check: { any: [{ input: 'revenueWan', op: '>=', value: 5000 }, { all: [{ input: 'equity2yWan', op: '>=', value: 8000 }, { input: 'rdSpend2yWan', op: '>=', value: 3000 }, { input: 'rdStaffShare', op: '>=', value: 50 }] }] },
    },
    { key: 'lg_xin_institution', group: 'new', text: '新：自建或与高等院校、科研机构联合建立研发机构', ref: `${A3} 新(2)`, status: 'confirmed', check: { input: 'hasRdInstitution', op: '==', value: true } },
    { key: 'lg_xin_ip', group: 'new', text: '新：拥有2项以上与主导产品相关的Ⅰ类知识产权，且实际应用并已产生经济效益', ref: `${A3} 新(3)`, status: 'confirmed', check: { input: 'class1IpCount', op: '>=', value: 2 } },
    { key: 'lg_lian', text: '链：位于产业链关键环节，围绕重点产业链实现补短板、锻长板、填空白', ref: `${A3} 链`, status: 'unconfirmed', check: { input: 'isKeyChainLink', op: '==', value: true } },
    { key: 'lg_pin', text: '品：主导产品属于工业“六基”、制造强国战略十大重点产业领域或网络强国建设领域', ref: `${A3} 品`, status: 'unconfirmed', check: { input: 'isKeyField', op: '==', value: true } },
  ],
  directRoutes: {
    replaces: 'new',
    routes: [
      { key: 'lg_direct_award', text: '近三年获得国家级科技奖励，并在获奖单位中排名前三', ref: `${A3} 新 直通(1)`, status: 'unconfirmed', check: { all: [{ input: 'stAwardLevel', op: 'in', value: ['national'] }, { input: 'stAwardRank', op: '<=', value: 3 }] } },
      { key: 'lg_direct_chuangke', text: '近三年进入“创客中国”中小企业创新创业大赛全国50强企业组名单', ref: `${A3} 新 直通(2)`, status: 'confirmed', check: { input: 'chuangkeGroup', op: 'in', value: ['top50'] } },
    ],
  },
};

/** The 2022 rule set, in force from 2022-06-01 (63号) until the 2026 办法 on 2026-04-01. */
export const GRADIENT_2022: RuleSet = {
  version: 'gradient-2022',
  name: '优质中小企业梯度培育管理暂行办法（工信部企业〔2022〕63号）',
  effectiveFrom: '2022-06-01',
  effectiveTo: '2026-04-01',
  status: 'confirmed',
  note: '标准表格为官方口径；边界值按“以上/以下含本数”取高档（⚠️ 单一来源）。',
  tiers: [INNOVATIVE_2022, SPECIALIZED_2022, LITTLE_GIANT_2022],
};
