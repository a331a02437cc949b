/** The versioned rule sets of the gradient evaluation and how to pick one by date. */
import { ruleSetOn, type RuleSet } from './engine.js';
import { GRADIENT_2022 } from './gradient-2022.js';
import { GRADIENT_2026 } from './gradient-2026.js';

/** Settings key of the digital level rule's scenario requirement (⚠️), switched off with the gradient rules' settings. */
export const DIGITAL_SCENARIO_RULE_KEY = 'digital.scenarios';

export * from './engine.js';

/** Every gradient rule set, oldest first. */
export const GRADIENT_RULE_SETS: readonly RuleSet[] = [GRADIENT_2022, GRADIENT_2026];

/** The gradient rule set in force on `date`; dates before the first use the first. */
export function gradientRuleSetOn(date: string): RuleSet {
  return ruleSetOn(GRADIENT_RULE_SETS, date) ?? GRADIENT_RULE_SETS[0];
}

/** Keys of every condition and indicator that may be switched off (not ✅), and the digital scenario requirement. */
export function configurableRuleKeys(): Set<string> {
  const keys = new Set<string>([DIGITAL_SCENARIO_RULE_KEY]);
  for (const set of GRADIENT_RULE_SETS) {
    for (const tier of set.tiers) {
      for (const c of [...tier.requirements, ...tier.directRoutes.routes]) if (c.status !== 'confirmed') keys.add(c.key);
      for (const i of tier.scoring?.indicators ?? []) if (i.status !== 'confirmed') keys.add(i.key);
    }
  }
  return keys;
}
