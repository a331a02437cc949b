import { z } from 'zod';
import { PageQuery, RegionCode, Uscc } from './common.js';
import { ImportError } from './enterprises.js';

/** Largest supplier list accepted by one import (rows). */
export const SUPPLY_IMPORT_MAX_ROWS = 100_000;
export const SUPPLY_PRODUCT_MAX = 100;
export const SUPPLY_SOURCE_MAX = 200;
export const SUPPLIER_NAME_MAX = 200;

/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, '国家代码应为 ISO 3166-1 两位字母，如 CN、JP').describe('ISO 3166-1 alpha-2, e.g. CN, JP, US.');

/** A calendar date YYYY-MM-DD (business date, Asia/Shanghai). */
const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').describe('Business date (Asia/Shanghai).');

/** One end of a supply edge as the API shows it. */
export const SupplyParty = z.object({
  uscc: z.string().nullable().describe('Null for a supplier that is not on the platform.'),
  name: z.string(),
  regionCode: z.string().nullable(),
  countryCode: z.string().describe('ISO 3166-1 alpha-2; CN for enterprises on the platform.'),
});
export type SupplyParty = z.infer<typeof SupplyParty>;

/** A supply edge (供应关系): supplier → customer for a product. */
export const SupplyEdge = z.object({
  id: z.string(),
  supplier: SupplyParty,
  customer: SupplyParty,
  product: z.string(),
  share: z.number().min(0).max(1).nullable().describe('Share of the customer’s need for the product covered by this supplier (0..1).'),
  since: z.string().nullable(),
  source: z.string(),
  isPrivate: z.boolean().describe('Part of a private supplier list: seen only by its owner and gov users of the region.'),
  createdAt: z.string(),
});
export type SupplyEdge = z.infer<typeof SupplyEdge>;

/** Body of `POST /api/v1/supply-edges`. Either `supplierUscc` or `supplierName` (+ country). */
export const CreateSupplyEdgeBody = z
  .object({
    supplierUscc: Uscc.optional(),
    supplierName: z.string().trim().min(2).max(SUPPLIER_NAME_MAX).optional().describe('Supplier not on the platform (e.g. abroad).'),
    supplierCountry: CountryCode.optional().describe('Country of an off-platform supplier; default CN.'),
    customerUscc: Uscc,
    product: z.string().trim().min(1).max(SUPPLY_PRODUCT_MAX),
    share: z.number().min(0, '占比应在 0–1 之间').max(1, '占比应在 0–1 之间').nullable().optional(),
    since: BusinessDate.nullable().optional(),
    source: z.string().trim().max(SUPPLY_SOURCE_MAX).optional(),
    isPrivate: z.boolean().optional().describe('Members only: keep this edge in the private supplier list of their enterprise.'),
  })
  .refine((b) => Boolean(b.supplierUscc) !== Boolean(b.supplierName), { message: '请填写供应商信用代码或（平台外）供应商名称，二选一', path: ['supplierUscc'] });
export type CreateSupplyEdgeBody = z.infer<typeof CreateSupplyEdgeBody>;

export const ListSupplyEdgesQuery = PageQuery.extend({
  supplier: z.string().trim().max(32).optional().describe('Supplier USCC.'),
  customer: z.string().trim().max(32).optional().describe('Customer USCC.'),
  product: z.string().trim().max(SUPPLY_PRODUCT_MAX).optional().describe('Substring of the product.'),
});
export type ListSupplyEdgesQuery = z.infer<typeof ListSupplyEdgesQuery>;

/** `GET /api/v1/enterprises/{uscc}/supply-summary`: counts, private edges included. */
export const SupplySummary = z.object({
  uscc: z.string(),
  suppliers: z.number().int().describe('Distinct suppliers of the enterprise (private lists counted).'),
  customers: z.number().int().describe('Distinct customers it supplies (private lists counted).'),
  foreignSuppliers: z.number().int(),
  edges: z.number().int(),
  privateEdges: z.number().int().describe('Of `edges`, those in private supplier lists.'),
});
export type SupplySummary = z.infer<typeof SupplySummary>;

/** Result of a supplier-list import (dry run or commit). */
export const SupplyImportReport = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  errors: z.array(ImportError),
  committed: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  preview: z.array(z.object({
    row: z.number().int(),
    supplier: z.string(),
    customer: z.string(),
    product: z.string(),
    share: z.number().nullable(),
    isPrivate: z.boolean(),
    action: z.enum(['create', 'update']),
  })).describe('The first valid rows as they would be written.'),
});
export type SupplyImportReport = z.infer<typeof SupplyImportReport>;

/** Columns of a supplier list: key (English header), Chinese header. */
export const SUPPLY_IMPORT_COLUMNS = [
  { key: 'supplier_uscc', zh: '供应商信用代码', required: false },
  { key: 'customer_uscc', zh: '客户信用代码', required: true },
  { key: 'product', zh: '产品', required: true },
  { key: 'share', zh: '供应占比', required: false },
  { key: 'since', zh: '起始日期', required: false },
  { key: 'source', zh: '来源', required: false },
  { key: 'supplier_name', zh: '供应商名称', required: false },
  { key: 'supplier_country', zh: '供应商国家', required: false },
  { key: 'private', zh: '私有', required: false },
] as const;
export type SupplyImportColumnKey = (typeof SUPPLY_IMPORT_COLUMNS)[number]['key'];

/** 断点 / 堵点 / 卡点. */
export const WEAK_LINK_KINDS = ['break', 'blockage', 'choke'] as const;
export const WeakLinkKind = z.enum(WEAK_LINK_KINDS);
export type WeakLinkKind = z.infer<typeof WeakLinkKind>;

/** An enterprise that could fill a weak link (补链/招商 list). */
export const WeakLinkCandidate = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  tags: z.array(z.string()),
  score: z.number().describe('0..1, higher first.'),
  reasons: z.array(z.string()).describe('Chinese sentences.'),
});
export type WeakLinkCandidate = z.infer<typeof WeakLinkCandidate>;

/** The numbers behind a segment's classification. */
export const SegmentMetrics = z.object({
  capableInRegion: z.number().int(),
  capableNationally: z.number().int(),
  leadersInRegion: z.number().int().describe('Region leaders of the chain whose supply was analysed.'),
  suppliersToLeaders: z.number().int().describe('Distinct suppliers of the segment’s products to those leaders.'),
  localShare: z.number().nullable().describe('Share of that supply coming from inside the region, 0..1; null when no supply is known.'),
  outsideShare: z.number().nullable(),
  foreignShare: z.number().nullable(),
  hhi: z.number().nullable().describe('Herfindahl–Hirschman index of supplier shares, 0..1 (1 = one supplier).'),
  singleSourceLeaders: z.number().int().describe('Leaders that get a product of the segment from one supplier only.'),
  topOutsideSupplierShare: z.number().nullable().describe('Largest share held by one supplier outside the region.'),
  capacity: z.number().nullable().describe('Stated capacity in the region where known (units of the segment).'),
  demand: z.number().nullable(),
});
export type SegmentMetrics = z.infer<typeof SegmentMetrics>;

/** One finding of the weak-link analysis. */
export const WeakLink = z.object({
  segmentKey: z.string(),
  segmentName: z.string(),
  kind: WeakLinkKind,
  score: z.number().describe('Severity 0..1; items are sorted by it.'),
  evidence: z.object({ text: z.string().describe('One Chinese sentence.'), metrics: SegmentMetrics }),
  candidates: z.array(WeakLinkCandidate),
});
export type WeakLink = z.infer<typeof WeakLink>;

export const WeakLinksQuery = z.object({
  region: RegionCode.optional().describe('Region to analyse; default the chain’s own region.'),
  candidates: z.coerce.number().int().min(0).max(50).default(10).describe('Candidates per finding.'),
});
export type WeakLinksQuery = z.infer<typeof WeakLinksQuery>;

export const WeakLinksResponse = z.object({
  chainId: z.string(),
  regionCode: z.string(),
  items: z.array(WeakLink),
  segments: z.array(z.object({ segmentKey: z.string(), segmentName: z.string(), kinds: z.array(WeakLinkKind), metrics: SegmentMetrics })).describe('Every segment with its metrics (for colouring a chain map).'),
});
export type WeakLinksResponse = z.infer<typeof WeakLinksResponse>;

/** An SME on the 小巨人 chain map. */
export const LittleGiantEntry = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  tier: z.enum(['little_giant', 'specialized']),
  suppliesLeaders: z.array(z.object({ uscc: z.string(), name: z.string(), products: z.array(z.string()) })),
});
export type LittleGiantEntry = z.infer<typeof LittleGiantEntry>;

export const LittleGiantsQuery = z.object({ region: RegionCode.optional().describe('Default the chain’s own region.') });

export const LittleGiantsResponse = z.object({
  chainId: z.string(),
  regionCode: z.string(),
  segments: z.array(z.object({ segmentKey: z.string(), segmentName: z.string(), stage: z.string(), enterprises: z.array(LittleGiantEntry) })),
  leaderSuppliers: z.array(z.object({
    uscc: z.string(),
    name: z.string(),
    regionCode: z.string(),
    tags: z.array(z.string()),
    leaders: z.array(z.object({ uscc: z.string(), name: z.string() })),
    products: z.array(z.string()),
    isRecognised: z.boolean().describe('Already 专精特新 or 小巨人.'),
  })).describe('SMEs supplying the chain’s leaders: priority in 小巨人 recognition.'),
});
export type LittleGiantsResponse = z.infer<typeof LittleGiantsResponse>;
