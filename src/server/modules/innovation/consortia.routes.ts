import { z } from 'zod';
import {
  ConsortiumCandidate, ConsortiumCandidatesQuery, ConsortiumSummary, ConsortiumView, CreateConsortiumBody, CreateJointProjectBody, InviteMemberBody, LinkChallengeBody, ListConsortiaQuery, RespondInvitationBody, UpdateConsortiumBody, UpdateJointProjectBody,
} from '../../../contracts/consortia.js';
import { Page } from '../../../contracts/common.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { sendWorkbook } from './collab.export.js';
import { exportConsortia } from './consortia.export.js';
import type { ConsortiumRecord } from './consortia.repo.js';
import {
  createConsortium, createJointProject, getConsortiumFor, inviteMember, linkChallenge, listCandidates, listConsortia, progressOf, respondInvitation, updateConsortium, updateJointProject, type ConsortiumForActor,
} from './consortia.service.js';

const TAGS = ['innovation'];
const IdParams = z.object({ id: z.string().min(1).max(20) });

function presentSummary(c: ConsortiumRecord): ConsortiumSummary {
  return {
    id: c.id, name: c.name, field: c.field, status: c.status, leadName: c.leadName, leadUscc: c.leadUscc, regionCode: c.regionCode, chainId: c.chainId, chainName: c.chainName,
    segmentKey: c.segmentKey, segmentName: c.segmentName, activeMemberCount: c.activeMemberCount, projectCount: c.projectCount, budgetFen: Number(c.budgetFen), createdAt: c.createdAt.toISOString(),
  };
}

function presentConsortium(view: ConsortiumForActor): ConsortiumView {
  return {
    ...presentSummary(view.consortium), description: view.consortium.description,
    members: view.members.map((m) => ({ uscc: m.uscc, name: m.name, regionCode: m.regionCode, role: m.role, status: m.status, invitedAt: m.invitedAt.toISOString(), respondedAt: m.respondedAt?.toISOString() ?? null })),
    projects: view.projects.map((p) => ({ id: p.id, title: p.title, goal: p.goal, budgetFen: Number(p.budgetFen), startsOn: p.startsOn, endsOn: p.endsOn, status: p.status, milestones: p.milestones, progress: progressOf(p.milestones) })),
    challenges: view.challenges, standards: view.standards, canManage: view.canManage, myInvitation: view.myInvitation,
  };
}

/** `/api/v1/consortia*`. */
export function consortiumRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/consortia', {
      schema: { tags: TAGS, summary: 'Innovation consortia 创新联合体', description: 'Gov users: consortia led from their region; admins: all; members: those their enterprise was invited to or belongs to (declined ones not). Newest first; `q` searches name, field and lead.', querystring: ListConsortiaQuery, response: { 200: Page(ConsortiumSummary) } },
    }, async (request) => {
      const page = await listConsortia(db, requireActor(request), request.query);
      return { items: page.items.map(presentSummary), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/consortia/export', {
      schema: { tags: TAGS, summary: 'Export consortia to Excel 导出创新联合体', description: 'Every consortium of the list the caller sees (same filters and scope), one row per consortium, as `.xlsx`.', querystring: ListConsortiaQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => sendWorkbook(reply, await exportConsortia(db, requireActor(request), request.query), 'consortia.xlsx', '创新联合体.xlsx'));

    app.post('/api/v1/consortia', {
      schema: { tags: TAGS, summary: 'Form a consortium 组建创新联合体', description: 'The caller’s enterprise leads (gov users and admins: `uscc` of one in scope); `members` are invited and must accept. Unknown or repeated members, the lead among them, or an unknown `chainId` → 422 naming the field. Experts get 403.', body: CreateConsortiumBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send(await createConsortium(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/consortia/candidates', {
      schema: { tags: TAGS, summary: 'Find enterprises to invite 查找可邀请企业', description: 'Enterprises whose name contains `q` or whose USCC starts with it (up to `limit`, shortest names first), with name, USCC and region only — the public facts of a business licence — for the invite pickers of the consortium form. Members, gov users and admins; experts get 403; `q` shorter than 2 characters → 422.', querystring: ConsortiumCandidatesQuery, response: { 200: z.object({ items: z.array(ConsortiumCandidate) }) } },
    }, async (request) => ({ items: await listCandidates(db, requireActor(request), request.query.q, request.query.limit) }));

    app.get('/api/v1/consortia/:id', {
      schema: { tags: TAGS, summary: 'Get a consortium 创新联合体详情', description: 'Members, joint projects with progress, linked challenges and standards. Its members (invited or active), gov users whose scope holds the lead’s region, admins; 404 for everyone else.', params: IdParams, response: { 200: ConsortiumView } },
    }, async (request) => presentConsortium(await getConsortiumFor(db, requireActor(request), request.params.id)));

    app.patch('/api/v1/consortia/:id', {
      schema: { tags: TAGS, summary: 'Edit a consortium 编辑创新联合体', description: 'Name, field, description, chain and segment (fields given; `null` clears chain or segment; a new chain without `segmentKey` clears the segment). An unknown chain, a segment the chain lacks, or a segment without a chain → 422 naming the field. The lead’s members, gov users in scope, admins; other viewers 403; those who cannot see it 404.', params: IdParams, body: UpdateConsortiumBody, response: { 204: z.null() } },
    }, async (request, reply) => {
      await updateConsortium(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body);
      return reply.code(204).send(null);
    });

    app.post('/api/v1/consortia/:id/members', {
      schema: { tags: TAGS, summary: 'Invite a member 邀请成员', description: 'The lead’s members and gov users in scope invite an enterprise as sme, institute or university. Already a member or invited → 409; other viewers → 403; those who cannot see the consortium → 404.', params: IdParams, body: InviteMemberBody, response: { 204: z.null() } },
    }, async (request, reply) => {
      await inviteMember(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body);
      return reply.code(204).send(null);
    });

    app.post('/api/v1/consortia/:id/respond', {
      schema: { tags: TAGS, summary: 'Accept or decline an invitation 接受/谢绝邀请', description: 'A member of the invited enterprise answers (`accept`). No invitation → 404; answered already → 409.', params: IdParams, body: RespondInvitationBody, response: { 204: z.null() } },
    }, async (request, reply) => {
      await respondInvitation(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body.accept);
      return reply.code(204).send(null);
    });

    app.post('/api/v1/consortia/:id/projects', {
      schema: { tags: TAGS, summary: 'Add a joint project 新增联合攻关项目', description: 'Title, goal, budget (fen), period (business dates; `endsOn` before `startsOn` → 422), status and optional milestones. Managers only (403 for other viewers, 404 for those who cannot see it).', params: IdParams, body: CreateJointProjectBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send(await createJointProject(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));

    app.patch('/api/v1/consortia/:id/projects/:projectId', {
      schema: { tags: TAGS, summary: 'Update a joint project 更新联合攻关项目', description: 'Status and/or milestones (replaced whole). Managers only; a project of another consortium → 404.', params: IdParams.extend({ projectId: z.string().min(1).max(20) }), body: UpdateJointProjectBody, response: { 204: z.null() } },
    }, async (request, reply) => {
      await updateJointProject(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.params.projectId, request.body);
      return reply.code(204).send(null);
    });

    app.post('/api/v1/consortia/:id/challenges', {
      schema: { tags: TAGS, summary: 'Link a challenge 关联榜单', description: 'Links a 揭榜挂帅 challenge the consortium works on. Unknown challenge → 422; linked already → 409. Managers only.', params: IdParams, body: LinkChallengeBody, response: { 204: z.null() } },
    }, async (request, reply) => {
      await linkChallenge(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body.challengeId);
      return reply.code(204).send(null);
    });
  };
}
