/** Chain rows → API shapes (explicit fields only). */
import type { ChainDetail, ChainMember, ChainSummary } from '../../../contracts/chains.js';
import { regionFullName } from '../../platform/regions.js';
import type { ChainRecord, MemberRecord } from './chains.repo.js';
import type { Segment } from './chains.segments.js';

function regionName(code: string): string {
  return regionFullName(code) ?? code;
}

/** A member as the map shows it. */
export function presentMember(m: MemberRecord): ChainMember {
  return { uscc: m.uscc, name: m.name, regionCode: m.regionCode, regionName: regionName(m.regionCode), industryCode: m.industryCode, role: m.role, source: m.source, confidence: m.confidence };
}

/** A chain in lists. */
export function presentSummary(c: ChainRecord & { segmentCount: number; memberCount: number }): ChainSummary {
  return { id: c.id, name: c.name, regionCode: c.regionCode, regionName: regionName(c.regionCode), templateKey: c.templateKey, segmentCount: c.segmentCount, memberCount: c.memberCount, updatedAt: c.updatedAt.toISOString() };
}

/** The chain map: segments in stage order with their members. */
export function presentDetail(view: { chain: ChainRecord; segments: Segment[]; members: MemberRecord[]; canWrite: boolean }): ChainDetail {
  const bySegment = new Map<string, ChainMember[]>();
  for (const m of view.members) {
    bySegment.set(m.segmentKey, [...(bySegment.get(m.segmentKey) ?? []), presentMember(m)]);
  }
  const { chain } = view;
  return {
    id: chain.id,
    name: chain.name,
    regionCode: chain.regionCode,
    regionName: regionName(chain.regionCode),
    templateKey: chain.templateKey,
    description: chain.description,
    segments: view.segments.map((s) => {
      const members = bySegment.get(s.key) ?? [];
      return { key: s.key, name: s.name, stage: s.stage, upstream: s.upstream, products: s.products, industryCodes: s.industryCodes, position: s.position, memberCount: members.length, members };
    }),
    memberCount: new Set(view.members.map((m) => m.enterpriseId)).size,
    canWrite: view.canWrite,
    createdAt: chain.createdAt.toISOString(),
    updatedAt: chain.updatedAt.toISOString(),
  };
}
