import { z } from 'zod';

/** Default and maximum page sizes of every list endpoint. */
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 500;

/** Query parameters shared by every list endpoint (cursor pagination). */
export const PageQuery = z.object({
  cursor: z.string().max(200).optional().describe('Opaque cursor from the previous page’s `nextCursor`.'),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT).describe('Page size.'),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** The one page shape: `{items, nextCursor}` (+ `total` where it is cheap). */
export function Page<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.'),
    total: z.number().int().optional().describe('Number of items matching the filters.'),
  });
}

/** RFC 9457 problem details as rendered by the server for every error. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string().describe('Stable machine-readable error code, e.g. `validation_failed`, `not_found`.'),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('One entry per invalid field.'),
  requestId: z.string(),
});
export type Problem = z.infer<typeof Problem>;

/** GB/T 2260 six-digit region code (e.g. `320505`). `000000` means the whole country. */
export const RegionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字').describe('GB/T 2260 region code, e.g. 320505.');
/** GB/T 4754-2017 code: section letter + digits of any level (`C`, `C38`, `C384`, `C3841`). */
export const IndustryCode = z.string().regex(/^[A-Ta-t](\d{2}(\d{1,2})?)?$/, '行业代码应为门类字母加数字，如 C3841').describe('GB/T 4754-2017 code, e.g. C3841.');
/** 18-character unified social credit code. Checked further by the service (check character). */
export const Uscc = z.string().trim().min(1).max(32).describe('统一社会信用代码 (GB 32100-2015).');

/** A calendar date YYYY-MM-DD that exists (2020-02-30 does not): a business date, Asia/Shanghai. */
export const BusinessDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, '日期不存在');
