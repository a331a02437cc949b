import type { AlertHit, CreateRiskSubscriptionBody, ListAlertsQuery, RiskSeverity } from '../../../contracts/risk.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { isInRegionScope } from '../../platform/scope.js';
import { validateUscc } from '../../platform/uscc.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import type { SupplyGraphSnapshot } from './graph/holder.js';
import type { ImpactResult } from './graph/propagate.js';
import { enterpriseIdOfNode, impactOf, upstreamEnterpriseIds } from './risk.impact.js';
import * as repo from './risk.repo.js';
import { getScoreSettings, type RiskDeps } from './risk.score.js';

/**
 * Subscriptions (what a user watches) and alerts (预警消息, one per user and event).
 *
 * - A member watches its own enterprise's direct suppliers (`suppliers`, follows the graph as it
 *   changes), one enterprise it can see (its own or one upstream of it), or any chain (chain maps
 *   are public, ADR 0006).
 * - A gov user watches enterprises or chains of its region; an admin anything.
 * - When an event is recorded, the impact is computed for each subscriber over the edges that
 *   subscriber may see, so an alert never rests on a private edge the subscriber may not see.
 */

/**
 * Watch an enterprise, the suppliers of one's own enterprise, or a chain. Subscribing twice to the
 * same thing returns the existing subscription.
 * @throws forbidden for experts; validation_failed naming the field for a missing, unknown or
 * out-of-view target (unknown and out of view read the same).
 */
export async function createSubscription({ db, graph }: RiskDeps, context: WriteContext, body: CreateRiskSubscriptionBody): Promise<{ subscription: repo.SubscriptionRecord; isNew: boolean }> {
  const { actor } = context;
  if (actor.role === 'expert') {
    throw new AppError('forbidden', 'Experts do not subscribe to risk alerts', { userMessage: '专家账号不能订阅风险预警' });
  }
  let enterpriseId: string | null = null;
  let chainId: string | null = null;
  const own = actor.orgUscc ? await repo.selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
  if (body.target === 'enterprise') {
    if (!body.uscc) throw invalid([{ path: 'uscc', message: '请选择要关注的企业' }]);
    const check = validateUscc(body.uscc);
    const enterprise = check.valid ? await repo.selectEnterpriseByUscc(db, check.code) : undefined;
    if (!enterprise || !(await canWatchEnterprise({ db, graph }, actor, enterprise, own?.id))) {
      throw invalid([{ path: 'uscc', message: '未找到该企业（或您无权关注）' }]);
    }
    enterpriseId = enterprise.id;
  } else if (body.target === 'suppliers') {
    if (actor.role !== 'member' || !own) {
      throw invalid([{ path: 'target', message: '只有企业用户可以订阅本企业的供应商' }]);
    }
  } else {
    if (!body.chainId) throw invalid([{ path: 'chainId', message: '请选择要关注的产业链' }]);
    const chain = await repo.selectChain(db, body.chainId);
    // Chain maps are published to every signed-in user (ADR 0006): members may watch any; gov users their region's.
    const isAllowed = chain !== undefined && (actor.role === 'member' || isInRegionScope(actor, chain.regionCode));
    if (!isAllowed) {
      throw invalid([{ path: 'chainId', message: '未找到该产业链（或您无权关注）' }]);
    }
    chainId = chain.id;
  }
  const { id, isNew } = await db.transaction().execute(async (tx) => {
    const result = await repo.upsertSubscription(tx, { userId: actor.userId, target: body.target, enterpriseId, chainId });
    if (result.isNew) {
      await recordWrites(tx, context, [{ action: 'risk_subscription.create', entityType: 'risk_subscription', entityKey: result.id, regionCode: null, after: { target: body.target, enterpriseId, chainId } }]);
    }
    return result;
  });
  return { subscription: (await repo.selectSubscription(db, id, actor.userId))!, isNew };
}

async function canWatchEnterprise({ db, graph }: RiskDeps, actor: Actor, enterprise: repo.EnterpriseBrief, ownId: string | undefined): Promise<boolean> {
  if (actor.role !== 'member') {
    return isInRegionScope(actor, enterprise.regionCode);
  }
  if (!ownId) return false;
  if (ownId === enterprise.id) return true;
  const settings = await getScoreSettings(db);
  return upstreamEnterpriseIds(await graph.snapshot(), ownId, settings.propagation.maxTiers, actor).includes(enterprise.id);
}

/** The caller's subscriptions. */
export function listSubscriptions(db: Db, actor: Actor): Promise<repo.SubscriptionRecord[]> {
  return repo.selectSubscriptionsOfUser(db, actor.userId);
}

/** Stop watching. @throws not_found for someone else's subscription (or none). */
export async function deleteSubscription(db: Db, context: WriteContext, id: string): Promise<void> {
  if (!/^\d{1,19}$/.test(id)) throw notFound('订阅');
  await db.transaction().execute(async (tx) => {
    const isDeleted = await repo.deleteSubscription(tx, id, context.actor.userId);
    if (!isDeleted) throw notFound('订阅');
    await recordWrites(tx, context, [{ action: 'risk_subscription.delete', entityType: 'risk_subscription', entityKey: id, regionCode: null, before: { id } }]);
  });
}

/** A page of the caller's alerts, newest first. */
export async function listAlerts(db: Db, actor: Actor, query: ListAlertsQuery): Promise<{ items: repo.AlertRecord[]; nextCursor: string | null; unread: number }> {
  const beforeId = decodeCursor(query.cursor);
  const [rows, unread] = await Promise.all([
    repo.selectAlertPage(db, actor.userId, { isUnreadOnly: query.unread === 'true', beforeId, limit: query.limit + 1 }),
    repo.countUnreadAlerts(db, actor.userId),
  ]);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null, unread };
}

export function countUnreadAlerts(db: Db, actor: Actor): Promise<number> {
  return repo.countUnreadAlerts(db, actor.userId);
}

/** Mark one alert read. @throws not_found for someone else's alert. */
export async function readAlert(db: Db, actor: Actor, id: string): Promise<void> {
  if (!/^\d{1,19}$/.test(id) || !(await repo.markAlertRead(db, id, actor.userId))) {
    throw notFound('预警消息');
  }
}

export function readAllAlerts(db: Db, actor: Actor): Promise<number> {
  return repo.markAllAlertsRead(db, actor.userId);
}

/** The actor a subscriber's alerts are computed for (visibility of private edges). */
function actorOfSubscriber(s: repo.Subscriber): Actor {
  return { userId: s.userId, username: s.username, label: s.username, role: s.role as Actor['role'], regionCode: s.regionCode, orgId: s.orgId, orgUscc: s.orgUscc };
}

/** Where one event hit, as the alert computation reads it. */
interface HitLookup {
  /** tier/exposure of an enterprise, or undefined when not hit. */
  ofEnterprise(enterpriseId: string): { tier: number; exposure: number } | undefined;
  result: ImpactResult;
  indexOfNode: Map<number, number>;
}

function hitLookup(snap: SupplyGraphSnapshot, result: ImpactResult, sourceWeight: Map<number, number>, eventEnterpriseId: string | null, weight: number): HitLookup {
  const indexOfNode = new Map<number, number>();
  result.nodes.forEach((node, i) => indexOfNode.set(node, i));
  return {
    result,
    indexOfNode,
    ofEnterprise(enterpriseId) {
      if (enterpriseId === eventEnterpriseId) return { tier: 0, exposure: weight };
      const node = snap.nodeOfEnterprise(enterpriseId);
      if (node === undefined) return undefined;
      const source = sourceWeight.get(node);
      if (source !== undefined) return { tier: 0, exposure: source };
      const i = indexOfNode.get(node);
      return i === undefined ? undefined : { tier: result.tiers[i], exposure: result.exposures[i] };
    },
  };
}

const round4 = (v: number) => Number(v.toFixed(4));

/**
 * Inside the transaction that records an event: compute who it hits for every subscriber (over
 * the edges that subscriber may see) and insert their alerts. Safe to run again (an alert per
 * user and event is replaced).
 */
export async function dispatchAlerts({ tx: db, graph }: { tx: Tx; graph: RiskDeps['graph'] }, eventId: string): Promise<number> {
  const [event, subscribers] = await Promise.all([repo.selectEvent(db, eventId), repo.selectSubscribers(db)]);
  if (!event || subscribers.length === 0) {
    return 0;
  }
  const settings = await getScoreSettings(db);
  const snap = await graph.snapshot();
  const weight = settings.severityWeights[event.severity as RiskSeverity];
  const chainIds = [...new Set(subscribers.flatMap((s) => s.subscriptions.map((x) => x.chainId).filter((id): id is string => id !== null)))];
  const chainMembers = await repo.selectChainMemberIds(db, chainIds);
  const ownUsccs = [...new Set(subscribers.map((s) => s.orgUscc).filter((u): u is string => u !== null))];
  const ownIds = new Map<string, string>();
  for (const uscc of ownUsccs) {
    const brief = await repo.selectEnterpriseByUscc(db, uscc);
    if (brief) ownIds.set(uscc, brief.id);
  }
  const lookups = new Map<string, HitLookup>();
  const lookupFor = (actor: Actor): HitLookup => {
    const key = actor.role === 'platform_admin' ? 'admin' : `${actor.role}|${actor.regionCode}|${actor.orgId}`;
    let lookup = lookups.get(key);
    if (!lookup) {
      const { result, sources } = impactOf(snap, event, settings, { viewer: actor });
      lookup = hitLookup(snap, result, new Map(sources.map((s) => [s.node, s.weight])), event.enterpriseId, weight);
      lookups.set(key, lookup);
    }
    return lookup;
  };
  const nameIds = new Set<string>();
  const pending: { userId: string; hits: (AlertHit & { enterpriseId?: string })[] }[] = [];
  for (const subscriber of subscribers) {
    const actor = actorOfSubscriber(subscriber);
    const lookup = lookupFor(actor);
    const hits: (AlertHit & { enterpriseId?: string })[] = [];
    for (const sub of subscriber.subscriptions) {
      if (sub.target === 'enterprise' && sub.enterpriseId) {
        const hit = lookup.ofEnterprise(sub.enterpriseId);
        if (hit) hits.push({ kind: 'enterprise', uscc: sub.enterpriseUscc, chainId: null, name: sub.enterpriseName ?? '', tier: hit.tier, exposure: round4(hit.exposure) });
      } else if (sub.target === 'suppliers') {
        const ownId = subscriber.orgUscc ? ownIds.get(subscriber.orgUscc) : undefined;
        const node = ownId ? snap.nodeOfEnterprise(ownId) : undefined;
        const i = node === undefined ? undefined : lookup.indexOfNode.get(node);
        if (i !== undefined) {
          // The supplier through which the impact reaches the subscriber's enterprise.
          const path = lookup.result.pathOf(i);
          const supplierId = enterpriseIdOfNode(snap, path[path.length - 2]);
          if (supplierId) nameIds.add(supplierId);
          hits.push({ kind: 'suppliers', uscc: null, chainId: null, name: '', tier: lookup.result.tiers[i], exposure: round4(lookup.result.exposures[i]), enterpriseId: supplierId ?? undefined });
        }
      } else if (sub.target === 'chain' && sub.chainId) {
        let best: { tier: number; exposure: number } | undefined;
        for (const memberId of chainMembers.get(sub.chainId) ?? []) {
          const hit = lookup.ofEnterprise(memberId);
          if (hit && (!best || hit.exposure > best.exposure)) best = { exposure: hit.exposure, tier: Math.min(hit.tier, best?.tier ?? hit.tier) };
        }
        if (best) hits.push({ kind: 'chain', uscc: null, chainId: sub.chainId, name: sub.chainName ?? '', tier: best.tier, exposure: round4(best.exposure) });
      }
    }
    if (hits.length > 0) pending.push({ userId: subscriber.userId, hits });
  }
  const names = await repo.selectEnterprisesById(db, [...nameIds]);
  const alerts: repo.AlertInsert[] = pending.map(({ userId, hits }) => {
    const presented: AlertHit[] = hits.map(({ enterpriseId, ...hit }) => {
      const supplier = enterpriseId ? names.get(enterpriseId) : undefined;
      return supplier ? { ...hit, uscc: supplier.uscc, name: supplier.name } : hit.kind === 'suppliers' ? { ...hit, name: event.offPlatformName ?? event.title } : hit;
    });
    return { userId, eventId, hits: presented, exposure: Math.max(...presented.map((h) => h.exposure)), tier: Math.min(...presented.map((h) => h.tier)) };
  });
  await repo.upsertAlerts(db, alerts);
  return alerts.length;
}
