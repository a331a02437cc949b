import { z } from 'zod';
import { IndustryCode, PageQuery, RegionCode, Uscc } from './common.js';

/** Stages of a segment (上游/中游/下游), in display order. */
export const CHAIN_STAGES = ['upstream', 'midstream', 'downstream'] as const;
export type ChainStage = (typeof CHAIN_STAGES)[number];

/** Roles of an enterprise in a segment: 链主, 配套, 专精特新, 小巨人, 科研合作. */
export const MEMBER_ROLES = ['leader', 'supplier', 'specialized', 'little_giant', 'research'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** How a member came into a segment. */
export const MEMBER_SOURCES = ['manual', 'suggestion', 'import', 'demo'] as const;
export type MemberSource = (typeof MEMBER_SOURCES)[number];

/** Limits both the server and the forms use. */
export const CHAIN_NAME_MAX = 100;
export const CHAIN_DESCRIPTION_MAX = 2000;
export const SEGMENTS_MAX = 60;
export const SEGMENT_NAME_MAX = 50;
export const SEGMENT_PRODUCTS_MAX = 40;
export const PRODUCT_MAX = 50;
/** Segment keys: lowercase letters, digits and dashes, stable within a chain (e.g. `cathode`). */
export const SEGMENT_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

const SegmentKey = z.string().regex(SEGMENT_KEY_PATTERN, '环节标识应为小写字母、数字和短横线（最多40个字符）').describe('Segment key, unique within the chain, e.g. `cathode`.');
const Product = z.string().trim().min(1).max(PRODUCT_MAX);

/** A segment as written by clients. */
export const SegmentInput = z.object({
  key: SegmentKey,
  name: z.string().trim().min(1).max(SEGMENT_NAME_MAX).describe('Chinese name, e.g. 正极材料.'),
  stage: z.enum(CHAIN_STAGES).describe('上游/中游/下游.'),
  upstream: z.array(SegmentKey).max(SEGMENTS_MAX).default([]).describe('Keys of the segments that supply this one (a DAG: no cycles, no self-links).'),
  products: z.array(Product).max(SEGMENT_PRODUCTS_MAX).default([]).describe('Key products of the segment (Chinese product terms).'),
  industryCodes: z.array(IndustryCode).max(20).optional().describe('GB/T 4754-2017 codes typical of the segment (used by suggestions).'),
});
export type SegmentInput = z.infer<typeof SegmentInput>;

/** `POST /api/v1/chains`: a chain from a list of segments, or from a template (`templateKey`) when `segments` is left out. */
export const CreateChainBody = z.object({
  name: z.string().trim().min(1).max(CHAIN_NAME_MAX).describe('Name of the chain map, e.g. 苏州市新能源汽车动力电池产业链.'),
  regionCode: RegionCode.describe('Region whose chain map this is.'),
  description: z.string().max(CHAIN_DESCRIPTION_MAX).optional(),
  templateKey: z.string().max(60).optional().describe('Instantiate this template (`GET /api/v1/chain-templates`); its segments are used when `segments` is absent.'),
  segments: z.array(SegmentInput).max(SEGMENTS_MAX).optional().describe('The segments; required unless `templateKey` is given.'),
});
export type CreateChainBody = z.infer<typeof CreateChainBody>;

/** `PATCH /api/v1/chains/{id}/segments/{key}`: rename or change a segment. */
export const UpdateSegmentBody = z.object({
  name: z.string().trim().min(1).max(SEGMENT_NAME_MAX).optional(),
  stage: z.enum(CHAIN_STAGES).optional(),
  upstream: z.array(SegmentKey).max(SEGMENTS_MAX).optional(),
  products: z.array(Product).max(SEGMENT_PRODUCTS_MAX).optional(),
  industryCodes: z.array(IndustryCode).max(20).optional(),
});
export type UpdateSegmentBody = z.infer<typeof UpdateSegmentBody>;

/** `POST /api/v1/chains/{id}/segments/{key}/split`: one segment into two or more new ones. */
export const SplitSegmentBody = z.object({
  into: z
    .array(
      SegmentInput.extend({
        stage: z.enum(CHAIN_STAGES).optional(),
        upstream: z.array(SegmentKey).max(SEGMENTS_MAX).optional(),
        products: z.array(Product).max(SEGMENT_PRODUCTS_MAX).optional(),
      }),
    )
    .min(2)
    .max(10)
    .describe('The new segments. Upstream links default to the old segment’s; segments downstream of the old one link to every new one.'),
  memberMapping: z.record(z.string(), SegmentKey).optional().describe('USCC → new key; members not listed go to the first new segment.'),
});
export type SplitSegmentBody = z.infer<typeof SplitSegmentBody>;

/** `POST /api/v1/chains/{id}/segments/merge`: two or more segments into one; members are united. */
export const MergeSegmentsBody = z.object({
  keys: z.array(SegmentKey).min(2).max(SEGMENTS_MAX).describe('Segments to merge.'),
  into: z.object({
    key: SegmentKey.describe('Key of the merged segment (may be one of `keys`).'),
    name: z.string().trim().min(1).max(SEGMENT_NAME_MAX),
    stage: z.enum(CHAIN_STAGES).optional().describe('Default: the stage of the first merged segment.'),
  }),
});
export type MergeSegmentsBody = z.infer<typeof MergeSegmentsBody>;

/** `GET /api/v1/chains` filters. */
export const ListChainsQuery = PageQuery.extend({
  region: RegionCode.optional().describe('Chains of this region and below.'),
  template: z.string().max(60).optional().describe('Chains made from this template.'),
  q: z.string().trim().max(50).optional().describe('Substring of the chain name.'),
});
export type ListChainsQuery = z.infer<typeof ListChainsQuery>;

/** A chain in lists. */
export const ChainSummary = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  templateKey: z.string().nullable(),
  segmentCount: z.number().int(),
  memberCount: z.number().int(),
  updatedAt: z.string(),
});
export type ChainSummary = z.infer<typeof ChainSummary>;

/** An enterprise placed in a segment. */
export const ChainMember = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  industryCode: z.string(),
  role: z.enum(MEMBER_ROLES),
  source: z.enum(MEMBER_SOURCES),
  confidence: z.number().nullable().describe('Confidence 0..1 of the suggestion it was accepted from.'),
});
export type ChainMember = z.infer<typeof ChainMember>;

/** A segment of a chain with its members. */
export const ChainSegment = z.object({
  key: z.string(),
  name: z.string(),
  stage: z.enum(CHAIN_STAGES),
  upstream: z.array(z.string()),
  products: z.array(z.string()),
  industryCodes: z.array(z.string()),
  position: z.number().int(),
  memberCount: z.number().int(),
  members: z.array(ChainMember),
});
export type ChainSegment = z.infer<typeof ChainSegment>;

/** `GET /api/v1/chains/{id}`: the chain map. */
export const ChainDetail = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  templateKey: z.string().nullable(),
  description: z.string(),
  segments: z.array(ChainSegment),
  memberCount: z.number().int(),
  canWrite: z.boolean().describe('Whether the caller may edit this chain (gov users of its region and admins).'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChainDetail = z.infer<typeof ChainDetail>;

/** A segment of a template. */
export const TemplateSegment = z.object({
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  stage: z.enum(CHAIN_STAGES),
  upstream: z.array(z.string()),
  products: z.array(z.string()),
  industryCodes: z.array(z.string()),
});
export type TemplateSegment = z.infer<typeof TemplateSegment>;

/** A chain template shipped in `data/chains/<key>.json`. */
export const ChainTemplate = z.object({
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string(),
  segments: z.array(TemplateSegment),
});
export type ChainTemplate = z.infer<typeof ChainTemplate>;

/** `POST /api/v1/chains/{id}/members`. */
export const AddMemberBody = z.object({
  uscc: Uscc,
  segmentKey: SegmentKey,
  role: z.enum(MEMBER_ROLES),
  source: z.enum(['manual', 'suggestion']).optional().describe('`suggestion` when accepting a suggestion.'),
  confidence: z.number().min(0).max(1).optional().describe('Confidence of the accepted suggestion.'),
});
export type AddMemberBody = z.infer<typeof AddMemberBody>;

/** `GET /api/v1/chains/{id}/suggestions`. */
export const SuggestionsQuery = z.object({
  segmentKey: SegmentKey,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type SuggestionsQuery = z.infer<typeof SuggestionsQuery>;

/** A ranked enterprise that could fill a segment, with why. */
export const Suggestion = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  industryCode: z.string(),
  tags: z.array(z.string()),
  score: z.number().min(0).max(1).describe('Confidence 0..1.'),
  suggestedRole: z.enum(MEMBER_ROLES),
  reasons: z.array(z.string()).describe('Why, in Chinese, naming the matched industry and terms.'),
  matchedTerms: z.array(z.string()),
});
export type Suggestion = z.infer<typeof Suggestion>;

/** `POST /api/v1/chains/{id}/suggestions/reject`. */
export const RejectSuggestionBody = z.object({ uscc: Uscc, segmentKey: SegmentKey });
export type RejectSuggestionBody = z.infer<typeof RejectSuggestionBody>;
