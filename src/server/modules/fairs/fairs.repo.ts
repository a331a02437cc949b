/** SQL of fairs, registrations, wishes and schedules: explicit columns, read scope in the WHERE clause. */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { containsPattern } from '../../platform/text.js';

/** A session row in camelCase. */
export interface SessionRecord {
  id: string;
  position: number;
  date: string;
  startTime: string;
  slotMinutes: number;
  slotCount: number;
  tables: number;
}

/** A fair with its chain's name and its sessions in order. */
export interface FairRecord {
  id: string;
  regionCode: string;
  chainId: string | null;
  chainName: string | null;
  title: string;
  description: string;
  venue: string;
  visibility: string;
  status: string;
  largeCapacity: number;
  smeCapacity: number;
  createdAt: Date;
  sessions: SessionRecord[];
}

/**
 * Which fairs a caller may read: all (admins, national gov), or public ones plus those of the
 * gov user's scope (`ownerPrefix`) and those organised by a region containing the viewer's
 * region (`regionsAbove`: the viewer's region and its ancestors).
 */
export type FairReadScope = { isAll: true } | { isAll: false; ownerPrefix?: string; regionsAbove: string[] };

/** The viewer's region and its ancestors by code shape: 320571 → 320571, 320500, 320000, 000000. */
export function regionsAbove(code: string): string[] {
  return [...new Set([code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`, '000000'])];
}

function visible(scope: FairReadScope) {
  return (eb: ExpressionBuilder<Database, 'fairs'>) => {
    if (scope.isAll) return eb.val(true);
    const ors = [eb('fairs.visibility', '=', 'public')];
    if (scope.ownerPrefix !== undefined) ors.push(eb('fairs.region_code', 'like', `${scope.ownerPrefix}%`));
    if (scope.regionsAbove.length > 0) ors.push(eb('fairs.region_code', 'in', scope.regionsAbove));
    return eb.or(ors);
  };
}

const FAIR_COLUMNS = [
  'fairs.id', 'fairs.region_code', 'fairs.chain_id', 'chains.name as chain_name', 'fairs.title', 'fairs.description', 'fairs.venue', 'fairs.visibility',
  'fairs.status', 'fairs.large_capacity', 'fairs.sme_capacity', 'fairs.created_at',
] as const;

type FairRow = { id: string; region_code: string; chain_id: string | null; chain_name: string | null; title: string; description: string; venue: string; visibility: string; status: string; large_capacity: number; sme_capacity: number; created_at: Date };

async function withSessions(db: Db | Tx, rows: FairRow[]): Promise<FairRecord[]> {
  if (rows.length === 0) return [];
  const sessions = await db
    .selectFrom('fair_sessions')
    .select(['id', 'fair_id', 'position', sql<string>`to_char(session_date, 'YYYY-MM-DD')`.as('date'), 'start_time', 'slot_minutes', 'slot_count', 'table_count'])
    .where('fair_id', 'in', rows.map((r) => r.id))
    .orderBy('fair_id')
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id, regionCode: r.region_code, chainId: r.chain_id, chainName: r.chain_name, title: r.title, description: r.description, venue: r.venue,
    visibility: r.visibility, status: r.status, largeCapacity: r.large_capacity, smeCapacity: r.sme_capacity, createdAt: r.created_at,
    sessions: sessions.filter((s) => s.fair_id === r.id).map((s) => ({ id: s.id, position: s.position, date: s.date, startTime: s.start_time, slotMinutes: s.slot_minutes, slotCount: s.slot_count, tables: s.table_count })),
  }));
}

/** One fair within the read scope. */
export async function selectFair(db: Db | Tx, id: string, scope: FairReadScope, options: { isForUpdate?: boolean } = {}): Promise<FairRecord | undefined> {
  let q = db.selectFrom('fairs').leftJoin('chains', 'chains.id', 'fairs.chain_id').select(FAIR_COLUMNS).where('fairs.id', '=', id).where(visible(scope));
  if (options.isForUpdate) q = q.forUpdate('fairs');
  const row = await q.executeTakeFirst();
  return row ? (await withSessions(db, [row]))[0] : undefined;
}

/** Filters of the fair list. */
export interface FairFilter {
  status?: string;
  q?: string;
  beforeId?: string;
}

/** A page of fairs within the read scope, newest first. */
export async function selectFairs(db: Db, scope: FairReadScope, filter: FairFilter, limit: number): Promise<FairRecord[]> {
  let q = db.selectFrom('fairs').leftJoin('chains', 'chains.id', 'fairs.chain_id').select(FAIR_COLUMNS).where(visible(scope));
  if (filter.status) q = q.where('fairs.status', '=', filter.status);
  if (filter.q) q = q.where('fairs.title', 'ilike', containsPattern(filter.q));
  if (filter.beforeId) q = q.where('fairs.id', '<', filter.beforeId);
  return withSessions(db, await q.orderBy('fairs.id', 'desc').limit(limit).execute());
}

/** Columns of a new fair. */
export interface FairInsert {
  regionCode: string;
  chainId: string | null;
  title: string;
  description: string;
  venue: string;
  visibility: string;
  largeCapacity: number;
  smeCapacity: number;
  createdBy: string | null;
  sessions: { date: string; startTime: string; slotMinutes: number; slotCount: number; tables: number }[];
}

/** Insert a fair (draft) with its sessions. */
export async function insertFair(tx: Tx, fair: FairInsert): Promise<string> {
  const { id } = await tx
    .insertInto('fairs')
    .values({ region_code: fair.regionCode, chain_id: fair.chainId, title: fair.title, description: fair.description, venue: fair.venue, visibility: fair.visibility, large_capacity: fair.largeCapacity, sme_capacity: fair.smeCapacity, created_by: fair.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('fair_sessions')
    .values(fair.sessions.map((s, position) => ({ fair_id: id, position, session_date: s.date, start_time: s.startTime, slot_minutes: s.slotMinutes, slot_count: s.slotCount, table_count: s.tables })))
    .execute();
  return id;
}

/** Set a fair's status. */
export async function updateFairStatus(tx: Tx, id: string, status: string): Promise<void> {
  await tx.updateTable('fairs').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Chain name of a chain map, when it exists and lies under the prefix. */
export async function selectChain(db: Db, id: string): Promise<{ id: string; name: string; regionCode: string } | undefined> {
  const r = await db.selectFrom('chains').select(['id', 'name', 'region_code']).where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, name: r.name, regionCode: r.region_code } : undefined;
}

/** An enterprise by USCC (id, name, region, size). */
export async function selectEnterpriseByUscc(db: Db | Tx, uscc: string): Promise<{ id: string; uscc: string; name: string; regionCode: string; size: string | null } | undefined> {
  const r = await db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code', 'size']).where('uscc', '=', uscc).executeTakeFirst();
  return r ? { id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code, size: r.size } : undefined;
}

/** A registration with its enterprise. `waitlistPosition` is filled for waitlisted ones. */
export interface RegistrationRecord {
  id: string;
  fairId: string;
  enterpriseId: string;
  uscc: string;
  name: string;
  regionCode: string;
  products: string[];
  kind: string;
  status: string;
  waitlistPosition: number | null;
  createdAt: Date;
}

function registrations(db: Db | Tx) {
  return db
    .selectFrom('fair_registrations as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select([
      'r.id', 'r.fair_id', 'r.enterprise_id', 'e.uscc', 'e.name', 'r.region_code', 'e.products', 'r.kind', 'r.status', 'r.created_at',
      sql<number | null>`CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*)::int FROM fair_registrations w WHERE w.fair_id = r.fair_id AND w.kind = r.kind AND w.status = 'waitlisted' AND (w.created_at, w.id) <= (r.created_at, r.id)) END`.as('waitlist_position'),
    ]);
}

function toRegistration(r: { id: string; fair_id: string; enterprise_id: string; uscc: string; name: string; region_code: string; products: string[]; kind: string; status: string; created_at: Date; waitlist_position: number | null }): RegistrationRecord {
  return { id: r.id, fairId: r.fair_id, enterpriseId: r.enterprise_id, uscc: r.uscc, name: r.name, regionCode: r.region_code, products: r.products, kind: r.kind, status: r.status, waitlistPosition: r.waitlist_position, createdAt: r.created_at };
}

/** Registrations of a fair by filter, in registration order (keyset by id). */
export async function selectRegistrations(db: Db | Tx, fairId: string, filter: { kind?: string; statuses?: string[]; ids?: string[]; afterId?: string } = {}, limit = 100_000): Promise<RegistrationRecord[]> {
  let q = registrations(db).where('r.fair_id', '=', fairId);
  if (filter.kind) q = q.where('r.kind', '=', filter.kind);
  if (filter.statuses) q = q.where('r.status', 'in', filter.statuses);
  if (filter.ids) q = filter.ids.length > 0 ? q.where('r.id', 'in', filter.ids) : q.where(sql<boolean>`false`);
  if (filter.afterId) q = q.where('r.id', '>', filter.afterId);
  return (await q.orderBy('r.id').limit(limit).execute()).map(toRegistration);
}

/** The live (registered or waitlisted) registration of an enterprise at a fair. */
export async function selectLiveRegistration(db: Db | Tx, fairId: string, enterpriseId: string): Promise<RegistrationRecord | undefined> {
  const r = await registrations(db).where('r.fair_id', '=', fairId).where('r.enterprise_id', '=', enterpriseId).where('r.status', '<>', 'cancelled').executeTakeFirst();
  return r ? toRegistration(r) : undefined;
}

/** One registration of a fair. */
export async function selectRegistration(db: Db | Tx, fairId: string, id: string): Promise<RegistrationRecord | undefined> {
  const r = await registrations(db).where('r.fair_id', '=', fairId).where('r.id', '=', id).executeTakeFirst();
  return r ? toRegistration(r) : undefined;
}

/** Registered / waitlisted counts by kind. */
export async function countRegistrations(db: Db | Tx, fairIds: string[]): Promise<Map<string, { large: number; sme: number; waitlisted: number }>> {
  const counts = new Map<string, { large: number; sme: number; waitlisted: number }>();
  if (fairIds.length === 0) return counts;
  const rows = await db
    .selectFrom('fair_registrations')
    .select(['fair_id', 'kind', 'status', sql<number>`count(*)::int`.as('n')])
    .where('fair_id', 'in', fairIds)
    .where('status', '<>', 'cancelled')
    .groupBy(['fair_id', 'kind', 'status'])
    .execute();
  for (const r of rows) {
    const c = counts.get(r.fair_id) ?? { large: 0, sme: 0, waitlisted: 0 };
    if (r.status === 'waitlisted') c.waitlisted += r.n;
    else if (r.kind === 'large') c.large += r.n;
    else c.sme += r.n;
    counts.set(r.fair_id, c);
  }
  return counts;
}

/** Live registrations of these enterprises at these fairs (for `myRegistration`). */
export async function selectRegistrationsOf(db: Db, fairIds: string[], enterpriseId: string): Promise<RegistrationRecord[]> {
  if (fairIds.length === 0) return [];
  return (await registrations(db).where('r.fair_id', 'in', fairIds).where('r.enterprise_id', '=', enterpriseId).where('r.status', '<>', 'cancelled').execute()).map(toRegistration);
}

/** Insert a registration. */
export async function insertRegistration(tx: Tx, row: { fairId: string; enterpriseId: string; regionCode: string; kind: string; status: string; createdBy: string | null }): Promise<string> {
  const { id } = await tx
    .insertInto('fair_registrations')
    .values({ fair_id: row.fairId, enterprise_id: row.enterpriseId, region_code: row.regionCode, kind: row.kind, status: row.status, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Cancel a registration and drop its wishes both ways. */
export async function cancelRegistration(tx: Tx, fairId: string, id: string): Promise<void> {
  await tx.updateTable('fair_registrations').set({ status: 'cancelled', cancelled_at: new Date() }).where('id', '=', id).execute();
  await tx.deleteFrom('fair_wishes').where('fair_id', '=', fairId).where((eb) => eb.or([eb('from_registration_id', '=', id), eb('to_registration_id', '=', id)])).execute();
}

/** The first waitlisted registration of a kind (registration order), locked. */
export async function selectFirstWaitlisted(tx: Tx, fairId: string, kind: string): Promise<{ id: string; enterpriseId: string } | undefined> {
  const r = await tx
    .selectFrom('fair_registrations')
    .select(['id', 'enterprise_id'])
    .where('fair_id', '=', fairId)
    .where('kind', '=', kind)
    .where('status', '=', 'waitlisted')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  return r ? { id: r.id, enterpriseId: r.enterprise_id } : undefined;
}

/** Promote a waitlisted registration to registered. */
export async function promoteRegistration(tx: Tx, id: string): Promise<void> {
  await tx.updateTable('fair_registrations').set({ status: 'registered', promoted_at: new Date() }).where('id', '=', id).execute();
}

/** Every wish of a fair between registered participants. */
export async function selectWishes(db: Db | Tx, fairId: string): Promise<{ from: string; to: string }[]> {
  const rows = await db
    .selectFrom('fair_wishes as w')
    .innerJoin('fair_registrations as f', 'f.id', 'w.from_registration_id')
    .innerJoin('fair_registrations as t', 't.id', 'w.to_registration_id')
    .select(['w.from_registration_id', 'w.to_registration_id'])
    .where('w.fair_id', '=', fairId)
    .where('f.status', '=', 'registered')
    .where('t.status', '=', 'registered')
    .execute();
  return rows.map((r) => ({ from: r.from_registration_id, to: r.to_registration_id }));
}

/** Wishes from and to one registration. */
export async function selectWishesOf(db: Db | Tx, fairId: string, registrationId: string): Promise<{ outgoing: string[]; incoming: string[] }> {
  const rows = await db
    .selectFrom('fair_wishes')
    .select(['from_registration_id', 'to_registration_id'])
    .where('fair_id', '=', fairId)
    .where((eb) => eb.or([eb('from_registration_id', '=', registrationId), eb('to_registration_id', '=', registrationId)]))
    .execute();
  return {
    outgoing: rows.filter((r) => r.from_registration_id === registrationId).map((r) => r.to_registration_id),
    incoming: rows.filter((r) => r.to_registration_id === registrationId).map((r) => r.from_registration_id),
  };
}

/** Replace a participant's wish list. */
export async function replaceWishes(tx: Tx, fairId: string, from: string, targets: string[]): Promise<void> {
  await tx.deleteFrom('fair_wishes').where('fair_id', '=', fairId).where('from_registration_id', '=', from).execute();
  if (targets.length > 0) await tx.insertInto('fair_wishes').values(targets.map((to) => ({ fair_id: fairId, from_registration_id: from, to_registration_id: to }))).execute();
}

/** A stored schedule run. */
export interface ScheduleRecord {
  fairId: string;
  objective: number;
  bound: number;
  gap: number;
  stats: Record<string, number | string>;
  options: Record<string, number>;
  computedAt: Date;
}

/** The latest schedule run of a fair. */
export async function selectSchedule(db: Db | Tx, fairId: string): Promise<ScheduleRecord | undefined> {
  const r = await db.selectFrom('fair_schedules').select(['fair_id', 'objective', 'bound', 'gap', 'stats', 'options', 'computed_at']).where('fair_id', '=', fairId).executeTakeFirst();
  return r ? { fairId: r.fair_id, objective: r.objective, bound: r.bound, gap: r.gap, stats: r.stats as ScheduleRecord['stats'], options: r.options as ScheduleRecord['options'], computedAt: r.computed_at } : undefined;
}

/** Fairs that have a schedule, among these. */
export async function selectScheduledFairIds(db: Db, fairIds: string[]): Promise<Set<string>> {
  if (fairIds.length === 0) return new Set();
  const rows = await db.selectFrom('fair_schedules').select('fair_id').where('fair_id', 'in', fairIds).execute();
  return new Set(rows.map((r) => r.fair_id));
}

/** A meeting to store. */
export interface MeetingInsert {
  sessionId: string;
  slotIndex: number;
  startsAt: Date;
  endsAt: Date;
  table: number;
  largeRegistrationId: string;
  smeRegistrationId: string;
  isMutual: boolean;
  weight: number;
}

/** Replace a fair's schedule and meetings (the caller's transaction; outcomes of old meetings go with them). */
export async function replaceSchedule(tx: Tx, fairId: string, schedule: Omit<ScheduleRecord, 'computedAt' | 'fairId'> & { computedBy: string | null }, meetings: MeetingInsert[]): Promise<void> {
  await tx.deleteFrom('fair_meetings').where('fair_id', '=', fairId).execute();
  await tx.deleteFrom('fair_schedules').where('fair_id', '=', fairId).execute();
  await tx
    .insertInto('fair_schedules')
    .values({ fair_id: fairId, objective: schedule.objective, bound: schedule.bound, gap: schedule.gap, stats: JSON.stringify(schedule.stats), options: JSON.stringify(schedule.options), computed_by: schedule.computedBy })
    .execute();
  for (let i = 0; i < meetings.length; i += 1000) {
    await tx
      .insertInto('fair_meetings')
      .values(meetings.slice(i, i + 1000).map((m) => ({
        fair_id: fairId, session_id: m.sessionId, slot_index: m.slotIndex, starts_at: m.startsAt, ends_at: m.endsAt, table_no: m.table,
        large_registration_id: m.largeRegistrationId, sme_registration_id: m.smeRegistrationId, is_mutual: m.isMutual, weight: m.weight,
      })))
      .execute();
  }
}

/** A meeting with both sides and its outcome. */
export interface MeetingRecord {
  id: string;
  sessionId: string;
  slotIndex: number;
  startsAt: Date;
  endsAt: Date;
  table: number;
  large: { registrationId: string; uscc: string; name: string };
  sme: { registrationId: string; uscc: string; name: string };
  isMutual: boolean;
  outcome: string | null;
  amountFen: string | null;
  note: string | null;
}

/** Meetings of a fair, optionally of one registration, in time and table order. */
export async function selectMeetings(db: Db | Tx, fairId: string, filter: { registrationId?: string; meetingId?: string } = {}): Promise<MeetingRecord[]> {
  let q = db
    .selectFrom('fair_meetings as m')
    .innerJoin('fair_registrations as lr', 'lr.id', 'm.large_registration_id')
    .innerJoin('enterprises as le', 'le.id', 'lr.enterprise_id')
    .innerJoin('fair_registrations as sr', 'sr.id', 'm.sme_registration_id')
    .innerJoin('enterprises as se', 'se.id', 'sr.enterprise_id')
    .leftJoin('fair_meeting_outcomes as o', 'o.meeting_id', 'm.id')
    .select([
      'm.id', 'm.session_id', 'm.slot_index', 'm.starts_at', 'm.ends_at', 'm.table_no', 'm.is_mutual', 'm.large_registration_id', 'le.uscc as large_uscc', 'le.name as large_name',
      'm.sme_registration_id', 'se.uscc as sme_uscc', 'se.name as sme_name', 'o.outcome', 'o.amount_fen', 'o.note',
    ])
    .where('m.fair_id', '=', fairId);
  if (filter.registrationId) {
    const id = filter.registrationId;
    q = q.where((eb) => eb.or([eb('m.large_registration_id', '=', id), eb('m.sme_registration_id', '=', id)]));
  }
  if (filter.meetingId) q = q.where('m.id', '=', filter.meetingId);
  const rows = await q.orderBy('m.starts_at').orderBy('m.table_no').execute();
  return rows.map((r) => ({
    id: r.id, sessionId: r.session_id, slotIndex: r.slot_index, startsAt: r.starts_at, endsAt: r.ends_at, table: r.table_no, isMutual: r.is_mutual,
    large: { registrationId: r.large_registration_id, uscc: r.large_uscc, name: r.large_name },
    sme: { registrationId: r.sme_registration_id, uscc: r.sme_uscc, name: r.sme_name },
    outcome: r.outcome, amountFen: r.amount_fen, note: r.note,
  }));
}

/** Record (or replace) a meeting's outcome. */
export async function upsertOutcome(tx: Tx, row: { meetingId: string; fairId: string; outcome: string; amountFen: number | null; note: string; recordedBy: string | null }): Promise<void> {
  await tx
    .insertInto('fair_meeting_outcomes')
    .values({ meeting_id: row.meetingId, fair_id: row.fairId, outcome: row.outcome, amount_fen: row.amountFen, note: row.note, recorded_by: row.recordedBy })
    .onConflict((oc) => oc.column('meeting_id').doUpdateSet({ outcome: row.outcome, amount_fen: row.amountFen, note: row.note, recorded_by: row.recordedBy, recorded_at: new Date() }))
    .execute();
}

/**
 * Published needs of an enterprise, as the matching engine's need query (read-only use of the
 * matching module's `needs` table: the engine ranks SMEs for a large firm's needs).
 */
export async function selectPublishedNeedQueries(db: Db, enterpriseId: string, uscc: string, limit = 20) {
  const rows = await db
    .selectFrom('needs')
    .select(['title', 'description', 'products', 'industry_code', 'target_region_code', 'required_certifications', 'required_level'])
    .where('enterprise_id', '=', enterpriseId)
    .where('status', '=', 'published')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    title: r.title, description: r.description, products: r.products, industryCode: r.industry_code, regionCode: r.target_region_code,
    requiredCertifications: r.required_certifications, requiredLevel: r.required_level, ownerUscc: uscc,
  }));
}
