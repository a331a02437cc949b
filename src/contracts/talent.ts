/** Contracts of the talent side of the innovation module: expert consultations, expert committees, training courses (issue 5 items 7–8). */
import { z } from 'zod';
import { PageQuery, RegionCode, Uscc } from './common.js';

const Text = (max: number) => z.string().trim().min(2, '至少2个字').max(max);
const Id = z.string().regex(/^\d{1,18}$/, '编号应为数字');

export const URGENCIES = ['low', 'normal', 'high'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const CONSULTATION_STATUSES = ['open', 'answered', 'closed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const CreateConsultationBody = z.object({
  field: z.string().trim().min(2, '至少2个字').max(40).describe('Technical field, e.g. 锂电池 or 精密加工: matched against experts’ fields.'),
  question: Text(5000).describe('The question, as the SME would put it to an expert.'),
  urgency: z.enum(URGENCIES).default('normal').describe('low / normal / high.'),
  uscc: Uscc.optional().describe('The requesting enterprise; a member’s own by default.'),
  committeeId: Id.optional().describe('Route to this expert committee’s members instead of the pool ranking.'),
});
export type CreateConsultationBody = z.infer<typeof CreateConsultationBody>;

export const ListConsultationsQuery = PageQuery.extend({
  status: z.enum(CONSULTATION_STATUSES).optional(),
});
export type ListConsultationsQuery = z.infer<typeof ListConsultationsQuery>;

export const ConsultationRouteView = z.object({
  id: z.string(),
  expertId: z.string(),
  expertName: z.string(),
  expertAffiliation: z.string(),
  rank: z.number().int().describe('1 = best match.'),
  score: z.number().describe('Field match × spare capacity, 0–1.05.'),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  isMine: z.boolean().describe('The caller is this expert.'),
});
export type ConsultationRouteView = z.infer<typeof ConsultationRouteView>;

export const ConsultationView = z.object({
  id: z.string(),
  field: z.string(),
  question: z.string(),
  urgency: z.enum(URGENCIES),
  status: z.enum(CONSULTATION_STATUSES),
  requesterName: z.string(),
  requesterUscc: z.string(),
  regionCode: z.string(),
  committeeId: z.string().nullable(),
  committeeName: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string(),
  createdAt: z.string(),
  routes: z.array(ConsultationRouteView).describe('Experts the request was routed to; an expert sees only their own row.'),
  canAnswer: z.boolean(),
  canRate: z.boolean(),
});
export type ConsultationView = z.infer<typeof ConsultationView>;

export const AnswerConsultationBody = z.object({ answer: Text(10_000) });
export const RateConsultationBody = z.object({
  rating: z.number().int().min(1, '评分为1–5分').max(5, '评分为1–5分'),
  comment: z.string().trim().max(1000).optional(),
});
export type RateConsultationBody = z.infer<typeof RateConsultationBody>;

export const ConsultationStatistics = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  meanRating: z.number().nullable().describe('Mean of the ratings given, 1–5; null when none.'),
  meanHoursToFirstAnswer: z.number().nullable(),
  byField: z.array(z.object({ field: z.string(), count: z.number().int(), meanRating: z.number().nullable() })),
  byExpert: z.array(z.object({ expertId: z.string(), expertName: z.string(), routed: z.number().int(), answered: z.number().int(), meanRating: z.number().nullable() })),
});
export type ConsultationStatistics = z.infer<typeof ConsultationStatistics>;

export const CommitteeMemberView = z.object({ expertId: z.string(), name: z.string(), affiliation: z.string(), fields: z.array(z.string()), role: z.enum(['chair', 'member']) });
export const CommitteeView = z.object({
  id: z.string(),
  regionCode: z.string(),
  name: z.string(),
  field: z.string(),
  description: z.string(),
  isActive: z.boolean(),
  members: z.array(CommitteeMemberView),
  consultationCount: z.number().int(),
  canManage: z.boolean(),
  createdAt: z.string(),
});
export type CommitteeView = z.infer<typeof CommitteeView>;

export const CreateCommitteeBody = z.object({
  name: z.string().trim().min(2, '至少2个字').max(80),
  field: z.string().trim().min(2, '至少2个字').max(40),
  description: z.string().trim().max(2000).optional(),
  regionCode: RegionCode.optional().describe('The committee’s region: the gov user’s own by default; must lie in their scope.'),
  chairExpertId: Id,
  memberExpertIds: z.array(Id).max(50).default([]).describe('Other members (the chair is added as a member anyway).'),
});
export type CreateCommitteeBody = z.infer<typeof CreateCommitteeBody>;
export const UpdateCommitteeBody = CreateCommitteeBody.omit({ regionCode: true }).extend({ isActive: z.boolean().optional() });
export type UpdateCommitteeBody = z.infer<typeof UpdateCommitteeBody>;

export const ListCommitteesQuery = PageQuery.extend({
  regionCode: RegionCode.optional().describe('Committees of this region and of the regions above it (those an SME there may consult).'),
});
export type ListCommitteesQuery = z.infer<typeof ListCommitteesQuery>;
