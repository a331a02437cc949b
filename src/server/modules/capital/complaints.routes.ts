import { z } from 'zod';
import { COMPLAINT_VERBS, ComplaintActionBody, ComplaintView, CreateComplaintBody, ListComplaintsQuery, type ComplaintVerb } from '../../../contracts/capital.js';
import { Page } from '../../../contracts/common.js';
import { FileView } from '../../../contracts/files.js';
import { readUpload, sendFile, type StoredFile } from '../../platform/files.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { listHistory } from '../audit/index.js';
import { HistoryPage, HistoryQuery, IdParams, TAGS } from './capital.http.js';
import { attachComplaintFile, downloadComplaintFile, listComplaintFiles } from './complaints.files.js';
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

const toFileView = (f: StoredFile): FileView => ({ id: f.id, name: f.name, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256, uploadedAt: f.uploadedAt });
const FileParams = IdParams.extend({ fileId: z.string().min(1).max(20) });

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

    app.post('/api/v1/complaints/:id/files', {
      schema: {
        tags: TAGS,
        summary: 'Attach evidence 上传投诉证据',
        description: 'multipart/form-data with a `file` part. The complainant’s members while the complaint is submitted or accepted (409 once closed); others who see the complaint get 403, the rest 404; 413 over the size limit, 415 for types not accepted or bytes not matching the extension. Audited.',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: FileView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return reply.code(201).send(toFileView(await attachComplaintFile(db, { actor, requestId: request.id }, request.params.id, upload)));
    });

    app.get('/api/v1/complaints/:id/files', {
      schema: { tags: TAGS, summary: 'Evidence files of a complaint 投诉证据', description: 'The complainant, gov users of the buyer’s region, admins, and the buyer while it may respond (submitted or accepted); 404 for everyone else.', params: IdParams, response: { 200: z.object({ items: z.array(FileView) }) } },
    }, async (request) => ({ items: (await listComplaintFiles(db, requireActor(request), request.params.id)).map(toFileView) }));

    app.get('/api/v1/complaints/:id/files/:fileId', {
      schema: { tags: TAGS, summary: 'Download evidence 下载投诉证据', description: 'Served as an attachment (nosniff, sandboxed). The same readers as the list; anyone else, or a file of another complaint → 404.', params: FileParams },
    }, async (request, reply) => sendFile(reply, await downloadComplaintFile(db, requireActor(request), request.params.id, request.params.fileId)));

    for (const verb of COMPLAINT_VERBS) {
      app.post(`/api/v1/complaints/:id/${verb}`, {
        schema: { tags: TAGS, ...VERB_DOCS[verb], params: IdParams, body: ComplaintActionBody, response: { 200: ComplaintView } },
      }, async (request) => presentComplaint(await actOnComplaint(db, { actor: requireActor(request), requestId: request.id }, request.params.id, verb, request.body.text)));
    }
  };
}
