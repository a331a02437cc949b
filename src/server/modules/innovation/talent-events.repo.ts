/** SQL of talent programmes, exchange events and their registrations. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

type Conn = Db | Tx;

export interface TalentEventRecord {
  id: string;
  kind: 'programme' | 'exchange_meeting' | 'site_visit';
  enterpriseId: string | null;
  ownerOrgId: string | null;
  organiserName: string;
  regionCode: string;
  title: string;
  description: string;
  field: string;
  location: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  registeredCount: number;
  /** Registrations marked attended / absent by the organiser. */
  attendedCount: number;
  absentCount: number;
  isActive: boolean;
}

function eventQuery(db: Conn) {
  return db
    .selectFrom('talent_events as v')
    .leftJoin('enterprises as e', 'e.id', 'v.enterprise_id')
    .leftJoin('organisations as o', 'o.uscc', 'e.uscc')
    .select([
      'v.id', 'v.kind', 'v.enterprise_id as enterpriseId', 'o.id as ownerOrgId', 'v.organiser_name as organiserName', 'v.region_code as regionCode', 'v.title', 'v.description', 'v.field', 'v.location',
      sql<string>`to_char(v.starts_on, 'YYYY-MM-DD')`.as('startsOn'), sql<string>`to_char(v.ends_on, 'YYYY-MM-DD')`.as('endsOn'), 'v.capacity', 'v.registered_count as registeredCount', 'v.is_active as isActive',
      sql<number>`(SELECT count(*)::int FROM event_registrations r WHERE r.event_id = v.id AND r.status = 'attended')`.as('attendedCount'),
      sql<number>`(SELECT count(*)::int FROM event_registrations r WHERE r.event_id = v.id AND r.status = 'absent')`.as('absentCount'),
    ]);
}

export async function selectEvent(db: Conn, id: string): Promise<TalentEventRecord | undefined> {
  return (await eventQuery(db).where('v.id', '=', id).executeTakeFirst()) as TalentEventRecord | undefined;
}

export async function selectEvents(db: Conn, filter: { kind?: string; enterpriseId?: string; regionPrefix?: string; beforeId?: string }, limit: number): Promise<TalentEventRecord[]> {
  let q = eventQuery(db).where('v.is_active', '=', true).orderBy('v.id', 'desc').limit(limit);
  if (filter.kind) q = q.where('v.kind', '=', filter.kind);
  if (filter.enterpriseId) q = q.where('v.enterprise_id', '=', filter.enterpriseId);
  if (filter.regionPrefix !== undefined) q = q.where('v.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.beforeId) q = q.where('v.id', '<', filter.beforeId);
  return (await q.execute()) as TalentEventRecord[];
}

export async function insertEvent(tx: Tx, row: { kind: string; enterpriseId: string | null; organiserName: string; regionCode: string; title: string; description: string; field: string; location: string; startsOn: string; endsOn: string; capacity: number; createdBy: string | null }): Promise<string> {
  const { id } = await tx
    .insertInto('talent_events')
    .values({
      kind: row.kind, enterprise_id: row.enterpriseId, organiser_name: row.organiserName, region_code: row.regionCode, title: row.title, description: row.description, field: row.field,
      location: row.location, starts_on: row.startsOn, ends_on: row.endsOn, capacity: row.capacity, created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Take a place if one is left (true when taken): the row lock queues concurrent registrations, each re-checks. */
export async function takePlace(tx: Tx, eventId: string): Promise<boolean> {
  const row = await tx
    .updateTable('talent_events')
    .set({ registered_count: sql`registered_count + 1`, updated_at: new Date() })
    .where('id', '=', eventId)
    .where(sql<boolean>`registered_count < capacity`)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function freePlace(tx: Tx, eventId: string): Promise<void> {
  await tx.updateTable('talent_events').set({ registered_count: sql`registered_count - 1`, updated_at: new Date() }).where('id', '=', eventId).execute();
}

export interface RegistrationRecord {
  id: string;
  eventId: string;
  eventTitle: string;
  startsOn: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  enterpriseUscc: string | null;
  expertId: string | null;
  personName: string;
  personTitle: string;
  status: 'registered' | 'attended' | 'absent' | 'cancelled';
  createdAt: Date;
}

function registrationQuery(db: Conn) {
  return db
    .selectFrom('event_registrations as r')
    .innerJoin('talent_events as v', 'v.id', 'r.event_id')
    .leftJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select([
      'r.id', 'r.event_id as eventId', 'v.title as eventTitle', sql<string>`to_char(v.starts_on, 'YYYY-MM-DD')`.as('startsOn'), 'r.enterprise_id as enterpriseId', 'e.name as enterpriseName',
      'e.uscc as enterpriseUscc', 'r.expert_id as expertId', 'r.person_name as personName', 'r.person_title as personTitle', 'r.status', 'r.created_at as createdAt',
    ]);
}

export async function selectRegistration(db: Conn, id: string, options: { isForUpdate?: boolean } = {}): Promise<RegistrationRecord | undefined> {
  let q = registrationQuery(db).where('r.id', '=', id);
  if (options.isForUpdate) q = q.forUpdate('r');
  return (await q.executeTakeFirst()) as RegistrationRecord | undefined;
}

/** Registrations of an event (optionally one enterprise's or one expert's), oldest first. */
export async function selectRegistrations(db: Conn, filter: { eventId: string; enterpriseId?: string; expertId?: string }, limit: number): Promise<RegistrationRecord[]> {
  let q = registrationQuery(db).where('r.event_id', '=', filter.eventId).orderBy('r.id').limit(limit);
  if (filter.enterpriseId) q = q.where('r.enterprise_id', '=', filter.enterpriseId);
  if (filter.expertId) q = q.where('r.expert_id', '=', filter.expertId);
  return (await q.execute()) as RegistrationRecord[];
}

export async function insertRegistration(tx: Tx, row: { eventId: string; enterpriseId: string | null; expertId: string | null; personName: string; personTitle: string; createdBy: string | null }): Promise<string> {
  const { id } = await tx
    .insertInto('event_registrations')
    .values({ event_id: row.eventId, enterprise_id: row.enterpriseId, expert_id: row.expertId, person_name: row.personName, person_title: row.personTitle, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setRegistrationStatus(tx: Tx, id: string, status: RegistrationRecord['status']): Promise<void> {
  await tx.updateTable('event_registrations').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Live registrations per event of one enterprise or expert. */
export async function countMine(db: Conn, who: { enterpriseId?: string; expertId?: string }, eventIds: readonly string[]): Promise<Map<string, number>> {
  if (eventIds.length === 0 || (!who.enterpriseId && !who.expertId)) return new Map();
  let q = db.selectFrom('event_registrations').select(['event_id as eventId', sql<number>`count(*)::int`.as('n')]).where('event_id', 'in', [...eventIds]).where('status', '<>', 'cancelled').groupBy('event_id');
  q = who.enterpriseId ? q.where('enterprise_id', '=', who.enterpriseId) : q.where('expert_id', '=', who.expertId!);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.eventId, r.n]));
}
