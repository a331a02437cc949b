/** Contracts of standards and patents (标准与专利, IN-4): standard-drafting projects with participants, patent records tied to chain segments, per-chain coverage. */
import { z } from 'zod';
import { BusinessDate, PageQuery, Uscc } from './common.js';
import { PatentNumber } from './achievements.js';

export const STANDARD_LEVELS = ['national', 'industry', 'group', 'international'] as const;
/** national 国家标准 / industry 行业标准 / group 团体标准 / international 国际标准. */
export type StandardLevel = (typeof STANDARD_LEVELS)[number];
export const STANDARD_STATUSES = ['proposed', 'drafting', 'consultation', 'approved', 'published'] as const;
export type StandardStatus = (typeof STANDARD_STATUSES)[number];
export const PARTICIPANT_ROLES = ['lead', 'drafter', 'reviewer'] as const;
/** lead 主编单位 / drafter 参编单位 / reviewer 审查单位. */
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const PATENT_TYPES = ['invention', 'utility', 'design'] as const;
/** invention 发明 / utility 实用新型 / design 外观设计. */
export type PatentType = (typeof PATENT_TYPES)[number];

const Text = (max: number) => z.string().trim().min(2, '至少2个字').max(max);
const Id = z.string().regex(/^\d{1,18}$/, '编号无效');

export const CreateStandardBody = z.object({
  title: Text(200),
  code: z.string().trim().max(60).default('').describe('Standard number once assigned, e.g. GB/T 36276-2023, T/CIAPS 0012-2025.'),
  level: z.enum(STANDARD_LEVELS),
  status: z.enum(STANDARD_STATUSES).default('proposed'),
  uscc: Uscc.optional().describe('The lead drafting organisation: a member’s own (default); gov users and admins name one in scope.'),
  chainId: Id.optional(),
  consortiumId: Id.optional().describe('A consortium the caller can see that drafts it.'),
  participants: z.array(z.object({ uscc: Uscc, role: z.enum(['drafter', 'reviewer']) })).max(100).default([]).describe('Other drafting organisations.'),
});
export type CreateStandardBody = z.infer<typeof CreateStandardBody>;

export const UpdateStandardBody = z.object({ status: z.enum(STANDARD_STATUSES).optional(), code: z.string().trim().max(60).optional() });
export type UpdateStandardBody = z.infer<typeof UpdateStandardBody>;

export const ListStandardsQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  level: z.enum(STANDARD_LEVELS).optional(),
  status: z.enum(STANDARD_STATUSES).optional(),
});
export type ListStandardsQuery = z.infer<typeof ListStandardsQuery>;

export const StandardView = z.object({
  id: z.string(),
  title: z.string(),
  code: z.string(),
  level: z.enum(STANDARD_LEVELS),
  status: z.enum(STANDARD_STATUSES),
  leadName: z.string(),
  leadUscc: z.string(),
  regionCode: z.string(),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  consortiumId: z.string().nullable(),
  participants: z.array(z.object({ uscc: z.string(), name: z.string(), role: z.enum(PARTICIPANT_ROLES) })),
  canManage: z.boolean(),
  createdAt: z.string(),
});
export type StandardView = z.infer<typeof StandardView>;

export const CreatePatentBody = z.object({
  number: PatentNumber,
  title: Text(200),
  holderUscc: Uscc.optional().describe('The holder: a member’s own enterprise (default); gov users and admins name one in scope.'),
  type: z.enum(PATENT_TYPES),
  filedOn: BusinessDate,
  grantedOn: BusinessDate.optional(),
  chainId: Id.optional(),
  segmentKey: z.string().trim().max(60).optional().describe('A segment of `chainId`.'),
});
export type CreatePatentBody = z.infer<typeof CreatePatentBody>;

export const ListPatentsQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional().describe('Words in the number, title or holder.'),
  type: z.enum(PATENT_TYPES).optional(),
  chainId: Id.optional(),
  segmentKey: z.string().trim().max(60).optional(),
  holderUscc: z.string().trim().max(32).optional(),
});
export type ListPatentsQuery = z.infer<typeof ListPatentsQuery>;

export const PatentView = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  type: z.enum(PATENT_TYPES),
  holderName: z.string(),
  holderUscc: z.string(),
  holderSize: z.string().nullable(),
  regionCode: z.string(),
  filedOn: z.string(),
  grantedOn: z.string().nullable(),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  segmentKey: z.string().nullable(),
  segmentName: z.string().nullable(),
});
export type PatentView = z.infer<typeof PatentView>;

export const SegmentCoverage = z.object({
  key: z.string(),
  name: z.string(),
  stage: z.string(),
  patents: z.number().describe('Patents tied to the segment.'),
  invention: z.number().describe('Of which invention patents.'),
  granted: z.number(),
  leaderPatents: z.number().describe('Held by the chain’s leaders (chain members with role leader).'),
  smePatents: z.number().describe('Held by SMEs (registry size medium, small or micro).'),
  holders: z.number().describe('Distinct holders.'),
  isLeaderGap: z.boolean().describe('The leaders hold none in this segment.'),
  isSmeGap: z.boolean().describe('SMEs hold none in this segment.'),
});
export type SegmentCoverage = z.infer<typeof SegmentCoverage>;

export const PatentCoverage = z.object({
  chainId: z.string(),
  chainName: z.string(),
  segments: z.array(SegmentCoverage),
  unassigned: z.number().describe('Patents of the chain without a segment.'),
});
export type PatentCoverage = z.infer<typeof PatentCoverage>;
