/**
 * Task-report attachments (报送附件), kept in the shared file store under the report. The task's
 * own level attaches files to its reports; whoever may read the task (its level and every level
 * above, ADR 0014) downloads them. Outside scope, another task's report or file: 404.
 */
import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { fetchFile, storeFile, type StoredFile, type StoredFileWithBytes, type Upload } from '../../platform/files.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { TASK_REPORT_FILES, isReportOf } from './tasks.repo.js';
import { TASK_ENTITY, getOwnTask, getTask, userIdOf } from './tasks.service.js';

const REPORT_NOT_FOUND = '任务报送';

/** Attach a file to one of the task's reports. @throws not_found (someone else's task, another task's report). */
export async function attachToReport(db: Db, context: WriteContext, taskId: string, reportId: string, upload: Pick<Upload, 'name' | 'bytes'>): Promise<StoredFile> {
  return db.transaction().execute(async (tx) => {
    const task = await getOwnTask(tx, context.actor, taskId);
    if (!(await isReportOf(tx, task.id, reportId))) throw notFound(REPORT_NOT_FOUND);
    const file = await storeFile(tx, { ownerKind: TASK_REPORT_FILES, ownerId: reportId, upload, uploadedBy: userIdOf(context.actor) });
    await recordWrites(tx, context, [{ action: 'task.attach', entityType: TASK_ENTITY, entityKey: task.id, regionCode: task.regionCode, after: { reportId, fileId: file.id, name: file.name, sizeBytes: file.sizeBytes, sha256: file.sha256 } }]);
    return file;
  });
}

/** One report file with its content, for whoever may read the task. @throws not_found. */
export async function reportFile(db: Db, actor: Actor, taskId: string, reportId: string, fileId: string): Promise<StoredFileWithBytes> {
  const task = await getTask(db, actor, taskId);
  if (!(await isReportOf(db, task.id, reportId))) throw notFound(REPORT_NOT_FOUND);
  return fetchFile(db, TASK_REPORT_FILES, reportId, fileId);
}
