/** Contracts of technology achievements (科技成果, IN-3), interest and feedback, and first-use records (首试首用 / 首台套). */
import { z } from 'zod';
import { PageQuery, Uscc } from './common.js';

export const TRANSFER_MODES = ['transfer', 'license', 'equity', 'joint_development'] as const;
/** transfer 转让 / license 许可 / equity 作价入股 / joint_development 合作开发. */
export type TransferMode = (typeof TRANSFER_MODES)[number];

/** The owner's answer to an interest: a fixed list, so that feedback can be counted. */
export const FEEDBACK_CATEGORIES = ['will_contact', 'need_details', 'price_mismatch', 'trl_insufficient', 'ip_restricted', 'already_transferred', 'not_suitable'] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];

export const FIRST_USE_KINDS = ['first_use', 'first_of_kind'] as const;
/** first_use 首试首用 / first_of_kind 首台(套). */
export type FirstUseKind = (typeof FIRST_USE_KINDS)[number];
export const FIRST_USE_OUTCOMES = ['in_progress', 'succeeded', 'failed'] as const;
export type FirstUseOutcome = (typeof FIRST_USE_OUTCOMES)[number];

const Text = (max: number) => z.string().trim().min(2, '至少2个字').max(max);
const Fen = z.number().int('金额以分为单位，应为整数').min(0).max(1e15);
const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** 中国专利号: CN + 9 or 12 digits (a check digit after a dot is allowed) + an optional kind code. */
export const PatentNumber = z.string().trim().toUpperCase().regex(/^CN\d{9,12}(\.\d)?[A-Z]?\d?$/, '专利号格式如 CN114123456A 或 CN202110123456.7');

export const CreateAchievementBody = z.object({
  title: Text(120),
  field: Text(60).describe('Technical field, e.g. 固态电池.'),
  trl: z.number().int().min(1, 'TRL 为 1–9').max(9, 'TRL 为 1–9').describe('Technology readiness level 1–9.'),
  patentNumbers: z.array(PatentNumber).max(50).default([]).describe('Patent numbers, e.g. CN114123456A.'),
  transferMode: z.enum(TRANSFER_MODES).describe('transfer 转让 / license 许可 / equity 作价入股 / joint_development 合作开发.'),
  priceMinFen: Fen.optional().describe('Lower end of the price range (fen).'),
  priceMaxFen: Fen.optional().describe('Upper end of the price range (fen); at least `priceMinFen`.'),
  summary: Text(5000).describe('Non-confidential summary: everyone signed in reads it.'),
  uscc: Uscc.optional().describe('Owner enterprise; a member publishes for its own (default), gov users and admins for one in scope.'),
});
export type CreateAchievementBody = z.infer<typeof CreateAchievementBody>;

export const ListAchievementsQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional().describe('Words in the title, field or summary.'),
  transferMode: z.enum(TRANSFER_MODES).optional(),
  minTrl: z.coerce.number().int().min(1).max(9).optional(),
  mine: z.enum(['true', 'false']).optional().describe('Only the caller’s organisation’s achievements.'),
});
export type ListAchievementsQuery = z.infer<typeof ListAchievementsQuery>;

export const AchievementView = z.object({
  id: z.string(),
  title: z.string(),
  field: z.string(),
  trl: z.number().int(),
  patentNumbers: z.array(z.string()),
  transferMode: z.enum(TRANSFER_MODES),
  priceMinFen: z.number().nullable(),
  priceMaxFen: z.number().nullable(),
  summary: z.string(),
  status: z.enum(['published', 'withdrawn']),
  ownerName: z.string(),
  ownerUscc: z.string(),
  regionCode: z.string(),
  interestCount: z.number().int(),
  canManage: z.boolean(),
  myInterestId: z.string().nullable().describe('The caller’s organisation’s interest, if it sent one.'),
  createdAt: z.string(),
});
export type AchievementView = z.infer<typeof AchievementView>;

/** One scored match between an achievement and a need, with the terms that matched. */
export const AchievementMatch = z.object({
  score: z.number().describe('0–1: BM25F text relevance against the best hit of this query, with the matching engine’s tokenizer.'),
  terms: z.array(z.string()).describe('Query terms that matched, strongest first.'),
  needId: z.string().optional(),
  needTitle: z.string().optional(),
  buyerName: z.string().optional(),
  achievementId: z.string().optional(),
  achievementTitle: z.string().optional(),
  ownerName: z.string().optional(),
  trl: z.number().int().optional(),
  transferMode: z.enum(TRANSFER_MODES).optional(),
});
export type AchievementMatch = z.infer<typeof AchievementMatch>;

export const CreateInterestBody = z.object({
  message: z.string().trim().max(2000).default(''),
  needId: z.string().regex(/^\d{1,18}$/).optional().describe('The requester’s own need this interest answers.'),
  uscc: Uscc.optional().describe('Requester enterprise; members: their own (default).'),
});
export type CreateInterestBody = z.infer<typeof CreateInterestBody>;

export const InterestFeedbackBody = z.object({
  category: z.enum(FEEDBACK_CATEGORIES).describe('will_contact 将联系洽谈 / need_details 需补充需求 / price_mismatch 价格不符 / trl_insufficient 成熟度不足 / ip_restricted 知识产权受限 / already_transferred 已转让 / not_suitable 不适合.'),
  note: z.string().trim().max(2000).default(''),
});
export type InterestFeedbackBody = z.infer<typeof InterestFeedbackBody>;

export const InterestView = z.object({
  id: z.string(),
  achievementId: z.string(),
  achievementTitle: z.string(),
  requesterName: z.string(),
  requesterUscc: z.string(),
  needId: z.string().nullable(),
  needTitle: z.string().nullable(),
  message: z.string(),
  status: z.enum(['pending', 'answered']),
  feedbackCategory: z.enum(FEEDBACK_CATEGORIES).nullable(),
  feedbackNote: z.string(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  canAnswer: z.boolean(),
});
export type InterestView = z.infer<typeof InterestView>;

export const CreateFirstUseBody = z.object({
  kind: z.enum(FIRST_USE_KINDS).describe('first_use 首试首用 / first_of_kind 首台(套).'),
  supplierUscc: Uscc.describe('The SME whose product is tried or used.'),
  userUscc: Uscc.describe('The large firm that tries or uses it.'),
  product: Text(200),
  startedOn: BusinessDate.describe('When the trial or use began (Asia/Shanghai business date).'),
  outcome: z.enum(FIRST_USE_OUTCOMES).default('in_progress'),
  outcomeNote: z.string().trim().max(2000).default(''),
});
export type CreateFirstUseBody = z.infer<typeof CreateFirstUseBody>;

export const ListFirstUsesQuery = PageQuery.extend({
  kind: z.enum(FIRST_USE_KINDS).optional(),
  outcome: z.enum(FIRST_USE_OUTCOMES).optional(),
});
export type ListFirstUsesQuery = z.infer<typeof ListFirstUsesQuery>;

export const FirstUseView = z.object({
  id: z.string(),
  kind: z.enum(FIRST_USE_KINDS),
  supplierName: z.string(),
  supplierUscc: z.string(),
  userName: z.string(),
  userUscc: z.string(),
  regionCode: z.string(),
  product: z.string(),
  startedOn: z.string(),
  outcome: z.enum(FIRST_USE_OUTCOMES),
  outcomeNote: z.string(),
  createdAt: z.string(),
});
export type FirstUseView = z.infer<typeof FirstUseView>;
