/**
 * The 梯度培育 evaluation of one enterprise: gathers its facts (registry, declared inputs, digital
 * level, supply edges to chain leaders), derives the metrics and runs the versioned rule set.
 */
import type { GradientInputs, GradientResponse, GradientTier, SaveGradientInputsBody } from '../../../contracts/assessment.js';
import type { Db } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { wanToFen } from '../../platform/money.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import type { SupplyGraphHolder } from '../chains/graph/holder.js';
import { visibleInEdges, enterpriseIdOf } from '../chains/weak-links.service.js';
import { getEnterprise } from '../enterprises/index.js';
import { gradientNextSteps } from './actions.service.js';
import { deriveMetrics, type GradientFacts } from './gradient.metrics.js';
import * as repo from './gradient.repo.js';
import { evaluateRuleSet, gradientRuleSetOn, screenTier, type MetricValue, type RuleSet, type RuleSettings, type TierResult, type TierVerdict } from './rules/index.js';

/** What the assessment services need from the app. */
export interface AssessmentDeps {
  db: Db;
  graph: SupplyGraphHolder;
}

export const GRADIENT_INPUTS_ENTITY = 'gradient_inputs';

/** The 上年度 of an evaluation date. */
export function lastYearOf(date: string): number {
  return Number(date.slice(0, 4)) - 1;
}

/** The administrator's switches (disabled ⚠️/❓ rules). */
export async function loadRuleSettings(db: Db): Promise<RuleSettings> {
  return { disabled: new Set(await repo.selectSettings(db)) };
}

/**
 * IC-3: per SME id, the chain leaders it supplies, from the live supply graph (edges the actor may
 * see). Leaders are enterprises placed as `leader` in a chain or tagged `leader`.
 */
export async function leadersSuppliedBy(deps: AssessmentDeps, actor: Actor): Promise<Map<string, Set<string>>> {
  const leaderIds = await repo.selectLeaderIds(deps.db);
  const snap = await deps.graph.snapshot();
  const out = new Map<string, Set<string>>();
  const leaderSet = new Set(leaderIds);
  for (const e of visibleInEdges(snap, leaderIds, actor)) {
    const supplier = enterpriseIdOf(snap, e.supplierNode);
    const leader = enterpriseIdOf(snap, e.customerNode);
    if (!supplier || !leader || leaderSet.has(supplier)) continue;
    const set = out.get(supplier) ?? new Set<string>();
    set.add(leader);
    out.set(supplier, set);
  }
  return out;
}

/** Facts of one enterprise in the shape the metrics read. */
export function factsOf(basics: Pick<repo.EnterpriseBasics, 'size' | 'tags' | 'certifications'>, raw: repo.RawFacts | undefined, leadersSupplied: number): GradientFacts {
  return {
    size: basics.size,
    tags: basics.tags,
    certifications: basics.certifications,
    years: raw?.years ?? new Map(),
    profile: raw?.profile ?? {},
    assessedDigitalLevel: raw?.assessedDigitalLevel ?? null,
    leadersSupplied,
  };
}

/** Evaluate prepared facts with a rule set (the one function both single and batch use). */
export function evaluateFacts(ruleSet: RuleSet, settings: RuleSettings, facts: GradientFacts, lastYear: number, isLean = false): { metrics: ReturnType<typeof deriveMetrics>; tiers: (TierResult & { tier: GradientTier; isRecognised: boolean })[] } {
  const metrics = deriveMetrics(facts, lastYear);
  const tiers = evaluateRuleSet(ruleSet, metrics, settings, isLean) as (TierResult & { tier: GradientTier; isRecognised: boolean })[];
  for (const t of tiers) {
    // Assigned, not spread (spreads are slow on the screening's hot path).
    t.isRecognised = isRecognisedAs(facts.tags, t.tier);
  }
  return { metrics, tiers };
}

function isRecognisedAs(tags: readonly string[], tier: string): boolean {
  return tags.includes(tier) || (tier !== 'little_giant' && tags.includes('little_giant')) || (tier === 'innovative' && tags.includes('specialized'));
}

/** The batch twin of {@link evaluateFacts}: verdicts without explanations (same metrics, same rules). */
export function screenFacts(ruleSet: RuleSet, settings: RuleSettings, facts: GradientFacts, lastYear: number): (TierVerdict & { tier: GradientTier; isRecognised: boolean })[] {
  const metrics = deriveMetrics(facts, lastYear);
  return ruleSet.tiers.map((t) => {
    const v = screenTier(t, metrics, settings) as TierVerdict & { tier: GradientTier; isRecognised: boolean };
    v.isRecognised = isRecognisedAs(facts.tags, t.tier);
    return v;
  });
}

/** An enterprise the actor may see with its restricted figures. @throws not_found otherwise. */
export async function restrictedEnterprise(db: Db, actor: Actor, uscc: string): Promise<repo.EnterpriseBasics> {
  const view = await getEnterprise(db, actor, uscc);
  if (!view.canSeeRestricted) throw notFound('企业');
  const r = view.record;
  const certifications = (r.certifications as { name?: string }[]).map((c) => c.name ?? '').filter(Boolean);
  return { id: r.id, uscc: r.uscc, name: r.name, regionCode: r.regionCode, industryCode: r.industryCode, size: r.size, tags: r.tags, certifications };
}

/**
 * The gradient evaluation of an enterprise on `asOf` (default today): every tier with its
 * indicators, conditions, failures and what to improve. Missing figures are listed, never fatal.
 * @throws not_found outside the actor's scope (members see only their own enterprise).
 */
export async function getGradient(deps: AssessmentDeps, actor: Actor, uscc: string, asOf: string | undefined): Promise<GradientResponse> {
  const basics = await restrictedEnterprise(deps.db, actor, uscc);
  const date = asOf ?? businessDate();
  const lastYear = lastYearOf(date);
  const ruleSet = gradientRuleSetOn(date);
  const [raw, settings, leaders] = await Promise.all([
    repo.selectRawFacts(deps.db, [basics.id], lastYear - 2, lastYear, date),
    loadRuleSettings(deps.db),
    leadersSuppliedBy(deps, actor),
  ]);
  const supplied = [...(leaders.get(basics.id) ?? [])];
  const { metrics, tiers } = evaluateFacts(ruleSet, settings, factsOf(basics, raw.get(basics.id), supplied.length), lastYear);
  const nextTier = tiers.find((t) => !t.qualified && !t.isRecognised);
  const [names, nextSteps] = await Promise.all([repo.selectNames(deps.db, supplied), gradientNextSteps(deps.db, basics, nextTier)]);
  return {
    uscc: basics.uscc,
    name: basics.name,
    asOf: date,
    lastYear,
    ruleVersion: ruleSet.version,
    ruleSetName: ruleSet.name,
    ruleSetStatus: ruleSet.status,
    ruleSetNote: ruleSet.note,
    leadersSupplied: supplied.map((id) => names.get(id)).filter((n): n is { uscc: string; name: string } => n !== undefined),
    metrics: Object.fromEntries(Object.entries(metrics).filter((e): e is [string, MetricValue] => e[1] !== undefined)),
    tiers,
    nextTier: nextTier?.tier ?? null,
    nextSteps,
  };
}

const toWan = (fen: number | null): number | null => (fen === null ? null : Math.round(fen / 100) / 10000);

/** The declared inputs of an enterprise, years pre-filled from the registry. @throws not_found outside scope. */
export async function getGradientInputs(db: Db, actor: Actor, uscc: string): Promise<GradientInputs> {
  const basics = await restrictedEnterprise(db, actor, uscc);
  const date = businessDate();
  const lastYear = lastYearOf(date);
  const raw = (await repo.selectRawFacts(db, [basics.id], lastYear - 2, lastYear, date)).get(basics.id);
  const years = [lastYear - 2, lastYear - 1, lastYear].map((year) => {
    const y = raw?.years.get(year);
    return {
      year,
      revenueWan: toWan(y?.revenueFen ?? null), mainRevenueWan: toWan(y?.mainRevenueFen ?? null), netProfitWan: toWan(y?.netProfitFen ?? null),
      assetsWan: toWan(y?.assetsFen ?? null), liabilitiesWan: toWan(y?.liabilitiesFen ?? null), rdSpendWan: toWan(y?.rdSpendFen ?? null),
      employees: y?.employees ?? null, rdStaff: y?.rdStaff ?? null, source: y?.source,
    };
  });
  return { profile: raw?.profile ?? {}, years };
}

function canEdit(actor: Actor, basics: repo.EnterpriseBasics): boolean {
  return actor.role === 'platform_admin' || actor.role === 'gov' || (actor.role === 'member' && actor.orgUscc === basics.uscc);
}

/**
 * Save declared inputs (profile and/or years) in one transaction with an audit entry.
 * @throws not_found outside scope; forbidden for experts.
 */
export async function saveGradientInputs(db: Db, context: WriteContext, uscc: string, body: SaveGradientInputsBody): Promise<GradientInputs> {
  const basics = await restrictedEnterprise(db, context.actor, uscc);
  if (!canEdit(context.actor, basics)) throw new AppError('forbidden', 'May not edit gradient inputs', { userMessage: '无权修改该企业的评价数据' });
  const before = await getGradientInputs(db, context.actor, uscc);
  const fen = (wan: number | null | undefined) => (wan === null || wan === undefined ? null : wanToFen(wan));
  const years = (body.years ?? []).map((y) => ({
    year: y.year, revenueFen: fen(y.revenueWan), mainRevenueFen: fen(y.mainRevenueWan), netProfitFen: fen(y.netProfitWan),
    assetsFen: fen(y.assetsWan), liabilitiesFen: fen(y.liabilitiesWan), rdSpendFen: fen(y.rdSpendWan), employees: y.employees ?? null, rdStaff: y.rdStaff ?? null,
  }));
  const userId = context.actor.userId === '0' ? null : context.actor.userId;
  await db.transaction().execute(async (tx) => {
    if (body.profile) await repo.upsertProfile(tx, basics.id, basics.regionCode, body.profile, userId);
    if (years.length > 0) await repo.upsertYears(tx, basics.id, basics.regionCode, years, userId);
    await recordWrites(tx, context, [{ action: 'gradient_inputs.save', entityType: GRADIENT_INPUTS_ENTITY, entityKey: basics.uscc, regionCode: basics.regionCode, before, after: body }]);
  });
  return getGradientInputs(db, context.actor, uscc);
}
