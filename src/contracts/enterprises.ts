import { z } from 'zod';
import { BusinessDate, IndustryCode, PageQuery, RegionCode, Uscc } from './common.js';

/** Enterprise tags (梯度 tiers and roles). */
export const ENTERPRISE_TAGS = ['innovative', 'specialized', 'little_giant', 'leader', 'high_tech'] as const;
export const EnterpriseTag = z.enum(ENTERPRISE_TAGS);
export type EnterpriseTag = z.infer<typeof EnterpriseTag>;
export const TAG_LABELS: Record<EnterpriseTag, string> = {
  innovative: '创新型中小企业',
  specialized: '专精特新中小企业',
  little_giant: '专精特新“小巨人”',
  leader: '链主企业',
  high_tech: '高新技术企业',
};

export const SIZES = ['large', 'medium', 'small', 'micro'] as const;
export const Size = z.enum(SIZES);
export type Size = z.infer<typeof Size>;
export const SIZE_LABELS: Record<Size, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

export const NAME_MAX = 200;
export const PRODUCTS_MAX = 50;
export const PRODUCT_MAX = 100;
export const CAPABILITIES_MAX = 4000;

/** Non-negative amount in 万元 (10,000 CNY), as in statistical reporting; stored as integer fen. */
const Wan = z.number().min(0).max(1e9);


export const Certification = z.object({
  name: z.string().trim().min(1).max(100).describe('e.g. ISO 9001, IATF 16949, 高新技术企业'),
  issuer: z.string().trim().max(100).nullable().optional(),
  number: z.string().trim().max(100).nullable().optional(),
  expiresOn: BusinessDate.nullable().optional().describe('Business date (Asia/Shanghai).'),
});
export type Certification = z.infer<typeof Certification>;

export const Contact = z.object({
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().max(50).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  email: z.string().trim().email().max(100).nullable().optional(),
});
export type Contact = z.infer<typeof Contact>;

export const Financials = z.object({
  year: z.number().int().min(1990).max(2100),
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  revenue: Wan.nullable().optional().describe('营业收入, 万元'),
  assets: Wan.nullable().optional().describe('资产总额, 万元'),
  rdSpend: Wan.nullable().optional().describe('研发费用, 万元'),
});
export type Financials = z.infer<typeof Financials>;

export const CreateEnterpriseBody = z.object({
  uscc: Uscc,
  name: z.string().trim().min(2).max(NAME_MAX),
  regionCode: RegionCode,
  industryCode: IndustryCode,
  employees: z.number().int().min(0).max(10_000_000).optional().describe('从业人员 (latest year)'),
  revenue: Wan.optional().describe('营业收入, 万元 (latest year)'),
  assets: Wan.optional().describe('资产总额, 万元 (latest year)'),
  year: z.number().int().min(1990).max(2100).optional().describe('Year of the figures; default last year.'),
  tags: z.array(EnterpriseTag).max(ENTERPRISE_TAGS.length).optional(),
  products: z.array(z.string().trim().min(1).max(PRODUCT_MAX)).max(PRODUCTS_MAX).optional(),
  capabilities: z.string().max(CAPABILITIES_MAX).optional(),
  certifications: z.array(Certification).max(50).optional(),
  contacts: z.array(Contact).max(20).optional(),
});
export type CreateEnterpriseBody = z.infer<typeof CreateEnterpriseBody>;

export const UpdateEnterpriseBody = CreateEnterpriseBody.omit({ uscc: true }).partial().extend({
  financials: z.array(Financials).max(20).optional().describe('Yearly indicators to upsert by year.'),
});
export type UpdateEnterpriseBody = z.infer<typeof UpdateEnterpriseBody>;

export const ListEnterprisesQuery = PageQuery.extend({
  region: z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字').optional().describe('Region subtree (GB/T 2260).'),
  industry: IndustryCode.optional().describe('Industry subtree (GB/T 4754 prefix).'),
  q: z.string().trim().max(100).optional().describe('Name search: Chinese substring or pinyin initials.'),
  size: Size.optional(),
  tag: EnterpriseTag.optional(),
});
export type ListEnterprisesQuery = z.infer<typeof ListEnterprisesQuery>;

export const SizeBasis = z.object({
  indicator: z.enum(['employees', 'revenue', 'assets']),
  value: z.number().nullable(),
  unit: z.string(),
  size: Size.nullable(),
  band: z.string(),
  explanation: z.string(),
});

/** An enterprise as listed (public profile fields only). */
export const EnterpriseSummary = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  industryCode: z.string(),
  industryName: z.string(),
  size: Size.nullable(),
  tags: z.array(EnterpriseTag),
  updatedAt: z.string(),
});
export type EnterpriseSummary = z.infer<typeof EnterpriseSummary>;

/** An enterprise in full. `restricted` is present only for the enterprise’s own members, gov users in scope and admins. */
export const EnterpriseDetail = EnterpriseSummary.extend({
  sizeCategory: z.string().nullable(),
  sizeBasis: z.array(SizeBasis),
  products: z.array(z.string()),
  capabilities: z.string(),
  certifications: z.array(Certification),
  createdAt: z.string(),
  restricted: z
    .object({
      contacts: z.array(Contact),
      financials: z.array(Financials),
    })
    .optional(),
});
export type EnterpriseDetail = z.infer<typeof EnterpriseDetail>;

export const ImportError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type ImportError = z.infer<typeof ImportError>;

/** Result of an import (dry run or commit). */
export const ImportReport = z.object({
  rows: z.number().int().describe('Data rows read (header excluded).'),
  valid: z.number().int().describe('Rows without errors.'),
  errors: z.array(ImportError),
  committed: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int().describe('Rows skipped by a remembered “same enterprise” decision.'),
  uncertain: z
    .array(
      z.object({
        row: z.number().int(),
        uscc: z.string(),
        name: z.string(),
        existingUscc: z.string(),
        existingName: z.string(),
        decision: z.enum(['distinct', 'skip']).nullable(),
      }),
    )
    .describe('Same normalised name as an existing enterprise with another USCC; decide with `decisions`.'),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** A decision on an uncertain match, remembered for later uploads. */
export const ImportDecision = z.object({
  uscc: z.string(),
  existingUscc: z.string(),
  decision: z.enum(['distinct', 'skip']).describe('`distinct`: a different enterprise, import it; `skip`: the same one, skip the row.'),
});
export type ImportDecision = z.infer<typeof ImportDecision>;

/** Import columns: key, Chinese header, English header. */
export const IMPORT_COLUMNS = [
  { key: 'uscc', zh: '统一社会信用代码', en: 'uscc', required: true },
  { key: 'name', zh: '企业名称', en: 'name', required: true },
  { key: 'regionCode', zh: '行政区划代码', en: 'regionCode', required: true },
  { key: 'industryCode', zh: '行业代码', en: 'industryCode', required: true },
  { key: 'employees', zh: '从业人员', en: 'employees', required: false },
  { key: 'revenue', zh: '营业收入(万元)', en: 'revenue', required: false },
  { key: 'assets', zh: '资产总额(万元)', en: 'assets', required: false },
  { key: 'products', zh: '主要产品', en: 'products', required: false },
  { key: 'capabilities', zh: '企业能力', en: 'capabilities', required: false },
  { key: 'tags', zh: '标签', en: 'tags', required: false },
] as const;
export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

/** Largest upload accepted by the import endpoint. */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 200_000;
