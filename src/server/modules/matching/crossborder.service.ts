/** Cross-border listings (跨境对接): published needs and offers flagged for abroad, within the needs' visibility. */
import type { ListListingsQuery } from '../../../contracts/cross-border.js';
import type { Db } from '../../db/database.js';
import { invalid } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { normaliseIndustryCode } from '../../platform/industries.js';
import { selectListings, type ListingFilter, type ListingRecord } from './crossborder.repo.js';
import { needScopeOf } from './matching.service.js';

function encodeListingCursor(r: ListingRecord): string {
  return Buffer.from(`x:${r.listedKey}|${r.kind}|${r.id}`).toString('base64url');
}

const CURSOR = /^x:((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d{1,6})?[+-]\d{2}(:\d{2})?)\|(need|offer)\|(\d{1,19})$/;

/** @throws validation_failed naming `cursor` when it is not one of ours. */
function decodeListingCursor(cursor: string | undefined): ListingFilter['after'] {
  if (!cursor) return undefined;
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const day = match ? new Date(`${match[2]}T${match[3]}Z`) : undefined;
  if (!match || !day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== match[2]) throw invalid([{ path: 'cursor', message: '分页游标无效' }]);
  return { listedAt: match[1], kind: match[6], id: match[7] };
}

/**
 * A page of cross-border listings the actor may read: published needs by their visibility
 * (as `GET /needs`), and every flagged offer (offers are public listings).
 * @throws validation_failed on a bad cursor.
 */
export async function listListings(db: Db, actor: Actor, query: ListListingsQuery): Promise<{ items: ListingRecord[]; nextCursor: string | null }> {
  const filter: ListingFilter = {
    kind: query.kind, country: query.country,
    industryPrefix: query.industry ? normaliseIndustryCode(query.industry) ?? query.industry.toUpperCase() : undefined,
    after: decodeListingCursor(query.cursor),
  };
  const rows = await selectListings(db, await needScopeOf(db, actor), filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeListingCursor(items[items.length - 1]) : null };
}
