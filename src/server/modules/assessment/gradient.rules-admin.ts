/** Listing the gradient rule sets and switching off unconfirmed rules (platform admins). */
import type { z } from 'zod';
import type { RuleSetView } from '../../../contracts/assessment.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid } from '../../errors.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import * as repo from './gradient.repo.js';
import { configurableRuleKeys, GRADIENT_RULE_SETS } from './rules/index.js';

/** Every rule set as the API shows it, with the administrator's switches applied. */
export async function listRuleSets(db: Db): Promise<z.infer<typeof RuleSetView>[]> {
  const disabled = new Set(await repo.selectSettings(db));
  return GRADIENT_RULE_SETS.map((set) => ({
    version: set.version, name: set.name, effectiveFrom: set.effectiveFrom, effectiveTo: set.effectiveTo, status: set.status, note: set.note,
    tiers: set.tiers.map((t) => ({
      tier: t.tier as 'innovative' | 'specialized' | 'little_giant',
      name: t.name,
      conditions: [
        ...t.requirements.map((c) => ({ key: c.key, text: c.text, ref: c.ref, status: c.status, kind: 'requirement' as const, isDisabled: c.status !== 'confirmed' && disabled.has(c.key) })),
        ...t.directRoutes.routes.map((c) => ({ key: c.key, text: c.text, ref: c.ref, status: c.status, kind: 'direct_route' as const, isDisabled: c.status !== 'confirmed' && disabled.has(c.key) })),
      ],
      indicators: (t.scoring?.indicators ?? []).map((i) => ({ key: i.key, name: i.name, group: i.group, maxPoints: i.maxPoints, ref: i.ref, status: i.status })),
    })),
  }));
}

/**
 * Replace the set of switched-off rules.
 * @throws forbidden unless platform admin; validation_failed naming `disabled` for unknown or confirmed keys.
 */
export async function saveRuleSettings(db: Db, context: WriteContext, disabled: readonly string[]): Promise<z.infer<typeof RuleSetView>[]> {
  if (context.actor.role !== 'platform_admin') throw new AppError('forbidden', 'Only platform admins configure rules', { userMessage: '仅平台管理员可配置规则' });
  const allowed = configurableRuleKeys();
  const bad = disabled.map((key, i) => ({ key, i })).filter(({ key }) => !allowed.has(key));
  if (bad.length > 0) throw invalid(bad.map(({ key, i }) => ({ path: `disabled.${i}`, message: `${key} 不是可配置的（未确认）条款` })));
  const before = await repo.selectSettings(db);
  await db.transaction().execute(async (tx) => {
    await repo.upsertSettings(tx, [...new Set(disabled)]);
    await recordWrites(tx, context, [{ action: 'gradient_rules.configure', entityType: 'gradient_rules', entityKey: 'settings', regionCode: null, before: { disabled: before }, after: { disabled } }]);
  });
  return listRuleSets(db);
}
