/**
 * The optional link of a consortium or a challenge to an industry chain and one of its segments
 * (the weak link it works on): both checked, errors collected under the body's field names.
 */
import type { Db } from '../../db/database.js';
import type { FieldError } from '../../errors.js';
import { selectChainName, selectSegmentName } from './consortia.repo.js';

/** The chain must exist. */
export async function checkedChain(db: Db, chainId: string | null | undefined, errors: FieldError[]): Promise<string | null> {
  if (!chainId) return null;
  if (!(await selectChainName(db, chainId))) errors.push({ path: 'chainId', message: '产业链不存在' });
  return chainId;
}

/** The segment must be one of the chain's (and needs a chain). */
export async function checkedSegment(db: Db, chainId: string | null, segmentKey: string | null | undefined, errors: FieldError[]): Promise<string | null> {
  if (!segmentKey) return null;
  if (!chainId) errors.push({ path: 'segmentKey', message: '请先选择产业链' });
  else if (!errors.some((e) => e.path === 'chainId') && !(await selectSegmentName(db, chainId, segmentKey))) errors.push({ path: 'segmentKey', message: '该产业链没有此环节' });
  return segmentKey;
}
