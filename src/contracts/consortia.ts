/** Contracts of innovation consortia (创新联合体, IN-1): members with roles, joint projects, links to challenges and standards. */
import { z } from 'zod';
import { BusinessDate, PageQuery, Uscc } from './common.js';

export const CONSORTIUM_ROLES = ['lead', 'sme', 'institute', 'university'] as const;
/** lead 牵头单位 / sme 中小企业 / institute 科研院所 / university 高校. */
export type ConsortiumRole = (typeof CONSORTIUM_ROLES)[number];
export const MEMBER_STATUSES = ['invited', 'active', 'declined'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const CONSORTIUM_STATUSES = ['active', 'closed'] as const;
export const PROJECT_STATUSES = ['planned', 'active', 'completed', 'terminated'] as const;
export type JointProjectStatus = (typeof PROJECT_STATUSES)[number];

const Text = (max: number) => z.string().trim().min(2, '至少2个字').max(max);
const Id = z.string().regex(/^\d{1,18}$/, '编号无效');
/** Roles a member other than the lead may hold. */
const InviteRole = z.enum(['sme', 'institute', 'university']);

export const Milestone = z.object({
  title: Text(120),
  dueOn: BusinessDate,
  isDone: z.boolean().default(false),
});
export type Milestone = z.infer<typeof Milestone>;

export const CreateConsortiumBody = z.object({
  name: Text(120),
  field: z.string().trim().max(60).default('').describe('Technical field, e.g. 固态电池.'),
  description: z.string().trim().max(5000).default(''),
  uscc: Uscc.optional().describe('The lead enterprise: a member creates for its own (default); gov users and admins name one in scope.'),
  chainId: Id.optional().describe('The industrial chain the consortium works on.'),
  segmentKey: z.string().trim().min(1).max(60).optional().describe('A segment (key) of `chainId` the consortium works on, e.g. a weak link; needs `chainId`.'),
  members: z.array(z.object({ uscc: Uscc, role: InviteRole })).max(100).default([]).describe('Enterprises invited at once (each must accept).'),
});
export type CreateConsortiumBody = z.infer<typeof CreateConsortiumBody>;

/** `PATCH /api/v1/consortia/{id}`: the fields the create form sets, except the lead and members (invite those one by one). `null` clears the chain or segment. */
export const UpdateConsortiumBody = z.object({
  name: Text(120).optional(),
  field: z.string().trim().max(60).optional(),
  description: z.string().trim().max(5000).optional(),
  chainId: Id.nullable().optional().describe('`null` clears the chain (and the segment).'),
  segmentKey: z.string().trim().min(1).max(60).nullable().optional().describe('A segment of the (new or kept) chain; `null` clears it.'),
});
export type UpdateConsortiumBody = z.infer<typeof UpdateConsortiumBody>;

/** `GET /api/v1/consortia/candidates`: enterprises a consortium may invite, found by name or USCC. */
export const ConsortiumCandidatesQuery = z.object({
  q: z.string().trim().min(2, '至少2个字').max(60).describe('Words of the name, or a USCC (prefix).'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const ConsortiumCandidate = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
});
export type ConsortiumCandidate = z.infer<typeof ConsortiumCandidate>;

export const InviteMemberBody = z.object({ uscc: Uscc, role: InviteRole });
export type InviteMemberBody = z.infer<typeof InviteMemberBody>;

export const RespondInvitationBody = z.object({ accept: z.boolean() });

export const CreateJointProjectBody = z.object({
  title: Text(120),
  goal: Text(2000),
  budgetFen: z.number().int('金额以分为单位，应为整数').min(0).max(1e15),
  startsOn: BusinessDate,
  endsOn: BusinessDate,
  status: z.enum(PROJECT_STATUSES).default('planned'),
  milestones: z.array(Milestone).max(50).default([]),
});
export type CreateJointProjectBody = z.infer<typeof CreateJointProjectBody>;

export const UpdateJointProjectBody = z.object({
  status: z.enum(PROJECT_STATUSES).optional(),
  milestones: z.array(Milestone).max(50).optional(),
});
export type UpdateJointProjectBody = z.infer<typeof UpdateJointProjectBody>;

export const LinkChallengeBody = z.object({ challengeId: Id });

export const ListConsortiaQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional().describe('Words in the name or field.'),
  status: z.enum(CONSORTIUM_STATUSES).optional(),
});
export type ListConsortiaQuery = z.infer<typeof ListConsortiaQuery>;

export const ConsortiumMemberView = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  role: z.enum(CONSORTIUM_ROLES),
  status: z.enum(MEMBER_STATUSES),
  invitedAt: z.string(),
  respondedAt: z.string().nullable(),
});

export const JointProjectView = z.object({
  id: z.string(),
  title: z.string(),
  goal: z.string(),
  budgetFen: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(PROJECT_STATUSES),
  milestones: z.array(Milestone),
  progress: z.number().describe('Share of milestones done, 0..1 (0 without milestones).'),
});
export type JointProjectView = z.infer<typeof JointProjectView>;

export const ConsortiumSummary = z.object({
  id: z.string(),
  name: z.string(),
  field: z.string(),
  status: z.enum(CONSORTIUM_STATUSES),
  leadName: z.string(),
  leadUscc: z.string(),
  regionCode: z.string(),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  segmentKey: z.string().nullable(),
  segmentName: z.string().nullable().describe('Null when no segment is set or the chain no longer has it.'),
  activeMemberCount: z.number(),
  projectCount: z.number(),
  budgetFen: z.number().describe('Sum of the joint projects’ budgets.'),
  createdAt: z.string(),
});
export type ConsortiumSummary = z.infer<typeof ConsortiumSummary>;

export const ConsortiumView = ConsortiumSummary.extend({
  description: z.string(),
  members: z.array(ConsortiumMemberView),
  projects: z.array(JointProjectView),
  challenges: z.array(z.object({ id: z.string(), title: z.string() })),
  standards: z.array(z.object({ id: z.string(), title: z.string(), level: z.string(), status: z.string() })),
  canManage: z.boolean().describe('The lead’s members, gov users in scope, admins: invite, add projects, link.'),
  myInvitation: z.enum(MEMBER_STATUSES).nullable().describe('The caller’s enterprise’s membership status, if any.'),
});
export type ConsortiumView = z.infer<typeof ConsortiumView>;
export type ConsortiumMemberView = z.infer<typeof ConsortiumMemberView>;
