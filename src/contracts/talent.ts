/** Contracts of the talent side of the innovation module: expert consultations, expert committees, training courses (issue 5 items 7–8). */
import { z } from 'zod';
import { BusinessDate, PageQuery, RegionCode, Uscc } from './common.js';

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

export const COURSE_MODES = ['onsite', 'online', 'hybrid'] as const;
export const ENROLMENT_STATUSES = ['enrolled', 'completed', 'cancelled'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const CreateCourseBody = z.object({
  title: Text(120),
  description: z.string().trim().max(5000).optional(),
  field: z.string().trim().max(40).optional(),
  baseName: z.string().trim().max(120).optional().describe('Training base (培训基地).'),
  location: z.string().trim().max(200).optional(),
  mode: z.enum(COURSE_MODES).default('onsite'),
  startsOn: BusinessDate.describe('First day (Asia/Shanghai business date); enrolment closes at its start.'),
  endsOn: BusinessDate,
  hours: z.number().int().min(0).max(2000).optional(),
  feeYuan: z.number().min(0).max(1_000_000).optional().describe('Fee per trainee in 元 (stored as fen); 0 = free.'),
  capacity: z.number().int().min(1, '名额至少为1').max(10_000),
  chainId: Id.optional().describe('Only enterprises placed in this chain may enrol (courses for the chain’s SMEs).'),
  providerUscc: Uscc.optional().describe('The providing enterprise; a member’s own by default.'),
});
export type CreateCourseBody = z.infer<typeof CreateCourseBody>;

export const ListCoursesQuery = PageQuery.extend({
  mine: z.enum(['true']).optional().describe('Only the caller’s enterprise’s courses.'),
  q: z.string().trim().max(50).optional(),
});
export type ListCoursesQuery = z.infer<typeof ListCoursesQuery>;

export const CourseView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  field: z.string(),
  baseName: z.string(),
  location: z.string(),
  mode: z.enum(COURSE_MODES),
  startsOn: z.string(),
  endsOn: z.string(),
  hours: z.number().int(),
  feeFen: z.number().int(),
  capacity: z.number().int(),
  enrolledCount: z.number().int(),
  seatsLeft: z.number().int(),
  isOpen: z.boolean().describe('Active, not yet started, seats left.'),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  providerName: z.string(),
  providerUscc: z.string(),
  regionCode: z.string(),
  canManage: z.boolean(),
  myEnrolments: z.number().int().describe('Live enrolments of the caller’s enterprise.'),
});
export type CourseView = z.infer<typeof CourseView>;

export const EnrolBody = z.object({
  traineeName: z.string().trim().min(2, '至少2个字').max(40),
  uscc: Uscc.optional().describe('The trainee’s employer; a member’s own by default.'),
});
export type EnrolBody = z.infer<typeof EnrolBody>;

export const EnrolmentView = z.object({
  id: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  enterpriseName: z.string(),
  enterpriseUscc: z.string(),
  traineeName: z.string(),
  status: z.enum(ENROLMENT_STATUSES),
  certificateNo: z.string(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type EnrolmentView = z.infer<typeof EnrolmentView>;
export const CompleteEnrolmentBody = z.object({ certificateNo: z.string().trim().max(60).optional() });

/** Columns of the investments import (template order; Chinese or English headers). */
export const INVESTMENT_COLUMNS = [
  { key: 'investorUscc', zh: '投资方统一社会信用代码' },
  { key: 'investorName', zh: '投资方名称' },
  { key: 'investeeUscc', zh: '被投资方统一社会信用代码' },
  { key: 'investeeName', zh: '被投资方名称' },
  { key: 'sharePct', zh: '持股比例(%)' },
  { key: 'since', zh: '投资日期' },
  { key: 'source', zh: '来源' },
] as const;
export const INVESTMENT_IMPORT_MAX_ROWS = 5000;

export const InvestmentBody = z.object({
  investorUscc: Uscc.describe('The investing organisation (may be off the platform, e.g. a fund).'),
  investorName: z.string().trim().max(120).optional(),
  investeeUscc: Uscc.describe('The organisation invested in.'),
  investeeName: z.string().trim().max(120).optional(),
  sharePct: z.number({ error: '请填写持股比例' }).gt(0, '持股比例应大于0').max(100, '持股比例不超过100').describe('Equity share in %, two decimals kept.'),
  since: BusinessDate.nullish().describe('Date of the investment (Asia/Shanghai business date).'),
  source: z.string().trim().max(120).optional().describe('Where the record comes from, e.g. 国家企业信用信息公示系统.'),
});
export type InvestmentBody = z.infer<typeof InvestmentBody>;

export const ListInvestmentsQuery = PageQuery.extend({
  uscc: z.string().trim().max(32).optional().describe('Investments where this organisation is investor or investee.'),
  q: z.string().trim().max(50).optional().describe('Part of either party’s name or USCC.'),
});
export type ListInvestmentsQuery = z.infer<typeof ListInvestmentsQuery>;

export const InvestmentView = z.object({
  id: z.string(),
  investorUscc: z.string(),
  investorName: z.string().describe('As recorded, else the platform enterprise’s name, else empty.'),
  investeeUscc: z.string(),
  investeeName: z.string(),
  sharePct: z.number(),
  since: z.string().nullable(),
  source: z.string(),
  regionCode: z.string(),
  updatedAt: z.string(),
});
export type InvestmentView = z.infer<typeof InvestmentView>;

export const InvestmentImportReport = z.object({
  isDryRun: z.boolean(),
  rows: z.number().int(),
  valid: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), path: z.string(), message: z.string() })),
});
export type InvestmentImportReport = z.infer<typeof InvestmentImportReport>;

export const SECONDMENT_KINDS = ['part_time_guidance', 'resident'] as const;
export type SecondmentKind = (typeof SECONDMENT_KINDS)[number];
export const SECONDMENT_STATUSES = ['proposed', 'active', 'completed', 'cancelled'] as const;
export type SecondmentStatus = (typeof SECONDMENT_STATUSES)[number];
export const SECONDMENT_REPORT_STATUSES = ['submitted', 'confirmed', 'returned'] as const;
export type SecondmentReportStatus = (typeof SECONDMENT_REPORT_STATUSES)[number];

export const SecondmentPeriodBody = z.object({
  startsOn: BusinessDate,
  endsOn: BusinessDate,
  plannedDays: z.number().int().min(0).max(366).optional().describe('Days on site planned in the period (resident secondments).'),
  plannedHours: z.number().int().min(0).max(5000).optional().describe('Hours of guidance planned in the period (part-time guidance).'),
});

export const CreateSecondmentBody = z.object({
  kind: z.enum(SECONDMENT_KINDS).describe('part_time_guidance (兼职指导) or resident (定期派驻).'),
  senderUscc: Uscc.optional().describe('The seconding large firm or institute; a member’s own by default (gov: one in scope).'),
  hostUscc: Uscc.describe('The SME receiving the engineer.'),
  expertId: Id.optional().describe('The engineer from the expert pool (their log-in then writes the reports); else give `engineerName`.'),
  engineerName: z.string().trim().min(2, '至少2个字').max(40).optional(),
  engineerTitle: z.string().trim().max(60).optional().describe('E.g. 高级工程师.'),
  field: z.string().trim().max(40).optional(),
  goals: z.array(z.string().trim().min(2, '至少2个字').max(200)).min(1, '至少一个目标').max(20),
  periods: z.array(SecondmentPeriodBody).min(1, '至少一个派驻/指导周期').max(24),
});
export type CreateSecondmentBody = z.infer<typeof CreateSecondmentBody>;

export const ListSecondmentsQuery = PageQuery.extend({
  status: z.enum(SECONDMENT_STATUSES).optional(),
  kind: z.enum(SECONDMENT_KINDS).optional(),
});
export type ListSecondmentsQuery = z.infer<typeof ListSecondmentsQuery>;

export const SecondmentReportView = z.object({
  id: z.string(),
  periodId: z.string(),
  periodSeq: z.number().int(),
  days: z.number().int(),
  hours: z.number().int(),
  summary: z.string(),
  status: z.enum(SECONDMENT_REPORT_STATUSES),
  hostComment: z.string(),
  createdAt: z.string(),
});
export type SecondmentReportView = z.infer<typeof SecondmentReportView>;

export const SecondmentView = z.object({
  id: z.string(),
  kind: z.enum(SECONDMENT_KINDS),
  status: z.enum(SECONDMENT_STATUSES),
  senderName: z.string(),
  senderUscc: z.string(),
  hostName: z.string(),
  hostUscc: z.string(),
  expertId: z.string().nullable(),
  engineerName: z.string(),
  engineerTitle: z.string(),
  field: z.string(),
  goals: z.array(z.string()),
  regionCode: z.string(),
  periods: z.array(z.object({ id: z.string(), seq: z.number().int(), startsOn: z.string(), endsOn: z.string(), plannedDays: z.number().int(), plannedHours: z.number().int() })),
  startsOn: z.string().describe('First period’s start.'),
  endsOn: z.string().describe('Last period’s end.'),
  confirmedDays: z.number().int().describe('Days of the reports the SME confirmed.'),
  confirmedHours: z.number().int(),
  rating: z.number().int().nullable(),
  ratingComment: z.string(),
  createdAt: z.string(),
  reports: z.array(SecondmentReportView).describe('Only in the detail; empty in lists.'),
  canConfirm: z.boolean().describe('The caller is the host and the plan waits for confirmation.'),
  canReport: z.boolean().describe('The caller is the engineer or the sender, and the secondment is active.'),
  canDecideReports: z.boolean().describe('The caller is the host (confirms or returns reports).'),
  canRate: z.boolean().describe('The caller is the host, the secondment is active and its last period has ended.'),
  canCancel: z.boolean(),
});
export type SecondmentView = z.infer<typeof SecondmentView>;

export const SecondmentReportBody = z.object({
  periodId: Id.describe('The period the report covers.'),
  days: z.number().int().min(0).max(366).default(0),
  hours: z.number().int().min(0).max(5000).default(0),
  summary: Text(5000).describe('What was done, problems solved, next steps.'),
});
export type SecondmentReportBody = z.infer<typeof SecondmentReportBody>;

export const DecideReportBody = z.object({
  decision: z.enum(['confirm', 'return']),
  comment: z.string().trim().max(1000).optional(),
});
export type DecideReportBody = z.infer<typeof DecideReportBody>;

export const RateSecondmentBody = RateConsultationBody;
export type RateSecondmentBody = z.infer<typeof RateSecondmentBody>;

export const SecondmentStatistics = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  byKind: z.record(z.string(), z.number().int()),
  confirmedDays: z.number().int(),
  confirmedHours: z.number().int(),
  meanRating: z.number().nullable(),
  byRegion: z.array(z.object({
    regionCode: z.string().describe('The host’s region rolled up to the level below the caller’s (cities for a province, districts for a city).'),
    regionName: z.string(),
    count: z.number().int(),
    active: z.number().int(),
    completed: z.number().int(),
    confirmedDays: z.number().int(),
    confirmedHours: z.number().int(),
    meanRating: z.number().nullable(),
  })),
});
export type SecondmentStatistics = z.infer<typeof SecondmentStatistics>;

export const TALENT_EVENT_KINDS = ['programme', 'exchange_meeting', 'site_visit'] as const;
export type TalentEventKind = (typeof TALENT_EVENT_KINDS)[number];
export const REGISTRATION_STATUSES = ['registered', 'attended', 'absent', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const CreateTalentEventBody = z.object({
  kind: z.enum(TALENT_EVENT_KINDS).describe('programme (人才计划, e.g. 卓越工程师 style), exchange_meeting (交流会) or site_visit (现场观摩).'),
  title: Text(120),
  description: z.string().trim().max(5000).optional(),
  field: z.string().trim().max(40).optional(),
  location: z.string().trim().max(200).optional(),
  startsOn: BusinessDate.describe('First day (Asia/Shanghai); registration closes at its start; must be after today.'),
  endsOn: BusinessDate,
  capacity: z.number().int().min(1, '名额至少为1').max(10_000),
  organiserUscc: Uscc.optional().describe('The organising enterprise: a member’s own by default. Gov users and admins without it organise as their authority, for their region.'),
  organiserName: z.string().trim().max(80).optional().describe('Shown organiser when a gov body organises (default: the gov user’s display name).'),
});
export type CreateTalentEventBody = z.infer<typeof CreateTalentEventBody>;

export const ListTalentEventsQuery = PageQuery.extend({
  kind: z.enum(TALENT_EVENT_KINDS).optional(),
  mine: z.enum(['true']).optional().describe('Only events the caller manages.'),
});
export type ListTalentEventsQuery = z.infer<typeof ListTalentEventsQuery>;

export const TalentEventView = z.object({
  id: z.string(),
  kind: z.enum(TALENT_EVENT_KINDS),
  title: z.string(),
  description: z.string(),
  field: z.string(),
  location: z.string(),
  organiserName: z.string(),
  regionCode: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  capacity: z.number().int(),
  registeredCount: z.number().int(),
  seatsLeft: z.number().int(),
  attendedCount: z.number().int().describe('Registrations the organiser marked attended.'),
  absentCount: z.number().int().describe('Registrations the organiser marked absent.'),
  attendanceRate: z.number().nullable().describe('attended / (attended + absent), 0..1; null until attendance is recorded.'),
  isOpen: z.boolean().describe('Active, not yet started, places left.'),
  canManage: z.boolean(),
  myRegistrations: z.number().int().describe('Live registrations of the caller’s enterprise (or of the expert).'),
});
export type TalentEventView = z.infer<typeof TalentEventView>;

export const RegisterBody = z.object({
  personName: z.string().trim().min(2, '至少2个字').max(40).optional().describe('Required for enterprises; an expert registers themselves.'),
  personTitle: z.string().trim().max(60).optional(),
  uscc: Uscc.optional().describe('The person’s employer; a member’s own by default (gov: one in scope).'),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

export const RegistrationView = z.object({
  id: z.string(),
  eventId: z.string(),
  eventTitle: z.string(),
  startsOn: z.string(),
  enterpriseName: z.string().nullable(),
  enterpriseUscc: z.string().nullable(),
  personName: z.string(),
  personTitle: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  createdAt: z.string(),
});
export type RegistrationView = z.infer<typeof RegistrationView>;
export const AttendanceBody = z.object({ attended: z.boolean() });
