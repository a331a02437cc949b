/**
 * Evidence files of complaints (投诉证据), stored by `platform/files.ts`. The complainant attaches
 * them while the complaint is open; gov handlers of the buyer's region download them, and the buyer
 * while it may respond (submitted or accepted). Anyone else — including the buyer once the complaint
 * is closed — gets 404, exactly as for a file that does not exist.
 */
import type { Db } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { fetchFile, listFiles, storeFile, type StoredFile, type StoredFileWithBytes, type Upload } from '../../platform/files.js';
import { isInRegionScope } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import type { ComplaintRecord } from './complaints.repo.js';
import { COMPLAINT_ENTITY, getComplaint } from './complaints.service.js';

/** Owner kind in the `files` table. */
export const COMPLAINT_FILE = 'payment_complaint';
const OPEN = ['submitted', 'accepted'];

function isComplainant(actor: Actor, c: ComplaintRecord): boolean {
  return actor.role === 'member' && actor.orgUscc === c.complainantUscc;
}

/** Complainant, gov of the region, admins; the buyer only while it may respond. */
function canReadEvidence(actor: Actor, c: ComplaintRecord): boolean {
  if (isComplainant(actor, c)) return true;
  if (actor.role === 'gov' || actor.role === 'platform_admin') return isInRegionScope(actor, c.regionCode);
  return actor.role === 'member' && actor.orgUscc === c.buyerUscc && OPEN.includes(c.status);
}

async function readableComplaint(db: Db, actor: Actor, id: string): Promise<ComplaintRecord> {
  const c = await getComplaint(db, actor, id);
  if (!canReadEvidence(actor, c)) throw notFound('投诉');
  return c;
}

/** The complainant attaches a file while the complaint is open. @throws not_found; forbidden for others who see it; invalid_state when closed; 413/415 from the upload. */
export async function attachComplaintFile(db: Db, context: WriteContext, id: string, upload: Upload): Promise<StoredFile> {
  const c = await getComplaint(db, context.actor, id);
  if (!isComplainant(context.actor, c)) throw new AppError('forbidden', 'Only the complainant attaches evidence', { userMessage: '只有投诉企业可以上传证据' });
  if (!OPEN.includes(c.status)) throw new AppError('invalid_state', 'Complaint is closed', { userMessage: '投诉已结束，不能再上传证据' });
  return db.transaction().execute(async (tx) => {
    const file = await storeFile(tx, { ownerKind: COMPLAINT_FILE, ownerId: c.id, upload, uploadedBy: context.actor.userId === '0' ? null : context.actor.userId });
    await recordWrites(tx, context, [{ action: 'complaint.file_add', entityType: COMPLAINT_ENTITY, entityKey: c.id, regionCode: c.regionCode, after: { fileId: file.id, name: file.name, sizeBytes: file.sizeBytes } }]);
    return file;
  });
}

/** A complaint's evidence files. @throws not_found outside the readers. */
export async function listComplaintFiles(db: Db, actor: Actor, id: string): Promise<StoredFile[]> {
  const c = await readableComplaint(db, actor, id);
  return listFiles(db, COMPLAINT_FILE, c.id);
}

/** One evidence file for download. @throws not_found outside the readers or for another complaint's file. */
export async function downloadComplaintFile(db: Db, actor: Actor, id: string, fileId: string): Promise<StoredFileWithBytes> {
  const c = await readableComplaint(db, actor, id);
  return fetchFile(db, COMPLAINT_FILE, c.id, fileId);
}
