/** Key-list rows → API shapes (explicit fields). */
import type { KeyListKind, KeyListMemberView, KeyListView } from '../../../contracts/workbench.js';
import type { Actor } from '../../platform/actor.js';
import type { KeyListMemberRecord, KeyListRecord } from './lists.repo.js';
import { isOwnTask } from './tasks.policy.js';
import { regionNameOf } from './tasks.present.js';

/** A list for this actor. */
export function presentKeyList(actor: Actor, list: KeyListRecord): KeyListView {
  return {
    id: list.id, regionCode: list.regionCode, regionName: regionNameOf(list.regionCode), name: list.name, kind: list.kind as KeyListKind,
    description: list.description, memberCount: list.memberCount, isOwn: isOwnTask(actor, list), updatedAt: list.updatedAt.toISOString(),
  };
}

/** A member enterprise (registry fields every gov reader in scope may see). */
export function presentKeyListMember(m: KeyListMemberRecord): KeyListMemberView {
  return { uscc: m.uscc, name: m.name, regionCode: m.regionCode, regionName: regionNameOf(m.regionCode), size: m.size, tags: m.tags, source: m.source as 'manual' | 'filter', addedAt: m.addedAt.toISOString() };
}
