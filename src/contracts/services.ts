/**
 * Contracts of the service module (服务链): typical cases (典型案例, WR-3) with their review
 * workflow and public pages. Shared by server, web and CLI.
 */
import { z } from 'zod';
import { PageQuery, RegionCode, Uscc } from './common.js';
import { FileView } from './files.js';

const Text = (max: number) => z.string().trim().min(2, '至少2个字').max(max);

/** Longest case summary and results texts. */
export const CASE_TEXT_MAX = 20_000;
/** Most enterprises named in one case. */
export const CASE_ENTERPRISES_MAX = 30;

/** Cooperation models of a case (融通模式). */
export const CASE_MODELS = ['supply_chain', 'innovation', 'data', 'capacity', 'capital', 'talent', 'service', 'other'] as const;
export type CaseModel = (typeof CASE_MODELS)[number];
/** Workflow states: draft → submitted → returned | published. */
export const CASE_STATUSES = ['draft', 'submitted', 'returned', 'published'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** An enterprise's part in a case. */
export const CASE_ENTERPRISE_ROLES = ['leader', 'sme', 'other'] as const;
export type CaseEnterpriseRole = (typeof CASE_ENTERPRISE_ROLES)[number];

export const CaseEnterpriseInput = z.object({
  uscc: Uscc.describe('A registered enterprise’s 统一社会信用代码.'),
  role: z.enum(CASE_ENTERPRISE_ROLES).describe('leader 链主/大企业, sme 中小企业, other 其他.'),
});

export const CreateCaseBody = z.object({
  title: Text(120),
  model: z.enum(CASE_MODELS).describe('Cooperation model: supply_chain 供应链协同, innovation 创新协同, data 数据协同, capacity 产能共享, capital 资金链协同, talent 人才协同, service 服务协同, other 其他.'),
  chainId: z.string().regex(/^\d{1,18}$/).optional().describe('The industry chain the case belongs to, if any.'),
  regionCode: RegionCode.optional().describe('Region whose gov reviews the case. Members: their enterprise’s region (ignored); gov: a region in scope (default: their own).'),
  summary: Text(CASE_TEXT_MAX).describe('The cooperation model in prose.'),
  results: z.string().trim().max(CASE_TEXT_MAX).optional().describe('Results achieved.'),
  enterprises: z.array(CaseEnterpriseInput).min(1, '至少填写一家企业').max(CASE_ENTERPRISES_MAX).describe('Enterprises of the case (registered USCCs, no repeats).'),
});
export type CreateCaseBody = z.infer<typeof CreateCaseBody>;

/** Editing a draft or returned case: any of the create fields. */
export const UpdateCaseBody = CreateCaseBody.partial();
export type UpdateCaseBody = z.infer<typeof UpdateCaseBody>;

export const ReturnCaseBody = z.object({ comment: Text(2000).describe('What to change before resubmitting (shown to the submitter).') });
export type ReturnCaseBody = z.infer<typeof ReturnCaseBody>;

export const ListCasesQuery = PageQuery.extend({
  status: z.enum(CASE_STATUSES).optional(),
  model: z.enum(CASE_MODELS).optional(),
  q: z.string().trim().max(100).optional().describe('Words in the title or summary.'),
});
export type ListCasesQuery = z.infer<typeof ListCasesQuery>;

export const PublicCasesQuery = PageQuery.extend({
  model: z.enum(CASE_MODELS).optional(),
  region: RegionCode.optional().describe('Cases of this region and below.'),
  q: z.string().trim().max(100).optional(),
});
export type PublicCasesQuery = z.infer<typeof PublicCasesQuery>;

export const CaseView = z.object({
  id: z.string(),
  title: z.string(),
  model: z.enum(CASE_MODELS),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  summary: z.string(),
  results: z.string(),
  status: z.enum(CASE_STATUSES),
  enterprises: z.array(z.object({ uscc: z.string(), name: z.string(), role: z.enum(CASE_ENTERPRISE_ROLES) })),
  files: z.array(FileView).describe('Media files; download through `/api/v1/cases/{id}/files/{fileId}` (or the public path once published).'),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  reviewComment: z.string().nullable().describe('Reviewer’s comments (its editors and reviewers; null for the public).'),
  canEdit: z.boolean().describe('The caller may edit, attach files and submit (draft or returned, its organisation or author).'),
  canReview: z.boolean().describe('The caller may return or publish (submitted, gov in scope of the region).'),
});
export type CaseView = z.infer<typeof CaseView>;
