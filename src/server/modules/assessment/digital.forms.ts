/**
 * The SME digital-transformation level questionnaires (数字化水平评测) as data, and the level rule
 * (policy-rules.md §3). Shipped: the 2024 indicator system (工信厅企业〔2024〕56号): its three
 * dimensions and weights 50/30/20 are ✅; its items, their points and the rate bands come from
 * third-party implementations (⚠️); the option points of the stage and investment items are our
 * reading (❓). The 2022 version's item tables were not found, so no 2022 form is shipped; the
 * 2022 level bands (✅) are the level rule.
 */
import type { RuleStatus } from './rules/engine.js';

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
}

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
  note: '维度及权重（50/30/20）已确认；题项分值、比例分档来自第三方实现（⚠️）；阶段与投入题的选项分值为平台口径（❓）；16个应用场景的等级要求未纳入（场景清单未获官方文本）。',
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
