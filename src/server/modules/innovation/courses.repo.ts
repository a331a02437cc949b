/** SQL of training courses and enrolments. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { containsPattern } from '../../platform/text.js';

type Conn = Db | Tx;

export interface CourseRecord {
  id: string;
  enterpriseId: string;
  ownerOrgId: string | null;
  providerName: string;
  providerUscc: string;
  regionCode: string;
  chainId: string | null;
  chainName: string | null;
  title: string;
  description: string;
  field: string;
  baseName: string;
  location: string;
  mode: 'onsite' | 'online' | 'hybrid';
  startsOn: string;
  endsOn: string;
  hours: number;
  feeFen: string;
  capacity: number;
  enrolledCount: number;
  isActive: boolean;
}

function courseQuery(db: Conn) {
  return db
    .selectFrom('training_courses as t')
    .innerJoin('enterprises as e', 'e.id', 't.enterprise_id')
    .leftJoin('organisations as o', 'o.uscc', 'e.uscc')
    .leftJoin('chains as ch', 'ch.id', 't.chain_id')
    .select([
      't.id', 't.enterprise_id as enterpriseId', 'o.id as ownerOrgId', 'e.name as providerName', 'e.uscc as providerUscc', 't.region_code as regionCode', 't.chain_id as chainId',
      'ch.name as chainName', 't.title', 't.description', 't.field', 't.base_name as baseName', 't.location', 't.mode', sql<string>`to_char(t.starts_on, 'YYYY-MM-DD')`.as('startsOn'),
      sql<string>`to_char(t.ends_on, 'YYYY-MM-DD')`.as('endsOn'), 't.hours', 't.fee_fen as feeFen', 't.capacity', 't.enrolled_count as enrolledCount', 't.is_active as isActive',
    ]);
}

export async function selectCourse(db: Conn, id: string): Promise<CourseRecord | undefined> {
  return (await courseQuery(db).where('t.id', '=', id).executeTakeFirst()) as CourseRecord | undefined;
}

export async function selectCourses(db: Conn, filter: { enterpriseId?: string; q?: string; beforeId?: string }, limit: number): Promise<CourseRecord[]> {
  let query = courseQuery(db).where('t.is_active', '=', true).orderBy('t.id', 'desc').limit(limit);
  if (filter.enterpriseId) query = query.where('t.enterprise_id', '=', filter.enterpriseId);
  if (filter.beforeId) query = query.where('t.id', '<', filter.beforeId);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb('t.title', 'ilike', pattern), eb('t.field', 'ilike', pattern), eb('e.name', 'ilike', pattern)]));
  }
  return (await query.execute()) as CourseRecord[];
}

export async function insertCourse(tx: Tx, row: { enterpriseId: string; regionCode: string; chainId: string | null; title: string; description: string; field: string; baseName: string; location: string; mode: string; startsOn: string; endsOn: string; hours: number; feeFen: bigint; capacity: number; createdBy: string | null }): Promise<string> {
  const { id } = await tx
    .insertInto('training_courses')
    .values({
      enterprise_id: row.enterpriseId, region_code: row.regionCode, chain_id: row.chainId, title: row.title, description: row.description, field: row.field, base_name: row.baseName, location: row.location,
      mode: row.mode, starts_on: row.startsOn, ends_on: row.endsOn, hours: row.hours, fee_fen: row.feeFen, capacity: row.capacity, created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Take a seat if one is left: true when taken. Row-locks the course, so concurrent takers queue and re-check. */
export async function takeSeat(tx: Tx, courseId: string): Promise<boolean> {
  const row = await tx
    .updateTable('training_courses')
    .set({ enrolled_count: sql`enrolled_count + 1`, updated_at: new Date() })
    .where('id', '=', courseId)
    .where(sql<boolean>`enrolled_count < capacity`)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function freeSeat(tx: Tx, courseId: string): Promise<void> {
  await tx.updateTable('training_courses').set({ enrolled_count: sql`enrolled_count - 1`, updated_at: new Date() }).where('id', '=', courseId).execute();
}

export async function isChainMember(db: Conn, chainId: string, enterpriseId: string): Promise<boolean> {
  const row = await db.selectFrom('chain_members').select('chain_id').where('chain_id', '=', chainId).where('enterprise_id', '=', enterpriseId).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function chainExists(db: Conn, chainId: string): Promise<boolean> {
  return (await db.selectFrom('chains').select('id').where('id', '=', chainId).executeTakeFirst()) !== undefined;
}

/** Live enrolments per course of one enterprise. */
export async function countLiveEnrolments(db: Conn, enterpriseId: string, courseIds: readonly string[]): Promise<Map<string, number>> {
  if (courseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('course_enrolments')
    .select(['course_id as courseId', sql<number>`count(*)::int`.as('n')])
    .where('enterprise_id', '=', enterpriseId)
    .where('course_id', 'in', [...courseIds])
    .where('status', '<>', 'cancelled')
    .groupBy('course_id')
    .execute();
  return new Map(rows.map((r) => [r.courseId, r.n]));
}

export interface EnrolmentRecord {
  id: string;
  courseId: string;
  courseTitle: string;
  startsOn: string;
  endsOn: string;
  enterpriseId: string;
  enterpriseName: string;
  enterpriseUscc: string;
  traineeName: string;
  status: 'enrolled' | 'completed' | 'cancelled';
  certificateNo: string;
  completedAt: Date | null;
  createdAt: Date;
}

function enrolmentQuery(db: Conn) {
  return db
    .selectFrom('course_enrolments as n')
    .innerJoin('training_courses as t', 't.id', 'n.course_id')
    .innerJoin('enterprises as e', 'e.id', 'n.enterprise_id')
    .select([
      'n.id', 'n.course_id as courseId', 't.title as courseTitle', sql<string>`to_char(t.starts_on, 'YYYY-MM-DD')`.as('startsOn'), sql<string>`to_char(t.ends_on, 'YYYY-MM-DD')`.as('endsOn'),
      'n.enterprise_id as enterpriseId', 'e.name as enterpriseName', 'e.uscc as enterpriseUscc', 'n.trainee_name as traineeName', 'n.status', 'n.certificate_no as certificateNo',
      'n.completed_at as completedAt', 'n.created_at as createdAt',
    ]);
}

export async function selectEnrolment(db: Conn, id: string, options: { isForUpdate?: boolean } = {}): Promise<EnrolmentRecord | undefined> {
  let query = enrolmentQuery(db).where('n.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('n');
  return (await query.executeTakeFirst()) as EnrolmentRecord | undefined;
}

/** Enrolments of a course (optionally one enterprise's) or of an enterprise across courses, newest first. */
export async function selectEnrolments(db: Conn, filter: { courseId?: string; enterpriseId?: string }, limit: number): Promise<EnrolmentRecord[]> {
  let query = enrolmentQuery(db).orderBy('n.id', 'desc').limit(limit);
  if (filter.courseId) query = query.where('n.course_id', '=', filter.courseId);
  if (filter.enterpriseId) query = query.where('n.enterprise_id', '=', filter.enterpriseId);
  return (await query.execute()) as EnrolmentRecord[];
}

export async function insertEnrolment(tx: Tx, row: { courseId: string; enterpriseId: string; regionCode: string; traineeName: string; createdBy: string | null }): Promise<string> {
  const { id } = await tx
    .insertInto('course_enrolments')
    .values({ course_id: row.courseId, enterprise_id: row.enterpriseId, region_code: row.regionCode, trainee_name: row.traineeName, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setEnrolmentStatus(tx: Tx, id: string, status: 'completed' | 'cancelled', certificateNo = ''): Promise<void> {
  await tx
    .updateTable('course_enrolments')
    .set({ status, certificate_no: certificateNo, completed_at: status === 'completed' ? new Date() : null, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}
