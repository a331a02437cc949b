/**
 * Contracts of the service directory (服务资源目录, SV-1/SV-2): providers (platforms, bases, parks,
 * science parks, maker spaces), the service products they offer, and SMEs' requests with ratings.
 * Shared by server, web and CLI.
 */
import { z } from 'zod';
import { PageQuery, RegionCode, Uscc } from './common.js';

const Text = (max: number) => z.string().trim().min(2, '至少2个字').max(max);
const Id = z.string().regex(/^\d{1,18}$/);

/** Longest description of a provider or product. */
export const DIRECTORY_TEXT_MAX = 5_000;
/** Kinds of service providers: 公共服务平台, 基地, 园区, 科技园, 众创空间, 其他. */
export const PROVIDER_KINDS = ['platform', 'base', 'park', 'science_park', 'maker_space', 'other'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
/** Categories of service products: 检验检测, 咨询诊断, 培训, 数字化, 融资, 知识产权, 孵化, 法律, 其他. */
export const PRODUCT_CATEGORIES = ['testing', 'consulting', 'training', 'digital', 'finance', 'ip', 'incubation', 'legal', 'other'] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];
/** Request states: requested → accepted → completed (then rated); requested → declined. */
export const REQUEST_STATUSES = ['requested', 'accepted', 'declined', 'completed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const CreateProviderBody = z.object({
  name: Text(120),
  kind: z.enum(PROVIDER_KINDS).describe('platform 公共服务平台, base 基地, park 园区, science_park 科技园, maker_space 众创空间, other 其他.'),
  regionCode: RegionCode.optional().describe('Where it is. Gov: a region in scope (default their own); members: their enterprise’s region (ignored).'),
  operatorUscc: Uscc.optional().describe('The registered enterprise running it; its members manage the products and requests. Members: their own enterprise (ignored).'),
  address: z.string().trim().max(200).optional(),
  contact: z.string().trim().max(100).optional(),
  description: z.string().trim().max(DIRECTORY_TEXT_MAX).optional(),
});
export type CreateProviderBody = z.infer<typeof CreateProviderBody>;

export const ListProvidersQuery = PageQuery.extend({
  kind: z.enum(PROVIDER_KINDS).optional(),
  region: RegionCode.optional().describe('Providers of this region and below.'),
  q: z.string().trim().max(100).optional().describe('Words in the name or description.'),
});
export type ListProvidersQuery = z.infer<typeof ListProvidersQuery>;

export const ProviderView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  regionCode: z.string(),
  regionName: z.string(),
  operatorUscc: z.string().nullable(),
  operatorName: z.string().nullable(),
  address: z.string(),
  contact: z.string(),
  description: z.string(),
  productCount: z.number().int(),
  ratingAverage: z.number().nullable().describe('Mean of the ratings of its products’ completed requests (1–5); null when none.'),
  ratingCount: z.number().int(),
  canManage: z.boolean().describe('The caller may add products and handle requests (gov in scope of its region, members of its operator, admins).'),
});
export type ProviderView = z.infer<typeof ProviderView>;

export const CreateProductBody = z.object({
  title: Text(120),
  category: z.enum(PRODUCT_CATEGORIES).describe('testing 检验检测, consulting 咨询诊断, training 培训, digital 数字化, finance 融资, ip 知识产权, incubation 孵化, legal 法律, other 其他.'),
  description: z.string().trim().max(DIRECTORY_TEXT_MAX).optional(),
  priceYuan: z.number().min(0).max(1e9).optional().describe('Price in 元 (stored as fen); omitted: price on request (面议); 0: free.'),
});
export type CreateProductBody = z.infer<typeof CreateProductBody>;

export const ListProductsQuery = PageQuery.extend({
  category: z.enum(PRODUCT_CATEGORIES).optional(),
  providerId: Id.optional(),
  q: z.string().trim().max(100).optional().describe('Words in the title or description.'),
});
export type ListProductsQuery = z.infer<typeof ListProductsQuery>;

export const ProductView = z.object({
  id: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  providerKind: z.enum(PROVIDER_KINDS),
  regionCode: z.string(),
  regionName: z.string(),
  title: z.string(),
  category: z.enum(PRODUCT_CATEGORIES),
  description: z.string(),
  priceFen: z.number().int().nullable().describe('Price in fen; null: price on request.'),
  isActive: z.boolean(),
  requestCount: z.number().int(),
  ratingAverage: z.number().nullable().describe('Mean rating (1–5) of its completed, rated requests; null when none.'),
  ratingCount: z.number().int(),
});
export type ProductView = z.infer<typeof ProductView>;

export const CreateRequestBody = z.object({
  uscc: Uscc.optional().describe('Requesting enterprise: a member requests for its own (default); gov name one in scope.'),
  note: z.string().trim().max(2000).optional().describe('What the enterprise needs.'),
});
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const ListRequestsQuery = PageQuery.extend({
  side: z.enum(['mine', 'incoming']).default('mine').describe('mine: the caller’s enterprise’s requests; incoming: requests to the providers the caller manages.'),
  status: z.enum(REQUEST_STATUSES).optional(),
});
export type ListRequestsQuery = z.infer<typeof ListRequestsQuery>;

export const HandleRequestBody = z.object({ reply: z.string().trim().max(2000).optional().describe('Message to the enterprise.') });
export type HandleRequestBody = z.infer<typeof HandleRequestBody>;

export const RateRequestBody = z.object({
  rating: z.number().int().min(1, '评分为1–5星').max(5, '评分为1–5星').describe('1–5 stars.'),
  review: z.string().trim().max(2000).optional(),
});
export type RateRequestBody = z.infer<typeof RateRequestBody>;

export const RequestView = z.object({
  id: z.string(),
  productId: z.string(),
  productTitle: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  uscc: z.string(),
  name: z.string().describe('The requesting enterprise.'),
  regionCode: z.string(),
  note: z.string(),
  status: z.enum(REQUEST_STATUSES),
  reply: z.string(),
  rating: z.number().int().nullable(),
  review: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canHandle: z.boolean().describe('The caller manages the provider (accept/decline/complete).'),
  canRate: z.boolean().describe('The caller’s enterprise requested it, it is completed and not yet rated.'),
});
export type RequestView = z.infer<typeof RequestView>;
