/** SQL of shared resources, bookings and usage. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { containsPattern } from '../../platform/text.js';

type Conn = Db | Tx;

export interface ResourceRecord {
  id: string;
  enterpriseId: string;
  ownerOrgId: string | null;
  ownerName: string;
  ownerUscc: string;
  regionCode: string;
  title: string;
  kind: 'equipment' | 'lab' | 'test_site' | 'service' | 'brand' | 'capacity';
  specs: string;
  location: string;
  priceInternalFen: string | null;
  priceExternalFen: string | null;
  rules: string;
  openHoursPerWeek: number;
  isActive: boolean;
}

function resourceQuery(db: Conn) {
  return db
    .selectFrom('shared_resources as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .leftJoin('organisations as o', 'o.uscc', 'e.uscc')
    .select([
      'r.id', 'r.enterprise_id as enterpriseId', 'o.id as ownerOrgId', 'e.name as ownerName', 'e.uscc as ownerUscc', 'r.region_code as regionCode', 'r.title', 'r.kind', 'r.specs', 'r.location',
      'r.price_internal_fen as priceInternalFen', 'r.price_external_fen as priceExternalFen', 'r.rules', 'r.open_hours_per_week as openHoursPerWeek', 'r.is_active as isActive',
    ]);
}

export async function selectResource(db: Conn, id: string): Promise<ResourceRecord | undefined> {
  return (await resourceQuery(db).where('r.id', '=', id).executeTakeFirst()) as ResourceRecord | undefined;
}

export async function selectResources(db: Conn, filter: { kind?: string; q?: string; enterpriseId?: string; beforeId?: string }, limit: number): Promise<ResourceRecord[]> {
  let query = resourceQuery(db).where('r.is_active', '=', true).orderBy('r.id', 'desc').limit(limit);
  if (filter.kind) query = query.where('r.kind', '=', filter.kind);
  if (filter.enterpriseId) query = query.where('r.enterprise_id', '=', filter.enterpriseId);
  if (filter.beforeId) query = query.where('r.id', '<', filter.beforeId);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb('r.title', 'ilike', pattern), eb('r.specs', 'ilike', pattern), eb('e.name', 'ilike', pattern)]));
  }
  return (await query.execute()) as ResourceRecord[];
}

export async function insertResource(tx: Tx, row: { enterpriseId: string; regionCode: string; title: string; kind: string; specs: string; location: string; priceInternalFen: bigint | null; priceExternalFen: bigint | null; rules: string; openHoursPerWeek: number; createdBy: string | null }): Promise<string> {
  const { id } = await tx
    .insertInto('shared_resources')
    .values({
      enterprise_id: row.enterpriseId, region_code: row.regionCode, title: row.title, kind: row.kind, specs: row.specs, location: row.location, price_internal_fen: row.priceInternalFen,
      price_external_fen: row.priceExternalFen, rules: row.rules, open_hours_per_week: row.openHoursPerWeek, created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface BookingRecord {
  id: string;
  resourceId: string;
  resourceTitle: string;
  resourceEnterpriseId: string;
  resourceOrgId: string | null;
  regionCode: string;
  enterpriseId: string;
  bookerName: string;
  bookerUscc: string;
  start: Date;
  end: Date;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  purpose: string;
  usedMinutes: number | null;
}

function bookingQuery(db: Conn) {
  return db
    .selectFrom('resource_bookings as b')
    .innerJoin('shared_resources as r', 'r.id', 'b.resource_id')
    .innerJoin('enterprises as owner', 'owner.id', 'r.enterprise_id')
    .leftJoin('organisations as o', 'o.uscc', 'owner.uscc')
    .innerJoin('enterprises as e', 'e.id', 'b.enterprise_id')
    .leftJoin('resource_usages as u', 'u.booking_id', 'b.id')
    .select([
      'b.id', 'b.resource_id as resourceId', 'r.title as resourceTitle', 'r.enterprise_id as resourceEnterpriseId', 'o.id as resourceOrgId', 'b.region_code as regionCode',
      'b.enterprise_id as enterpriseId', 'e.name as bookerName', 'e.uscc as bookerUscc', sql<Date>`lower(b.period)`.as('start'), sql<Date>`upper(b.period)`.as('end'), 'b.status', 'b.purpose',
      'u.used_minutes as usedMinutes',
    ]);
}

export async function selectBooking(db: Conn, id: string, options: { isForUpdate?: boolean } = {}): Promise<BookingRecord | undefined> {
  let query = bookingQuery(db).where('b.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('b');
  return (await query.executeTakeFirst()) as BookingRecord | undefined;
}

/** Bookings of a resource overlapping a window (the calendar), in time order. */
export async function selectBookingsInWindow(db: Conn, resourceId: string, from: Date, to: Date): Promise<BookingRecord[]> {
  return (await bookingQuery(db)
    .where('b.resource_id', '=', resourceId)
    .where(sql<boolean>`b.period && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')`)
    .orderBy(sql`lower(b.period)`)
    .limit(2000)
    .execute()) as BookingRecord[];
}

/** Bookings made by an enterprise or on resources of an enterprise, newest first. */
export async function selectBookingsOf(db: Conn, enterpriseId: string, side: 'booker' | 'owner', options: { status?: string; beforeId?: string; limit: number }): Promise<BookingRecord[]> {
  let query = bookingQuery(db).where(side === 'booker' ? 'b.enterprise_id' : 'r.enterprise_id', '=', enterpriseId).orderBy('b.id', 'desc').limit(options.limit);
  if (options.status) query = query.where('b.status', '=', options.status);
  if (options.beforeId) query = query.where('b.id', '<', options.beforeId);
  return (await query.execute()) as BookingRecord[];
}

/** Insert a pending booking; the exclusion constraint refuses an overlap (SQLSTATE 23P01). */
/**
 * Take the resource's booking lock for the rest of the transaction: booking requests for one
 * resource then run one after another. The exclusion constraint alone stays correct, but
 * concurrent conflicting inserts each wait for the other's outcome and can deadlock (each
 * inserted its row before checking), which PostgreSQL breaks only after `deadlock_timeout`.
 */
export async function lockResourceForBooking(tx: Tx, resourceId: string): Promise<void> {
  await tx.selectFrom('shared_resources').select('id').where('id', '=', resourceId).forNoKeyUpdate().execute();
}

export async function insertBooking(tx: Tx, row: { resourceId: string; enterpriseId: string; regionCode: string; start: Date; end: Date; purpose: string; createdBy: string | null }): Promise<string> {
  const { id } = await tx
    .insertInto('resource_bookings')
    .values({
      resource_id: row.resourceId, enterprise_id: row.enterpriseId, region_code: row.regionCode, purpose: row.purpose, created_by: row.createdBy,
      period: sql<string>`tstzrange(${row.start.toISOString()}::timestamptz, ${row.end.toISOString()}::timestamptz, '[)')`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setBookingStatus(tx: Tx, id: string, status: string, decidedBy: string | null): Promise<void> {
  await tx.updateTable('resource_bookings').set({ status, decided_by: decidedBy, decided_at: new Date() }).where('id', '=', id).execute();
}

export async function insertUsage(tx: Tx, row: { bookingId: string; resourceId: string; usedMinutes: number; note: string; recordedBy: string | null }): Promise<void> {
  await tx
    .insertInto('resource_usages')
    .values({ booking_id: row.bookingId, resource_id: row.resourceId, used_minutes: row.usedMinutes, note: row.note, recorded_by: row.recordedBy })
    .onConflict((oc) => oc.column('booking_id').doUpdateSet({ used_minutes: row.usedMinutes, note: row.note, recorded_by: row.recordedBy, recorded_at: new Date() }))
    .execute();
}

/** Booked, used and outside-used minutes per resource of the given region prefix (or one owner). */
export async function selectSharingFigures(db: Conn, filter: { regionPrefix?: string; enterpriseId?: string }) {
  let query = db
    .selectFrom('shared_resources as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select([
      'r.id', 'r.title', 'e.name as ownerName', 'e.uscc as ownerUscc',
      sql<number>`coalesce((SELECT sum(extract(epoch FROM upper(b.period) - lower(b.period)))::float8 / 60 FROM resource_bookings b WHERE b.resource_id = r.id AND b.status = 'approved'), 0)`.as('bookedMinutes'),
      sql<number>`coalesce((SELECT sum(u.used_minutes)::float8 FROM resource_usages u WHERE u.resource_id = r.id), 0)`.as('usedMinutes'),
      sql<number>`coalesce((SELECT sum(u.used_minutes)::float8 FROM resource_usages u JOIN resource_bookings b ON b.id = u.booking_id WHERE u.resource_id = r.id AND b.enterprise_id <> r.enterprise_id), 0)`.as('outsideMinutes'),
    ])
    .orderBy('r.id')
    .limit(5000);
  if (filter.regionPrefix) query = query.where('r.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.enterpriseId) query = query.where('r.enterprise_id', '=', filter.enterpriseId);
  return query.execute();
}
