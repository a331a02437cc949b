import {
  RISK_KIND_LABELS,
  RISK_STATUS_LABELS,
  RISK_TRANSITIONS,
  type AddRiskNoteBody,
  type ChangeRiskStatusBody,
  type CreateRiskEventBody,
  type ImpactChain,
  type ImpactItem,
  type ListRiskEventsQuery,
  type RiskImpactQuery,
  type RiskStatus,
} from '../../../contracts/risk.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { findRegion, regionAncestors, regionFullName, regionPrefix, REGION_ROOT } from '../../platform/regions.js';
import { regionScopeOf } from '../../platform/scope.js';
import { validateUscc } from '../../platform/uscc.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { dispatchAlerts } from './risk.alerts.js';
import { enterpriseIdOfNode, impactOf, upstreamEnterpriseIds } from './risk.impact.js';
import { canManageEvent, canReadEvent, canRecordEvents, canRecordIn, canSeeEnterpriseInImpact, type MemberView } from './risk.policy.js';
import * as repo from './risk.repo.js';
import { getScoreSettings, type RiskDeps } from './risk.score.js';

/** Kinds that may be recorded for a whole region (every enterprise there is a source). */
const REGION_EVENT_KINDS = new Set(['disaster', 'logistics']);

/** An event with its incident record, as the presenter takes it. */
export interface RiskEventView {
  event: repo.RiskEventRecord;
  notes: repo.NoteRecord[];
  canManage: boolean;
  nextStatuses: RiskStatus[];
}

/**
 * What a member may see of events and impacts: its own enterprise, its suppliers upstream (over
 * edges it may see, up to the tier limit), the regions that hold its enterprise, its alerts.
 */
export async function memberViewOf({ db, graph }: RiskDeps, actor: Actor): Promise<MemberView> {
  const alerted = await repo.selectAlertedEventIds(db, actor.userId);
  const own = actor.orgUscc ? await repo.selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
  if (!own) {
    return { enterpriseIds: new Set(), ownRegionCode: null, alertedEventIds: new Set(alerted) };
  }
  const settings = await getScoreSettings(db);
  const upstream = upstreamEnterpriseIds(await graph.snapshot(), own.id, settings.propagation.maxTiers, actor);
  return { enterpriseIds: new Set([own.id, ...upstream]), ownRegionCode: own.regionCode, alertedEventIds: new Set(alerted) };
}

/** Codes of a region and every region above it, up to the whole country. */
function regionWithAncestors(code: string): string[] {
  return [code, ...regionAncestors(code).map((r) => r.code), REGION_ROOT];
}

/**
 * The event if the actor may read it.
 * @throws not_found when it does not exist or lies outside the actor's view.
 */
async function readableEvent({ db, graph }: RiskDeps, actor: Actor, id: string): Promise<{ event: repo.RiskEventRecord; member?: MemberView }> {
  if (!/^\d{1,19}$/.test(id)) {
    throw notFound('风险事件');
  }
  const event = await repo.selectEvent(db, id);
  const member = actor.role === 'member' ? await memberViewOf({ db, graph }, actor) : undefined;
  // An alert the user was sent lets it open the event, even when the event lies outside its scope.
  const isReadable = event !== undefined && (canReadEvent(actor, event, member) || (await repo.hasAlert(db, actor.userId, event.id)));
  if (!event || !isReadable) {
    throw notFound('风险事件');
  }
  return { event, member };
}

/** The subject of a new event, checked: the enterprise, off-platform supplier or region, and the scope region. */
async function resolveSubject(db: Db, actor: Actor, body: CreateRiskEventBody): Promise<{ enterpriseId: string | null; offPlatformSupplierId: string | null; regionCode: string; isRegionEvent: boolean; subjectName: string }> {
  const errors: FieldError[] = [];
  const subjects = [body.uscc, body.offPlatformSupplierId].filter((v) => v !== undefined).length;
  if (subjects === 0 && body.regionCode === undefined) {
    throw invalid([{ path: 'uscc', message: '请指定企业（uscc）、境外/平台外供应商或地区（regionCode）之一' }]);
  }
  if (subjects > 1) {
    throw invalid([{ path: 'offPlatformSupplierId', message: '企业与平台外供应商只能选其一' }]);
  }
  if (body.uscc !== undefined) {
    if (body.regionCode !== undefined) {
      errors.push({ path: 'regionCode', message: '企业事件的地区取自企业登记地，不能另填' });
    }
    const check = validateUscc(body.uscc);
    const enterprise = check.valid ? await repo.selectEnterpriseByUscc(db, check.code) : undefined;
    // Unknown and outside the caller's scope read the same, so the answer reveals nothing.
    if (!enterprise || !canRecordIn(actor, enterprise.regionCode)) {
      errors.push({ path: 'uscc', message: check.valid ? '未找到该企业（或不在您的管辖范围内）' : `统一社会信用代码无效：${check.reason}` });
    }
    if (errors.length > 0 || !enterprise) throw invalid(errors);
    return { enterpriseId: enterprise.id, offPlatformSupplierId: null, regionCode: enterprise.regionCode, isRegionEvent: false, subjectName: enterprise.name };
  }
  const regionCode = body.regionCode ?? (actor.role === 'gov' && actor.regionCode ? actor.regionCode : REGION_ROOT);
  if (regionCode !== REGION_ROOT && !findRegion(regionCode)) {
    throw invalid([{ path: 'regionCode', message: `未知的行政区划代码 ${regionCode}` }]);
  }
  if (!canRecordIn(actor, regionCode)) {
    throw invalid([{ path: 'regionCode', message: `行政区划 ${regionCode} 不在您的管辖范围内` }]);
  }
  if (body.offPlatformSupplierId !== undefined) {
    const supplier = await repo.selectOffPlatformSupplier(db, body.offPlatformSupplierId);
    if (!supplier) {
      throw invalid([{ path: 'offPlatformSupplierId', message: '未找到该平台外供应商' }]);
    }
    return { enterpriseId: null, offPlatformSupplierId: supplier.id, regionCode, isRegionEvent: false, subjectName: supplier.name };
  }
  if (!REGION_EVENT_KINDS.has(body.kind)) {
    throw invalid([{ path: 'kind', message: '地区事件仅限自然灾害或物流中断；其他事件请指定企业' }]);
  }
  return { enterpriseId: null, offPlatformSupplierId: null, regionCode, isRegionEvent: true, subjectName: regionFullName(regionCode) ?? regionCode };
}

/**
 * Record a risk event (the event and its audit rows in one transaction), and the alerts
 * of the subscribers it hits, in one transaction.
 * @throws forbidden for roles that never record events.
 * @throws validation_failed naming the field: no subject, unknown enterprise (or outside scope), region kind.
 */
export async function createRiskEvent({ db, graph }: RiskDeps, context: WriteContext, body: CreateRiskEventBody): Promise<{ id: string }> {
  const { actor } = context;
  if (!canRecordEvents(actor)) {
    throw new AppError('forbidden', 'Only gov users and admins record risk events', { userMessage: '仅政府用户和平台管理员可以登记风险事件' });
  }
  const subject = await resolveSubject(db, actor, body);
  const occurredAt = new Date(body.occurredAt);
  const title = body.title || `${subject.subjectName}${RISK_KIND_LABELS[body.kind]}`;
  const insert: repo.RiskEventInsert = {
    kind: body.kind, severity: body.severity, enterpriseId: subject.enterpriseId, offPlatformSupplierId: subject.offPlatformSupplierId,
    regionCode: subject.regionCode, isRegionEvent: subject.isRegionEvent, title, description: body.description ?? '', source: body.source ?? '',
    occurredAt, createdBy: actor.userId === '0' ? null : actor.userId,
  };
  const id = await db.transaction().execute(async (tx) => {
    const eventId = await repo.insertEvent(tx, insert);
    await recordWrites(tx, context, [{ action: 'risk_event.create', entityType: 'risk_event', entityKey: eventId, regionCode: insert.regionCode, after: { ...insert, occurredAt: occurredAt.toISOString() } }]);
    // Alerts go in the same transaction: an event is never recorded without its alerts.
    await dispatchAlerts({ tx, graph }, eventId);
    return eventId;
  });
  return { id };
}

/**
 * Off-platform (mostly foreign) suppliers by name, to pick the subject of an event.
 * @throws forbidden for roles that do not record events.
 */
export async function searchEventSubjects(db: Db, actor: Actor, q: string, limit: number): Promise<{ id: string; name: string; countryCode: string }[]> {
  if (!canRecordEvents(actor)) {
    throw new AppError('forbidden', 'Only gov users and admins record risk events', { userMessage: '仅政府用户和平台管理员可以登记风险事件' });
  }
  return repo.searchOffPlatformSuppliers(db, q.trim(), limit);
}

/** An event with its incident record. @throws not_found outside the actor's view. */
export async function getRiskEvent({ db, graph }: RiskDeps, actor: Actor, id: string): Promise<RiskEventView> {
  const { event } = await readableEvent({ db, graph }, actor, id);
  return viewOf(db, actor, event);
}

async function viewOf(db: Db, actor: Actor, event: repo.RiskEventRecord): Promise<RiskEventView> {
  const canManage = canManageEvent(actor, event);
  return { event, notes: await repo.selectNotes(db, event.id), canManage, nextStatuses: canManage ? [...RISK_TRANSITIONS[event.status as RiskStatus]] : [] };
}

/** A page of events in the actor's view, newest first. @throws validation_failed on an unknown region filter. */
export async function listRiskEvents({ db, graph }: RiskDeps, actor: Actor, query: ListRiskEventsQuery): Promise<{ items: repo.RiskEventRecord[]; nextCursor: string | null }> {
  if (query.region && query.region !== REGION_ROOT && !findRegion(query.region)) {
    throw invalid([{ path: 'region', message: `未知的行政区划代码 ${query.region}` }]);
  }
  let visibility: repo.EventVisibility;
  if (actor.role === 'member') {
    const member = await memberViewOf({ db, graph }, actor);
    visibility = {
      kind: 'member',
      enterpriseIds: [...member.enterpriseIds],
      regionCodes: member.ownRegionCode ? regionWithAncestors(member.ownRegionCode) : [],
      alertedEventIds: [...member.alertedEventIds],
    };
  } else {
    visibility = { kind: 'scope', scope: regionScopeOf(actor), alertedEventIds: await repo.selectAlertedEventIds(db, actor.userId) };
  }
  const beforeId = decodeCursor(query.cursor);
  const rows = await repo.selectEventPage(db, visibility, { kind: query.kind, severity: query.severity, status: query.status, regionPrefix: query.region ? regionPrefix(query.region) : undefined }, beforeId, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** Most events one export writes. */
export const EVENTS_EXPORT_MAX = 10_000;

/** Every event of the list's filters in the actor's view (up to {@link EVENTS_EXPORT_MAX}), newest first. */
export async function exportableRiskEvents(deps: RiskDeps, actor: Actor, query: Omit<ListRiskEventsQuery, 'cursor' | 'limit'>): Promise<repo.RiskEventRecord[]> {
  const all: repo.RiskEventRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRiskEvents(deps, actor, { ...query, cursor, limit: 500 });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < EVENTS_EXPORT_MAX);
  return all.slice(0, EVENTS_EXPORT_MAX);
}

/**
 * Move the incident to a new impact status, with a note saying why.
 * @throws not_found outside the actor's view; forbidden when the actor may read but not manage it.
 * @throws invalid_state (409) for a change the status graph does not allow (e.g. 潜在 → 恢复).
 */
export async function changeRiskStatus({ db, graph }: RiskDeps, context: WriteContext, id: string, body: ChangeRiskStatusBody): Promise<RiskEventView> {
  const { actor } = context;
  const { event } = await readableEvent({ db, graph }, actor, id);
  requireManage(actor, event);
  const updated = await db.transaction().execute(async (tx) => {
    const current = (await repo.selectEvent(tx, id, { forUpdate: true }))!;
    const from = current.status as RiskStatus;
    if (!RISK_TRANSITIONS[from].includes(body.status)) {
      throw new AppError('invalid_state', `Cannot move from ${from} to ${body.status}`, {
        userMessage: `事件状态不能从“${RISK_STATUS_LABELS[from]}”改为“${RISK_STATUS_LABELS[body.status]}”`,
        errors: [{ path: 'status', message: `当前状态下只能改为：${RISK_TRANSITIONS[from].map((s) => RISK_STATUS_LABELS[s]).join('、') || '（已结束）'}` }],
      });
    }
    await repo.updateEventStatus(tx, id, body.status);
    await repo.insertNote(tx, { eventId: id, authorId: actor.userId === '0' ? null : actor.userId, authorLabel: actor.label, body: body.note, statusFrom: from, statusTo: body.status });
    await recordWrites(tx, context, [{ action: 'risk_event.status', entityType: 'risk_event', entityKey: id, regionCode: current.regionCode, before: { status: from }, after: { status: body.status, note: body.note } }]);
    return { ...current, status: body.status };
  });
  return viewOf(db, actor, updated);
}

/** Add a note to the incident record. @throws not_found outside the view; forbidden without manage rights. */
export async function addRiskNote({ db, graph }: RiskDeps, context: WriteContext, id: string, body: AddRiskNoteBody): Promise<RiskEventView> {
  const { actor } = context;
  const { event } = await readableEvent({ db, graph }, actor, id);
  requireManage(actor, event);
  await db.transaction().execute(async (tx) => {
    const noteId = await repo.insertNote(tx, { eventId: id, authorId: actor.userId === '0' ? null : actor.userId, authorLabel: actor.label, body: body.body });
    await recordWrites(tx, context, [{ action: 'risk_event.note', entityType: 'risk_event', entityKey: id, regionCode: event.regionCode, after: { noteId, body: body.body } }]);
  });
  return viewOf(db, actor, event);
}

function requireManage(actor: Actor, event: repo.RiskEventRecord): void {
  if (!canManageEvent(actor, event)) {
    throw new AppError('forbidden', 'Only gov users in scope and admins manage incidents', { userMessage: '仅事件所在地区的政府用户和平台管理员可以处置事件' });
  }
}

/** The impact as the API shows it. */
export interface ImpactView {
  items: ImpactItem[];
  chains: ImpactChain[];
  total: number;
  sources: number;
}

/** The event and its impact, for the workbook export. @throws not_found outside the actor's view. */
export async function getRiskImpactWithEvent({ db, graph }: RiskDeps, actor: Actor, id: string, query: RiskImpactQuery): Promise<{ event: repo.RiskEventRecord; impact: ImpactView }> {
  const impact = await getRiskImpact({ db, graph }, actor, id, query);
  // getRiskImpact checked the access; the row is read again only for its title and labels.
  const event = (await repo.selectEvent(db, id))!;
  return { event, impact };
}

/** Label of a path node the caller may not see by name. */
const HIDDEN_NODE = '（范围外企业）';

/**
 * Who the event hits downstream, with exposure, tier and path, over the edges the actor may see.
 * Gov users see affected enterprises of their scope (path nodes outside it are masked), members
 * their own enterprise and its suppliers, admins everything.
 * @throws not_found outside the actor's view.
 */
export async function getRiskImpact({ db, graph }: RiskDeps, actor: Actor, id: string, query: RiskImpactQuery): Promise<ImpactView> {
  const { event, member } = await readableEvent({ db, graph }, actor, id);
  const settings = await getScoreSettings(db);
  const snap = await graph.snapshot();
  const { result, sources } = impactOf(snap, event, settings, { viewer: actor, maxTiers: query.tiers });
  // Visibility from the graph's own node attributes: no database round trip for every affected node.
  const visible: number[] = [];
  for (let i = 0; i < result.nodes.length; i++) {
    const node = result.nodes[i];
    const eid = enterpriseIdOfNode(snap, node);
    if (eid !== null && canSeeEnterpriseInImpact(actor, { id: eid, regionCode: String(snap.nodeRegion[node]).padStart(6, '0') }, member)) {
      visible.push(i);
    }
  }
  const shown = visible.slice(0, query.limit);
  const paths = shown.map((i) => result.pathOf(i));
  const pathEnterpriseIds = new Set<string>();
  const pathOffPlatformIds = new Set<string>();
  for (const path of paths) {
    for (const node of path) {
      const eid = enterpriseIdOfNode(snap, node);
      if (eid !== null) pathEnterpriseIds.add(eid);
      else pathOffPlatformIds.add(String(snap.nodeOffPlatformId[node]));
    }
  }
  for (const i of shown) pathEnterpriseIds.add(enterpriseIdOfNode(snap, result.nodes[i])!);
  const [briefs, offPlatform] = await Promise.all([repo.selectEnterprisesById(db, [...pathEnterpriseIds]), repo.selectOffPlatformNames(db, [...pathOffPlatformIds])]);
  const nodeLabel = (node: number): { uscc: string | null; name: string } => {
    const eid = enterpriseIdOfNode(snap, node);
    if (eid === null) {
      const op = offPlatform.get(String(snap.nodeOffPlatformId[node]));
      return { uscc: null, name: op ? `${op.name}（${op.countryCode}）` : HIDDEN_NODE };
    }
    const brief = briefs.get(eid);
    // The event's own enterprise is known to whoever may read the event.
    const isShown = brief !== undefined && (eid === event.enterpriseId || canSeeEnterpriseInImpact(actor, brief, member));
    return isShown ? { uscc: brief.uscc, name: brief.name } : { uscc: null, name: HIDDEN_NODE };
  };
  const items: ImpactItem[] = shown.flatMap((i, k) => {
    // A node whose enterprise was deleted since the graph was built has no row: leave it out.
    const brief = briefs.get(enterpriseIdOfNode(snap, result.nodes[i])!);
    if (!brief) return [];
    const labels = paths[k].map(nodeLabel);
    return [{
      uscc: brief.uscc, name: brief.name, regionCode: brief.regionCode, tier: result.tiers[i], exposure: Number(result.exposures[i].toFixed(4)),
      path: labels.map((l) => l.uscc), pathNames: labels.map((l) => l.name),
    }];
  });
  const visibleIds = visible.map((i) => enterpriseIdOfNode(snap, result.nodes[i])!);
  const exposureById = new Map(visible.map((i, k) => [visibleIds[k], result.exposures[i]]));
  return { items, chains: await affectedChains(db, exposureById), total: visible.length, sources: sources.length };
}

/**
 * Chain segments with affected members. Chain maps are public (ADR 0006); the counts cover only
 * the affected enterprises the actor may see.
 */
async function affectedChains(db: Db, exposureById: Map<string, number>): Promise<ImpactChain[]> {
  const memberships = await repo.selectMemberships(db, [...exposureById.keys()]);
  const bySegment = new Map<string, ImpactChain>();
  for (const m of memberships) {
    const key = `${m.chainId}/${m.segmentKey}`;
    const current = bySegment.get(key) ?? { chainId: m.chainId, chainName: m.chainName, segmentKey: m.segmentKey, segmentName: m.segmentName, enterprises: 0, maxExposure: 0 };
    current.enterprises++;
    current.maxExposure = Math.max(current.maxExposure, Number((exposureById.get(m.enterpriseId) ?? 0).toFixed(4)));
    bySegment.set(key, current);
  }
  return [...bySegment.values()].sort((a, b) => b.maxExposure - a.maxExposure || b.enterprises - a.enterprises);
}
