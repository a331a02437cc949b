/**
 * Contracts of the service module (服务链): typical cases (典型案例, WR-3) with their review
 * workflow and public pages. Shared by server, web and CLI.
 */
import { z } from 'zod';
import { PageQuery, RegionCode, Uscc } from './common.js';
import { EnterpriseTag } from './enterprises.js';
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

// ── Policy programmes (政策项目, WR-2) ──────────────────────────────────────────

/** Eligibility rules a programme is written with; evaluated by the assessment rule engine. */
export const ProgrammeRules = z.object({
  isSmeRequired: z.boolean().default(true).describe('Only SMEs (size small/medium/micro by the 2017 rules).'),
  tagsAny: z.array(EnterpriseTag).max(5).default([]).describe('The enterprise holds at least one of these titles (empty: any).'),
  industryDivisions: z.array(z.string().regex(/^[A-T]\d{2}$/, '行业大类代码，如 C38')).max(20).default([]).describe('GB/T 4754 divisions (e.g. C38); empty: any.'),
});
export type ProgrammeRules = z.infer<typeof ProgrammeRules>;

export const CreateProgrammeBody = z.object({
  title: Text(120),
  regionCode: RegionCode.optional().describe('Enterprises registered here or below may apply (default: the gov user’s region).'),
  description: z.string().trim().max(CASE_TEXT_MAX).optional(),
  rules: ProgrammeRules,
  maxAmountYuan: z.number().positive().max(1e10).describe('Most support per enterprise in 元 (stored as fen).'),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('Last business day (Asia/Shanghai) to apply, YYYY-MM-DD.'),
});
export type CreateProgrammeBody = z.infer<typeof CreateProgrammeBody>;

/** One reason of an eligibility verdict: a rule, whether it held (null: a figure is missing) and the enterprise's value. */
export const EligibilityReason = z.object({ key: z.string(), text: z.string(), passed: z.boolean().nullable(), detail: z.string() });
export type EligibilityReason = z.infer<typeof EligibilityReason>;
export const EligibilityView = z.object({ isEligible: z.boolean(), reasons: z.array(EligibilityReason), uscc: z.string(), name: z.string() });
export type EligibilityView = z.infer<typeof EligibilityView>;

export const ProgrammeView = z.object({
  id: z.string(),
  title: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  description: z.string(),
  rules: ProgrammeRules,
  rulesText: z.array(z.string()).describe('The rules in words, as enterprises read them.'),
  maxAmountFen: z.number().int(),
  deadline: z.string(),
  isOpen: z.boolean().describe('Today (Asia/Shanghai) is on or before the deadline.'),
  canManage: z.boolean(),
  myApplicationId: z.string().nullable(),
});
export type ProgrammeView = z.infer<typeof ProgrammeView>;

export const ApplyProgrammeBody = z.object({
  uscc: Uscc.optional().describe('Applying enterprise; a member applies for its own (default).'),
  requestedYuan: z.number().positive().max(1e10).describe('Support asked for, in 元 (stored as fen); at most the programme’s maximum.'),
  plan: z.string().trim().max(CASE_TEXT_MAX).optional(),
});
export type ApplyProgrammeBody = z.infer<typeof ApplyProgrammeBody>;

export const PROGRAMME_APPLICATION_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export const ProgrammeApplicationView = z.object({
  id: z.string(),
  programmeId: z.string(),
  programmeTitle: z.string(),
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  requestedFen: z.number().int(),
  plan: z.string(),
  isEligible: z.boolean(),
  reasons: z.array(EligibilityReason),
  status: z.enum(PROGRAMME_APPLICATION_STATUSES),
  approvedFen: z.number().int().nullable(),
  decisionNote: z.string(),
  createdAt: z.string(),
});
export type ProgrammeApplicationView = z.infer<typeof ProgrammeApplicationView>;

export const DecideApplicationBody = z.object({
  decision: z.enum(['approve', 'reject']),
  approvedYuan: z.number().min(0).max(1e10).optional().describe('Approved amount in 元 (required to approve; at most the programme’s maximum).'),
  note: z.string().trim().max(2000).optional(),
});
export type DecideApplicationBody = z.infer<typeof DecideApplicationBody>;
