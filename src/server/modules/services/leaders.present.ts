/** Row → API shapes of leaders' actions, clusters, the transfer catalogue and the cross-region view (explicit fields). */
import type { ChainRegionRow, ClusterKind, ClusterLevel, ClusterMemberView, ClusterView, LeaderActionKind, LeaderActionView, TransferDirection, TransferItemView } from '../../../contracts/leaders.js';
import { regionFullName } from '../../platform/regions.js';
import type { ClusterRecord, LeaderActionRecord, TransferItemRecord } from './leaders.repo.js';

const regionName = (code: string) => regionFullName(code) ?? code;

/** A leader action as the API shows it. */
export function presentLeaderAction(a: LeaderActionRecord): LeaderActionView {
  return {
    id: a.id, chainId: a.chainId, chainName: a.chainName, leaderUscc: a.leaderUscc, leaderName: a.leaderName, regionCode: a.regionCode, regionName: regionName(a.regionCode), kind: a.kind as LeaderActionKind,
    title: a.title, description: a.description, partnerUscc: a.partnerUscc, partnerName: a.partnerName, amountFen: a.amountFen === null ? null : Number(a.amountFen), smeCount: a.smeCount, startedOn: a.startedOn, createdAt: a.createdAt.toISOString(),
  };
}

/** A cluster as the API shows it. */
export function presentCluster(view: { cluster: ClusterRecord; canManage: boolean }): ClusterView {
  const k = view.cluster;
  return {
    id: k.id, name: k.name, kind: k.kind as ClusterKind, level: k.level as ClusterLevel, regionCode: k.regionCode, regionName: regionName(k.regionCode), chainId: k.chainId, chainName: k.chainName, industry: k.industry,
    recognisedYear: k.recognisedYear, description: k.description, memberCount: k.memberCount, smeCount: k.smeCount, canManage: view.canManage,
  };
}

/** A cluster member as the API shows it. */
export function presentClusterMember(m: { uscc: string; name: string; regionCode: string; size: string | null; role: string }): ClusterMemberView {
  return { uscc: m.uscc, name: m.name, regionCode: m.regionCode, size: m.size, role: m.role as ClusterMemberView['role'] };
}

/** A catalogue item as the API shows it. */
export function presentTransferItem(view: { item: TransferItemRecord; canManage: boolean }): TransferItemView {
  const t = view.item;
  return {
    id: t.id, direction: t.direction as TransferDirection, regionCode: t.regionCode, regionName: regionName(t.regionCode), chainId: t.chainId, chainName: t.chainName, industryCode: t.industryCode, title: t.title,
    description: t.description, conditions: t.conditions, contact: t.contact, isOpen: t.isOpen, canManage: view.canManage, createdAt: t.createdAt.toISOString(),
  };
}

/** A row of the cross-region chain view. */
export function presentChainRegion(r: { chainId: string; chainName: string; templateKey: string | null; regionCode: string; memberCount: number; leaderCount: number; leaderActionCount: number; leaderActionAmountFen: string; clusterCount: number; transferItemCount: number }): ChainRegionRow {
  return {
    chainId: r.chainId, chainName: r.chainName, templateKey: r.templateKey, regionCode: r.regionCode, regionName: regionName(r.regionCode), memberCount: r.memberCount, leaderCount: r.leaderCount,
    leaderActionCount: r.leaderActionCount, leaderActionAmountFen: Number(r.leaderActionAmountFen), clusterCount: r.clusterCount, transferItemCount: r.transferItemCount,
  };
}
