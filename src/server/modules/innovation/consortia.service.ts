/**
 * Innovation consortia (创新联合体, IN-1). A lead firm (or a gov user for one in scope) forms a
 * consortium and invites SMEs, institutes and universities, who accept or decline; joint projects
 * carry budget (fen), period, status and optional milestones; challenges and standard-drafting
 * projects link to it. Who sees it: its members (invited or active), gov users whose scope holds
 * the lead's region, admins — everyone else gets 404. Rules here; SQL in the repo.
 */
import type { ConsortiumCandidate, CreateConsortiumBody, CreateJointProjectBody, InviteMemberBody, ListConsortiaQuery, UpdateConsortiumBody, UpdateJointProjectBody } from '../../../contracts/consortia.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { regionFullName } from '../../platform/regions.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import * as challenges from './challenges.repo.js';
import { enterpriseFor, userIdOf } from './challenges.service.js';
import { checkedChain, checkedSegment } from './chain-link.js';
import * as repo from './consortia.repo.js';

export const CONSORTIUM_ENTITY = 'consortium';
export const JOINT_PROJECT_ENTITY = 'consortium_project';
const ID = /^\d{1,18}$/;

/** A consortium with its parts and what the caller may do. */
export interface ConsortiumForActor {
  consortium: repo.ConsortiumRecord;
  members: repo.MemberRecord[];
  projects: repo.ProjectRecord[];
  challenges: { id: string; title: string }[];
  standards: { id: string; title: string; level: string; status: string }[];
  canManage: boolean;
  myInvitation: repo.MemberRecord['status'] | null;
}

function isGovInScope(actor: Actor, c: repo.ConsortiumRecord): boolean {
  return (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, c.regionCode);
}

/** Managing (invite, projects, links): the lead's members, gov users in scope, admins. */
export function managesConsortium(actor: Actor, c: repo.ConsortiumRecord): boolean {
  return (actor.role === 'member' && actor.orgUscc === c.leadUscc) || isGovInScope(actor, c);
}

function ownMembership(actor: Actor, members: repo.MemberRecord[]): repo.MemberRecord | undefined {
  return actor.role === 'member' && actor.orgUscc ? members.find((m) => m.uscc === actor.orgUscc) : undefined;
}

/** One consortium the caller may see. @throws not_found for everyone else. */
export async function getConsortiumFor(db: Db, actor: Actor, id: string): Promise<ConsortiumForActor> {
  const consortium = ID.test(id) ? await repo.selectConsortium(db, id) : undefined;
  if (!consortium) throw notFound('创新联合体');
  const members = await repo.selectMembers(db, consortium.id);
  const mine = ownMembership(actor, members);
  if (!isGovInScope(actor, consortium) && !(mine && mine.status !== 'declined')) throw notFound('创新联合体');
  const [projects, linked, standards] = await Promise.all([repo.selectProjects(db, consortium.id), repo.selectLinkedChallenges(db, consortium.id), repo.selectLinkedStandards(db, consortium.id)]);
  return { consortium, members, projects, challenges: linked, standards, canManage: managesConsortium(actor, consortium), myInvitation: mine?.status ?? null };
}

/** Consortia the caller sees: gov users those led from their region, members those their enterprise belongs to. Newest first. */
export async function listConsortia(db: Db, actor: Actor, query: ListConsortiaQuery): Promise<{ items: repo.ConsortiumRecord[]; nextCursor: string | null }> {
  const filter: repo.ConsortiumFilter = { q: query.q || undefined, status: query.status, beforeId: decodeCursor(query.cursor) };
  const scope = regionScopeOf(actor);
  if (scope.kind === 'prefix') filter.regionPrefix = scope.prefix;
  else if (scope.kind === 'none') {
    const own = actor.role === 'member' && actor.orgUscc ? await challenges.selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
    filter.memberEnterpriseId = own?.id ?? '0';
  }
  const rows = await repo.selectConsortia(db, filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/**
 * Form a consortium led by the member's enterprise (gov/admins: one in scope), inviting the listed members.
 * @throws forbidden for experts; validation_failed (uscc, chainId, an unknown or repeated member, the lead itself).
 */
export async function createConsortium(db: Db, context: WriteContext, body: CreateConsortiumBody): Promise<{ id: string }> {
  const lead = await enterpriseFor(db, context.actor, body.uscc, 'uscc');
  const errors: FieldError[] = [];
  const chainId = await checkedChain(db, body.chainId, errors);
  const segmentKey = await checkedSegment(db, chainId, body.segmentKey, errors);
  const invited: { id: string; uscc: string; role: string }[] = [];
  for (const [i, m] of body.members.entries()) {
    const e = await challenges.selectEnterpriseByUscc(db, m.uscc.trim().toUpperCase());
    if (!e) errors.push({ path: `members[${i}].uscc`, message: '企业不存在' });
    else if (e.id === lead.id || invited.some((x) => x.id === e.id)) errors.push({ path: `members[${i}].uscc`, message: '成员重复' });
    else invited.push({ id: e.id, uscc: e.uscc, role: m.role });
  }
  if (errors.length > 0) throw invalid(errors);
  const createdBy = userIdOf(context.actor);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertConsortium(tx, { name: body.name, field: body.field, description: body.description, leadEnterpriseId: lead.id, regionCode: lead.regionCode, chainId, segmentKey, createdBy });
    await repo.insertMember(tx, { consortiumId: id, enterpriseId: lead.id, role: 'lead', status: 'active', invitedBy: createdBy });
    for (const m of invited) await repo.insertMember(tx, { consortiumId: id, enterpriseId: m.id, role: m.role, status: 'invited', invitedBy: createdBy });
    await recordWrites(tx, context, [{
      action: 'consortium.create', entityType: CONSORTIUM_ENTITY, entityKey: id, regionCode: lead.regionCode,
      after: { name: body.name, field: body.field, leadUscc: lead.uscc, chainId, segmentKey, invited: invited.map((m) => ({ uscc: m.uscc, role: m.role })) },
    }]);
    return { id };
  });
}

async function managed(db: Db, actor: Actor, id: string): Promise<ConsortiumForActor> {
  const view = await getConsortiumFor(db, actor, id);
  if (!view.canManage) throw new AppError('forbidden', 'Only the lead and gov in scope manage a consortium', { userMessage: '仅牵头单位和属地主管部门可以管理创新联合体' });
  return view;
}

/**
 * Change the consortium's name, field, description, chain or segment (managers). A new chain
 * without a segment clears the old segment (it belonged to the old chain).
 * @throws not_found, forbidden, validation_failed (chainId, segmentKey).
 */
export async function updateConsortium(db: Db, context: WriteContext, id: string, body: UpdateConsortiumBody): Promise<void> {
  const { consortium } = await managed(db, context.actor, id);
  const errors: FieldError[] = [];
  const chainId = body.chainId === undefined ? consortium.chainId : await checkedChain(db, body.chainId, errors);
  const isChainChanged = chainId !== consortium.chainId;
  const segmentKey = body.segmentKey === undefined ? (isChainChanged ? null : consortium.segmentKey) : await checkedSegment(db, chainId, body.segmentKey, errors);
  if (errors.length > 0) throw invalid(errors);
  const change = { name: body.name, field: body.field, description: body.description, chainId, segmentKey };
  await db.transaction().execute(async (tx) => {
    await repo.updateConsortium(tx, consortium.id, change);
    await recordWrites(tx, context, [{
      action: 'consortium.update', entityType: CONSORTIUM_ENTITY, entityKey: consortium.id, regionCode: consortium.regionCode,
      before: { name: consortium.name, field: consortium.field, description: consortium.description, chainId: consortium.chainId, segmentKey: consortium.segmentKey },
      after: { name: change.name ?? consortium.name, field: change.field ?? consortium.field, description: change.description ?? consortium.description, chainId, segmentKey },
    }]);
  });
}

/**
 * Enterprises to invite, by name words or a USCC prefix (name, USCC and region only: what a
 * business licence shows publicly). Members, gov users and admins; experts get 403.
 */
export async function listCandidates(db: Db, actor: Actor, q: string, limit: number): Promise<ConsortiumCandidate[]> {
  if (actor.role === 'expert') throw new AppError('forbidden', 'Experts do not form consortia', { userMessage: '专家账号不能组建或邀请创新联合体成员' });
  const rows = await repo.selectCandidates(db, q, limit);
  return rows.map((r) => ({ ...r, regionName: regionFullName(r.regionCode) ?? r.regionCode }));
}

/** Invite an enterprise. @throws not_found, forbidden for non-managers, validation_failed (unknown uscc), conflict when already a member or invited. */
export async function inviteMember(db: Db, context: WriteContext, id: string, body: InviteMemberBody): Promise<void> {
  const { consortium } = await managed(db, context.actor, id);
  const enterprise = await challenges.selectEnterpriseByUscc(db, body.uscc.trim().toUpperCase());
  if (!enterprise) throw invalid([{ path: 'uscc', message: '企业不存在' }]);
  await db.transaction().execute(async (tx) => {
    const done = await repo.insertMember(tx, { consortiumId: consortium.id, enterpriseId: enterprise.id, role: body.role, status: 'invited', invitedBy: userIdOf(context.actor) });
    if (!done) throw new AppError('conflict', 'Already a member', { userMessage: '该企业已是成员或已被邀请' });
    await recordWrites(tx, context, [{ action: 'consortium.invite', entityType: CONSORTIUM_ENTITY, entityKey: consortium.id, regionCode: consortium.regionCode, after: { uscc: enterprise.uscc, role: body.role } }]);
  });
}

/** The invited enterprise's member accepts or declines. @throws not_found (no invitation seen); conflict when already answered. */
export async function respondInvitation(db: Db, context: WriteContext, id: string, accept: boolean): Promise<void> {
  const view = await getConsortiumFor(db, context.actor, id);
  const mine = ownMembership(context.actor, view.members);
  if (!mine) throw notFound('邀请');
  await db.transaction().execute(async (tx) => {
    const done = await repo.respondInvitation(tx, view.consortium.id, mine.enterpriseId, accept ? 'active' : 'declined');
    if (!done) throw new AppError('conflict', 'Invitation already answered', { userMessage: '该邀请已答复' });
    await recordWrites(tx, context, [{
      action: accept ? 'consortium.accept' : 'consortium.decline', entityType: CONSORTIUM_ENTITY, entityKey: view.consortium.id, regionCode: view.consortium.regionCode,
      before: { uscc: mine.uscc, status: 'invited' }, after: { uscc: mine.uscc, status: accept ? 'active' : 'declined' },
    }]);
  });
}

/** Add a joint project. @throws not_found, forbidden, validation_failed (endsOn before startsOn). */
export async function createJointProject(db: Db, context: WriteContext, id: string, body: CreateJointProjectBody): Promise<{ id: string }> {
  const { consortium } = await managed(db, context.actor, id);
  if (body.endsOn < body.startsOn) throw invalid([{ path: 'endsOn', message: '结束日期不能早于开始日期' }]);
  return db.transaction().execute(async (tx) => {
    const projectId = await repo.insertProject(tx, {
      consortiumId: consortium.id, title: body.title, goal: body.goal, budgetFen: String(body.budgetFen), startsOn: body.startsOn, endsOn: body.endsOn, status: body.status,
      milestones: body.milestones, createdBy: userIdOf(context.actor),
    });
    await recordWrites(tx, context, [{ action: 'consortium.project.create', entityType: JOINT_PROJECT_ENTITY, entityKey: projectId, regionCode: consortium.regionCode, after: { consortiumId: consortium.id, ...body } }]);
    return { id: projectId };
  });
}

/** Change a joint project's status or milestones. @throws not_found (unknown, or another consortium's), forbidden. */
export async function updateJointProject(db: Db, context: WriteContext, id: string, projectId: string, body: UpdateJointProjectBody): Promise<void> {
  const { consortium } = await managed(db, context.actor, id);
  const project = ID.test(projectId) ? await repo.selectProject(db, projectId) : undefined;
  if (!project || project.consortiumId !== consortium.id) throw notFound('联合攻关项目');
  await db.transaction().execute(async (tx) => {
    await repo.updateProject(tx, project.id, body);
    await recordWrites(tx, context, [{
      action: 'consortium.project.update', entityType: JOINT_PROJECT_ENTITY, entityKey: project.id, regionCode: consortium.regionCode,
      before: { status: project.status, milestones: project.milestones }, after: body,
    }]);
  });
}

/** Link a challenge (any the caller can see: challenges are public listings). @throws not_found, forbidden, validation_failed (challengeId), conflict when linked already. */
export async function linkChallenge(db: Db, context: WriteContext, id: string, challengeId: string): Promise<void> {
  const { consortium } = await managed(db, context.actor, id);
  if (!(await challenges.selectChallenge(db, challengeId))) throw invalid([{ path: 'challengeId', message: '榜单不存在' }]);
  await db.transaction().execute(async (tx) => {
    if (!(await repo.insertChallengeLink(tx, consortium.id, challengeId))) throw new AppError('conflict', 'Linked already', { userMessage: '已关联该榜单' });
    await recordWrites(tx, context, [{ action: 'consortium.link_challenge', entityType: CONSORTIUM_ENTITY, entityKey: consortium.id, regionCode: consortium.regionCode, after: { challengeId } }]);
  });
}

/** Share of milestones done, 0..1. */
export function progressOf(milestones: readonly { isDone: boolean }[]): number {
  return milestones.length === 0 ? 0 : milestones.filter((m) => m.isDone).length / milestones.length;
}
