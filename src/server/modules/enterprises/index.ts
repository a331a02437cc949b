/** Enterprise registry: profiles, size class, import/export. Other modules call only this file. */
import type { ChangeFeed } from '../../db/change-feed.js';
import type { Db } from '../../db/database.js';
import { evictEnterprises } from './enterprises.service.js';

export { enterprisesRoutes } from './enterprises.routes.js';
export { createEnterprise, evictEnterprises, findEnterpriseBrief, getEnterprise, listEnterprises, updateEnterprise } from './enterprises.service.js';
export { importEnterprises, importSheet, type ImportProgress } from './enterprises.import.js';
export { readSheet, type Sheet } from './enterprises.sheet.js';
export { exportEnterprises } from './enterprises.export.js';

/** Keep this node's enterprise cache current with writes of other nodes and CLI commands. */
export function followEnterpriseChanges(feed: ChangeFeed, db: Db): () => void {
  return feed.subscribe('enterprise', (changes) => evictEnterprises(db, changes.map((c) => c.entityKey)));
}
