/**
 * Scoring of a digital-level questionnaire: answers → item points → dimension scores → total →
 * level. Pure. Validation collects every answer outside its question's options.
 */
import type { FieldError } from '../../errors.js';
import { LEVEL_BANDS, type DigitalForm } from './digital.forms.js';

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

/** The scored questionnaire. */
export interface DigitalScore {
  score: number;
  level: number;
  levelName: string;
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
  for (const [key, value] of Object.entries(answers)) {
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

/** Score valid answers (see {@link validateAnswers}); unanswered questions score 0 and are listed. */
export function scoreAnswers(form: DigitalForm, answers: DigitalAnswers): DigitalScore {
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
  const level = levelOf(score);
  return {
    score,
    level: level.level,
    levelName: level.name,
    dimensions,
    items: items.map((i) => ({ key: i.key, dimension: i.dimension, points: round(i.points), maxPoints: i.maxPoints })),
    missing: items.filter((i) => !i.isAnswered).map((i) => i.key),
  };
}
