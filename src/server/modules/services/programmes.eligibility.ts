/**
 * Eligibility of an enterprise for a policy programme: the programme's rules become conditions of
 * the assessment rule engine (`assessment/rules`), evaluated against the enterprise's registry
 * figures. Pure: no I/O. Every rule yields a reason with the enterprise's own value, so an
 * enterprise sees why it is (not) eligible.
 */
import { TAG_LABELS, type EnterpriseTag } from '../../../contracts/enterprises.js';
import type { EligibilityReason, ProgrammeRules } from '../../../contracts/services.js';
import { evaluateTier, type Condition, type TierRules } from '../assessment/rules/index.js';
import { isRegionWithin, regionFullName } from '../../platform/regions.js';

/** What the rules look at of an enterprise. */
export interface EnterpriseFacts {
  regionCode: string;
  industryCode: string;
  size: string | null;
  tags: readonly string[];
}

const NO_SETTINGS = { disabled: new Set<string>() };

/** The programme's rules as engine conditions (the region rule is checked separately). */
function conditionsOf(rules: ProgrammeRules): Condition[] {
  const conditions: Condition[] = [];
  if (rules.isSmeRequired) {
    conditions.push({ key: 'is_sme', text: '属于中小企业（2017年划型标准）', ref: '项目申报条件', status: 'confirmed', check: { input: 'isSme', op: '==', value: true } });
  }
  if (rules.tagsAny.length > 0) {
    const names = rules.tagsAny.map((t) => TAG_LABELS[t as EnterpriseTag] ?? t).join('、');
    conditions.push({ key: 'tags_any', text: `具有以下称号之一：${names}`, ref: '项目申报条件', status: 'confirmed', check: { any: rules.tagsAny.map((t) => ({ input: `tag_${t}`, op: '==' as const, value: true })) } });
  }
  if (rules.industryDivisions.length > 0) {
    conditions.push({ key: 'industry', text: `所属行业大类：${rules.industryDivisions.join('、')}`, ref: '项目申报条件', status: 'confirmed', check: { input: 'industryDivision', op: 'in', value: rules.industryDivisions } });
  }
  return conditions;
}

/** The rules in words (programme pages). */
export function describeRules(regionCode: string, rules: ProgrammeRules): string[] {
  return [`注册地在${regionFullName(regionCode) ?? regionCode}（含下辖地区）`, ...conditionsOf(rules).map((c) => c.text)];
}

const SIZE_LABELS: Record<string, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

/** The enterprise's own value behind a rule, in words. */
function detailOf(key: string, facts: EnterpriseFacts): string {
  switch (key) {
    case 'is_sme':
      return facts.size ? `企业规模：${SIZE_LABELS[facts.size] ?? facts.size}` : '企业规模：未知（缺少从业人员或营业收入）';
    case 'tags_any':
      return facts.tags.length > 0 ? `现有称号：${facts.tags.map((t) => TAG_LABELS[t as EnterpriseTag] ?? t).join('、')}` : '现有称号：无';
    default:
      return `所属行业：${facts.industryCode}`;
  }
}

/** Evaluate one enterprise: eligible when every rule holds; each rule with its reason. */
export function evaluateEligibility(regionCode: string, rules: ProgrammeRules, facts: EnterpriseFacts): { isEligible: boolean; reasons: EligibilityReason[] } {
  const metrics: Record<string, boolean | string | undefined> = {
    isSme: facts.size ? facts.size !== 'large' : undefined,
    industryDivision: facts.industryCode.slice(0, 3),
  };
  for (const tag of rules.tagsAny) metrics[`tag_${tag}`] = facts.tags.includes(tag);
  const tier: TierRules = { tier: 'programme', name: '项目申报条件', requirements: conditionsOf(rules), directRoutes: { replaces: 'score', routes: [] } };
  const result = evaluateTier(tier, metrics, NO_SETTINGS);
  const isInRegion = isRegionWithin(facts.regionCode, regionCode);
  const reasons: EligibilityReason[] = [
    { key: 'region', text: describeRules(regionCode, rules)[0], passed: isInRegion, detail: `注册地：${regionFullName(facts.regionCode) ?? facts.regionCode}` },
    ...result.conditions.map((c) => ({ key: c.key, text: c.text, passed: c.passed, detail: detailOf(c.key, facts) })),
  ];
  return { isEligible: reasons.every((r) => r.passed === true), reasons };
}
