/**
 * Green supply (绿色, IN-5): large buyers' green procurement criteria (public, so suppliers know
 * them), suppliers' yearly energy and carbon indicators (restricted: the supplier's members, gov in
 * scope, admins), a chain's green level by segment, and the criteria a need requires — the matching
 * layer drops candidates that fail them (`screenMatches`).
 */
import type { EnterpriseMatch } from '../../../contracts/matching.js';
import type { ChainGreen, CreateGreenCriterionBody, UpsertIndicatorBody } from '../../../contracts/green.js';
import type { Db } from '../../db/database.js';
import { invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { getChain } from '../chains/chains.service.js';
import { canManage as canManageNeed } from '../matching/matching.policy.js';
import { selectNeed } from './achievements.repo.js';
import { enterpriseFor, userIdOf } from './challenges.service.js';
import * as repo from './green.repo.js';
import { DEFAULT_LEVEL_THRESHOLDS, intensity, meetsCriterion, segmentLevel, type Criterion, type SupplierGreenFacts } from './green.policy.js';

export const CRITERION_ENTITY = 'green_criterion';
export const INDICATOR_ENTITY = 'green_indicator';
const ID = /^\d{1,18}$/;
const THRESHOLDS_KEY = 'green:level-thresholds';

function isGovInScope(actor: Actor, regionCode: string): boolean {
  return (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, regionCode);
}

export function managesCriterion(actor: Actor, c: repo.CriterionRecord): boolean {
  return (actor.role === 'member' && actor.orgUscc === c.buyerUscc) || isGovInScope(actor, c.regionCode);
}

/** Criteria of buyers, newest first: public to everyone signed in. */
export async function listCriteria(db: Db, query: { buyerUscc?: string; cursor?: string; limit: number }) {
  const rows = await repo.selectCriteria(db, { buyerUscc: query.buyerUscc, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** A buyer publishes a criterion. @throws forbidden for experts; validation_failed (the kind's parameter missing, uscc). */
export async function createCriterion(db: Db, context: WriteContext, body: CreateGreenCriterionBody): Promise<{ id: string }> {
  const buyer = await enterpriseFor(db, context.actor, body.uscc, 'uscc');
  const errors: FieldError[] = [];
  if ((body.kind === 'carbon_intensity' || body.kind === 'energy_intensity') && body.threshold === undefined) errors.push({ path: 'threshold', message: '请填写强度上限' });
  if (body.kind === 'certification' && !body.certification) errors.push({ path: 'certification', message: '请填写认证名称' });
  if (body.kind === 'green_factory' && !body.factoryLevel) errors.push({ path: 'factoryLevel', message: '请选择绿色工厂等级' });
  if (errors.length > 0) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertCriterion(tx, {
      buyerEnterpriseId: buyer.id, regionCode: buyer.regionCode, name: body.name, kind: body.kind,
      threshold: body.kind === 'carbon_intensity' || body.kind === 'energy_intensity' ? body.threshold! : null,
      certification: body.kind === 'certification' ? body.certification! : null, factoryLevel: body.kind === 'green_factory' ? body.factoryLevel! : null,
      description: body.description, createdBy: userIdOf(context.actor),
    });
    await recordWrites(tx, context, [{ action: 'green.criterion.create', entityType: CRITERION_ENTITY, entityKey: id, regionCode: buyer.regionCode, after: { ...body, buyerUscc: buyer.uscc } }]);
    return { id };
  });
}

/** Report (or correct) a year's indicators. @throws forbidden for experts; validation_failed (uscc, a year after this one). */
export async function upsertIndicator(db: Db, context: WriteContext, body: UpsertIndicatorBody): Promise<void> {
  const supplier = await enterpriseFor(db, context.actor, body.uscc, 'uscc');
  if (body.year > Number(businessDate().slice(0, 4))) throw invalid([{ path: 'year', message: '年度不能晚于今年' }]);
  await db.transaction().execute(async (tx) => {
    await repo.upsertIndicator(tx, {
      enterpriseId: supplier.id, regionCode: supplier.regionCode, year: body.year, energyTce: body.energyTce, emissionsTco2e: body.emissionsTco2e, revenueFen: body.revenueFen,
      certifications: [...new Set(body.certifications)], factoryLevel: body.factoryLevel, updatedBy: userIdOf(context.actor),
    });
    await recordWrites(tx, context, [{ action: 'green.indicator.upsert', entityType: INDICATOR_ENTITY, entityKey: `${supplier.uscc}/${body.year}`, regionCode: supplier.regionCode, after: { ...body, uscc: supplier.uscc } }]);
  });
}

/** Indicators the caller may see: gov users their region's, admins all, members their own enterprise's. Offset pages (cursor = offset). */
export async function listIndicators(db: Db, actor: Actor, query: { uscc?: string; year?: number; cursor?: string; limit: number }) {
  const offset = Number(decodeCursor(query.cursor) ?? 0);
  const filter: Parameters<typeof repo.selectIndicators>[1] = { uscc: query.uscc, year: query.year };
  const scope = regionScopeOf(actor);
  if (scope.kind === 'prefix') filter.regionPrefix = scope.prefix;
  else if (scope.kind === 'none') {
    if (actor.role !== 'member' || !actor.orgUscc) return { items: [], nextCursor: null };
    filter.uscc = actor.orgUscc;
    if (query.uscc && query.uscc.toUpperCase() !== actor.orgUscc) return { items: [], nextCursor: null };
  }
  const rows = await repo.selectIndicators(db, filter, query.limit + 1, offset);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(offset + query.limit) : null };
}

export function presentIndicator(i: repo.IndicatorRecord) {
  const revenueFen = Number(i.revenueFen);
  return {
    uscc: i.uscc, name: i.name, regionCode: i.regionCode, year: i.year, energyTce: Number(i.energyTce), emissionsTco2e: Number(i.emissionsTco2e), revenueFen,
    carbonIntensity: intensity(Number(i.emissionsTco2e), revenueFen), energyIntensity: intensity(Number(i.energyTce), revenueFen), certifications: i.certifications, factoryLevel: i.factoryLevel,
  };
}

async function levelThresholds(db: Db): Promise<{ a: number; b: number }> {
  const row = await repo.selectSetting(db, THRESHOLDS_KEY);
  const value = row?.value as { a?: unknown; b?: unknown } | undefined;
  return typeof value?.a === 'number' && typeof value?.b === 'number' ? { a: value.a, b: value.b } : DEFAULT_LEVEL_THRESHOLDS;
}

/** A chain's green level by segment from its members' latest indicators (pooled intensity). @throws not_found. */
export async function chainGreen(db: Db, actor: Actor, chainId: string): Promise<ChainGreen> {
  const chain = await getChain(db, actor, chainId);
  const members = await repo.selectChainSegmentMembers(db, chain.chain.id);
  const latest = new Map((await repo.selectLatestIndicators(db, [...new Set(members.map((m) => m.enterpriseId))])).map((i) => [i.enterpriseId, i]));
  const thresholds = await levelThresholds(db);
  return {
    chainId: chain.chain.id, chainName: chain.chain.name, thresholds,
    segments: chain.segments.map((s) => {
      const ids = [...new Set(members.filter((m) => m.segmentKey === s.key).map((m) => m.enterpriseId))];
      const reports = ids.map((id) => latest.get(id)).filter((i): i is repo.IndicatorRecord => Boolean(i));
      const revenue = reports.reduce((sum, i) => sum + Number(i.revenueFen), 0);
      const carbon = reports.length > 0 ? intensity(reports.reduce((sum, i) => sum + Number(i.emissionsTco2e), 0), revenue) : null;
      return {
        key: s.key, name: s.name, members: ids.length, reporting: reports.length, carbonIntensity: carbon,
        energyIntensity: reports.length > 0 ? intensity(reports.reduce((sum, i) => sum + Number(i.energyTce), 0), revenue) : null,
        greenFactories: reports.filter((i) => i.factoryLevel).length, certified: reports.filter((i) => i.certifications.some((c) => /50001/.test(c))).length,
        level: segmentLevel(carbon, thresholds),
      };
    }),
  };
}

async function managedNeed(db: Db, actor: Actor, needId: string) {
  const need = ID.test(needId) ? await selectNeed(db, needId) : undefined;
  if (!need || !canManageNeed(actor, { uscc: need.uscc, regionCode: need.regionCode })) throw notFound('需求');
  return need;
}

/** The green criteria a need requires (its managers only; 404 for others). */
export async function needCriteria(db: Db, actor: Actor, needId: string): Promise<repo.CriterionRecord[]> {
  const need = await managedNeed(db, actor, needId);
  return repo.selectCriteria(db, { ids: await repo.selectNeedCriterionIds(db, need.id) }, 100);
}

/** Set the criteria a need requires: criteria of the need's own buyer. @throws not_found; validation_failed (criterionIds). */
export async function setNeedCriteria(db: Db, context: WriteContext, needId: string, criterionIds: string[]): Promise<repo.CriterionRecord[]> {
  const need = await managedNeed(db, context.actor, needId);
  const ids = [...new Set(criterionIds)];
  const found = await repo.selectCriteria(db, { ids }, 100);
  const errors = ids.flatMap((id, i) => (found.some((c) => c.id === id && c.buyerEnterpriseId === need.enterpriseId) ? [] : [{ path: `criterionIds[${i}]`, message: '只能选择本企业发布的绿色采购标准' }]));
  if (errors.length > 0) throw invalid(errors);
  const before = await repo.selectNeedCriterionIds(db, need.id);
  await db.transaction().execute(async (tx) => {
    await repo.replaceNeedCriteria(tx, need.id, ids);
    await recordWrites(tx, context, [{ action: 'need.green_criteria', entityType: 'need', entityKey: need.id, regionCode: need.regionCode, before: { criterionIds: before }, after: { criterionIds: ids } }]);
  });
  return found;
}

function asCriterion(c: repo.CriterionRecord): Criterion {
  return { name: c.name, kind: c.kind, threshold: c.threshold === null ? null : Number(c.threshold), certification: c.certification, factoryLevel: c.factoryLevel };
}

/** Whether a need requires any green criterion. */
export async function hasGreenRequirements(db: Db, needId: string): Promise<boolean> {
  return (await repo.selectNeedCriterionIds(db, needId)).length > 0;
}

/** Extra candidates asked of the engine when a need has green requirements, so that dropping failures still fills the page. */
export const GREEN_HEADROOM = 50;

/**
 * The matching layer's green screen: candidates of a need that requires green criteria keep their
 * order; those failing any criterion are dropped, the others get `green` (the criteria met, with
 * values). A need without criteria passes every candidate unchanged.
 */
export async function screenMatches(db: Db, needId: string, matches: EnterpriseMatch[]): Promise<EnterpriseMatch[]> {
  const ids = await repo.selectNeedCriterionIds(db, needId);
  if (ids.length === 0) return matches;
  // In the order they were published (ids ascending), so the reasons read the same on every call.
  const criteria = (await repo.selectCriteria(db, { ids }, 100)).filter((c) => c.isActive).reverse().map(asCriterion);
  if (criteria.length === 0) return matches;
  const enterprises = await repo.selectEnterpriseIdsByUscc(db, matches.map((m) => m.uscc));
  const latest = new Map((await repo.selectLatestIndicators(db, enterprises.map((e) => e.id))).map((i) => [i.uscc, i]));
  const out: EnterpriseMatch[] = [];
  for (const m of matches) {
    const e = enterprises.find((x) => x.uscc === m.uscc);
    const ind = latest.get(m.uscc);
    const facts: SupplierGreenFacts = {
      indicator: ind && { energyTce: Number(ind.energyTce), emissionsTco2e: Number(ind.emissionsTco2e), revenueFen: Number(ind.revenueFen), certifications: ind.certifications, factoryLevel: ind.factoryLevel },
      registryCertifications: ((e?.certifications ?? []) as { name?: string }[]).map((c) => c.name ?? ''),
    };
    const results = criteria.map((c) => meetsCriterion(c, facts));
    if (results.every((r) => r.isMet)) out.push({ ...m, green: results.map((r) => r.detail) });
  }
  return out;
}
