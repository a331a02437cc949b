import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type AttachmentExtension, type FileView } from '../../contracts/files.js';
import type { Db, Tx } from '../db/database.js';
import { AppError, invalid, notFound } from '../errors.js';

/**
 * The attachment store: files of any module's records kept in PostgreSQL (`files`), so that they
 * commit, roll back and back up with their rows. The owning module checks access to its record
 * before calling {@link fetchFile}; a file id alone reveals nothing. Callers record the audit entry
 * of the record the file belongs to.
 */

/** One uploaded file part, read and checked, plus the form's text fields. */
export interface Upload {
  name: string;
  contentType: string;
  bytes: Buffer;
  fields: Record<string, string>;
}

export interface StoredFile extends FileView {
  ownerKind: string;
  ownerId: string;
}

export interface StoredFileWithBytes extends StoredFile {
  bytes: Buffer;
}

const MAX_NAME_LENGTH = 200;
const ALLOWED_LIST = Object.keys(ATTACHMENT_TYPES).join(', ');

/** The last path component, without control characters, at most 200 characters (keeping the extension). */
export function cleanFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.posix.basename(raw.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (base.length <= MAX_NAME_LENGTH) return base;
  const ext = path.posix.extname(base).slice(0, 10);
  return base.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
}

const startsWith = (bytes: Buffer, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Whether the bytes are what the extension says (magic numbers; text must be UTF-8 without NUL). */
function bytesMatch(ext: AttachmentExtension, bytes: Buffer): boolean {
  switch (ext) {
    case 'pdf':
      return startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]);
    case 'png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpg':
    case 'jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'docx':
    case 'xlsx':
    case 'pptx':
      return startsWith(bytes, ZIP);
    case 'txt':
    case 'csv':
      return !bytes.includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
  }
}

/**
 * The platform's content type for a file: from its extension, confirmed by its bytes.
 * @throws unsupported_media_type (415) for other extensions or bytes that do not match.
 */
export function decideContentType(name: string, bytes: Buffer): string {
  const ext = path.posix.extname(name).slice(1).toLowerCase();
  if (!(ext in ATTACHMENT_TYPES)) {
    throw new AppError('unsupported_media_type', `File type .${ext || '?'} is not accepted`, {
      userMessage: `不支持的文件类型「${ext ? `.${ext}` : '无扩展名'}」，可上传：${ALLOWED_LIST}`,
      errors: [{ path: 'file', message: `accepted types: ${ALLOWED_LIST}` }],
    });
  }
  const known = ext as AttachmentExtension;
  if (!bytesMatch(known, bytes)) {
    throw new AppError('unsupported_media_type', `File content is not .${ext}`, {
      userMessage: `文件内容与扩展名 .${ext} 不符`,
      errors: [{ path: 'file', message: `content does not match .${ext}` }],
    });
  }
  return ATTACHMENT_TYPES[known];
}

/**
 * Read one multipart upload: the file part named `file` (413 as soon as it passes the limit) and
 * the text fields. Checks its type (415) before returning.
 * @throws validation_failed when the request is not multipart or has no `file` part.
 */
export async function readUpload(request: FastifyRequest, options: { maxBytes?: number } = {}): Promise<Upload> {
  const maxBytes = options.maxBytes ?? ATTACHMENT_MAX_BYTES;
  if (!request.isMultipart()) {
    throw invalid([{ path: 'file', message: '请以 multipart/form-data 上传文件字段 file' }], 'Expected multipart/form-data');
  }
  let upload: Omit<Upload, 'fields'> | undefined;
  const fields: Record<string, string> = {};
  for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20 } })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.file.truncated) {
        throw new AppError('payload_too_large', 'File too large', { userMessage: `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限` });
      }
      if (part.fieldname !== 'file') continue;
      const name = cleanFileName(part.filename ?? '');
      if (!name) throw invalid([{ path: 'file', message: '文件名不能为空' }]);
      if (bytes.length === 0) throw invalid([{ path: 'file', message: '文件为空' }]);
      upload = { name, contentType: decideContentType(name, bytes), bytes };
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  if (!upload) throw invalid([{ path: 'file', message: '请上传文件（字段名 file）' }], 'No file');
  return { ...upload, fields };
}

interface FileRow {
  id: string;
  owner_kind: string;
  owner_id: string;
  name: string;
  content_type: string;
  size_bytes: number;
  sha256: Buffer;
  created_at: Date;
}

function present(row: FileRow): StoredFile {
  return {
    id: row.id,
    ownerKind: row.owner_kind,
    ownerId: row.owner_id,
    name: row.name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256.toString('hex'),
    uploadedAt: row.created_at.toISOString(),
  };
}

const COLUMNS = ['id', 'owner_kind', 'owner_id', 'name', 'content_type', 'size_bytes', 'sha256', 'created_at'] as const;

/** Store a checked upload for one owner (inside the caller's transaction when given one). */
export async function storeFile(
  db: Db | Tx,
  input: { ownerKind: string; ownerId: string; upload: Pick<Upload, 'name' | 'bytes'>; uploadedBy: string | null },
): Promise<StoredFile> {
  const { name, bytes } = input.upload;
  const contentType = decideContentType(name, bytes);
  const row = await db
    .insertInto('files')
    .values({
      owner_kind: input.ownerKind,
      owner_id: input.ownerId,
      name,
      content_type: contentType,
      size_bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest(),
      bytes,
      uploaded_by: input.uploadedBy,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return present(row);
}

/** An owner's files, oldest first (no content). */
export async function listFiles(db: Db | Tx, ownerKind: string, ownerId: string): Promise<StoredFile[]> {
  const rows = await db.selectFrom('files').select(COLUMNS).where('owner_kind', '=', ownerKind).where('owner_id', '=', ownerId).orderBy('id').execute();
  return rows.map(present);
}

/** Files of many owners of one kind, grouped by owner id (for list pages). */
export async function listFilesOf(db: Db | Tx, ownerKind: string, ownerIds: readonly string[]): Promise<Map<string, StoredFile[]>> {
  const byOwner = new Map<string, StoredFile[]>();
  if (ownerIds.length === 0) return byOwner;
  const rows = await db.selectFrom('files').select(COLUMNS).where('owner_kind', '=', ownerKind).where('owner_id', 'in', [...ownerIds]).orderBy('id').execute();
  for (const row of rows) {
    const list = byOwner.get(row.owner_id) ?? [];
    list.push(present(row));
    byOwner.set(row.owner_id, list);
  }
  return byOwner;
}

const isId = (value: string) => /^[1-9][0-9]{0,17}$/.test(value);

/**
 * One file with its content, if it belongs to that owner.
 * @throws not_found otherwise (also for malformed ids).
 */
export async function fetchFile(db: Db | Tx, ownerKind: string, ownerId: string, fileId: string): Promise<StoredFileWithBytes> {
  const row = isId(fileId)
    ? await db
        .selectFrom('files')
        .select([...COLUMNS, 'bytes'])
        .where('id', '=', fileId)
        .where('owner_kind', '=', ownerKind)
        .where('owner_id', '=', ownerId)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound('File');
  return { ...present(row), bytes: row.bytes };
}

/**
 * Delete one of an owner's files.
 * @throws not_found when it is not that owner's.
 */
export async function deleteFile(db: Db | Tx, ownerKind: string, ownerId: string, fileId: string): Promise<StoredFile> {
  const row = isId(fileId)
    ? await db.deleteFrom('files').where('id', '=', fileId).where('owner_kind', '=', ownerKind).where('owner_id', '=', ownerId).returning(COLUMNS).executeTakeFirst()
    : undefined;
  if (!row) throw notFound('File');
  return present(row);
}

/** Send a file as a download: the platform's content type, attachment disposition, no sniffing, no scripts. */
export function sendFile(reply: FastifyReply, file: StoredFileWithBytes): FastifyReply {
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}

/** The API shape of a stored file (download links go through the owning resource's route). */
export function fileView(f: StoredFile): FileView {
  return { id: f.id, name: f.name, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256, uploadedAt: f.uploadedAt };
}
