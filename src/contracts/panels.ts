/** Contracts of review panels (评审组) of challenges (ADR 0032). */
import { z } from 'zod';
import { Uscc } from './common.js';

/** Limits both sides use. */
export const PANEL_NAME_MAX = 60;
export const PANEL_MEMBERS_MAX = 30;
export const CONFLICT_REASON_MAX = 500;

export const PANEL_STATES = ['forming', 'scoring', 'concluded'] as const;
/** forming 组建中 (members may change) → scoring 评审中 (assignment and scores) → concluded 已结束. */
export type PanelState = (typeof PANEL_STATES)[number];

const ExpertId = z.string().regex(/^\d{1,18}$/, '专家编号应为数字');

/** `PUT /api/v1/challenges/{id}/panel`: form the panel, or change it while forming. */
export const SavePanelBody = z.object({
  name: z.string().trim().min(2, '至少2个字').max(PANEL_NAME_MAX).describe('Name of the panel, e.g. 固态电池评审组.'),
  chairExpertId: ExpertId.describe('The chair (组长), an expert of the pool; made a member if not listed.'),
  memberExpertIds: z.array(ExpertId).min(1, '至少一位成员').max(PANEL_MEMBERS_MAX).describe('Members (experts of the pool); duplicates are ignored.'),
});
export type SavePanelBody = z.infer<typeof SavePanelBody>;

/** `POST /api/v1/challenges/{id}/panel/declaration`: the calling member's declaration, replacing the last. */
export const DeclareConflictsBody = z.object({
  conflicts: z
    .array(z.object({ uscc: Uscc.describe('An applicant of the challenge.'), reason: z.string().trim().min(2, '请说明利益冲突的原因').max(CONFLICT_REASON_MAX) }))
    .max(100)
    .describe('Applicants the member has a conflict of interest with; empty declares none.'),
});
export type DeclareConflictsBody = z.infer<typeof DeclareConflictsBody>;

/** A declared conflict of a member with an applicant. */
export const PanelConflictView = z.object({ uscc: z.string(), applicantName: z.string(), reason: z.string() });

export const PanelMemberView = z.object({
  expertId: z.string(),
  name: z.string(),
  affiliation: z.string(),
  fields: z.array(z.string()),
  isChair: z.boolean(),
  declaration: z.enum(['pending', 'none', 'declared']).describe('pending 未申报 / none 无利益冲突 / declared 已申报利益冲突.'),
  conflicts: z.array(PanelConflictView),
  assigned: z.number().int().describe('Reviews of this challenge assigned to the member.'),
  submitted: z.number().int().describe('Of those, submitted.'),
});
export type PanelMemberView = z.infer<typeof PanelMemberView>;

export const PanelView = z.object({
  id: z.string(),
  challengeId: z.string(),
  name: z.string(),
  state: z.enum(PANEL_STATES),
  chairExpertId: z.string(),
  chairName: z.string(),
  members: z.array(PanelMemberView),
  applicants: z.array(z.object({ uscc: z.string(), name: z.string() })).describe('The challenge’s applicants by name (for declarations), in name order, not tied to applications.'),
  canManage: z.boolean().describe('The caller manages the challenge (form, start, conclude).'),
  myExpertId: z.string().nullable().describe('The caller’s expert id when the caller is a member.'),
  createdAt: z.string(),
  concludedAt: z.string().nullable(),
});
export type PanelView = z.infer<typeof PanelView>;
