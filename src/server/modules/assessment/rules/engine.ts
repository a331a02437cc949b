/**
 * The rule engine of policy evaluations: rule sets are data (rules/*.ts), this file evaluates
 * them against a flat record of metrics. Pure: no I/O, no clock. Every result lists each indicator
 * with the value used, the band hit, the points and the rule reference, and each condition with
 * the value, the requirement and the gap.
 */

/** How sure we are of a rule (policy-rules.md ✅ / ⚠️ / ❓). Non-confirmed rules can be switched off. */
export type RuleStatus = 'confirmed' | 'single_source' | 'unconfirmed';

/** A metric value: numbers in the unit of the indicator (%, 万元, years, count), flags, choices. */
export type MetricValue = number | boolean | string;
/** The metrics of one enterprise at one date; a missing key means the figure is not known. */
export type Metrics = Readonly<Record<string, MetricValue | undefined>>;

/**
 * One band of a scored indicator. Bands are listed best first and the first that holds wins, so a
 * value exactly on a boundary takes the higher band (以上/以下含本数). `min`/`max` are inclusive.
 */
export interface Band {
  min?: number;
  max?: number;
  points: number;
  label: string;
}

/** How an indicator turns a metric into points. */
export type Scoring =
  | { kind: 'bands'; input: string; bands: readonly Band[] }
  | { kind: 'choice'; input: string; options: readonly { value: string; points: number; label: string }[] }
  /** floor(value / per) × pointsPer, at most the indicator's maximum (e.g. 1 point per full 2 years). */
  | { kind: 'per_unit'; input: string; per: number; pointsPer: number }
  /** The best of several band sets over different metrics (e.g. R&D spend in 万元 or as a share). */
  | { kind: 'best_of'; parts: readonly { input: string; unit: string; bands: readonly Band[] }[] };

/** A scored indicator of a tier. */
export interface ScoredIndicator {
  key: string;
  name: string;
  group: string;
  maxPoints: number;
  unit: string;
  /** Where the rule is written, e.g. `63号 附件1 一(1)`. */
  ref: string;
  status: RuleStatus;
  scoring: Scoring;
}

/** A check on metrics: a comparison, or all/any of other checks. */
export type Check =
  | { input: string; op: '>=' | '<=' | '<' | '=='; value: number | boolean }
  | { input: string; op: 'in'; value: readonly string[] }
  | { all: readonly Check[] }
  | { any: readonly Check[] };

/** A condition of a tier: a prerequisite, a requirement or a direct route. */
export interface Condition {
  key: string;
  text: string;
  ref: string;
  status: RuleStatus;
  /** Requirements of one group (e.g. 小巨人 `new`) can be replaced by a direct route. */
  group?: string;
  check: Check;
}

/** The rules of one tier. */
export interface TierRules {
  tier: string;
  name: string;
  /** All must hold. */
  requirements: readonly Condition[];
  scoring?: {
    indicators: readonly ScoredIndicator[];
    passScore: number;
    /** Minimum points per indicator group. */
    groupMinimums: Readonly<Record<string, number>>;
    groupNames: Readonly<Record<string, string>>;
    ref: string;
  };
  /** Any one of these replaces `replaces`: the score, or the requirements of one group. */
  directRoutes: { replaces: 'score' | string; routes: readonly Condition[] };
}

/** A versioned rule set with its effective period (business dates, `to` exclusive). */
export interface RuleSet {
  version: string;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  status: RuleStatus;
  note: string;
  tiers: readonly TierRules[];
}

/** Which non-confirmed rules an administrator switched off (keys of conditions or indicators). */
export interface RuleSettings {
  disabled: ReadonlySet<string>;
}

/** One failed comparison and by how much. */
export interface Shortfall {
  input: string;
  value: MetricValue | null;
  required: string;
  /** Distance to the requirement in the metric's unit (numbers only). */
  gap: number | null;
}

/** The evaluation of one condition. */
export interface ConditionResult {
  key: string;
  text: string;
  ref: string;
  status: RuleStatus;
  kind: 'requirement' | 'direct_route';
  /** null: a figure it needs is missing. */
  passed: boolean | null;
  isDisabled: boolean;
  shortfalls: Shortfall[];
  missing: string[];
}

/** The evaluation of one scored indicator. */
export interface IndicatorResult {
  key: string;
  name: string;
  group: string;
  unit: string;
  value: MetricValue | null;
  band: string;
  points: number;
  maxPoints: number;
  /** It earned points. */
  passed: boolean;
  isMissing: boolean;
  ref: string;
  status: RuleStatus;
  /** The next better band and what it takes, when there is one. */
  next: { band: string; points: number; input: string; needed: MetricValue } | null;
}

/** Something that would move the enterprise towards a tier. */
export interface Improvement {
  kind: 'condition' | 'indicator' | 'missing';
  key: string;
  text: string;
  /** Points gained (indicators). */
  gain: number | null;
}

/** The evaluation of one tier. */
export interface TierResult {
  tier: string;
  name: string;
  qualified: boolean;
  /** How it qualifies: `score`, `requirements`, or `direct:<key>`. */
  route: string | null;
  score: number | null;
  passScore: number | null;
  groups: { key: string; name: string; points: number; minimum: number | null }[];
  indicators: IndicatorResult[];
  conditions: ConditionResult[];
  /** Everything that stopped it, with gaps. */
  failed: { key: string; text: string; shortfalls: Shortfall[] }[];
  /** Metrics that were needed but not known. */
  missing: string[];
  improvements: Improvement[];
}

const EPS = 1e-9;
const MISSING_BAND = '缺少数据';

function describeCheck(check: Check): string {
  if ('all' in check) return check.all.map(describeCheck).join(' 且 ');
  if ('any' in check) return `(${check.any.map(describeCheck).join(' 或 ')})`;
  if (check.op === 'in') return `${check.input} ∈ {${check.value.join(',')}}`;
  const op = { '==': '=', '>=': '≥', '<=': '≤', '<': '<' }[check.op];
  return `${check.input} ${op} ${String(check.value)}`;
}

interface CheckOutcome {
  passed: boolean | null;
  shortfalls: Shortfall[];
  missing: string[];
}

function evaluateCheck(check: Check, metrics: Metrics): CheckOutcome {
  if ('all' in check || 'any' in check) {
    const parts = ('all' in check ? check.all : check.any).map((c) => evaluateCheck(c, metrics));
    const isAll = 'all' in check;
    const passed = isAll
      ? parts.every((p) => p.passed === true) ? true : parts.some((p) => p.passed === false) ? false : null
      : parts.some((p) => p.passed === true) ? true : parts.every((p) => p.passed === false) ? false : null;
    if (passed === true) return { passed, shortfalls: [], missing: [] };
    return { passed, shortfalls: parts.flatMap((p) => p.shortfalls), missing: [...new Set(parts.flatMap((p) => p.missing))] };
  }
  const value = metrics[check.input];
  if (value === undefined) return { passed: null, shortfalls: [], missing: [check.input] };
  let passed: boolean;
  let gap: number | null = null;
  if (check.op === 'in') {
    passed = check.value.includes(String(value));
  } else if (check.op === '==') {
    passed = value === check.value;
  } else {
    const v = Number(value);
    const r = Number(check.value);
    passed = check.op === '>=' ? v >= r - EPS : check.op === '<=' ? v <= r + EPS : v < r;
    if (!passed && check.op !== '<') gap = round(Math.abs(r - v));
  }
  return { passed, shortfalls: passed ? [] : [{ input: check.input, value, required: describeCheck(check), gap }], missing: [] };
}

function evaluateCondition(condition: Condition, kind: ConditionResult['kind'], metrics: Metrics, settings: RuleSettings): ConditionResult {
  // Object literals, not spreads: spreads are ~100× slower here and this runs millions of times in a screening.
  if (settings.disabled.has(condition.key) && condition.status !== 'confirmed') {
    return { key: condition.key, text: condition.text, ref: condition.ref, status: condition.status, kind, passed: kind === 'requirement', isDisabled: true, shortfalls: [], missing: [] };
  }
  const outcome = evaluateCheck(condition.check, metrics);
  return { key: condition.key, text: condition.text, ref: condition.ref, status: condition.status, kind, passed: outcome.passed, isDisabled: false, shortfalls: outcome.shortfalls, missing: outcome.missing };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function bandOf(bands: readonly Band[], value: number): number {
  return bands.findIndex((b) => (b.min === undefined || value >= b.min - EPS) && (b.max === undefined || value <= b.max + EPS));
}

function indicatorResult(indicator: ScoredIndicator, value: MetricValue | null, band: string, points: number, isMissing: boolean, next: IndicatorResult['next']): IndicatorResult {
  return {
    key: indicator.key, name: indicator.name, group: indicator.group, unit: indicator.unit, value, band, points, maxPoints: indicator.maxPoints,
    passed: points > 0, isMissing, ref: indicator.ref, status: indicator.status, next,
  };
}

function scoreIndicator(indicator: ScoredIndicator, metrics: Metrics): IndicatorResult {
  const s = indicator.scoring;
  if (s.kind === 'best_of') {
    let best: { points: number; label: string; value: MetricValue; next: IndicatorResult['next'] } | undefined;
    for (const part of s.parts) {
      const v = metrics[part.input];
      if (typeof v !== 'number') continue;
      const i = bandOf(part.bands, v);
      const band = part.bands[i];
      const better = i > 0 ? part.bands[i - 1] : undefined;
      const next = better ? { band: better.label, points: better.points, input: part.input, needed: (better.min ?? better.max)! } : null;
      if (!best || band.points > best.points || (band.points === best.points && next && best.next === null)) best = { points: band.points, label: band.label, value: v, next };
    }
    if (!best) return indicatorResult(indicator, null, MISSING_BAND, 0, true, null);
    return indicatorResult(indicator, best.value, best.label, best.points, false, best.points >= indicator.maxPoints ? null : best.next);
  }
  const value = metrics[s.input];
  if (value === undefined) return indicatorResult(indicator, null, MISSING_BAND, 0, true, null);
  if (s.kind === 'choice') {
    const i = s.options.findIndex((o) => o.value === String(value));
    if (i < 0) return indicatorResult(indicator, value, MISSING_BAND, 0, true, null);
    const option = s.options[i];
    const better = i > 0 ? s.options[i - 1] : undefined;
    return indicatorResult(indicator, value, option.label, option.points, false, better ? { band: better.label, points: better.points, input: s.input, needed: better.value } : null);
  }
  if (typeof value !== 'number') return indicatorResult(indicator, value, MISSING_BAND, 0, true, null);
  if (s.kind === 'per_unit') {
    const units = Math.floor(value / s.per + EPS);
    const points = Math.min(indicator.maxPoints, units * s.pointsPer);
    const next = points < indicator.maxPoints ? { band: `${(units + 1) * s.per}${indicator.unit}`, points: Math.min(indicator.maxPoints, (units + 1) * s.pointsPer), input: s.input, needed: (units + 1) * s.per } : null;
    return indicatorResult(indicator, value, `${units}×${s.per}${indicator.unit}`, points, false, next);
  }
  const i = bandOf(s.bands, value);
  const band = s.bands[i];
  const better = i > 0 ? s.bands[i - 1] : undefined;
  return indicatorResult(indicator, round(value), band.label, band.points, false, better ? { band: better.label, points: better.points, input: s.input, needed: (better.min ?? better.max)! } : null);
}

/** Evaluate one tier's rules against the metrics. `isLean` skips the improvement texts (batch screening). */

/** Chinese names of the evaluation inputs, for the improvement texts (the key when unnamed). */
export const INPUT_LABELS: Readonly<Record<string, string>> = { baselineCompliant: '合规经营', chuangkeGroup: '创客中国获奖', class1IpCount: 'Ⅰ类知识产权数', debtRatio: '资产负债率', digitalLevel: '数字化水平等级', domesticRank: '国内细分市场排名', emergingField: '属于新兴领域', equity2yWan: '近2年股权融资（万元）', equity3yWan: '近3年股权融资（万元）', hasInfoSystem: '应用信息系统', hasInnovationTitle: '创新类荣誉', hasInnovativeTitle: '创新型中小企业称号', hasOwnBrand: '自主品牌', hasRdInstitution: '研发机构', hasSpecializedTitle: '专精特新称号', hasSystemCertification: '管理体系认证', ipLevel: '知识产权档次', isKeyChainLink: '产业链关键环节', isKeyField: '重点领域', isSme: '中小企业', localScore: '地方特色指标得分', mainRevenueAvgGrowth2y: '近2年主营收入平均增长率', mainRevenueCagr2y: '近2年主营收入复合增长率', mainRevenueGrowth: '主营收入增长率', mainRevenueShare: '主营收入占比', marketSharePct: '细分市场占有率（%）', netProfitMargin: '净利润率', nicheYears: '从事细分市场年数', productField: '主导产品领域', qualityItems: '质量与品牌事项', qualityScore: '发展质量评价得分', rdAvg2yWan: '近2年平均研发费用（万元）', rdInstitutionLevel: '研发机构级别', rdRatio: '研发费用占比', rdRatioMin2y: '近2年研发费用占比（较低年）', rdSpend2yWan: '近2年研发费用（万元）', rdSpendMin2yWan: '近2年研发费用（较低年，万元）', rdSpendWan: '研发费用（万元）', rdStaffShare: '研发人员占比', revenueWan: '营业收入（万元）', score: '总分', stAwardLevel: '科技奖励级别', stAwardRank: '科技奖励排名' };

export function evaluateTier(rules: TierRules, metrics: Metrics, settings: RuleSettings, isLean = false): TierResult {
  const requirements = rules.requirements.map((c) => evaluateCondition(c, 'requirement', metrics, settings));
  const direct = rules.directRoutes.routes.map((c) => evaluateCondition(c, 'direct_route', metrics, settings));
  const directHit = direct.find((d) => d.passed === true);
  const replaced = directHit ? rules.directRoutes.replaces : undefined;
  const indicators = (rules.scoring?.indicators ?? []).filter((i) => !(settings.disabled.has(i.key) && i.status !== 'confirmed')).map((i) => scoreIndicator(i, metrics));
  const score = rules.scoring ? round(indicators.reduce((sum, i) => sum + i.points, 0)) : null;
  const groups = rules.scoring
    ? Object.entries(rules.scoring.groupNames).map(([key, name]) => ({
      key, name, points: round(indicators.filter((i) => i.group === key).reduce((sum, i) => sum + i.points, 0)), minimum: rules.scoring!.groupMinimums[key] ?? null,
    }))
    : [];

  const failed: TierResult['failed'] = [];
  for (const r of requirements) {
    if (r.passed === true || (replaced && rules.requirements.find((c) => c.key === r.key)?.group === replaced)) continue;
    failed.push({ key: r.key, text: r.text, shortfalls: r.shortfalls });
  }
  let isScorePassed = true;
  if (rules.scoring && replaced !== 'score') {
    if (score! < rules.scoring.passScore - EPS) {
      isScorePassed = false;
      failed.push({ key: 'score', text: `总分 ≥ ${rules.scoring.passScore}`, shortfalls: [{ input: 'score', value: score, required: `≥ ${rules.scoring.passScore}`, gap: round(rules.scoring.passScore - score!) }] });
    }
    for (const g of groups) {
      if (g.minimum !== null && g.points < g.minimum - EPS) {
        isScorePassed = false;
        failed.push({ key: `group:${g.key}`, text: `${g.name}得分 ≥ ${g.minimum}`, shortfalls: [{ input: `group:${g.key}`, value: g.points, required: `≥ ${g.minimum}`, gap: round(g.minimum - g.points) }] });
      }
    }
  }
  const qualified = failed.length === 0 && isScorePassed;
  const route = !qualified ? null : directHit ? `direct:${directHit.key}` : rules.scoring ? 'score' : 'requirements';
  const missing = [...new Set([...requirements, ...(qualified ? [] : direct)].flatMap((c) => c.missing).concat(indicators.filter((i) => i.isMissing).map((i) => i.key)))];

  const improvements: Improvement[] = [];
  if (!qualified && !isLean) {
    for (const f of failed.filter((f) => !f.key.startsWith('group:') && f.key !== 'score')) {
      improvements.push({ kind: 'condition', key: f.key, text: `${f.text}：${f.shortfalls.map((s) => `${INPUT_LABELS[s.input] ?? s.input} 现为 ${s.value ?? '—'}，要求 ${s.required}${s.gap !== null ? `（差 ${s.gap}）` : ''}`).join('；') || '缺少数据'}`, gain: null });
    }
    if (rules.scoring && replaced !== 'score') {
      for (const i of indicators.filter((i) => i.next !== null).sort((a, b) => (b.next!.points - b.points) - (a.next!.points - a.points))) {
        improvements.push({ kind: 'indicator', key: i.key, text: `${i.name}：${i.band} → ${i.next!.band}（${i.next!.input} 达到 ${String(i.next!.needed)}${i.unit}）`, gain: round(i.next!.points - i.points) });
      }
    }
    for (const m of missing) improvements.push({ kind: 'missing', key: m, text: `补充数据：${m}`, gain: null });
  }
  return { tier: rules.tier, name: rules.name, qualified, route, score, passScore: rules.scoring?.passScore ?? null, groups, indicators, conditions: [...requirements, ...direct], failed, missing, improvements };
}

/** Evaluate every tier of a rule set. */
export function evaluateRuleSet(ruleSet: RuleSet, metrics: Metrics, settings: RuleSettings, isLean = false): TierResult[] {
  return ruleSet.tiers.map((t) => evaluateTier(t, metrics, settings, isLean));
}

/** The rule set in force on a business date (`YYYY-MM-DD`); undefined before the first. */
export function ruleSetOn<T extends RuleSet>(sets: readonly T[], date: string): T | undefined {
  return sets.find((s) => s.effectiveFrom <= date && (s.effectiveTo === null || date < s.effectiveTo));
}

/** What a batch screening keeps of a tier: no texts, no explanations. */
export interface TierVerdict {
  tier: string;
  qualified: boolean;
  route: string | null;
  score: number | null;
  /** Keys of failed requirements, then `score` / `group:<key>` entries. */
  failed: string[];
  /** Points short of the pass mark and of each group minimum (largest), 0 when none. */
  scoreGap: number;
}

/** Whether a check holds (null: a figure is missing). Allocation-free twin of `evaluateCheck`. */
function checkHolds(check: Check, metrics: Metrics): boolean | null {
  if ('all' in check) {
    let result: boolean | null = true;
    for (const c of check.all) {
      const r = checkHolds(c, metrics);
      if (r === false) return false;
      if (r === null) result = null;
    }
    return result;
  }
  if ('any' in check) {
    let result: boolean | null = false;
    for (const c of check.any) {
      const r = checkHolds(c, metrics);
      if (r === true) return true;
      if (r === null) result = null;
    }
    return result;
  }
  const value = metrics[check.input];
  if (value === undefined) return null;
  if (check.op === 'in') return check.value.includes(String(value));
  if (check.op === '==') return value === check.value;
  const v = Number(value);
  const r = Number(check.value);
  return check.op === '>=' ? v >= r - EPS : check.op === '<=' ? v <= r + EPS : v < r;
}

function indicatorPoints(indicator: ScoredIndicator, metrics: Metrics): number {
  const s = indicator.scoring;
  if (s.kind === 'best_of') {
    let best = 0;
    for (const part of s.parts) {
      const v = metrics[part.input];
      if (typeof v === 'number') best = Math.max(best, part.bands[bandOf(part.bands, v)].points);
    }
    return best;
  }
  const value = metrics[s.input];
  if (value === undefined) return 0;
  if (s.kind === 'choice') return s.options.find((o) => o.value === String(value))?.points ?? 0;
  if (typeof value !== 'number') return 0;
  if (s.kind === 'per_unit') return Math.min(indicator.maxPoints, Math.floor(value / s.per + EPS) * s.pointsPer);
  return s.bands[bandOf(s.bands, value)].points;
}

/** Whether the administrator switched this (⚠️/❓) rule off; confirmed rules always apply. */
function isSwitchedOff(c: { key: string; status: RuleStatus }, settings: RuleSettings): boolean {
  return c.status !== 'confirmed' && settings.disabled.has(c.key);
}

/**
 * The verdict of {@link evaluateTier} without explanations, for batch screening: the same
 * qualification, route, score and failed keys (a test holds the two to agreement).
 */
export function screenTier(rules: TierRules, metrics: Metrics, settings: RuleSettings): TierVerdict {
  // No closure per call (one is made a million times in a screening).
  let directKey: string | null = null;
  for (const c of rules.directRoutes.routes) {
    if (!isSwitchedOff(c, settings) && checkHolds(c.check, metrics) === true) {
      directKey = c.key;
      break;
    }
  }
  const replaced = directKey !== null ? rules.directRoutes.replaces : undefined;
  const failed: string[] = [];
  for (const c of rules.requirements) {
    if (isSwitchedOff(c, settings) || (replaced !== undefined && c.group === replaced)) continue;
    if (checkHolds(c.check, metrics) !== true) failed.push(c.key);
  }
  let score: number | null = null;
  let scoreGap = 0;
  if (rules.scoring) {
    let total = 0;
    const groups: Record<string, number> = {};
    for (const i of rules.scoring.indicators) {
      if (isSwitchedOff(i, settings)) continue;
      const p = indicatorPoints(i, metrics);
      total += p;
      groups[i.group] = (groups[i.group] ?? 0) + p;
    }
    score = round(total);
    if (replaced !== 'score') {
      if (score < rules.scoring.passScore - EPS) {
        failed.push('score');
        scoreGap = round(rules.scoring.passScore - score);
      }
      for (const [key, minimum] of Object.entries(rules.scoring.groupMinimums)) {
        const points = round(groups[key] ?? 0);
        if (points < minimum - EPS) {
          failed.push(`group:${key}`);
          scoreGap = Math.max(scoreGap, round(minimum - points));
        }
      }
    }
  }
  const qualified = failed.length === 0;
  return { tier: rules.tier, qualified, route: !qualified ? null : directKey !== null ? `direct:${directKey}` : rules.scoring ? 'score' : 'requirements', score, failed, scoreGap };
}
