/**
 * Overseas service offers (出海服务, SV-3): a large firm offers SMEs a way abroad for a number of
 * SMEs; SMEs apply with a note, the firm accepts or declines within capacity.
 */
import { z } from 'zod';
import { BusinessDate, PageQuery, Uscc } from './common.js';
import { DESCRIPTION_EN_MAX, TITLE_EN_MAX, TargetCountry } from './cross-border.js';

/** What the firm offers: export channel (出海渠道), overseas warehouse (海外仓), certification help (认证辅导), joint bidding abroad (联合投标). */
export const OVERSEAS_SERVICE_KINDS = ['channel', 'warehouse', 'certification', 'joint_bid'] as const;
export const OverseasServiceKind = z.enum(OVERSEAS_SERVICE_KINDS);
export type OverseasServiceKind = z.infer<typeof OverseasServiceKind>;

export const OVERSEAS_CAPACITY_MAX = 1000;
export const OVERSEAS_TITLE_MAX = 200;
export const OVERSEAS_DESCRIPTION_MAX = 4000;
export const OVERSEAS_NOTE_MAX = 2000;

/** Body of `POST /api/v1/overseas-offers`. */
export const CreateOverseasOfferBody = z.object({
  uscc: Uscc.optional().describe('The offering firm; defaults to the caller’s own enterprise (members act only for their own).'),
  title: z.string().trim().min(1).max(OVERSEAS_TITLE_MAX).describe('Chinese title.'),
  titleEn: z.string().trim().min(1).max(TITLE_EN_MAX).describe('English title.'),
  description: z.string().trim().min(1).max(OVERSEAS_DESCRIPTION_MAX),
  descriptionEn: z.string().trim().min(1).max(DESCRIPTION_EN_MAX),
  targetCountries: z.array(TargetCountry).min(1).max(30).describe('ISO 3166-1 alpha-2 codes, not CN.'),
  serviceKind: OverseasServiceKind,
  capacity: z.number().int().min(1).max(OVERSEAS_CAPACITY_MAX).describe('How many SMEs the firm takes on.'),
  deadline: BusinessDate.describe('Last day to apply (business date, Asia/Shanghai); today or later.'),
});
export type CreateOverseasOfferBody = z.infer<typeof CreateOverseasOfferBody>;

/** Query of `GET /api/v1/overseas-offers`. */
export const ListOverseasOffersQuery = PageQuery.extend({
  mine: z.enum(['true', 'false']).optional().describe('`true`: the caller’s own enterprise’s offers.'),
  country: TargetCountry.optional(),
  serviceKind: OverseasServiceKind.optional(),
});
export type ListOverseasOffersQuery = z.infer<typeof ListOverseasOffersQuery>;

/** Application figures of an offer, for its firm and gov whose region covers the firm. */
export const OverseasOfferFigures = z.object({
  applications: z.number().int(),
  pending: z.number().int(),
  accepted: z.number().int(),
  declined: z.number().int(),
  remainingCapacity: z.number().int(),
});

export const OVERSEAS_APPLICATION_STATUSES = ['submitted', 'accepted', 'declined'] as const;
export const OverseasApplicationStatus = z.enum(OVERSEAS_APPLICATION_STATUSES);

export const OverseasOfferView = z.object({
  id: z.string(),
  uscc: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  title: z.string(),
  titleEn: z.string(),
  description: z.string(),
  descriptionEn: z.string(),
  targetCountries: z.array(z.string()),
  serviceKind: OverseasServiceKind,
  capacity: z.number().int(),
  acceptedCount: z.number().int(),
  remainingCapacity: z.number().int().describe('capacity − accepted.'),
  deadline: z.string(),
  isOpen: z.boolean().describe('Today (Asia/Shanghai) is on or before the deadline and capacity remains.'),
  canManage: z.boolean().describe('The caller is a member of the offering firm (decides applications).'),
  figures: OverseasOfferFigures.nullable().describe('For the firm, gov whose region covers the firm, and admins; null for others.'),
  myApplication: z.object({ id: z.string(), status: OverseasApplicationStatus }).nullable().describe('The caller’s enterprise’s application, if any.'),
  createdAt: z.string(),
});
export type OverseasOfferView = z.infer<typeof OverseasOfferView>;

/** Body of `POST /api/v1/overseas-offers/{id}/applications`. */
export const ApplyOverseasOfferBody = z.object({
  note: z.string().trim().max(OVERSEAS_NOTE_MAX).optional().describe('What the SME brings and wants (products, markets, readiness).'),
});
export type ApplyOverseasOfferBody = z.infer<typeof ApplyOverseasOfferBody>;

/** Body of `POST /api/v1/overseas-applications/{id}/accept|decline`. */
export const DecideOverseasApplicationBody = z.object({
  note: z.string().trim().max(OVERSEAS_NOTE_MAX).optional(),
});
export type DecideOverseasApplicationBody = z.infer<typeof DecideOverseasApplicationBody>;

export const OverseasApplicationView = z.object({
  id: z.string(),
  offerId: z.string(),
  offerTitle: z.string(),
  offerTitleEn: z.string(),
  firmUscc: z.string(),
  firmName: z.string(),
  uscc: z.string().describe('The applying SME.'),
  name: z.string(),
  regionCode: z.string(),
  note: z.string(),
  status: OverseasApplicationStatus,
  decisionNote: z.string(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type OverseasApplicationView = z.infer<typeof OverseasApplicationView>;
