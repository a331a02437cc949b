/**
 * The SME digital-transformation level questionnaires (数字化水平评测) as data, and the level rule
 * (policy-rules.md §3). Shipped: the 2024 indicator system (工信厅企业〔2024〕56号): its three
 * dimensions and weights 50/30/20 are ✅; its items, their points and the rate bands come from
 * third-party implementations (⚠️); the option points of the stage and investment items are our
 * reading (❓). The 2022 version's item tables were not found, so no 2022 form is shipped; the
 * 2022 level bands (✅) are the level rule.
 */
import type { RuleStatus } from './rules/engine.js';
import { DIGITAL_SCENARIO_RULE_KEY } from './rules/index.js';

/** One answer option; `none` options (无) count as ticking nothing in multi-select items. */
export interface DigitalOption {
  value: string;
  label: string;
  /** Share of the item's points (single choice). */
  share?: number;
  isNone?: boolean;
}

/** One question. */
export interface DigitalQuestion {
  key: string;
  dimension: string;
  text: string;
  points: number;
  kind: 'single' | 'multi';
  options: readonly DigitalOption[];
  status: RuleStatus;
}

/** A dimension and the scenarios of the solution catalogue that improve it. */
export interface DigitalDimension {
  key: string;
  name: string;
  weight: number;
  status: RuleStatus;
  /** What to do when the dimension is weak (guidance of the 数字化转型指南, paraphrased). */
  advice: string;
}

/** One application scenario (应用场景) of the 2024 version, self-rated 一级–四级 (or not yet started). */
export interface DigitalScenario {
  key: string;
  name: string;
  /** 约束性 (binding) rather than 指导性 (guiding). */
  isBinding: boolean;
}

/** What a scenario level requires for a total level (a row of the level rule). */
export interface ScenarioRequirement {
  level: number;
  /** Scenarios rated at this level or higher. */
  minScenarios: number;
  /** Of which 约束性. */
  minBinding: number;
}

/** A questionnaire. */
export interface DigitalForm {
  key: string;
  name: string;
  version: string;
  sectors: string;
  status: RuleStatus;
  note: string;
  dimensions: readonly DigitalDimension[];
  questions: readonly DigitalQuestion[];
  /** Application scenarios, each answered as `<key>: 'l0'…'l4'` (l0 = 未开展); empty when the form has none. */
  scenarios: readonly DigitalScenario[];
  /** The scenario half of the level rule (⚠️, may be switched off: {@link SCENARIO_RULE_KEY}). */
  scenarioRule: readonly ScenarioRequirement[];
}

/** Settings key that switches the scenario requirement of the level rule off (it is ⚠️). */
export const SCENARIO_RULE_KEY = DIGITAL_SCENARIO_RULE_KEY;

/** Answer options of a scenario: the level reached (l0 = not started). */
export const SCENARIO_LEVELS: readonly DigitalOption[] = [
  { value: 'l0', label: '未开展' },
  { value: 'l1', label: '一级' },
  { value: 'l2', label: '二级' },
  { value: 'l3', label: '三级' },
  { value: 'l4', label: '四级' },
];

/**
 * The 16 application scenarios of the 2024 version: 9 约束性 and 7 指导性 (policy-rules.md §3.2,
 * names and the binding marks from third-party implementations, ⚠️).
 */
export const SCENARIOS_2024: readonly DigitalScenario[] = [
  ['s1', '产品设计', false], ['s2', '工艺设计', false], ['s3', '营销管理', true], ['s4', '售后服务', false],
  ['s5', '计划排程', false], ['s6', '生产管控', true], ['s7', '质量管理', true], ['s8', '设备管理', true],
  ['s9', '安全生产', true], ['s10', '能耗管理', true], ['s11', '采购管理', true], ['s12', '仓储物流', true],
  ['s13', '财务管理', true], ['s14', '人力资源', false], ['s15', '协同办公', false], ['s16', '决策支持', false],
].map(([key, name, isBinding]) => ({ key: key as string, name: name as string, isBinding: isBinding as boolean }));

/**
 * The level rule's scenario requirement (⚠️ `gh-file#59919421085`): a total level needs, besides
 * its score band, this many scenarios rated at that level or higher, with this many 约束性.
 */
export const SCENARIO_RULE_2024: readonly ScenarioRequirement[] = [
  { level: 4, minScenarios: 10, minBinding: 6 },
  { level: 3, minScenarios: 8, minBinding: 5 },
  { level: 2, minScenarios: 6, minBinding: 3 },
  { level: 1, minScenarios: 6, minBinding: 3 },
];

/** Rate bands of the 2024 items (⚠️): [0,10%] → 0, (10,20%] → ¼, (20,40%] → ½, (40,60%] → ¾, (60,100%] → full. */
const RATE_OPTIONS: DigitalOption[] = [
  { value: 'r0_10', label: '10%及以下', share: 0 },
  { value: 'r10_20', label: '10%–20%', share: 0.25 },
  { value: 'r20_40', label: '20%–40%', share: 0.5 },
  { value: 'r40_60', label: '40%–60%', share: 0.75 },
  { value: 'r60_100', label: '60%以上', share: 1 },
];
/** Worse / flat / better = 0 / half / full (⚠️). */
const TREND_OPTIONS: DigitalOption[] = [
  { value: 'worse', label: '变差', share: 0 },
  { value: 'flat', label: '持平', share: 0.5 },
  { value: 'better', label: '改善', share: 1 },
];

const multi = (key: string, dimension: string, text: string, points: number, labels: string[]): DigitalQuestion => ({
  key, dimension, text, points, kind: 'multi', status: 'single_source',
  options: [...labels.map((label, i) => ({ value: `o${i + 1}`, label })), { value: 'none', label: '无', isNone: true }],
});
const single = (key: string, dimension: string, text: string, points: number, options: DigitalOption[], status: RuleStatus = 'single_source'): DigitalQuestion => ({ key, dimension, text, points, kind: 'single', options, status });

/** 中小企业数字化水平评测指标（2024年版）, one questionnaire for every sector. */
export const DIGITAL_2024: DigitalForm = {
  key: 'general-2024',
  name: '中小企业数字化水平评测（2024年版）',
  version: '2024',
  sectors: '制造业、生产性服务业及其他行业',
  status: 'single_source',
  note: '维度及权重（50/30/20）已确认；题项分值、比例分档来自第三方实现（⚠️）；阶段与投入题的选项分值为平台口径（❓）；16个应用场景及“总分＋场景数”定级规则来自第三方实现（⚠️），平台管理员可关闭场景要求（仅按总分定级）。',
  dimensions: [
    { key: 'foundation', name: '数字化基础', weight: 50, status: 'confirmed', advice: '补齐网络、设备联网与数据采集，优先上云用云，落实网络与数据安全措施。' },
    { key: 'management', name: '数字化管理', weight: 30, status: 'confirmed', advice: '制定数字化转型规划与管理制度，配备数字化人才，稳定投入。' },
    { key: 'results', name: '数字化成效', weight: 20, status: 'confirmed', advice: '围绕能耗、质量、人均产出与成本设定改进目标，用数据跟踪成效。' },
  ],
  questions: [
    multi('b1', 'foundation', '企业网络接入情况（可多选）', 8, ['有线宽带/专线', '工业以太网', '5G/4G', '无线局域网', '工业互联网标识解析']),
    single('b2', 'foundation', '生产设备数字化率', 6, RATE_OPTIONS),
    single('b3', 'foundation', '数字化设备联网率', 6, RATE_OPTIONS),
    multi('b4', 'foundation', '实现数据自动采集的业务环节（可多选）', 10, ['研发设计', '生产制造', '仓储物流', '质量检测', '设备管理', '能源管理', '营销服务']),
    single('b5', 'foundation', '采用信息系统（本地或云上）管理的业务占比', 10, RATE_OPTIONS),
    multi('b6', 'foundation', '网络安全防护措施（可多选）', 5, ['防火墙/边界防护', '入侵检测与病毒防护', '安全审计与日志', '等级保护测评']),
    multi('b7', 'foundation', '数据安全保护措施（可多选）', 5, ['数据备份与恢复', '数据加密', '访问权限管理', '数据分类分级']),
    single('m1', 'management', '数字化转型的认识与推进阶段', 7.5, [
      { value: 'none', label: '尚未考虑', share: 0 }, { value: 'planned', label: '已有规划，尚未实施', share: 1 / 3 },
      { value: 'partial', label: '已在部分业务实施', share: 2 / 3 }, { value: 'full', label: '全面推进并持续优化', share: 1 },
    ], 'unconfirmed'),
    multi('m2', 'management', '数字化管理制度（可多选）', 7.5, ['数字化转型战略或规划', '数字化专项管理制度', '数据管理制度', '数字化绩效考核']),
    multi('m3', 'management', '数字化人才保障措施（可多选）', 7.5, ['专职数字化团队或负责人', '员工数字技能培训', '引入外部专家或服务商', '数字化人才激励机制']),
    single('m4', 'management', '近三年数字化投入占营业收入比重（平均）', 7.5, [
      { value: 'p0', label: '无投入', share: 0 }, { value: 'p0_1', label: '1%及以下', share: 0.25 }, { value: 'p1_3', label: '1%–3%', share: 0.5 },
      { value: 'p3_5', label: '3%–5%', share: 0.75 }, { value: 'p5', label: '5%以上', share: 1 },
    ], 'unconfirmed'),
    single('e1', 'results', '单位营业收入能耗与实施前相比', 7, TREND_OPTIONS),
    single('e2', 'results', '产品合格率与实施前相比', 7, TREND_OPTIONS),
    single('e3', 'results', '人均营业收入与上年相比', 3, TREND_OPTIONS),
    single('e4', 'results', '每百元营业收入成本与上年相比', 3, TREND_OPTIONS),
  ],
  scenarios: SCENARIOS_2024,
  scenarioRule: SCENARIO_RULE_2024,
};

/** Every shipped questionnaire. */
export const DIGITAL_FORMS: readonly DigitalForm[] = [DIGITAL_2024];

/** Level bands by total score (2022 notice, ✅); a boundary score takes the higher level (❓). */
export const LEVEL_BANDS: readonly { min: number; level: number; name: string }[] = [
  { min: 80, level: 4, name: '四级' },
  { min: 60, level: 3, name: '三级' },
  { min: 40, level: 2, name: '二级' },
  { min: 20, level: 1, name: '一级' },
];

/** The questionnaire by key. */
export function findDigitalForm(key: string): DigitalForm | undefined {
  return DIGITAL_FORMS.find((f) => f.key === key);
}
