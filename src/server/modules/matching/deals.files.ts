/**
 * Attachments of needs (specifications, drawings) and of quotes (price lists, certificates), kept
 * by the shared store (`platform/files.ts`). Access is the record's: a need's files are read by
 * whoever may read the need and changed by its managers; a quote's files are as sealed as the
 * quote itself.
 */
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { deleteFile, fetchFile, listFiles, listFilesOf, storeFile, type StoredFile, type StoredFileWithBytes, type Upload } from '../../platform/files.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import * as repo from './deals.repo.js';
import { getQuote, getRfq, isSealed } from './deals.rfq.js';
import { actorId, QUOTE_ENTITY } from './deals.service.js';
import { NEED_ENTITY } from './matching.index.js';
import { canManage } from './matching.policy.js';
import { getNeed } from './matching.service.js';

/** Owner kinds of this module's files in the store. */
export const NEED_FILES = 'need';
export const QUOTE_FILES = 'quote';

async function needToChange(db: Db, actor: Actor, needId: string) {
  const need = await getNeed(db, actor, needId);
  if (!canManage(actor, need)) throw new AppError('forbidden', 'Not the need owner', { userMessage: '只有发布企业或主管部门可以修改需求附件' });
  if (need.status === 'closed' || need.status === 'fulfilled') throw new AppError('invalid_state', `Need is ${need.status}`, { userMessage: '需求已关闭，不能修改附件' });
  return need;
}

/** Attach a file to a need. @throws not_found; forbidden unless its managers; invalid_state once closed. */
export async function attachToNeed(db: Db, context: WriteContext, needId: string, upload: Upload): Promise<StoredFile> {
  const need = await needToChange(db, context.actor, needId);
  return db.transaction().execute(async (tx) => {
    const file = await storeFile(tx, { ownerKind: NEED_FILES, ownerId: need.id, upload, uploadedBy: actorId(context.actor) });
    await recordWrites(tx, context, [{ action: 'need.attach', entityType: NEED_ENTITY, entityKey: need.id, regionCode: need.regionCode, after: { fileId: file.id, name: file.name, sizeBytes: file.sizeBytes, sha256: file.sha256 } }]);
    return file;
  });
}

/** Remove a need's file. @throws not_found (need or file); forbidden; invalid_state once closed. */
export async function removeNeedFile(db: Db, context: WriteContext, needId: string, fileId: string): Promise<void> {
  const need = await needToChange(db, context.actor, needId);
  await db.transaction().execute(async (tx) => {
    const file = await deleteFile(tx, NEED_FILES, need.id, fileId);
    await recordWrites(tx, context, [{ action: 'need.detach', entityType: NEED_ENTITY, entityKey: need.id, regionCode: need.regionCode, before: { fileId: file.id, name: file.name } }]);
  });
}

/** A need's files, for whoever may read the need. @throws not_found. */
export async function needFiles(db: Db, actor: Actor, needId: string): Promise<StoredFile[]> {
  const need = await getNeed(db, actor, needId);
  return listFiles(db, NEED_FILES, need.id);
}

/** One of a need's files with its content. @throws not_found (need or file). */
export async function needFile(db: Db, actor: Actor, needId: string, fileId: string): Promise<StoredFileWithBytes> {
  const need = await getNeed(db, actor, needId);
  return fetchFile(db, NEED_FILES, need.id, fileId);
}

/**
 * Attach a file to the caller's own quote, before the deadline. Sealed like the quote: the audit
 * entry names no file.
 * @throws not_found; forbidden unless an invited supplier with a quote; invalid_state after the deadline.
 */
export async function attachToQuote(db: Db, context: WriteContext, rfqId: string, upload: Upload): Promise<StoredFile> {
  const access = await getRfq(db, context.actor, rfqId);
  const [quote] = access.side === 'supplier' ? await repo.selectQuotes(db, access.rfq.id, access.party.enterpriseId) : [];
  if (!quote) throw new AppError('forbidden', 'No own quote', { userMessage: '请先提交报价，再上传报价附件' });
  if (access.rfq.status !== 'open' || !isSealed(access.rfq)) throw new AppError('invalid_state', 'Quote after the deadline', { userMessage: '报价已截止' });
  return db.transaction().execute(async (tx) => {
    const file = await storeFile(tx, { ownerKind: QUOTE_FILES, ownerId: quote.id, upload, uploadedBy: actorId(context.actor) });
    await recordWrites(tx, context, [{ action: 'quote.attach', entityType: QUOTE_ENTITY, entityKey: quote.id, regionCode: quote.supplierRegionCode, before: { rfqId: access.rfq.id }, after: { rfqId: access.rfq.id } }]);
    return file;
  });
}

/** Files of the given quotes, by quote id (the caller has checked the quotes may be read). */
export function filesOfQuotes(db: Db, quoteIds: readonly string[]): Promise<Map<string, StoredFile[]>> {
  return listFilesOf(db, QUOTE_FILES, quoteIds);
}

/** One of a quote's files with its content, when the quote may be read. @throws not_found (sealed, missing). */
export async function quoteFile(db: Db, actor: Actor, rfqId: string, quoteId: string, fileId: string): Promise<StoredFileWithBytes> {
  const { quote } = await getQuote(db, actor, rfqId, quoteId);
  return fetchFile(db, QUOTE_FILES, quote.id, fileId);
}
