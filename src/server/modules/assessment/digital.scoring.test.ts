import { describe, expect, it } from 'vitest';
import { DIGITAL_2024 } from './digital.forms.js';
import { scoreAnswers, validateAnswers, type DigitalAnswers } from './digital.scoring.js';

/** 数字化基础 full (50) + 数字化成效 full (20) = 70: the 三级 score band. */
const SEVENTY: DigitalAnswers = {
  b1: ['o1', 'o2', 'o3', 'o4', 'o5'], b2: 'r60_100', b3: 'r60_100', b4: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7'], b5: 'r60_100', b6: ['o1', 'o2', 'o3', 'o4'], b7: ['o1', 'o2', 'o3', 'o4'],
  e1: 'better', e2: 'better', e3: 'better', e4: 'better',
};
/** 70 + m1 full (7.5) + m4 5%以上 (7.5) = 85: the 四级 score band. */
const EIGHTY_FIVE: DigitalAnswers = { ...SEVENTY, m1: 'full', m4: 'p5' };
/** b2–b5 full (32) + e1, e2 better (14) = 46: the 二级 score band. */
const FORTY_SIX: DigitalAnswers = { b2: 'r60_100', b3: 'r60_100', b4: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7'], b5: 'r60_100', e1: 'better', e2: 'better' };

const BINDING = DIGITAL_2024.scenarios.filter((s) => s.isBinding).map((s) => s.key);
const GUIDING = DIGITAL_2024.scenarios.filter((s) => !s.isBinding).map((s) => s.key);

/** Rate `binding` 约束性 and `guiding` 指导性 scenarios at `level`, the rest at `rest`. */
function rate(level: number, binding: number, guiding: number, rest = 0): DigitalAnswers {
  const out: Record<string, string> = {};
  for (const key of [...BINDING, ...GUIDING]) out[key] = `l${rest}`;
  for (const key of BINDING.slice(0, binding)) out[key] = `l${level}`;
  for (const key of GUIDING.slice(0, guiding)) out[key] = `l${level}`;
  return out;
}

describe('the 16 application scenarios', () => {
  it('are 9 约束性 and 7 指导性', () => {
    expect(DIGITAL_2024.scenarios).toHaveLength(16);
    expect(BINDING).toHaveLength(9);
    expect(GUIDING).toHaveLength(7);
  });
});

describe('the level rule: score band and scenarios at that level or higher', () => {
  it('四级 needs ≥80 and ≥10 scenarios at 四级 with ≥6 约束性 (exact minimum)', () => {
    const r = scoreAnswers(DIGITAL_2024, { ...EIGHTY_FIVE, ...rate(4, 6, 4) });
    expect(r.score).toBe(85);
    expect(r).toMatchObject({ level: 4, levelName: '四级' });
    expect(r.scenarioCheck.byLevel.find((b) => b.level === 4)).toEqual({ level: 4, scenarios: 10, binding: 6, minScenarios: 10, minBinding: 6, met: true });
  });

  it('四级 score with 9 scenarios at 四级 falls to 三级 (they count for 三级: ≥8 with ≥5 约束性)', () => {
    const r = scoreAnswers(DIGITAL_2024, { ...EIGHTY_FIVE, ...rate(4, 6, 3) });
    expect(r.level).toBe(3);
    expect(r.scenarioCheck.scoreLevel).toBe(4);
  });

  it('10 scenarios at 四级 but only 5 约束性 → 三级', () => {
    expect(scoreAnswers(DIGITAL_2024, { ...EIGHTY_FIVE, ...rate(4, 5, 5) }).level).toBe(3);
  });

  it('a 三级 score stays 三级 with 8 scenarios at 三级, 5 约束性', () => {
    const r = scoreAnswers(DIGITAL_2024, { ...SEVENTY, ...rate(3, 5, 3) });
    expect(r.score).toBe(70);
    expect(r.level).toBe(3);
  });

  it('a 三级 score with only 4 约束性 at 三级 (rest 二级) → 二级', () => {
    const r = scoreAnswers(DIGITAL_2024, { ...SEVENTY, ...rate(3, 4, 7, 2) });
    expect(r.level).toBe(2);
    expect(r.scenarioCheck.byLevel.find((b) => b.level === 3)).toMatchObject({ scenarios: 11, binding: 4, met: false });
  });

  it('scenarios above the score band do not raise the level', () => {
    expect(scoreAnswers(DIGITAL_2024, { ...SEVENTY, ...rate(4, 9, 7) }).level).toBe(3);
  });

  it('二级 needs 6 scenarios at 二级 with 3 约束性; with them only at 一级 it is 一级', () => {
    expect(scoreAnswers(DIGITAL_2024, { ...FORTY_SIX, ...rate(2, 3, 3) }).level).toBe(2);
    expect(scoreAnswers(DIGITAL_2024, { ...FORTY_SIX, ...rate(2, 2, 4, 1) }).level).toBe(1);
    expect(scoreAnswers(DIGITAL_2024, { ...FORTY_SIX, ...rate(1, 3, 3) }).level).toBe(1);
  });

  it('一级 needs 6 scenarios at 一级 or higher with 3 约束性; fewer → no level', () => {
    const r = scoreAnswers(DIGITAL_2024, { ...FORTY_SIX, ...rate(1, 3, 2) });
    expect(r).toMatchObject({ level: 0, levelName: '未达一级' });
    expect(r.scenarioCheck.byLevel.find((b) => b.level === 1)).toMatchObject({ scenarios: 5, binding: 3, met: false });
  });

  it('unrated scenarios count as 未开展 and are listed', () => {
    const r = scoreAnswers(DIGITAL_2024, SEVENTY);
    expect(r.level).toBe(0);
    expect(r.scenarioCheck.unrated).toHaveLength(16);
    expect(r.scenarioCheck.applied).toBe(true);
  });

  it('switched off (⚠️, configurable), the score band alone gives the level', () => {
    const r = scoreAnswers(DIGITAL_2024, SEVENTY, { applyScenarioRule: false });
    expect(r).toMatchObject({ level: 3, scenarioCheck: { applied: false, scoreLevel: 3 } });
  });

  it('rejects a scenario answer outside l0–l4, naming it', () => {
    const errors = validateAnswers(DIGITAL_2024, { s1: 'l5', s9: ['l1'], s16: 'l4' });
    expect(errors.map((e) => e.path)).toEqual(['answers.s1', 'answers.s9']);
  });
});
