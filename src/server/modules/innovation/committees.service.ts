/**
 * Regional expert consultation committees (技术专家咨询委员会): a gov user forms one for a region in
 * its scope from the expert pool, with a chair and a field; SMEs of the region (and below) may
 * route a consultation to it. Committees are public to everyone signed in.
 */
import type { CreateCommitteeBody, ListCommitteesQuery, UpdateCommitteeBody } from '../../../contracts/talent.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { findRegion, isRegionWithin, regionAncestors, regionPrefix } from '../../platform/regions.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { selectEnterpriseByUscc } from './challenges.repo.js';
import { userIdOf } from './challenges.service.js';
import * as repo from './committees.repo.js';

export const COMMITTEE_ENTITY = 'expert_committee';

/** A committee with its members and whether the caller manages it. */
export interface CommitteeForActor {
  committee: repo.CommitteeRecord;
  members: repo.MemberRecord[];
  canManage: boolean;
}

function canManageCommittee(actor: Actor, committee: { regionCode: string }): boolean {
  return (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, committee.regionCode);
}

async function withMembers(db: Db, actor: Actor, committees: repo.CommitteeRecord[]): Promise<CommitteeForActor[]> {
  const members = await repo.selectMembers(db, committees.map((c) => c.id));
  return committees.map((committee) => ({ committee, members: members.filter((m) => m.committeeId === committee.id), canManage: canManageCommittee(actor, committee) }));
}

/** One committee (public). @throws not_found. */
export async function getCommittee(db: Db, actor: Actor, id: string): Promise<CommitteeForActor> {
  const committee = /^\d{1,18}$/.test(id) ? await repo.selectCommittee(db, id) : undefined;
  if (!committee) throw notFound('专家咨询委员会');
  return (await withMembers(db, actor, [committee]))[0];
}

/** The region and its ancestors: the committees whose remit covers an enterprise there. */
function remitOf(regionCode: string): string[] {
  return [...regionAncestors(regionCode).map((r) => r.code), regionCode];
}

/**
 * A page of committees: `regionCode` → those covering that region (its own and its ancestors');
 * otherwise a member sees those covering its enterprise, a gov user those in its scope, others all.
 */
export async function listCommittees(db: Db, actor: Actor, query: ListCommitteesQuery) {
  const filter: { regionCodes?: string[]; regionPrefix?: string } = {};
  if (query.regionCode) filter.regionCodes = remitOf(query.regionCode);
  else if (actor.role === 'member') {
    const own = actor.orgUscc ? await selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
    filter.regionCodes = own ? remitOf(own.regionCode) : [];
  } else {
    const scope = regionScopeOf(actor);
    if (scope.kind === 'prefix') filter.regionPrefix = regionPrefix(scope.regionCode);
  }
  const rows = await repo.selectCommittees(db, { ...filter, beforeId: decodeCursor(query.cursor), limit: query.limit + 1 });
  const items = await withMembers(db, actor, rows.slice(0, query.limit));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].committee.id) : null };
}

/** Check the chair and members exist. @throws validation_failed naming the field. */
async function checkMembers(db: Db, body: { chairExpertId: string; memberExpertIds: string[] }): Promise<void> {
  const known = await repo.existingExperts(db, [body.chairExpertId, ...body.memberExpertIds]);
  const errors = [];
  if (!known.has(body.chairExpertId)) errors.push({ path: 'chairExpertId', message: '专家库中没有该专家' });
  body.memberExpertIds.forEach((id, i) => {
    if (!known.has(id)) errors.push({ path: `memberExpertIds.${i}`, message: '专家库中没有该专家' });
  });
  if (errors.length > 0) throw invalid(errors);
}

function isDuplicateName(err: unknown): boolean {
  return (err as { code?: string; constraint?: string }).code === '23505';
}

const DUPLICATE = () => new AppError('conflict', 'Committee name taken', { userMessage: '本地区已有同名委员会', errors: [{ path: 'name', message: '本地区已有同名委员会' }] });

/**
 * Form a committee for a region in the gov user's scope (their own by default).
 * @throws forbidden unless gov or admin; validation_failed (region, experts); conflict on a duplicate name.
 */
export async function createCommittee(db: Db, context: WriteContext, body: CreateCommitteeBody): Promise<string> {
  const { actor } = context;
  if (actor.role !== 'gov' && actor.role !== 'platform_admin') throw new AppError('forbidden', 'Only gov users form committees', { userMessage: '只有主管部门可以组建专家咨询委员会' });
  const regionCode = body.regionCode ?? actor.regionCode ?? undefined;
  if (!regionCode || !findRegion(regionCode) || !isInRegionScope(actor, regionCode)) throw invalid([{ path: 'regionCode', message: '地区不存在或不在您的管辖范围内' }]);
  await checkMembers(db, body);
  try {
    return await db.transaction().execute(async (tx) => {
      const id = await repo.insertCommittee(tx, { regionCode, name: body.name, field: body.field, description: body.description ?? '', createdBy: userIdOf(actor) });
      await repo.replaceMembers(tx, id, body.chairExpertId, body.memberExpertIds);
      await recordWrites(tx, context, [{ action: 'committee.create', entityType: COMMITTEE_ENTITY, entityKey: id, regionCode, after: { ...body, regionCode } }]);
      return id;
    });
  } catch (err) {
    if (isDuplicateName(err)) throw DUPLICATE();
    throw err;
  }
}

/** Update a committee and replace its members. @throws not_found (also out of scope); validation_failed; conflict. */
export async function updateCommittee(db: Db, context: WriteContext, id: string, body: UpdateCommitteeBody): Promise<void> {
  const { committee, members, canManage } = await getCommittee(db, context.actor, id);
  if (!canManage) throw notFound('专家咨询委员会');
  await checkMembers(db, body);
  try {
    await db.transaction().execute(async (tx) => {
      await repo.updateCommittee(tx, committee.id, { name: body.name, field: body.field, description: body.description ?? '', isActive: body.isActive ?? committee.isActive });
      await repo.replaceMembers(tx, committee.id, body.chairExpertId, body.memberExpertIds);
      await recordWrites(tx, context, [{
        action: 'committee.update', entityType: COMMITTEE_ENTITY, entityKey: committee.id, regionCode: committee.regionCode,
        before: { name: committee.name, field: committee.field, isActive: committee.isActive, members: members.map((m) => `${m.expertId}:${m.role}`) }, after: body,
      }]);
    });
  } catch (err) {
    if (isDuplicateName(err)) throw DUPLICATE();
    throw err;
  }
}

/** May an enterprise of `regionCode` consult this committee? (Active, and its region covers theirs.) */
export function coversRegion(committee: repo.CommitteeRecord, regionCode: string): boolean {
  return committee.isActive && isRegionWithin(regionCode, committee.regionCode);
}
