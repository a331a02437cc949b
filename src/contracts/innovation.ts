/** Contracts of the innovation module: challenges (发榜/揭榜), reviews, experts, shared resources and bookings. */
import { z } from 'zod';
import { PageQuery, Uscc } from './common.js';

/** Limits both sides use. */
export const CHALLENGE_TITLE_MAX = 120;
export const CHALLENGE_TEXT_MAX = 20_000;
export const TARGETS_MAX = 20;
export const CRITERIA_MAX = 10;

export const CHALLENGE_TYPES = ['idea', 'proposal', 'prototype'] as const;
/** idea 创意征集 / proposal 技术方案 / prototype 样机到应用. */
export type ChallengeType = (typeof CHALLENGE_TYPES)[number];
export const CHALLENGE_STATUSES = ['open', 'reviewing', 'awarded', 'cancelled'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];
export const APPLICATION_STATUSES = ['submitted', 'shortlisted', 'awarded', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

const Text = (max: number) => z.string().trim().min(2, '至少2个字').max(max);
const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** One weighted review criterion; weights of a challenge sum to 100. */
export const Criterion = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/).describe('Stable key of the criterion, e.g. `feasibility`.'),
  name: z.string().trim().min(1).max(40).describe('Name shown to reviewers, e.g. 技术可行性.'),
  weight: z.number().int().min(1).max(100).describe('Weight in percent; the weights of a challenge sum to 100.'),
});
export type Criterion = z.infer<typeof Criterion>;

/** Default review criteria (weights in percent): the form starts with them; the server uses them when none are given. */
export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'innovation', name: '技术先进性', weight: 40 },
  { key: 'feasibility', name: '技术可行性', weight: 30 },
  { key: 'team', name: '团队能力', weight: 20 },
  { key: 'cost', name: '成本与进度', weight: 10 },
];

/** Default spread (max − min of reviewers' weighted totals) above which a result is flagged. */
export const DEFAULT_DISAGREEMENT_THRESHOLD = 20;
const DisagreementThreshold = z.number({ error: '请输入0–100的整数' }).int('请输入0–100的整数').min(0, '不能小于0').max(100, '不能大于100');

export const CreateChallengeBody = z.object({
  title: Text(CHALLENGE_TITLE_MAX).describe('Title of the challenge.'),
  type: z.enum(CHALLENGE_TYPES).describe('idea 创意 / proposal 技术方案 / prototype 样机到应用.'),
  problem: Text(CHALLENGE_TEXT_MAX).describe('The problem, public summary (everyone signed in reads it).'),
  targets: z.array(z.string().trim().min(1).max(200)).min(1, '至少一项指标').max(TARGETS_MAX).describe('Measurable targets (指标).'),
  budget: z.number().min(0).max(10_000_000).optional().describe('Budget or prize in 万元 (stored as fen).'),
  deadline: BusinessDate.describe('Last day to apply (Asia/Shanghai business date); applications after its end → 409.'),
  confidential: z.boolean().optional().describe('When true, `confidentialDetails` and files are shown only to those who accepted the NDA.'),
  confidentialDetails: z.string().trim().max(CHALLENGE_TEXT_MAX).optional().describe('Details behind the NDA.'),
  ndaText: z.string().trim().max(CHALLENGE_TEXT_MAX).optional().describe('Text of the NDA applicants accept.'),
  ipTerms: z.string().trim().max(2000).optional().describe('IP terms (知识产权归属).'),
  fields: z.array(z.string().trim().min(1).max(40)).max(20).optional().describe('Field keywords used to route reviewers, e.g. 固态电池.'),
  criteria: z.array(Criterion).min(1).max(CRITERIA_MAX).optional().describe('Weighted review criteria (default: 技术先进性 40, 可行性 30, 团队 20, 成本 10).'),
  reviewsPerApplication: z.number().int().min(1).max(9).optional().describe('Reviewers per application (default 3).'),
  disagreementThreshold: DisagreementThreshold.optional().describe(`Spread of reviewers' weighted totals (max − min, 0–100) above which an application is flagged 分歧较大 (default ${DEFAULT_DISAGREEMENT_THRESHOLD}).`),
  uscc: Uscc.optional().describe('Posting enterprise (gov users and admins; members post for their own). Gov users may omit it to post as their department.'),
  chainId: z.string().regex(/^\d{1,18}$/, '产业链编号应为数字').optional().describe('The industry chain the challenge serves (optional).'),
  segmentKey: z.string().trim().min(1).max(60).optional().describe('The chain segment (weak link) the challenge addresses; needs `chainId`.'),
});
export type CreateChallengeBody = z.infer<typeof CreateChallengeBody>;

export const ListChallengesQuery = PageQuery.extend({
  status: z.enum(CHALLENGE_STATUSES).optional(),
  type: z.enum(CHALLENGE_TYPES).optional(),
  q: z.string().trim().max(100).optional(),
  mine: z.enum(['true', 'false']).optional().describe('`true`: challenges the caller posted or applied to.'),
});
export type ListChallengesQuery = z.infer<typeof ListChallengesQuery>;

export const ChallengeView = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(CHALLENGE_TYPES),
  problem: z.string(),
  targets: z.array(z.string()),
  fields: z.array(z.string()),
  budgetFen: z.number().nullable().describe('Budget or prize in fen.'),
  deadline: z.string().describe('Last day to apply (Asia/Shanghai).'),
  isOpen: z.boolean().describe('Applications are accepted now.'),
  ipTerms: z.string(),
  isConfidential: z.boolean(),
  ndaText: z.string(),
  confidentialDetails: z.string().nullable().describe('Null unless the caller may read it (NDA accepted, owner, gov in scope).'),
  hasAcceptedNda: z.boolean(),
  criteria: z.array(Criterion),
  reviewsPerApplication: z.number().int(),
  disagreementThreshold: z.number().int().describe('Spread of reviewers’ totals (max − min) above which an application is flagged.'),
  status: z.enum(CHALLENGE_STATUSES),
  cancelReason: z.string().nullable().describe('Why the publisher cancelled the challenge (status `cancelled`).'),
  cancelledAt: z.string().nullable(),
  canCancel: z.boolean().describe('The caller may cancel it now (a manager, while open or reviewing).'),
  canSetThreshold: z.boolean().describe('The caller may change the disagreement threshold now (a manager, until the award or cancellation).'),
  ownerName: z.string(),
  ownerUscc: z.string().nullable(),
  regionCode: z.string(),
  applicationCount: z.number().int(),
  canManage: z.boolean().describe('The caller may review, assign, shortlist and award.'),
  myApplicationId: z.string().nullable(),
  createdAt: z.string(),
  chainId: z.string().nullable().describe('The chain the challenge serves, if any.'),
  chainName: z.string().nullable(),
  segmentKey: z.string().nullable().describe('The chain segment (weak link) it addresses, if any.'),
  segmentName: z.string().nullable(),
});
export type ChallengeView = z.infer<typeof ChallengeView>;

export const CancelChallengeBody = z.object({ reason: Text(2000).describe('Why the challenge is cancelled; shown on the challenge and sent to applicants.') });
export const DisagreementThresholdBody = z.object({ disagreementThreshold: DisagreementThreshold.describe('0–100: spread (max − min) of reviewers’ weighted totals above which an application is flagged.') });

export const QuestionView = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string().nullable(),
  askedAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type QuestionView = z.infer<typeof QuestionView>;
export const AskQuestionBody = z.object({ question: Text(2000) });
export const AnswerQuestionBody = z.object({ answer: Text(5000) });

export const CreateApplicationBody = z.object({
  uscc: Uscc.describe('Applicant enterprise; a member applies for its own.'),
  proposal: Text(CHALLENGE_TEXT_MAX).describe('The proposal (技术方案).'),
  team: z.string().trim().max(5000).optional().describe('Team members and roles.'),
  schedule: z.string().trim().max(5000).optional().describe('Schedule (进度安排).'),
});
export type CreateApplicationBody = z.infer<typeof CreateApplicationBody>;

/** An existing item similar to a new application (shown on submit). */
export const SimilarItem = z.object({
  kind: z.enum(['challenge', 'application']),
  id: z.string().nullable().describe('Id of a challenge, or of one of the caller’s own applications; null for other applicants’ (not disclosed).'),
  title: z.string().describe('Title of the challenge (for an application: of its challenge).'),
  similarity: z.number().describe('Jaccard similarity of jieba terms, 0–1.'),
});
export type SimilarItem = z.infer<typeof SimilarItem>;

export const ApplicationCreated = z.object({ id: z.string(), status: z.enum(APPLICATION_STATUSES), similar: z.array(SimilarItem) });
export type ApplicationCreated = z.infer<typeof ApplicationCreated>;

export const ApplicationView = z.object({
  id: z.string(),
  challengeId: z.string(),
  applicantName: z.string(),
  applicantUscc: z.string(),
  regionCode: z.string(),
  proposal: z.string(),
  team: z.string(),
  schedule: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  createdAt: z.string(),
  /** Aggregated scores: only for the challenge's managers. */
  result: z
    .object({
      reviews: z.number().int(),
      submitted: z.number().int(),
      mean: z.number().nullable(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      isDisagreement: z.boolean(),
      reviewers: z.array(z.object({ assignmentId: z.string(), expertName: z.string(), total: z.number().nullable(), method: z.string() })),
    })
    .nullable(),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

export const AssignReviewersBody = z.object({
  perApplication: z.number().int().min(1).max(9).describe('Reviewers per application (k).'),
  loadLimit: z.number().int().min(1).max(1000).optional().describe('At most this many reviews per expert in this round (default: balanced, ⌈k·n/experts⌉ + 1), never above the expert’s own remaining load.'),
});
export const AssignReviewersResult = z.object({
  assignments: z.array(z.object({ applicationId: z.string(), expertId: z.string() })),
  objective: z.number().describe('Total field match of the new assignments.'),
  gap: z.number().describe('Relative gap to the upper bound (0 = proved optimal).'),
  bound: z.number(),
  solveSeconds: z.number(),
});
export const ManualAssignBody = z.object({ applicationId: z.string().regex(/^\d{1,18}$/), expertId: z.string().regex(/^\d{1,18}$/) });

export const ReviewView = z.object({
  id: z.string(),
  challengeId: z.string(),
  applicationId: z.string().describe('Opaque id of the application (the applicant stays hidden).'),
  challengeTitle: z.string(),
  challengeType: z.enum(CHALLENGE_TYPES),
  problem: z.string(),
  targets: z.array(z.string()),
  criteria: z.array(Criterion),
  /** Blind: no applicant name or code. */
  proposal: z.string(),
  team: z.string(),
  schedule: z.string(),
  status: z.enum(['assigned', 'submitted']),
  scores: z.record(z.string(), z.number()).nullable(),
  total: z.number().nullable(),
  comment: z.string(),
  assignedAt: z.string(),
});
export type ReviewView = z.infer<typeof ReviewView>;
export const SubmitReviewBody = z.object({
  scores: z.record(z.string(), z.number().min(0).max(100)).describe('0–100 per criterion key; every criterion of the challenge.'),
  comment: z.string().trim().max(5000).optional(),
});
export type SubmitReviewBody = z.infer<typeof SubmitReviewBody>;

export const MilestoneView = z.object({
  id: z.string(),
  applicationId: z.string(),
  title: z.string(),
  dueDate: z.string(),
  weightPct: z.number().int(),
  status: z.enum(['planned', 'delivered', 'accepted']),
  report: z.string(),
  acceptedAt: z.string().nullable(),
});
export type MilestoneView = z.infer<typeof MilestoneView>;
export const CreateMilestoneBody = z.object({
  applicationId: z.string().regex(/^\d{1,18}$/),
  title: Text(200),
  dueDate: BusinessDate,
  weightPct: z.number().int().min(1).max(100),
});
export const DeliverMilestoneBody = z.object({ report: Text(5000) });

export const ChallengeStatistics = z.object({
  applicants: z.number().int(),
  byRegion: z.array(z.object({ regionCode: z.string(), regionName: z.string(), count: z.number().int() })),
  trend: z.array(z.object({ date: z.string(), count: z.number().int() })),
  byStatus: z.record(z.string(), z.number().int()),
  progressPct: z.number().int().describe('Accepted milestones’ weights, 0–100.'),
});

export const CONFLICT_KINDS = ['declared', 'investment', 'employment', 'family'] as const;

export const ExpertView = z.object({
  id: z.string(),
  name: z.string(),
  fields: z.array(z.string()),
  affiliation: z.string(),
  affiliationUscc: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().describe('Full name of the region, e.g. 江苏省苏州市吴中区.'),
  maxLoad: z.number().int(),
  isAvailable: z.boolean(),
  openReviews: z.number().int(),
  conflicts: z.array(z.object({ uscc: z.string(), kind: z.enum(CONFLICT_KINDS), note: z.string() })),
});
export type ExpertView = z.infer<typeof ExpertView>;

/** `GET /api/v1/experts` (and its export): the expert pool's filters. */
export const ListExpertsQuery = z.object({
  q: z.string().trim().max(50).optional().describe('Words of a name, or a field exactly.'),
  field: z.string().trim().max(40).optional().describe('Experts listing this field (exactly, e.g. 锂电池).'),
  regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字').optional().describe('Experts in this region’s subtree (e.g. 320500: all of 苏州).'),
  affiliation: z.string().trim().max(60).optional().describe('Words of the affiliation.'),
  available: z.enum(['true']).optional().describe('Only experts available for reviews and consultations.'),
  cursor: z.string().regex(/^\d{1,19}$/, '分页游标无效').optional().describe('The `nextCursor` of the previous page (an expert id).'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListExpertsQuery = z.infer<typeof ListExpertsQuery>;
export const UpdateExpertBody = z.object({
  name: z.string().trim().min(1).max(60),
  fields: z.array(z.string().trim().min(1).max(40)).min(1).max(30),
  affiliation: z.string().trim().max(120).optional(),
  affiliationUscc: Uscc.optional(),
  regionCode: z.string().regex(/^\d{6}$/),
  maxLoad: z.number().int().min(0).max(200).optional(),
  isAvailable: z.boolean().optional(),
  conflicts: z.array(z.object({ uscc: Uscc, kind: z.enum(CONFLICT_KINDS), note: z.string().trim().max(200).optional() })).max(100).optional(),
});
export type UpdateExpertBody = z.infer<typeof UpdateExpertBody>;

export const RESOURCE_KINDS = ['equipment', 'lab', 'test_site', 'service', 'brand', 'capacity'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const BOOKING_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const CreateResourceBody = z.object({
  title: Text(120),
  kind: z.enum(RESOURCE_KINDS).describe('equipment 仪器设备 / lab 实验室 / test_site 试验场地 / service 设计研发服务 / brand 品牌授权 / capacity 富余产能.'),
  ownerUscc: Uscc.describe('Owner enterprise; a member lists for its own.'),
  specs: z.string().trim().max(5000).optional(),
  location: z.string().trim().max(200).optional(),
  priceInternalYuan: z.number().min(0).max(10_000_000).optional().describe('Price per hour inside the owner (元; stored as fen).'),
  priceExternalYuan: z.number().min(0).max(10_000_000).optional().describe('Price per hour for outside users (元; stored as fen).'),
  rules: z.string().trim().max(5000).optional(),
  openHoursPerWeek: z.number().int().min(0).max(168).optional().describe('Hours a week the resource is open (default 40); the base of utilisation.'),
});
export type CreateResourceBody = z.infer<typeof CreateResourceBody>;
export const ListResourcesQuery = PageQuery.extend({
  kind: z.enum(RESOURCE_KINDS).optional(),
  q: z.string().trim().max(100).optional(),
  mine: z.enum(['true', 'false']).optional(),
});
export type ListResourcesQuery = z.infer<typeof ListResourcesQuery>;
export const ResourceView = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  ownerName: z.string(),
  ownerUscc: z.string(),
  regionCode: z.string(),
  specs: z.string(),
  location: z.string(),
  priceInternalFen: z.number().nullable(),
  priceExternalFen: z.number().nullable(),
  rules: z.string(),
  openHoursPerWeek: z.number().int(),
  isActive: z.boolean(),
  canManage: z.boolean(),
});
export type ResourceView = z.infer<typeof ResourceView>;

export const CreateBookingBody = z.object({
  uscc: Uscc.describe('Booking enterprise; a member books for its own.'),
  start: z.string().datetime({ offset: true }).describe('Start (ISO 8601 with offset).'),
  end: z.string().datetime({ offset: true }).describe('End, exclusive.'),
  purpose: z.string().trim().max(500).optional(),
});
export type CreateBookingBody = z.infer<typeof CreateBookingBody>;
export const BookingView = z.object({
  id: z.string(),
  resourceId: z.string(),
  resourceTitle: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(BOOKING_STATUSES),
  /** Booker: shown to the booker itself and the resource's managers; null for other viewers of the calendar. */
  bookerName: z.string().nullable(),
  bookerUscc: z.string().nullable(),
  purpose: z.string().nullable(),
  usedMinutes: z.number().int().nullable(),
  canDecide: z.boolean(),
  canCancel: z.boolean(),
});
export type BookingView = z.infer<typeof BookingView>;
export const CalendarQuery = z.object({
  from: z.string().datetime({ offset: true }).describe('Window start.'),
  to: z.string().datetime({ offset: true }).describe('Window end.'),
});
export const RecordUsageBody = z.object({ usedMinutes: z.number().int().min(0).max(60 * 24 * 366), note: z.string().trim().max(500).optional() });
export const SharingFigures = z.object({
  resourceId: z.string().nullable(),
  title: z.string(),
  ownerName: z.string(),
  ownerUscc: z.string(),
  bookedHours: z.number().describe('Approved bookings’ hours.'),
  usedHours: z.number().describe('Recorded usage.'),
  outsideHours: z.number().describe('Recorded usage by enterprises other than the owner.'),
  sharingRatePct: z.number().describe('outsideHours / usedHours × 100 (0 when nothing is used).'),
});
export const SharingStatistics = z.object({ byResource: z.array(SharingFigures), byOwner: z.array(SharingFigures) });
