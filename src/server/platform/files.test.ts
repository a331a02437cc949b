import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, multipartBody } from '../../../test/support.js';
import type { Db } from '../db/database.js';
import type { App } from '../http/context.js';
import { cleanFileName, decideContentType, deleteFile, fetchFile, listFiles, listFilesOf, readUpload, sendFile, storeFile } from './files.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');

let app: App;
let db: Db;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  // A route of the shape every owning module uses: upload to an owner, download through it.
  app.post('/test/owners/:ownerId/files', { schema: { params: z.object({ ownerId: z.string() }) } }, async (request, reply) => {
    const upload = await readUpload(request, { maxBytes: 64 * 1024 });
    const file = await storeFile(db, { ownerKind: 'test_owner', ownerId: (request.params as { ownerId: string }).ownerId, upload, uploadedBy: null });
    return reply.code(201).send({ ...file, fields: upload.fields });
  });
  app.get('/test/owners/:ownerId/files/:fileId', async (request, reply) => {
    const { ownerId, fileId } = request.params as { ownerId: string; fileId: string };
    return sendFile(reply, await fetchFile(db, 'test_owner', ownerId, fileId));
  });
});

async function upload(ownerId: string, bytes: Buffer, name: string, fields: Record<string, string> = {}) {
  const body = multipartBody(bytes, name, fields);
  return app.inject({ method: 'POST', url: `/test/owners/${ownerId}/files`, headers: body.headers, payload: body.payload });
}

describe('attachment store', () => {
  it('stores an upload with its checked type and hash, and serves it back only through its owner', async () => {
    const res = await upload('a1', PDF, '../../etc/报价单.pdf', { note: '第一版' });
    expect(res.statusCode).toBe(201);
    const stored = res.json();
    expect(stored).toMatchObject({ name: '报价单.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, fields: { note: '第一版' } });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);

    const download = await app.inject({ method: 'GET', url: `/test/owners/a1/files/${stored.id}` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('报价单.pdf')}`);

    // The same file id under another owner, or a malformed id, is not found.
    expect((await app.inject({ method: 'GET', url: `/test/owners/a2/files/${stored.id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/test/owners/a1/files/abc' })).statusCode).toBe(404);
  });

  it('refuses a file over the limit with 413 and stores nothing', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(70 * 1024, 0x20)]);
    const res = await upload('big', big, 'big.pdf');
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await listFiles(db, 'test_owner', 'big')).toEqual([]);
  });

  it('refuses forbidden types and bytes that lie about their extension with 415 naming the file field', async () => {
    const html = await upload('t', HTML, 'page.html');
    expect(html.statusCode).toBe(415);
    expect(html.json().errors[0].path).toBe('file');
    const fake = await upload('t', HTML, 'invoice.pdf');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().detail).toContain('.pdf');
    expect(await listFiles(db, 'test_owner', 't')).toEqual([]);
  });

  it('asks for the file part when it is missing, and for multipart when the body is JSON', async () => {
    const empty = multipartBody(Buffer.alloc(0), 'x.pdf');
    const res = await app.inject({ method: 'POST', url: '/test/owners/e/files', headers: empty.headers, payload: empty.payload });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('file');
    const json = await app.inject({ method: 'POST', url: '/test/owners/e/files', payload: { a: 1 } });
    expect(json.statusCode).toBe(422);
    expect(json.json().errors[0].path).toBe('file');
  });

  it('lists, groups and deletes an owner’s files', async () => {
    const a = await storeFile(db, { ownerKind: 'test_list', ownerId: 'x', upload: { name: 'a.png', bytes: PNG }, uploadedBy: null });
    const b = await storeFile(db, { ownerKind: 'test_list', ownerId: 'x', upload: { name: 'b.txt', bytes: Buffer.from('说明') }, uploadedBy: null });
    await storeFile(db, { ownerKind: 'test_list', ownerId: 'y', upload: { name: 'c.pdf', bytes: PDF }, uploadedBy: null });
    expect((await listFiles(db, 'test_list', 'x')).map((f) => f.name)).toEqual(['a.png', 'b.txt']);
    const grouped = await listFilesOf(db, 'test_list', ['x', 'y', 'z']);
    expect([...grouped.keys()].sort()).toEqual(['x', 'y']);
    await expect(deleteFile(db, 'test_list', 'y', a.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await deleteFile(db, 'test_list', 'x', a.id)).name).toBe('a.png');
    expect((await listFiles(db, 'test_list', 'x')).map((f) => f.id)).toEqual([b.id]);
  });
});

describe('file names and types', () => {
  it('keeps the last path component without control characters, and the extension when shortening', () => {
    expect(cleanFileName('C:\\Users\\张三\\方案.docx')).toBe('方案.docx');
    expect(cleanFileName('a\u0000b\u001f.pdf')).toBe('ab.pdf');
    const long = cleanFileName(`${'长'.repeat(300)}.xlsx`);
    expect(long.length).toBe(200);
    expect(long.endsWith('.xlsx')).toBe(true);
  });

  it('decides the type from the extension and checks the bytes', () => {
    expect(decideContentType('scan.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(decideContentType('notes.txt', Buffer.from('纯文本'))).toContain('text/plain');
    expect(() => decideContentType('notes.txt', Buffer.from([0x61, 0x00, 0x62]))).toThrow(/not .txt/);
    expect(() => decideContentType('sheet.xlsx', PDF)).toThrow(/not .xlsx/);
    expect(() => decideContentType('run.exe', PDF)).toThrow(/not accepted/);
    expect(() => decideContentType('noext', PDF)).toThrow(/not accepted/);
  });
});
