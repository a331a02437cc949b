import { describe, expect, it } from 'vitest';
import { gradientTheme } from './actions.themes.js';
import { GRADIENT_RULE_SETS } from './rules/index.js';

/** Keys that say what the enterprise is, not what it can improve, and the provinces' own 地方特色 score: no next step answers them. */
const NO_THEME = /direct_|^is_sme$|^baseline_|_prereq_|_title$|_local$/;

describe('gradient themes', () => {
  it('give every improvable condition and scored indicator of every rule set a theme', () => {
    const keys = GRADIENT_RULE_SETS.flatMap((set) => set.tiers.flatMap((t) => [...t.requirements.map((c) => c.key), ...(t.scoring?.indicators.map((i) => i.key) ?? [])]));
    const missing = [...new Set(keys)].filter((k) => !NO_THEME.test(k) && gradientTheme(k) === undefined);
    expect(missing).toEqual([]);
  });

  it('answers the 小巨人 market-share condition with the niche-market theme', () => {
    expect(gradientTheme('lg26_share')?.title).toBe('细分市场与产业链配套');
  });
});
