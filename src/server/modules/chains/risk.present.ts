import type { Alert, AlertHit, RiskEventDetail, RiskEventSummary, RiskKind, RiskScore, RiskSeverity, RiskStatus, RiskSubscription } from '../../../contracts/risk.js';
import { regionFullName } from '../../platform/regions.js';
import type { AlertRecord, RiskEventRecord, SubscriptionRecord } from './risk.repo.js';
import type { RiskScoreView } from './risk.score.js';
import type { RiskEventView } from './risk.service.js';

/** Row → API shape of an event in lists (explicit fields). */
export function presentEventSummary(e: RiskEventRecord): RiskEventSummary {
  return {
    id: e.id,
    kind: e.kind as RiskKind,
    severity: e.severity as RiskSeverity,
    status: e.status as RiskStatus,
    title: e.title,
    enterprise: e.enterpriseUscc !== null ? { uscc: e.enterpriseUscc, name: e.enterpriseName ?? '' } : null,
    offPlatformSupplier: e.offPlatformSupplierId !== null ? { id: e.offPlatformSupplierId, name: e.offPlatformName ?? '', countryCode: e.offPlatformCountry ?? '' } : null,
    regionCode: e.regionCode,
    regionName: regionFullName(e.regionCode) ?? e.regionCode,
    isRegionEvent: e.isRegionEvent,
    occurredAt: e.occurredAt.toISOString(),
    createdAt: e.createdAt.toISOString(),
  };
}

/** An event with its incident record. */
export function presentEventDetail(view: RiskEventView): RiskEventDetail {
  return {
    ...presentEventSummary(view.event),
    description: view.event.description,
    source: view.event.source,
    notes: view.notes.map((n) => ({ id: n.id, author: n.authorLabel, body: n.body, statusFrom: n.statusFrom as RiskStatus | null, statusTo: n.statusTo as RiskStatus | null, at: n.createdAt.toISOString() })),
    canManage: view.canManage,
    nextStatuses: view.nextStatuses,
  };
}

export function presentSubscription(s: SubscriptionRecord): RiskSubscription {
  return {
    id: s.id,
    target: s.target as RiskSubscription['target'],
    enterprise: s.enterpriseUscc !== null ? { uscc: s.enterpriseUscc, name: s.enterpriseName ?? '' } : null,
    chain: s.chainId !== null ? { id: s.chainId, name: s.chainName ?? '' } : null,
    createdAt: s.createdAt.toISOString(),
  };
}

export function presentAlert(a: AlertRecord): Alert {
  return {
    id: a.id,
    event: { id: a.eventId, kind: a.eventKind as RiskKind, severity: a.eventSeverity as RiskSeverity, status: a.eventStatus as RiskStatus, title: a.eventTitle, occurredAt: a.eventOccurredAt.toISOString() },
    exposure: a.exposure,
    tier: a.tier,
    hits: (a.hits as AlertHit[]).map((h) => ({ kind: h.kind, uscc: h.uscc ?? null, chainId: h.chainId ?? null, name: h.name, tier: h.tier, exposure: h.exposure })),
    isRead: a.readAt !== null,
    createdAt: a.createdAt.toISOString(),
  };
}

export function presentScore(s: RiskScoreView): RiskScore {
  return { uscc: s.uscc, name: s.name, score: s.score, level: s.level, factors: s.factors, computedAt: s.computedAt.toISOString() };
}
