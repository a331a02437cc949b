/**
 * Standards and patents (标准与专利, IN-4). Standard-drafting projects and patent records are
 * public listings to everyone signed in (standards under drafting are announced; patents are
 * published by CNIPA). A standard is managed by its lead drafter's members and gov users in scope;
 * a patent is recorded by its holder's members or gov users in scope. Per chain, the patent coverage
 * by segment shows where the chain's leaders and SMEs hold none.
 */
import type { CreatePatentBody, CreateStandardBody, ListPatentsQuery, ListStandardsQuery, PatentCoverage, UpdateStandardBody } from '../../../contracts/ip.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { isInRegionScope } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { getChain } from '../chains/chains.service.js';
import * as challenges from './challenges.repo.js';
import { enterpriseFor, userIdOf } from './challenges.service.js';
import { getConsortiumFor } from './consortia.service.js';
import * as repo from './ip.repo.js';

export const STANDARD_ENTITY = 'standard_project';
export const PATENT_ENTITY = 'patent';
const ID = /^\d{1,18}$/;

export interface StandardForActor {
  standard: repo.StandardRecord;
  participants: { uscc: string; name: string; role: 'lead' | 'drafter' | 'reviewer' }[];
  canManage: boolean;
}

function managesStandard(actor: Actor, s: repo.StandardRecord): boolean {
  return (actor.role === 'member' && actor.orgUscc === s.leadUscc) || ((actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, s.regionCode));
}

async function withParticipants(db: Db, actor: Actor, rows: repo.StandardRecord[]): Promise<StandardForActor[]> {
  const participants = await repo.selectParticipants(db, rows.map((s) => s.id));
  return rows.map((standard) => ({ standard, participants: participants.filter((p) => p.standardId === standard.id).map(({ uscc, name, role }) => ({ uscc, name, role })), canManage: managesStandard(actor, standard) }));
}

/** A page of standard-drafting projects, newest first (public to everyone signed in). */
export async function listStandards(db: Db, actor: Actor, query: ListStandardsQuery) {
  const rows = await repo.selectStandards(db, { q: query.q || undefined, level: query.level, status: query.status, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items: await withParticipants(db, actor, items), nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** One standard-drafting project. @throws not_found. */
export async function getStandardFor(db: Db, actor: Actor, id: string): Promise<StandardForActor> {
  const standard = ID.test(id) ? await repo.selectStandard(db, id) : undefined;
  if (!standard) throw notFound('标准项目');
  return (await withParticipants(db, actor, [standard]))[0];
}

async function checkedChain(db: Db, actor: Actor, chainId: string | undefined, errors: FieldError[]) {
  if (!chainId) return undefined;
  try {
    return await getChain(db, actor, chainId);
  } catch {
    errors.push({ path: 'chainId', message: '产业链不存在' });
    return undefined;
  }
}

/**
 * Register a standard-drafting project led by the member's organisation (gov/admins: one in scope).
 * @throws forbidden for experts; validation_failed (uscc, chainId, a consortium the caller cannot see, unknown or repeated participants).
 */
export async function createStandard(db: Db, context: WriteContext, body: CreateStandardBody): Promise<{ id: string }> {
  const lead = await enterpriseFor(db, context.actor, body.uscc, 'uscc');
  const errors: FieldError[] = [];
  await checkedChain(db, context.actor, body.chainId, errors);
  if (body.consortiumId) {
    try {
      await getConsortiumFor(db, context.actor, body.consortiumId);
    } catch {
      errors.push({ path: 'consortiumId', message: '创新联合体不存在' });
    }
  }
  const participants: { enterpriseId: string; uscc: string; role: string }[] = [];
  for (const [i, p] of body.participants.entries()) {
    const e = await challenges.selectEnterpriseByUscc(db, p.uscc.trim().toUpperCase());
    if (!e) errors.push({ path: `participants[${i}].uscc`, message: '企业不存在' });
    else if (e.id === lead.id || participants.some((x) => x.enterpriseId === e.id)) errors.push({ path: `participants[${i}].uscc`, message: '起草单位重复' });
    else participants.push({ enterpriseId: e.id, uscc: e.uscc, role: p.role });
  }
  if (errors.length > 0) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertStandard(tx, {
      title: body.title, code: body.code, level: body.level, status: body.status, leadEnterpriseId: lead.id, regionCode: lead.regionCode, chainId: body.chainId ?? null,
      consortiumId: body.consortiumId ?? null, createdBy: userIdOf(context.actor),
    });
    await repo.insertParticipants(tx, id, [{ enterpriseId: lead.id, role: 'lead' }, ...participants]);
    await recordWrites(tx, context, [{ action: 'standard.create', entityType: STANDARD_ENTITY, entityKey: id, regionCode: lead.regionCode, after: { ...body, leadUscc: lead.uscc, participants: participants.map(({ uscc, role }) => ({ uscc, role })) } }]);
    return { id };
  });
}

/** Change status or code. @throws not_found; forbidden for those who do not manage it. */
export async function updateStandard(db: Db, context: WriteContext, id: string, body: UpdateStandardBody): Promise<StandardForActor> {
  const view = await getStandardFor(db, context.actor, id);
  if (!view.canManage) throw new AppError('forbidden', 'Only the lead drafter and gov in scope update a standard project', { userMessage: '仅主编单位和属地主管部门可以更新' });
  await db.transaction().execute(async (tx) => {
    await repo.updateStandard(tx, view.standard.id, body);
    await recordWrites(tx, context, [{ action: 'standard.update', entityType: STANDARD_ENTITY, entityKey: view.standard.id, regionCode: view.standard.regionCode, before: { status: view.standard.status, code: view.standard.code }, after: body }]);
  });
  return getStandardFor(db, context.actor, id);
}

/** A page of patents, newest first (public records). */
export async function listPatents(db: Db, query: ListPatentsQuery) {
  const rows = await repo.selectPatents(db, { q: query.q || undefined, type: query.type, chainId: query.chainId, segmentKey: query.segmentKey, holderUscc: query.holderUscc, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/**
 * Record a patent held by the member's enterprise (gov/admins: one in scope), optionally tied to a chain segment.
 * @throws forbidden for experts; validation_failed (holderUscc, dates, chainId, segmentKey); conflict when the number is recorded already.
 */
export async function createPatent(db: Db, context: WriteContext, body: CreatePatentBody): Promise<{ id: string }> {
  const holder = await enterpriseFor(db, context.actor, body.holderUscc, 'holderUscc');
  const errors: FieldError[] = [];
  if (body.filedOn > businessDate()) errors.push({ path: 'filedOn', message: '申请日不能晚于今天' });
  if (body.grantedOn && body.grantedOn < body.filedOn) errors.push({ path: 'grantedOn', message: '授权日不能早于申请日' });
  if (body.segmentKey && !body.chainId) errors.push({ path: 'chainId', message: '指定环节时须同时指定产业链' });
  const chain = await checkedChain(db, context.actor, body.chainId, errors);
  if (chain && body.segmentKey && !chain.segments.some((s) => s.key === body.segmentKey)) errors.push({ path: 'segmentKey', message: '该产业链没有这个环节' });
  if (errors.length > 0) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertPatent(tx, {
      number: body.number, title: body.title, enterpriseId: holder.id, regionCode: holder.regionCode, type: body.type, filedOn: body.filedOn, grantedOn: body.grantedOn ?? null,
      chainId: body.chainId ?? null, segmentKey: body.segmentKey ?? null, createdBy: userIdOf(context.actor),
    });
    if (!id) throw new AppError('conflict', 'Patent recorded already', { userMessage: `专利 ${body.number} 已登记` });
    await recordWrites(tx, context, [{ action: 'patent.create', entityType: PATENT_ENTITY, entityKey: id, regionCode: holder.regionCode, after: { ...body, holderUscc: holder.uscc } }]);
    return { id };
  });
}

/** Patent coverage of a chain by segment (every signed-in user reads every chain). @throws not_found. */
export async function patentCoverage(db: Db, actor: Actor, chainId: string): Promise<PatentCoverage> {
  const chain = await getChain(db, actor, chainId);
  const counts = await repo.selectCoverageCounts(db, chain.chain.id);
  const bySegment = new Map(counts.map((c) => [c.segmentKey, c]));
  const known = new Set(chain.segments.map((s) => s.key));
  return {
    chainId: chain.chain.id, chainName: chain.chain.name,
    segments: chain.segments.map((s) => {
      const c = bySegment.get(s.key) ?? { patents: 0, invention: 0, granted: 0, leaderPatents: 0, smePatents: 0, holders: 0 };
      return {
        key: s.key, name: s.name, stage: s.stage, patents: c.patents, invention: c.invention, granted: c.granted, leaderPatents: c.leaderPatents, smePatents: c.smePatents, holders: c.holders,
        isLeaderGap: c.leaderPatents === 0, isSmeGap: c.smePatents === 0,
      };
    }),
    unassigned: counts.filter((c) => c.segmentKey === null || !known.has(c.segmentKey)).reduce((sum, c) => sum + c.patents, 0),
  };
}

/** Presenters' view of a standard. */
export function presentStandard(view: StandardForActor) {
  const s = view.standard;
  return {
    id: s.id, title: s.title, code: s.code, level: s.level, status: s.status, leadName: s.leadName, leadUscc: s.leadUscc, regionCode: s.regionCode, chainId: s.chainId, chainName: s.chainName,
    consortiumId: s.consortiumId, participants: view.participants, canManage: view.canManage, createdAt: s.createdAt.toISOString(),
  };
}
