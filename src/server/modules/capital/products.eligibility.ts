/**
 * Eligibility of an SME for a bank product (信易贷-like catalogue): the product's rules (data, see
 * `BankProductRules`) become conditions of the assessment rule engine (`assessment/rules`), as the
 * services programmes do, evaluated against the SME's platform facts. Pure: no I/O. Every rule
 * yields a reason with the SME's own value, so it sees why it is (not) eligible.
 */
import { TIER_LEVELS, type BankProductRules, type ProductEligibilityReason } from '../../../contracts/capital.js';
import { TAG_LABELS } from '../../../contracts/enterprises.js';
import { isRegionWithin, regionFullName } from '../../platform/regions.js';
import { evaluateTier, type Condition, type TierRules } from '../assessment/rules/index.js';

/** What the rules look at of an enterprise (from the credit facts and the complaints). */
export interface ProductFacts {
  regionCode: string;
  creditScore: number;
  yearsOfRecord: number;
  size: string | null;
  tier: (typeof TIER_LEVELS)[number] | null;
  heldReceivablesFen: bigint;
  openComplaints: number;
}

const SIZE_NAMES: Record<string, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };
const REF = '银行产品准入条件';
const NO_SETTINGS = { disabled: new Set<string>() };

const wan = (fen: number | bigint) => `${(Number(fen) / 1_000_000).toFixed(2)} 万元`;

/** The rules as engine conditions (the region rule is checked separately). */
function conditionsOf(rules: BankProductRules): Condition[] {
  const c: Condition[] = [];
  const push = (key: string, text: string, check: Condition['check']) => c.push({ key, text, ref: REF, status: 'confirmed', check });
  if (rules.minCreditScore !== undefined) push('credit_score', `平台信用评分不低于 ${rules.minCreditScore} 分`, { input: 'creditScore', op: '>=', value: rules.minCreditScore });
  if (rules.minYears !== undefined) push('years', `经营（有记录）年限不少于 ${rules.minYears} 年`, { input: 'yearsOfRecord', op: '>=', value: rules.minYears });
  if (rules.sizes && rules.sizes.length > 0) push('size', `企业规模：${rules.sizes.map((s) => SIZE_NAMES[s]).join('、')}`, { input: 'size', op: 'in', value: rules.sizes });
  if (rules.tierAtLeast) {
    const rank = TIER_LEVELS.indexOf(rules.tierAtLeast) + 1;
    push('tier', `专精特新梯度不低于${TAG_LABELS[rules.tierAtLeast]}`, { input: 'tierRank', op: '>=', value: rank });
  }
  if (rules.minReceivablesFen !== undefined) push('receivables', `持有确权应收账款不少于 ${wan(rules.minReceivablesFen)}`, { input: 'receivablesFen', op: '>=', value: rules.minReceivablesFen });
  if (rules.isNoOpenComplaints) push('complaints', '无未办结的拖欠账款投诉（作为付款方）', { input: 'openComplaints', op: '<=', value: 0 });
  return c;
}

/** The region rule in words. */
function regionText(regionCodes: readonly string[]): string {
  return `服务地区：${regionCodes.map((r) => regionFullName(r) ?? r).join('、')}`;
}

/** All rules in words (catalogue cards, the Excel export). */
export function describeProductRules(regionCodes: readonly string[], rules: BankProductRules): string[] {
  return [regionText(regionCodes), ...conditionsOf(rules).map((c) => c.text)];
}

/** The SME's own value behind a rule, in words. */
function detailOf(key: string, facts: ProductFacts): string {
  switch (key) {
    case 'credit_score':
      return `当前评分：${facts.creditScore}`;
    case 'years':
      return `有记录年限：${facts.yearsOfRecord} 年`;
    case 'size':
      return facts.size ? `企业规模：${SIZE_NAMES[facts.size] ?? facts.size}` : '企业规模：未知（缺少从业人员或营业收入）';
    case 'tier':
      return facts.tier ? `现有梯度：${TAG_LABELS[facts.tier]}` : '现有梯度：无';
    case 'receivables':
      return `持有确权应收账款：${wan(facts.heldReceivablesFen)}`;
    default:
      return `未办结投诉：${facts.openComplaints} 件`;
  }
}

/** True when the region is served by one of the product's regions (each with its subtree). */
export function isRegionServed(regionCode: string, regionCodes: readonly string[]): boolean {
  return regionCodes.some((r) => isRegionWithin(regionCode, r));
}

/** Evaluate one SME: eligible when every rule holds; each rule with its reason. */
export function evaluateProductEligibility(regionCodes: readonly string[], rules: BankProductRules, facts: ProductFacts): { isEligible: boolean; reasons: ProductEligibilityReason[] } {
  const metrics = {
    creditScore: facts.creditScore,
    yearsOfRecord: facts.yearsOfRecord,
    size: facts.size ?? undefined,
    tierRank: facts.tier ? TIER_LEVELS.indexOf(facts.tier) + 1 : 0,
    // bigint fen to number: exact below 2^53 fen (AMOUNT_FEN_MAX is inside it)
    receivablesFen: Number(facts.heldReceivablesFen),
    openComplaints: facts.openComplaints,
  };
  const tier: TierRules = { tier: 'bank_product', name: REF, requirements: conditionsOf(rules), directRoutes: { replaces: 'score', routes: [] } };
  const result = evaluateTier(tier, metrics, NO_SETTINGS);
  const reasons: ProductEligibilityReason[] = [
    { key: 'region', text: regionText(regionCodes), passed: isRegionServed(facts.regionCode, regionCodes), detail: `注册地：${regionFullName(facts.regionCode) ?? facts.regionCode}` },
    ...result.conditions.map((c) => ({ key: c.key, text: c.text, passed: c.passed, detail: detailOf(c.key, facts) })),
  ];
  return { isEligible: reasons.every((r) => r.passed === true), reasons };
}
