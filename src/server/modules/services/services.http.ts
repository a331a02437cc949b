/** HTTP helpers of the service module's routes. */
import type { FastifyReply } from 'fastify';

/** Send a workbook as a download with a Chinese file name (ASCII fallback + RFC 5987). */
export function sendXlsx(reply: FastifyReply, name: string, body: Buffer): FastifyReply {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${encodeURIComponent(name).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(body);
}
