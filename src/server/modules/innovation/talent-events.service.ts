/**
 * Talent programmes and exchange events (TL-3): a large firm or a gov body lists a programme (e.g.
 * 卓越工程师 style), an exchange meeting or a site visit with a capacity; enterprises register
 * persons (an expert registers themselves) while places are left — taken with a conditional
 * UPDATE in the registration's transaction and bounded by a CHECK, as for courses; the organiser
 * records attendance once the event has started and exports the registrants. Events are public;
 * a registration is seen by its enterprise (or expert) and the event's managers only (404 for others).
 */
import type { CreateTalentEventBody, ListTalentEventsQuery, RegisterBody } from '../../../contracts/talent.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { selectEnterpriseByUscc } from './challenges.repo.js';
import { enterpriseFor, userIdOf } from './challenges.service.js';
import { canManage } from './innovation.policy.js';
import { selectExpertByUser } from './reviews.repo.js';
import * as repo from './talent-events.repo.js';

export const TALENT_EVENT_ENTITY = 'talent_event';
export const REGISTRATION_ENTITY = 'event_registration';

/** An event with the caller's rights and live registrations. */
export interface TalentEventForActor {
  event: repo.TalentEventRecord;
  canManage: boolean;
  myRegistrations: number;
}

/** Registration is open: active, not started (Asia/Shanghai), places left. */
export function isEventOpen(event: repo.TalentEventRecord, today = businessDate()): boolean {
  return event.isActive && event.startsOn > today && event.registeredCount < event.capacity;
}

/** Whose registrations are the caller's own: a member's enterprise, or an expert's profile. */
async function ownerOf(db: Db, actor: Actor): Promise<{ enterpriseId?: string; expertId?: string }> {
  if (actor.role === 'member' && actor.orgUscc) return { enterpriseId: (await selectEnterpriseByUscc(db, actor.orgUscc))?.id };
  if (actor.role === 'expert') return { expertId: (await selectExpertByUser(db, actor.userId))?.id };
  return {};
}

async function forActor(db: Db, actor: Actor, events: repo.TalentEventRecord[]): Promise<TalentEventForActor[]> {
  const mine = await repo.countMine(db, await ownerOf(db, actor), events.map((e) => e.id));
  return events.map((event) => ({ event, canManage: canManage(actor, event), myRegistrations: mine.get(event.id) ?? 0 }));
}

/** One event (public). @throws not_found. */
export async function getTalentEvent(db: Db, actor: Actor, id: string): Promise<TalentEventForActor> {
  const event = /^\d{1,18}$/.test(id) ? await repo.selectEvent(db, id) : undefined;
  if (!event) throw notFound('人才活动');
  return (await forActor(db, actor, [event]))[0];
}

/** Active events newest first; `mine`: those the caller manages (a member's enterprise's, a gov user's region's). */
export async function listTalentEvents(db: Db, actor: Actor, query: ListTalentEventsQuery & { limit: number }) {
  const filter: Parameters<typeof repo.selectEvents>[1] = { kind: query.kind, beforeId: decodeCursor(query.cursor) };
  if (query.mine === 'true') {
    const scope = regionScopeOf(actor);
    if (scope.kind === 'prefix') filter.regionPrefix = scope.prefix;
    else if (scope.kind === 'none') filter.enterpriseId = (await ownerOf(db, actor)).enterpriseId ?? '0';
  }
  const rows = await repo.selectEvents(db, filter, query.limit + 1);
  const items = await forActor(db, actor, rows.slice(0, query.limit));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].event.id) : null };
}

/**
 * List an event: a member for its own enterprise; gov users and admins for an enterprise in scope
 * (`organiserUscc`) or as their authority for their region.
 * @throws forbidden for experts; validation_failed naming the field.
 */
export async function createTalentEvent(db: Db, context: WriteContext, body: CreateTalentEventBody): Promise<string> {
  const { actor } = context;
  const isAuthority = (actor.role === 'gov' || actor.role === 'platform_admin') && !body.organiserUscc;
  const organiser = isAuthority ? undefined : await enterpriseFor(db, actor, body.organiserUscc, 'organiserUscc');
  const errors: FieldError[] = [];
  if (body.startsOn <= businessDate()) errors.push({ path: 'startsOn', message: '开始日期应晚于今天' });
  if (body.endsOn < body.startsOn) errors.push({ path: 'endsOn', message: '结束日期不能早于开始日期' });
  if (isAuthority && !actor.regionCode) errors.push({ path: 'organiserUscc', message: '请指定主办企业' });
  if (errors.length > 0) throw invalid(errors);
  const row = {
    kind: body.kind, enterpriseId: organiser?.id ?? null, organiserName: organiser?.name ?? body.organiserName ?? actor.label, regionCode: organiser?.regionCode ?? actor.regionCode ?? '',
    title: body.title, description: body.description ?? '', field: body.field ?? '', location: body.location ?? '', startsOn: body.startsOn, endsOn: body.endsOn, capacity: body.capacity,
    createdBy: userIdOf(actor),
  };
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertEvent(tx, row);
    await recordWrites(tx, context, [{ action: 'talent_event.create', entityType: TALENT_EVENT_ENTITY, entityKey: id, regionCode: row.regionCode, after: row }]);
    return id;
  });
}

const FULL = () => new AppError('conflict', 'Event full', { userMessage: '名额已满' });

/**
 * Register a person: a member for its own enterprise (gov: one in scope), an expert for themselves.
 * @throws not_found; invalid_state (409) once started or inactive; conflict (409) when full or already registered; validation_failed naming `personName` or `uscc`.
 */
export async function registerForEvent(db: Db, context: WriteContext, eventId: string, body: RegisterBody): Promise<string> {
  const { event } = await getTalentEvent(db, context.actor, eventId);
  let who: { enterpriseId: string | null; expertId: string | null; personName: string; regionCode: string };
  if (context.actor.role === 'expert') {
    const expert = await selectExpertByUser(db, context.actor.userId);
    if (!expert) throw new AppError('forbidden', 'No expert profile', { userMessage: '请先完善专家资料' });
    who = { enterpriseId: null, expertId: expert.id, personName: expert.name, regionCode: expert.regionCode };
  } else {
    const enterprise = await enterpriseFor(db, context.actor, body.uscc, 'uscc');
    if (!body.personName) throw invalid([{ path: 'personName', message: '请填写参加人员姓名' }]);
    who = { enterpriseId: enterprise.id, expertId: null, personName: body.personName, regionCode: enterprise.regionCode };
  }
  if (!event.isActive || event.startsOn <= businessDate()) throw new AppError('invalid_state', 'Registration closed', { userMessage: '活动已开始或已下架，报名已截止' });
  try {
    return await db.transaction().execute(async (tx) => {
      if (!(await repo.takePlace(tx, event.id))) throw FULL();
      const id = await repo.insertRegistration(tx, { eventId: event.id, enterpriseId: who.enterpriseId, expertId: who.expertId, personName: who.personName, personTitle: body.personTitle ?? '', createdBy: userIdOf(context.actor) });
      await recordWrites(tx, context, [{ action: 'event_registration.create', entityType: REGISTRATION_ENTITY, entityKey: id, regionCode: event.regionCode, after: { eventId: event.id, ...who, personTitle: body.personTitle ?? '' } }]);
      return id;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('conflict', 'Already registered', { userMessage: '该人员已报名本活动', errors: [{ path: 'personName', message: '该人员已报名本活动' }] });
    if ((err as { code?: string }).code === '23514') throw FULL();
    throw err;
  }
}

/** One registration: its enterprise's members (or expert) and the event's managers. @throws not_found for others. */
export async function getRegistration(db: Db, actor: Actor, id: string) {
  const registration = /^\d{1,18}$/.test(id) ? await repo.selectRegistration(db, id) : undefined;
  if (!registration) throw notFound('报名');
  const { event, canManage: isManager } = await getTalentEvent(db, actor, registration.eventId);
  const own = await ownerOf(db, actor);
  const isOwn = (own.enterpriseId !== undefined && own.enterpriseId === registration.enterpriseId) || (own.expertId !== undefined && own.expertId === registration.expertId);
  if (!isManager && !isOwn) throw notFound('报名');
  return { registration, event, isManager, isOwn };
}

/** An event's registrations: all for managers, the caller's own for others. */
export async function listRegistrations(db: Db, actor: Actor, eventId: string) {
  const { event, canManage: isManager } = await getTalentEvent(db, actor, eventId);
  if (isManager) return { event, isManager, items: await repo.selectRegistrations(db, { eventId: event.id }, 10_000) };
  const own = await ownerOf(db, actor);
  const items = own.enterpriseId || own.expertId ? await repo.selectRegistrations(db, { eventId: event.id, ...own }, 1000) : [];
  return { event, isManager, items };
}

/**
 * Record attendance (managers, once the event has started: `attended` or `absent`, revisable) or
 * cancel (the registrant or managers, before the start; frees the place).
 * @throws not_found; forbidden; invalid_state (409).
 */
export async function decideRegistration(db: Db, context: WriteContext, id: string, verb: 'attendance' | 'cancel', attended?: boolean): Promise<void> {
  const { registration, event, isManager } = await getRegistration(db, context.actor, id);
  const today = businessDate();
  if (verb === 'attendance' && !isManager) throw new AppError('forbidden', 'Only the organiser records attendance', { userMessage: '只有主办方可以登记出席' });
  if (verb === 'attendance' && event.startsOn > today) throw new AppError('invalid_state', 'Not started', { userMessage: '活动开始后才能登记出席' });
  if (verb === 'cancel' && event.startsOn <= today) throw new AppError('invalid_state', 'Started', { userMessage: '活动已开始，不能取消报名' });
  await db.transaction().execute(async (tx) => {
    const current = await repo.selectRegistration(tx, registration.id, { isForUpdate: true });
    const allowed = verb === 'cancel' ? current?.status === 'registered' : current !== undefined && current.status !== 'cancelled';
    if (!current || !allowed) throw new AppError('invalid_state', `Cannot ${verb} a ${current?.status} registration`, { userMessage: verb === 'cancel' ? '只有已报名的可以取消' : '已取消的报名不能登记出席' });
    const to = verb === 'cancel' ? 'cancelled' : attended ? 'attended' : 'absent';
    await repo.setRegistrationStatus(tx, current.id, to);
    if (to === 'cancelled') await repo.freePlace(tx, event.id);
    await recordWrites(tx, context, [{ action: `event_registration.${verb}`, entityType: REGISTRATION_ENTITY, entityKey: current.id, regionCode: event.regionCode, before: { status: current.status }, after: { status: to } }]);
  });
}
