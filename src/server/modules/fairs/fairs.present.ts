/** Rows → API shapes (explicit field lists). */
import type { FairView, MeetingView, RegistrationView } from '../../../contracts/fairs.js';
import type { Actor } from '../../platform/actor.js';
import { regionFullName } from '../../platform/regions.js';
import { isOrganiser } from './fairs.policy.js';
import type { FairRecord, MeetingRecord, RegistrationRecord } from './fairs.repo.js';
import type { FairExtras } from './fairs.service.js';

/** A fair for the caller, with counts and its own registration. */
export function presentFair(fair: FairRecord, actor: Actor, extras: FairExtras): FairView {
  const counts = extras.counts.get(fair.id) ?? { large: 0, sme: 0, waitlisted: 0 };
  const mine = extras.mine.get(fair.id);
  return {
    id: fair.id, title: fair.title, description: fair.description, regionCode: fair.regionCode, regionName: regionFullName(fair.regionCode) ?? fair.regionCode,
    chainId: fair.chainId, chainName: fair.chainName, venue: fair.venue, visibility: fair.visibility as FairView['visibility'], status: fair.status as FairView['status'],
    largeCapacity: fair.largeCapacity, smeCapacity: fair.smeCapacity,
    sessions: fair.sessions.map((s) => ({ id: s.id, date: s.date, startTime: s.startTime, slotMinutes: s.slotMinutes, slotCount: s.slotCount, tables: s.tables })),
    largeRegistered: counts.large, smeRegistered: counts.sme, waitlisted: counts.waitlisted,
    isOrganiser: isOrganiser(actor, fair),
    myRegistration: mine ? { id: mine.id, kind: mine.kind as 'large' | 'sme', status: mine.status as 'registered' | 'waitlisted', waitlistPosition: mine.waitlistPosition } : null,
    hasSchedule: extras.scheduled.has(fair.id),
    createdAt: fair.createdAt.toISOString(),
  };
}

/** A registration with its enterprise. */
export function presentRegistration(r: RegistrationRecord): RegistrationView {
  return {
    id: r.id, uscc: r.uscc, name: r.name, regionCode: r.regionCode, kind: r.kind as RegistrationView['kind'], status: r.status as RegistrationView['status'],
    waitlistPosition: r.waitlistPosition, products: r.products, createdAt: r.createdAt.toISOString(),
  };
}

/** A meeting with both sides and its outcome. */
export function presentMeeting(m: MeetingRecord): MeetingView {
  return {
    id: m.id, sessionId: m.sessionId, slotIndex: m.slotIndex, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString(), table: m.table,
    large: { ...m.large }, sme: { ...m.sme }, isMutual: m.isMutual, outcome: m.outcome as MeetingView['outcome'], amountFen: m.amountFen, note: m.note,
  };
}
