/**
 * Contracts of SOE openness (WR-2): central and local state-owned enterprises open application
 * scenarios, procurement and resources to SMEs, SMEs apply, and each firm's openness is measured.
 */
import { z } from 'zod';
import { BusinessDate, PageQuery, RegionCode, Uscc } from './common.js';

const Id = z.string().regex(/^\d{1,18}$/);
/** Longest free text of an opening. */
export const OPENING_TEXT_MAX = 5_000;

/** 央企 (central) / 地方国企 (local). */
export const SOE_OWNERSHIPS = ['central', 'local'] as const;
export type SoeOwnership = (typeof SOE_OWNERSHIPS)[number];
/** What is opened: 应用场景 (scenario), 采购与供应链 (procurement), 设备/实验室/数据资源 (resource). */
export const OPENING_KINDS = ['scenario', 'procurement', 'resource'] as const;
export type OpeningKind = (typeof OPENING_KINDS)[number];
export const APPLICATION_STATUSES = ['submitted', 'accepted', 'declined'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const CreateOpeningBody = z.object({
  enterpriseUscc: Uscc.optional().describe('The state-owned firm. Members: their own enterprise (default); gov name one in scope.'),
  ownership: z.enum(SOE_OWNERSHIPS).describe('central 央企, local 地方国企 (declared by the publisher).'),
  kind: z.enum(OPENING_KINDS).describe('scenario 应用场景, procurement 采购与供应链, resource 设备/实验室/数据资源.'),
  title: z.string().trim().min(2, '至少2个字').max(120),
  description: z.string().trim().max(OPENING_TEXT_MAX).optional(),
  chainId: Id.optional().describe('The chain it serves, if any.'),
  budgetYuan: z.number().min(0).max(1e12).optional().describe('Budget in 元 (stored as fen).'),
  applyBy: BusinessDate.describe('Last day SMEs may apply (business date, Asia/Shanghai).'),
});
export type CreateOpeningBody = z.infer<typeof CreateOpeningBody>;

export const ListOpeningsQuery = PageQuery.extend({
  kind: z.enum(OPENING_KINDS).optional(),
  ownership: z.enum(SOE_OWNERSHIPS).optional(),
  region: RegionCode.optional().describe('Openings of firms in this region and below.'),
  isOpen: z.enum(['true', 'false']).optional().describe('true: apply-by date not passed (today, Asia/Shanghai, still counts).'),
});
export type ListOpeningsQuery = z.infer<typeof ListOpeningsQuery>;

export const OpeningView = z.object({
  id: z.string(),
  enterpriseUscc: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  ownership: z.enum(SOE_OWNERSHIPS),
  kind: z.enum(OPENING_KINDS),
  title: z.string(),
  description: z.string(),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  budgetFen: z.number().int().nullable(),
  applyBy: z.string(),
  isOpen: z.boolean(),
  applicationCount: z.number().int(),
  acceptedCount: z.number().int(),
  canManage: z.boolean().describe('The caller speaks for the firm (its members, gov in scope) and decides applications.'),
  createdAt: z.string(),
});
export type OpeningView = z.infer<typeof OpeningView>;

export const ApplicationView = z.object({
  enterpriseUscc: z.string(),
  enterpriseName: z.string(),
  size: z.string().nullable(),
  note: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

export const OpeningDetail = OpeningView.extend({
  applications: z.array(ApplicationView).describe('All applications for the firm’s managers; the caller’s own otherwise.'),
});
export type OpeningDetail = z.infer<typeof OpeningDetail>;

export const ApplyBody = z.object({ note: z.string().trim().max(2_000).optional() });
export type ApplyBody = z.infer<typeof ApplyBody>;

export const DecideApplicationBody = z.object({ status: z.enum(['accepted', 'declined']) });
export type DecideApplicationBody = z.infer<typeof DecideApplicationBody>;

export const OpennessQuery = z.object({ region: RegionCode.optional().describe('Firms in this region and below (within the caller’s scope).') });
export type OpennessQuery = z.infer<typeof OpennessQuery>;

/** One firm's openness figures. */
export const OpennessRow = z.object({
  enterpriseUscc: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  ownership: z.enum(SOE_OWNERSHIPS),
  openingCount: z.number().int(),
  openCount: z.number().int().describe('Openings whose apply-by date has not passed.'),
  budgetFen: z.number().int(),
  applicationCount: z.number().int(),
  acceptedSmeCount: z.number().int().describe('Distinct SMEs accepted on any of the firm’s openings.'),
  smeSupplierCount: z.number().int().describe('Distinct SME suppliers of the firm in the supply graph (public edges).'),
});
export type OpennessRow = z.infer<typeof OpennessRow>;
