/**
 * Scoring of a digital-level questionnaire: answers → item points → dimension scores → total →
 * level. Pure. Validation collects every answer outside its question's options.
 */
import type { FieldError } from '../../errors.js';
import { LEVEL_BANDS, SCENARIO_LEVELS, type DigitalForm } from './digital.forms.js';

/** Answers by question key: one option value (single) or a list (multi). */
export type DigitalAnswers = Readonly<Record<string, string | readonly string[]>>;

/** The score of one dimension. */
export interface DimensionResult {
  key: string;
  name: string;
  weight: number;
  score: number;
  /** score / weight × 100. */
  percent: number;
  answered: number;
  questions: number;
}

/** How the scenario half of the level rule was applied. */
export interface ScenarioCheck {
  /** false when the form has no scenarios or an administrator switched the requirement off. */
  applied: boolean;
  /** The level the score band alone gives. */
  scoreLevel: number;
  /** Per level (4 … 1): scenarios rated at that level or higher, of which 约束性, against the requirement. */
  byLevel: { level: number; scenarios: number; binding: number; minScenarios: number; minBinding: number; met: boolean }[];
  /** Scenario keys not rated (they count as 未开展). */
  unrated: string[];
}

/** Options of {@link scoreAnswers}. */
export interface ScoringOptions {
  /** Apply the scenario requirement of the level rule (default true; ⚠️, configurable). */
  applyScenarioRule?: boolean;
}

/** The scored questionnaire. */
export interface DigitalScore {
  score: number;
  level: number;
  levelName: string;
  scenarioCheck: ScenarioCheck;
  dimensions: DimensionResult[];
  items: { key: string; dimension: string; points: number; maxPoints: number }[];
  /** Questions not answered (they score 0). */
  missing: string[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Every answer outside its question's options (and unknown questions), with paths `answers.<key>`. */
export function validateAnswers(form: DigitalForm, answers: Readonly<Record<string, unknown>>): FieldError[] {
  const errors: FieldError[] = [];
  const byKey = new Map(form.questions.map((q) => [q.key, q]));
  const scenarioKeys = new Set(form.scenarios.map((s) => s.key));
  const levels = SCENARIO_LEVELS.map((o) => o.value);
  for (const [key, value] of Object.entries(answers)) {
    if (scenarioKeys.has(key)) {
      if (typeof value !== 'string' || !levels.includes(value)) errors.push({ path: `answers.${key}`, message: `应用场景的等级应为其中一个：${levels.join(', ')}` });
      continue;
    }
    const q = byKey.get(key);
    if (!q) {
      errors.push({ path: `answers.${key}`, message: `问卷 ${form.key} 没有题目 ${key}` });
      continue;
    }
    const allowed = new Set(q.options.map((o) => o.value));
    if (q.kind === 'single') {
      if (typeof value !== 'string' || !allowed.has(value)) errors.push({ path: `answers.${key}`, message: `“${q.text}”的答案应为其中一个选项：${[...allowed].join(', ')}` });
    } else if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !allowed.has(v)) || new Set(value).size !== value.length) {
      errors.push({ path: `answers.${key}`, message: `“${q.text}”的答案应为不重复的选项列表：${[...allowed].join(', ')}` });
    } else if (value.includes('none') && value.length > 1) {
      errors.push({ path: `answers.${key}`, message: `“${q.text}”选择“无”时不能再选其他选项` });
    }
  }
  return errors;
}

/** The level of a total score (0 below 一级). */
export function levelOf(score: number): { level: number; name: string } {
  const band = LEVEL_BANDS.find((b) => score >= b.min - 1e-9);
  return band ? { level: band.level, name: band.name } : { level: 0, name: '未达一级' };
}

/** Level names by level number (0 = below 一级). */
export const LEVEL_NAMES = ['未达一级', '一级', '二级', '三级', '四级'];

/**
 * The level rule: the highest level whose score band is reached and, when the scenario rule
 * applies, whose scenario requirement is met (scenarios rated at that level or higher, with enough
 * 约束性 ones); 0 when none.
 */
export function levelWithScenarios(form: DigitalForm, score: number, answers: DigitalAnswers, applyScenarioRule: boolean): { level: number; name: string; check: ScenarioCheck } {
  const scoreLevel = levelOf(score).level;
  const rated = form.scenarios.map((s) => {
    const answer = answers[s.key];
    return { ...s, level: typeof answer === 'string' && /^l[0-4]$/.test(answer) ? Number(answer.slice(1)) : 0, isRated: typeof answer === 'string' };
  });
  const byLevel = form.scenarioRule.map((r) => {
    const atLeast = rated.filter((s) => s.level >= r.level);
    const binding = atLeast.filter((s) => s.isBinding).length;
    return { level: r.level, scenarios: atLeast.length, binding, minScenarios: r.minScenarios, minBinding: r.minBinding, met: atLeast.length >= r.minScenarios && binding >= r.minBinding };
  });
  const applied = applyScenarioRule && form.scenarios.length > 0;
  let level = scoreLevel;
  if (applied) {
    while (level > 0 && !byLevel.find((b) => b.level === level)?.met) level -= 1;
  }
  return { level, name: LEVEL_NAMES[level], check: { applied, scoreLevel, byLevel, unrated: rated.filter((s) => !s.isRated).map((s) => s.key) } };
}

/** Score valid answers (see {@link validateAnswers}); unanswered questions score 0 and are listed. */
export function scoreAnswers(form: DigitalForm, answers: DigitalAnswers, options: ScoringOptions = {}): DigitalScore {
  const items = form.questions.map((q) => {
    const answer = answers[q.key];
    let share = 0;
    if (q.kind === 'single' && typeof answer === 'string') {
      share = q.options.find((o) => o.value === answer)?.share ?? 0;
    } else if (q.kind === 'multi' && Array.isArray(answer)) {
      const real = q.options.filter((o) => !o.isNone);
      share = answer.filter((a) => real.some((o) => o.value === a)).length / real.length;
    }
    return { key: q.key, dimension: q.dimension, points: q.points * share, maxPoints: q.points, isAnswered: answer !== undefined };
  });
  const dimensions = form.dimensions.map((d) => {
    const own = items.filter((i) => i.dimension === d.key);
    const score = round(own.reduce((s, i) => s + i.points, 0));
    return { key: d.key, name: d.name, weight: d.weight, score, percent: round((score / d.weight) * 100), answered: own.filter((i) => i.isAnswered).length, questions: own.length };
  });
  const score = round(items.reduce((s, i) => s + i.points, 0));
  const level = levelWithScenarios(form, score, answers, options.applyScenarioRule ?? true);
  return {
    score,
    level: level.level,
    levelName: level.name,
    scenarioCheck: level.check,
    dimensions,
    items: items.map((i) => ({ key: i.key, dimension: i.dimension, points: round(i.points), maxPoints: i.maxPoints })),
    missing: items.filter((i) => !i.isAnswered).map((i) => i.key),
  };
}
