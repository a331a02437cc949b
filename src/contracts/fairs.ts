/** Matchmaking fairs (洽谈会, "百场万企"): request and response shapes shared by server and web. */
import { z } from 'zod';
import { BusinessDate, PageQuery, RegionCode, Uscc } from './common.js';

export const FAIR_STATUSES = ['draft', 'open', 'closed'] as const;
/** draft (being prepared) → open (registration open) → closed (registration closed). */
export const FairStatus = z.enum(FAIR_STATUSES);
export type FairStatus = z.infer<typeof FairStatus>;

/** public: every signed-in user; region: enterprises and gov users of the organising region. */
export const FairVisibility = z.enum(['public', 'region']);
export type FairVisibility = z.infer<typeof FairVisibility>;

/** A participant's side: large firm (size `large`) or SME (every other size). */
export const ParticipantKind = z.enum(['large', 'sme']);
export type ParticipantKind = z.infer<typeof ParticipantKind>;

export const RegistrationStatus = z.enum(['registered', 'waitlisted', 'cancelled']);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

/** Outcomes of a meeting recorded after the fair. */
export const MEETING_OUTCOMES = ['deal', 'follow_up', 'no_interest', 'no_show'] as const;
export const MeetingOutcome = z.enum(MEETING_OUTCOMES);
export type MeetingOutcome = z.infer<typeof MeetingOutcome>;

export const FAIR_TITLE_MIN = 2;
export const FAIR_TITLE_MAX = 100;
export const FAIR_SESSIONS_MAX = 10;
export const WISHES_MAX = 30;
export const FAIR_CAPACITY_MAX = 5000;

/** One session (场次) of a fair: a day's block of equal time slots at a number of tables. */
export const FairSessionBody = z.object({
  date: BusinessDate.describe('Business date (Asia/Shanghai).'),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM').describe('Local start time HH:MM (Asia/Shanghai).'),
  slotMinutes: z.number().int().min(5).max(240).describe('Length of one meeting slot, minutes.'),
  slotCount: z.number().int().min(1).max(48).describe('Number of consecutive slots.'),
  tables: z.number().int().min(1).max(1000).describe('Number of meeting tables.'),
});
export type FairSessionBody = z.infer<typeof FairSessionBody>;

export const CreateFairBody = z.object({
  title: z.string().trim().min(FAIR_TITLE_MIN, `至少 ${FAIR_TITLE_MIN} 个字`).max(FAIR_TITLE_MAX).describe('洽谈会名称'),
  description: z.string().trim().max(4000).optional(),
  regionCode: RegionCode.optional().describe('Organising region; default the gov user’s region. Must lie in the caller’s scope.'),
  chainId: z.string().regex(/^\d{1,18}$/).optional().describe('The industry chain (chain map id) the fair serves.'),
  venue: z.string().trim().max(200).optional(),
  visibility: FairVisibility.optional().describe('Default `public`.'),
  largeCapacity: z.number().int().min(0).max(FAIR_CAPACITY_MAX).describe('Large firms admitted; later registrations are waitlisted.'),
  smeCapacity: z.number().int().min(0).max(FAIR_CAPACITY_MAX).describe('SMEs admitted; later registrations are waitlisted.'),
  sessions: z.array(FairSessionBody).min(1).max(FAIR_SESSIONS_MAX),
});
export type CreateFairBody = z.infer<typeof CreateFairBody>;

export const FairSessionView = FairSessionBody.extend({ id: z.string() });

export const FairView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  venue: z.string(),
  visibility: FairVisibility,
  status: FairStatus,
  largeCapacity: z.number().int(),
  smeCapacity: z.number().int(),
  sessions: z.array(FairSessionView),
  largeRegistered: z.number().int(),
  smeRegistered: z.number().int(),
  waitlisted: z.number().int(),
  isOrganiser: z.boolean().describe('The caller may manage the fair (gov in scope, admin).'),
  myRegistration: z.object({ id: z.string(), kind: ParticipantKind, status: RegistrationStatus, waitlistPosition: z.number().int().nullable() }).nullable(),
  hasSchedule: z.boolean(),
  createdAt: z.string(),
});
export type FairView = z.infer<typeof FairView>;

export const ListFairsQuery = PageQuery.extend({
  status: FairStatus.optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListFairsQuery = z.infer<typeof ListFairsQuery>;

export const RegisterBody = z.object({
  uscc: Uscc.optional().describe('The enterprise to register; a member registers its own (default). Gov/admin may register one in scope.'),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

export const RegistrationView = z.object({
  id: z.string(),
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  kind: ParticipantKind,
  status: RegistrationStatus,
  waitlistPosition: z.number().int().nullable().describe('1-based place on the waitlist of its kind, when waitlisted.'),
  products: z.array(z.string()),
  createdAt: z.string(),
});
export type RegistrationView = z.infer<typeof RegistrationView>;

export const ParticipantsQuery = PageQuery.extend({
  kind: ParticipantKind.optional(),
  status: RegistrationStatus.optional().describe('Organisers only; participants see registered ones.'),
});
export type ParticipantsQuery = z.infer<typeof ParticipantsQuery>;

/** A suggested counterpart from the matching engine, with its score and reasons. */
export const FairSuggestion = z.object({
  registrationId: z.string(),
  uscc: z.string(),
  name: z.string(),
  kind: ParticipantKind,
  score: z.number(),
  reasons: z.array(z.string()).describe('Why: matched needs and terms, from the matching engine.'),
  isWished: z.boolean(),
});
export type FairSuggestion = z.infer<typeof FairSuggestion>;

export const WishView = z.object({
  registrationId: z.string(),
  uscc: z.string(),
  name: z.string(),
  kind: ParticipantKind,
  isMutual: z.boolean().describe('The counterpart wished to meet the caller too.'),
});
export type WishView = z.infer<typeof WishView>;

export const PutWishesBody = z.object({
  targets: z.array(z.string().regex(/^\d{1,18}$/)).max(WISHES_MAX).describe('Registration ids of the participants to meet (opposite side only); replaces the wish list.'),
});
export type PutWishesBody = z.infer<typeof PutWishesBody>;

export const RunScheduleBody = z.object({
  mutualWeight: z.number().int().min(1).max(100).optional().describe('Weight of a mutual wish (default 3).'),
  oneSidedWeight: z.number().int().min(0).max(100).optional().describe('Weight of a one-sided wish (default 1).'),
  minMeetingsPerSme: z.number().int().min(0).max(48).optional().describe('Fair share: meetings rewarded extra for each SME that wished (default 2).'),
});
export type RunScheduleBody = z.infer<typeof RunScheduleBody>;

export const ScheduleView = z.object({
  fairId: z.string(),
  objective: z.number(),
  bound: z.number().describe('Upper bound (LP relaxation of the pair selection).'),
  gap: z.number().describe('(bound − objective) / bound.'),
  meetings: z.number().int(),
  wishes: z.number().int(),
  candidatePairs: z.number().int(),
  mutualPairs: z.number().int(),
  mutualMet: z.number().int(),
  unplacedPairs: z.number().int(),
  smesWithWishes: z.number().int(),
  minSmeMeetings: z.number().int(),
  fairShareShortfall: z.number().int(),
  solverStatus: z.string(),
  method: z.string(),
  seconds: z.number(),
  options: z.object({ mutualWeight: z.number(), oneSidedWeight: z.number(), minMeetingsPerSme: z.number(), fairShareWeight: z.number() }),
  computedAt: z.string(),
});
export type ScheduleView = z.infer<typeof ScheduleView>;

export const MeetingView = z.object({
  id: z.string(),
  sessionId: z.string(),
  slotIndex: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  table: z.number().int(),
  large: z.object({ registrationId: z.string(), uscc: z.string(), name: z.string() }),
  sme: z.object({ registrationId: z.string(), uscc: z.string(), name: z.string() }),
  isMutual: z.boolean(),
  outcome: MeetingOutcome.nullable(),
  amountFen: z.string().nullable().describe('Deal amount in fen (integer as string).'),
  note: z.string().nullable(),
});
export type MeetingView = z.infer<typeof MeetingView>;

export const TimetableQuery = z.object({
  uscc: Uscc.optional().describe('Organisers: whose timetable. Participants: only their own.'),
});

export const TimetableView = z.object({
  fairId: z.string(),
  uscc: z.string(),
  name: z.string(),
  meetings: z.array(MeetingView),
});
export type TimetableView = z.infer<typeof TimetableView>;

export const GridView = z.object({
  fairId: z.string(),
  schedule: ScheduleView.nullable(),
  slots: z.array(z.object({ sessionId: z.string(), slotIndex: z.number().int(), startsAt: z.string(), endsAt: z.string(), tables: z.number().int() })),
  meetings: z.array(MeetingView),
});
export type GridView = z.infer<typeof GridView>;

export const RecordOutcomeBody = z.object({
  outcome: MeetingOutcome,
  amountFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Deal amount in fen; only with `deal`.'),
  note: z.string().trim().max(1000).optional(),
});
export type RecordOutcomeBody = z.infer<typeof RecordOutcomeBody>;
