import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { CreateProjectBody, ListProjectsQuery, ProjectDetailView, ProjectImportReport, ProjectView, UpdateProjectBody } from '../../../contracts/projects.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { readUpload } from '../../platform/files.js';
import { listHistory } from '../audit/index.js';
import { exportDetails, importProjects, projectsWorkbook } from './projects.sheet.js';
import { PROJECT_ENTITY, createProject, getProject, getProjectRecord, listProjects, requireProjectRole, updateProject } from './projects.service.js';
import { XLSX_TYPE, attachmentHeader } from './workbench.export.js';

const IdParams = z.object({ id: z.string().min(1).max(20).describe('Project id') });
const TAGS = ['workbench'];
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const EXPORT_MAX = 5000;

/** `/api/v1/projects*`: the project database (补链固链强链项目库). */
export function projectsRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/projects', {
      schema: { tags: TAGS, summary: 'Chain projects 补链固链强链项目库', description: 'Projects of the caller’s region and below, newest first, filtered by region, chain, type (fill 补链 / secure 固链 / strengthen 强链) and status. Gov users and admins; 403 for others.', querystring: ListProjectsQuery, response: { 200: Page(ProjectView) } },
    }, async (request) => listProjects(db, requireActor(request), request.query));

    app.post('/api/v1/projects', {
      schema: { tags: TAGS, summary: 'Create a chain project 新建项目', description: 'Tied to a chain and one of its segments (and the weak link it addresses); region defaults to the chain’s and must lie within it and within the caller’s scope (else 404). Enterprises by USCC (422 naming `enterprises.N.uscc` when unknown), milestones with due dates, investment in fen. One transaction with the audit entry.', body: CreateProjectBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send(await createProject(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/projects/export', {
      schema: { tags: TAGS, summary: 'Export projects to Excel 导出项目库', description: `The filtered projects (at most ${EXPORT_MAX}) as \`.xlsx\` in the import’s columns, so the file imports again.`, querystring: ListProjectsQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => {
      const page = await listProjects(db, requireActor(request), { ...request.query, limit: EXPORT_MAX });
      const body = await projectsWorkbook(page.items, await exportDetails(db, page.items.map((p) => p.id)));
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(`补链固链强链项目库-${businessDate()}.xlsx`)).send(body);
    });

    app.post('/api/v1/projects/import', {
      schema: {
        tags: TAGS, summary: 'Import projects from Excel 导入项目', querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }), response: { 200: ProjectImportReport },
        description: 'multipart/form-data with `file` (.xlsx or CSV in the export’s columns). `dryRun=true` (default) checks every row and reports row errors without writing; `dryRun=false` writes every row in one transaction, or nothing (422 naming `rows.N.<field>`).',
      },
    }, async (request) => {
      const actor = requireActor(request);
      requireProjectRole(actor);
      const upload = await readUpload(request, { maxBytes: IMPORT_MAX_BYTES });
      return importProjects(db, { actor, requestId: request.id }, upload.bytes, { isDryRun: request.query.dryRun !== 'false' });
    });

    app.get('/api/v1/projects/:id', {
      schema: { tags: TAGS, summary: 'Get a chain project 项目详情', description: 'With enterprises and milestones (overdue = not done and due before today, Asia/Shanghai). 404 outside the caller’s scope.', params: IdParams, response: { 200: ProjectDetailView } },
    }, async (request) => getProject(db, requireActor(request), request.params.id));

    app.patch('/api/v1/projects/:id', {
      schema: { tags: TAGS, summary: 'Update a chain project 更新项目进展', description: 'Status, % progress, investment, end date, milestones (replace the list), with an optional note; the change joins the timeline. 404 outside scope.', params: IdParams, body: UpdateProjectBody, response: { 200: ProjectDetailView } },
    }, async (request) => updateProject(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body));

    app.get('/api/v1/projects/:id/history', {
      schema: { tags: TAGS, summary: 'Project timeline 项目变更记录', description: 'Audit entries of the project (create, import, updates with before/after), newest first. 404 outside scope.', params: IdParams, querystring: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }) },
    }, async (request) => {
      const project = await getProjectRecord(db, requireActor(request), request.params.id);
      return listHistory(db, PROJECT_ENTITY, project.id, request.query);
    });
  };
}
