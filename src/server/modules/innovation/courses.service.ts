/**
 * Training courses and bases (TL-2): a large firm lists a course (optionally only for the SMEs of
 * one chain); enterprises enrol trainees while seats are left — the seat count is taken with a
 * conditional UPDATE in the enrolment's transaction and bounded by a CHECK, so concurrent
 * enrolments never exceed the capacity; the provider records completion (certificate number);
 * cancellation frees the seat. Courses are public; enrolments are seen by their enterprise and the
 * course's managers only (404 for others).
 */
import type { CreateCourseBody, EnrolBody, ListCoursesQuery } from '../../../contracts/talent.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { selectEnterpriseByUscc } from './challenges.repo.js';
import { enterpriseFor, userIdOf } from './challenges.service.js';
import * as repo from './courses.repo.js';
import { canManage } from './innovation.policy.js';

export const COURSE_ENTITY = 'training_course';
export const ENROLMENT_ENTITY = 'course_enrolment';

/** A course with the caller's rights and live enrolments. */
export interface CourseForActor {
  course: repo.CourseRecord;
  canManage: boolean;
  myEnrolments: number;
}

/** Enrolment is open: active, not started (Asia/Shanghai), seats left. */
export function isCourseOpen(course: repo.CourseRecord, today = businessDate()): boolean {
  return course.isActive && course.startsOn > today && course.enrolledCount < course.capacity;
}

async function ownEnterpriseId(db: Db, actor: Actor): Promise<string | undefined> {
  return actor.role === 'member' && actor.orgUscc ? (await selectEnterpriseByUscc(db, actor.orgUscc))?.id : undefined;
}

async function forActor(db: Db, actor: Actor, courses: repo.CourseRecord[]): Promise<CourseForActor[]> {
  const own = await ownEnterpriseId(db, actor);
  const mine = own ? await repo.countLiveEnrolments(db, own, courses.map((c) => c.id)) : new Map<string, number>();
  return courses.map((course) => ({ course, canManage: canManage(actor, course), myEnrolments: mine.get(course.id) ?? 0 }));
}

/** One course (public). @throws not_found. */
export async function getCourse(db: Db, actor: Actor, id: string): Promise<CourseForActor> {
  const course = /^\d{1,18}$/.test(id) ? await repo.selectCourse(db, id) : undefined;
  if (!course) throw notFound('培训课程');
  return (await forActor(db, actor, [course]))[0];
}

/** The catalogue, newest first; `mine`: the caller's enterprise's courses. */
export async function listCourses(db: Db, actor: Actor, query: ListCoursesQuery) {
  const filter: { enterpriseId?: string; q?: string; beforeId?: string } = { q: query.q || undefined, beforeId: decodeCursor(query.cursor) };
  if (query.mine === 'true') filter.enterpriseId = (await ownEnterpriseId(db, actor)) ?? '0';
  const rows = await repo.selectCourses(db, filter, query.limit + 1);
  const items = await forActor(db, actor, rows.slice(0, query.limit));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].course.id) : null };
}

/** List a course for the caller's enterprise (gov: one in scope). @throws forbidden for experts; validation_failed. */
export async function createCourse(db: Db, context: WriteContext, body: CreateCourseBody): Promise<string> {
  const provider = await enterpriseFor(db, context.actor, body.providerUscc, 'providerUscc');
  const errors = [];
  if (body.startsOn <= businessDate()) errors.push({ path: 'startsOn', message: '开课日期应晚于今天' });
  if (body.endsOn < body.startsOn) errors.push({ path: 'endsOn', message: '结课日期不能早于开课日期' });
  if (body.chainId && !(await repo.chainExists(db, body.chainId))) errors.push({ path: 'chainId', message: '产业链不存在' });
  if (errors.length > 0) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertCourse(tx, {
      enterpriseId: provider.id, regionCode: provider.regionCode, chainId: body.chainId ?? null, title: body.title, description: body.description ?? '', field: body.field ?? '', baseName: body.baseName ?? '',
      location: body.location ?? '', mode: body.mode, startsOn: body.startsOn, endsOn: body.endsOn, hours: body.hours ?? 0, feeFen: BigInt(Math.round((body.feeYuan ?? 0) * 100)), capacity: body.capacity,
      createdBy: userIdOf(context.actor),
    });
    await recordWrites(tx, context, [{ action: 'course.create', entityType: COURSE_ENTITY, entityKey: id, regionCode: provider.regionCode, after: { ...body, providerUscc: provider.uscc } }]);
    return id;
  });
}

const FULL = () => new AppError('conflict', 'Course full', { userMessage: '名额已满', errors: [{ path: 'traineeName', message: '该课程名额已满' }] });

/**
 * Enrol a trainee of the caller's enterprise (gov: of one in scope).
 * @throws not_found; validation_failed (uscc outside the course's chain); invalid_state (409) once
 *   started or inactive; conflict (409) when full or the trainee is already enrolled.
 */
export async function enrol(db: Db, context: WriteContext, courseId: string, body: EnrolBody): Promise<string> {
  const { course } = await getCourse(db, context.actor, courseId);
  const enterprise = await enterpriseFor(db, context.actor, body.uscc, 'uscc');
  if (!course.isActive || course.startsOn <= businessDate()) throw new AppError('invalid_state', 'Enrolment closed', { userMessage: '课程已开课或已下架，报名已截止' });
  if (course.chainId && !(await repo.isChainMember(db, course.chainId, enterprise.id))) {
    throw invalid([{ path: 'uscc', message: `本课程仅面向${course.chainName ?? '该产业链'}上的企业` }]);
  }
  try {
    return await db.transaction().execute(async (tx) => {
      if (!(await repo.takeSeat(tx, course.id))) throw FULL();
      const id = await repo.insertEnrolment(tx, { courseId: course.id, enterpriseId: enterprise.id, regionCode: course.regionCode, traineeName: body.traineeName, createdBy: userIdOf(context.actor) });
      await recordWrites(tx, context, [{ action: 'enrolment.create', entityType: ENROLMENT_ENTITY, entityKey: id, regionCode: course.regionCode, after: { courseId: course.id, uscc: enterprise.uscc, traineeName: body.traineeName } }]);
      return id;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('conflict', 'Already enrolled', { userMessage: '该学员已报名本课程', errors: [{ path: 'traineeName', message: '该学员已报名本课程' }] });
    if ((err as { code?: string }).code === '23514') throw FULL(); // the capacity CHECK: never reached through takeSeat, kept as the last word
    throw err;
  }
}

/** One enrolment: its enterprise's members and the course's managers. @throws not_found for others. */
export async function getEnrolment(db: Db, actor: Actor, id: string) {
  const enrolment = /^\d{1,18}$/.test(id) ? await repo.selectEnrolment(db, id) : undefined;
  if (!enrolment) throw notFound('报名');
  const { course, canManage: isManager } = await getCourse(db, actor, enrolment.courseId);
  const isOwn = actor.role === 'member' && actor.orgUscc === enrolment.enterpriseUscc;
  if (!isManager && !isOwn) throw notFound('报名');
  return { enrolment, course, isManager, isOwn };
}

/** A course's enrolments: all for managers, the caller's enterprise's for others. */
export async function listEnrolments(db: Db, actor: Actor, courseId: string) {
  const { course, canManage: isManager } = await getCourse(db, actor, courseId);
  if (isManager) return { course, isManager, items: await repo.selectEnrolments(db, { courseId: course.id }, 5000) };
  const own = await ownEnterpriseId(db, actor);
  return { course, isManager, items: own ? await repo.selectEnrolments(db, { courseId: course.id, enterpriseId: own }, 5000) : [] };
}

/** The caller's enterprise's enrolments across courses. */
export async function listOwnEnrolments(db: Db, actor: Actor) {
  const own = await ownEnterpriseId(db, actor);
  return own ? repo.selectEnrolments(db, { enterpriseId: own }, 500) : [];
}

/**
 * Complete (the course's managers, with an optional certificate number) or cancel (the enterprise
 * or the managers; frees the seat) an enrolment.
 * @throws not_found; forbidden; invalid_state (409) unless enrolled.
 */
export async function decideEnrolment(db: Db, context: WriteContext, id: string, verb: 'complete' | 'cancel', certificateNo?: string): Promise<void> {
  const { enrolment, course, isManager } = await getEnrolment(db, context.actor, id);
  if (verb === 'complete' && !isManager) throw new AppError('forbidden', 'Only the provider completes', { userMessage: '只有培训提供方可以登记结业' });
  await db.transaction().execute(async (tx) => {
    const current = await repo.selectEnrolment(tx, enrolment.id, { isForUpdate: true });
    if (!current || current.status !== 'enrolled') throw new AppError('invalid_state', `Cannot ${verb} a ${current?.status} enrolment`, { userMessage: verb === 'complete' ? '只有已报名的学员可以登记结业' : '只有已报名的学员可以取消' });
    const to = verb === 'complete' ? 'completed' : 'cancelled';
    await repo.setEnrolmentStatus(tx, current.id, to, certificateNo ?? '');
    if (to === 'cancelled') await repo.freeSeat(tx, course.id);
    await recordWrites(tx, context, [{ action: `enrolment.${verb}`, entityType: ENROLMENT_ENTITY, entityKey: current.id, regionCode: course.regionCode, before: { status: current.status }, after: { status: to, certificateNo: certificateNo ?? '' } }]);
  });
}
