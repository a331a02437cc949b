/** Route schemas shared by the capital chain's route files. */
import { z } from 'zod';

export const IdParams = z.object({ id: z.string().min(1).max(20).describe('Id') });
export const HistoryQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const HistoryPage = z.object({
  items: z.array(z.object({ id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), before: z.unknown(), after: z.unknown() })),
  nextCursor: z.string().nullable(),
});
export const TAGS = ['capital'];
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** `content-disposition` of an Excel download: an ASCII fallback name and the Chinese one. */
export function attachment(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
