import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { FileView } from '../../../contracts/files.js';
import { CaseView, CreateCaseBody, ListCasesQuery, PublicCasesQuery, ReturnCaseBody, UpdateCaseBody } from '../../../contracts/services.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { readUpload, sendFile } from '../../platform/files.js';
import { exportCases } from './cases.export.js';
import { presentCase, presentFile } from './cases.present.js';
import { attachCaseFile, createCase, downloadCaseFile, getCase, listCases, listPublicCases, moveCase, updateCase } from './cases.service.js';
import { sendXlsx } from './services.http.js';

const TAGS = ['services'];
const IdParams = z.object({ id: z.string().min(1).max(20) });
const FileParams = IdParams.extend({ fileId: z.string().min(1).max(20) });

/** `/api/v1/cases*` (signed in) and `/api/v1/public/cases*` (no log-in). */
export function caseRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/cases', {
      schema: { tags: TAGS, summary: 'My cases and the review queue 案例管理', description: 'Cases the caller works on, newest first: members their organisation’s (every state), gov users their region’s and below (`status=submitted`: the review queue), admins all.', querystring: ListCasesQuery, response: { 200: Page(CaseView) } },
    }, async (request) => {
      const page = await listCases(db, requireActor(request), request.query);
      return { items: page.items.map(presentCase), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/cases', {
      schema: { tags: TAGS, summary: 'Write a case 新建典型案例', description: 'A draft case. Members write for their enterprise (the case is reviewed in its region); gov users for a region in scope (`regionCode`, default their own). Enterprises must be registered (422 naming `enterprises.<i>.uscc`); `chainId` must exist. Experts 403.', body: CreateCaseBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send({ id: await createCase(db, { actor: requireActor(request), requestId: request.id }, request.body) }));

    app.get('/api/v1/cases/export', {
      schema: { tags: TAGS, summary: 'Export cases to Excel 导出典型案例', description: 'The cases of `GET /api/v1/cases` (without filters, at most 10 000) as `.xlsx` with enterprises, results and file counts.' },
    }, async (request, reply) => sendXlsx(reply, '典型案例.xlsx', await exportCases(db, requireActor(request))));

    app.get('/api/v1/cases/:id', {
      schema: { tags: TAGS, summary: 'Get a case 案例详情', description: 'Published cases for everyone; before publication its authors and gov in scope of its region only (404 for others).', params: IdParams, response: { 200: CaseView } },
    }, async (request) => presentCase(await getCase(db, requireActor(request), request.params.id)));

    app.patch('/api/v1/cases/:id', {
      schema: { tags: TAGS, summary: 'Edit a case 修改案例', description: 'Draft or returned cases, by their authors; 409 once submitted or published; 404 outside scope.', params: IdParams, body: UpdateCaseBody, response: { 200: CaseView } },
    }, async (request) => {
      const actor = requireActor(request);
      await updateCase(db, { actor, requestId: request.id }, request.params.id, request.body);
      return presentCase(await getCase(db, actor, request.params.id));
    });

    const verbs = [
      { verb: 'submit', summary: 'Submit a case for review 提交审核', description: 'draft/returned → submitted, by its authors. 409 from another state.' },
      { verb: 'publish', summary: 'Publish a case 审核发布', description: 'submitted → published, by gov whose scope holds the case’s region; the case becomes a public page. 409 from another state or for the submitter.' },
    ] as const;
    for (const { verb, summary, description } of verbs) {
      app.post(`/api/v1/cases/:id/${verb}`, {
        schema: { tags: TAGS, summary, description: `${description} 404 outside scope.`, params: IdParams, response: { 200: CaseView } },
      }, async (request) => {
        const actor = requireActor(request);
        await moveCase(db, { actor, requestId: request.id }, request.params.id, verb);
        return presentCase(await getCase(db, actor, request.params.id));
      });
    }

    app.post('/api/v1/cases/:id/return', {
      schema: { tags: TAGS, summary: 'Return a case with comments 退回修改', description: 'submitted → returned with the reviewer’s `comment` (shown to the submitter), by gov in scope of the case’s region. 409 from another state; 404 outside scope.', params: IdParams, body: ReturnCaseBody, response: { 200: CaseView } },
    }, async (request) => {
      const actor = requireActor(request);
      await moveCase(db, { actor, requestId: request.id }, request.params.id, 'return', request.body.comment);
      return presentCase(await getCase(db, actor, request.params.id));
    });

    app.post('/api/v1/cases/:id/files', {
      schema: { tags: TAGS, summary: 'Attach a media file 上传案例材料', description: 'multipart/form-data with a `file` part (photos, PDF, slides, documents). Authors of a draft or returned case; 409 otherwise; 413 over the size limit; 415 for types not accepted.', params: IdParams, consumes: ['multipart/form-data'], response: { 201: FileView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const file = await attachCaseFile(db, { actor, requestId: request.id }, request.params.id, await readUpload(request));
      return reply.code(201).send(presentFile(file));
    });

    app.get('/api/v1/cases/:id/files/:fileId', {
      schema: { tags: TAGS, summary: 'Download a case file 下载案例材料', description: 'Anyone who may read the case; served as an attachment (nosniff, sandboxed).', params: FileParams },
    }, async (request, reply) => sendFile(reply, await downloadCaseFile(db, requireActor(request), request.params.id, request.params.fileId)));

    app.get('/api/v1/public/cases', {
      schema: { tags: TAGS, summary: 'Published cases (public) 典型案例库（公开）', description: 'No log-in needed: published cases, newest first, by model, region (and below) or words.', security: [], querystring: PublicCasesQuery, response: { 200: Page(CaseView) } },
    }, async (request) => {
      const page = await listPublicCases(db, request.actor, request.query);
      return { items: page.items.map(presentCase), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/public/cases/:id', {
      schema: { tags: TAGS, summary: 'A published case (public) 案例公开页', description: 'No log-in needed; 404 unless published.', security: [], params: IdParams, response: { 200: CaseView } },
    }, async (request) => {
      const detail = await getCase(db, undefined, request.params.id);
      return presentCase(detail);
    });

    app.get('/api/v1/public/cases/:id/files/:fileId', {
      schema: { tags: TAGS, summary: 'Download a published case’s file (public) 下载公开案例材料', description: 'No log-in needed; 404 unless the case is published and the file is its own.', security: [], params: FileParams },
    }, async (request, reply) => sendFile(reply, await downloadCaseFile(db, undefined, request.params.id, request.params.fileId)));
  };
}
