import { z } from 'zod';
import { PageQuery, RegionCode, Uscc } from './common.js';

/** Kinds of risk event (风险事件). */
export const RISK_KINDS = ['shutdown', 'default', 'dishonest', 'sanction', 'disaster', 'logistics', 'late_payment'] as const;
export const RiskKind = z.enum(RISK_KINDS);
export type RiskKind = z.infer<typeof RiskKind>;
export const RISK_KIND_LABELS: Record<RiskKind, string> = {
  shutdown: '停产停工',
  default: '违约',
  dishonest: '失信',
  sanction: '制裁与出口管制',
  disaster: '自然灾害',
  logistics: '物流中断',
  late_payment: '逾期付款',
};

export const RISK_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const RiskSeverity = z.enum(RISK_SEVERITIES);
export type RiskSeverity = z.infer<typeof RiskSeverity>;
export const RISK_SEVERITY_LABELS: Record<RiskSeverity, string> = { low: '低', medium: '中', high: '高', critical: '严重' };

/** Impact status of the incident record: 潜在 → 确认 / 无影响 → 恢复. */
export const RISK_STATUSES = ['potential', 'confirmed', 'no_impact', 'recovered'] as const;
export const RiskStatus = z.enum(RISK_STATUSES);
export type RiskStatus = z.infer<typeof RiskStatus>;
export const RISK_STATUS_LABELS: Record<RiskStatus, string> = { potential: '潜在', confirmed: '确认', no_impact: '无影响', recovered: '恢复' };

/** The allowed status changes (anything else is 409 `invalid_state`). */
export const RISK_TRANSITIONS: Record<RiskStatus, readonly RiskStatus[]> = {
  potential: ['confirmed', 'no_impact'],
  confirmed: ['recovered'],
  no_impact: [],
  recovered: [],
};

export const RISK_TITLE_MAX = 200;
export const RISK_TEXT_MAX = 4000;
export const RISK_NOTE_MAX = 2000;
/** Largest number of tiers an impact may follow. */
export const RISK_TIERS_MAX = 6;

const Timestamp = z.string().datetime({ offset: true, message: '时间格式应为 ISO 8601，如 2026-11-20T08:00:00+08:00' });

export const CreateRiskEventBody = z.object({
  uscc: Uscc.optional().describe('The enterprise hit (one of uscc, offPlatformSupplierId, regionCode is required).'),
  offPlatformSupplierId: z.string().regex(/^\d{1,19}$/).optional().describe('An off-platform (often foreign) supplier hit, e.g. by export control.'),
  regionCode: RegionCode.optional().describe('A region event (disaster, logistics): every enterprise of the region is a source. With offPlatformSupplierId: the region the event is recorded for (default: the caller’s).'),
  kind: RiskKind,
  severity: RiskSeverity,
  occurredAt: Timestamp.describe('When it happened (ISO 8601 with offset).'),
  title: z.string().trim().max(RISK_TITLE_MAX).optional().describe('Short title; made from the kind and subject when absent.'),
  description: z.string().trim().max(RISK_TEXT_MAX).optional(),
  source: z.string().trim().max(RISK_TITLE_MAX).optional().describe('Where it is known from (news, 信用中国, a report).'),
});
export type CreateRiskEventBody = z.infer<typeof CreateRiskEventBody>;

export const ListRiskEventsQuery = PageQuery.extend({
  kind: RiskKind.optional(),
  severity: RiskSeverity.optional(),
  status: RiskStatus.optional(),
  region: RegionCode.optional().describe('Events whose region lies within this one.'),
});
export type ListRiskEventsQuery = z.infer<typeof ListRiskEventsQuery>;

export const RiskEventSummary = z.object({
  id: z.string(),
  kind: RiskKind,
  severity: RiskSeverity,
  status: RiskStatus,
  title: z.string(),
  enterprise: z.object({ uscc: z.string(), name: z.string() }).nullable(),
  offPlatformSupplier: z.object({ id: z.string(), name: z.string(), countryCode: z.string() }).nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  isRegionEvent: z.boolean(),
  occurredAt: z.string(),
  createdAt: z.string(),
});
export type RiskEventSummary = z.infer<typeof RiskEventSummary>;

export const RiskNote = z.object({
  id: z.string(),
  author: z.string(),
  body: z.string(),
  statusFrom: RiskStatus.nullable(),
  statusTo: RiskStatus.nullable(),
  at: z.string(),
});
export type RiskNote = z.infer<typeof RiskNote>;

export const RiskEventDetail = RiskEventSummary.extend({
  description: z.string(),
  source: z.string(),
  notes: z.array(RiskNote),
  canManage: z.boolean().describe('The caller may change the status and add notes.'),
  nextStatuses: z.array(RiskStatus).describe('Statuses the incident may move to now.'),
});
export type RiskEventDetail = z.infer<typeof RiskEventDetail>;

export const ChangeRiskStatusBody = z.object({
  status: RiskStatus,
  note: z.string().trim().min(1).max(RISK_NOTE_MAX).describe('Why: every status change carries a note.'),
});
export type ChangeRiskStatusBody = z.infer<typeof ChangeRiskStatusBody>;

export const AddRiskNoteBody = z.object({ body: z.string().trim().min(1).max(RISK_NOTE_MAX) });
export type AddRiskNoteBody = z.infer<typeof AddRiskNoteBody>;

export const RiskImpactQuery = z.object({
  tiers: z.coerce.number().int().min(1).max(RISK_TIERS_MAX).default(4).describe('Hops followed downstream.'),
  limit: z.coerce.number().int().min(1).max(2000).default(200).describe('Affected enterprises returned (strongest exposure first).'),
});
export type RiskImpactQuery = z.infer<typeof RiskImpactQuery>;

export const ImpactItem = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  tier: z.number().int().describe('Fewest hops from the event (1 = direct customer).'),
  exposure: z.number().describe('0..1: largest over paths of severity × dependency shares × decay.'),
  path: z.array(z.string().nullable()).describe('USCCs from the event’s enterprise to this one; null for a node outside the caller’s view (off-platform suppliers, enterprises outside a gov scope).'),
  pathNames: z.array(z.string()).describe('Names along the path (masked where `path` is null).'),
});
export type ImpactItem = z.infer<typeof ImpactItem>;

export const ImpactChain = z.object({
  chainId: z.string(),
  chainName: z.string(),
  segmentKey: z.string(),
  segmentName: z.string(),
  enterprises: z.number().int().describe('Affected members of the segment.'),
  maxExposure: z.number(),
});
export type ImpactChain = z.infer<typeof ImpactChain>;

export const RiskImpact = z.object({
  items: z.array(ImpactItem),
  chains: z.array(ImpactChain).describe('Chain segments with affected members.'),
  total: z.number().int().describe('Affected enterprises the caller may see (items holds the first `limit`).'),
  sources: z.number().int().describe('Graph nodes where the event starts (a region event: every enterprise of the region with supply edges).'),
});
export type RiskImpact = z.infer<typeof RiskImpact>;

export const SUBSCRIPTION_TARGETS = ['enterprise', 'suppliers', 'chain'] as const;
export const SubscriptionTarget = z.enum(SUBSCRIPTION_TARGETS);
export type SubscriptionTarget = z.infer<typeof SubscriptionTarget>;

export const CreateRiskSubscriptionBody = z.object({
  target: SubscriptionTarget.describe('`enterprise`: one enterprise; `suppliers`: every direct supplier of the member’s own enterprise; `chain`: every member of a chain.'),
  uscc: Uscc.optional().describe('For `enterprise`.'),
  chainId: z.string().regex(/^\d{1,19}$/).optional().describe('For `chain`.'),
});
export type CreateRiskSubscriptionBody = z.infer<typeof CreateRiskSubscriptionBody>;

export const RiskSubscription = z.object({
  id: z.string(),
  target: SubscriptionTarget,
  enterprise: z.object({ uscc: z.string(), name: z.string() }).nullable(),
  chain: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type RiskSubscription = z.infer<typeof RiskSubscription>;

export const AlertHit = z.object({
  kind: SubscriptionTarget.describe('Which subscription matched.'),
  uscc: z.string().nullable().describe('The watched enterprise hit (for `suppliers`: the supplier through which the impact came).'),
  chainId: z.string().nullable(),
  name: z.string(),
  tier: z.number().int().describe('0: the watched enterprise is the event’s own.'),
  exposure: z.number(),
});
export type AlertHit = z.infer<typeof AlertHit>;

export const Alert = z.object({
  id: z.string(),
  event: RiskEventSummary.pick({ id: true, kind: true, severity: true, status: true, title: true, occurredAt: true }),
  exposure: z.number(),
  tier: z.number().int(),
  hits: z.array(AlertHit),
  isRead: z.boolean(),
  createdAt: z.string(),
});
export type Alert = z.infer<typeof Alert>;

export const ListAlertsQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).optional().describe('`true`: unread only.'),
});
export type ListAlertsQuery = z.infer<typeof ListAlertsQuery>;

/** Weights of 0..1. */
const Unit = z.number().min(0).max(1);

/**
 * Settings of the composite risk score. The defaults are our judgement, not a standard
 * (⚠️ configurable by the platform admin).
 */
export const RiskScoreSettings = z
  .object({
    factorWeights: z.object({
      ownEvents: Unit.describe('Events on the enterprise itself.'),
      upstreamExposure: Unit.describe('Exposure to recent events upstream.'),
      supplierConcentration: Unit.describe('Dependence on few suppliers per product (HHI).'),
      latePayments: Unit.describe('Late payments recorded as risk events (the finance module will feed this).'),
    }),
    severityWeights: z.object({ low: Unit, medium: Unit, high: Unit, critical: Unit }),
    kindWeights: z.object(Object.fromEntries(RISK_KINDS.map((k) => [k, Unit])) as Record<RiskKind, typeof Unit>),
    halfLifeDays: z.number().min(1).max(3650).describe('An event’s weight halves every this many days.'),
    windowDays: z.number().int().min(1).max(3650).describe('Events older than this are ignored.'),
    thresholds: z.object({ medium: z.number().min(0).max(100), high: z.number().min(0).max(100) }).describe('Score at or above → level.'),
    propagation: z.object({
      maxTiers: z.number().int().min(1).max(RISK_TIERS_MAX),
      decay: Unit.describe('Factor per hop after the first.'),
      defaultShare: Unit.describe('Dependency share assumed when an edge has none.'),
    }),
  })
  .superRefine((s, ctx) => {
    if (s.thresholds.medium >= s.thresholds.high) {
      ctx.addIssue({ code: 'custom', path: ['thresholds', 'high'], message: '“高”阈值必须大于“中”阈值' });
    }
    if (Object.values(s.factorWeights).every((w) => w === 0)) {
      ctx.addIssue({ code: 'custom', path: ['factorWeights'], message: '至少一个因素的权重大于 0' });
    }
  });
export type RiskScoreSettings = z.infer<typeof RiskScoreSettings>;

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const RiskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevel>;
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: '低风险', medium: '中风险', high: '高风险' };

export const RISK_FACTORS = ['ownEvents', 'upstreamExposure', 'supplierConcentration', 'latePayments'] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

export const RiskScore = z.object({
  uscc: z.string(),
  name: z.string(),
  score: z.number().describe('0..100'),
  level: RiskLevel,
  factors: z.array(
    z.object({
      key: z.enum(RISK_FACTORS),
      value: z.number().describe('0..1'),
      weight: z.number(),
      contribution: z.number().describe('Points of the score from this factor.'),
      reasons: z.array(z.string()),
    }),
  ),
  computedAt: z.string(),
});
export type RiskScore = z.infer<typeof RiskScore>;
