import { z } from 'zod';
import {
  AchievementMatch, AchievementView, CreateAchievementBody, CreateFirstUseBody, CreateInterestBody, FIRST_USE_OUTCOMES, FirstUseView, InterestFeedbackBody, InterestView, ListAchievementsQuery,
  ListFirstUsesQuery,
} from '../../../contracts/achievements.js';
import { Page, PageQuery } from '../../../contracts/common.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import type { FirstUseRecord, InterestRecord } from './achievements.repo.js';
import { exportFirstUses } from './achievements.export.js';
import {
  achievementsForNeed, answerInterest, createAchievement, createFirstUse, createInterest, getAchievementFor, listAchievements, listFirstUses, listInterests, listOwnInterests, needsForAchievement,
  updateFirstUseOutcome, type AchievementForActor,
} from './achievements.service.js';

const TAGS = ['innovation'];
const IdParams = z.object({ id: z.string().min(1).max(20) });

function presentAchievement(view: AchievementForActor): AchievementView {
  const a = view.achievement;
  return {
    id: a.id, title: a.title, field: a.field, trl: a.trl, patentNumbers: a.patentNumbers, transferMode: a.transferMode, priceMinFen: a.priceMinFen === null ? null : Number(a.priceMinFen),
    priceMaxFen: a.priceMaxFen === null ? null : Number(a.priceMaxFen), summary: a.summary, status: a.status, ownerName: a.ownerName, ownerUscc: a.ownerUscc, regionCode: a.regionCode,
    interestCount: a.interestCount, canManage: view.canManage, myInterestId: view.myInterestId, createdAt: a.createdAt.toISOString(),
  };
}

function presentInterest(view: { interest: InterestRecord; canAnswer: boolean }): InterestView {
  const i = view.interest;
  return {
    id: i.id, achievementId: i.achievementId, achievementTitle: i.achievementTitle, requesterName: i.requesterName, requesterUscc: i.requesterUscc, needId: i.needId, needTitle: i.needTitle,
    message: i.message, status: i.status, feedbackCategory: i.feedbackCategory as InterestView['feedbackCategory'], feedbackNote: i.feedbackNote, createdAt: i.createdAt.toISOString(),
    answeredAt: i.answeredAt?.toISOString() ?? null, canAnswer: view.canAnswer,
  };
}

function presentFirstUse(f: FirstUseRecord): FirstUseView {
  return {
    id: f.id, kind: f.kind, supplierName: f.supplierName, supplierUscc: f.supplierUscc, userName: f.userName, userUscc: f.userUscc, regionCode: f.regionCode, product: f.product,
    startedOn: f.startedOn, outcome: f.outcome, outcomeNote: f.outcomeNote, createdAt: f.createdAt.toISOString(),
  };
}

/** `/api/v1/achievements*`, `/api/v1/achievement-interests*`, `/api/v1/needs/{id}/achievements`, `/api/v1/first-uses*`. */
export function achievementRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/achievements', {
      schema: { tags: TAGS, summary: 'Achievement library 科技成果库', description: 'Published achievements, newest first, to everyone signed in (summaries are non-confidential). `q` searches title, field, summary and owner; `mine=true`: the caller’s organisation’s own, withdrawn ones included.', querystring: ListAchievementsQuery, response: { 200: Page(AchievementView) } },
    }, async (request) => {
      const page = await listAchievements(db, requireActor(request), request.query);
      return { items: page.items.map(presentAchievement), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/achievements', {
      schema: { tags: TAGS, summary: 'Publish an achievement 发布科技成果', description: 'A member publishes for its own enterprise; gov users and admins for one in scope (`uscc`). TRL 1–9, patent numbers like CN114123456A, a price range in fen (`priceMinFen` ≤ `priceMaxFen`, else 422). Experts get 403.', body: CreateAchievementBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send(await createAchievement(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/achievements/:id', {
      schema: { tags: TAGS, summary: 'Get an achievement 科技成果详情', description: 'Published: everyone signed in; withdrawn: only its managers (404 for others).', params: IdParams, response: { 200: AchievementView } },
    }, async (request) => presentAchievement(await getAchievementFor(db, requireActor(request), request.params.id)));

    app.get('/api/v1/achievements/:id/needs', {
      schema: { tags: TAGS, summary: 'Needs matching an achievement 成果匹配需求', description: 'Published needs the owner may see (visibility as in the feed), not its own, scored by text with the matching engine’s tokenizer and BM25F: the achievement reads as an offer (title; field as the product; summary). Best 20 with score ≥ 0.05 and matched terms. The achievement’s managers only; 404 for others.', params: IdParams, response: { 200: z.object({ items: z.array(AchievementMatch) }) } },
    }, async (request) => ({ items: await needsForAchievement(db, requireActor(request), request.params.id) }));

    app.get('/api/v1/needs/:id/achievements', {
      schema: { tags: TAGS, summary: 'Achievements matching a need 需求匹配成果', description: 'Published achievements (not the buyer’s own) scored against the need’s title, products and description the same way as achievement → needs. The need’s managers (owner, gov in scope, admins); 404 for others.', params: IdParams, response: { 200: z.object({ items: z.array(AchievementMatch) }) } },
    }, async (request) => ({ items: await achievementsForNeed(db, requireActor(request), request.params.id) }));

    app.post('/api/v1/achievements/:id/interests', {
      schema: { tags: TAGS, summary: 'Send interest 表达合作意向', description: 'For the member’s enterprise (gov/admins: `uscc` in scope), optionally naming one of its own needs (422 otherwise). The owner itself, a withdrawn achievement or a second interest of the same enterprise → 409.', params: IdParams, body: CreateInterestBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send(await createInterest(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));

    app.get('/api/v1/achievements/:id/interests', {
      schema: { tags: TAGS, summary: 'Interests in an achievement 意向列表', description: 'All of them for the achievement’s managers; the caller’s own enterprise’s for others (empty when none).', params: IdParams, response: { 200: z.object({ items: z.array(InterestView) }) } },
    }, async (request) => ({ items: (await listInterests(db, requireActor(request), request.params.id)).map(presentInterest) }));

    app.get('/api/v1/achievement-interests', {
      schema: { tags: TAGS, summary: 'My organisation’s interests 我的成果意向', description: '`side=sent`: interests the caller’s enterprise sent; `received`: those on its achievements. Members; empty for others. Newest first.', querystring: PageQuery.extend({ side: z.enum(['sent', 'received']) }), response: { 200: Page(InterestView) } },
    }, async (request) => {
      const page = await listOwnInterests(db, requireActor(request), request.query.side, request.query);
      return { items: page.items.map(presentInterest), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/achievement-interests/:id/feedback', {
      schema: { tags: TAGS, summary: 'Answer an interest 反馈意向', description: 'The achievement’s managers answer a pending interest with a category from the fixed list and a note; 404 for others, 409 when already answered.', params: IdParams, body: InterestFeedbackBody, response: { 200: InterestView } },
    }, async (request) => presentInterest(await answerInterest(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));

    app.get('/api/v1/first-uses', {
      schema: { tags: TAGS, summary: 'First-use records 首试首用/首台套', description: 'Gov users: records of SME suppliers in their region; admins: all; members: those their enterprise is a party to (supplier or user). Newest first.', querystring: ListFirstUsesQuery, response: { 200: Page(FirstUseView) } },
    }, async (request) => {
      const page = await listFirstUses(db, requireActor(request), request.query);
      return { items: page.items.map(presentFirstUse), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/first-uses/export', {
      schema: { tags: TAGS, summary: 'Export first-use records to Excel 导出首试首用', description: 'Every record of the list the caller sees (same filters and scope), as `.xlsx`.', querystring: ListFirstUsesQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => {
      const body = await exportFirstUses(db, requireActor(request), request.query);
      const name = '首试首用记录.xlsx';
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="first-uses.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(body);
    });

    app.post('/api/v1/first-uses', {
      schema: { tags: TAGS, summary: 'Record a first use 登记首试首用/首台套', description: 'Members of either party, gov users whose scope holds either party, admins (422 naming `supplierUscc` otherwise). Unknown firms, the same firm on both sides or a start date after today → 422. Experts get 403.', body: CreateFirstUseBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send(await createFirstUse(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.post('/api/v1/first-uses/:id/outcome', {
      schema: { tags: TAGS, summary: 'Update the outcome 更新首试首用结果', description: 'Whoever sees the record (parties’ members, gov in scope, admins); 404 for others.', params: IdParams, body: z.object({ outcome: z.enum(FIRST_USE_OUTCOMES), outcomeNote: z.string().trim().max(2000).default('') }), response: { 200: FirstUseView } },
    }, async (request) => presentFirstUse(await updateFirstUseOutcome(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));
  };
}
