import { z } from 'zod';

/** Largest attachment accepted (413 above it). */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** Attachment types the platform accepts, by file extension; the bytes must match (else 415). */
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
} as const;

export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;

/** An attachment as the API presents it (download through the owning resource's route). */
export const FileView = z.object({
  id: z.string().describe('File id; downloads go through the owning resource, e.g. `/api/v1/needs/{id}/files/{fileId}`'),
  name: z.string().describe('Original file name'),
  contentType: z.string().describe('Content type decided by the platform from the extension and the bytes'),
  sizeBytes: z.number().int(),
  sha256: z.string().describe('SHA-256 of the content, hex'),
  uploadedAt: z.string().describe('UTC timestamp'),
});
export type FileView = z.infer<typeof FileView>;
