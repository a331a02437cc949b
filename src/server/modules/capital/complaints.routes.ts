import { z } from 'zod';
import { COMPLAINT_VERBS, ComplaintActionBody, ComplaintView, CreateComplaintBody, ListComplaintsQuery, type ComplaintVerb } from '../../../contracts/capital.js';
import { Page } from '../../../contracts/common.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { listHistory } from '../audit/index.js';
import { HistoryPage, HistoryQuery, IdParams, TAGS } from './capital.http.js';
import type { ComplaintRecord } from './complaints.repo.js';
import { actOnComplaint, COMPLAINT_ENTITY, createComplaint, getComplaint, isPastDeadline, listComplaints } from './complaints.service.js';

/** A complaint as the API shows it (explicit fields). */
export function presentComplaint(c: ComplaintRecord): ComplaintView {
  return {
    id: c.id, deliveryId: c.deliveryId, contractTitle: c.contractTitle, complainant: { uscc: c.complainantUscc, name: c.complainantName },
    buyer: { uscc: c.buyerUscc, name: c.buyerName, regionCode: c.regionCode }, description: c.description, evidence: c.evidence, claimedFen: Number(c.claimedFen),
    status: c.status as ComplaintView['status'], filedOn: c.filedOn, acceptDueOn: c.acceptDueOn, acceptedOn: c.acceptedOn, resultDueOn: c.resultDueOn, isExtended: c.isExtended,
    buyerResponse: c.buyerResponse, outcome: c.outcome, closedOn: c.closedOn, isPastDeadline: isPastDeadline(c),
  };
}

const VERB_DOCS: Record<ComplaintVerb, { summary: string; description: string }> = {
  accept: { summary: 'Accept a complaint 受理投诉', description: 'Gov users of the buyer’s region (and admins): submitted → accepted; the result is due in 30 days (条例 (2025) §25).' },
  reject: { summary: 'Reject a complaint 不予受理', description: 'Gov users of the buyer’s region: submitted → rejected, with the reason in `text`.' },
  respond: { summary: 'Buyer’s response 被投诉方答复', description: 'Members of the buyer: a response in `text` while the complaint is submitted or accepted.' },
  extend: { summary: 'Extend the handling period 延长处理期限', description: 'Gov users of the buyer’s region, once: the result becomes due 90 days after acceptance (§25); reason in `text`.' },
  resolve: { summary: 'Close with a result 办结', description: 'Gov users of the buyer’s region: accepted → resolved, the result in `text`.' },
};

/** `/api/v1/complaints*`. */
export function complaintsRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.post('/api/v1/complaints', {
      schema: {
        tags: TAGS,
        summary: 'File a complaint about late payment 投诉拖欠款项',
        description: 'The supplier of a delivery paid late (or unpaid past its legal due date) files with evidence; it goes to the gov users of the buyer’s region. Not late → 422; an open complaint on the delivery → 409; others → 403/404.',
        body: CreateComplaintBody,
        response: { 201: ComplaintView },
      },
    }, async (request, reply) => reply.code(201).send(presentComplaint(await createComplaint(db, { actor: requireActor(request), requestId: request.id }, request.body))));

    app.get('/api/v1/complaints', {
      schema: { tags: TAGS, summary: 'List complaints 投诉列表', description: 'The complainant’s, those against the caller’s enterprise, or (gov) those against buyers of the region; newest first.', querystring: ListComplaintsQuery, response: { 200: Page(ComplaintView) } },
    }, async (request) => {
      const page = await listComplaints(db, requireActor(request), request.query);
      return { items: page.items.map(presentComplaint), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/complaints/:id', {
      schema: { tags: TAGS, summary: 'Get a complaint 投诉详情', description: '404 outside the caller’s scope.', params: IdParams, response: { 200: ComplaintView } },
    }, async (request) => presentComplaint(await getComplaint(db, requireActor(request), request.params.id)));

    app.get('/api/v1/complaints/:id/history', {
      schema: { tags: TAGS, summary: 'Complaint history 投诉处理记录', description: 'Filing and every step, newest first.', params: IdParams, querystring: HistoryQuery, response: { 200: HistoryPage } },
    }, async (request) => {
      const c = await getComplaint(db, requireActor(request), request.params.id);
      return listHistory(db, COMPLAINT_ENTITY, c.id, request.query);
    });

    for (const verb of COMPLAINT_VERBS) {
      app.post(`/api/v1/complaints/:id/${verb}`, {
        schema: { tags: TAGS, ...VERB_DOCS[verb], params: IdParams, body: ComplaintActionBody, response: { 200: ComplaintView } },
      }, async (request) => presentComplaint(await actOnComplaint(db, { actor: requireActor(request), requestId: request.id }, request.params.id, verb, request.body.text)));
    }
  };
}
