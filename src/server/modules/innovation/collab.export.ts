/** Shared bits of the consortia, patents and green workbooks. */
import type { FastifyReply } from 'fastify';

/** Send an `.xlsx` body with an ASCII file name and its Chinese name (RFC 6266 `filename*`). */
export function sendWorkbook(reply: FastifyReply, body: Buffer, asciiName: string, name: string) {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(body);
}

/** Read every page of a cursor-paginated list. */
export async function allPages<T>(read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
