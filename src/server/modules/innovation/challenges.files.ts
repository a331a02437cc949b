/**
 * Files of challenges and applications, stored by `platform/files.ts`. A challenge has public
 * files (everyone signed in) and confidential ones (only organisations that accepted its NDA, and
 * its managers); an application's files are for its applicant and the challenge's managers. Every
 * download goes through these access checks — a file has no public URL — and a file the caller
 * may not read is answered exactly like one that does not exist (404).
 */
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { fetchFile, listFiles, storeFile, type StoredFile, type StoredFileWithBytes, type Upload } from '../../platform/files.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { APPLICATION_ENTITY, CHALLENGE_ENTITY, getApplication, getChallengeFor, requireManage, userIdOf } from './challenges.service.js';

/** Owner kinds in the `files` table. */
export const CHALLENGE_FILE = 'challenge';
export const CHALLENGE_CONFIDENTIAL_FILE = 'challenge_confidential';
export const APPLICATION_FILE = 'challenge_application';

/** Attach a file to a challenge (managers); `isConfidential` puts it behind the NDA. @throws not_found; forbidden; 413/415 from the upload. */
export async function attachChallengeFile(db: Db, context: WriteContext, challengeId: string, upload: Upload, isConfidential: boolean): Promise<StoredFile> {
  const { challenge } = await getChallengeFor(db, context.actor, challengeId);
  requireManage(context.actor, challenge);
  const ownerKind = isConfidential ? CHALLENGE_CONFIDENTIAL_FILE : CHALLENGE_FILE;
  return db.transaction().execute(async (tx) => {
    const file = await storeFile(tx, { ownerKind, ownerId: challenge.id, upload, uploadedBy: userIdOf(context.actor) });
    await recordWrites(tx, context, [{ action: 'challenge.file_add', entityType: CHALLENGE_ENTITY, entityKey: challenge.id, regionCode: challenge.regionCode, after: { fileId: file.id, name: file.name, isConfidential } }]);
    return file;
  });
}

/** A challenge's files: public ones, and the confidential ones when the caller may read them (else null). */
export async function listChallengeFiles(db: Db, actor: Actor, challengeId: string): Promise<{ files: StoredFile[]; confidentialFiles: StoredFile[] | null }> {
  const view = await getChallengeFor(db, actor, challengeId);
  const files = await listFiles(db, CHALLENGE_FILE, view.challenge.id);
  const confidentialFiles = view.canReadConfidential ? await listFiles(db, CHALLENGE_CONFIDENTIAL_FILE, view.challenge.id) : null;
  return { files, confidentialFiles };
}

/**
 * One file of a challenge for download. A confidential file needs the NDA (or managing the challenge).
 * @throws not_found when it is not this challenge's, or confidential and the caller has not accepted the NDA.
 */
export async function downloadChallengeFile(db: Db, actor: Actor, challengeId: string, fileId: string): Promise<StoredFileWithBytes> {
  const view = await getChallengeFor(db, actor, challengeId);
  try {
    return await fetchFile(db, CHALLENGE_FILE, view.challenge.id, fileId);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'not_found' || !view.canReadConfidential) throw err;
  }
  return fetchFile(db, CHALLENGE_CONFIDENTIAL_FILE, view.challenge.id, fileId);
}

/** Attach a file to an application (its applicant's members). @throws not_found; forbidden for managers and others; 413/415. */
export async function attachApplicationFile(db: Db, context: WriteContext, challengeId: string, applicationId: string, upload: Upload): Promise<StoredFile> {
  const { challenge, application } = await getApplication(db, context.actor, challengeId, applicationId);
  if (!(context.actor.role === 'member' && context.actor.orgUscc === application.applicantUscc)) {
    throw new AppError('forbidden', 'Only the applicant attaches files', { userMessage: '只有揭榜单位可以上传申报附件' });
  }
  return db.transaction().execute(async (tx) => {
    const file = await storeFile(tx, { ownerKind: APPLICATION_FILE, ownerId: application.id, upload, uploadedBy: userIdOf(context.actor) });
    await recordWrites(tx, context, [{ action: 'application.file_add', entityType: APPLICATION_ENTITY, entityKey: application.id, regionCode: challenge.regionCode, after: { fileId: file.id, name: file.name } }]);
    return file;
  });
}

/** An application's files (its applicant and the challenge's managers). @throws not_found for others. */
export async function listApplicationFiles(db: Db, actor: Actor, challengeId: string, applicationId: string): Promise<StoredFile[]> {
  const { application } = await getApplication(db, actor, challengeId, applicationId);
  return listFiles(db, APPLICATION_FILE, application.id);
}

/** One application file for download. @throws not_found for others and for another owner's file. */
export async function downloadApplicationFile(db: Db, actor: Actor, challengeId: string, applicationId: string, fileId: string): Promise<StoredFileWithBytes> {
  const { application } = await getApplication(db, actor, challengeId, applicationId);
  return fetchFile(db, APPLICATION_FILE, application.id, fileId);
}
