/**
 * Matchmaking fairs (洽谈会): events with sessions, registration with capacity and waitlist,
 * wishes with the matching engine's suggestions, the meeting scheduler, timetables and outcomes.
 * Rules and transactions live here; SQL in the repo; who-may-what in the policy.
 */
import type {
  CreateFairBody, FairSuggestion, ListFairsQuery, ParticipantsQuery, PutWishesBody, RecordOutcomeBody, RegisterBody, RunScheduleBody, WishView,
} from '../../../contracts/fairs.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { loadHighs } from '../../platform/highs.js';
import { findRegion, REGION_ROOT } from '../../platform/regions.js';
import { regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import type { MatchingIndex } from '../matching/index.js';
import { canActFor, canCreateFairIn, canRegister, isOrganiser } from './fairs.policy.js';
import * as repo from './fairs.repo.js';
import { DEFAULT_SCHEDULER_OPTIONS, scheduleFair, type ScheduleResult } from './fairs.scheduler.js';

/** Change-log / audit entity types. */
export const FAIR_ENTITY = 'fair';
export const REGISTRATION_ENTITY = 'fair_registration';
export const MEETING_ENTITY = 'fair_meeting';

/** What the fair services need from the app. */
export interface FairsDeps {
  db: Db;
  matching: MatchingIndex;
}

/** The read scope of fairs for an actor (see {@link repo.FairReadScope}). */
async function fairScopeOf(db: Db, actor: Actor): Promise<repo.FairReadScope> {
  const region = regionScopeOf(actor);
  if (region.kind === 'all') return { isAll: true };
  if (region.kind === 'prefix') return { isAll: false, ownerPrefix: region.prefix, regionsAbove: repo.regionsAbove(region.regionCode) };
  if (actor.role === 'member' && actor.orgUscc) {
    const own = await repo.selectEnterpriseByUscc(db, actor.orgUscc);
    return { isAll: false, regionsAbove: own ? repo.regionsAbove(own.regionCode) : [] };
  }
  return { isAll: false, regionsAbove: [] };
}

function requireId(id: string, what: string): void {
  if (!/^\d{1,18}$/.test(id)) throw notFound(what);
}

/**
 * One fair the actor may read.
 * @throws not_found when it does not exist or is a region fair outside what the actor may see.
 */
export async function getFair(db: Db, actor: Actor, id: string): Promise<repo.FairRecord> {
  requireId(id, '洽谈会');
  const fair = await repo.selectFair(db, id, await fairScopeOf(db, actor));
  if (!fair) throw notFound('洽谈会');
  return fair;
}

/** A fair the actor organises. @throws not_found (outside the read scope); forbidden for a visible fair it does not organise. */
async function getOrganisedFair(db: Db, actor: Actor, id: string): Promise<repo.FairRecord> {
  const fair = await getFair(db, actor, id);
  requireOrganiser(actor, fair);
  return fair;
}

function requireOrganiser(actor: Actor, fair: repo.FairRecord): void {
  if (!isOrganiser(actor, fair)) throw new AppError('forbidden', 'Not an organiser', { userMessage: '只有主办地区的主管部门可以管理此洽谈会' });
}

/** A page of fairs the actor may read, newest first. */
export async function listFairs(db: Db, actor: Actor, query: ListFairsQuery): Promise<{ items: repo.FairRecord[]; nextCursor: string | null }> {
  const rows = await repo.selectFairs(db, await fairScopeOf(db, actor), { status: query.status, q: query.q || undefined, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** Per-fair facts the view adds for the caller: counts, own registration, whether scheduled. */
export interface FairExtras {
  counts: Map<string, { large: number; sme: number; waitlisted: number }>;
  mine: Map<string, repo.RegistrationRecord>;
  scheduled: Set<string>;
}

/** {@link FairExtras} of these fairs for the actor. */
export async function fairExtras(db: Db, actor: Actor, fairs: repo.FairRecord[]): Promise<FairExtras> {
  const ids = fairs.map((f) => f.id);
  const own = actor.role === 'member' && actor.orgUscc ? await repo.selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
  const mine = own ? await repo.selectRegistrationsOf(db, ids, own.id) : [];
  return { counts: await repo.countRegistrations(db, ids), mine: new Map(mine.map((r) => [r.fairId, r])), scheduled: await repo.selectScheduledFairIds(db, ids) };
}

/**
 * Create a fair (draft) with its sessions. Gov users in the region's scope and admins.
 * @throws forbidden for other roles; validation_failed naming regionCode, chainId or sessions.N.date.
 */
export async function createFair(db: Db, context: WriteContext, body: CreateFairBody): Promise<repo.FairRecord> {
  const { actor } = context;
  if (actor.role !== 'gov' && actor.role !== 'platform_admin') throw new AppError('forbidden', 'Only gov users and admins create fairs', { userMessage: '只有政府主管部门可以创建洽谈会' });
  const regionCode = body.regionCode ?? actor.regionCode ?? undefined;
  const errors = [];
  if (!regionCode || (regionCode !== REGION_ROOT && !findRegion(regionCode))) errors.push({ path: 'regionCode', message: '请选择主办地区' });
  else if (!canCreateFairIn(actor, regionCode)) errors.push({ path: 'regionCode', message: '主办地区不在您的管辖范围内' });
  let chainId: string | null = null;
  if (body.chainId) {
    const chain = await repo.selectChain(db, body.chainId);
    if (!chain) errors.push({ path: 'chainId', message: '产业链不存在' });
    else chainId = chain.id;
  }
  const today = businessDate();
  body.sessions.forEach((s, i) => {
    if (s.date < today) errors.push({ path: `sessions.${i}.date`, message: '场次日期不能早于今天' });
  });
  if (errors.length > 0) throw invalid(errors);
  const id = await db.transaction().execute(async (tx) => {
    const fairId = await repo.insertFair(tx, {
      regionCode: regionCode!, chainId, title: body.title, description: body.description ?? '', venue: body.venue ?? '', visibility: body.visibility ?? 'public',
      largeCapacity: body.largeCapacity, smeCapacity: body.smeCapacity, createdBy: actor.userId === '0' ? null : actor.userId, sessions: body.sessions,
    });
    await recordWrites(tx, context, [{ action: 'fair.create', entityType: FAIR_ENTITY, entityKey: fairId, regionCode: regionCode!, after: { ...body, regionCode, status: 'draft' } }]);
    return fairId;
  });
  return getFair(db, actor, id);
}

const FAIR_TRANSITIONS = {
  open: { from: ['draft', 'closed'], to: 'open', label: '开放报名' },
  close: { from: ['open'], to: 'closed', label: '截止报名' },
} as const;

/** A fair workflow verb. */
export type FairVerb = keyof typeof FAIR_TRANSITIONS;

/** Open or close registration. @throws not_found; forbidden; invalid_state from another state. */
export async function transitionFair(db: Db, context: WriteContext, id: string, verb: FairVerb): Promise<repo.FairRecord> {
  const rule = FAIR_TRANSITIONS[verb];
  const scope = await fairScopeOf(db, context.actor);
  requireId(id, '洽谈会');
  await db.transaction().execute(async (tx) => {
    const fair = await repo.selectFair(tx, id, scope, { isForUpdate: true });
    if (!fair) throw notFound('洽谈会');
    requireOrganiser(context.actor, fair);
    if (!(rule.from as readonly string[]).includes(fair.status)) throw new AppError('invalid_state', `Fair is ${fair.status}`, { userMessage: `当前状态不能${rule.label}` });
    await repo.updateFairStatus(tx, id, rule.to);
    await recordWrites(tx, context, [{ action: `fair.${verb}`, entityType: FAIR_ENTITY, entityKey: id, regionCode: fair.regionCode, before: { status: fair.status }, after: { status: rule.to } }]);
  });
  return getFair(db, context.actor, id);
}

/** The side of an enterprise at a fair: large firms by the registry's size class, every other size an SME. */
export function participantKind(size: string | null): 'large' | 'sme' {
  return size === 'large' ? 'large' : 'sme';
}

/**
 * Register an enterprise: `registered` while its side has room, else `waitlisted` (promoted in
 * order when a registered one cancels). The fair row is locked so that capacity holds under
 * concurrent registrations.
 * @throws not_found; forbidden (experts); invalid_state unless open; conflict when already registered; validation_failed naming uscc.
 */
export async function register(db: Db, context: WriteContext, fairId: string, body: RegisterBody): Promise<repo.RegistrationRecord> {
  const { actor } = context;
  if (actor.role === 'expert') throw new AppError('forbidden', 'Experts do not register', { userMessage: '专家账号不能报名洽谈会' });
  const wanted = body.uscc?.trim().toUpperCase() ?? (actor.role === 'member' ? actor.orgUscc ?? undefined : undefined);
  if (!wanted) throw invalid([{ path: 'uscc', message: '请指定报名企业的统一社会信用代码' }]);
  const scope = await fairScopeOf(db, actor);
  requireId(fairId, '洽谈会');
  const enterprise = await repo.selectEnterpriseByUscc(db, wanted);
  const id = await db.transaction().execute(async (tx) => {
    const fair = await repo.selectFair(tx, fairId, scope, { isForUpdate: true });
    if (!fair) throw notFound('洽谈会');
    if (!enterprise || !canRegister(actor, enterprise)) throw invalid([{ path: 'uscc', message: '企业不存在或不在您的权限范围内' }]);
    if (fair.status !== 'open') throw new AppError('invalid_state', `Fair is ${fair.status}`, { userMessage: '洽谈会未开放报名' });
    if (await repo.selectLiveRegistration(tx, fairId, enterprise.id)) throw new AppError('conflict', 'Already registered', { userMessage: '该企业已报名此洽谈会' });
    const kind = participantKind(enterprise.size);
    const counts = (await repo.countRegistrations(tx, [fairId])).get(fairId) ?? { large: 0, sme: 0, waitlisted: 0 };
    const capacity = kind === 'large' ? fair.largeCapacity : fair.smeCapacity;
    const status = (kind === 'large' ? counts.large : counts.sme) < capacity ? 'registered' : 'waitlisted';
    const registrationId = await repo.insertRegistration(tx, { fairId, enterpriseId: enterprise.id, regionCode: enterprise.regionCode, kind, status, createdBy: actor.userId === '0' ? null : actor.userId });
    await recordWrites(tx, context, [{ action: 'fair.register', entityType: REGISTRATION_ENTITY, entityKey: registrationId, regionCode: fair.regionCode, after: { fairId, uscc: enterprise.uscc, kind, status } }]);
    return registrationId;
  });
  return (await repo.selectRegistration(db, fairId, id))!;
}

/**
 * Cancel a registration; when it held a place, the first waitlisted registration of the same side
 * is promoted in the same transaction.
 * @throws not_found (also for a registration the actor may not act for); invalid_state when already cancelled.
 */
export async function cancelRegistration(db: Db, context: WriteContext, fairId: string, registrationId: string): Promise<{ cancelled: repo.RegistrationRecord; promoted: repo.RegistrationRecord | null }> {
  const scope = await fairScopeOf(db, context.actor);
  requireId(fairId, '洽谈会');
  requireId(registrationId, '报名');
  const promotedId = await db.transaction().execute(async (tx) => {
    const fair = await repo.selectFair(tx, fairId, scope, { isForUpdate: true });
    if (!fair) throw notFound('洽谈会');
    const registration = await repo.selectRegistration(tx, fairId, registrationId);
    if (!registration || !canActFor(context.actor, fair, registration)) throw notFound('报名');
    if (registration.status === 'cancelled') throw new AppError('invalid_state', 'Already cancelled', { userMessage: '报名已取消' });
    await repo.cancelRegistration(tx, fairId, registrationId);
    const records = [{ action: 'fair.cancel', entityType: REGISTRATION_ENTITY, entityKey: registrationId, regionCode: fair.regionCode, before: { status: registration.status }, after: { status: 'cancelled' } }];
    let promoted: string | null = null;
    if (registration.status === 'registered') {
      const next = await repo.selectFirstWaitlisted(tx, fairId, registration.kind);
      if (next) {
        await repo.promoteRegistration(tx, next.id);
        promoted = next.id;
        records.push({ action: 'fair.promote', entityType: REGISTRATION_ENTITY, entityKey: next.id, regionCode: fair.regionCode, before: { status: 'waitlisted' }, after: { status: 'registered' } });
      }
    }
    await recordWrites(tx, context, records);
    return promoted;
  });
  const cancelled = (await repo.selectRegistration(db, fairId, registrationId))!;
  return { cancelled, promoted: promotedId ? (await repo.selectRegistration(db, fairId, promotedId)) ?? null : null };
}

/** The caller's own live registration at a fair (members), if any. */
async function ownRegistration(db: Db, actor: Actor, fairId: string): Promise<repo.RegistrationRecord | undefined> {
  if (actor.role !== 'member' || !actor.orgUscc) return undefined;
  const own = await repo.selectEnterpriseByUscc(db, actor.orgUscc);
  return own ? repo.selectLiveRegistration(db, fairId, own.id) : undefined;
}

/** A participant view of the fair: organisers, or a member with a live registration. @throws not_found; forbidden otherwise. */
async function requireParticipantOrOrganiser(db: Db, actor: Actor, fair: repo.FairRecord): Promise<repo.RegistrationRecord | undefined> {
  if (isOrganiser(actor, fair)) return undefined;
  const mine = await ownRegistration(db, actor, fair.id);
  if (!mine) throw new AppError('forbidden', 'Not a participant', { userMessage: '报名参会后才能查看参会名单' });
  return mine;
}

/**
 * Participants of a fair: organisers see every registration (filter by status); participants see
 * the registered ones only.
 */
export async function listParticipants(db: Db, actor: Actor, fairId: string, query: ParticipantsQuery): Promise<{ items: repo.RegistrationRecord[]; nextCursor: string | null }> {
  const fair = await getFair(db, actor, fairId);
  const mine = await requireParticipantOrOrganiser(db, actor, fair);
  const statuses = mine ? ['registered'] : query.status ? [query.status] : ['registered', 'waitlisted'];
  const rows = await repo.selectRegistrations(db, fair.id, { kind: query.kind, statuses, afterId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** The caller's registered participation. @throws forbidden when not registered (waitlisted ones wait). */
async function requireRegistered(db: Db, actor: Actor, fair: repo.FairRecord): Promise<repo.RegistrationRecord> {
  const mine = await ownRegistration(db, actor, fair.id);
  if (!mine) throw new AppError('forbidden', 'Not a participant', { userMessage: '报名参会后才能选择洽谈对象' });
  if (mine.status !== 'registered') throw new AppError('invalid_state', 'Waitlisted', { userMessage: '候补中，递补后才能选择洽谈对象' });
  return mine;
}

const SUGGESTIONS_MAX = 20;

/**
 * Counterparts the matching engine suggests for the caller among the fair's registered
 * participants: for an SME, large firms whose published needs match it; for a large firm, SMEs
 * matching its needs. Scores and reasons are the engine's (read-only use of `ctx.matching`).
 */
export async function suggestions(deps: FairsDeps, actor: Actor, fairId: string): Promise<FairSuggestion[]> {
  const fair = await getFair(deps.db, actor, fairId);
  const mine = await requireRegistered(deps.db, actor, fair);
  const others = await repo.selectRegistrations(deps.db, fair.id, { kind: mine.kind === 'large' ? 'sme' : 'large', statuses: ['registered'] });
  const byUscc = new Map(others.map((o) => [o.uscc, o]));
  const wished = new Set((await repo.selectWishesOf(deps.db, fair.id, mine.id)).outgoing);
  const engine = await deps.matching.get();
  const best = new Map<string, { score: number; reasons: string[] }>();
  const consider = (uscc: string, match: { title: string; score: number; reasons: { detail: string }[] }) => {
    const current = best.get(uscc);
    if (!current || match.score > current.score) best.set(uscc, { score: match.score, reasons: [`需求「${match.title}」`, ...match.reasons.slice(0, 3).map((r) => r.detail)] });
  };
  await deps.matching.ensureKnown([mine.uscc, ...byUscc.keys()]);
  if (mine.kind === 'sme') {
    for (const need of engine.matchEnterprise(mine.uscc, 200, (n) => byUscc.has(n.ownerUscc))) consider(need.uscc, need);
  } else {
    // The firm's published needs against the engine's supply index, as `GET /needs/{id}/matches` ranks them.
    for (const need of await repo.selectPublishedNeedQueries(deps.db, mine.enterpriseId, mine.uscc)) {
      for (const match of engine.matchNeed(need, 300)) if (byUscc.has(match.uscc)) consider(match.uscc, { ...match, title: need.title });
    }
  }
  return [...best]
    .sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))
    .slice(0, SUGGESTIONS_MAX)
    .map(([uscc, m]) => {
      const other = byUscc.get(uscc)!;
      return { registrationId: other.id, uscc, name: other.name, kind: other.kind as 'large' | 'sme', score: Math.round(m.score * 1000) / 1000, reasons: m.reasons, isWished: wished.has(other.id) };
    });
}

/** The caller's wishes (outgoing, with whether they are mutual) and who wished to meet it. */
export async function listWishes(db: Db, actor: Actor, fairId: string): Promise<{ items: WishView[]; incoming: WishView[] }> {
  const fair = await getFair(db, actor, fairId);
  const mine = await ownRegistration(db, actor, fair.id);
  if (!mine) throw new AppError('forbidden', 'Not a participant', { userMessage: '报名参会后才能选择洽谈对象' });
  const { outgoing, incoming } = await repo.selectWishesOf(db, fair.id, mine.id);
  const people = new Map((await repo.selectRegistrations(db, fair.id, { ids: [...new Set([...outgoing, ...incoming])], statuses: ['registered'] })).map((r) => [r.id, r]));
  const view = (id: string, isMutual: boolean): WishView[] => {
    const r = people.get(id);
    return r ? [{ registrationId: r.id, uscc: r.uscc, name: r.name, kind: r.kind as 'large' | 'sme', isMutual }] : [];
  };
  const incomingSet = new Set(incoming);
  const outgoingSet = new Set(outgoing);
  return { items: outgoing.flatMap((id) => view(id, incomingSet.has(id))), incoming: incoming.flatMap((id) => view(id, outgoingSet.has(id))) };
}

/**
 * Replace the caller's wish list. Targets must be registered participants of the other side.
 * @throws forbidden (not a participant); invalid_state (waitlisted, or registration closed and scheduled);
 *   validation_failed naming `targets.N`.
 */
export async function putWishes(db: Db, context: WriteContext, fairId: string, body: PutWishesBody): Promise<{ items: WishView[]; incoming: WishView[] }> {
  const fair = await getFair(db, context.actor, fairId);
  const mine = await requireRegistered(db, context.actor, fair);
  const targets = [...new Set(body.targets)];
  const found = new Map((await repo.selectRegistrations(db, fair.id, { ids: targets, statuses: ['registered'] })).map((r) => [r.id, r]));
  const errors = body.targets.flatMap((id, i) => {
    const target = found.get(id);
    if (!target) return [{ path: `targets.${i}`, message: '不是本场已报名的参会企业' }];
    if (target.kind === mine.kind) return [{ path: `targets.${i}`, message: mine.kind === 'large' ? '大企业只能约见中小企业' : '中小企业只能约见大企业' }];
    return [];
  });
  if (errors.length > 0) throw invalid(errors);
  const before = (await repo.selectWishesOf(db, fair.id, mine.id)).outgoing;
  await db.transaction().execute(async (tx) => {
    await repo.replaceWishes(tx, fair.id, mine.id, targets);
    await recordWrites(tx, context, [{ action: 'fair.wishes', entityType: REGISTRATION_ENTITY, entityKey: mine.id, regionCode: fair.regionCode, before: { targets: before }, after: { targets } }]);
  });
  return listWishes(db, context.actor, fairId);
}

/** One time slot of a fair: its session, index in the session, times and tables. */
export interface FairSlot {
  sessionId: string;
  slotIndex: number;
  startsAt: Date;
  endsAt: Date;
  tables: number;
}

/** The fair's slots in time order (session start times are Asia/Shanghai local times). */
export function slotsOf(fair: Pick<repo.FairRecord, 'sessions'>): FairSlot[] {
  return fair.sessions.flatMap((s) => {
    const start = new Date(`${s.date}T${s.startTime}:00+08:00`).getTime();
    return Array.from({ length: s.slotCount }, (_, k) => ({
      sessionId: s.id, slotIndex: k, tables: s.tables,
      startsAt: new Date(start + k * s.slotMinutes * 60_000), endsAt: new Date(start + (k + 1) * s.slotMinutes * 60_000),
    }));
  });
}

/** A stored schedule as the API shows it. */
export function scheduleView(record: repo.ScheduleRecord) {
  const s = record.stats;
  const n = (key: string) => Number(s[key] ?? 0);
  return {
    fairId: record.fairId, objective: record.objective, bound: record.bound, gap: record.gap,
    meetings: n('meetings'), wishes: n('wishes'), candidatePairs: n('candidatePairs'), mutualPairs: n('mutualPairs'), mutualMet: n('mutualMet'), unplacedPairs: n('unplacedPairs'),
    smesWithWishes: n('smesWithWishes'), minSmeMeetings: n('minSmeMeetings'), fairShareShortfall: n('fairShareShortfall'),
    solverStatus: String(s.solverStatus ?? ''), method: String(s.method ?? ''), seconds: n('seconds'),
    options: { mutualWeight: record.options.mutualWeight, oneSidedWeight: record.options.oneSidedWeight, minMeetingsPerSme: record.options.minMeetingsPerSme, fairShareWeight: record.options.fairShareWeight },
    computedAt: record.computedAt.toISOString(),
  };
}

/**
 * Run the scheduler over the registered participants and their wishes and store the result,
 * replacing the previous schedule (and its outcomes) in one transaction. More wishes than slots
 * is a best-effort schedule with its gap, never an error.
 * @throws not_found; forbidden (not an organiser); invalid_state for a draft fair.
 */
export async function runSchedule(deps: FairsDeps, context: WriteContext, fairId: string, body: RunScheduleBody): Promise<ReturnType<typeof scheduleView>> {
  const fair = await getOrganisedFair(deps.db, context.actor, fairId);
  if (fair.status === 'draft') throw new AppError('invalid_state', 'Fair is a draft', { userMessage: '请先开放报名' });
  const options = { ...DEFAULT_SCHEDULER_OPTIONS, ...body };
  options.fairShareWeight = Math.max(options.fairShareWeight, options.mutualWeight + 1);
  const highs = await loadHighs();
  await deps.db.transaction().execute(async (tx) => {
    // Lock the fair: registrations and a concurrent run wait for this one.
    await repo.selectFair(tx, fair.id, { isAll: true }, { isForUpdate: true });
    const people = await repo.selectRegistrations(tx, fair.id, { statuses: ['registered'] });
    const wishes = await repo.selectWishes(tx, fair.id);
    const slots = slotsOf(fair);
    const result: ScheduleResult = scheduleFair(highs, {
      larges: people.filter((p) => p.kind === 'large').map((p) => p.id),
      smes: people.filter((p) => p.kind === 'sme').map((p) => p.id),
      wishes,
      slots,
    }, options);
    const stats = {
      meetings: result.meetings.length, wishes: wishes.length, candidatePairs: result.candidatePairs, mutualPairs: result.mutualPairs, mutualMet: result.mutualMet,
      selectedPairs: result.selectedPairs, unplacedPairs: result.unplacedPairs, smesWithWishes: result.smesWithWishes, minSmeMeetings: result.minSmeMeetings,
      fairShareShortfall: result.fairShareShortfall, wishWeight: result.wishWeight, solverStatus: result.solverStatus, method: result.method, seconds: Math.round(result.seconds * 1000) / 1000,
    };
    const stored = { mutualWeight: options.mutualWeight, oneSidedWeight: options.oneSidedWeight, minMeetingsPerSme: options.minMeetingsPerSme, fairShareWeight: options.fairShareWeight };
    await repo.replaceSchedule(tx, fair.id, { objective: result.objective, bound: result.bound, gap: result.gap, stats, options: stored, computedBy: context.actor.userId === '0' ? null : context.actor.userId }, result.meetings.map((m) => {
      const slot = slots[m.slot];
      return { sessionId: slot.sessionId, slotIndex: slot.slotIndex, startsAt: slot.startsAt, endsAt: slot.endsAt, table: m.table, largeRegistrationId: m.large, smeRegistrationId: m.sme, isMutual: m.isMutual, weight: m.weight };
    }));
    await recordWrites(tx, context, [{ action: 'fair.schedule', entityType: FAIR_ENTITY, entityKey: fair.id, regionCode: fair.regionCode, after: { objective: result.objective, bound: result.bound, gap: result.gap, ...stats, options: stored } }]);
  });
  return scheduleView((await repo.selectSchedule(deps.db, fair.id))!);
}

/** The latest schedule of a fair the actor organises. @throws not_found when none was computed. */
export async function getSchedule(db: Db, actor: Actor, fairId: string): Promise<ReturnType<typeof scheduleView>> {
  const fair = await getOrganisedFair(db, actor, fairId);
  const record = await repo.selectSchedule(db, fair.id);
  if (!record) throw notFound('排期');
  return scheduleView(record);
}

/**
 * One participant's timetable: a member sees only its own enterprise's (another `uscc` is not
 * found); organisers name the enterprise.
 * @throws not_found; validation_failed when an organiser names no enterprise.
 */
export async function getTimetable(db: Db, actor: Actor, fairId: string, uscc: string | undefined): Promise<{ fair: repo.FairRecord; registration: repo.RegistrationRecord; meetings: repo.MeetingRecord[] }> {
  const fair = await getFair(db, actor, fairId);
  let registration: repo.RegistrationRecord | undefined;
  if (isOrganiser(actor, fair)) {
    if (!uscc) throw invalid([{ path: 'uscc', message: '请指定企业' }]);
    const enterprise = await repo.selectEnterpriseByUscc(db, uscc.trim().toUpperCase());
    registration = enterprise ? await repo.selectLiveRegistration(db, fair.id, enterprise.id) : undefined;
  } else {
    registration = await ownRegistration(db, actor, fair.id);
    if (registration && uscc && uscc.trim().toUpperCase() !== registration.uscc) registration = undefined;
  }
  if (!registration) throw notFound('参会企业');
  return { fair, registration, meetings: await repo.selectMeetings(db, fair.id, { registrationId: registration.id }) };
}

/** The whole fair's grid (slots × tables) for organisers. */
export async function getGrid(db: Db, actor: Actor, fairId: string): Promise<{ fair: repo.FairRecord; schedule: repo.ScheduleRecord | undefined; slots: FairSlot[]; meetings: repo.MeetingRecord[] }> {
  const fair = await getOrganisedFair(db, actor, fairId);
  return { fair, schedule: await repo.selectSchedule(db, fair.id), slots: slotsOf(fair), meetings: await repo.selectMeetings(db, fair.id) };
}

/**
 * Record a meeting's outcome after the fair (deal with amount in fen, follow-up, no interest, no-show).
 * Either side's members and the organisers; the amount only with a deal.
 * @throws not_found (also for a meeting of others); validation_failed naming amountFen.
 */
export async function recordOutcome(db: Db, context: WriteContext, fairId: string, meetingId: string, body: RecordOutcomeBody): Promise<repo.MeetingRecord> {
  const fair = await getFair(db, context.actor, fairId);
  requireId(meetingId, '洽谈');
  const [meeting] = await repo.selectMeetings(db, fair.id, { meetingId });
  if (!meeting || !(canActFor(context.actor, fair, meeting.large) || canActFor(context.actor, fair, meeting.sme))) throw notFound('洽谈');
  if (body.amountFen !== undefined && body.outcome !== 'deal') throw invalid([{ path: 'amountFen', message: '仅签约时填写金额' }]);
  await db.transaction().execute(async (tx) => {
    await repo.upsertOutcome(tx, { meetingId: meeting.id, fairId: fair.id, outcome: body.outcome, amountFen: body.amountFen ?? null, note: body.note ?? '', recordedBy: context.actor.userId === '0' ? null : context.actor.userId });
    await recordWrites(tx, context, [{ action: 'fair.outcome', entityType: MEETING_ENTITY, entityKey: meeting.id, regionCode: fair.regionCode, before: meeting.outcome ? { outcome: meeting.outcome, amountFen: meeting.amountFen } : undefined, after: { outcome: body.outcome, amountFen: body.amountFen ?? null, note: body.note ?? '' } }]);
  });
  return (await repo.selectMeetings(db, fair.id, { meetingId }))[0];
}

