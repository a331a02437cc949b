/** Contracts of the assessment module: 梯度培育 evaluation, batch screening, digital level, solutions. */
import { z } from 'zod';
import { PageQuery, RegionCode } from './common.js';

export const GRADIENT_TIERS = ['innovative', 'specialized', 'little_giant'] as const;
export const GradientTier = z.enum(GRADIENT_TIERS);
export type GradientTier = z.infer<typeof GradientTier>;

export const RuleStatus = z.enum(['confirmed', 'single_source', 'unconfirmed']).describe('confirmed ✅; single_source ⚠️ and unconfirmed ❓ rules are configurable.');

const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** Non-yearly facts of the evaluation an enterprise declares (all optional: missing ones are reported). */
export const GradientProfile = z.object({
  nicheSince: BusinessDate.optional().describe('从事特定细分市场起始日期'),
  ipClass1: z.number().int().min(0).max(100000).optional().describe('与主导产品相关的有效Ⅰ类知识产权数（含自主研发与高价值）'),
  ipClass1Self: z.number().int().min(0).max(100000).optional().describe('其中自主研发Ⅰ类知识产权数'),
  ipHighValue: z.number().int().min(0).max(100000).optional().describe('其中Ⅰ类高价值知识产权数'),
  ipClass2: z.number().int().min(0).max(100000).optional().describe('Ⅱ类知识产权数'),
  emergingField: z.boolean().optional().describe('主导产品属于《战略性新兴产业分类》'),
  productField: z.enum(['key_link', 'foundation', 'other']).optional().describe('主导产品所属领域（专精特新评分）'),
  qualityItems: z.array(z.enum(['quality_award', 'certification', 'own_brand', 'standards'])).max(4).optional().describe('质量管理水平满足的项目'),
  rdInstitutionLevel: z.enum(['national', 'provincial', 'city', 'below_city', 'none']).optional().describe('研发机构级别'),
  stAwardLevel: z.enum(['national', 'provincial', 'none']).optional().describe('近三年最高科技奖励级别'),
  stAwardRank: z.number().int().min(1).max(100).optional().describe('在获奖单位中的排名'),
  equity2yWan: z.number().min(0).max(1e9).optional().describe('近2年新增股权融资（合格机构投资者实缴，万元）'),
  equity3yWan: z.number().min(0).max(1e9).optional().describe('近3年新增股权融资（万元）'),
  chuangkeGroup: z.enum(['top50', 'top500', 'none']).optional().describe('“创客中国”大赛全国名次组'),
  innovationTitles: z.array(z.enum(['high_tech', 'tech_innovation_demo', 'ip_advantage', 'ip_demo'])).max(4).optional().describe('有效期内的荣誉'),
  hasInfoSystem: z.boolean().optional(),
  hasSystemCertification: z.boolean().optional(),
  marketSharePct: z.number().min(0).max(100).optional().describe('主导产品全国细分市场占有率 %'),
  domesticRank: z.number().int().min(1).max(10000).optional(),
  hasOwnBrand: z.boolean().optional(),
  isKeyChainLink: z.boolean().optional().describe('位于产业链关键环节（补短板/锻长板/填空白）'),
  isKeyField: z.boolean().optional().describe('主导产品属于六基/十大重点领域/网络强国领域'),
  localScore: z.number().min(0).max(15).optional().describe('地方特色指标得分（省级设定，0–15）'),
  qualityScore: z.number().min(0).max(100).optional().describe('专精特新发展质量评价得分（2026规则）'),
  baselineCompliant: z.boolean().optional().describe('无失信、无重大事故、无偷漏税等（企业声明）'),
  digitalLevel: z.enum(['level4', 'level3', 'level2', 'level1', 'none']).optional().describe('数字化水平等级（无评测时的自报值）'),
}).strict();
export type GradientProfile = z.infer<typeof GradientProfile>;

/** One year's figures (万元 on the wire, fen in the database). */
export const YearlyIndicators = z.object({
  year: z.number().int().min(2000).max(2100),
  revenueWan: z.number().min(0).max(1e10).nullable().optional().describe('营业收入（万元）'),
  mainRevenueWan: z.number().min(0).max(1e10).nullable().optional().describe('主营业务收入（万元）'),
  netProfitWan: z.number().min(-1e10).max(1e10).nullable().optional().describe('净利润（万元）'),
  assetsWan: z.number().min(0).max(1e10).nullable().optional().describe('资产总额（万元）'),
  liabilitiesWan: z.number().min(0).max(1e10).nullable().optional().describe('负债总额（万元）'),
  rdSpendWan: z.number().min(0).max(1e10).nullable().optional().describe('研发费用（万元）'),
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  rdStaff: z.number().int().min(0).max(10_000_000).nullable().optional().describe('研发人员数'),
});
export type YearlyIndicators = z.infer<typeof YearlyIndicators>;

export const GradientInputs = z.object({
  profile: GradientProfile,
  years: z.array(YearlyIndicators.extend({ source: z.enum(['declared', 'registry', 'mixed']).optional() })),
});
export type GradientInputs = z.infer<typeof GradientInputs>;

export const SaveGradientInputsBody = z.object({
  profile: GradientProfile.optional(),
  years: z.array(YearlyIndicators).max(5).optional(),
});
export type SaveGradientInputsBody = z.infer<typeof SaveGradientInputsBody>;

const MetricValue = z.union([z.number(), z.boolean(), z.string()]);
const Shortfall = z.object({ input: z.string(), value: MetricValue.nullable(), required: z.string(), gap: z.number().nullable() });

export const IndicatorResult = z.object({
  key: z.string(),
  name: z.string(),
  group: z.string(),
  unit: z.string(),
  value: MetricValue.nullable().describe('The value used (in `unit`).'),
  band: z.string().describe('The band hit (`缺少数据` when missing).'),
  points: z.number(),
  maxPoints: z.number(),
  passed: z.boolean().describe('The indicator earned points.'),
  isMissing: z.boolean(),
  ref: z.string().describe('Where the rule is written.'),
  status: RuleStatus,
  next: z.object({ band: z.string(), points: z.number(), input: z.string(), needed: MetricValue }).nullable().describe('The next better band and what it takes.'),
});

export const ConditionResult = z.object({
  key: z.string(),
  text: z.string(),
  ref: z.string(),
  status: RuleStatus,
  kind: z.enum(['requirement', 'direct_route']),
  passed: z.boolean().nullable().describe('null: a figure it needs is missing.'),
  isDisabled: z.boolean(),
  shortfalls: z.array(Shortfall),
  missing: z.array(z.string()),
});

export const TierResult = z.object({
  tier: GradientTier,
  name: z.string(),
  qualified: z.boolean(),
  route: z.string().nullable().optional().describe('`score`, `requirements` or `direct:<condition key>`.'),
  score: z.number().nullable().optional(),
  passScore: z.number().nullable(),
  groups: z.array(z.object({ key: z.string(), name: z.string(), points: z.number(), minimum: z.number().nullable() })),
  indicators: z.array(IndicatorResult),
  conditions: z.array(ConditionResult),
  failed: z.array(z.object({ key: z.string(), text: z.string(), shortfalls: z.array(Shortfall) })),
  missing: z.array(z.string()),
  improvements: z.array(z.object({ kind: z.enum(['condition', 'indicator', 'missing']), key: z.string(), text: z.string(), gain: z.number().nullable() })),
  isRecognised: z.boolean().describe('The registry already tags the enterprise with this tier.'),
});
export type TierResult = z.infer<typeof TierResult>;

/** What a next step points at: guidance, or a platform listing recommended through the matching engine's text ranking. */
export const NEXT_STEP_KINDS = ['guide', 'gradient', 'solution', 'resource', 'challenge', 'expert', 'financing'] as const;

export const NextStep = z.object({
  dimension: z.string().nullable().describe('The weak dimension or failed indicator (key) the step answers; null for the whole result.'),
  kind: z.enum(NEXT_STEP_KINDS),
  title: z.string(),
  detail: z.string(),
  link: z.string().nullable().describe('Path in the web app.'),
  reason: z.string().nullable().optional().describe('Why it is recommended: the gap it answers and the terms it matched.'),
  score: z.number().nullable().optional().describe('Text relevance 0–1 of a recommended listing (the query against itself scores 1); null for guidance.'),
});
export type NextStep = z.infer<typeof NextStep>;

export const GradientResponse = z.object({
  uscc: z.string(),
  name: z.string(),
  asOf: z.string(),
  lastYear: z.number().int().describe('The year of 上年度 figures.'),
  ruleVersion: z.string(),
  ruleSetName: z.string(),
  ruleSetStatus: RuleStatus,
  ruleSetNote: z.string(),
  leadersSupplied: z.array(z.object({ uscc: z.string(), name: z.string() })).describe('IC-3: chain leaders the enterprise supplies (from supply edges).'),
  metrics: z.record(z.string(), MetricValue).describe('Every metric derived from the inputs.'),
  tiers: z.array(TierResult),
  nextTier: GradientTier.nullable().describe('The lowest tier not yet qualified.'),
  nextSteps: z.array(NextStep).describe('For the next tier: per failed indicator or condition, guidance and platform listings (solutions, shared resources, challenges, experts, financing) ranked by the matching engine’s tokenizer and BM25F, with the reason.'),
});
export type GradientResponse = z.infer<typeof GradientResponse>;

export const GradientQuery = z.object({ asOf: BusinessDate.optional().describe('Evaluation date (Asia/Shanghai); picks the rule version. Default today.') });

export const RuleSetView = z.object({
  version: z.string(), name: z.string(), effectiveFrom: z.string(), effectiveTo: z.string().nullable(), status: RuleStatus, note: z.string(),
  tiers: z.array(z.object({
    tier: GradientTier,
    name: z.string(),
    conditions: z.array(z.object({ key: z.string(), text: z.string(), ref: z.string(), status: RuleStatus, kind: z.enum(['requirement', 'direct_route']), isDisabled: z.boolean() })),
    indicators: z.array(z.object({ key: z.string(), name: z.string(), group: z.string(), maxPoints: z.number(), ref: z.string(), status: RuleStatus })),
  })),
});
export const RuleSettingsBody = z.object({ disabled: z.array(z.string().max(60)).max(200).describe('Keys of ⚠️/❓ conditions to switch off (✅ ones cannot be).') });

// ---- batch screening ----

export const CreateScreeningBody = z.object({
  region: RegionCode.optional().describe('Region to screen; default the caller’s scope.'),
  asOf: BusinessDate.optional(),
  nearMissGap: z.number().min(0).max(40).default(10).describe('A near-miss scores within this many points of the pass mark, or fails exactly one condition.'),
});
export type CreateScreeningBody = z.infer<typeof CreateScreeningBody>;

const TierCounts = z.object({ evaluated: z.number().int(), qualified: z.number().int(), recognised: z.number().int(), candidates: z.number().int(), nearMisses: z.number().int(), priority: z.number().int() });
export const ScreeningView = z.object({
  id: z.string(),
  regionCode: z.string(),
  asOf: z.string(),
  ruleVersion: z.string(),
  createdAt: z.string(),
  enterprises: z.number().int(),
  durationMs: z.number(),
  tiers: z.record(GradientTier, TierCounts),
});
export type ScreeningView = z.infer<typeof ScreeningView>;

export const ScreeningResultsQuery = PageQuery.extend({
  tier: GradientTier.default('innovative'),
  kind: z.enum(['candidate', 'near_miss']).default('candidate'),
  priorityOnly: z.enum(['true', 'false']).optional().describe('Only SMEs that supply chain leaders (IC-3).'),
});
export type ScreeningResultsQuery = z.infer<typeof ScreeningResultsQuery>;

export const RuleKeyLabel = z.object({ key: z.string(), zh: z.string(), en: z.string() }).describe('A rule key (indicator, condition, direct route, part score) with its Chinese and English label.');

export const ScreeningResult = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  tier: GradientTier,
  kind: z.enum(['candidate', 'near_miss']),
  score: z.number().nullable(),
  route: z.string().nullable(),
  failed: z.array(z.string()),
  leadersSupplied: z.number().int(),
  isPriority: z.boolean().describe('IC-3: supplies a key chain leader.'),
  failedLabels: z.array(RuleKeyLabel).describe('`failed` with Chinese and English labels, same order.'),
  routeLabel: RuleKeyLabel.nullable().describe('`route` with Chinese and English labels.'),
});
export type ScreeningResult = z.infer<typeof ScreeningResult>;

// ---- digital-transformation level ----

export const DIGITAL_FORM_KEYS = ['general-2024'] as const;

export const DigitalAnswers = z.record(z.string().max(20), z.union([z.string().max(40), z.array(z.string().max(40)).max(20)])).describe('Answers by question key: an option value, or a list of them for multi-select questions.');

export const CreateDigitalAssessmentBody = z.object({
  form: z.string().max(40).describe('Questionnaire key, e.g. `general-2024` (see `GET /digital-forms`).'),
  answers: DigitalAnswers,
  isDraft: z.boolean().default(false).describe('true: save and resume later (partial answers allowed, not part of the history).'),
});
export type CreateDigitalAssessmentBody = z.infer<typeof CreateDigitalAssessmentBody>;

export const DigitalDimensionResult = z.object({
  key: z.string(), name: z.string(), weight: z.number(), score: z.number(), percent: z.number(), answered: z.number().int(), questions: z.number().int(),
  delta: z.number().nullable().optional().describe('Change of score since the previous submitted assessment.'),
});


export const ScenarioCheck = z.object({
  applied: z.boolean().describe('Whether the scenario requirement of the level rule applied (⚠️; an administrator may switch it off with key `digital.scenarios`).'),
  scoreLevel: z.number().int().describe('The level the score band alone gives.'),
  byLevel: z.array(z.object({ level: z.number().int(), scenarios: z.number().int(), binding: z.number().int(), minScenarios: z.number().int(), minBinding: z.number().int(), met: z.boolean() })).describe('Per level: scenarios rated at that level or higher, of which 约束性, against the requirement.'),
  unrated: z.array(z.string()).describe('Scenario keys not rated (counted as 未开展).'),
});

export const DigitalAssessmentView = z.object({
  id: z.string(),
  uscc: z.string(),
  enterpriseName: z.string(),
  form: z.string(),
  status: z.enum(['draft', 'submitted']),
  answers: DigitalAnswers,
  score: z.number(),
  level: z.number().int(),
  levelName: z.string(),
  scenarioCheck: ScenarioCheck,
  dimensions: z.array(DigitalDimensionResult),
  missing: z.array(z.string()),
  nextSteps: z.array(NextStep),
  sharedWith: z.array(z.object({ uscc: z.string(), name: z.string() })),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** T0, T1 … in submission order. */
  round: z.number().int().nullable(),
  scoreDelta: z.number().nullable(),
});
export type DigitalAssessmentView = z.infer<typeof DigitalAssessmentView>;

export const ShareDigitalAssessmentBody = z.object({ buyerUsccs: z.array(z.string().trim().min(1).max(32)).max(50).describe('Buyers who may read the result; replaces the list.') });

export const DigitalStatsQuery = z.object({ region: RegionCode.optional() });
const StatsCell = z.object({ count: z.number().int(), averageScore: z.number().nullable(), byLevel: z.array(z.object({ level: z.number().int(), count: z.number().int() })) });
export const DigitalStats = z.object({
  regionCode: z.string(),
  enterprises: z.number().int().describe('Enterprises with a submitted assessment (their newest counts).'),
  byLevel: z.array(z.object({ level: z.number().int(), count: z.number().int() })),
  averageScore: z.number().nullable(),
  dimensions: z.array(z.object({ key: z.string(), name: z.string(), averagePercent: z.number().nullable() })),
  byRegion: z.array(StatsCell.extend({ regionCode: z.string(), name: z.string() })).describe('Direct sub-regions with assessed enterprises.'),
  byIndustry: z.array(StatsCell.extend({ industryCode: z.string().describe('GB/T 4754 division, e.g. C34.'), name: z.string() })).describe('Industry divisions, most enterprises first.'),
  byTier: z.array(StatsCell.extend({ tier: z.enum(['innovative', 'specialized', 'little_giant']) })).describe('Enterprises recognised in each gradient tier (nested: a 小巨人 also counts as 专精特新).'),
  trend: z.array(StatsCell.extend({ quarter: z.string().describe('e.g. 2026Q3 (Asia/Shanghai).') })).describe('Every submitted assessment (not only the newest) per quarter.'),
});
export type DigitalStats = z.infer<typeof DigitalStats>;

export const DigitalStatsEnterprisesQuery = PageQuery.extend({
  region: RegionCode.optional(),
  level: z.coerce.number().int().min(0).max(4).optional().describe('Level of the newest result (0 = below 一级).'),
  industry: z.string().regex(/^[A-T](\d{1,4})?$/).optional().describe('Industry code prefix, e.g. C34.'),
  tier: z.enum(['innovative', 'specialized', 'little_giant']).optional(),
});
export type DigitalStatsEnterprisesQuery = z.infer<typeof DigitalStatsEnterprisesQuery>;

export const DigitalStatsEnterprise = z.object({
  assessmentId: z.string(), uscc: z.string(), name: z.string(), regionCode: z.string(), regionName: z.string(), industryCode: z.string(),
  level: z.number().int(), levelName: z.string(), score: z.number(), tiers: z.array(z.enum(['innovative', 'specialized', 'little_giant'])), submittedAt: z.string(),
});
export type DigitalStatsEnterprise = z.infer<typeof DigitalStatsEnterprise>;

export const DigitalFormView = z.object({
  key: z.string(), name: z.string(), version: z.string(), sectors: z.string(), status: RuleStatus, note: z.string(),
  dimensions: z.array(z.object({ key: z.string(), name: z.string(), weight: z.number(), status: RuleStatus })),
  questions: z.array(z.object({ key: z.string(), dimension: z.string(), text: z.string(), points: z.number(), kind: z.enum(['single', 'multi']), status: RuleStatus, options: z.array(z.object({ value: z.string(), label: z.string() })) })),
  scenarios: z.array(z.object({ key: z.string(), name: z.string(), isBinding: z.boolean() })).describe('Application scenarios, answered as `<key>: l0…l4` (l0 = 未开展).'),
  scenarioLevels: z.array(z.object({ value: z.string(), label: z.string() })),
  scenarioRule: z.array(z.object({ level: z.number().int(), minScenarios: z.number().int(), minBinding: z.number().int() })).describe('Scenarios (and 约束性 ones) rated at a level or higher that the level needs besides its score band (⚠️).'),
  scenarioRuleApplied: z.boolean().describe('false when an administrator switched the scenario requirement off.'),
});
export type DigitalFormView = z.infer<typeof DigitalFormView>;

// ---- 小快轻准 solution catalogue ----

export const PRICE_BANDS = ['free', 'under_10k', '10k_50k', '50k_200k', 'over_200k'] as const;
export const DIGITAL_DIMENSIONS = ['foundation', 'management', 'results'] as const;

export const CreateSolutionBody = z.object({
  uscc: z.string().trim().max(32).optional().describe('Provider; default the member’s own enterprise. Gov users and admins name one in scope.'),
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().min(2).max(2000),
  kind: z.enum(['solution', 'industrial_app']),
  industryCodes: z.array(z.string().regex(/^[A-T](\d{2}(\d{1,2})?)?$/, '行业代码应为门类字母加数字，如 C34')).max(20).default([]).describe('GB/T 4754 prefixes of the sectors served; empty = all.'),
  scenarios: z.array(z.string().trim().min(1).max(30)).min(1).max(20).describe('e.g. 设备管理, 生产管控, 质量追溯'),
  dimensions: z.array(z.enum(DIGITAL_DIMENSIONS)).min(1).max(3).describe('Digital-assessment dimensions it improves.'),
  priceBand: z.enum(PRICE_BANDS),
  deploymentDays: z.number().int().min(1).max(3650),
});
export type CreateSolutionBody = z.infer<typeof CreateSolutionBody>;

export const SolutionView = z.object({
  id: z.string(), providerUscc: z.string(), providerName: z.string(), title: z.string(), description: z.string(), kind: z.enum(['solution', 'industrial_app']),
  industryCodes: z.array(z.string()), scenarios: z.array(z.string()), dimensions: z.array(z.string()), priceBand: z.enum(PRICE_BANDS), deploymentDays: z.number().int(), createdAt: z.string(),
});
export type SolutionView = z.infer<typeof SolutionView>;

export const ListSolutionsQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  dimension: z.enum(DIGITAL_DIMENSIONS).optional(),
  kind: z.enum(['solution', 'industrial_app']).optional(),
  industry: z.string().max(5).optional().describe('Sector (GB/T 4754 code) of the SME: solutions for it or for all sectors.'),
  maxDays: z.coerce.number().int().min(1).max(3650).optional(),
});
export type ListSolutionsQuery = z.infer<typeof ListSolutionsQuery>;
