import { z } from 'zod';
import { BusinessDate, PageQuery, RegionCode, IndustryCode, Uscc } from './common.js';
import { CrossBorderFields, CrossBorderView } from './cross-border.js';

/** Kinds of needs: 采购, 配套, 技术, 产能, 服务, 人才. */
export const NEED_KINDS = ['procurement', 'supporting', 'technology', 'capacity', 'service', 'talent'] as const;
export const NeedKind = z.enum(NEED_KINDS);
export type NeedKind = z.infer<typeof NeedKind>;

/** Workflow states: draft → submitted → (returned to draft | published) → closed / fulfilled. */
export const NEED_STATUSES = ['draft', 'submitted', 'published', 'closed', 'fulfilled'] as const;
export const NeedStatus = z.enum(NEED_STATUSES);
export type NeedStatus = z.infer<typeof NeedStatus>;

/** Who sees a published need: every signed-in user, users of its region, or invited enterprises only. */
export const NEED_VISIBILITIES = ['public', 'region', 'invited'] as const;
export const NeedVisibility = z.enum(NEED_VISIBILITIES);
export type NeedVisibility = z.infer<typeof NeedVisibility>;

/** 专精特新 tiers a need may require (the gradient of GLOSSARY.md). */
export const REQUIRED_LEVELS = ['innovative', 'specialized', 'little_giant'] as const;
export const RequiredLevel = z.enum(REQUIRED_LEVELS);
export type RequiredLevel = z.infer<typeof RequiredLevel>;

export const TITLE_MIN = 2;
export const TITLE_MAX = 100;
export const DESCRIPTION_MIN = 2;
export const DESCRIPTION_MAX = 4000;
export const TERMS_MAX = 30;
export const TERM_MAX = 60;
export const COMMENT_MAX = 1000;
export const MATCH_LIMIT_MAX = 100;

const Title = z.string().trim().min(TITLE_MIN, `至少 ${TITLE_MIN} 个字`).max(TITLE_MAX);
const Description = z.string().trim().min(DESCRIPTION_MIN, `至少 ${DESCRIPTION_MIN} 个字`).max(DESCRIPTION_MAX);
const Terms = z.array(z.string().trim().min(1).max(TERM_MAX)).max(TERMS_MAX);
/** Non-negative amount in 万元 (as in the registry); stored as integer fen. */
const Wan = z.number().min(0).max(1e9);

const NeedFields = {
  title: Title.describe('需求标题'),
  description: Description.describe('需求描述: specifications, use, conditions.'),
  kind: NeedKind,
  products: Terms.optional().describe('Products or technologies asked for (产品/规格).'),
  industryCode: IndustryCode.optional(),
  regionCode: RegionCode.optional().describe('Region preference (地域偏好); the region of `region` visibility. Default: the owner enterprise’s region.'),
  visibility: NeedVisibility.optional().describe('Default `public`.'),
  quantity: z.string().trim().max(100).optional().describe('Quantity with unit, free text (e.g. 5万套/年).'),
  budgetMinWan: Wan.optional().describe('Budget lower bound, 万元 (stored as fen).'),
  budgetMaxWan: Wan.optional().describe('Budget upper bound, 万元 (stored as fen).'),
  requiredCertifications: Terms.optional().describe('Certifications a supplier must hold (e.g. IATF 16949).'),
  requiredLevel: RequiredLevel.optional().describe('Lowest 专精特新 tier required of the supplier.'),
  deadline: BusinessDate.optional().describe('Answer-by date (business date, Asia/Shanghai); not in the past.'),
  invitedUsccs: z.array(Uscc).max(200).optional().describe('Enterprises that see an `invited` need.'),
  ...CrossBorderFields,
};

/** Body of `POST /api/v1/needs`. `uscc` (gov/admin only) names the enterprise posted for. */
export const CreateNeedBody = z.object({ ...NeedFields, uscc: Uscc.optional().describe('Owner enterprise; members post for their own and may omit it.') });
export type CreateNeedBody = z.infer<typeof CreateNeedBody>;

/** Body of `PATCH /api/v1/needs/{id}` (drafts only). */
export const UpdateNeedBody = z.object(NeedFields).partial();
export type UpdateNeedBody = z.infer<typeof UpdateNeedBody>;

/** Body of `POST /api/v1/needs/{id}/return`. */
export const ReturnNeedBody = z.object({ comment: z.string().trim().min(2, '请填写退回意见').max(COMMENT_MAX) });
export type ReturnNeedBody = z.infer<typeof ReturnNeedBody>;

export const ListNeedsQuery = PageQuery.extend({
  status: NeedStatus.optional(),
  kind: NeedKind.optional(),
  region: z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字').optional().describe('Owner region subtree.'),
  q: z.string().trim().max(100).optional().describe('Substring of the title or a product.'),
  mine: z.enum(['true', 'false']).optional().describe('`true`: only the needs of the caller’s own enterprise.'),
});
export type ListNeedsQuery = z.infer<typeof ListNeedsQuery>;

/** A need as the API presents it. */
export const NeedView = z.object({
  id: z.string(),
  uscc: z.string(),
  enterpriseName: z.string(),
  ownerRegionCode: z.string(),
  title: z.string(),
  description: z.string(),
  kind: NeedKind,
  products: z.array(z.string()),
  industryCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  visibility: NeedVisibility,
  quantity: z.string(),
  budgetMinFen: z.number().int().nullable(),
  budgetMaxFen: z.number().int().nullable(),
  requiredCertifications: z.array(z.string()),
  requiredLevel: RequiredLevel.nullable(),
  deadline: z.string().nullable(),
  invitedUsccs: z.array(z.string()),
  status: NeedStatus,
  reviewComment: z.string().nullable(),
  ...CrossBorderView,
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NeedView = z.infer<typeof NeedView>;

/** Answer of `POST /api/v1/needs` and of the workflow verbs. */
export const NeedStatusView = z.object({ id: z.string(), status: NeedStatus });

/** Body of `POST /api/v1/offers`. */
export const CreateOfferBody = z.object({
  uscc: Uscc,
  title: Title,
  description: Description,
  products: Terms,
  capacity: z.string().trim().max(100).optional().describe('Capacity with unit (e.g. 年产200万件).'),
  leadTimeDays: z.number().int().min(0).max(3650).optional().describe('Usual lead time in days.'),
  certifications: Terms.optional(),
  regionsServed: z.array(RegionCode).max(50).optional().describe('Regions served; empty = nationwide.'),
  ...CrossBorderFields,
});
export type CreateOfferBody = z.infer<typeof CreateOfferBody>;

export const UpdateOfferBody = CreateOfferBody.omit({ uscc: true }).partial();
export type UpdateOfferBody = z.infer<typeof UpdateOfferBody>;

export const ListOffersQuery = PageQuery.extend({
  uscc: Uscc.optional(),
  q: z.string().trim().max(100).optional(),
  mine: z.enum(['true', 'false']).optional(),
});
export type ListOffersQuery = z.infer<typeof ListOffersQuery>;

export const OfferView = z.object({
  id: z.string(),
  uscc: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  title: z.string(),
  description: z.string(),
  products: z.array(z.string()),
  capacity: z.string(),
  leadTimeDays: z.number().int().nullable(),
  certifications: z.array(z.string()),
  regionsServed: z.array(z.string()),
  ...CrossBorderView,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OfferView = z.infer<typeof OfferView>;

/** Features of a match score (each contributes weight × value). */
export const MATCH_FEATURES = ['text', 'industry', 'region', 'chain', 'qualification', 'smeFirst'] as const;
export const MatchFeature = z.enum(MATCH_FEATURES);
export type MatchFeature = z.infer<typeof MatchFeature>;
/** Weight of each feature in the total score (they sum to 1; text relevance dominates). A feature's contribution is weight × value. */
export const MATCH_FEATURE_WEIGHTS: Record<MatchFeature, number> = { text: 0.6, industry: 0.08, region: 0.1, chain: 0.12, qualification: 0.06, smeFirst: 0.04 };

/** One reason of a match: a feature's contribution to the score, with what it matched on. */
export const MatchReason = z.object({
  feature: MatchFeature,
  contribution: z.number().describe('Points this feature adds to `score` (0..1 scale of the total).'),
  value: z.number().describe('The feature value 0..1 before weighting.'),
  detail: z.string().describe('Human-readable explanation (Chinese).'),
  terms: z.array(z.string()).optional().describe('Matched terms (text feature), `需求词→供给词` when reached through the knowledge base.'),
});
export type MatchReason = z.infer<typeof MatchReason>;

/** A candidate enterprise for a need. */
export const EnterpriseMatch = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  size: z.string().nullable(),
  score: z.number(),
  source: z.enum(['offer', 'profile']).describe('Which document matched best: a listed offer or the registry profile.'),
  offerId: z.string().nullable(),
  offerTitle: z.string().nullable(),
  reasons: z.array(MatchReason),
  green: z.array(z.string()).optional().describe('When the need requires green criteria: each one the candidate meets, with its value (candidates failing any are left out).'),
});
export type EnterpriseMatch = z.infer<typeof EnterpriseMatch>;

/** A need matched to an enterprise (its feed). */
export const NeedMatch = z.object({
  id: z.string(),
  title: z.string(),
  kind: NeedKind,
  uscc: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  deadline: z.string().nullable(),
  score: z.number(),
  reasons: z.array(MatchReason),
});
export type NeedMatch = z.infer<typeof NeedMatch>;

export const MatchesQuery = z.object({ limit: z.coerce.number().int().min(1).max(MATCH_LIMIT_MAX).default(20) });

/** Body of the live preview: a need as typed so far (only what matching uses). */
export const PreviewMatchesBody = z.object({
  title: z.string().trim().max(TITLE_MAX).default(''),
  description: z.string().trim().max(DESCRIPTION_MAX).default(''),
  kind: NeedKind.optional(),
  products: z.array(z.string().trim().max(TERM_MAX)).max(TERMS_MAX).optional(),
  industryCode: IndustryCode.optional(),
  regionCode: RegionCode.optional(),
  requiredCertifications: z.array(z.string().trim().max(TERM_MAX)).max(TERMS_MAX).optional(),
  requiredLevel: RequiredLevel.optional(),
  uscc: Uscc.optional().describe('Owner enterprise (gov/admin); members use their own.'),
  limit: z.number().int().min(1).max(MATCH_LIMIT_MAX).default(10),
});
export type PreviewMatchesBody = z.infer<typeof PreviewMatchesBody>;
