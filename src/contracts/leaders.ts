/**
 * Contracts of chain leaders and regions (IC-2, IC-4): leaders' actions per chain, industrial
 * clusters with members, the industrial-transfer catalogue and the cross-region chain view.
 */
import { z } from 'zod';
import { BusinessDate, IndustryCode, PageQuery, RegionCode, Uscc } from './common.js';

const Text = (max: number) => z.string().trim().min(2, '至少2个字').max(max);
const Id = z.string().regex(/^\d{1,18}$/);
/** Longest free text of these records. */
export const LEADERS_TEXT_MAX = 5_000;
/** Most enterprises added to a cluster in one call. */
export const CLUSTER_MEMBERS_MAX = 200;

/** Leaders' actions: 孵化基地/园区, 供应商提升计划, 投资中小企业, 内部创业/分拆. */
export const LEADER_ACTION_KINDS = ['incubation_base', 'supplier_programme', 'equity_investment', 'internal_startup'] as const;
export type LeaderActionKind = (typeof LEADER_ACTION_KINDS)[number];
/** Cluster kinds: 先进制造业集群, 中小企业特色产业集群. */
export const CLUSTER_KINDS = ['advanced_manufacturing', 'sme_characteristic'] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];
/** Who recognised the cluster. */
export const CLUSTER_LEVELS = ['national', 'provincial', 'municipal'] as const;
export type ClusterLevel = (typeof CLUSTER_LEVELS)[number];
/** Transfer directions: inbound 承接 (the region takes the industry in), outbound 转出. */
export const TRANSFER_DIRECTIONS = ['inbound', 'outbound'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

export const CreateLeaderActionBody = z.object({
  chainId: Id.describe('The chain the action serves.'),
  leaderUscc: Uscc.optional().describe('The leading firm (a `leader` member of the chain). Members: their own enterprise (default); gov name one in scope.'),
  kind: z.enum(LEADER_ACTION_KINDS).describe('incubation_base 孵化基地/园区, supplier_programme 供应商提升计划, equity_investment 投资中小企业, internal_startup 内部创业/分拆.'),
  title: Text(120),
  description: z.string().trim().max(LEADERS_TEXT_MAX).optional(),
  partnerUscc: Uscc.optional().describe('The SME invested in or the start-up spun off, when registered.'),
  amountYuan: z.number().min(0).max(1e12).optional().describe('Money committed in 元 (stored as fen).'),
  smeCount: z.number().int().min(0).max(1_000_000).optional().describe('SMEs reached (incubated, in the programme).'),
  startedOn: BusinessDate.describe('When it started (business date, Asia/Shanghai).'),
});
export type CreateLeaderActionBody = z.infer<typeof CreateLeaderActionBody>;

export const ListLeaderActionsQuery = PageQuery.extend({
  chainId: Id.optional(),
  kind: z.enum(LEADER_ACTION_KINDS).optional(),
  region: RegionCode.optional().describe('Actions of leaders in this region and below.'),
});
export type ListLeaderActionsQuery = z.infer<typeof ListLeaderActionsQuery>;

export const LeaderActionView = z.object({
  id: z.string(),
  chainId: z.string(),
  chainName: z.string(),
  leaderUscc: z.string(),
  leaderName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  kind: z.enum(LEADER_ACTION_KINDS),
  title: z.string(),
  description: z.string(),
  partnerUscc: z.string().nullable(),
  partnerName: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  smeCount: z.number().int().nullable(),
  startedOn: z.string(),
  createdAt: z.string(),
});
export type LeaderActionView = z.infer<typeof LeaderActionView>;

export const CreateClusterBody = z.object({
  name: Text(120),
  kind: z.enum(CLUSTER_KINDS).describe('advanced_manufacturing 先进制造业集群, sme_characteristic 中小企业特色产业集群.'),
  level: z.enum(CLUSTER_LEVELS).describe('Recognised by: national 国家级, provincial 省级, municipal 市级.'),
  regionCode: RegionCode.optional().describe('Where the cluster is (a region in the gov user’s scope; default their own).'),
  chainId: Id.optional().describe('The chain it belongs to, if any.'),
  industry: z.string().trim().max(200).optional().describe('Leading industry in words.'),
  recognisedYear: z.number().int().min(2000).max(2100).optional(),
  description: z.string().trim().max(LEADERS_TEXT_MAX).optional(),
});
export type CreateClusterBody = z.infer<typeof CreateClusterBody>;

export const AddClusterMembersBody = z.object({
  members: z.array(z.object({ uscc: Uscc, role: z.enum(['leader', 'member']).default('member') })).min(1).max(CLUSTER_MEMBERS_MAX).describe('Registered enterprises; existing members keep their row (role updated).'),
});
export type AddClusterMembersBody = z.infer<typeof AddClusterMembersBody>;

export const ListClustersQuery = PageQuery.extend({
  kind: z.enum(CLUSTER_KINDS).optional(),
  region: RegionCode.optional().describe('Clusters in this region and below.'),
});
export type ListClustersQuery = z.infer<typeof ListClustersQuery>;

export const ClusterMemberView = z.object({ uscc: z.string(), name: z.string(), regionCode: z.string(), size: z.string().nullable(), role: z.enum(['leader', 'member']) });
export type ClusterMemberView = z.infer<typeof ClusterMemberView>;

export const ClusterView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CLUSTER_KINDS),
  level: z.enum(CLUSTER_LEVELS),
  regionCode: z.string(),
  regionName: z.string(),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  industry: z.string(),
  recognisedYear: z.number().int().nullable(),
  description: z.string(),
  memberCount: z.number().int(),
  smeCount: z.number().int().describe('Members sized small, medium or micro.'),
  canManage: z.boolean().describe('Gov in scope of its region (and admins) may add members.'),
});
export type ClusterView = z.infer<typeof ClusterView>;

export const CreateTransferItemBody = z.object({
  direction: z.enum(TRANSFER_DIRECTIONS).describe('inbound 承接 (the region takes the industry in), outbound 转出 (moves it out).'),
  regionCode: RegionCode.optional().describe('Publishing region (in the gov user’s scope; default their own).'),
  chainId: Id.optional(),
  industryCode: IndustryCode,
  title: Text(120),
  description: z.string().trim().max(LEADERS_TEXT_MAX).optional(),
  conditions: z.string().trim().max(LEADERS_TEXT_MAX).optional().describe('Land, energy, incentives on offer (inbound) or wanted (outbound).'),
  contact: z.string().trim().max(100).optional(),
});
export type CreateTransferItemBody = z.infer<typeof CreateTransferItemBody>;

export const ListTransferItemsQuery = PageQuery.extend({
  direction: z.enum(TRANSFER_DIRECTIONS).optional(),
  industry: z.string().regex(/^[A-Ta-t](\d{1,4})?$/).optional().describe('Industry code prefix, e.g. C38.'),
  region: RegionCode.optional(),
  isOpen: z.enum(['true', 'false']).optional(),
});
export type ListTransferItemsQuery = z.infer<typeof ListTransferItemsQuery>;

export const TransferItemView = z.object({
  id: z.string(),
  direction: z.enum(TRANSFER_DIRECTIONS),
  regionCode: z.string(),
  regionName: z.string(),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  industryCode: z.string(),
  title: z.string(),
  description: z.string(),
  conditions: z.string(),
  contact: z.string(),
  isOpen: z.boolean(),
  canManage: z.boolean(),
  createdAt: z.string(),
});
export type TransferItemView = z.infer<typeof TransferItemView>;

export const ChainRegionsQuery = z.object({ templateKey: z.string().max(100).optional().describe('Only chains built from this template (the same chain in different regions).') });
export const ChainRegionRow = z.object({
  chainId: z.string(),
  chainName: z.string(),
  templateKey: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  memberCount: z.number().int(),
  leaderCount: z.number().int(),
  leaderActionCount: z.number().int(),
  leaderActionAmountFen: z.number().int(),
  clusterCount: z.number().int(),
  transferItemCount: z.number().int(),
});
export type ChainRegionRow = z.infer<typeof ChainRegionRow>;
