/**
 * Shared innovation resources (共享资源, IN-2): listing, bookings whose windows never overlap
 * (enforced by the database: an exclusion constraint over pending and approved bookings),
 * approval, rejection and cancellation, usage recorded after the fact, and the sharing figures
 * state-owned firms are assessed on (WR-2).
 */
import type { CreateBookingBody, CreateResourceBody, ListResourcesQuery } from '../../../contracts/innovation.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { regionPrefix } from '../../platform/regions.js';
import { regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { enterpriseFor, userIdOf } from './challenges.service.js';
import { selectEnterpriseByUscc } from './challenges.repo.js';
import { canManage } from './innovation.policy.js';
import * as repo from './resources.repo.js';
import { notify } from '../workbench/index.js';
import { businessDateTime } from '../../platform/dates.js';

export const RESOURCE_ENTITY = 'shared_resource';
export const BOOKING_ENTITY = 'resource_booking';

/** The longest single booking. */
const BOOKING_MAX_MS = 31 * 24 * 3600 * 1000;
/** Clock skew tolerated for a booking that starts "now". */
const PAST_TOLERANCE_MS = 5 * 60 * 1000;

/** Resources are public listings to everyone signed in. @throws not_found. */
export async function getResource(db: Db, id: string): Promise<repo.ResourceRecord> {
  const resource = /^\d{1,18}$/.test(id) ? await repo.selectResource(db, id) : undefined;
  if (!resource) throw notFound('共享资源');
  return resource;
}

/** A page of active resources, newest first; `mine`: the caller's own enterprise's. */
export async function listResources(db: Db, actor: Actor, query: ListResourcesQuery) {
  const filter: { kind?: string; q?: string; enterpriseId?: string; beforeId?: string } = { kind: query.kind, q: query.q || undefined, beforeId: decodeCursor(query.cursor) };
  if (query.mine === 'true') {
    filter.enterpriseId = (actor.orgUscc ? (await selectEnterpriseByUscc(db, actor.orgUscc))?.id : undefined) ?? '0';
  }
  const rows = await repo.selectResources(db, filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

function yuanToFen(yuan: number | undefined): bigint | null {
  return yuan === undefined ? null : BigInt(Math.round(yuan * 100));
}

/** List a resource for an enterprise. @throws forbidden for experts; validation_failed naming `ownerUscc`. */
export async function createResource(db: Db, context: WriteContext, body: CreateResourceBody): Promise<string> {
  const owner = await enterpriseFor(db, context.actor, body.ownerUscc, 'ownerUscc');
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertResource(tx, {
      enterpriseId: owner.id, regionCode: owner.regionCode, title: body.title, kind: body.kind, specs: body.specs ?? '', location: body.location ?? '',
      priceInternalFen: yuanToFen(body.priceInternalYuan), priceExternalFen: yuanToFen(body.priceExternalYuan), rules: body.rules ?? '', openHoursPerWeek: body.openHoursPerWeek ?? 40,
      createdBy: userIdOf(context.actor),
    });
    await recordWrites(tx, context, [{ action: 'resource.create', entityType: RESOURCE_ENTITY, entityKey: id, regionCode: owner.regionCode, after: { title: body.title, kind: body.kind, uscc: owner.uscc } }]);
    return id;
  });
}

/** Is this the SQLSTATE of the bookings' exclusion constraint? */
function isOverlap(err: unknown): boolean {
  return (err as { code?: string }).code === '23P01';
}

/**
 * Request a booking: it is pending and holds its window until the owner decides.
 * @throws not_found; validation_failed (window, uscc); conflict (409) when the window overlaps a
 *   pending or approved booking of the resource — decided by the database, so concurrent
 *   requests for one window leave exactly one.
 */
export async function createBooking(db: Db, context: WriteContext, resourceId: string, body: CreateBookingBody): Promise<string> {
  const resource = await getResource(db, resourceId);
  const booker = await enterpriseFor(db, context.actor, body.uscc, 'uscc');
  const start = new Date(body.start);
  const end = new Date(body.end);
  const errors = [];
  if (end.getTime() <= start.getTime()) errors.push({ path: 'end', message: '结束时间应晚于开始时间' });
  else if (end.getTime() - start.getTime() > BOOKING_MAX_MS) errors.push({ path: 'end', message: '单次预约不能超过31天' });
  if (start.getTime() < Date.now() - PAST_TOLERANCE_MS) errors.push({ path: 'start', message: '不能预约过去的时间' });
  if (errors.length > 0) throw invalid(errors);
  if (!resource.isActive) throw new AppError('invalid_state', 'Resource inactive', { userMessage: '该资源已下架' });
  try {
    return await db.transaction().execute(async (tx) => {
      await repo.lockResourceForBooking(tx, resource.id);
      const id = await repo.insertBooking(tx, { resourceId: resource.id, enterpriseId: booker.id, regionCode: resource.regionCode, start, end, purpose: body.purpose ?? '', createdBy: userIdOf(context.actor) });
      await recordWrites(tx, context, [{ action: 'booking.create', entityType: BOOKING_ENTITY, entityKey: id, regionCode: resource.regionCode, after: { resourceId: resource.id, uscc: booker.uscc, start: body.start, end: body.end, status: 'pending' } }]);
      await notify(tx, context.actor, { membersOfUscc: resource.ownerUscc }, {
        kind: 'booking.requested', params: { title: resource.title, booker: booker.name, start: businessDateTime(start), end: businessDateTime(end) }, link: `/resources/${resource.id}`, entityType: BOOKING_ENTITY, entityKey: id,
      });
      return id;
    });
  } catch (err) {
    if (isOverlap(err)) throw new AppError('conflict', 'Booking overlaps', { userMessage: '该时段已被预约（待审核或已通过），请选择其他时段', errors: [{ path: 'start', message: '与已有预约时段重叠' }] });
    throw err;
  }
}

/** What an actor may do with a booking. */
function rightsOn(actor: Actor, booking: repo.BookingRecord) {
  const isManager = canManage(actor, { ownerOrgId: booking.resourceOrgId, regionCode: booking.regionCode });
  const isBooker = actor.role === 'member' && actor.orgUscc === booking.bookerUscc;
  return { isManager, isBooker };
}

/** One booking: its booker and the resource's managers. @throws not_found for everyone else. */
export async function getBooking(db: Db, actor: Actor, id: string) {
  const booking = /^\d{1,18}$/.test(id) ? await repo.selectBooking(db, id) : undefined;
  if (!booking) throw notFound('预约');
  const rights = rightsOn(actor, booking);
  if (!rights.isManager && !rights.isBooker) throw notFound('预约');
  return { booking, ...rights };
}

/** The bookings of a resource in a window (the calendar); bookers are named only to those allowed. */
export async function calendarOf(db: Db, actor: Actor, resourceId: string, from: Date, to: Date) {
  const resource = await getResource(db, resourceId);
  if (to.getTime() <= from.getTime() || to.getTime() - from.getTime() > 400 * 24 * 3600 * 1000) throw invalid([{ path: 'to', message: '时间窗口应在0到400天之间' }]);
  const rows = await repo.selectBookingsInWindow(db, resource.id, from, to);
  return rows.map((booking) => ({ booking, ...rightsOn(actor, booking) }));
}

/** The caller's bookings: as booker (`mine`) or on its resources (`incoming`). */
export async function listOwnBookings(db: Db, actor: Actor, side: 'booker' | 'owner', query: { status?: string; cursor?: string; limit: number }) {
  const own = actor.orgUscc ? await selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
  if (!own) return { items: [], nextCursor: null };
  const rows = await repo.selectBookingsOf(db, own.id, side, { status: query.status, beforeId: decodeCursor(query.cursor), limit: query.limit + 1 });
  const items = rows.slice(0, query.limit).map((booking) => ({ booking, ...rightsOn(actor, booking) }));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].booking.id) : null };
}

/** Decisions on a booking: who and from which states. Rejection and cancellation free the window. */
const BOOKING_VERBS = {
  approve: { from: ['pending'], to: 'approved', who: 'manager', label: '通过' },
  reject: { from: ['pending'], to: 'rejected', who: 'manager', label: '拒绝' },
  cancel: { from: ['pending', 'approved'], to: 'cancelled', who: 'either', label: '取消' },
} as const;

/** A verb of {@link BOOKING_VERBS}. */
export type BookingVerb = keyof typeof BOOKING_VERBS;

/**
 * Approve, reject or cancel a booking.
 * @throws not_found; forbidden (a booker approving); invalid_state (409) from another state.
 */
export async function decideBooking(db: Db, context: WriteContext, id: string, verb: BookingVerb): Promise<repo.BookingRecord> {
  const { booking, isManager } = await getBooking(db, context.actor, id);
  const rule = BOOKING_VERBS[verb];
  if (rule.who === 'manager' && !isManager) throw new AppError('forbidden', `Only the owner may ${verb}`, { userMessage: '只有资源所有方或主管部门可以审核预约' });
  await db.transaction().execute(async (tx) => {
    const current = await repo.selectBooking(tx, booking.id, { isForUpdate: true });
    if (!current || !(rule.from as readonly string[]).includes(current.status)) {
      throw new AppError('invalid_state', `Cannot ${verb} a ${current?.status} booking`, { userMessage: `当前状态不能${rule.label}` });
    }
    await repo.setBookingStatus(tx, booking.id, rule.to, userIdOf(context.actor));
    await recordWrites(tx, context, [{ action: `booking.${verb}`, entityType: BOOKING_ENTITY, entityKey: booking.id, regionCode: booking.regionCode, before: { status: current.status }, after: { status: rule.to } }]);
  });
  return (await repo.selectBooking(db, booking.id))!;
}

/**
 * Record the hours actually used under an approved booking (the owner, after it started).
 * @throws not_found; forbidden; invalid_state unless approved and started; validation_failed above the window.
 */
export async function recordUsage(db: Db, context: WriteContext, id: string, body: { usedMinutes: number; note?: string }): Promise<repo.BookingRecord> {
  const { booking, isManager } = await getBooking(db, context.actor, id);
  if (!isManager) throw new AppError('forbidden', 'Only the owner records usage', { userMessage: '只有资源所有方可以登记使用记录' });
  if (booking.status !== 'approved' || booking.start.getTime() > Date.now()) throw new AppError('invalid_state', 'Not an approved, started booking', { userMessage: '只能为已开始的已通过预约登记使用' });
  const windowMinutes = (booking.end.getTime() - booking.start.getTime()) / 60000;
  if (body.usedMinutes > windowMinutes) throw invalid([{ path: 'usedMinutes', message: `使用时长不能超过预约时长 ${windowMinutes} 分钟` }]);
  await db.transaction().execute(async (tx) => {
    await repo.insertUsage(tx, { bookingId: booking.id, resourceId: booking.resourceId, usedMinutes: body.usedMinutes, note: body.note ?? '', recordedBy: userIdOf(context.actor) });
    await recordWrites(tx, context, [{ action: 'booking.usage', entityType: BOOKING_ENTITY, entityKey: booking.id, regionCode: booking.regionCode, before: { usedMinutes: booking.usedMinutes }, after: { usedMinutes: body.usedMinutes } }]);
  });
  return (await repo.selectBooking(db, booking.id))!;
}

interface Figures {
  resourceId: string | null;
  title: string;
  ownerName: string;
  ownerUscc: string;
  bookedHours: number;
  usedHours: number;
  outsideHours: number;
  sharingRatePct: number;
}

function figures(resourceId: string | null, title: string, ownerName: string, ownerUscc: string, booked: number, used: number, outside: number): Figures {
  const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
  return { resourceId, title, ownerName, ownerUscc, bookedHours: hours(booked), usedHours: hours(used), outsideHours: hours(outside), sharingRatePct: used > 0 ? Math.round((outside / used) * 1000) / 10 : 0 };
}

/**
 * Sharing figures per resource and per owner: booked hours (approved), used hours, hours used by
 * outside enterprises and the sharing rate (outside ÷ used). Members see their own enterprise's,
 * gov users their region's, admins all. @throws forbidden for experts.
 */
export async function sharingStatistics(db: Db, actor: Actor) {
  const filter: { regionPrefix?: string; enterpriseId?: string } = {};
  if (actor.role === 'expert') throw new AppError('forbidden', 'Not for experts', { userMessage: '专家账号无共享统计' });
  if (actor.role === 'member') {
    filter.enterpriseId = (actor.orgUscc ? (await selectEnterpriseByUscc(db, actor.orgUscc))?.id : undefined) ?? '0';
  } else {
    const scope = regionScopeOf(actor);
    if (scope.kind === 'prefix') filter.regionPrefix = regionPrefix(scope.regionCode);
  }
  const rows = await repo.selectSharingFigures(db, filter);
  const byResource = rows.map((r) => figures(r.id, r.title, r.ownerName, r.ownerUscc, r.bookedMinutes, r.usedMinutes, r.outsideMinutes));
  const owners = new Map<string, { name: string; booked: number; used: number; outside: number }>();
  for (const r of rows) {
    const o = owners.get(r.ownerUscc) ?? { name: r.ownerName, booked: 0, used: 0, outside: 0 };
    o.booked += r.bookedMinutes;
    o.used += r.usedMinutes;
    o.outside += r.outsideMinutes;
    owners.set(r.ownerUscc, o);
  }
  const byOwner = [...owners].map(([uscc, o]) => figures(null, o.name, o.name, uscc, o.booked, o.used, o.outside));
  return { byResource, byOwner };
}
