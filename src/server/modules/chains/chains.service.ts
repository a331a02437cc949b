/** Chain maps: create from segments or a template, edit segments with history, place members, suggest. */
import type {
  AddMemberBody,
  CreateChainBody,
  ListChainsQuery,
  MergeSegmentsBody,
  RejectSuggestionBody,
  SegmentInput,
  SplitSegmentBody,
  SuggestionsQuery,
  UpdateSegmentBody,
} from '../../../contracts/chains.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { findIndustry, normaliseIndustryCode } from '../../platform/industries.js';
import { findRegion, regionPrefix } from '../../platform/regions.js';
import { regionScopeOf } from '../../platform/scope.js';
import { normaliseUscc } from '../../platform/uscc.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { canCreateChains, canWriteChain } from './chains.policy.js';
import * as repo from './chains.repo.js';
import { addSegment, checkSegments, deleteSegment, mergeSegments, splitSegment, updateSegment, type EditResult, type Segment } from './chains.segments.js';
import { rankCandidates, type CandidateProfile, type ScoredCandidate } from './chains.suggest.js';
import { chainTemplates, findTemplate } from './chains.templates.js';
import { chainTokens } from './chains.tokens.js';

/** Audit entity of everything that happens to a chain (its history). */
export const CHAIN_ENTITY = 'chain';

/** A chain map as services return it to presenters. */
export interface ChainView {
  chain: repo.ChainRecord;
  segments: Segment[];
  members: repo.MemberRecord[];
  canWrite: boolean;
}

/** The shipped templates. */
export function listTemplates() {
  return [...chainTemplates().values()];
}

function isChainId(id: string): boolean {
  return /^\d{1,18}$/.test(id);
}

/**
 * One chain map with its segments and members. Every signed-in user reads every chain.
 * @throws not_found when there is no such chain.
 */
export async function getChain(db: Db | Tx, actor: Actor, id: string): Promise<ChainView> {
  const chain = isChainId(id) ? await repo.selectChain(db, id) : undefined;
  if (!chain) {
    throw notFound('产业链');
  }
  const [segments, members] = await Promise.all([repo.selectSegments(db, id), repo.selectMembers(db, id)]);
  return { chain, segments, members, canWrite: canWriteChain(actor, chain.regionCode) };
}

/** The chain row inside a write, locked. @throws not_found, or forbidden for readers who may not write. */
async function chainForWrite(tx: Tx, actor: Actor, id: string): Promise<repo.ChainRecord> {
  const chain = isChainId(id) ? await repo.selectChain(tx, id, { isLocked: true }) : undefined;
  if (!chain) {
    throw notFound('产业链');
  }
  if (!canWriteChain(actor, chain.regionCode)) {
    throw new AppError('forbidden', 'Only gov users of the chain’s region and admins edit it', { userMessage: '仅产业链所在地区的主管部门和平台管理员可以编辑' });
  }
  return chain;
}

/** Normalised industry codes of a segment input; unknown ones reported under `prefix`. */
function segmentIndustryCodes(codes: readonly string[] | undefined, prefix: string, errors: FieldError[]): string[] {
  const out: string[] = [];
  (codes ?? []).forEach((input, i) => {
    const code = normaliseIndustryCode(input);
    if (!code || !findIndustry(code)) {
      errors.push({ path: `${prefix}[${i}]`, message: `未知的国民经济行业代码 ${input}` });
    } else if (!out.includes(code)) {
      out.push(code);
    }
  });
  return out;
}

function toSegments(inputs: readonly SegmentInput[], errors: FieldError[]): Segment[] {
  const positions = new Map<string, number>();
  return inputs.map((s, i) => {
    const position = positions.get(s.stage) ?? 0;
    positions.set(s.stage, position + 1);
    return {
      key: s.key, name: s.name, stage: s.stage, upstream: s.upstream, products: [...new Set(s.products)],
      industryCodes: segmentIndustryCodes(s.industryCodes, `segments[${i}].industryCodes`, errors), position,
    };
  });
}

/**
 * Create a chain map from its segments, or from a template when `segments` is absent.
 * @throws forbidden for roles that never write chains; validation_failed naming the field (a
 * region outside the gov user's scope, an unknown template, cycles, self-links, unknown keys).
 */
export async function createChain(db: Db, context: WriteContext, body: CreateChainBody): Promise<string> {
  const { actor } = context;
  if (!canCreateChains(actor)) {
    throw new AppError('forbidden', 'Only gov users and admins create chains', { userMessage: '仅政府主管部门和平台管理员可以新建产业链' });
  }
  const errors: FieldError[] = [];
  if (!findRegion(body.regionCode) && body.regionCode !== '000000') {
    errors.push({ path: 'regionCode', message: `未知的行政区划代码 ${body.regionCode}` });
  } else if (!canWriteChain(actor, body.regionCode)) {
    errors.push({ path: 'regionCode', message: `行政区划 ${body.regionCode} 不在您的管辖范围内` });
  }
  const template = body.templateKey ? findTemplate(body.templateKey) : undefined;
  if (body.templateKey && !template) {
    errors.push({ path: 'templateKey', message: `未知的产业链模板 ${body.templateKey}` });
  }
  if (!body.segments && !body.templateKey) {
    errors.push({ path: 'segments', message: '请列出环节，或选择一个模板' });
  }
  const inputs: SegmentInput[] = body.segments ?? template?.segments ?? [];
  const segments = toSegments(inputs, errors);
  errors.push(...checkSegments(segments));
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const description = body.description ?? (body.segments ? '' : template?.description ?? '');
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertChain(tx, { name: body.name, regionCode: body.regionCode, templateKey: template?.key ?? null, description, createdBy: actorId(actor) });
    await repo.upsertSegments(tx, id, segments);
    await recordWrites(tx, context, [{ action: 'chain.create', entityType: CHAIN_ENTITY, entityKey: id, regionCode: body.regionCode, after: { name: body.name, regionCode: body.regionCode, templateKey: template?.key ?? null, segments: segments.map((s) => s.key) } }]);
    return id;
  });
}

/** The user id for `created_by` columns (the CLI's system actor has none). */
function actorId(actor: Actor): string | null {
  return actor.userId === '0' ? null : actor.userId;
}

/** A page of chains; everyone signed in sees every chain. */
export async function listChains(db: Db, query: ListChainsQuery) {
  const filter: repo.ChainFilter = {};
  if (query.region) {
    if (!findRegion(query.region) && query.region !== '000000') {
      throw invalid([{ path: 'region', message: `未知的行政区划代码 ${query.region}` }]);
    }
    filter.regionPrefix = regionPrefix(query.region);
  }
  if (query.template) filter.templateKey = query.template;
  const q = query.q?.trim();
  if (q) filter.nameLike = q.replace(/[%_\\]/g, (c) => `\\${c}`);
  const afterId = decodeCursor(query.cursor);
  const [rows, total] = await Promise.all([repo.selectChainPage(db, filter, afterId, query.limit + 1), repo.countChains(db, filter)]);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null, total };
}

/** Member moves that go with a segment edit (split and merge). */
interface MemberMove {
  from: string;
  to: string;
  enterpriseIds?: string[];
}

/**
 * Apply a segment edit: compute the new list with the pure rules, write the difference, move
 * members, and record the edit in the chain's history — all in one transaction.
 */
async function editSegments(
  db: Db,
  context: WriteContext,
  chainId: string,
  edit: { action: string; detail: Record<string, unknown>; apply: (segments: Segment[]) => EditResult; moves?: (segments: Segment[], tx: Tx) => Promise<MemberMove[]> },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const chain = await chainForWrite(tx, context.actor, chainId);
    const before = await repo.selectSegments(tx, chainId);
    const outcome = edit.apply(before);
    if (!outcome.segments) {
      throw invalid(outcome.errors);
    }
    const after = outcome.segments;
    const afterKeys = new Set(after.map((s) => s.key));
    const changed = after.filter((s) => JSON.stringify(s) !== JSON.stringify(before.find((b) => b.key === s.key)));
    await repo.upsertSegments(tx, chainId, changed);
    for (const move of edit.moves ? await edit.moves(before, tx) : []) {
      await repo.moveMembers(tx, chainId, move.from, move.to, move.enterpriseIds);
    }
    await repo.deleteSegments(tx, chainId, before.filter((s) => !afterKeys.has(s.key)).map((s) => s.key));
    await repo.touchChain(tx, chainId);
    await recordWrites(tx, context, [{
      action: edit.action, entityType: CHAIN_ENTITY, entityKey: chainId, regionCode: chain.regionCode,
      before: { segments: summarise(before) }, after: { ...edit.detail, segments: summarise(after) },
    }]);
  });
}

/** Compact segment list for the history (names and links, not products). */
function summarise(segments: readonly Segment[]) {
  return segments.map((s) => ({ key: s.key, name: s.name, stage: s.stage, upstream: s.upstream }));
}

/**
 * Add a segment. @throws not_found, forbidden, validation_failed (`key` taken, `upstream[i]`
 * unknown or the segment itself, a cycle).
 */
export async function addChainSegment(db: Db, context: WriteContext, chainId: string, body: SegmentInput): Promise<void> {
  const errors: FieldError[] = [];
  const industryCodes = segmentIndustryCodes(body.industryCodes, 'industryCodes', errors);
  if (errors.length > 0) throw invalid(errors);
  await editSegments(db, context, chainId, {
    action: 'chain.segment.add',
    detail: { key: body.key, name: body.name },
    apply: (segments) => addSegment(segments, { key: body.key, name: body.name, stage: body.stage, upstream: body.upstream, products: [...new Set(body.products)], industryCodes }),
  });
}

/** Rename or change a segment. @throws as {@link addChainSegment}; not_found for an unknown key. */
export async function updateChainSegment(db: Db, context: WriteContext, chainId: string, key: string, body: UpdateSegmentBody): Promise<void> {
  const errors: FieldError[] = [];
  const industryCodes = body.industryCodes ? segmentIndustryCodes(body.industryCodes, 'industryCodes', errors) : undefined;
  if (errors.length > 0) throw invalid(errors);
  await editSegments(db, context, chainId, {
    action: 'chain.segment.update',
    detail: { key, change: body },
    apply: (segments) => requireSegment(segments, key) ?? updateSegment(segments, key, { ...body, products: body.products ? [...new Set(body.products)] : undefined, industryCodes }),
  });
}

/** not_found (as an edit result cannot say it) when the segment does not exist. */
function requireSegment(segments: readonly Segment[], key: string): undefined {
  if (!segments.some((s) => s.key === key)) {
    throw notFound('环节');
  }
  return undefined;
}

/**
 * Split a segment into new ones; members follow `memberMapping` (USCC → new key) or go to the
 * first new segment. @throws validation_failed naming `into[i].key`, `memberMapping.<uscc>`.
 */
export async function splitChainSegment(db: Db, context: WriteContext, chainId: string, key: string, body: SplitSegmentBody): Promise<void> {
  const errors: FieldError[] = [];
  const into = body.into.map((part, i) => ({ ...part, industryCodes: part.industryCodes ? segmentIndustryCodes(part.industryCodes, `into[${i}].industryCodes`, errors) : undefined }));
  const newKeys = new Set(into.map((p) => p.key));
  const mapping = new Map(Object.entries(body.memberMapping ?? {}).map(([uscc, to]) => [normaliseUscc(uscc), to]));
  for (const [uscc, to] of mapping) {
    if (!newKeys.has(to)) errors.push({ path: `memberMapping.${uscc}`, message: `${to} 不是拆分出的新环节` });
  }
  if (errors.length > 0) throw invalid(errors);
  await editSegments(db, context, chainId, {
    action: 'chain.segment.split',
    detail: { key, into: into.map((p) => p.key) },
    apply: (segments) => requireSegment(segments, key) ?? splitSegment(segments, key, into),
    moves: async (_before, tx) => {
      const members = await repo.selectMembers(tx, chainId, key);
      const unknown = [...mapping.keys()].filter((uscc) => !members.some((m) => m.uscc === uscc));
      if (unknown.length > 0) {
        throw invalid(unknown.map((uscc) => ({ path: `memberMapping.${uscc}`, message: '该企业不在被拆分的环节中' })));
      }
      const first = into[0].key;
      const byTarget = new Map<string, string[]>();
      for (const m of members) {
        const to = mapping.get(m.uscc) ?? first;
        byTarget.set(to, [...(byTarget.get(to) ?? []), m.enterpriseId]);
      }
      return [...byTarget].map(([to, enterpriseIds]) => ({ from: key, to, enterpriseIds }));
    },
  });
}

/** Merge segments into one; members are united. @throws validation_failed naming `keys[i]`, `into.key`. */
export async function mergeChainSegments(db: Db, context: WriteContext, chainId: string, body: MergeSegmentsBody): Promise<void> {
  await editSegments(db, context, chainId, {
    action: 'chain.segment.merge',
    detail: { keys: body.keys, into: body.into.key },
    apply: (segments) => mergeSegments(segments, body.keys, body.into),
    moves: async () => body.keys.filter((k) => k !== body.into.key).map((from) => ({ from, to: body.into.key })),
  });
}

/** Delete a segment, its members and the links to it. @throws not_found for an unknown key. */
export async function deleteChainSegment(db: Db, context: WriteContext, chainId: string, key: string): Promise<void> {
  await editSegments(db, context, chainId, {
    action: 'chain.segment.delete',
    detail: { key },
    apply: (segments) => requireSegment(segments, key) ?? deleteSegment(segments, key),
  });
}

/**
 * Place an enterprise in a segment (or change its role there).
 * @throws not_found, forbidden; validation_failed on `segmentKey` (unknown) or `uscc` (not found
 * in the writer's registry scope — worded so that it never reveals the enterprise exists).
 */
export async function addChainMember(db: Db, context: WriteContext, chainId: string, body: AddMemberBody): Promise<repo.MemberRecord> {
  const { actor } = context;
  const uscc = normaliseUscc(body.uscc);
  return db.transaction().execute(async (tx) => {
    const chain = await chainForWrite(tx, actor, chainId);
    const segments = await repo.selectSegments(tx, chainId);
    const errors: FieldError[] = [];
    if (!segments.some((s) => s.key === body.segmentKey)) {
      errors.push({ path: 'segmentKey', message: `环节 ${body.segmentKey} 不存在` });
    }
    const enterprise = await repo.selectEnterpriseInScope(tx, uscc, regionScopeOf(actor));
    if (!enterprise) {
      errors.push({ path: 'uscc', message: `未找到统一社会信用代码为 ${uscc} 的企业` });
    }
    if (errors.length > 0) {
      throw invalid(errors);
    }
    const source = body.source ?? 'manual';
    const confidence = source === 'suggestion' ? body.confidence ?? null : null;
    await repo.upsertMember(tx, { chainId, segmentKey: body.segmentKey, enterpriseId: enterprise!.id, role: body.role, source, confidence, createdBy: actorId(actor) });
    await repo.touchChain(tx, chainId);
    await recordWrites(tx, context, [{
      action: 'chain.member.add', entityType: CHAIN_ENTITY, entityKey: chainId, regionCode: chain.regionCode,
      after: { segmentKey: body.segmentKey, uscc, name: enterprise!.name, role: body.role, source, confidence },
    }]);
    const [member] = (await repo.selectMembers(tx, chainId, body.segmentKey)).filter((m) => m.uscc === uscc);
    return member;
  });
}

/** Remove an enterprise from a segment. @throws not_found when it is not there. */
export async function removeChainMember(db: Db, context: WriteContext, chainId: string, segmentKey: string, usccInput: string): Promise<void> {
  const uscc = normaliseUscc(usccInput);
  await db.transaction().execute(async (tx) => {
    const chain = await chainForWrite(tx, context.actor, chainId);
    const [member] = (await repo.selectMembers(tx, chainId, segmentKey)).filter((m) => m.uscc === uscc);
    if (!member || !(await repo.deleteMember(tx, chainId, segmentKey, member.enterpriseId))) {
      throw notFound('成员');
    }
    await repo.touchChain(tx, chainId);
    await recordWrites(tx, context, [{
      action: 'chain.member.remove', entityType: CHAIN_ENTITY, entityKey: chainId, regionCode: chain.regionCode,
      before: { segmentKey, uscc, name: member.name, role: member.role },
    }]);
  });
}

/** Members of one segment. @throws not_found for an unknown chain or segment. */
export async function listChainMembers(db: Db, actor: Actor, chainId: string, segmentKey: string): Promise<repo.MemberRecord[]> {
  const view = await getChain(db, actor, chainId);
  if (!view.segments.some((s) => s.key === segmentKey)) {
    throw notFound('环节');
  }
  return view.members.filter((m) => m.segmentKey === segmentKey);
}

/** Candidates fetched from SQL before scoring; the score then keeps the best. */
const CANDIDATE_CAP = 1500;

/**
 * Ranked enterprises of the chain's region that could fill a segment, with reasons. Only
 * writers see suggestions: they list registry enterprises that readers may not see.
 * @throws not_found, forbidden; validation_failed on an unknown `segmentKey`.
 */
export async function suggestChainMembers(db: Db, actor: Actor, chainId: string, query: SuggestionsQuery): Promise<Array<ScoredCandidate & { candidate: CandidateProfile }>> {
  const view = await getChain(db, actor, chainId);
  if (!view.canWrite) {
    throw new AppError('forbidden', 'Only writers of the chain see suggestions', { userMessage: '仅产业链所在地区的主管部门和平台管理员可以查看推荐' });
  }
  const segment = view.segments.find((s) => s.key === query.segmentKey);
  if (!segment) {
    throw invalid([{ path: 'segmentKey', message: `环节 ${query.segmentKey} 不存在` }]);
  }
  const rows = await repo.selectCandidates(db, {
    chainId, segmentKey: segment.key, regionPrefix: regionPrefix(view.chain.regionCode),
    divisions: [...new Set(segment.industryCodes.map((c) => c.slice(0, 3)))], industryCodes: segment.industryCodes,
    products: segment.products, cap: CANDIDATE_CAP,
  });
  const profile = { industryCodes: segment.industryCodes, products: segment.products, productTokens: chainTokens(segment.products.join('；')) };
  const candidates: CandidateProfile[] = rows.map((r) => ({ ...r, tokens: chainTokens(`${r.products.join('；')}；${r.capabilities}`) }));
  return rankCandidates(profile, candidates, query.limit);
}

/**
 * Remember a rejected suggestion: the enterprise is never suggested for that segment again.
 * @throws as {@link addChainMember}.
 */
export async function rejectSuggestion(db: Db, context: WriteContext, chainId: string, body: RejectSuggestionBody): Promise<void> {
  const { actor } = context;
  const uscc = normaliseUscc(body.uscc);
  await db.transaction().execute(async (tx) => {
    const chain = await chainForWrite(tx, actor, chainId);
    const segments = await repo.selectSegments(tx, chainId);
    const errors: FieldError[] = [];
    if (!segments.some((s) => s.key === body.segmentKey)) {
      errors.push({ path: 'segmentKey', message: `环节 ${body.segmentKey} 不存在` });
    }
    const enterprise = await repo.selectEnterpriseInScope(tx, uscc, regionScopeOf(actor));
    if (!enterprise) {
      errors.push({ path: 'uscc', message: `未找到统一社会信用代码为 ${uscc} 的企业` });
    }
    if (errors.length > 0) {
      throw invalid(errors);
    }
    await repo.insertRejection(tx, { chainId, segmentKey: body.segmentKey, enterpriseId: enterprise!.id, rejectedBy: actorId(actor) });
    await recordWrites(tx, context, [{
      action: 'chain.suggestion.reject', entityType: CHAIN_ENTITY, entityKey: chainId, regionCode: chain.regionCode,
      after: { segmentKey: body.segmentKey, uscc, name: enterprise!.name },
    }]);
  });
}
