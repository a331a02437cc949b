import { z } from 'zod';
import { Page, PageQuery } from '../../../contracts/common.js';
import {
  AnswerQuestionBody, ApplicationCreated, CancelChallengeBody, DisagreementThresholdBody, ApplicationView, AskQuestionBody, AssignReviewersBody, AssignReviewersResult, ChallengeStatistics, ChallengeView, CreateApplicationBody,
  CreateChallengeBody, CreateMilestoneBody, DeliverMilestoneBody, ExpertView, ListChallengesQuery, ListExpertsQuery, ManualAssignBody, MilestoneView, QuestionView, ReviewView, SubmitReviewBody, UpdateExpertBody,
} from '../../../contracts/innovation.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { notFound } from '../../errors.js';
import { FileView } from '../../../contracts/files.js';
import { readUpload, sendFile, type StoredFile } from '../../platform/files.js';
import { exportApplications } from './challenges.export.js';
import { sendWorkbook } from './collab.export.js';
import { exportExperts } from './experts.export.js';
import { attachApplicationFile, attachChallengeFile, downloadApplicationFile, downloadChallengeFile, listApplicationFiles, listChallengeFiles } from './challenges.files.js';
import {
  acceptNda, advanceMilestone, answerQuestion, askQuestion, cancelChallenge, challengeStatistics, setDisagreementThreshold, createApplication, createChallenge, createMilestone, decideApplication, getApplication,
  getChallengeFor, listApplications, listChallenges, listMilestones, listQuestions, withdrawApplication, type ApplicationDecision,
} from './challenges.service.js';
import { presentApplication, presentChallenge, presentExpert, presentMilestone, presentQuestion, presentReview } from './innovation.present.js';
import { assignReviewerByHand, assignReviewers, expertWithConflicts, findOwnExpert, getOwnReview, listExperts, listOwnReviews, resultsOf, saveOwnExpert, submitReview } from './reviews.service.js';

const TAGS = ['innovation'];
const IdParams = z.object({ id: z.string().min(1).max(20).describe('Challenge id') });
const ApplicationParams = IdParams.extend({ applicationId: z.string().min(1).max(20) });
/** The result of an application nobody was assigned to yet. */
const NO_REVIEWS = { reviews: 0, submitted: 0, mean: null, min: null, max: null, isDisagreement: false, reviewers: [] };
const StatusView = z.object({ id: z.string(), status: z.string() });

const DECISIONS: { verb: ApplicationDecision; summary: string; description: string }[] = [
  { verb: 'shortlist', summary: 'Shortlist an application 入围', description: 'submitted → shortlisted. The challenge’s managers (poster, gov in scope, admins); 409 from another state.' },
  { verb: 'award', summary: 'Award an application 揭榜成功', description: 'submitted/shortlisted → awarded; the challenge becomes `awarded` (no more scoring). Managers only; 409 from another state.' },
  { verb: 'reject', summary: 'Reject an application 未入选', description: 'submitted/shortlisted → rejected. Managers only.' },
];

/** A stored file as the API shows it (no owner columns). */
function presentFile(file: StoredFile) {
  return { id: file.id, name: file.name, contentType: file.contentType, sizeBytes: file.sizeBytes, sha256: file.sha256, uploadedAt: file.uploadedAt };
}

/** `/api/v1/challenges*`, `/api/v1/reviews*`, `/api/v1/experts*`. */
export function challengeRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/challenges', {
      schema: { tags: TAGS, summary: 'List challenges 榜单列表', description: 'Challenges are public listings to everyone signed in (the confidential part stays hidden). `mine=true`: posted by or applied to by the caller’s organisation. Newest first.', querystring: ListChallengesQuery, response: { 200: Page(ChallengeView) } },
    }, async (request) => {
      const page = await listChallenges(db, requireActor(request), request.query);
      return { items: page.items.map(presentChallenge), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/challenges', {
      schema: { tags: TAGS, summary: 'Post a challenge 发榜', description: 'A member posts for its own enterprise; gov users for an enterprise in scope or, without `uscc`, as their department; admins for an enterprise. Experts get 403. A deadline before today or criteria weights not summing to 100 → 422.', body: CreateChallengeBody, response: { 201: z.object({ id: z.string(), status: z.literal('open') }) } },
    }, async (request, reply) => reply.code(201).send(await createChallenge(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/challenges/:id', {
      schema: { tags: TAGS, summary: 'Get a challenge 榜单详情', description: '`confidentialDetails` is null unless the caller’s organisation accepted the NDA or manages the challenge.', params: IdParams, response: { 200: ChallengeView } },
    }, async (request) => presentChallenge(await getChallengeFor(db, requireActor(request), request.params.id)));

    app.post('/api/v1/challenges/:id/cancel', {
      schema: { tags: TAGS, summary: 'Cancel a challenge 撤榜', description: 'The publisher (the posting organisation’s members; gov users in scope for a department’s challenge; platform admins) cancels an open or reviewing challenge with a reason: it becomes `cancelled` with `cancelReason`, open (unscored) reviews are dropped, and the members of every enterprise with a live application get a `challenge.cancelled` notification. New applications then → 409. 403 for others; 409 once awarded or already cancelled; a missing reason → 422.', params: IdParams, body: CancelChallengeBody, response: { 200: ChallengeView } },
    }, async (request) => presentChallenge(await cancelChallenge(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body.reason)));

    app.put('/api/v1/challenges/:id/disagreement-threshold', {
      schema: { tags: TAGS, summary: 'Set the disagreement threshold 设置评分分歧阈值', description: 'The publisher sets the spread (max − min of reviewers’ weighted totals, integer 0–100; default 20) above which an application’s result is flagged 分歧较大; the flags follow at once. Outside 0–100 → 422 naming `disagreementThreshold`; once the challenge is awarded or cancelled or its panel concluded → 409; 403 for others.', params: IdParams, body: DisagreementThresholdBody, response: { 200: ChallengeView } },
    }, async (request) => presentChallenge(await setDisagreementThreshold(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body.disagreementThreshold)));

    app.post('/api/v1/challenges/:id/nda', {
      schema: { tags: TAGS, summary: 'Accept the NDA 签署保密协议', description: 'Records the acceptance for the caller’s organisation (members only; idempotent). Afterwards the confidential details and files are readable.', params: IdParams, response: { 200: ChallengeView } },
    }, async (request) => {
      const actor = requireActor(request);
      await acceptNda(db, { actor, requestId: request.id }, request.params.id);
      return presentChallenge(await getChallengeFor(db, actor, request.params.id));
    });

    app.post('/api/v1/challenges/:id/files', {
      schema: { tags: TAGS, summary: 'Attach a file to a challenge 上传榜单附件', description: 'multipart/form-data with a `file` part and an optional field `confidential=true` (behind the NDA). The challenge’s managers; 413 over the size limit, 415 for types not accepted or bytes not matching the extension.', params: IdParams, consumes: ['multipart/form-data'], response: { 201: FileView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return reply.code(201).send(presentFile(await attachChallengeFile(db, { actor, requestId: request.id }, request.params.id, upload, upload.fields.confidential === 'true')));
    });

    app.get('/api/v1/challenges/:id/files', {
      schema: { tags: TAGS, summary: 'Files of a challenge 榜单附件', description: '`files`: public; `confidentialFiles`: null unless the caller’s organisation accepted the NDA or manages the challenge.', params: IdParams, response: { 200: z.object({ files: z.array(FileView), confidentialFiles: z.array(FileView).nullable() }) } },
    }, async (request) => {
      const listed = await listChallengeFiles(db, requireActor(request), request.params.id);
      return { files: listed.files.map(presentFile), confidentialFiles: listed.confidentialFiles?.map(presentFile) ?? null };
    });

    app.get('/api/v1/challenges/:id/files/:fileId', {
      schema: { tags: TAGS, summary: 'Download a challenge file 下载榜单附件', description: 'Served as an attachment (nosniff, sandboxed). A confidential file without the NDA → 404, exactly like a file that does not exist.', params: IdParams.extend({ fileId: z.string().min(1).max(20) }) },
    }, async (request, reply) => sendFile(reply, await downloadChallengeFile(db, requireActor(request), request.params.id, request.params.fileId)));

    app.post('/api/v1/challenges/:id/applications/:applicationId/files', {
      schema: { tags: TAGS, summary: 'Attach a file to an application 上传申报附件', description: 'multipart/form-data with a `file` part. The applicant’s members; 404 for outsiders, 403 for the challenge’s managers; 413/415 as for every upload.', params: ApplicationParams, consumes: ['multipart/form-data'], response: { 201: FileView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return reply.code(201).send(presentFile(await attachApplicationFile(db, { actor, requestId: request.id }, request.params.id, request.params.applicationId, upload)));
    });

    app.get('/api/v1/challenges/:id/applications/:applicationId/files', {
      schema: { tags: TAGS, summary: 'Files of an application 申报附件', description: 'The applicant and the challenge’s managers; 404 for others.', params: ApplicationParams, response: { 200: z.object({ items: z.array(FileView) }) } },
    }, async (request) => ({ items: (await listApplicationFiles(db, requireActor(request), request.params.id, request.params.applicationId)).map(presentFile) }));

    app.get('/api/v1/challenges/:id/applications/:applicationId/files/:fileId', {
      schema: { tags: TAGS, summary: 'Download an application file 下载申报附件', description: 'The applicant and the challenge’s managers; 404 for others.', params: ApplicationParams.extend({ fileId: z.string().min(1).max(20) }) },
    }, async (request, reply) => sendFile(reply, await downloadApplicationFile(db, requireActor(request), request.params.id, request.params.applicationId, request.params.fileId)));

    app.get('/api/v1/challenges/:id/questions', {
      schema: { tags: TAGS, summary: 'Q&A of a challenge 答疑', description: 'Questions and the poster’s answers, oldest first; public to everyone signed in.', params: IdParams, response: { 200: z.object({ items: z.array(QuestionView) }) } },
    }, async (request) => {
      requireActor(request);
      return { items: (await listQuestions(db, request.params.id)).map(presentQuestion) };
    });

    app.post('/api/v1/challenges/:id/questions', {
      schema: { tags: TAGS, summary: 'Ask a question 提问', description: 'Anyone signed in.', params: IdParams, body: AskQuestionBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send({ id: await askQuestion(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body.question) }));

    app.post('/api/v1/challenges/:id/questions/:questionId/answer', {
      schema: { tags: TAGS, summary: 'Answer a question 答复', description: 'The challenge’s managers; 404 for a question of another challenge.', params: IdParams.extend({ questionId: z.string().min(1).max(20) }), body: AnswerQuestionBody, response: { 200: QuestionView } },
    }, async (request) => presentQuestion(await answerQuestion(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.params.questionId, request.body.answer)));

    app.post('/api/v1/challenges/:id/applications', {
      schema: { tags: TAGS, summary: 'Apply to a challenge 揭榜', description: 'For the member’s own enterprise (gov/admins: an enterprise in scope). A confidential challenge needs the NDA first (409). After the deadline, or when the challenge is no longer open → 409. A second application of the same enterprise → 409. The answer lists similar existing applications and challenges (others’ applications without their id).', params: IdParams, body: CreateApplicationBody, response: { 201: ApplicationCreated } },
    }, async (request, reply) => reply.code(201).send(await createApplication(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));

    app.get('/api/v1/challenges/:id/applications', {
      schema: { tags: TAGS, summary: 'Applications of a challenge 揭榜申报', description: 'Managers see every application with its aggregated scores (`result`: mean, min, max, a disagreement flag when max − min exceeds the challenge’s threshold). Applicants see only their own, without scores.', params: IdParams, querystring: PageQuery, response: { 200: Page(ApplicationView) } },
    }, async (request) => {
      const page = await listApplications(db, requireActor(request), request.params.id, request.query);
      const results = page.isManager ? await resultsOf(db, page.challenge.id, page.challenge.disagreementThreshold) : undefined;
      return { items: page.items.map((a) => presentApplication(a, results ? results.get(a.id) ?? NO_REVIEWS : null)), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/challenges/:id/applications/export', {
      schema: { tags: TAGS, summary: 'Export applications with results to Excel 导出揭榜申报及评审结果', description: 'The challenge’s managers only (404 for others): every application with its review count, mean, min, max and disagreement flag, as `.xlsx`.', params: IdParams },
    }, async (request, reply) => {
      const { title, body } = await exportApplications(db, requireActor(request), request.params.id);
      const name = `揭榜申报-${title}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${encodeURIComponent(name).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(body);
    });

    app.get('/api/v1/challenges/:id/applications/:applicationId', {
      schema: { tags: TAGS, summary: 'Get an application 申报详情', description: 'Managers and the applicant; 404 for others.', params: ApplicationParams, response: { 200: ApplicationView } },
    }, async (request) => {
      const { challenge, application, isManager } = await getApplication(db, requireActor(request), request.params.id, request.params.applicationId);
      const results = isManager ? await resultsOf(db, challenge.id, challenge.disagreementThreshold) : undefined;
      return presentApplication(application, results ? results.get(application.id) ?? NO_REVIEWS : null);
    });

    for (const { verb, summary, description } of DECISIONS) {
      app.post(`/api/v1/challenges/:id/applications/:applicationId/${verb}`, {
        schema: { tags: TAGS, summary, description, params: ApplicationParams, response: { 200: StatusView } },
      }, async (request) => decideApplication(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.params.applicationId, verb));
    }

    app.post('/api/v1/challenges/:id/applications/:applicationId/withdraw', {
      schema: { tags: TAGS, summary: 'Withdraw an application 撤回申报', description: 'submitted/shortlisted → withdrawn, by the applicant’s members; its open reviews are dropped (submitted scores stay on record). 404 for everyone but the applicant and the challenge’s managers; 403 for managers; 409 from another state.', params: ApplicationParams, response: { 200: StatusView } },
    }, async (request) => withdrawApplication(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.params.applicationId));

    app.post('/api/v1/challenges/:id/assign-reviewers', {
      schema: { tags: TAGS, summary: 'Assign reviewers automatically 自动分配评审专家', description: 'Gives every open application `perApplication` reviewers (counting those it has) from available experts: maximal field match, each expert within their remaining load and a balanced per-round limit (`loadLimit`, default ⌈needed ÷ experts⌉ + 1), never a conflicted expert (same organisation, supply edge either way, declared conflict or investment). Solved exactly with HiGHS (ADR 0015). `gap` is relative to an upper bound (0 = proved optimal). 409 with the reason when no assignment exists. Managers only.', params: IdParams, body: AssignReviewersBody, response: { 200: AssignReviewersResult } },
    }, async (request) => {
      const result = await assignReviewers(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body);
      return { assignments: result.assignments.map((a) => ({ applicationId: a.applicationId, expertId: a.expertId })), objective: result.objective, gap: result.gap, bound: result.bound, solveSeconds: result.solveSeconds };
    });

    app.post('/api/v1/challenges/:id/reviewers', {
      schema: { tags: TAGS, summary: 'Assign a reviewer by hand 手动指派评审专家', description: 'Managers only. A conflicted expert is refused with 409 naming the reason (`reasons`); so is an expert already on the application.', params: IdParams, body: ManualAssignBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send(await assignReviewerByHand(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));

    app.get('/api/v1/challenges/:id/milestones', {
      schema: { tags: TAGS, summary: 'Milestones 里程碑', description: 'Managers see all; the awardee its own; others an empty list. `progressPct` is the accepted milestones’ weights.', params: IdParams, response: { 200: z.object({ items: z.array(MilestoneView), progressPct: z.number().int() }) } },
    }, async (request) => {
      const items = await listMilestones(db, requireActor(request), request.params.id);
      const progressPct = Math.min(100, items.filter((m) => m.status === 'accepted').reduce((s, m) => s + m.weightPct, 0));
      return { items: items.map(presentMilestone), progressPct };
    });

    app.post('/api/v1/challenges/:id/milestones', {
      schema: { tags: TAGS, summary: 'Plan a milestone 设置里程碑', description: 'Managers, for an awarded application; weights of an application’s milestones sum to at most 100 (422).', params: IdParams, body: CreateMilestoneBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send({ id: await createMilestone(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body) }));

    app.post('/api/v1/challenges/:id/milestones/:milestoneId/deliver', {
      schema: { tags: TAGS, summary: 'Report a milestone delivered 提交交付', description: 'The awardee; planned/delivered → delivered with a report.', params: IdParams.extend({ milestoneId: z.string().min(1).max(20) }), body: DeliverMilestoneBody, response: { 204: z.null() } },
    }, async (request, reply) => {
      await advanceMilestone(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.params.milestoneId, 'deliver', request.body.report);
      return reply.code(204).send(null);
    });

    app.post('/api/v1/challenges/:id/milestones/:milestoneId/accept', {
      schema: { tags: TAGS, summary: 'Accept a milestone 验收', description: 'Managers; delivered → accepted (counts towards progress).', params: IdParams.extend({ milestoneId: z.string().min(1).max(20) }), response: { 204: z.null() } },
    }, async (request, reply) => {
      await advanceMilestone(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.params.milestoneId, 'accept');
      return reply.code(204).send(null);
    });

    app.get('/api/v1/challenges/:id/statistics', {
      schema: { tags: TAGS, summary: 'Challenge statistics 榜单统计', description: 'Applicants, by region, by day (Asia/Shanghai), by status, and milestone progress. Managers only; 404 for others.', params: IdParams, response: { 200: ChallengeStatistics } },
    }, async (request) => challengeStatistics(db, requireActor(request), request.params.id));

    app.get('/api/v1/reviews/mine', {
      schema: { tags: TAGS, summary: 'My review queue 我的评审任务', description: 'The calling expert’s reviews, open first. Blind: no applicant name or code. Experts only (403 for others).', querystring: z.object({ status: z.enum(['assigned', 'submitted']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0) }), response: { 200: z.object({ items: z.array(ReviewView) }) } },
    }, async (request) => ({ items: (await listOwnReviews(db, requireActor(request), request.query)).map(presentReview) }));

    app.get('/api/v1/reviews/:id', {
      schema: { tags: TAGS, summary: 'Get one of my reviews 评审表', description: 'Only the assigned expert; 404 for everyone else.', params: z.object({ id: z.string().min(1).max(20) }), response: { 200: ReviewView } },
    }, async (request) => presentReview(await getOwnReview(db, requireActor(request), request.params.id)));

    app.post('/api/v1/reviews/:id/submit', {
      schema: { tags: TAGS, summary: 'Submit a blind score 提交评分', description: 'Every criterion of the challenge 0–100 (422 naming missing or unknown keys); the weighted total is computed. Resubmitting replaces the score until the award (then 409).', params: z.object({ id: z.string().min(1).max(20) }), body: SubmitReviewBody, response: { 200: ReviewView } },
    }, async (request) => presentReview(await submitReview(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));

    app.get('/api/v1/experts/me', {
      schema: { tags: TAGS, summary: 'My expert profile 我的专家档案', description: 'The calling expert’s pool profile; 404 until saved.', response: { 200: ExpertView } },
    }, async (request) => {
      const expert = await findOwnExpert(db, requireActor(request));
      if (!expert) throw notFound('专家档案');
      return presentExpert(await expertWithConflicts(db, expert));
    });

    app.put('/api/v1/experts/me', {
      schema: { tags: TAGS, summary: 'Save my expert profile 保存专家档案', description: 'Fields, affiliation (its USCC makes same-organisation conflicts), region, load limit, availability and declared conflicts (replaced as a whole). Experts only.', body: UpdateExpertBody, response: { 200: ExpertView } },
    }, async (request) => presentExpert(await expertWithConflicts(db, await saveOwnExpert(db, { actor: requireActor(request), requestId: request.id }, request.body))));

    app.get('/api/v1/experts/export', {
      schema: { tags: TAGS, summary: 'Export the expert pool to Excel 导出专家库', description: 'Every expert of the pool matching the same filters as the list (one row each: fields, affiliation, region, availability, load limit, open reviews, number of declared conflicts), as `.xlsx`. Gov users, admins and members; experts get 403.', querystring: ListExpertsQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => sendWorkbook(reply, await exportExperts(db, requireActor(request), request.query), 'experts.xlsx', '专家库.xlsx'));

    app.get('/api/v1/experts', {
      schema: { tags: TAGS, summary: 'Expert pool 专家库', description: 'Gov users, admins and members (to pick reviewers by hand); experts get 403. `q` matches a name or a field exactly; `field` a field exactly; `regionCode` the region’s subtree; `affiliation` words of the affiliation; `available=true` only available experts. By id.', querystring: ListExpertsQuery, response: { 200: Page(ExpertView) } },
    }, async (request) => {
      const page = await listExperts(db, requireActor(request), request.query);
      return { items: await Promise.all(page.items.map(async (x) => presentExpert(await expertWithConflicts(db, x)))), nextCursor: page.nextCursor };
    });
  };
}
