import { z } from 'zod';
import { BusinessDate, PageQuery, Uscc } from './common.js';
import { FileView } from './files.js';

/** Stages of a match: 已邀请 → 洽谈中 → 已签约 | 已婉拒. (推荐 is the engine's ranked candidate before any row exists.) */
export const MATCH_STAGES = ['invited', 'negotiating', 'deal', 'declined'] as const;
export const MatchStage = z.enum(MATCH_STAGES);
export type MatchStage = z.infer<typeof MatchStage>;

/** Fixed reasons of a decline: 价格不符/交期不符/资质不符/产能不足/已选定其他供应商/其他. */
export const DECLINE_REASONS = ['price', 'delivery', 'qualification', 'capacity', 'other_supplier', 'other'] as const;
export const DeclineReason = z.enum(DECLINE_REASONS);
export type DeclineReason = z.infer<typeof DeclineReason>;

/** Which side of a match the caller is on; `observer` for gov users and admins. */
export const MatchSide = z.enum(['buyer', 'supplier', 'observer']);
export type MatchSide = z.infer<typeof MatchSide>;

/** RFQ states; `open` past its deadline is shown as closed for quoting (`isSealed` false). */
export const RFQ_STATUSES = ['open', 'awarded', 'cancelled'] as const;
export const RfqStatus = z.enum(RFQ_STATUSES);

export const NOTE_MAX = 1000;
export const TERMS_TEXT_MAX = 2000;
export const RFQ_INVITES_MAX = 50;
/** Largest amount a deal or quote may carry: 1 trillion yuan in fen (fits a JS number exactly). */
export const AMOUNT_FEN_MAX = 100_000_000_000_000;

const AmountFen = z.number().int('金额应为整数（分）').min(1, '金额应大于0').max(AMOUNT_FEN_MAX);
const Note = z.string().trim().max(NOTE_MAX);

/** Body of `POST /api/v1/needs/{id}/invite`. */
export const InviteBody = z.object({
  uscc: Uscc.describe('The supplier invited (a ranked candidate, or any registered enterprise).'),
  message: Note.optional().describe('Note to the supplier (联系方式、下一步安排).'),
});
export type InviteBody = z.infer<typeof InviteBody>;

/** Body of `POST /api/v1/matches/{id}/decline`. */
export const DeclineBody = z.object({
  reason: DeclineReason,
  note: Note.optional().describe('Required when `reason` is `other`.'),
});
export type DeclineBody = z.infer<typeof DeclineBody>;

/** Body of `POST /api/v1/matches/{id}/deal`. */
export const DealBody = z.object({
  amountFen: AmountFen.describe('Contract amount in fen (分).'),
  signedOn: BusinessDate.describe('Signing date (Asia/Shanghai), not in the future.'),
  note: Note.optional(),
});
export type DealBody = z.infer<typeof DealBody>;

export const ListMatchesQuery = PageQuery.extend({
  needId: z.string().regex(/^\d{1,18}$/).optional(),
  stage: MatchStage.optional(),
  side: z.enum(['buyer', 'supplier']).optional().describe('Members: only matches where their enterprise is this side.'),
});
export type ListMatchesQuery = z.infer<typeof ListMatchesQuery>;

/** The need and its buyer, as every view of this module names them. */
const NeedParty = { needId: z.string(), needTitle: z.string(), buyerUscc: z.string(), buyerName: z.string() };

/** A match as the caller's side sees it. */
export const MatchView = z.object({
  id: z.string(),
  ...NeedParty,
  supplierUscc: z.string(),
  supplierName: z.string(),
  regionCode: z.string().describe('The buyer’s region.'),
  supplierRegionCode: z.string(),
  stage: MatchStage,
  side: MatchSide,
  score: z.number().nullable(),
  message: z.string(),
  declineReason: DeclineReason.nullable(),
  declineNote: z.string().nullable(),
  declinedBy: z.enum(['buyer', 'supplier']).nullable(),
  deal: z.object({ id: z.string(), amountFen: z.number().int(), signedOn: z.string(), rfqId: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MatchView = z.infer<typeof MatchView>;

/** A signed deal (签约) as dashboards count it. */
export const DealView = z.object({
  id: z.string(),
  matchId: z.string(),
  ...NeedParty,
  supplierUscc: z.string(),
  supplierName: z.string(),
  amountFen: z.number().int(),
  signedOn: z.string(),
  buyerRegionCode: z.string(),
  supplierRegionCode: z.string(),
  rfqId: z.string().nullable(),
  createdAt: z.string(),
});
export type DealView = z.infer<typeof DealView>;

export const ListDealsQuery = PageQuery.extend({
  region: z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字').optional().describe('Buyer or supplier region subtree.'),
});
export type ListDealsQuery = z.infer<typeof ListDealsQuery>;

/** Counts of the caller's scope (gov: matches with the buyer or the supplier in its region). */
export const DealStats = z.object({
  byStage: z.record(MatchStage, z.number().int()),
  declineReasons: z.record(DeclineReason, z.number().int()),
  dealCount: z.number().int(),
  dealAmountFen: z.number().int(),
  rfqCount: z.number().int(),
});
export type DealStats = z.infer<typeof DealStats>;

/** Body of `POST /api/v1/needs/{id}/rfqs`. */
export const CreateRfqBody = z.object({
  title: z.string().trim().min(2, '至少 2 个字').max(100).optional().describe('Default: the need’s title.'),
  description: z.string().trim().max(4000).optional().describe('What to quote for: quantities, specifications, delivery.'),
  deadlineAt: z.string().datetime({ offset: true, message: '应为带时区的时间，如 2026-12-01T10:00:00+08:00' }).describe('Quotes are sealed and accepted until then; in the future.'),
  invitedUsccs: z.array(Uscc).min(1, '至少邀请一家供应商').max(RFQ_INVITES_MAX),
});
export type CreateRfqBody = z.infer<typeof CreateRfqBody>;

/** Body of `POST /api/v1/rfqs/{id}/invite`: more suppliers, before the deadline. */
export const RfqInviteBody = z.object({ usccs: z.array(Uscc).min(1).max(RFQ_INVITES_MAX) });
export type RfqInviteBody = z.infer<typeof RfqInviteBody>;

/** Body of `POST /api/v1/rfqs/{id}/quotes` (submit or revise the caller's quote). */
export const QuoteBody = z.object({
  priceFen: AmountFen.describe('Total price in fen (分).'),
  leadTimeDays: z.number().int().min(0).max(3650).describe('Lead time in days.'),
  moq: z.string().trim().max(100).optional().describe('Minimum order quantity with unit, e.g. 1000件.'),
  terms: z.string().trim().max(TERMS_TEXT_MAX).optional().describe('Payment, delivery and warranty terms.'),
});
export type QuoteBody = z.infer<typeof QuoteBody>;

/** Body of `POST /api/v1/rfqs/{id}/award`. */
export const AwardBody = z.object({
  quoteId: z.string().regex(/^\d{1,18}$/, '报价编号无效'),
  signedOn: BusinessDate.optional().describe('Default: today (Asia/Shanghai).'),
  amountFen: AmountFen.optional().describe('Default: the quote’s price.'),
});
export type AwardBody = z.infer<typeof AwardBody>;

/** A quote. Content is shown only to its author, and to the buyer and gov after the deadline. */
export const QuoteView = z.object({
  id: z.string(),
  rfqId: z.string(),
  supplierUscc: z.string(),
  supplierName: z.string(),
  priceFen: z.number().int(),
  leadTimeDays: z.number().int(),
  moq: z.string(),
  terms: z.string(),
  isAwarded: z.boolean(),
  files: z.array(FileView).describe('Attachments of the quote (price lists, certificates); as sealed as the quote.'),
  submittedAt: z.string(),
  updatedAt: z.string(),
});
export type QuoteView = z.infer<typeof QuoteView>;

/** An RFQ as the caller sees it; suppliers never see `invited` nor `quoteCount`. */
export const RfqView = z.object({
  id: z.string(),
  ...NeedParty,
  regionCode: z.string(),
  title: z.string(),
  description: z.string(),
  deadlineAt: z.string(),
  status: RfqStatus,
  isSealed: z.boolean().describe('True until the deadline: quotes are visible only to their authors.'),
  side: MatchSide,
  invited: z.array(z.object({ uscc: z.string(), name: z.string(), hasQuoted: z.boolean() })).nullable().describe('Buyer and gov only; null for suppliers.'),
  quoteCount: z.number().int().nullable(),
  myQuote: QuoteView.nullable().describe('The calling supplier’s own quote.'),
  awardedQuoteId: z.string().nullable(),
  awardedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type RfqView = z.infer<typeof RfqView>;

export const ListRfqsQuery = PageQuery.extend({
  needId: z.string().regex(/^\d{1,18}$/).optional(),
  side: z.enum(['buyer', 'supplier']).optional(),
});
export type ListRfqsQuery = z.infer<typeof ListRfqsQuery>;
