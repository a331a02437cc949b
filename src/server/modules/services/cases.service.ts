/**
 * Typical cases (典型案例, WR-3): an organisation or a gov user writes a case (model, chain,
 * enterprises, results, media files), submits it; gov of the case's region (or above) returns it
 * with comments or publishes it. Published cases are public pages (no log-in). Every write is one
 * transaction with its audit entry.
 */
import type { CreateCaseBody, ListCasesQuery, PublicCasesQuery, UpdateCaseBody } from '../../../contracts/services.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { fetchFile, listFilesOf, storeFile, type StoredFile, type StoredFileWithBytes, type Upload } from '../../platform/files.js';
import { findRegion, regionPrefix } from '../../platform/regions.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { findEnterpriseBrief } from '../enterprises/index.js';
import * as repo from './cases.repo.js';
import { canEditCase, canReadCase, canReviewCase } from './cases.policy.js';

export const CASE_ENTITY = 'service_case';
/** Owner kind of case media in `files`. */
export const CASE_FILE = 'service_case';

const isId = (id: string) => /^\d{1,18}$/.test(id);
const userIdOf = (actor: Actor) => (actor.userId === '0' ? null : actor.userId);

/** A case with its enterprises, files and what the caller may do. */
export interface CaseDetail {
  record: repo.CaseRecord;
  enterprises: repo.CaseEnterprise[];
  files: StoredFile[];
  canEdit: boolean;
  canReview: boolean;
  /** Authors and reviewers see the review comment; the public does not. */
  isInsider: boolean;
}

/** One case as the caller may see it (anonymous: published only). @throws not_found otherwise. */
export async function getCase(db: Db, actor: Actor | undefined, id: string): Promise<CaseDetail> {
  const record = isId(id) ? await repo.selectCase(db, id) : undefined;
  if (!record || !canReadCase(actor, record)) throw notFound('案例');
  const [enterprises, files] = await Promise.all([repo.selectCaseEnterprises(db, [record.id]), listFilesOf(db, CASE_FILE, [record.id])]);
  return detailOf(actor, record, enterprises.get(record.id) ?? [], files.get(record.id) ?? []);
}

function detailOf(actor: Actor | undefined, record: repo.CaseRecord, enterprises: repo.CaseEnterprise[], files: StoredFile[]): CaseDetail {
  const canReview = actor ? canReviewCase(actor, record) : false;
  // Authors and gov in scope: whoever could read the case before publication.
  const isInsider = actor ? canReadCase(actor, { ...record, status: 'draft' }) : false;
  return { record, enterprises, files, canEdit: actor ? canEditCase(actor, record) : false, canReview, isInsider };
}

async function withDetails(db: Db, actor: Actor | undefined, records: repo.CaseRecord[]): Promise<CaseDetail[]> {
  const ids = records.map((r) => r.id);
  const [enterprises, files] = await Promise.all([repo.selectCaseEnterprises(db, ids), listFilesOf(db, CASE_FILE, ids)]);
  return records.map((r) => detailOf(actor, r, enterprises.get(r.id) ?? [], files.get(r.id) ?? []));
}

/** The cases an actor works on: gov their region's, members their organisation's, admins all. */
function scopeFilter(actor: Actor): repo.CaseFilter {
  if (actor.role === 'member') return { ownerOrgId: actor.orgId ?? '0' };
  const scope = regionScopeOf(actor);
  if (scope.kind === 'all') return {};
  if (scope.kind === 'prefix') return { regionPrefix: scope.prefix };
  return { ownerOrgId: '0' };
}

/** A page of the caller's cases (work list), newest first. */
export async function listCases(db: Db, actor: Actor, query: ListCasesQuery) {
  const filter: repo.CaseFilter = { ...scopeFilter(actor), status: query.status, model: query.model, q: query.q || undefined, beforeId: decodeCursor(query.cursor) };
  return page(db, actor, filter, query.limit);
}

/** A page of published cases for everyone (signed in or not), newest first. */
export async function listPublicCases(db: Db, actor: Actor | undefined, query: PublicCasesQuery) {
  if (query.region && !findRegion(query.region)) throw invalid([{ path: 'region', message: '未知的行政区划代码' }]);
  const filter: repo.CaseFilter = { isPublishedOnly: true, model: query.model, q: query.q || undefined, beforeId: decodeCursor(query.cursor) };
  if (query.region && query.region !== '000000') filter.regionPrefix = regionPrefix(query.region);
  return page(db, actor, filter, query.limit);
}

async function page(db: Db, actor: Actor | undefined, filter: repo.CaseFilter, limit: number) {
  const rows = await repo.selectCases(db, filter, limit + 1);
  const items = await withDetails(db, actor, rows.slice(0, limit));
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].record.id) : null };
}

/** Every case of the caller's scope (for the Excel export), at most `max`. */
export async function listCasesForExport(db: Db, actor: Actor, max: number): Promise<CaseDetail[]> {
  return withDetails(db, actor, await repo.selectCases(db, scopeFilter(actor), max));
}

/**
 * The region a new case is reviewed in: a member's enterprise's; for gov the one asked for (in
 * scope) or their own. @throws forbidden for experts and members without an enterprise; validation_failed.
 */
async function regionForNewCase(db: Db, actor: Actor, asked: string | undefined): Promise<string> {
  if (actor.role === 'member') {
    const own = actor.orgUscc ? await findEnterpriseBrief(db, actor.orgUscc) : undefined;
    if (!own) throw new AppError('forbidden', 'Member without an enterprise', { userMessage: '您的账号未关联企业，不能提交案例' });
    return own.regionCode;
  }
  if (actor.role === 'expert') throw new AppError('forbidden', 'Experts do not submit cases', { userMessage: '专家账号不能提交案例' });
  const code = asked ?? actor.regionCode ?? undefined;
  if (!code || !findRegion(code) || !isInRegionScope(actor, code)) throw invalid([{ path: 'regionCode', message: '请选择您辖区内的行政区划' }]);
  return code;
}

/** Check the chain and the enterprises of a case body; names come from the registry. @throws validation_failed naming each bad field. */
async function resolveReferences(db: Db, body: Pick<UpdateCaseBody, 'chainId' | 'enterprises'>): Promise<{ chainId: string | null | undefined; enterprises: repo.CaseEnterprise[] | undefined }> {
  const errors: FieldError[] = [];
  let chainId: string | null | undefined;
  if (body.chainId !== undefined) {
    const chain = await repo.selectChainBrief(db, body.chainId);
    if (!chain) errors.push({ path: 'chainId', message: '产业链不存在' });
    chainId = chain?.id ?? null;
  }
  let enterprises: repo.CaseEnterprise[] | undefined;
  if (body.enterprises) {
    enterprises = [];
    const seen = new Set<string>();
    for (const [i, e] of body.enterprises.entries()) {
      const uscc = e.uscc.trim().toUpperCase();
      if (seen.has(uscc)) {
        errors.push({ path: `enterprises.${i}.uscc`, message: '企业重复' });
        continue;
      }
      seen.add(uscc);
      const brief = await findEnterpriseBrief(db, uscc);
      if (!brief) errors.push({ path: `enterprises.${i}.uscc`, message: '企业库中没有该统一社会信用代码' });
      else enterprises.push({ uscc: brief.uscc, name: brief.name, role: e.role });
    }
  }
  if (errors.length > 0) throw invalid(errors);
  return { chainId, enterprises };
}

/** Write a draft case. @throws forbidden (experts, members without an enterprise); validation_failed. */
export async function createCase(db: Db, context: WriteContext, body: CreateCaseBody): Promise<string> {
  const regionCode = await regionForNewCase(db, context.actor, body.regionCode);
  const refs = await resolveReferences(db, body);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertCase(tx, {
      title: body.title, model: body.model, chainId: refs.chainId ?? null, regionCode, summary: body.summary, results: body.results ?? '',
      ownerOrgId: context.actor.role === 'member' ? context.actor.orgId : null, createdBy: userIdOf(context.actor), enterprises: refs.enterprises ?? [],
    });
    await recordWrites(tx, context, [{ action: 'case.create', entityType: CASE_ENTITY, entityKey: id, regionCode, after: { title: body.title, model: body.model, enterprises: refs.enterprises?.map((e) => e.uscc) } }]);
    return id;
  });
}

/** Load a case for a write and check the caller may make it. */
async function caseForWrite(db: Db, actor: Actor, id: string, allowed: (actor: Actor, row: repo.CaseRecord) => boolean, refusal: string): Promise<repo.CaseRecord> {
  const { record } = await getCase(db, actor, id);
  if (!allowed(actor, record)) throw new AppError('invalid_state', `Case is ${record.status}`, { userMessage: refusal });
  return record;
}

/** Edit a draft or returned case. @throws not_found; invalid_state (409) once submitted or published, or for others; validation_failed. */
export async function updateCase(db: Db, context: WriteContext, id: string, body: UpdateCaseBody): Promise<void> {
  const record = await caseForWrite(db, context.actor, id, canEditCase, '只有草稿或退回修改的案例可以由提交单位修改');
  const regionCode = body.regionCode !== undefined && record.ownerOrgId === null ? await regionForNewCase(db, context.actor, body.regionCode) : record.regionCode;
  const refs = await resolveReferences(db, body);
  const fields: repo.CaseFields = {
    title: body.title ?? record.title, model: body.model ?? record.model, chainId: refs.chainId === undefined ? record.chainId : refs.chainId, regionCode,
    summary: body.summary ?? record.summary, results: body.results ?? record.results,
  };
  await db.transaction().execute(async (tx) => {
    await repo.updateCaseFields(tx, record.id, fields);
    if (refs.enterprises) await repo.replaceEnterprises(tx, record.id, refs.enterprises);
    await recordWrites(tx, context, [{ action: 'case.update', entityType: CASE_ENTITY, entityKey: record.id, regionCode, before: { title: record.title, model: record.model, summary: record.summary, results: record.results }, after: { ...fields, enterprises: refs.enterprises?.map((e) => e.uscc) } }]);
  });
}

/** Workflow verbs: who may, from which state, to which. */
const CASE_VERBS = {
  submit: { allowed: canEditCase, to: 'submitted', refusal: '只有草稿或退回修改的案例可以由提交单位提交' },
  return: { allowed: canReviewCase, to: 'returned', refusal: '只有待审核的案例可以由辖区主管部门退回' },
  publish: { allowed: canReviewCase, to: 'published', refusal: '只有待审核的案例可以由辖区主管部门发布' },
} as const;

/** A verb of the case workflow. */
export type CaseVerb = keyof typeof CASE_VERBS;

/**
 * Submit, return (with a comment) or publish a case. The state is checked again under a row lock,
 * so two reviewers deciding at once leave one decision.
 * @throws not_found; invalid_state (409) from another state or for a caller without the right.
 */
export async function moveCase(db: Db, context: WriteContext, id: string, verb: CaseVerb, comment?: string): Promise<void> {
  const rule = CASE_VERBS[verb];
  const record = await caseForWrite(db, context.actor, id, rule.allowed, rule.refusal);
  await db.transaction().execute(async (tx) => {
    const current = await repo.selectCase(tx, record.id, { isForUpdate: true });
    if (!current || !rule.allowed(context.actor, current)) throw new AppError('invalid_state', `Case is ${current?.status}`, { userMessage: rule.refusal });
    const isReview = verb !== 'submit';
    await repo.setCaseStatus(tx, record.id, { status: rule.to, ...(isReview ? { reviewedBy: userIdOf(context.actor), reviewComment: comment ?? '' } : {}) });
    await recordWrites(tx, context, [{ action: `case.${verb}`, entityType: CASE_ENTITY, entityKey: record.id, regionCode: record.regionCode, before: { status: current.status }, after: { status: rule.to, ...(comment ? { comment } : {}) } }]);
  });
}

/** Attach a media file (photos, PDFs, slides) to a draft or returned case. @throws not_found; invalid_state; 413/415. */
export async function attachCaseFile(db: Db, context: WriteContext, id: string, upload: Upload): Promise<StoredFile> {
  const record = await caseForWrite(db, context.actor, id, canEditCase, '只有草稿或退回修改的案例可以上传材料');
  return db.transaction().execute(async (tx) => {
    const file = await storeFile(tx, { ownerKind: CASE_FILE, ownerId: record.id, upload, uploadedBy: userIdOf(context.actor) });
    await recordWrites(tx, context, [{ action: 'case.file_add', entityType: CASE_ENTITY, entityKey: record.id, regionCode: record.regionCode, after: { fileId: file.id, name: file.name } }]);
    return file;
  });
}

/** One media file of a case the caller may read (anyone once published). @throws not_found. */
export async function downloadCaseFile(db: Db, actor: Actor | undefined, id: string, fileId: string): Promise<StoredFileWithBytes> {
  const { record } = await getCase(db, actor, id);
  return fetchFile(db, CASE_FILE, record.id, fileId);
}
